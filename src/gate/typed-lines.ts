/**
 * A file that runs later, written line by line from the owner's words: every line the owner typed (its indentation
 * and a recipe header's closing `:` aside), so the model only laid out what the owner wrote ("a justfile with a test
 * recipe that runs pytest -q" → `test:` / `    pytest -q`). A line the owner did not type is the model's.
 */
import type { FlowState } from "./types.ts";

/** Lines read at most: a longer file is not the owner's line by line. */
const MaxLines = 64;

export function linesTypedByOwner(text: string, flow: Pick<FlowState, "ownerTexts">): boolean {
  const owner = flow.ownerTexts.map((t) => t.toLowerCase());
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  if (lines.length === 0 || lines.length > MaxLines) return false;
  return lines.every((line) => {
    const words = line.replace(/:$/, "").trim().toLowerCase();
    return words !== "" && owner.some((t) => t.includes(words));
  });
}

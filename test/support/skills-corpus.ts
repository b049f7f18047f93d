/** Test and bench support: the labelled skills corpus (skills-corpus/) and the skill directories in it. */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const skillsCorpusRoot = fileURLToPath(new URL("../../skills-corpus/", import.meta.url));

/** Every directory holding a SKILL.md under `dir` (bounded by the corpus's depth). */
export function skillDirs(dir: string, depth = 0): string[] {
  if (depth > 4) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) continue;
    if (readdirSync(path).includes("SKILL.md")) out.push(path);
    else out.push(...skillDirs(path, depth + 1));
  }
  return out;
}

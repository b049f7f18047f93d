/**
 * The files a command writes, when every one is a plain document: what the gate binds to the owner's request when a
 * read-only filter writes only files the owner named ("sort namen.txt into sorted.txt", "replace 'Angebot' in
 * angebot.md", `awk … lager.csv > nachbestellen.txt`: gate/owner-document-write.ts). A plain document here is what the
 * write tool keeps usable after untrusted content too: a document or data extension, no dot-named component, no
 * executable bit, no second (hard) link, no `#!` line, nothing in the workspace that runs it (a configuration or a run-later file naming it:
 * fs/run-later-configs.ts, fs/referenced-by.ts, whose bounds fail closed) and nothing it holds that runs later
 * (crontab lines, scheduled instructions: fs/run-later-content.ts). Never throws: anything unreadable is not one.
 */
import { lstatSync } from "node:fs";
import type { ExecFacts } from "../exec/index.ts";
import { isAbsolute, join, relative } from "node:path";
import { readHead } from "../core/read-head.ts";
import { namedByRunLaterConfig } from "../fs/run-later-configs.ts";
import { referencedByRunLater } from "../fs/referenced-by.ts";
import { runLaterContentOfChange } from "../fs/run-later-content.ts";

const DocumentExtensions: ReadonlySet<string> = new Set(["md", "markdown", "txt", "text", "csv", "tsv", "rst", "adoc", "org", "log"]);
const MaxTargets = 8;
const MaxHead = 64 * 1024;

function plainDocument(root: string, rel: string): boolean {
  const parts = rel.split("/");
  const name = parts.at(-1) ?? "";
  const dot = name.lastIndexOf(".");
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel) || parts.some((p) => p.startsWith(".")) || dot <= 0) return false;
  if (!DocumentExtensions.has(name.slice(dot + 1).toLowerCase())) return false;
  if (namedByRunLaterConfig(root, rel) !== undefined || referencedByRunLater(root, rel) !== undefined) return false;
  let st;
  try {
    st = lstatSync(join(root, rel));
  } catch {
    return true; // a new file: its name says what it is
  }
  // A second name for the same file (a hard link from `.git/hooks/pre-commit`) is that file too: `>` writes through it.
  if (!st.isFile() || st.nlink > 1 || (st.mode & 0o111) !== 0) return false;
  try {
    const text = readHead(join(root, rel), MaxHead).toString("utf8");
    return !text.startsWith("#!") && runLaterContentOfChange(rel, text, text) === undefined;
  } catch {
    return false;
  }
}

/** The workspace-relative paths the command writes (`writePaths`, real paths under `realRoot`) when all are plain documents. */
export function documentWrites(realRoot: string, writePaths: readonly string[]): string[] | undefined {
  if (writePaths.length === 0 || writePaths.length > MaxTargets) return undefined;
  const rels = writePaths.map((p) => relative(realRoot, p).replace(/\\/g, "/"));
  return rels.every((rel) => plainDocument(realRoot, rel)) ? rels : undefined;
}

/** Programs that take the names of what they read from their input, not their words. */
const NamesFromInput: ReadonlySet<string> = new Set(["xargs", "parallel"]);

/**
 * What the command reads, workspace-relative, from the analyzer's parse (operands of the allowlisted readers, option
 * values naming files, `<` redirections, globs expanded, links resolved): the gate checks the owner named each one
 * (gate/owner-document-write.ts). Undefined — fail closed — when the parse cannot name everything read: a program off
 * the allowlist or code it runs, a reader that reads its working directory or a repository unnamed (`grep -r x`,
 * `ls`, git), stored git contents, names taken from the input (`xargs`), the whole workspace, a path outside it.
 */
export function namedReads(realRoot: string, facts: Pick<ExecFacts, "readPaths" | "binaries" | "unknownEffects" | "executesCode" | "readsRepositoryContent" | "readsUnnamed">): string[] | undefined {
  if (facts.unknownEffects || facts.executesCode || facts.readsRepositoryContent || facts.readsUnnamed) return undefined;
  if (facts.binaries.some((b) => NamesFromInput.has(b.split("/").pop() ?? b))) return undefined;
  const rels: string[] = [];
  for (const p of facts.readPaths) {
    const rel = relative(realRoot, p).replace(/\\/g, "/");
    if (rel === "" || rel === ".." || rel.startsWith("../") || isAbsolute(rel)) return undefined;
    if (!rels.includes(rel)) rels.push(rel);
  }
  return rels;
}

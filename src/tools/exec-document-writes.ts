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

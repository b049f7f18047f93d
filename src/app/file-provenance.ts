/** File provenance for a turn: marks on what the agent writes, and the labels of marked bytes when read back. */
import type { ToolOutput, UntrustedWrittenFile, WorkspaceFileRef } from "../agent/tool.ts";
import { unaskedPrivateData, type FlowTracker } from "../gate/flow-tracker.ts";
import type { FlowState } from "../gate/types.ts";
import { agentFileSource } from "../gate/labels.ts";
import { statSync } from "node:fs";
import { sha256OfFile } from "../fs/changed-files.ts";
import { join } from "node:path";
import { isBlankMark, isWindowMark, strongerMark, type FileMark, type FileMarks } from "../fs/file-marks.ts";
import type { AuditSink } from "./policy-types.ts";

export type FileProvenanceDeps = { fileMarks: FileMarks; audit: AuditSink; notifyOwner: (text: string) => void };
export type FileProvenanceTurn = { tracker: Pick<FlowTracker, "noteWritten" | "state">; actor: string; key: string };

/**
 * Provenance follows the file, not the session: a write leaves a mark with this context's labels on the bytes
 * written; a read of marked bytes is labelled as the agent's own output from then (any session, job or turn).
 */
export function markFile(deps: FileProvenanceDeps, turn: FileProvenanceTurn, file: WorkspaceFileRef, output: ToolOutput): ToolOutput {
  const { tracker } = turn;
  if (file.wrote) {
    tracker.noteWritten(file.realPath);
    const flow = tracker.state();
    // An edit leaves the rest of the file as it was: a mark on the old bytes stays on the new ones (and the edit's
    // answer, which tells what the file holds, is labelled as reading the marked file is).
    let carried: FileMark | undefined;
    if (file.edited === true) {
      try {
        carried = deps.fileMarks.findAtPath(file.realPath);
      } catch {
        carried = { confidentiality: "secret", tainted: true, outside: true };
      }
    }
    const mark = strongerMark(contextMark(flow), carried);
    const labelled = carried === undefined ? output : { ...output, source: agentFileSource(file.realPath, carried) };
    // Written from a trusted context that held nothing private, over nothing marked: the owner's words, the owner's file.
    if (file.sha256 === undefined || isBlankMark(mark)) return labelled;
    try {
      deps.fileMarks.record({ path: file.realPath, sha256: file.sha256, size: file.size }, mark);
    } catch (error) {
      // The write happened; only this turn knows it was the agent's. Say so rather than fail the turn.
      alertUnmarked(deps, turn, `could not record that the agent wrote ${file.realPath} (storage error: ${String(error)})`);
    }
    return labelled;
  }
  let mark: ReturnType<FileMarks["find"]>;
  try {
    // Too large to hash whole: the bytes cannot be matched, the path can (a command may have written it).
    mark = file.sha256 === undefined ? deps.fileMarks.findAtPath(file.realPath) : deps.fileMarks.find({ path: file.realPath, sha256: file.sha256, size: file.size });
  } catch {
    // Marks that cannot be read are the worst marks.
    mark = { confidentiality: "secret", tainted: true, outside: true };
  }
  return mark === undefined ? output : { ...output, source: agentFileSource(file.realPath, mark) };
}

/**
 * The mark a write from this context leaves: its labels, and whether it held private data nobody asked for. A
 * context holding the system prompt's secrets (a door code, a Wi-Fi password) writes secret bytes: the file may
 * restate them in words, shifted or spelled out, where no copy check sees them.
 */
function contextMark(flow: FlowState): FileMark {
  const confidentiality = flow.promptSecret === true ? "secret" : flow.confidentiality;
  // Every untrusted origin the context had read, not only the first (the owner's file before the page that injected).
  const source = flow.tainted && flow.sources.length > 0 ? `${flow.sources.slice(0, 3).join(", ")}${flow.sources.length > 3 ? ` and ${flow.sources.length - 3} more` : ""}` : undefined;
  return {
    confidentiality, tainted: flow.tainted,
    ...(unaskedPrivateData(flow).length > 0 ? { unasked: true } : {}), ...(flow.tainted && flow.outside !== false ? { outside: true } : {}),
    ...(source !== undefined ? { source } : {}),
  };
}

/** The hash recorded for a file too large to hash: it matches no content, only the path (`findAtPath`). */
const UnhashedContent = "unhashed";

/**
 * Marks what a command changed in the workspace with the labels of the context it ran in: a command writes as the
 * agent does, through `>`, `cp`, `mv`, `sed -i` or a script, and names none of it.
 */
export function markChangedFiles(
  deps: FileProvenanceDeps,
  turn: FileProvenanceTurn,
  changed: { files: readonly WorkspaceFileRef[]; complete: boolean; window?: { sinceMs: number; untilMs: number } },
  read?: FileMark,
): void {
  const { tracker } = turn;
  const flow = tracker.state();
  // What the command could read travels into what it wrote, whatever the context: `sort -o f f` or `mv f g` in a
  // clean session keeps the marks on f's bytes.
  const mark = strongerMark(contextMark(flow), read);
  if (isBlankMark(mark)) return;
  const failed: string[] = [];
  for (const file of changed.files) {
    tracker.noteWritten(file.realPath);
    try {
      deps.fileMarks.record({ path: file.realPath, sha256: file.sha256 ?? UnhashedContent, size: file.size }, mark);
    } catch {
      failed.push(file.realPath);
    }
  }
  // Too many to mark one by one: every file whose status changed while the command ran is marked as a whole.
  let windowFailed = false;
  if (!changed.complete) {
    try {
      if (changed.window === undefined) throw new Error("no time span");
      deps.fileMarks.recordWindow("", changed.window.sinceMs, changed.window.untilMs, mark);
      deps.audit({ kind: "tool", actor: turn.actor, summary: "a command changed more files than Warden marks one by one; every file changed while it ran is marked", data: { session: turn.key } });
    } catch {
      windowFailed = true;
    }
  }
  if (failed.length === 0 && !windowFailed) return;
  const what = failed.length > 0
    ? `could not record that a command wrote ${failed.slice(0, 3).join(", ")}${failed.length > 3 ? ` and ${failed.length - 3} more` : ""} (storage error)`
    : "could not record which files a command changed in a workspace too large to look through whole (storage error)";
  alertUnmarked(deps, turn, what);
}

/** Some bytes the agent wrote carry no mark: later sessions may take their links for the owner's. Say so, both ways. */
function alertUnmarked(deps: FileProvenanceDeps, turn: FileProvenanceTurn, what: string): void {
  deps.audit({ kind: "alert", actor: turn.actor, summary: `${what}; later sessions may take their links for yours`, data: { session: turn.key } });
  deps.notifyOwner(`Warden: ${what}. Do not trust links in files the agent wrote from an untrusted context.`);
}

/** Marked files whose bytes are checked before a command runs; past this every recorded mark in its reach counts. */
const MaxMarkedFilesChecked = 256;
const MaxBytesCheckedPerCall = 32 * 1024 * 1024;

/**
 * The strongest mark on bytes a command or script could read, taken before it runs: every marked file at or
 * below the paths it may read (`root` is the workspace's real root; "" the whole workspace) whose bytes are still
 * the marked ones. A file the owner rewrote since is the owner's again; a file that cannot be checked counts.
 */
export function marksReadable(fileMarks: FileMarks, root: string, paths: readonly string[]): { mark: FileMark; files: string[]; untrusted: UntrustedWrittenFile[] } | undefined {
  if (paths.length === 0) return undefined;
  let listed: ReturnType<FileMarks["listUnder"]>;
  try {
    listed = fileMarks.listUnder(paths, MaxMarkedFilesChecked);
  } catch {
    // Marks that cannot be read are the worst marks.
    return { mark: { confidentiality: "secret", tainted: true, outside: true }, files: [], untrusted: [] };
  }
  let mark: FileMark | undefined;
  const files: string[] = [];
  const untrusted: UntrustedWrittenFile[] = [];
  // Bytes hashed to check marks before one command; past this the rest count unchecked (marked, never unmarked).
  let budget = MaxBytesCheckedPerCall;
  for (const file of listed.files) {
    const checked = listed.complete && budget >= file.size;
    if (checked) budget -= file.size;
    if (checked && !stillHolds(join(root, file.path), file)) continue;
    mark = strongerMark({ confidentiality: file.confidentiality, tainted: file.tainted, ...(file.source !== undefined ? { source: file.source } : {}) }, mark);
    files.push(file.path);
    // A window names no file: what a command changed below a folder while it ran.
    if (file.tainted) untrusted.push({ path: file.path, ...(isWindowMark(file) ? { window: true as const } : {}), ...(file.source !== undefined ? { source: file.source } : {}) });
  }
  return mark === undefined ? undefined : { mark, files, untrusted };
}

/** Whether the file at `path` still holds the marked bytes (an unhashed mark holds for whatever is there). */
function stillHolds(path: string, file: { sha256: string; size: number }): boolean {
  // A window's files are not listed one by one: it holds for as long as it is kept.
  if (isWindowMark(file)) return true;
  try {
    const st = statSync(path);
    if (!st.isFile()) return false;
    if (file.sha256 === UnhashedContent) return true;
    if (st.size !== file.size) return false;
    return sha256OfFile(path) === file.sha256;
  } catch (error) {
    // Gone is unmarked; anything else (unreadable) is kept.
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
}

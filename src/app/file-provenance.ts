/** File provenance for a turn: marks on what the agent writes, and the labels of marked bytes when read back. */
import type { ToolOutput, WorkspaceFileRef } from "../agent/tool.ts";
import type { FlowTracker } from "../gate/flow-tracker.ts";
import { agentFileSource } from "../gate/labels.ts";
import { strongerMark, type FileMark, type FileMarks } from "../fs/file-marks.ts";
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
        carried = { confidentiality: "secret", tainted: true };
      }
    }
    const mark = strongerMark({ confidentiality: flow.confidentiality, tainted: flow.tainted }, carried);
    const labelled = carried === undefined ? output : { ...output, source: agentFileSource(file.realPath, carried.confidentiality) };
    // Written from a trusted context that held nothing private, over nothing marked: the owner's words, the owner's file.
    if (file.sha256 === undefined || (!mark.tainted && mark.confidentiality === "public")) return labelled;
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
    mark = { confidentiality: "secret", tainted: true };
  }
  return mark === undefined ? output : { ...output, source: agentFileSource(file.realPath, mark.confidentiality) };
}

/** The hash recorded for a file too large to hash: it matches no content, only the path (`findAtPath`). */
const UnhashedContent = "unhashed";

/**
 * Marks what a command changed in the workspace with the labels of the context it ran in: a command writes as the
 * agent does, through `>`, `cp`, `mv`, `sed -i` or a script, and names none of it.
 */
export function markChangedFiles(deps: FileProvenanceDeps, turn: FileProvenanceTurn, changed: { files: readonly WorkspaceFileRef[]; complete: boolean }): void {
  const { tracker } = turn;
  const flow = tracker.state();
  if (!flow.tainted && flow.confidentiality === "public") return;
  const mark: FileMark = { confidentiality: flow.confidentiality, tainted: flow.tainted };
  const failed: string[] = [];
  for (const file of changed.files) {
    tracker.noteWritten(file.realPath);
    try {
      deps.fileMarks.record({ path: file.realPath, sha256: file.sha256 ?? UnhashedContent, size: file.size }, mark);
    } catch {
      failed.push(file.realPath);
    }
  }
  if (failed.length === 0 && changed.complete) return;
  const what = failed.length > 0 ? `could not record that a command wrote ${failed.slice(0, 3).join(", ")}${failed.length > 3 ? ` and ${failed.length - 3} more` : ""} (storage error)` : "a command ran in a workspace too large to look through whole; files past the limit it may have written are not marked";
  alertUnmarked(deps, turn, what);
}

/** Some bytes the agent wrote carry no mark: later sessions may take their links for the owner's. Say so, both ways. */
function alertUnmarked(deps: FileProvenanceDeps, turn: FileProvenanceTurn, what: string): void {
  deps.audit({ kind: "alert", actor: turn.actor, summary: `${what}; later sessions may take their links for yours`, data: { session: turn.key } });
  deps.notifyOwner(`Warden: ${what}. Do not trust links in files the agent wrote from an untrusted context.`);
}

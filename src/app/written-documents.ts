/**
 * Documents a command or a skill's script wrote that load a URL by themselves when opened. The write and edit
 * tools show their content to the gate before it lands (`flow.document_autoload`); a command's or a script's
 * writes are known only after it ran, so the same rule is applied to what changed then, and a document it refuses
 * is moved out of the workspace into Warden's snapshots (`warden undo <id>` puts it back) before anyone previews it.
 *
 * The context judged is the one that composed the call — a command can read the whole workspace, so it counts as
 * holding private data — and a skill's script is its publisher's code: its writes are judged as from an untrusted
 * context.
 */
import type { WorkspaceFileRef } from "../agent/tool.ts";
import type { Decision } from "../core/decision.ts";
import type { WorkspaceFs } from "../fs/index.ts";
import { autoLoadRule } from "../gate/decide.ts";
import { joinConfidentiality } from "../gate/labels.ts";
import type { FlowState } from "../gate/types.ts";
import { autoLoadingUrls } from "../scan/autoload-urls.ts";
import type { AuditSink } from "./policy-types.ts";

export type WrittenDocumentsDeps = {
  fs: Pick<WorkspaceFs, "read" | "remove">;
  audit: AuditSink;
  notifyOwner: (text: string) => void;
};

/** Changed files read back and checked per call; past this the owner is told, file by file checks stop. */
export const MaxCheckedDocuments = 64;

/** The context a command's or script's writes are judged in: the composing one, holding what it could read. */
export function writerContext(composing: FlowState, writer: "command" | "skill"): FlowState {
  const confidentiality = joinConfidentiality(composing.confidentiality, "private");
  return writer === "skill" ? { ...composing, tainted: true, confidentiality } : { ...composing, confidentiality };
}

/**
 * Whether a command's writes from this context need the check at all (cheap; no file is read otherwise). A command
 * composed in a clean context (the system prompt's secrets at most) was shown to the owner when it writes; its
 * files keep their links — a command that only touched the owner's README keeps its badges.
 */
function mayLeakThroughDocuments(flow: FlowState): boolean {
  return flow.tainted || flow.secretRead;
}

/**
 * Checks the files a command or script changed; moves each refused document out of the workspace. Returns the
 * note for the model and the owner (undefined when nothing was moved), never throws: a file that cannot be read
 * back or moved is reported, as a refusal would be.
 */
export async function guardWrittenDocuments(
  deps: WrittenDocumentsDeps,
  turn: { actor: string; key: string },
  flow: FlowState,
  files: readonly WorkspaceFileRef[],
): Promise<string | undefined> {
  if (!mayLeakThroughDocuments(flow)) return undefined;
  const candidates = files.filter((f) => f.wrote);
  const moved: string[] = [];
  const problems: string[] = [];
  for (const file of candidates.slice(0, MaxCheckedDocuments)) {
    const read = await deps.fs.read(file.realPath);
    if (!read.ok || read.binary) continue;
    const decision = autoLoadRule(flow, { path: file.realPath, autoLoads: await autoLoadingUrls(read.text, file.realPath) });
    if (decision === undefined || decision.decision === "allow") continue;
    // The file judged, not whatever its path leads to by now.
    const removed = await deps.fs.remove(file.realPath, read.opened);
    const why = describe(decision);
    if (removed.ok) {
      moved.push(`\`${file.realPath}\` (\`warden undo ${removed.snapshotId}\` puts it back): ${why}`);
      deps.audit({ kind: "gate", actor: turn.actor, summary: `moved ${file.realPath} out of the workspace: ${why}`, data: { session: turn.key, snapshot: removed.snapshotId, reasons: decision.reasons.map((r) => r.id) } });
    } else {
      problems.push(`\`${file.realPath}\` could not be moved (${removed.reason.message}): ${why}`);
      deps.audit({ kind: "alert", actor: turn.actor, summary: `could not move ${file.realPath} out of the workspace: ${why}`, data: { session: turn.key } });
    }
  }
  if (candidates.length > MaxCheckedDocuments) {
    problems.push(`the command changed ${candidates.length} files; only the first ${MaxCheckedDocuments} were checked for links that load when opened`);
    deps.audit({ kind: "alert", actor: turn.actor, summary: `a command changed ${candidates.length} files; ${MaxCheckedDocuments} checked for auto-loading links`, data: { session: turn.key } });
  }
  if (moved.length === 0 && problems.length === 0) return undefined;
  const note = [
    ...(moved.length > 0 ? [`Warden moved ${moved.length === 1 ? "a document" : `${moved.length} documents`} the command wrote out of the workspace before anyone opens ${moved.length === 1 ? "it" : "them"}: ${moved.join("; ")}.`] : []),
    ...(problems.length > 0 ? [`Warden: do not open what the command wrote before checking it: ${problems.join("; ")}.`] : []),
  ].join(" ");
  deps.notifyOwner(note);
  return note;
}

function describe(decision: Decision): string {
  return decision.reasons.map((r) => `${r.message} (${r.id})`).join("; ");
}

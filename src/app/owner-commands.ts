/**
 * What the owner's chat commands do once parsed (`channels/owner-command.ts` parses them; the inbound pipeline and
 * the gateway decide who may run them): answer an approval, start a session over.
 */
import { parseOwnerCommand } from "../channels/owner-command.ts";
import type { ApprovalService } from "../approvals/approvals.ts";
import type { TranscriptStore } from "../sessions/transcripts.ts";
import type { AuditSink } from "./policy-types.ts";

export type OwnerCommands = {
  /** `/approve ID` or `/deny ID`: the answer to show; undefined when the text is neither. Never throws. */
  answerApproval(text: string, by: string): string | undefined;
  /** `/new`: the session's history and labels (taint) are gone; returns what to tell the owner. */
  resetSession(sessionKey: string): string;
};

export function createOwnerCommands(deps: {
  approvals: Pick<ApprovalService, "resolve">;
  transcripts: Pick<TranscriptStore, "reset">;
  /** Forgets the live labels kept for the session. */
  forgetFlow: (sessionKey: string) => void;
  audit: AuditSink;
}): OwnerCommands {
  return {
    answerApproval(text, by) {
      const cmd = parseOwnerCommand(text);
      if (!cmd || (cmd.kind !== "approve" && cmd.kind !== "deny")) return undefined;
      try {
        const view = deps.approvals.resolve(cmd.id, cmd.kind, by);
        return `Approval ${view.id}: ${view.status}.`;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    },
    resetSession(sessionKey) {
      const removed = deps.transcripts.reset(sessionKey);
      deps.forgetFlow(sessionKey);
      deps.audit({ kind: "gate", actor: "owner", summary: `session reset: ${sessionKey} (${removed} message(s) removed, labels cleared)`, data: { session: sessionKey } });
      return "Started a new session: the earlier conversation and everything it read are forgotten.";
    },
  };
}

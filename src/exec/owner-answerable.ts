/**
 * Which of the exec policy's questions the owner answers by typing the command. The read-only allowlist asks about a
 * command whose programs are not on it, or that writes, deletes, runs code or reaches the network: "the owner decides".
 * An owner who typed that very command in a request of this turn has decided (the gate binds it: owner-command.ts).
 * Everything else the policy raises stays a question whoever typed the command: text Warden could not fully parse or
 * see through (substitutions, dynamic names, `eval`, wrappers, environment assignments), paths outside the workspace
 * or into Warden's state, credentials, privilege, `tools.exec.ask: always`.
 */
import type { Decision } from "../core/decision.ts";

/** The reasons the owner's typed command answers (each says what the command does, none that it could not be read). */
const AnsweredByTyping: ReadonlySet<string> = new Set([
  "exec.not_allowlisted", "exec.owner_required", "exec.writes", "exec.destructive", "exec.inline_code", "exec.argument_rule",
  "exec.network", "exec.allowlisted", "exec.owner_rule",
]);

/**
 * Whether the exec policy's decision over a command's own text asks only what typing the command answers: an ask (an
 * allow needs no answer, a deny is not the owner's to lift) every reason of which is in `AnsweredByTyping`.
 */
export function answeredByTyping(decision: Decision): boolean {
  return decision.decision === "ask" && decision.reasons.length > 0 && decision.reasons.every((r) => AnsweredByTyping.has(r.id));
}

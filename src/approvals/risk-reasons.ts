/**
 * Which of an approval's reasons tell the owner the risk — what could leave, to whom, from which untrusted source, or
 * on whose request (the flow and taint rules, a job's unnamed target, a call someone else asked for, a first message
 * to a stranger) — rather than how the tool's own policy classified the call. Every surface shows them first.
 */
type ReasonLike = { id: string };

export function isRiskReason(id: string): boolean {
  return id.startsWith("flow.") || id.startsWith("taint.") || id === "cron.unnamed_target" || id.endsWith("non_owner") || id === "message.first_contact";
}

/** The reasons, risk first, each group in the gate's order. */
export function riskFirst<R extends ReasonLike>(reasons: readonly R[]): { risk: R[]; rest: R[] } {
  return { risk: reasons.filter((r) => isRiskReason(r.id)), rest: reasons.filter((r) => !isRiskReason(r.id)) };
}

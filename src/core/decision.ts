/**
 * The gate's answer, shaped like Cedar's: a decision, a risk level and stable reason ids that show up in
 * approval prompts, the activity log and `warden security check`.
 */
export const Verdict = { Allow: "allow", Ask: "ask", Deny: "deny" } as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

export const Risk = { None: "none", Low: "low", Medium: "medium", High: "high", Critical: "critical" } as const;
export type Risk = (typeof Risk)[keyof typeof Risk];

const riskOrder: readonly Risk[] = ["none", "low", "medium", "high", "critical"];
const verdictOrder: readonly Verdict[] = ["allow", "ask", "deny"];

/** A stable id (`exec.network`, `url.private_address`, …) plus a human sentence. */
export type Reason = { id: string; message: string };

export type Decision = { decision: Verdict; risk: Risk; reasons: Reason[] };

export function maxRisk(a: Risk, b: Risk): Risk {
  return riskOrder.indexOf(a) >= riskOrder.indexOf(b) ? a : b;
}

export function strictestVerdict(a: Verdict, b: Verdict): Verdict {
  return verdictOrder.indexOf(a) >= verdictOrder.indexOf(b) ? a : b;
}

export function allow(risk: Risk, ...reasons: Reason[]): Decision {
  return { decision: "allow", risk, reasons };
}
export function ask(risk: Risk, ...reasons: Reason[]): Decision {
  return { decision: "ask", risk, reasons };
}
export function deny(risk: Risk, ...reasons: Reason[]): Decision {
  return { decision: "deny", risk, reasons };
}

/** Combines decisions: deny wins over ask wins over allow; the risk is the highest; all reasons are kept, deciding ones first. */
export function combineDecisions(decisions: readonly Decision[]): Decision {
  if (decisions.length === 0) {
    // INVARIANT: no decision at all is a deny — an empty policy never allows.
    return deny("high", { id: "gate.no_policy", message: "no policy produced a decision" });
  }
  let verdict: Verdict = "allow";
  let risk: Risk = "none";
  for (const d of decisions) {
    verdict = strictestVerdict(verdict, d.decision);
    risk = maxRisk(risk, d.risk);
  }
  // The reasons that decided come first (as Cedar's diagnostics name the determining policies); the rest follow.
  const reasons: Reason[] = [
    ...decisions.filter((d) => d.decision === verdict).flatMap((d) => d.reasons),
    ...decisions.filter((d) => d.decision !== verdict).flatMap((d) => d.reasons),
  ];
  return { decision: verdict, risk, reasons };
}

/** Runs a decision function; anything it throws becomes a deny that says so. */
export function decideSafely(fn: () => Decision): Decision {
  try {
    return fn();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return deny("high", { id: "gate.error", message: `the policy failed while deciding: ${message}` });
  }
}

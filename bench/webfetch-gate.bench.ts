// The web_fetch gate decision as the turn policy makes it: the tool's `assess` (the facts) then `decide`, for a host
// name, with the gateway's resolver being a real DNS server on loopback (UDP). Clock: assess + decide per call, with
// the DNS questions the decision sent counted (none: a name is looked up only by the fetch, after the gate allowed
// it). A loopback DNS answer is the best case: a real recursive lookup takes milliseconds to seconds.
// Run: node bench/webfetch-gate.bench.ts (prints one JSON object).
import { decide } from "../src/gate/decide.ts";
import { createSafeFetch } from "../src/net/safe-fetch.ts";
import { createWebFetchTool } from "../src/tools/web-fetch.ts";
import type { ToolContext } from "../src/agent/tool.ts";
import { startLoopbackDns } from "../test/support/loopback-dns.ts";
import { flowOf } from "../test/support/flow.ts";

const dns = await startLoopbackDns({ "docs.example": ["93.184.215.14"] });
const fetch = createSafeFetch({ resolve: dns.resolve });
const tool = createWebFetchTool({ fetch });
const context: ToolContext = { sessionKey: "agent:main:webchat:dm:owner", principal: { kind: "owner", id: "webchat:owner", channel: "webchat" }, signal: new AbortController().signal };
const flows = {
  trusted: flowOf(),
  untrustedPrivate: flowOf({ sources: ["https://news.example/today"], readData: [{ label: "file:notes.txt", value: "salary: 98765" }] }),
};
const urls = ["https://docs.example/guide?page=2", "http://salary-98765.exfil-dns-test.example/x"];

async function decideOnce(url: string, flow: (typeof flows)[keyof typeof flows]): Promise<void> {
  const a = await tool.assess({ url }, context);
  decide({ principal: context.principal, ownerSession: true, grants: "all", flow, facts: a.facts });
}

const out: Record<string, number> = {};
for (const [name, flow] of Object.entries(flows)) {
  for (let i = 0; i < 200; i++) await decideOnce(urls[i % urls.length] as string, flow);
  const before = dns.queries.length;
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const start = performance.now();
    await decideOnce(urls[i % urls.length] as string, flow);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) * 1000) / 1000;
  out[`${name}P50Ms`] = at(0.5);
  out[`${name}P99Ms`] = at(0.99);
  out[`${name}DnsQueriesPerDecision`] = (dns.queries.length - before) / times.length;
}
await fetch.close();
await dns.close();
process.stdout.write(`${JSON.stringify({ decisions: 2000, ...out })}\n`);

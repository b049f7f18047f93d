/**
 * The reply filter (src/app/reply-filter.ts) alone on 100 KB replies, the size the abuse benchmark's clients ask
 * for: plain prose, and Markdown dense with links, each for the owner in a clean context (only images and HTML can
 * be refused) and after a file was read (every link judged). Clock: wall time of one `filterReplyText` call, after
 * warm-up, in this process; the 1-minute load average beside it (the machine may be shared).
 * Run: node bench/reply-filter.bench.ts (prints one JSON object).
 */
import { loadavg } from "node:os";
import { filterReplyText } from "../src/app/reply-filter.ts";
import { createFlowTracker } from "../src/gate/flow-tracker.ts";

const deps = { redact: (t: string) => t, baseSecrets: () => [], systemPrompt: "You are Warden.", publicSystemPrompt: "You are Warden." };
const owner = { kind: "owner", id: "webchat:owner", channel: "webchat" } as const;
const tracker = (read: boolean) => {
  const t = createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 1_000_000, history: [], userText: "write a long answer", userSource: "owner" });
  if (read) t.observe("tool:read:notes.md", "notes with https://ok.example/report", false);
  return t.state();
};
const size = 100_000;
const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
const replies = {
  prose: fill("The quick brown fox jumps over the lazy dog, twice, and then writes a report. "),
  links: fill("Here is the **summary**, see [the report](https://ok.example/report) and https://other.example/raw, `code` _x_.\n\n"),
};

async function time(reply: string, read: boolean, runs: number): Promise<{ p50Ms: number; maxMs: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const state = tracker(read);
    const start = performance.now();
    await filterReplyText(deps, owner, state, reply, "owner");
    if (i >= 2) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { p50Ms: round(times[Math.floor(times.length / 2)] ?? NaN), maxMs: round(times.at(-1) ?? NaN) };
}

// The first call loads the Markdown parser (filterReplyText is async only for that import).
await filterReplyText(deps, owner, tracker(true), "warm [a](https://a.example)", "owner");
const result: Record<string, unknown> = { replyChars: size, clock: "wall time of one awaited filterReplyText call, the parser already loaded", loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 10) / 10 };
for (const [name, reply] of Object.entries(replies)) {
  result[`${name}CleanContext`] = await time(reply, false, 9);
  result[`${name}AfterFileRead`] = await time(reply, true, 5);
}
result.loadAverageAtEnd = Math.round((loadavg()[0] ?? 0) * 10) / 10;
process.stdout.write(`${JSON.stringify(result)}\n`);

/**
 * The reply filter (src/app/reply-filter.ts) alone on 100 KB replies, the size the abuse benchmark's clients ask
 * for: plain prose, and Markdown dense with links, each for the owner in a clean context (only images and HTML can
 * be refused) and after a file was read (every link judged). Clock: wall time of one `filterReplyText` call, after
 * warm-up, in this process; the 1-minute load average beside it (the machine may be shared). Then the same with the
 * gateway's worker pool (src/app/link-filter-pool.ts): four 100 KB link-dense replies after a file read at once, with
 * the wall time until all four are back and the longest the main thread's event loop was held meanwhile
 * (`monitorEventLoopDelay`, 10 ms resolution) — beside the same four rewritten on the main thread.
 * Run: node bench/reply-filter.bench.ts (prints one JSON object).
 */
import { loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createLinkFilterPool, defaultLinkFilterPool } from "../src/app/link-filter-pool.ts";
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
/** Four replies at once: the wall time until all are back and the event loop's longest stall meanwhile. */
async function four(rewrite: (text: string) => Promise<unknown>): Promise<{ wallMs: number; eventLoopMaxStallMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  // The monitor's timer starts with the next turn of the loop: give it one before the work.
  await new Promise((r) => setTimeout(r, 20));
  const start = performance.now();
  await Promise.all(Array.from({ length: 4 }, () => rewrite(replies.links)));
  const wallMs = Math.round(performance.now() - start);
  // Let the monitor take one more sample after the last reply.
  await new Promise((r) => setTimeout(r, 20));
  histogram.disable();
  return { wallMs, eventLoopMaxStallMs: Math.round(histogram.max / 1e6) };
}
const pool = createLinkFilterPool(defaultLinkFilterPool);
// The first long reply starts the worker (its module loading is not what this measures).
await pool.rewrite(replies.links, tracker(true));
result.fourLinksRepliesInWorkerPool = { workers: defaultLinkFilterPool.workers, ...(await four((text) => pool.rewrite(text, tracker(true)))) };
await pool.close();
result.fourLinksRepliesOnMainThread = await four((text) => filterReplyText(deps, owner, tracker(true), text, "owner"));
result.loadAverageAtEnd = Math.round((loadavg()[0] ?? 0) * 10) / 10;
process.stdout.write(`${JSON.stringify(result)}\n`);

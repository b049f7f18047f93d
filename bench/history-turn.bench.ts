/**
 * What one turn costs the gateway's main thread as its session's history grows, through the real runtime
 * (transcript store with its cipher, turn policy and gate, agent loop, OpenAI provider) against a loopback model in
 * its own worker thread that answers 100 KB to every message starting with "big".
 * Clock: `process.threadCpuUsage()` of the main thread (user + system) from sending the turn to its answer, so the
 * figure is the gateway's own work, whatever else the machine runs; wall time is reported beside it.
 * - oneSession: 60 turns in one session (its stored window grows to 120 messages, 6 MB): the first and last five.
 * - manySessions: 24 sessions taking turns (more history than the decoded-history cache holds, so every read
 *   misses it): the first and last rounds.
 * Prints one JSON line.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configSchema } from "../src/config/schema.ts";
import { statePaths, initStateDir } from "../src/state/home.ts";
import { createRuntime } from "../src/app/runtime.ts";
import { silentLogger } from "../src/core/logger.ts";
import { startFakeModelThread } from "./support/fake-model-thread.ts";

const home = mkdtempSync(join(tmpdir(), "warden-bench-history-"));
const model = await startFakeModelThread({ bigPrefix: "big", bigChars: 100_000 });
const paths = statePaths(join(home, "state"), undefined, join(home, "keys"));
initStateDir(paths);
const runtime = await createRuntime({
  paths, config: configSchema.parse({}), clock: Date.now, log: silentLogger(), providerRetries: 0,
  env: { model: "openai/bench", openaiBaseUrl: model.baseUrl, openaiApiKey: "bench" },
});

const cpuMs = () => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
};
async function turn(session: string): Promise<{ cpuMs: number; wallMs: number }> {
  const c0 = cpuMs();
  const t0 = performance.now();
  const answer = await runtime.handlers.chat({ text: "big please", session }, () => undefined, new AbortController().signal);
  if ("error" in answer && answer.error !== undefined) throw new Error(`turn failed: ${JSON.stringify(answer.error)}`);
  return { cpuMs: cpuMs() - c0, wallMs: performance.now() - t0 };
}
const mean = (xs: readonly { cpuMs: number; wallMs: number }[]) => ({
  cpuMs: Math.round(xs.reduce((a, x) => a + x.cpuMs, 0) / xs.length * 10) / 10,
  wallMs: Math.round(xs.reduce((a, x) => a + x.wallMs, 0) / xs.length * 10) / 10,
});

const result: Record<string, unknown> = { clock: "main-thread CPU time (process.threadCpuUsage) per turn, send to answer; wall time beside it" };
try {
  // Warm-up: modules, the Markdown parser, the secret rules.
  for (let i = 0; i < 3; i++) await turn("warmup");
  const one: { cpuMs: number; wallMs: number }[] = [];
  for (let i = 0; i < 60; i++) one.push(await turn("one"));
  result.oneSession = { turns: 60, replyChars: 100_000, first5: mean(one.slice(0, 5)), last5: mean(one.slice(-5)) };
  const rounds: { cpuMs: number; wallMs: number }[][] = [];
  for (let r = 0; r < 30; r++) {
    const round: { cpuMs: number; wallMs: number }[] = [];
    for (let s = 0; s < 24; s++) round.push(await turn(`many-${s}`));
    rounds.push(round);
  }
  result.manySessions = { sessions: 24, rounds: 30, firstRound: mean(rounds[0] ?? []), lastRound: mean(rounds.at(-1) ?? []) };
} finally {
  await runtime.close();
  await model.close();
  rmSync(home, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(result)}\n`);

// Owner reply latency under a flood of distinct strangers, through the real runtime (access control, pairing,
// rate limits, activity log, a scripted model on loopback) and the real Telegram adapter long-polling the local
// Bot API server. Clock: from the owner's update being queued at the Bot API to the bot's reply arriving there.
// Used by channels.bench.ts; also runnable alone: `node bench/owner-under-flood.ts` prints one JSON object.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configSchema } from "../src/config/schema.ts";
import { statePaths, initStateDir } from "../src/state/home.ts";
import { createRuntime } from "../src/app/runtime.ts";
import { startScriptedServer } from "../src/providers/scripted-server.ts";
import { buildTextUpdate, startFakeBotApi } from "../test/support/fake-bot-api.ts";
import { silentLogger } from "../src/core/logger.ts";

const token = "1:bench-flood-token";
const owner = 1000;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 1));
  }
  return true;
}

/**
 * `strangers` distinct strangers, pushed in `samples` equal slices; after each slice one owner message, whose
 * reply is awaited (bounded) before the next slice. With `strangers` 0 it measures the quiet baseline.
 */
export async function measureOwnerUnderFlood(strangers: number, samples = 20): Promise<{ p50: number; p99: number; max: number; lost: number; activityEntries: number }> {
  const home = mkdtempSync(join(tmpdir(), "warden-bench-flood-"));
  const api = await startFakeBotApi({ token });
  const model = await startScriptedServer({ fallbackReply: "owner reply" });
  const config = configSchema.parse({ channels: { telegram: { enabled: true, botToken: token, apiRoot: api.apiRoot, ownerIds: [String(owner)] } } });
  const paths = statePaths(join(home, "state"), undefined, join(home, "keys"));
  initStateDir(paths);
  const runtime = await createRuntime({
    paths, config, clock: Date.now, log: silentLogger(), providerRetries: 0,
    env: { model: "openai/scripted", openaiBaseUrl: model.openaiBaseUrl },
  });
  try {
    await runtime.startChannels();
    const entries0 = runtime.ops.activityLog.count();
    const ownerReplies = () => api.sent.filter((s) => s.method === "sendMessage" && Number(s.params.chat_id) === owner).length;
    const latencies: number[] = [];
    let lost = 0;
    const slice = Math.ceil(strangers / samples);
    let next = 0;
    for (let i = 0; i < samples; i++) {
      for (let j = 0; j < slice && next < strangers; j++, next++) {
        api.pushUpdate(buildTextUpdate({ from: { id: 5_000_000 + next, first_name: "Stranger" }, text: `hello ${next}` }));
      }
      const before = ownerReplies();
      const t0 = performance.now();
      api.pushUpdate(buildTextUpdate({ from: { id: owner, first_name: "Owner" }, text: `owner message ${i}` }));
      if (await waitFor(() => ownerReplies() > before, 60_000)) latencies.push(performance.now() - t0);
      else lost += 1;
    }
    await api.waitForConfirmed().catch(() => undefined);
    runtime.ops.activityLog.flush();
    const sorted = latencies.sort((a, b) => a - b);
    return {
      p50: Math.round(percentile(sorted, 50)), p99: Math.round(percentile(sorted, 99)), max: Math.round(sorted.at(-1) ?? Number.NaN),
      lost, activityEntries: runtime.ops.activityLog.count() - entries0,
    };
  } finally {
    await runtime.close();
    await model.close();
    await api.close();
    rmSync(home, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quiet = await measureOwnerUnderFlood(0);
  const flood = await measureOwnerUnderFlood(10_000);
  process.stdout.write(`${JSON.stringify({ quiet, flood })}\n`);
}

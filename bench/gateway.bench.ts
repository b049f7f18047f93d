/**
 * Issue #2 figures: cold start to ready, idle RSS of the gateway process tree, wall time of one `warden chat`
 * turn against the scripted provider, and gateway overhead per turn against calling the provider directly.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startScriptedServer } from "../src/providers/scripted-server.ts";
import { createOpenAIProvider } from "../src/providers/openai.ts";
import { rssTreeKb } from "./support/process-tree.ts";

const bin = fileURLToPath(new URL("../bin/warden", import.meta.url));
const runs = 5;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const round = (n: number) => Math.round(n * 10) / 10;

const model = await startScriptedServer({ fallbackReply: "ok" });
const home = mkdtempSync(join(tmpdir(), "warden-bench-"));
const env = { PATH: process.env.PATH, HOME: home, WARDEN_HOME: join(home, "state"), WARDEN_MODEL: "openai/bench", OPENAI_BASE_URL: model.openaiBaseUrl };

const startTimes: number[] = [];
let port = 0;
let pid = 0;
let stop: () => Promise<void> = async () => {};
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const child = spawn(bin, ["gateway", "--port", "0"], { env, stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("gateway did not start")), 20_000);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        port = Number(m[1]);
        resolve();
      }
    });
  });
  startTimes.push(performance.now() - t0);
  if (i < runs - 1) {
    await new Promise<void>((r) => { child.once("exit", () => r()); child.kill("SIGTERM"); });
  } else {
    pid = child.pid ?? 0;
    stop = () => new Promise<void>((r) => { child.once("exit", () => r()); child.kill("SIGTERM"); });
  }
}

await new Promise((r) => setTimeout(r, 1500));
const idleRssKb = rssTreeKb(pid);

const chatTimes: number[] = [];
for (let i = 0; i < runs * 2; i++) {
  const t0 = performance.now();
  // Async spawn: the scripted model server lives in this process and must keep answering.
  const code = await new Promise<number | null>((resolve) => spawn(bin, ["chat", "--message", "hi", "--port", String(port)], { env, stdio: "ignore" }).once("exit", resolve));
  if (code !== 0) throw new Error(`chat failed with exit ${code}`);
  chatTimes.push(performance.now() - t0);
}

// Overhead per turn: the same turn through the gateway's WebSocket vs. calling the provider directly, in-process.
const { default: WebSocket } = await import("ws");
const token = spawnSync(bin, ["token", "show"], { env, encoding: "utf8" }).stdout.trim();
const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { authorization: `Bearer ${token}` } });
await new Promise((r) => ws.once("open", r));
let id = 0;
const viaGateway = async () => {
  const myId = String(++id);
  await new Promise<void>((resolve) => {
    const onMessage = (d: Buffer) => {
      const f = JSON.parse(d.toString()) as { type: string; id?: string };
      if (f.type === "res" && f.id === myId) { ws.off("message", onMessage); resolve(); }
    };
    ws.on("message", onMessage);
    ws.send(JSON.stringify({ type: "req", id: myId, method: "chat.send", params: { text: "hi", session: `bench${id}` } }));
  });
};
const provider = createOpenAIProvider({ model: "bench", baseURL: model.openaiBaseUrl, timeoutMs: 10_000, maxRetries: 0 });
const direct = async () => {
  for await (const _ of provider.stream({ system: "s", messages: [{ role: "user", content: "hi" }], tools: [], maxOutputTokens: 100 })) { /* drain */ }
};
const measure = async (fn: () => Promise<void>, n: number) => {
  for (let i = 0; i < 20; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) { const t0 = performance.now(); await fn(); times.push(performance.now() - t0); }
  return times;
};
const gwTimes = await measure(viaGateway, 200);
const directTimes = await measure(direct, 200);
ws.close();
await stop();
await model.close();
rmSync(home, { recursive: true, force: true });

process.stdout.write(`${JSON.stringify({
  area: "gateway",
  figures: {
    coldStartToReadyMs: { p50: round(percentile(startTimes, 50)), max: round(Math.max(...startTimes)), runs },
    idleRssMbProcessTree: round(idleRssKb / 1024),
    cliChatTurnMs: { p50: round(percentile(chatTimes, 50)), p90: round(percentile(chatTimes, 90)), runs: chatTimes.length },
    gatewayOverheadPerTurnMs: { p50: round(percentile(gwTimes, 50) - percentile(directTimes, 50)), gatewayP50: round(percentile(gwTimes, 50)), directP50: round(percentile(directTimes, 50)) },
  },
})}\n`);

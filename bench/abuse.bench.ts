/**
 * RSS of a real `warden gateway` process (read from /proc/<pid>/status) before, during and after abusive clients:
 * non-reading WebSocket clients that flood chat requests, and 1,000 slowloris connections. The clock covers only
 * the abuse phases; the model is a scripted loopback server. Prints one JSON line.
 */
import { spawn } from "node:child_process";
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { connect as tcpConnect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { startScriptedServer } from "../src/providers/scripted-server.ts";

const wardenBin = fileURLToPath(new URL("../bin/warden", import.meta.url));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024);

const home = mkdtempSync(join(tmpdir(), "warden-abuse-"));
const model = await startScriptedServer({ fallbackReply: "z".repeat(100_000) });
const env = { PATH: process.env.PATH, HOME: home, WARDEN_HOME: join(home, "state"), WARDEN_MODEL: "openai/bench", OPENAI_BASE_URL: model.openaiBaseUrl, WARDEN_GATEWAY_TOKEN: "b".repeat(43) };
const child = spawn(wardenBin, ["gateway", "--port", "0"], { env, stdio: ["ignore", "pipe", "pipe"] });
let out = "";
const port = await new Promise<number>((resolve, reject) => {
  const onData = (d: Buffer) => {
    out += d.toString();
    const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
    if (m) resolve(Number(m[1]));
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  child.on("exit", (code) => reject(new Error(`gateway exited ${code}: ${out}`)));
});
const pid = child.pid as number;
const result: Record<string, unknown> = { clock: "abuse phases only; RSS of the gateway process (VmRSS)" };
await pause(1000);
result.baselineRssMb = rssMb(pid);

// Phase 1: 20 clients authenticate, stop reading, and send 50 chat requests each (100 KB replies).
const t1 = performance.now();
const clients: WebSocket[] = [];
let cutOff = 0;
for (let i = 0; i < 20; i++) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { authorization: `Bearer ${env.WARDEN_GATEWAY_TOKEN}` } });
  ws.on("error", () => undefined);
  ws.on("close", () => cutOff++);
  await new Promise<void>((r) => ws.once("message", () => r()));
  ws.pause();
  clients.push(ws);
}
let peak = 0;
for (let round = 0; round < 50; round++) {
  for (const [i, ws] of clients.entries()) {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: "req", id: `${round}`, method: "chat.send", params: { text: "flood", session: `nr${i}-${round % 4}` } }));
  }
  await pause(100);
  peak = Math.max(peak, rssMb(pid));
}
// A paused client sees its closing only once it reads again.
for (const ws of clients) ws.resume();
await pause(3000);
result.nonReading = { clients: clients.length, requestsEach: 50, peakRssMb: peak, closedByGateway: cutOff, ms: Math.round(performance.now() - t1) };
for (const ws of clients) ws.terminate();
await pause(3000);
result.afterNonReadingRssMb = rssMb(pid);

// Phase 2: 1,000 slowloris connections trickling header lines every 500 ms for up to 20 s.
const t2 = performance.now();
const slow: { socket: Socket; closed: boolean }[] = [];
for (let i = 0; i < 1000; i++) {
  const entry = { socket: tcpConnect(port, "127.0.0.1"), closed: false };
  entry.socket.on("error", () => undefined);
  entry.socket.on("close", () => (entry.closed = true));
  slow.push(entry);
}
let slowPeak = 0;
let allClosedAfterMs: number | undefined;
for (let round = 0; round < 40; round++) {
  for (const s of slow) if (!s.closed) s.socket.write(round === 0 ? "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" : `X-${round}: a\r\n`);
  slowPeak = Math.max(slowPeak, rssMb(pid));
  if (slow.every((s) => s.closed)) {
    allClosedAfterMs = Math.round(performance.now() - t2);
    break;
  }
  await pause(500);
}
result.slowloris = { connections: slow.length, closedByGateway: slow.filter((s) => s.closed).length, allClosedAfterMs: allClosedAfterMs ?? null, peakRssMb: slowPeak };
for (const s of slow) s.socket.destroy();
await pause(3000);
result.afterSlowlorisRssMb = rssMb(pid);

child.kill("SIGTERM");
await new Promise((r) => child.once("exit", r));
await model.close();
rmSync(home, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(result)}\n`);

/**
 * Gateway memory and a well-behaved client's latency under abusive clients, measured on a real `warden gateway`
 * process against a loopback model (100 KB replies for the abusers, "ok" for the well-behaved client):
 * - nonReading: 150 WebSocket clients authenticate, stop reading, and keep asking for 100 KB replies;
 * - burst: 10 connections ask for 2,000 turns (100 KB answers) as fast as the gateway takes them, reading the answers
 *   (each keeps 4 asked, asks again when refused; until all are answered, at most 120 s);
 * - slowloris: 1,000 connections trickle header lines and never finish a request.
 * For each: RSS (VmRSS of the gateway process) before, peak during, and after the abusers left (sampled for 20 s
 * and until it settles, at most 40 s), and the p50/p90/p99 of a well-behaved client's answered chat turns (one at a
 * time, 50 ms apart; a refusal such as `busy` is counted apart, and the three slowest are listed with their start)
 * while the abuse ran, beside the 1-minute load average and the gateway's CPU time (user + system) during the
 * phase and while it settled, and the bench's own (`benchCpuMs`: all its threads — the abusers, the model, the
 * well-behaved client — which share the machine's cores with the gateway). A first phase, "alone", is the control: the well-behaved client without abusers;
 * the RSS it settles at is the baseline the abuse phases are held to (`startRssMb` is the RSS before it).
 * Clocks: the turn latency is send-to-answer on the well-behaved client's socket; phase
 * times are wall time. A preloaded probe (bench/support/memory-probe.ts) reports where the memory is after each
 * phase (JS heap, buffers), and after a forced full collection at the baseline and at the very end only (live
 * objects apart from garbage); the gateway runs with --expose-gc for that. The probe also gives the gateway's longest
 * event-loop stall during each abuse (`gatewayEventLoopStallDuringAbuse`). Each answered well-behaved turn is split
 * at the model, whose thread notes when the turn's request arrived and when it answered (see `split`): `beforeModel`
 * and `afterModel` are the gateway's part (and the sockets'), `model` the bench's own; `modelCalls` counts the model calls the
 * gateway made during each phase (the turns it ran, refusals apart). WARDEN_BENCH_GATEWAY_LOG=FILE keeps the
 * gateway's output (its log lines, and --trace-gc given in WARDEN_BENCH_V8_FLAGS). The loopback model runs in its own worker
 * thread (bench/support/fake-model-thread.ts), as the well-behaved client does: parsing the abusers' multi-megabyte
 * requests must not slow the answers to the well-behaved client's small ones on the bench's side. Prints one JSON line.
 */
import { spawn } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from "node:fs";
import { connect as tcpConnect, type Socket } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import WebSocket from "ws";
import { startFakeModelThread } from "./support/fake-model-thread.ts";
import type { ModelTiming } from "./support/fake-model.ts";

const wardenBin = fileURLToPath(new URL("../bin/warden", import.meta.url));
const probe = fileURLToPath(new URL("./support/memory-probe.ts", import.meta.url));
const wellBehavedClient = new URL("./support/well-behaved-client.ts", import.meta.url);
const now = () => performance.timeOrigin + performance.now();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** CPU time (user + system, ms) the gateway process has used so far, from /proc (clock ticks of 10 ms). */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const load1 = () => Math.round((loadavg()[0] ?? 0) * 10) / 10;
const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024);

const home = mkdtempSync(join(tmpdir(), "warden-abuse-"));
const memoryFile = join(home, "memory.jsonl");
const model = await startFakeModelThread({ bigPrefix: "big", bigChars: 100_000 });
const token = "b".repeat(43);
const env = {
  PATH: process.env.PATH, HOME: home, WARDEN_HOME: join(home, "state"), WARDEN_MODEL: "openai/bench", OPENAI_BASE_URL: model.baseUrl,
  OPENAI_API_KEY: "bench", WARDEN_GATEWAY_TOKEN: token, WARDEN_BENCH_MEMORY_FILE: memoryFile, WARDEN_BENCH_V8_FLAGS: process.env.WARDEN_BENCH_V8_FLAGS ?? "",
  // Experiments: extra V8 flags or allocator settings for the gateway process, reported with the figures.
  NODE_OPTIONS: `--import=${probe} --expose-gc ${process.env.WARDEN_BENCH_GATEWAY_NODE_OPTIONS ?? ""}`.trim(),
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("MALLOC_"))),
};
// Experiments: a config file for the gateway (JSON5 text, e.g. `{ gateway: { maxConcurrentTurns: 4 } }`), reported.
const gatewayConfig = process.env.WARDEN_BENCH_GATEWAY_CONFIG ?? "";
if (gatewayConfig !== "") {
  mkdirSync(join(home, "state"), { recursive: true, mode: 0o700 });
  writeFileSync(join(home, "state", "config.json5"), gatewayConfig, { mode: 0o600 });
}
const spawnedAt = now();
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
  child.on("exit", (code) => reject(new Error(`gateway exited ${code}: ${out.slice(-2000)}`)));
});
// Keep draining the gateway's output so a full pipe never blocks it; WARDEN_BENCH_GATEWAY_LOG keeps it in that file
// (with --trace-gc in WARDEN_BENCH_GATEWAY_NODE_OPTIONS: which collections ran during a phase, and how long).
child.stdout.removeAllListeners("data");
child.stderr.removeAllListeners("data");
const gatewayLog = process.env.WARDEN_BENCH_GATEWAY_LOG ?? "";
if (gatewayLog !== "") {
  writeFileSync(gatewayLog, out);
  const keep = (d: Buffer) => appendFileSync(gatewayLog, d);
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
}
child.stdout.resume();
child.stderr.resume();
const pid = child.pid as number;

/** Where the memory is, from the probe inside the gateway. */
const probeLines = () => (existsSync(memoryFile) ? readFileSync(memoryFile, "utf8").split("\n").filter((l) => l !== "") : []);
async function memoryBreakdown(afterGc = false): Promise<unknown> {
  const before = probeLines().length;
  process.kill(pid, afterGc ? "SIGWINCH" : "SIGUSR2");
  for (let i = 0; i < 300; i++) {
    await pause(100);
    const lines = probeLines();
    if (lines.length > before) return JSON.parse(lines.at(-1) ?? "null") as unknown;
  }
  return null;
}

async function openClient(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { authorization: `Bearer ${token}` } });
  ws.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once("message", () => resolve());
    ws.once("close", () => reject(new Error("closed before hello")));
  });
  return ws;
}

/** The well-behaved client runs in a worker thread (bench/support/well-behaved-client.ts). */
type Turn = { at: number; ms: number; ok: boolean };
async function startWellBehaved(): Promise<{ during(from: number, to: number): Turn[]; stop(): Promise<void> }> {
  const worker = new Worker(wellBehavedClient, { workerData: { port, token } });
  const samples: Turn[] = [];
  const done = new Promise<void>((resolve) => {
    worker.on("message", (m: { at?: number; ms?: number; ok?: boolean; done?: boolean }) => {
      if (m.done === true) resolve();
      else if (m.at !== undefined && m.ms !== undefined) samples.push({ at: m.at, ms: m.ms, ok: m.ok === true });
    });
    worker.once("exit", () => resolve());
  });
  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
  return {
    // Every turn that was running at some point between the two times.
    during: (from, to) => samples.filter((s) => s.at + s.ms >= from && s.at <= to),
    stop: async () => {
      worker.postMessage("stop");
      await done;
      await worker.terminate();
    },
  };
}

/** The `q` quantile of `values` (sorted here), rounded to the ms; NaN when there are none. */
const quantile = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN);
};

/**
 * A small turn's time split at the model: from the client's send until the model had the request (the gateway's
 * inbound part: frame, admission, history, building and sending the request), the model's own (its thread reading
 * the request and answering), and from the model's answer until the client had the reply (the gateway's outbound
 * part: reading the stream, storing, filtering, serialising, sending). The model request is the one small request
 * the model received while the turn ran (the client has one turn at a time; abusers ask for big answers).
 */
type Split = { beforeModelMs: number; modelMs: number; afterModelMs: number };
function split(turn: Turn, timings: readonly ModelTiming[]): Split | undefined {
  const end = turn.at + turn.ms;
  const mine = timings.filter((t) => t.headersAt >= turn.at && t.answeredAt <= end);
  if (mine.length !== 1) return undefined;
  const t = mine[0] as ModelTiming;
  return { beforeModelMs: Math.round(t.headersAt - turn.at), modelMs: Math.round(t.answeredAt - t.headersAt), afterModelMs: Math.round(end - t.answeredAt) };
}

/**
 * The well-behaved client's turns: latency over the answered ones (a refusal such as `busy` is quick but is not
 * service, so it is counted apart), the slowest few with when they started (ms after `from`), and each part of the
 * split (see `split`) at p50/p99 over the turns it could be told for (`splitTurns`).
 */
function latency(turns: Turn[], from: number, timings: readonly ModelTiming[]) {
  const answered = turns.filter((t) => t.ok);
  const ms = answered.map((t) => t.ms);
  const slowest = [...answered].sort((a, b) => b.ms - a.ms).slice(0, 3).map((t) => ({ startMs: Math.round(t.at - from), ms: Math.round(t.ms), ...split(t, timings) }));
  const splits = answered.map((t) => split(t, timings)).filter((x) => x !== undefined);
  const part = (k: keyof Split) => ({ p50Ms: quantile(splits.map((x) => x[k]), 0.5), p99Ms: quantile(splits.map((x) => x[k]), 0.99) });
  return {
    turns: ms.length, refused: turns.length - answered.length, p50Ms: quantile(ms, 0.5), p90Ms: quantile(ms, 0.9), p99Ms: quantile(ms, 0.99), maxMs: quantile(ms, 1), slowest,
    splitTurns: splits.length, beforeModel: part("beforeModelMs"), model: part("modelMs"), afterModel: part("afterModelMs"),
  };
}

/**
 * RSS every second after the abusers left, for at least 20 s (V8's memory reducer first looks 8 s after a burst,
 * then every 8 s), until two readings 5 s apart differ by < 2 MB (at most 40 s).
 */
const watchAtLeastS = Number(process.env.WARDEN_BENCH_ABUSE_WATCH_S ?? 20);
async function settledRss(): Promise<{ afterRssMb: number; settleSeconds: number; rssEverySecondMb: number[] }> {
  const readings: number[] = [];
  const last = Math.max(40, watchAtLeastS);
  for (let s = 1; s <= last; s++) {
    await pause(1000);
    readings.push(rssMb(pid));
    if (s >= watchAtLeastS && Math.abs((readings.at(-1) ?? 0) - (readings.at(-6) ?? 0)) < 2) return { afterRssMb: readings.at(-1) ?? 0, settleSeconds: s, rssEverySecondMb: readings };
  }
  return { afterRssMb: readings.at(-1) ?? 0, settleSeconds: last, rssEverySecondMb: readings };
}

// WARDEN_BENCH_ABUSE_PHASES=burst,slowloris runs only those phases (to study one); the result names what ran.
const onlyPhases = (process.env.WARDEN_BENCH_ABUSE_PHASES ?? "").split(",").filter((p) => p !== "");
async function phase(name: string, good: { during(from: number, to: number): Turn[] }, abuse: (sample: () => void) => Promise<Record<string, unknown>>): Promise<Record<string, unknown> | undefined> {
  if (onlyPhases.length > 0 && !onlyPhases.includes(name)) return undefined;
  const beforeRssMb = rssMb(pid);
  const loadAtStart = load1();
  const cpu0 = cpuMs(pid);
  const bench0 = process.cpuUsage();
  const calls0 = await model.calls();
  let peakRssMb = beforeRssMb;
  const sample = () => {
    peakRssMb = Math.max(peakRssMb, rssMb(pid));
  };
  // The probe's event-loop figures run from its previous line: one now, so the next covers the abuse alone.
  await memoryBreakdown();
  const t0 = now();
  const detail = await abuse(sample);
  const ms = Math.round(now() - t0);
  const gatewayEventLoopStallDuringAbuse = ((await memoryBreakdown()) as { eventLoopStall?: unknown } | null)?.eventLoopStall;
  const wellBehaved = latency(good.during(t0, now()), t0, await model.smallTimings());
  const gatewayCpuMs = cpuMs(pid) - cpu0;
  const benchUsed = process.cpuUsage(bench0);
  const benchCpuMs = Math.round((benchUsed.user + benchUsed.system) / 1000);
  const modelCalls = (await model.calls()) - calls0;
  const loadAtEnd = load1();
  const cpu1 = cpuMs(pid);
  const settled = await settledRss();
  return {
    name, startedMsAfterSpawn: Math.round(t0 - spawnedAt), beforeRssMb, peakRssMb, ...settled, abuseMs: ms, wellBehaved, gatewayEventLoopStallDuringAbuse, loadAverage: { atStart: loadAtStart, atEnd: loadAtEnd },
    gatewayCpuMs, benchCpuMs, modelCalls, gatewayCpuMsWhileSettling: cpuMs(pid) - cpu1, ...detail, memoryAfter: await memoryBreakdown(),
  };
}

const result: Record<string, unknown> = {
  gatewayNodeOptions: process.env.WARDEN_BENCH_GATEWAY_NODE_OPTIONS ?? "",
  gatewayConfig,
  gatewayV8Flags: process.env.WARDEN_BENCH_V8_FLAGS ?? "",
  mallocEnv: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("MALLOC_"))),
  clock: "turn latency: send-to-answer of a well-behaved client during each abuse; RSS: VmRSS of the gateway process",
  // Latency on a shared machine says little without the load beside it (1-minute load average, at start and end).
  loadAverageAtStart: load1(),
};
try {
  await pause(1000);
  const good = await startWellBehaved();
  await pause(3000);
  result.startRssMb = rssMb(pid);
  result.baselineMemory = await memoryBreakdown();
  result.baselineMemoryAfterGc = await memoryBreakdown(true);
  const t = now();
  await pause(3000);
  result.idleWellBehaved = latency(good.during(t, now()), t, await model.smallTimings());
  const ran: (Record<string, unknown> | undefined)[] = [];

  // The control: the well-behaved client alone for as long as an abuse phase, then the same watch. Its p99 is what
  // the machine's load gives without abusers; its RSS after is what the client's own garbage adds by then.
  ran.push(await phase("alone", good, async (sample) => {
    for (let i = 0; i < 50; i++) {
      await pause(200);
      sample();
    }
    return {};
  }));
  // The baseline the abuse phases are held to: the warm gateway serving the well-behaved client alone, once settled
  // (the first turns load the Markdown parser and the like; the client's own garbage comes and goes with V8's
  // collections). Without the control phase, the RSS 3 s after start.
  result.baselineRssMb = (ran[0]?.afterRssMb as number | undefined) ?? result.startRssMb;


  ran.push(await phase("nonReading", good, async (sample) => {
    const clients: WebSocket[] = [];
    // Closed as slow consumers (4008 seen), and closed by the gateway at all (also a terminate after the close frame
    // waited behind unread data, seen as 1006) before the benchmark ends them.
    let closedByGateway = 0;
    let closedBeforeTheEnd = 0;
    let ending = false;
    for (let i = 0; i < 150; i++) {
      const ws = await openClient();
      ws.on("close", (code) => {
        if (code === 4008) closedByGateway++;
        if (!ending) closedBeforeTheEnd++;
      });
      ws.pause();
      clients.push(ws);
    }
    for (let round = 0; round < 30; round++) {
      for (const [i, ws] of clients.entries()) {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: "req", id: `${round}`, method: "chat.send", params: { text: "big flood", session: `nr${i}` } }));
      }
      await pause(200);
      sample();
    }
    // A paused client sees its closing only once it reads again.
    for (const ws of clients) ws.resume();
    await pause(3000);
    sample();
    ending = true;
    for (const ws of clients) ws.terminate();
    return { clients: clients.length, requestsEach: 30, closedByGateway, closedBeforeTheEnd };
  }));

  ran.push(await phase("burst", good, async (sample) => {
    // 2,000 turns asked for as fast as the gateway takes them, by 10 connections that read their answers: each
    // keeps maxConcurrentTurnsPerClient (4) asked (40 at once at the start), asks the next as soon as one is answered,
    // and asks a refused one again 100 ms later (the refusal says it is retryable); each turn in a session of its own.
    // Until all are answered or 120 s have passed. The bench reads only the head of each answer (its id and ok).
    const conns = await Promise.all(Array.from({ length: 10 }, () => openClient()));
    const total = 2000;
    let next = 0;
    let answered = 0;
    let refusals = 0;
    let closedByGateway = 0;
    let allAnsweredAfterMs: number | null = null;
    const start = performance.now();
    const ask = (ws: WebSocket, i: number) => ws.send(JSON.stringify({ type: "req", id: `b${i}`, method: "chat.send", params: { text: "big burst", session: `burst${i}` } }));
    const done = new Promise<void>((resolve) => {
      for (const ws of conns) {
        ws.on("message", (d: Buffer) => {
          const head = /^\{"type":"res","id":"b(\d+)","ok":(true|false)/.exec(d.subarray(0, 64).toString());
          if (head === null) return;
          const i = Number(head[1]);
          if (head[2] === "false") {
            refusals++;
            setTimeout(() => ws.readyState === WebSocket.OPEN && ask(ws, i), 100);
            return;
          }
          if (++answered === total) {
            allAnsweredAfterMs = Math.round(performance.now() - start);
            resolve();
          }
          if (next < total) ask(ws, next++);
        });
        ws.on("close", () => {
          if (++closedByGateway === conns.length) resolve();
        });
        for (let k = 0; k < 4 && next < total; k++) ask(ws, next++);
      }
    });
    const timer = setInterval(sample, 200);
    await Promise.race([done, pause(120_000)]);
    clearInterval(timer);
    sample();
    for (const ws of conns) ws.removeAllListeners("close");
    for (const ws of conns) ws.terminate();
    return { turnsAsked: total, answered, refusedAndAskedAgain: refusals, closedByGateway, allAnsweredAfterMs };
  }));

  ran.push(await phase("slowloris", good, async (sample) => {
    const slow: { socket: Socket; closed: boolean }[] = [];
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) {
      const entry = { socket: tcpConnect(port, "127.0.0.1"), closed: false };
      entry.socket.on("error", () => undefined);
      // Read what comes (a 408): a socket with unread data never reports its close.
      entry.socket.resume();
      entry.socket.on("close", () => (entry.closed = true));
      slow.push(entry);
    }
    let allClosedAfterMs: number | null = null;
    for (let round = 0; round < 60; round++) {
      for (const s of slow) if (!s.closed) s.socket.write(round === 0 ? "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" : `X-${round}: a\r\n`);
      sample();
      if (slow.every((s) => s.closed)) {
        allClosedAfterMs = Math.round(performance.now() - t0);
        break;
      }
      await pause(500);
    }
    const closedByGateway = slow.filter((s) => s.closed).length;
    for (const s of slow) s.socket.destroy();
    return { connections: slow.length, closedByGateway, allClosedAfterMs };
  }));

  await good.stop();
  const phases = ran.filter((p) => p !== undefined);
  result.phases = phases;
  // Live objects against the baseline's, both after a full collection: growth here would be retention.
  result.finalMemoryAfterGc = await memoryBreakdown(true);
  result.loadAverageAtEnd = load1();
  const abuse = phases.filter((p) => p.name !== "alone");
  result.withinFiftyMbOfBaseline = abuse.every((p) => (p.afterRssMb as number) - (result.baselineRssMb as number) <= 50);
  result.wellBehavedP99Under200Ms = abuse.every((p) => (p.wellBehaved as { p99Ms: number }).p99Ms < 200);
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await model.close();
  rmSync(home, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(result)}\n`);

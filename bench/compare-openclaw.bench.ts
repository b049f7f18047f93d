/**
 * Warden and OpenClaw side by side, in one run, on this machine, against the same loopback model (an
 * OpenAI-compatible server that answers "ok"). Nothing here is a remembered figure: when OpenClaw cannot be
 * installed or started, its column says `unavailable: <reason>`.
 *
 * OpenClaw is installed with npm into a directory under the system temp dir (outside this repository; kept
 * between runs, keyed by version; `OPENCLAW_VERSION` picks one, default the registry's latest). This is the
 * only benchmark that uses the network, and only for that installation. It is not part of `npm test`.
 *
 * What each clock covers (wall time, measured from this process):
 * - readyMs: from spawning `<cli> gateway` until the gateway prints that it is ready (Warden: "listening on",
 *   OpenClaw: "[gateway] ready"); includes loading the code.
 * - idleRssMb: resident memory of the gateway's whole process tree, 5 s after ready.
 * - cliStartMs: one `<cli> --version` process, spawn to exit (Warden without `--version` runs `--help`;
 *   `cliStartCommand` says which).
 * - cliTurnMs: one CLI turn through the running gateway, spawn to exit (`warden chat --message`,
 *   `openclaw agent --message`).
 * - gatewayOverheadMs: p50 of one HTTP turn through the gateway (Warden POST /api/chat, OpenClaw POST
 *   /v1/chat/completions) minus p50 of the same model call made directly.
 * - throughputTurnsPerSec: HTTP turns answered per second with 4 requests at once (Warden's default limit per
 *   client address), over `throughputTurns` turns.
 * - auditMs: one `<cli> security audit --json` process on the fresh install, spawn to exit.
 * Prints one JSON line.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startFakeModel } from "./support/fake-model.ts";
import { rssTreeKb } from "./support/process-tree.ts";

const node = process.execPath;
const wardenBin = fileURLToPath(new URL("../bin/warden", import.meta.url));
const runs = 3;
const turns = 40;
const throughputTurns = 200;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

type Cli = { name: string; command: string; args: string[]; env: NodeJS.ProcessEnv };
type Gateway = { child: ChildProcess; port: number; readyMs: number };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Wall time of one CLI process, spawn to exit; throws with its output when it fails. */
async function timeCli(cli: Cli, args: string[], options: { timeoutMs?: number; anyExit?: boolean } = {}): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 180_000;
  const t0 = performance.now();
  const child = spawn(cli.command, [...cli.args, ...args], { env: cli.env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  // `anyExit`: a command whose exit code carries a result (an audit with findings exits non-zero).
  if (code === null || (code !== 0 && options.anyExit !== true)) throw new Error(`\`${cli.name} ${args.join(" ")}\` exited ${code}: ${out.slice(-400)}`);
  return performance.now() - t0;
}

async function startGateway(cli: Cli, args: string[], ready: RegExp, port: number): Promise<Gateway> {
  const t0 = performance.now();
  const child = spawn(cli.command, [...cli.args, ...args], { env: cli.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  const readyMs = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within 180 s: ${out.slice(-400)}`)), 180_000);
    const onData = (d: Buffer) => {
      // Without colour codes, so a pattern can anchor on whole lines.
      out += d.toString().replace(/\x1b\[[0-9;]*m/g, "");
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(performance.now() - t0);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before ready: ${out.slice(-400)}`));
    });
  });
  child.stdout.removeAllListeners("data").resume();
  child.stderr.removeAllListeners("data").resume();
  return { child, port, readyMs };
}

async function stopGateway(g: Gateway): Promise<void> {
  if (g.child.exitCode !== null) return;
  const exited = new Promise((r) => g.child.once("exit", r));
  // The whole process group: OpenClaw starts helper processes of its own.
  process.kill(-(g.child.pid as number), "SIGTERM");
  await Promise.race([exited, pause(30_000)]);
  if (g.child.exitCode === null) process.kill(-(g.child.pid as number), "SIGKILL");
}

/** One HTTP turn; throws unless the answer is 2xx. */
async function httpTurn(url: string, token: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
}

async function turnFigures(turn: (i: number) => Promise<void>, direct: () => Promise<void>): Promise<Record<string, number>> {
  for (let i = 0; i < 5; i++) await turn(-1 - i);
  const through: number[] = [];
  const straight: number[] = [];
  for (let i = 0; i < turns; i++) {
    let t = performance.now();
    await turn(i);
    through.push(performance.now() - t);
    t = performance.now();
    await direct();
    straight.push(performance.now() - t);
  }
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < throughputTurns) await turn(1000 + next++);
  }));
  const seconds = (performance.now() - t0) / 1000;
  return {
    httpTurnP50Ms: round(median(through)),
    directModelCallP50Ms: round(median(straight)),
    gatewayOverheadMs: round(median(through) - median(straight)),
    throughputTurnsPerSec: round(throughputTurns / seconds),
  };
}

/** One system under test: how to run its CLI, start its gateway, and make a turn through it. */
type Subject = {
  cli: Cli;
  startArgs: string[];
  gatewayArgs(port: number): string[];
  ready: RegExp;
  /** Before each gateway start (OpenClaw reads its port from its config file). */
  prepare?(port: number): void;
  cliTurnArgs(i: number, port: number): string[];
  httpTurn(i: number, port: number): Promise<void>;
};

/** Every figure for one subject, in the same order and with the same clocks; a part that fails says why. */
async function measure(subject: Subject, direct: () => Promise<void>): Promise<Record<string, unknown> | string> {
  const { cli } = subject;
  const figures: Record<string, unknown> = { cliStartCommand: `${cli.name} ${subject.startArgs.join(" ")}` };
  const starts: number[] = [];
  for (let i = 0; i < runs; i++) starts.push(await timeCli(cli, subject.startArgs));
  figures.cliStartMs = round(median(starts));
  const ready: number[] = [];
  let gateway: Gateway | undefined;
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    subject.prepare?.(port);
    try {
      gateway = await startGateway(cli, subject.gatewayArgs(port), subject.ready, port);
    } catch (error) {
      return `unavailable: the gateway did not start: ${error instanceof Error ? error.message : String(error)}`;
    }
    ready.push(gateway.readyMs);
    if (i < runs - 1) await stopGateway(gateway);
  }
  figures.readyMs = ready.map(round);
  const g = gateway as Gateway;
  try {
    await pause(5000);
    figures.idleRssMb = round(rssTreeKb(g.child.pid as number) / 1024);
    const cliTurns: number[] = [];
    for (let i = 0; i < runs; i++) cliTurns.push(await timeCli(cli, subject.cliTurnArgs(i, g.port)));
    figures.cliTurnMs = round(median(cliTurns));
    Object.assign(figures, await turnFigures((i) => subject.httpTurn(i, g.port), direct));
  } catch (error) {
    figures.turns = `unavailable: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await stopGateway(g);
  }
  const audits: number[] = [];
  for (let i = 0; i < runs; i++) audits.push(await timeCli(cli, ["security", "audit", "--json"], { anyExit: true }));
  figures.auditMs = round(median(audits));
  return figures;
}

async function warden(model: { baseUrl: string }, direct: () => Promise<void>): Promise<Record<string, unknown> | string> {
  const home = mkdtempSync(join(tmpdir(), "warden-compare-"));
  const token = "w".repeat(43);
  const cli: Cli = {
    name: "warden", command: wardenBin, args: [],
    env: { PATH: process.env.PATH, HOME: home, WARDEN_HOME: join(home, "state"), WARDEN_MODEL: "openai/bench", OPENAI_BASE_URL: model.baseUrl, OPENAI_API_KEY: "bench", WARDEN_GATEWAY_TOKEN: token },
  };
  try {
    const version = spawnSync(cli.command, ["--version"], { env: cli.env, encoding: "utf8" });
    return await measure({
      cli,
      startArgs: version.status === 0 ? ["--version"] : ["--help"],
      gatewayArgs: (port) => ["gateway", "--port", String(port)],
      ready: /listening on http/,
      cliTurnArgs: (_i, port) => ["chat", "--message", "hi", "--port", String(port)],
      httpTurn: (i, port) => httpTurn(`http://127.0.0.1:${port}/api/chat`, token, { text: "hi", session: `bench-${i}` }),
    }, direct);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The installed OpenClaw entry point, installing it first when needed; a reason string when that fails. */
function installOpenClaw(): { entry: string; version: string } | string {
  const npm = spawnSync("npm", ["--version"], { encoding: "utf8" });
  if (npm.status !== 0) return "npm is not available to install it";
  let version = process.env.OPENCLAW_VERSION ?? "";
  if (version === "") {
    const view = spawnSync("npm", ["view", "openclaw", "version"], { encoding: "utf8", timeout: 120_000 });
    version = view.stdout.trim();
    if (view.status !== 0 || version === "") return `cannot ask the npm registry for openclaw's version: ${(view.stderr || view.error?.message || "no answer").trim().split("\n").at(-1)}`;
  }
  const dir = join(tmpdir(), `warden-bench-openclaw-${version}`);
  const entry = join(dir, "node_modules/openclaw/openclaw.mjs");
  if (!existsSync(entry)) {
    mkdirSync(dir, { recursive: true });
    const install = spawnSync("npm", ["install", "--prefix", dir, "--no-save", "--no-audit", "--no-fund", `openclaw@${version}`], { encoding: "utf8", timeout: 1_200_000, env: { ...process.env, PATH: `${join(process.execPath, "..")}:${process.env.PATH ?? ""}` } });
    if (install.status !== 0 || !existsSync(entry)) return `npm install openclaw@${version} failed: ${(install.stderr || install.error?.message || "").trim().split("\n").slice(-2).join(" ")}`;
  }
  return { entry, version };
}

async function openclaw(model: { baseUrl: string }, direct: () => Promise<void>): Promise<Record<string, unknown> | string> {
  const installed = installOpenClaw();
  if (typeof installed === "string") return `unavailable: ${installed}`;
  const home = mkdtempSync(join(tmpdir(), "openclaw-compare-"));
  const token = "o".repeat(43);
  const cli: Cli = { name: "openclaw", command: node, args: [installed.entry], env: { PATH: process.env.PATH, HOME: home, OPENCLAW_GATEWAY_TOKEN: token } };
  const writeConfig = (port: number) => {
    mkdirSync(join(home, ".openclaw"), { recursive: true });
    writeFileSync(join(home, ".openclaw/openclaw.json"), JSON.stringify({
      gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token }, http: { endpoints: { chatCompletions: { enabled: true } } } },
      models: { mode: "replace", providers: { bench: { baseUrl: model.baseUrl, apiKey: "bench", api: "openai-completions", models: [{ id: "bench", name: "bench", reasoning: false, input: ["text"], contextWindow: 128000, maxTokens: 4096 }] } } },
      agents: { defaults: { model: { primary: "bench/bench" } } },
    }, null, 2));
  };
  try {
    writeConfig(await freePort());
    const figures = await measure({
      cli,
      startArgs: ["--version"],
      gatewayArgs: (port) => ["gateway", "run", "--port", String(port)],
      ready: /^\S+ \[gateway\] ready$/m,
      prepare: writeConfig,
      cliTurnArgs: (i) => ["agent", "--message", "hi", "--session-id", `bench-cli-${i}`],
      httpTurn: (i, port) => httpTurn(`http://127.0.0.1:${port}/v1/chat/completions`, token, { model: "openclaw", user: `bench-${i}`, messages: [{ role: "user", content: "hi" }] }),
    }, direct);
    return typeof figures === "string" ? figures : { version: installed.version, ...figures };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const model = await startFakeModel(() => "ok");
const direct = async () => {
  const res = await fetch(`${model.baseUrl}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "bench", messages: [{ role: "user", content: "hi" }] }) });
  await res.text();
};
try {
  const result = {
    area: "compare-openclaw",
    cpus: availableParallelism(),
    loadAverageAtStart: loadavg()[0],
    warden: await warden(model, direct),
    openclaw: await openclaw(model, direct),
    loadAverageAtEnd: loadavg()[0],
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await model.close();
}

/**
 * Issue #21 figures: what start-up and idle cost, measured from outside, each saying what its clock covers.
 * - gateway ready: wall time from spawning `bin/warden gateway` to its "listening" line (the launcher script
 *   included), with an empty compile cache (first start after install) and warm; beside it the gateway's own
 *   "ready in N ms" (counted from the Node process's start).
 * - idle: the gateway's RSS 5 s after ready (median of 5 warm starts) with the default config and a model configured (its SDK not loaded
 *   until the first turn), the private (anonymous) part of it, and the modules loaded (a `--import` hook).
 * - CLI: wall and CPU time (user + sys, from the shell's `times`) of client commands against the running
 *   gateway, and of a CLI turn (`warden chat`) against a scripted model on loopback that answers at once.
 * - import costs: module by module, what loading one package costs a bare Node (modules, ms, RSS), and what type
 *   stripping costs (`warden --version` with the compile cache disabled vs warm).
 * `node bench/footprint.bench.ts [--repo DIR]` measures another checkout (e.g. the main branch) the same way.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startScriptedServer } from "../src/providers/scripted-server.ts";
import { startGateway as startWardenGateway, timeCommand, type CliSample, type Gateway } from "./support/warden-process.ts";

const repoArg = process.argv.indexOf("--repo");
const repo = repoArg > 0 && process.argv[repoArg + 1] ? process.argv[repoArg + 1] as string : fileURLToPath(new URL("..", import.meta.url));
const bin = join(repo, "bin/warden");
const node = join(repo, "node_modules/.bin/node");
const hook = fileURLToPath(new URL("./count-modules.ts", import.meta.url));
const runs = 7;
const loadAtStart = loadavg()[0] ?? NaN;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (n: number) => Math.round(n);
const mb = (kb: number) => Math.round(kb / 102.4) / 10;

const model = await startScriptedServer({ fallbackReply: "ok" });
const home = mkdtempSync(join(tmpdir(), "warden-bench-"));
const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, WARDEN_HOME: join(home, "state"), WARDEN_MODEL: "openai/bench", OPENAI_BASE_URL: model.openaiBaseUrl };

function startGateway(extraEnv: NodeJS.ProcessEnv = {}): Promise<Gateway> {
  return startWardenGateway(bin, { ...env, ...extraEnv });
}

/** RSS and its private (anonymous) part, from /proc; the rest is mostly the node binary's shared pages. */
function memoryKb(pid: number): { rss: number; anon: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? NaN);
  return { rss: field("VmRSS"), anon: field("RssAnon") };
}

/** Wall and CPU of one CLI command (see bench/support/warden-process.ts). */
function cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliSample> {
  return timeCommand(bin, args, { ...env, ...extraEnv });
}

async function timeCli(args: string[], n = runs): Promise<{ wallMs: number; cpuMs: number; exitCode?: number | null }> {
  await cli(args); // warm-up: compile cache and page cache
  const samples = [];
  for (let i = 0; i < n; i++) samples.push(await cli(args));
  const failed = samples.find((s) => s.code !== 0);
  return { wallMs: round(median(samples.map((s) => s.wallMs))), cpuMs: round(median(samples.map((s) => s.cpuMs))), ...(failed ? { exitCode: failed.code } : {}) };
}

/** What importing one package costs a bare Node with a warm compile cache: modules, time, RSS after a GC. */
function importCost(specifier: string, cacheDir: string): { modules: number; ms: number; rssMb: number; heapMb: number } | { error: string } {
  const script = `
    import { registerHooks } from "node:module";
    let modules = 0;
    registerHooks({ load(url, context, next) { modules++; return next(url, context); } });
    const before = process.memoryUsage();
    const t0 = performance.now();
    await import(${JSON.stringify(specifier)});
    const ms = performance.now() - t0;
    globalThis.gc();
    const after = process.memoryUsage();
    console.log(JSON.stringify({ modules, ms, rss: after.rss - before.rss, heap: after.heapUsed - before.heapUsed }));`;
  let last = "";
  for (let i = 0; i < 2; i++) {
    const r = spawnSync(node, ["--expose-gc", "--input-type=module", "-e", script], { cwd: repo, env: { PATH: process.env.PATH, NODE_COMPILE_CACHE: cacheDir }, encoding: "utf8", timeout: 60_000 });
    if (r.status !== 0) return { error: r.stderr.trim().split("\n").at(-1) ?? `exit ${r.status}` };
    last = r.stdout.trim();
  }
  const m = JSON.parse(last) as { modules: number; ms: number; rss: number; heap: number };
  return { modules: m.modules, ms: round(m.ms), rssMb: Math.round(m.rss / 104857.6) / 10, heapMb: Math.round(m.heap / 104857.6) / 10 };
}

/** The modules a gateway holds at idle, by package (node: builtins counted apart). */
async function idleModules(): Promise<{ total: number; builtins: number; byPackage: Record<string, number> }> {
  const list = join(home, "modules.txt");
  const gw = await startGateway({ NODE_OPTIONS: `--import=${hook}`, WARDEN_BENCH_MODULES: list });
  await new Promise((r) => setTimeout(r, 2000));
  const urls = [...new Set(readFileSync(list, "utf8").split("\n").filter((l) => l !== ""))];
  await gw.stop();
  const byPackage: Record<string, number> = {};
  for (const url of urls.filter((u) => !u.startsWith("node:"))) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? `warden ${/\/src\/([^/]+)/.exec(url)?.[1] ?? "other"}`;
    byPackage[pkg] = (byPackage[pkg] ?? 0) + 1;
  }
  const sorted = Object.fromEntries(Object.entries(byPackage).sort((a, b) => b[1] - a[1]));
  const builtins = urls.filter((u) => u.startsWith("node:")).length;
  return { total: urls.length - builtins, builtins, byPackage: sorted };
}

try {
  const cacheDir = join(env.WARDEN_HOME as string, "compile-cache");
  const cold = await startGateway();
  await cold.stop();
  // Idle memory of each warm start 5 s after ready; the median is reported.
  const starts: Gateway[] = [];
  const idles: { rss: number; anon: number }[] = [];
  for (let i = 0; i < 5; i++) {
    const gw = await startGateway();
    starts.push(gw);
    await new Promise((r) => setTimeout(r, 5000));
    idles.push(memoryKb(gw.pid));
    if (i < 4) await gw.stop();
  }
  const gw = starts.at(-1) as Gateway;
  const idle = { rss: median(idles.map((m) => m.rss)), anon: median(idles.map((m) => m.anon)) };

  const port = String(gw.port);
  const version = await timeCli(["--version"]);
  const help = await timeCli(["--help"]);
  const status = await timeCli(["status", "--port", port]);
  const configGet = await timeCli(["config", "get", "gateway.port"]);
  const approvals = await timeCli(["approvals", "list", "--port", port]);
  const chat = await timeCli(["chat", "--message", "hi", "--port", port], 9);
  const afterTurns = memoryKb(gw.pid);
  await gw.stop();

  const modules = await idleModules();
  const strip = [];
  for (let i = 0; i < 3; i++) strip.push((await cli(["--version"], { NODE_DISABLE_COMPILE_CACHE: "1" })).cpuMs);
  const packages = ["zod", "hono", "ws", "pino", "undici", "openai", "@anthropic-ai/sdk", "web-tree-sitter", "mdast-util-from-markdown", "html-to-text", "grammy", "@slack/bolt", "smol-toml", "json5", "commander"];
  const imports = Object.fromEntries(packages.map((p) => [p, importCost(p, cacheDir)]));

  process.stdout.write(`${JSON.stringify({
    area: "footprint",
    repo,
    compileCache: existsSync(cacheDir),
    loadAverageAtStart: Math.round(loadAtStart * 10) / 10,
    figures: {
      gatewayReadyMs: {
        clock: "spawn of bin/warden to the listening line",
        coldCompileCache: round(cold.readyMs),
        warmP50: round(median(starts.map((s) => s.readyMs))),
        selfReportedP50: round(median(starts.map((s) => s.reportedMs))),
      },
      idleRssMb: mb(idle.rss),
      idleRssMbEachStart: idles.map((m) => mb(m.rss)),
      idlePrivateMb: mb(idle.anon),
      rssAfterCliTurnsMb: mb(afterTurns.rss),
      idleModules: modules,
      cliMs: { version, help, status, configGet, approvalsList: approvals, chatTurn: chat },
      typeStripping: { versionCpuMsCacheDisabled: round(median(strip)), versionCpuMsWarm: version.cpuMs },
      importCost: imports,
    },
  })}\n`);
} finally {
  await model.close();
  rmSync(home, { recursive: true, force: true });
}

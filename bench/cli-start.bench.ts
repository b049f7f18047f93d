/**
 * Issue #21: how fast the CLI starts, command by command, and a whole CLI turn, measured from outside.
 * - each command: `bin/warden …` spawned through /bin/sh (the launcher script and Node's start included), wall
 *   time and CPU time (user + sys of the command, from the shell's `times`: on a shared machine the CPU time is
 *   the steadier figure), median and p90 over `--runs` rounds (default 15), the commands taken in turn within each
 *   round so a change in the machine's load falls on all of them; warm compile cache (one warm-up run each first).
 * - client commands run against a gateway on loopback; `chatTurn` is `warden chat -m hi` end to end against a
 *   scripted model on loopback that streams its answer at once (start, connect, turn, reply printed, exit).
 * - `chatNoGateway`: `warden chat` with nothing listening on the port (start, config, token, refused connect).
 * - `bareNode`: `node -e 0` the same way: the floor under every command on this machine at this load.
 * - `configGet` answers from its cached view (config/config-view.ts); `configGetChanged` edits the config file first,
 *   so it builds the view through the schema, as the first `config get` after any change does.
 * - modules: how many modules (not `node:` builtins) each command loads, by a `--import` hook.
 * `node bench/cli-start.bench.ts [--repo DIR] [--runs N]` measures another checkout (e.g. main) the same way.
 */
import { createServer } from "node:net";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startScriptedServer } from "../src/providers/scripted-server.ts";
import { startGateway, timeCommand, type CliSample } from "./support/warden-process.ts";

const arg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const repo = arg("--repo") ?? fileURLToPath(new URL("..", import.meta.url));
const runs = Math.max(3, Math.min(100, Number(arg("--runs") ?? 15)));
const bin = join(repo, "bin/warden");
const node = join(repo, "node_modules/.bin/node");
const hook = fileURLToPath(new URL("./count-modules.ts", import.meta.url));
const loadAtStart = loadavg()[0] ?? NaN;

/** A port nothing listens on: bound, read, closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN);
}

function summary(samples: readonly CliSample[], modules: number) {
  const failed = samples.find((s) => s.code !== 0);
  return {
    wallMs: { p50: quantile(samples.map((s) => s.wallMs), 0.5), p90: quantile(samples.map((s) => s.wallMs), 0.9) },
    cpuMs: { p50: quantile(samples.map((s) => s.cpuMs), 0.5), p90: quantile(samples.map((s) => s.cpuMs), 0.9) },
    modules,
    ...(failed ? { exitCode: failed.code } : {}),
  };
}

const model = await startScriptedServer({ fallbackReply: "ok" });
const home = mkdtempSync(join(tmpdir(), "warden-bench-"));
const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, WARDEN_HOME: join(home, "state"), WARDEN_MODEL: "openai/bench", OPENAI_BASE_URL: model.openaiBaseUrl, OPENAI_API_KEY: "bench" };

try {
  // The first start fills the compile cache; the figures are of warm starts, as every start after install is.
  const gateway = await startGateway(bin, env);
  try {
    const port = String(gateway.port);
    const refused = String(await closedPort());
    const commands: Record<string, { command: string; args: string[]; expectExit?: number }> = {
      bareNode: { command: node, args: ["-e", "0"] },
      version: { command: bin, args: ["--version"] },
      help: { command: bin, args: ["--help"] },
      status: { command: bin, args: ["status", "--port", port] },
      approvalsList: { command: bin, args: ["approvals", "list", "--port", port] },
      chatNoGateway: { command: bin, args: ["chat", "-m", "hi", "--port", refused], expectExit: 1 },
      chatTurn: { command: bin, args: ["chat", "-m", "hi", "--port", port] },
      configGet: { command: bin, args: ["config", "get", "gateway.port"] },
      // A config file that changed since the last `config get` (each run writes another): its cached view does not
      // apply, so this is `config get` building the view through the schema (in a state dir of its own).
      configGetChanged: { command: "/bin/sh", args: ["-c", 'export WARDEN_HOME="$WARDEN_HOME-changed"; mkdir -p "$WARDEN_HOME" && (umask 077 && printf "// run %s\\n{}\\n" "$$" > "$WARDEN_HOME/config.json5") && exec "$0" config get gateway.port', bin] },
      auditLogVerify: { command: bin, args: ["audit-log", "verify"] },
    };
    const modules: Record<string, number> = {};
    for (const [name, c] of Object.entries(commands)) {
      await timeCommand(c.command, c.args, env); // warm-up: compile cache and page cache
      const list = join(home, `modules-${name}.txt`);
      await timeCommand(c.command, c.args, { ...env, NODE_OPTIONS: `--import=${hook}`, WARDEN_BENCH_MODULES: list });
      let urls: string[] = [];
      try {
        urls = readFileSync(list, "utf8").split("\n");
      } catch {
        // bare node loads no module through the loader
      }
      modules[name] = new Set(urls.filter((u) => u !== "" && !u.startsWith("node:") && u !== `file://${hook}`)).size;
    }
    const samples: Record<string, CliSample[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
    for (let round = 0; round < runs; round++) {
      for (const [name, c] of Object.entries(commands)) {
        const sample = await timeCommand(c.command, c.args, env);
        samples[name]?.push({ ...sample, code: sample.code === (c.expectExit ?? 0) ? 0 : sample.code });
      }
    }
    process.stdout.write(`${JSON.stringify({
      area: "cli-start",
      repo,
      runs,
      loadAverageAtStart: Math.round(loadAtStart * 10) / 10,
      loadAverageAtEnd: Math.round((loadavg()[0] ?? NaN) * 10) / 10,
      clock: "spawn of `sh -c 'bin/warden …'` to its exit; cpu: user+sys of the command and its children",
      figures: Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, summary(s, modules[name] ?? 0)])),
    })}\n`);
  } finally {
    await gateway.stop();
  }
} finally {
  await model.close();
  rmSync(home, { recursive: true, force: true });
}

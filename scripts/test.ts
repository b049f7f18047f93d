/**
 * `npm test`: the checks and the test files at once, one compile cache for the whole run.
 *
 * The checks (type check with import circles and lint, unused code) are CPU-bound and the test files mostly wait on
 * sockets and child processes, so running them side by side fills the cores the tests leave idle instead of
 * adding the checks' minutes in front. Every step runs to its end; the tests' output streams line by line, each
 * check's report is printed whole when it ends, and a summary gives each step's result, wall time and CPU time.
 * Exits 1 when any step failed.
 *
 * `NODE_COMPILE_CACHE` points at node_modules/.cache/warden-test-compile-cache (as trusted as the modules
 * themselves; Node checks each entry against its source): the ~190 test processes and the `bin/warden` processes
 * they still spawn (most CLI tests run the program in-process, test/support/cli.ts) strip and compile each module
 * once per change instead of once per process.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { setPriority } from "node:os";
import { createInterface } from "node:readline";

type Step = { name: string; script: string; stream: boolean; background?: boolean };

const steps: readonly Step[] = [
  { name: "test:unit", script: "test:unit", stream: true },
  // Type check with the typed lint rules (TypeScript 7 through oxlint), import circles and the other lint rules
  // (ESLint) side by side (scripts/typecheck-lint.ts); `npm run lint:circles` (madge) stays the way to look for
  // circles alone.
  { name: "typecheck + circles + lint", script: "typecheck-lint", stream: false, background: true },
  { name: "lint:unused", script: "lint:unused", stream: false, background: true },
];

type Outcome = { step: Step; code: number | null; signal: NodeJS.Signals | null; wallMs: number; cpuMs: number | undefined; output: string };

const root = new URL("..", import.meta.url).pathname;

/** CPU time (user + system, ms) of this process's reaped children and theirs; Linux only. */
function childrenCpuMs(): number | undefined {
  try {
    // /proc/self/stat: fields 16 and 17 (cutime, cstime) in clock ticks, counted after the command name's ")".
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

let reapedCpuMs = childrenCpuMs();

function run(step: Step, env: NodeJS.ProcessEnv): Promise<Outcome> {
  const started = performance.now();
  const child = spawn("npm", ["run", "--silent", step.script], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  // The checks are not on the critical path (the red-team suite is): at a lower priority (nice 10, inherited by the
  // processes npm starts) they take the cores the tests leave idle instead of a share of the suite's. Best effort.
  if (step.background === true && child.pid !== undefined) {
    try {
      setPriority(child.pid, 10);
    } catch {
      // not permitted here: the same run at the same priority
    }
  }
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    if (step.stream) createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => process.stdout.write(`${line}\n`));
    else stream.on("data", (d: Buffer) => (output += d.toString()));
  }
  let cpuMs: number | undefined;
  child.on("exit", () => {
    // Children are reaped as they exit, so what the reaped total grew by since the last exit is this step's CPU
    // (two steps ending in the same instant would share one figure; the total stays right).
    const now = childrenCpuMs();
    cpuMs = now === undefined || reapedCpuMs === undefined ? undefined : now - reapedCpuMs;
    reapedCpuMs = now;
  });
  return new Promise((resolve) => {
    child.on("error", (e) => (output += `could not start npm: ${e.message}\n`));
    child.on("close", (code, signal) => {
      const outcome = { step, code, signal, wallMs: performance.now() - started, cpuMs, output };
      process.stdout.write(`\n── ${step.name}: ${verdict(outcome)} (${seconds(outcome.wallMs)}) ──\n`);
      resolve(outcome);
    });
  });
}

function verdict(o: Outcome): string {
  return o.code === 0 ? "passed" : o.signal === null ? `FAILED (exit ${o.code})` : `FAILED (${o.signal})`;
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? "n/a" : `${(ms / 1000).toFixed(1)} s`;
}

const cacheDir = `${root}node_modules/.cache/warden-test-compile-cache`;
mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
const env: NodeJS.ProcessEnv = { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? cacheDir };
if (process.stdout.isTTY && env.FORCE_COLOR === undefined && env.NO_COLOR === undefined) env.FORCE_COLOR = "1";

const started = performance.now();
const outcomes = await Promise.all(steps.map((s) => run(s, env)));
for (const o of outcomes.filter((x) => !x.step.stream)) {
  process.stdout.write(`\n── ${o.step.name} (${verdict(o)}) ──\n${o.output.trimEnd() || "(no output)"}\n`);
}
process.stdout.write(`\n${"step".padEnd(28)}result            wall      cpu\n`);
for (const o of outcomes) process.stdout.write(`${o.step.name.padEnd(28)}${verdict(o).padEnd(18)}${seconds(o.wallMs).padStart(8)} ${seconds(o.cpuMs).padStart(8)}\n`);
const failed = outcomes.filter((o) => o.code !== 0);
process.stdout.write(`\nnpm test: ${failed.length === 0 ? "all steps passed" : `${failed.map((o) => o.step.name).join(", ")} FAILED`} in ${seconds(performance.now() - started)}\n`);
process.exitCode = failed.length === 0 ? 0 : 1;

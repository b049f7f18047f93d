/**
 * `npm run test:unit [file…]`: every `*.test.ts` under src/ and test/ (or the files named), a few processes at once,
 * longest first: the unit files of one src/ directory together in one process, the end-to-end files (test/e2e/) but
 * the longest together in another, each long one alone (scripts/test-groups.ts: a process start costs about as much
 * CPU as a small file's tests; a file that needs its own process says so; `WARDEN_TEST_ISOLATE=1` runs every file
 * alone).
 *
 * Longest first: a run ends when its last file does, so a long file started late leaves the other slots idle while
 * it finishes. Each run records how long every file took (node_modules/.cache/warden-test-durations.json) and the
 * next one starts them in that order. A fresh checkout (CI's) has no record yet and orders by test/durations.json,
 * a committed copy of one (refresh it from the cache now and then: only the order matters, not the figures); a
 * group with no record of its own is ranked by the sum of its files' records; a file in neither starts before all
 * that have one, end-to-end files (test/) before unit files. The order changes nothing else.
 *
 * More files than cores run at once because most of them wait on sockets, child processes and timers rather than
 * compute: twice as many as the machine has cores (4 on 2 cores); `WARDEN_TEST_CONCURRENCY` sets the number. The
 * first of them (the longest on record) keeps the runner's priority and the others run at nice +5
 * (scripts/test-priority.ts), so it never waits for a core they hold. No test has a tight time limit: each may take
 * up to 15 minutes, so a loaded machine makes the run slower, never red.
 *
 * Where the time went: every run writes a timing summary (node_modules/.cache/warden-test-timings.json, or the file
 * `WARDEN_TEST_TIMINGS` names): each file's wall time, its process's CPU time and that of the processes it waited
 * for (scripts/test-cpu-probe.ts), and its slowest tests; the ten longest files are printed at the end.
 */
import { globSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, getPriority, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { run } from "node:test";
import { spec } from "node:test/reporters";
import { groupEntrySource, testUnits } from "./test-groups.ts";

const root = new URL("..", import.meta.url).pathname;
const historyFile = `${root}node_modules/.cache/warden-test-durations.json`;
const concurrency = Number(process.env.WARDEN_TEST_CONCURRENCY ?? availableParallelism() * 2);
if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`WARDEN_TEST_CONCURRENCY must be a whole number from 1, not \`${process.env.WARDEN_TEST_CONCURRENCY}\``);

const seedFile = `${root}test/durations.json`;

/**
 * `--liftoff-only`: V8 compiles WebAssembly with its baseline compiler alone. Every test process that analyzes a
 * shell command loads the bash grammar (web-tree-sitter, a 6-10 MB module), and by default V8 then spends ~1.9
 * CPU-s in background threads compiling all of it again with its optimizing compiler, whether one command is
 * analyzed or a thousand; a short-lived test process never gains that back (1,000 analyses took less CPU without
 * it, measured). The same code runs either way: only how V8 compiles it differs. Not in NODE_OPTIONS (Node refuses
 * V8 flags there), so the test files' own processes only; `bin/warden` processes they spawn keep the default.
 */
const testExecArgv = ["--liftoff-only", "--import", new URL("./test-cpu-probe.ts", import.meta.url).href, "--import", new URL("./test-priority.ts", import.meta.url).href];

function readHistory(file: string): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    return typeof parsed === "object" && parsed !== null ? Object.fromEntries(Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === "number")) : {};
  } catch {
    return {}; // no record yet, or an unreadable one: the default order
  }
}

const named = process.argv.slice(2);
const files = (named.length > 0 ? named : globSync(["test/**/*.test.ts", "src/**/*.test.ts"], { cwd: root })).map((f) => relative(root, resolve(root, f)));
const history = { ...readHistory(seedFile), ...readHistory(historyFile) };
const isolate = process.env.WARDEN_TEST_ISOLATE === "1";
const units = testUnits(files, (f) => readFileSync(`${root}${f}`, "utf8"), isolate);
const rank = (u: (typeof units)[number]) =>
  history[u.name] ?? (u.files.some((f) => history[f] !== undefined) ? u.files.reduce((n, f) => n + (history[f] ?? 0), 0) : Number.POSITIVE_INFINITY);
const ordered = units.map((u, i) => ({ u, i, r: rank(u) })).sort((a, b) => b.r - a.r || a.i - b.i).map((x) => x.u);
// A group runs as a generated module that imports its files (scripts/test-groups.ts); its events, CPU figure and
// timing record go by the group's name (its directory, `src/app/`).
const groupDir = mkdtempSync(join(tmpdir(), "warden-test-groups-"));
const entryOf = new Map<string, string>();
const nameOf = new Map<string, string>();
const memberOf = new Map<string, string>();
const groupEntries = new Set<string>();
for (const u of ordered) {
  let entry = `${root}${u.name}`;
  if (u.files.length > 1) {
    entry = join(groupDir, `${u.name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "")}.group.mjs`);
    writeFileSync(entry, groupEntrySource(root, u));
    groupEntries.add(entry);
  }
  entryOf.set(u.name, entry);
  nameOf.set(entry, u.name);
  for (const f of u.files) memberOf.set(`${root}${f}`, u.name);
}
/** The unit a process's file (a test file, a group's entry or one of its files) stands for. */
const unitName = (file: string) => nameOf.get(file) ?? memberOf.get(file) ?? relative(root, file);

const took: Record<string, number> = {};
type SlowTest = { name: string; ms: number };
const slowest = new Map<string, SlowTest[]>();
let passed = false;
// The test processes inherit this process's environment: the probe each of them loads writes its CPU time here.
const cpuDir = mkdtempSync(join(tmpdir(), "warden-test-cpu-"));
process.env.WARDEN_TEST_CPU_DIR = cpuDir;
// The first process in the order (the longest on record: the red-team suite, whose end is the run's) keeps this
// process's priority; every other lowers its own by 5 (scripts/test-priority.ts) and takes what the first leaves idle.
const lead = ordered.length > 1 ? entryOf.get(ordered[0]?.name ?? "") : undefined;
process.env.WARDEN_TEST_LEAD = lead === undefined ? "" : resolve(lead); // as the process sees itself, in process.argv[1]
process.env.WARDEN_TEST_NICE = String(getPriority() + 5);
const runStarted = performance.now();
const stream = run({ files: ordered.map((u) => entryOf.get(u.name) as string), concurrency, timeout: 900_000, cwd: root, execArgv: testExecArgv });
stream.on("test:summary", (s) => {
  if (s.file === undefined) passed = s.success;
  else took[unitName(s.file)] = Math.round(s.duration_ms);
});
const noteTest = (t: { file?: string; name: string; nesting: number; details: { duration_ms: number; type?: "suite" | "test" } }) => {
  // A group's top-level tests are its files: their tests (one level down) are the ones to list.
  if (t.file === undefined || t.details.type === "suite" || (groupEntries.has(t.file) && t.nesting === 0)) return;
  const list = slowest.get(unitName(t.file)) ?? [];
  list.push({ name: t.name, ms: Math.round(t.details.duration_ms) });
  slowest.set(unitName(t.file), list.sort((a, b) => b.ms - a.ms).slice(0, 3));
};
stream.on("test:pass", noteTest);
stream.on("test:fail", noteTest);
try {
  await pipeline(stream, new spec(), process.stdout, { end: false });
} finally {
  rmSync(groupDir, { recursive: true, force: true });
}
const wallMs = Math.round(performance.now() - runStarted);

/** Each test file's CPU figures as its probe wrote them (a file whose process was killed has none). */
function readCpu(): Map<string, { self: number; children: number }> {
  const out = new Map<string, { self: number; children: number }>();
  try {
    for (const name of readdirSync(cpuDir)) {
      try {
        const r = JSON.parse(readFileSync(join(cpuDir, name), "utf8")) as { file?: unknown; ppid?: unknown; self?: unknown; children?: unknown };
        if (r.ppid === process.pid && typeof r.file === "string" && typeof r.self === "number" && typeof r.children === "number") out.set(unitName(r.file), { self: r.self, children: r.children });
      } catch {
        // a figure half written by a process that was killed: left out
      }
    }
  } finally {
    rmSync(cpuDir, { recursive: true, force: true });
  }
  return out;
}

const cpu = readCpu();
const perFile = Object.entries(took)
  .map(([file, ms]) => {
    const c = cpu.get(file);
    return { file, wallMs: ms, cpuMs: c?.self ?? null, childCpuMs: c?.children ?? null, slowestTests: slowest.get(file) ?? [] };
  })
  .sort((a, b) => b.wallMs - a.wallMs);
const sum = (xs: (number | null)[]) => xs.reduce<number>((n, x) => n + (x ?? 0), 0);
const timings = { wallMs, concurrency, files: perFile.length, cpuMs: sum(perFile.map((f) => f.cpuMs)), childCpuMs: sum(perFile.map((f) => f.childCpuMs)), perFile };
const timingsFile = process.env.WARDEN_TEST_TIMINGS ?? `${root}node_modules/.cache/warden-test-timings.json`;
const secs = (ms: number | null) => (ms === null ? "n/a" : `${(ms / 1000).toFixed(1)} s`);
process.stdout.write(`\ntest files: ${files.length} in ${perFile.length} processes, ${secs(wallMs)}, ${concurrency} at once; CPU ${secs(timings.cpuMs)} in the test processes, ${secs(timings.childCpuMs)} in the processes they ran\n`);
process.stdout.write(`${"longest (a file, or a src/ directory's files)".padEnd(52)}    wall      cpu  children\n`);
for (const f of perFile.slice(0, 10)) process.stdout.write(`${f.file.padEnd(52)}${secs(f.wallMs).padStart(8)} ${secs(f.cpuMs).padStart(8)} ${secs(f.childCpuMs).padStart(9)}\n`);
try {
  mkdirSync(dirname(timingsFile), { recursive: true });
  writeFileSync(timingsFile, `${JSON.stringify(timings, null, 1)}\n`);
  process.stdout.write(`timing summary: ${timingsFile}\n`);
} catch (e) {
  process.stderr.write(`could not write the timing summary: ${(e as Error).message}\n`);
}

try {
  mkdirSync(dirname(historyFile), { recursive: true });
  // Other checkouts share node_modules, and so this record: written whole, then renamed into place.
  const temp = `${historyFile}.${process.pid}`;
  writeFileSync(temp, `${JSON.stringify({ ...history, ...took }, null, 1)}\n`);
  renameSync(temp, historyFile);
} catch (e) {
  process.stderr.write(`could not record test durations (the next run keeps the default order): ${(e as Error).message}\n`);
}
process.exitCode = passed ? 0 : 1;

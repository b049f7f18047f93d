/**
 * `npm run test:unit [file…]`: every `*.test.ts` under src/ and test/ (or the files named), each in its own
 * process, a few at once, longest first.
 *
 * Longest first: a run ends when its last file does, so a long file started late leaves the other slots idle while
 * it finishes. Each run records how long every file took (node_modules/.cache/warden-test-durations.json) and the
 * next one starts them in that order. A fresh checkout (CI's) has no record yet and orders by test/durations.json,
 * a committed copy of one (refresh it from the cache now and then: only the order matters, not the figures); a
 * file in neither starts before all that have one, end-to-end files (test/) before unit files. The order changes
 * nothing else: each file still runs alone in a fresh process.
 *
 * More files than cores run at once because most of them wait on sockets, child processes and timers rather than
 * compute; `WARDEN_TEST_CONCURRENCY` sets the number. No test has a tight time limit: each may take up to 15
 * minutes, so a loaded machine makes the run slower, never red.
 */
import { globSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { run } from "node:test";
import { spec } from "node:test/reporters";

const root = new URL("..", import.meta.url).pathname;
const historyFile = `${root}node_modules/.cache/warden-test-durations.json`;
const concurrency = Number(process.env.WARDEN_TEST_CONCURRENCY ?? 4);
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
const testExecArgv = ["--liftoff-only"];

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
const rank = (f: string) => history[f] ?? Number.POSITIVE_INFINITY;
const ordered = files.map((f, i) => ({ f, i })).sort((a, b) => rank(b.f) - rank(a.f) || a.i - b.i).map((x) => x.f);

const took: Record<string, number> = {};
let passed = false;
const stream = run({ files: ordered.map((f) => `${root}${f}`), concurrency, timeout: 900_000, cwd: root, execArgv: testExecArgv });
stream.on("test:summary", (s) => {
  if (s.file === undefined) passed = s.success;
  else took[relative(root, s.file)] = Math.round(s.duration_ms);
});
await pipeline(stream, new spec(), process.stdout, { end: false });

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

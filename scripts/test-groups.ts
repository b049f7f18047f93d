/**
 * Which test files share a process (scripts/run-tests.ts).
 *
 * Starting a test process costs ~0.9 CPU-s (Node, type stripping, loading the modules the file imports), about as
 * much as a small unit file's tests themselves. So the unit files under one src/ directory (src/app/, src/gate/, …;
 * subdirectories included) run in one process, each file inside a test of its own named after it: its tests, hooks
 * (`before`, `after`) and top-level `await test(…)` stay scoped to it, and the files run one after another. The
 * end-to-end files (test/e2e/: gateways, CLI commands in-process and as processes, browsers) share one process the
 * same way, except the long ones, which say so (below): they would hold the others back, and alone they run beside
 * them. Other files under test/ keep a process each.
 *
 * A file that needs a process of its own says so in a line of its own, with the reason:
 *
 *     // warden-test: own-process (it sets process.env for the child it starts)
 *
 * A file must, when it changes what every file in its process shares: `process.env`, the working directory, the
 * umask, `process.exitCode`, a `process.on` handler, `globalThis`, the global mock timers
 * (test/runner/test-groups.test.ts finds these and keeps the markers right), or when it is long
 * enough that running it alone shortens the run. `WARDEN_TEST_ISOLATE=1` runs every file alone, as before.
 */
import { pathToFileURL } from "node:url";

export const ownProcessMarker = /^\/\/ warden-test: own-process \(.+\)$/m;

/** One test process: a file alone, or a group of files that run one after another. */
export type TestUnit = { name: string; files: readonly string[] };

/** The processes to run `files` (paths relative to the project root) in; `source` reads a file. */
export function testUnits(files: readonly string[], source: (file: string) => string, isolate = false): TestUnit[] {
  const units: TestUnit[] = [];
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const top = /^(?:src\/[^/]+\/|test\/e2e\/)/.exec(file)?.[0];
    if (isolate || top === undefined || ownProcessMarker.test(source(file))) {
      units.push({ name: file, files: [file] });
      continue;
    }
    const group = groups.get(top) ?? [];
    group.push(file);
    groups.set(top, group);
  }
  for (const [top, group] of groups) units.push(group.length === 1 ? { name: group[0] as string, files: group } : { name: top, files: group.sort() });
  return units;
}

/**
 * The module a group's process runs: each file imported inside a test named after it, awaited before the next. A
 * file that fails to load fails its own test; the others still run.
 */
export function groupEntrySource(root: string, unit: TestUnit): string {
  const lines = ['import { test } from "node:test";', `// ${unit.name}: ${unit.files.length} test files in one process (scripts/test-groups.ts)`];
  for (const file of unit.files) lines.push(`await test(${JSON.stringify(file)}, async () => { await import(${JSON.stringify(pathToFileURL(`${root}${file}`).href)}); });`);
  return `${lines.join("\n")}\n`;
}

/**
 * The test processes' priorities (scripts/test-priority.ts): the first file in the runner's order keeps the runner's
 * priority, every other lowers its own to `WARDEN_TEST_NICE`, and a process already that low is left alone.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { getPriority } from "node:os";
import { join } from "node:path";
import { tempDir } from "../support/harness.ts";

const module = new URL("../../scripts/test-priority.ts", import.meta.url).href;

/** The nice value a process started as a test file would run at, with `env` beside PATH, and `nice` to start from. */
function niceOf(file: string, env: Record<string, string>, start = getPriority()): number {
  const run = spawnSync("nice", ["-n", String(start - getPriority()), process.execPath, "--import", module, file], { encoding: "utf8", env: { PATH: process.env.PATH, ...env }, timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  return Number(run.stdout.trim());
}

test("the lead keeps the runner's priority; every other file lowers its own to WARDEN_TEST_NICE, and only lowers", (t) => {
  const dir = tempDir();
  t.after(() => dir.remove());
  const [lead, other] = ["lead.mjs", "other.mjs"].map((n) => join(dir.path, n)) as [string, string];
  for (const f of [lead, other]) writeFileSync(f, 'import { getPriority } from "node:os";\nconsole.log(getPriority());\n');
  const base = getPriority();
  const target = Math.min(19, base + 5);
  assert.equal(niceOf(lead, { WARDEN_TEST_LEAD: lead, WARDEN_TEST_NICE: String(target) }), base);
  assert.equal(niceOf(other, { WARDEN_TEST_LEAD: lead, WARDEN_TEST_NICE: String(target) }), target);
  // A process already at the target or lower in priority (a test's own `node` with the same flags) stays where it is.
  if (base + 7 <= 19) assert.equal(niceOf(other, { WARDEN_TEST_LEAD: lead, WARDEN_TEST_NICE: String(target) }, base + 7), base + 7);
  // Run alone (no lead named) or without a figure, nothing changes.
  assert.equal(niceOf(other, { WARDEN_TEST_LEAD: "", WARDEN_TEST_NICE: String(target) }), base);
  assert.equal(niceOf(other, { WARDEN_TEST_LEAD: lead }), base);
});

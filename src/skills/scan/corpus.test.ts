// Recall and false positives on the labelled corpus (skills-corpus/, see its README): a skill counts as flagged
// when any finding is `high` or `critical` (the CLI's default `--fail-on`). Targets: recall ≥ 95 %, false
// positives ≤ 2 %. The figures are printed so README and docs/skills.md can quote them.
// warden-test: own-process (minutes long: alone, it runs beside the rest instead of after its directory's files)
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { createShellAnalyzer } from "../../exec/shell-analyzer.ts";
import { scanSkillDirectory } from "./scan-skill.ts";
import { skillDirs, skillsCorpusRoot as root } from "../../../test/support/skills-corpus.ts";

/** `work`, failed after `ms` (a scan that hangs), with the timer cleared when it settles. */
async function bounded<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no result after ${ms / 1000} s`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

// No budget for the whole (~200 skills, 2-3 minutes on a quiet machine; a loaded one ran past the runner's 15-minute
// limit and cancelled it), but 5 minutes for each skill's scan, which bounds a hang: a busy machine makes the test
// slower, never cancelled. (A test given `timeout: Infinity` keeps the runner's limit; the largest timer is none.)
test("the labelled corpus: recall ≥ 95 % and false positives ≤ 2 %", { timeout: 2 ** 31 - 1 }, async () => {
  const analyzer = await createShellAnalyzer();
  const flagged = async (dir: string) => (await bounded(scanSkillDirectory(dir, { analyzer }), 300_000, `scanning ${dir}`)).findings.some((f) => f.severity === "high" || f.severity === "critical");
  const figures: Record<string, { flagged: number; total: number; missed: string[] }> = {};
  for (const group of ["malicious/tuning", "malicious/holdout", "malicious/holdout-2", "malicious/holdout-3", "malicious/holdout-4", "malicious/holdout-5", "malicious/holdout-6", "benign"]) {
    const dirs = skillDirs(join(root, group));
    const result = { flagged: 0, total: dirs.length, missed: [] as string[] };
    for (const d of dirs) {
      const hit = await flagged(d);
      if (hit) result.flagged++;
      if (hit === (group === "benign")) result.missed.push(d.slice(root.length));
    }
    figures[group] = result;
  }
  const malicious = ["malicious/tuning", "malicious/holdout", "malicious/holdout-2", "malicious/holdout-3", "malicious/holdout-4", "malicious/holdout-5", "malicious/holdout-6"].map((g) => figures[g] ?? { flagged: 0, total: 0 });
  const caught = malicious.reduce((n, g) => n + g.flagged, 0);
  const total = malicious.reduce((n, g) => n + g.total, 0);
  const benign = figures.benign ?? { flagged: 0, total: 0, missed: [] };
  process.stdout.write(`# skills corpus: ${JSON.stringify({ recall: caught / total, falsePositiveRate: benign.flagged / benign.total, figures })}\n`);
  assert.ok(total >= 60 && benign.total >= 100, `the corpus holds ${total} malicious and ${benign.total} benign skills`);
  assert.ok(caught / total >= 0.95, `recall ${caught}/${total}; missed: ${malicious.flatMap((g) => ("missed" in g ? g.missed : [])).join(", ")}`);
  assert.ok(benign.flagged / benign.total <= 0.02, `false positives ${benign.flagged}/${benign.total}: ${benign.missed.join(", ")}`);
});

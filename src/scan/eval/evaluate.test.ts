import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { defaultInjectionThreshold, scanInjection } from "../injection.ts";
import { loadBenign, rateAt } from "./corpus.ts";
import { scoreSplit } from "./evaluate.ts";

// The public corpora live outside the repository (licensing); point WARDEN_CORPORA at them to run the
// recall part. The false-positive part only needs our own benign texts and always runs.
// CI checks the repository out with `shared/` beside it.
const besideRepo = fileURLToPath(new URL("../../../../shared/corpora", import.meta.url));
const corporaDir = process.env["WARDEN_CORPORA"] ?? [besideRepo, "/work/shared/corpora"].find((d) => existsSync(d)) ?? besideRepo;
const haveCorpora = existsSync(`${corporaDir}/injecagent/test_cases_dh_base.json`) && existsSync(`${corporaDir}/cyberseceval/prompt_injection.json`);

void describe("injection scanner evaluation", () => {
  void it("has at least 300 benign texts of the kinds the gateway wraps", () => {
    const kinds = new Set(loadBenign().map((b) => b.kind));
    assert.ok(loadBenign().length + loadBenign("benign-fresh.txt").length >= 300);
    for (const k of ["review", "email", "notes", "readme", "recipe", "security"]) assert.ok(kinds.has(k), k);
  });

  void it("keeps the false-positive rate at or below 2% on every benign set at the default threshold", () => {
    for (const file of ["benign.txt", "benign-fresh.txt"] as const) {
      const texts = loadBenign(file);
      const fpr = rateAt(texts.map((t) => scanInjection(t.text).score), defaultInjectionThreshold);
      assert.ok(fpr <= 0.02, `${file}: false-positive rate ${fpr}`);
    }
  });

  void it("meets the measured recall floors on the held-out split", { skip: haveCorpora ? false : `corpora not found at ${corporaDir}` }, () => {
    const test = scoreSplit(corporaDir, "test");
    const at = (xs: number[]): number => rateAt(xs, defaultInjectionThreshold);
    // Floors are the held-out figures in EVALUATION.md minus a margin; a drop below them is a regression.
    // Measured: CyberSecEval 0.524, its indirect part 0.643 (28 texts), InjecAgent 0.446.
    assert.ok(at(test.cyberseceval) >= 0.47, `CyberSecEval recall ${at(test.cyberseceval)}`);
    assert.ok(at(test.cybersecevalIndirect) >= 0.55, `CyberSecEval indirect recall ${at(test.cybersecevalIndirect)}`);
    // InjecAgent's instructions read like ordinary requests ("Please unlock my front door."): only two weak
    // signals together catch them, which is exactly where benign emails sit too.
    assert.ok(at(test.injecagent) >= 0.4, `InjecAgent recall ${at(test.injecagent)}`);
    assert.ok(at([...test.benign, ...test.templatedBenign, ...test.freshBenign]) <= 0.02);
  });
});

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { defaultInjectionThreshold, scanInjection } from "../injection.ts";
import { defaultCorporaDir, loadBenign, loadCyberSecEval, loadInjecAgent, loadShippedSource, rateAt } from "./corpus.ts";

// Generalization is measured leave-one-source-out by `npm run eval:injection` (EVALUATION.md); it trains
// dozens of models and is not a unit test. These checks guard the shipped model against regressions:
// false positives on our benign sets, and recall on sources it was trained on (in-sample, so optimistic).
// CI checks the repository out with `shared/` beside it.
const corporaDir = defaultCorporaDir();
const haveCorpora = existsSync(`${corporaDir}/injecagent/test_cases_dh_base.json`) && existsSync(`${corporaDir}/cyberseceval/prompt_injection.json`);
const flagged = (texts: readonly { text: string }[]): number => rateAt(texts.map((t) => scanInjection(t.text).score), defaultInjectionThreshold);

void describe("injection scanner evaluation", () => {
  void it("has at least 300 benign texts of the kinds the gateway wraps, and a hard set", () => {
    const kinds = new Set(loadBenign().map((b) => b.kind));
    assert.ok(loadBenign().length + loadBenign("benign-fresh.txt").length >= 300);
    for (const k of ["review", "email", "notes", "readme", "recipe", "security"]) assert.ok(kinds.has(k), k);
    const hard = new Set(loadBenign("benign-hard.txt").map((b) => b.kind));
    for (const k of ["security", "email", "readme", "ticket", "code"]) assert.ok(hard.has(k), k);
  });

  void it("keeps the false-positive rate at or below 2% on every benign set at the default threshold", () => {
    for (const file of ["benign.txt", "benign-fresh.txt"] as const) {
      const fpr = flagged(loadBenign(file));
      assert.ok(fpr <= 0.02, `${file}: false-positive rate ${fpr}`);
    }
    // The hard set is built to sit on the boundary (texts quoting attacks, assistant setup notes, "You must
    // set OPENAI_API_KEY", requests between people about money and access): measured 5.7% (5 of 87), listed
    // in EVALUATION.md; with the 66 texts added in the data round (quoted attacks in tickets, tests and search
    // results, tool outputs, policies), 9.8% (15 of 153) before retraining; 5.9% (9 of 153) with the sixth-pass
    // model and its rule floor (quoted mentions left out). A rise above 10% is a regression.
    const hard = flagged(loadBenign("benign-hard.txt"));
    assert.ok(hard <= 0.1, `benign-hard.txt: false-positive rate ${hard}`);
    // The sources' own documents: measured BIPIA 0.7% (1 of 140), garak 3.9% (2 of 51 resumes and reports),
    // AgentDojo 2.1% (1 of 47 emails and listings) with the fourth-pass model; BIPIA 2.1% (3 of 140), garak 2%
    // (1 of 51), AgentDojo 0% with the sixth-pass model.
    for (const source of ["bipia", "garak", "agentdojo"]) {
      const fpr = flagged(loadShippedSource(source, "benign"));
      assert.ok(fpr <= 0.05, `${source} benign: false-positive rate ${fpr}`);
    }
  });

  void it("keeps in-sample recall on the shipped sources", () => {
    // Measured with the fourth-pass model: BIPIA 94.8%, garak 92.8%, AgentDojo 99.2%, InjecAgent 100%, CyberSecEval
    // 100%; sixth pass: 93.1%, 94.7%, 100%, 100%, 100% (in-sample, see EVALUATION.md); floors are earlier figures minus a margin.
    assert.ok(flagged(loadShippedSource("bipia", "attacks")) >= 0.9, `bipia ${flagged(loadShippedSource("bipia", "attacks"))}`);
    assert.ok(flagged(loadShippedSource("agentdojo", "attacks")) >= 0.9, `agentdojo ${flagged(loadShippedSource("agentdojo", "attacks"))}`);
    assert.ok(flagged(loadShippedSource("garak", "attacks")) >= 0.75, `garak ${flagged(loadShippedSource("garak", "attacks"))}`);
  });

  void it("keeps in-sample recall on the shared corpora", { skip: haveCorpora ? false : `corpora not found at ${corporaDir}` }, () => {
    assert.ok(flagged(loadInjecAgent(corporaDir)) >= 0.95, `InjecAgent ${flagged(loadInjecAgent(corporaDir))}`);
    assert.ok(flagged(loadCyberSecEval(corporaDir)) >= 0.95, `CyberSecEval ${flagged(loadCyberSecEval(corporaDir))}`);
  });
});

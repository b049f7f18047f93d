import { scanInjection } from "../injection.ts";
import type { EvalText, Split } from "./corpus.ts";
import { loadBenign, loadCyberSecEval, loadInjecAgent, loadTemplatedBenign, rateAt, splitOf, thresholdForFpr } from "./corpus.ts";

/** Scores per evaluation set, each restricted to one split (fresh benign texts are always held out). */
export type EvalScores = {
  benign: number[];
  templatedBenign: number[];
  freshBenign: number[];
  injecagent: number[];
  cyberseceval: number[];
  cybersecevalIndirect: number[];
};

const score = (texts: readonly EvalText[]): number[] => texts.map((t) => scanInjection(t.text).score);
const inSplit = (texts: readonly EvalText[], split: Split): EvalText[] => texts.filter((t) => splitOf(t.group) === split);

/** Scores every evaluation set on one split. `corporaDir` holds injecagent/ and cyberseceval/. */
export function scoreSplit(corporaDir: string, split: Split): EvalScores {
  const benign = loadBenign();
  const cs = inSplit(loadCyberSecEval(corporaDir), split);
  return {
    benign: score(inSplit(benign, split)),
    templatedBenign: score(inSplit(loadTemplatedBenign(corporaDir, benign), split)),
    freshBenign: score(loadBenign("benign-fresh.txt")),
    injecagent: score(inSplit(loadInjecAgent(corporaDir), split)),
    cyberseceval: score(cs),
    cybersecevalIndirect: score(cs.filter((t) => t.kind.endsWith(":indirect"))),
  };
}

export type OperatingPoint = { targetFpr: number; threshold: number; heldOutFpr: number; recall: { injecagent: number; cyberseceval: number; cybersecevalIndirect: number } };

/**
 * Recall at a fixed false-positive rate, honestly: the threshold is chosen on the tuning split's benign
 * texts (ours plus the templated ones) and then applied to the held-out split.
 */
export function operatingPoint(tune: EvalScores, test: EvalScores, targetFpr: number): OperatingPoint {
  const threshold = thresholdForFpr([...tune.benign, ...tune.templatedBenign], targetFpr);
  const r = (xs: number[]): number => Math.round(rateAt(xs, threshold) * 1000) / 1000;
  return {
    targetFpr,
    threshold,
    heldOutFpr: r([...test.benign, ...test.templatedBenign, ...test.freshBenign]),
    recall: { injecagent: r(test.injecagent), cyberseceval: r(test.cyberseceval), cybersecevalIndirect: r(test.cybersecevalIndirect) },
  };
}

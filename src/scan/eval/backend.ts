// Measures an HTTP injection classifier the owner runs (`scanner.classifier`, src/scan/injection-backend.ts)
// on the same folds as the built-in detector: `npm run eval:injection -- --backend URL`. The classifier
// was not trained here, so nothing is fitted: for each held-out source S its thresholds are the 1% and 2%
// false-positive points on the tune-split benign texts of the other sources, recall is on S's test
// attacks, and the false-positive rate on the test-split benign texts plus S's own and benign-fresh, as in
// train.ts's folds. Every text is asked once; any failed answer stops the run (a partial measurement
// would be wrong), naming how many failed and why.
import type { ClassifierEndpoint } from "../injection-backend.ts";
import { askClassifier } from "../injection-backend.ts";
import { flaggedByKind, pct, rateAt, thresholdAt } from "./corpus.ts";

/** One evaluation text with its source and role, as train.ts's loadItems gives them. */
export type BackendText = { source: string; label: 0 | 1; role: string; kind: string; text: string };

type Point = { threshold: number; recall: number; fpr: number; fprOwnSource: number | null };
export type BackendFold = { heldOut: string; attacks: number; at1: Point; at2: Point; atHalf: Point; benignTest: number; ownBenign: number; flaggedAt2ByKind: Record<string, string> };

/** Scores every text with at most `concurrency` requests in flight; rejects if any answer failed. */
export async function scoreWithBackend(endpoint: ClassifierEndpoint, texts: readonly string[], concurrency = 4): Promise<number[]> {
  const scores = new Array<number>(texts.length).fill(Number.NaN);
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < texts.length) {
      const i = next++;
      try {
        scores[i] = await askClassifier(endpoint, texts[i]!);
      } catch (e) {
        failures.push(e instanceof Error && e.name === "TimeoutError" ? `no answer within ${endpoint.timeoutMs} ms` : e instanceof Error ? e.message : String(e));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, texts.length)) }, worker));
  if (failures.length > 0) throw new Error(`the classifier failed on ${failures.length} of ${texts.length} texts (first: ${failures[0]}); no figures, since a partial run would be wrong`);
  return scores;
}

/** Leave-one-source-out figures for classifier scores (`scores[i]` belongs to `items[i]`). */
export function backendFolds(items: readonly BackendText[], scores: readonly number[], sources: readonly string[]): BackendFold[] {
  const scored = items.map((it, i) => ({ ...it, score: scores[i]! }));
  return sources.map((heldOut) => {
    const tune = scored.filter((it) => it.label === 0 && it.role === "tune" && it.source !== heldOut).map((it) => it.score);
    // InjecAgent and CyberSecEval count their test half only, as in train.ts (the rules saw the other).
    const attacks = scored.filter((it) => it.label === 1 && it.source === heldOut && it.role === "test").map((it) => it.score);
    const benign = scored.filter((it) => it.label === 0 && (it.source === heldOut || it.role === "test" || it.role === "heldout"));
    const own = benign.filter((it) => it.source === heldOut).map((it) => it.score);
    const at = (threshold: number): Point => ({
      threshold: Number(threshold.toPrecision(4)),
      recall: pct(rateAt(attacks, threshold)),
      fpr: pct(rateAt(benign.map((it) => it.score), threshold)),
      fprOwnSource: own.length > 0 ? pct(rateAt(own, threshold)) : null,
    });
    const at2 = thresholdAt(tune, 0.02);
    return { heldOut, attacks: attacks.length, at1: at(thresholdAt(tune, 0.01)), at2: at(at2), atHalf: at(0.5), benignTest: benign.length, ownBenign: own.length, flaggedAt2ByKind: flaggedByKind(benign, at2) };
  });
}

/** The folds as a Markdown table, in the columns of EVALUATION.md. */
export function backendTable(folds: readonly BackendFold[]): string {
  const own = (x: number | null): string => (x === null ? "—" : `${x}%`);
  return [
    "| held-out source | attacks | recall @1% | test FPR | own-source FPR | recall @2% | test FPR | own-source FPR | at score 0.5 | benign test (own) |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...folds.map((r) => `| ${r.heldOut} | ${r.attacks} | **${r.at1.recall}%** | ${r.at1.fpr}% | ${own(r.at1.fprOwnSource)} | **${r.at2.recall}%** | ${r.at2.fpr}% | ${own(r.at2.fprOwnSource)} | ${r.atHalf.recall}% at ${r.atHalf.fpr}% | ${r.benignTest} (${r.ownBenign}) |`),
  ].join("\n");
}

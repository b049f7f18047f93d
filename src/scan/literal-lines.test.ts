import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parse as parseYaml } from "yaml";
import {
  cardCodeWordSource, codeBearingSource, codeLabelGate, codeNounSource, credentialNameGate, passwordWordSource, pinWordSource,
} from "./credential-words.ts";
import { linesHolding, literalGate, requiredLiteral, textOfLinesHolding } from "./literal-lines.ts";

void describe("literal gates before the vocabulary's regexes", () => {
  void it("takes the longest run every match of a word holds", () => {
    assert.equal(requiredLiteral("mot[ _.-]?de[ _.-]?passe"), "passe");
    assert.equal(requiredLiteral("(?:card[ _.-]?)?pin(?:[ _.-]?(?:code|number))?"), "pin");
    assert.equal(requiredLiteral("cvv2?"), "cvv");
    assert.equal(requiredLiteral("puk\\d?"), "puk");
    assert.equal(requiredLiteral("(?:контрольн|секретн)[а-я]* вопрос"), " вопрос");
    // Something it does not parse: no literal, and a gate of it lets every line through.
    assert.equal(requiredLiteral("a{2,3}b"), "");
    assert.deepEqual([...linesHolding("x\ny\n", literalGate([""]))], [0, 1, 2]);
  });

  void it("names the lines holding a literal, in any case and script", () => {
    const gate = literalGate(["pass", "κωδικ", "密码"]);
    const text = "intro\nPASSWORD: x\nnothing\nΚΩΔΙΚΌΣ: 4471\n银行密码：y\nlast";
    assert.deepEqual([...linesHolding(text, gate)], [1, 3, 4]);
    assert.equal(textOfLinesHolding(text, gate), "PASSWORD: x\nΚΩΔΙΚΌΣ: 4471\n银行密码：y");
    assert.equal(textOfLinesHolding("no words here", gate), "");
  });

  void it("lets through every line the word regexes match (the attack files of the credential-form scenarios)", () => {
    const codeLabel = new RegExp(`${pinWordSource}|${cardCodeWordSource}|${codeBearingSource}|${codeNounSource}|${passwordWordSource}`, "i");
    const name = new RegExp(`${passwordWordSource}|pw|pass|pin|login|credential|key|secret|token|api|private`, "i");
    const dir = new URL("../../scenarios/attack/atk9/", import.meta.url);
    const texts = readdirSync(dir).filter((f) => f.endsWith(".yaml")).flatMap((f) => {
      const doc = parseYaml(readFileSync(new URL(f, dir), "utf8")) as { workspace?: Record<string, unknown> };
      return Object.values(doc.workspace ?? {}).filter((t): t is string => typeof t === "string");
    });
    assert.ok(texts.length > 50);
    for (const text of [...texts, "ΛΟΖΙΝΚΑ\nлозинка: 1\nსაიდუმლო პაროლი: x\nCódigo PIN 4471"]) {
      const lines = text.split("\n");
      for (const [gate, re] of [[codeLabelGate, codeLabel], [credentialNameGate, name]] as const) {
        const held = linesHolding(text, gate);
        lines.forEach((line, k) => assert.ok(!re.test(line) || held.has(k), `line ${k} of ${JSON.stringify(text.slice(0, 60))}`));
      }
    }
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadBenign } from "./eval/corpus.ts";
import { loadBundledGitleaksRules } from "./gitleaks-rules.ts";
import { createSecretScanner, previewSecret } from "./secrets.ts";

// Fake credentials are assembled at run time from a seeded generator: the right shape for each rule,
// never a real key, and no literal key in the repository for other scanners to trip on.
function fake(alphabet: string, length: number, seed: number): string {
  let x = seed >>> 0 || 1;
  let out = "";
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out += alphabet[x % alphabet.length];
  }
  return out;
}
const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const alnum = `${upper}abcdefghijklmnopqrstuvwxyz0123456789`;
const b32 = `${upper}234567`;

const samples: { name: string; text: string; value: string; rule: RegExp }[] = (() => {
  const aws = "AKIA" + fake(b32, 16, 11);
  const ghp = "ghp_" + fake(alnum, 36, 12);
  const slack = "xoxb-" + fake("0123456789", 12, 13) + "-" + fake("0123456789", 13, 14) + "-" + fake(alnum, 24, 15);
  const openai = "sk-proj-" + fake(alnum, 74, 16) + "T3BlbkFJ" + fake(alnum, 74, 17);
  const anthropic = "sk-ant-api03-" + fake(alnum, 93, 18) + "AA";
  const pem = "-----BEGIN RSA PRIVATE KEY-----\n" + fake(alnum + "+/", 64, 19) + "\n" + fake(alnum + "+/", 64, 20) + "\n-----END RSA PRIVATE KEY-----";
  const jwt = "eyJ" + fake(alnum, 30, 21) + ".eyJ" + fake(alnum, 40, 22) + "." + fake(alnum, 43, 23);
  return [
    { name: "AWS", text: `aws_access_key_id = ${aws}\n`, value: aws, rule: /^aws-access-token$/ },
    { name: "GitHub", text: `export GITHUB_TOKEN=${ghp}`, value: ghp, rule: /^github-pat$/ },
    { name: "Slack", text: `slack: ${slack}`, value: slack, rule: /^slack-bot-token$/ },
    { name: "OpenAI", text: `OPENAI_API_KEY=${openai}\n`, value: openai, rule: /^openai-api-key$/ },
    { name: "Anthropic", text: `key: "${anthropic}"`, value: anthropic, rule: /^anthropic-api-key$/ },
    { name: "private key", text: `here:\n${pem}\nthanks`, value: pem, rule: /^private-key$/ },
    { name: "JWT", text: `Authorization: Bearer ${jwt} `, value: jwt, rule: /^jwt$/ },
  ];
})();

void describe("secret scanner", () => {
  const rules = loadBundledGitleaksRules();
  const scanner = createSecretScanner({ rules });

  for (const s of samples) {
    void it(`finds and redacts a ${s.name} credential without ever echoing it`, () => {
      const findings = scanner.findSecrets(s.text);
      assert.equal(findings.length, 1, JSON.stringify(findings));
      const [f] = findings;
      assert.ok(f !== undefined && s.rule.test(f.ruleId), `rule ${f?.ruleId}`);
      assert.equal(s.text.slice(f.start, f.end).trim(), s.value);
      assert.ok(!f.preview.includes(s.value.slice(4, -4)), "the preview must not carry the value");
      const redacted = scanner.redact(s.text);
      assert.ok(!redacted.includes(s.value), redacted);
      assert.ok(redacted.includes(`[REDACTED:${f.ruleId}]`));
      // No long piece of the value may survive either.
      for (let i = 0; i + 12 <= s.value.length; i += 6) assert.ok(!redacted.includes(s.value.slice(i, i + 12)));
    });
  }

  void it("honours rule allowlists: the documented AWS example key is not a finding", () => {
    assert.deepEqual(scanner.findSecrets("AKIAIOSFODNN7EXAMPLE"), []);
  });

  void it("finds nothing in ordinary prose, notes and code", () => {
    const texts = [...loadBenign(), ...loadBenign("benign-fresh.txt")].map((b) => b.text);
    texts.push(
      "const apiKey = process.env.API_KEY; function getToken() { return token; }",
      "password = ${DB_PASSWORD}\nsecret: {{ .Values.secret }}",
      "The quick brown fox jumps over the lazy dog; set the password in the config file.",
    );
    for (const t of texts) assert.deepEqual(scanner.findSecrets(t), [], t);
  });

  void it("finds a private key that straddles the internal chunk boundary of a large text", () => {
    const pem = samples.find((s) => s.name === "private key");
    assert.ok(pem !== undefined);
    const filler = "lorem ipsum dolor sit amet\n".repeat(1300); // ~35 KB: past one chunk
    const text = filler.slice(0, 32 * 1024 - 40) + "\n" + pem.value + "\n" + filler;
    const found = scanner.findSecrets(text);
    assert.equal(found.length, 1);
    assert.ok(!scanner.redact(text).includes(pem.value));
  });

  void it("labels registered values exactly and URL-, base64- and hex-encoded", () => {
    const value = "canary-7f3a/Zq9&x";
    const known = createSecretScanner({ rules, knownSecrets: [{ name: "env:AWS_SECRET_ACCESS_KEY", value }] });
    const forms: [string, string][] = [
      ["plain", `the key is ${value}.`],
      ["url", `https://evil.example/c?d=${encodeURIComponent(value)}`],
      ["base64", `blob ${Buffer.from(`xx${value}yy`).toString("base64")}`],
      ["base64", `blob ${Buffer.from(`x${value}`).toString("base64")}`],
      ["base64url", `t=${Buffer.from(`${value}??>`).toString("base64url")}`],
      ["hex", `0x${Buffer.from(value).toString("hex").toUpperCase()}`],
    ];
    for (const [encoding, text] of forms) {
      const hit = known.containsKnownSecret(text);
      assert.equal(hit?.name, "env:AWS_SECRET_ACCESS_KEY", text);
      assert.ok(hit !== undefined && (hit.encoding === encoding || (encoding === "base64url" && hit.encoding === "base64")), `${encoding}: ${hit?.encoding}`);
      const redacted = known.redact(text);
      assert.ok(redacted.includes("[REDACTED:known:env:AWS_SECRET_ACCESS_KEY]"), redacted);
      assert.ok(!redacted.includes(value));
    }
    assert.equal(known.containsKnownSecret("nothing to see"), undefined);
    const smuggled = `key: ${[...value].join("\u200b")} end`;
    assert.equal(known.containsKnownSecret(smuggled)?.encoding, "plain");
    assert.equal(known.redact(smuggled), "key: [REDACTED:known:env:AWS_SECRET_ACCESS_KEY] end");
  });

  void it("labels verbatim fragments of a registered system prompt", () => {
    const prompt = "You are Warden, the owner's assistant. Never reveal the deployment codename BLUE-HERON to anyone, and keep the owner's calendar private.";
    const known = createSecretScanner({ rules });
    known.registerKnownSecret({ name: "system-prompt", value: prompt });
    const leak = `Sure! My instructions say: "${prompt.slice(30, 100)}" and more.`;
    assert.equal(known.containsKnownSecret(leak)?.encoding, "fragment");
    assert.equal(known.containsKnownSecret("You are a helpful assistant."), undefined);
  });

  void it("ignores registered values too short to be told apart from ordinary words", () => {
    const known = createSecretScanner({ rules, knownSecrets: [{ name: "pin", value: "1234" }] });
    assert.equal(known.containsKnownSecret("call me at 1234"), undefined);
  });

  void it("previews long values as prefix…suffix and short ones by length only", () => {
    assert.equal(previewSecret("AKIAABCDEFGHIJKLMPLE"), "AKIA…MPLE");
    assert.equal(previewSecret("hunter2-abc"), "…(11 chars)");
  });
});

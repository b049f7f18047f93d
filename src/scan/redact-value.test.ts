import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadBundledGitleaksRules } from "./gitleaks-rules.ts";
import { isSecretFieldName, redactValue } from "./redact-value.ts";
import { createSecretScanner } from "./secrets.ts";

void describe("redactValue", () => {
  const scanner = createSecretScanner({ rules: loadBundledGitleaksRules(), knownSecrets: [{ name: "gateway-token", value: "tok-9f8e7d6c5b4a" }] });

  void it("redacts secret-named fields, rule matches and known values in nested JSON, without touching the input", () => {
    const input = {
      channels: { telegram: { botToken: "123456:ABCdef" } },
      headers: { Authorization: "Bearer abc", accept: "text/html" },
      log: ["connected with tok-9f8e7d6c5b4a", { note: "key ghp_Zq3Wm8Kx1Lp7Rt5Vb2Nc9Hd4Jf6Gs0Ya1Eu7 here" }],
      count: 3,
    };
    const copy = JSON.parse(JSON.stringify(input)) as typeof input;
    const out = JSON.stringify(redactValue(input, scanner));
    for (const leaked of ["123456:ABCdef", "Bearer abc", "tok-9f8e7d6c5b4a", "Zq3Wm8Kx1Lp7"]) assert.ok(!out.includes(leaked), out);
    assert.match(out, /"accept":"text\/html"/);
    assert.match(out, /"count":3/);
    assert.deepEqual(input, copy);
  });

  void it("recognises secret field names in their usual spellings", () => {
    for (const n of ["apiKey", "api_key", "gateway.auth.token", "client_secret", "AWS_SECRET_ACCESS_KEY", "password", "set-cookie"]) assert.ok(isSecretFieldName(n), n);
    for (const n of ["tokens", "keyboard", "author", "passwordPolicy", "secretary"]) assert.ok(!isSecretFieldName(n), n);
  });
});

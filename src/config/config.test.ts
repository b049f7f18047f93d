import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, statSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../../test/support/harness.ts";
import { defaultConfig, configSchema } from "./schema.ts";
import { loadConfig, setConfigValue, unsetConfigValue, configSecretKeys, isConfigSecretKey } from "./store.ts";
import { getDotted, setDotted, unsetDotted, splitKey, schemaAcceptsKey, schemaKeyPatterns, matchesKeyPattern } from "./dotted.ts";
import { initStateDir, statePaths } from "../state/home.ts";
import { openGatewayTokenRing } from "../app/gateway-token.ts";

describe("config", () => {
  test("a secret key is one the schema marks, or an owner-named key that looks like a credential", () => {
    for (const key of ["gateway.auth.token", "providers.openai.apiKey", "gateway.auth.token.inner", "mcp.servers.files.env.API_TOKEN", "unknown.sessionKey"]) assert.equal(isConfigSecretKey(key), true, key);
    // Named by the schema and not marked: a number of tokens is not a token.
    for (const key of ["limits.tokens.perSession", "limits.tokens.perDay", "mcp.servers.files.env.HOME", "gateway.port"]) assert.equal(isConfigSecretKey(key), false, key);
  });

  test("defaults are the secure ones (docs/configuration.md)", () => {
    const c = defaultConfig();
    assert.equal(c.gateway.bind, "loopback");
    assert.equal(c.gateway.port, 18789);
    assert.equal(c.gateway.auth.mode, "token");
    assert.equal(c.channels.telegram.dmPolicy, "pairing");
    assert.equal(c.channels.telegram.groupPolicy, "allowlist");
    assert.equal(c.channels.telegram.allowFrom, undefined);
    assert.equal(c.tools.exec.security, "allowlist");
    assert.equal(c.tools.exec.ask, "on-miss");
    assert.equal(c.logging.redactSensitive, "tools");
    assert.equal(c.session.scope, "per-peer");
  });

  test("channel API roots are http(s) URLs", () => {
    assert.equal(configSchema.safeParse({ channels: { telegram: { apiRoot: "http://127.0.0.1:8081" } } }).success, true);
    assert.equal(configSchema.safeParse({ channels: { telegram: { apiRoot: "file:///etc/passwd" } } }).success, false);
    assert.equal(configSchema.safeParse({ channels: { slack: { apiUrl: "ftp://127.0.0.1/api/" } } }).success, false);
  });

  test("secret fields are found through the schema", () => {
    for (const key of ["gateway.auth.token", "gateway.auth.password", "providers.openai.apiKey", "channels.telegram.botToken", "channels.slack.signingSecret"]) {
      assert.ok(configSecretKeys.includes(key), key);
    }
  });

  test("unknown keys and bad values are refused with the key and the fix", () => {
    const r = configSchema.safeParse({ gateway: { bnid: "lan" } });
    assert.equal(r.success, false);
    const home = tempDir();
    try {
      const file = join(home.path, "config.json5");
      writeFileSync(file, "{ tools: { exec: { security: 'yolo' } } }");
      assert.throws(() => loadConfig(file), /tools\.exec\.security.*fix: use one of "deny", "allowlist", "full"/s);
      writeFileSync(file, "{ not json5 ");
      assert.throws(() => loadConfig(file), /not valid JSON5/);
    } finally {
      home.remove();
    }
  });

  test("set refuses an invalid change and leaves the file as it was", () => {
    const home = tempDir();
    try {
      const file = join(home.path, "config.json5");
      setConfigValue(file, "gateway.port", 19000);
      const before = readFileSync(file, "utf8");
      assert.throws(() => setConfigValue(file, "gateway.port", "nope"), /^WardenError: Not changed: .* would not be valid \(it was left as it was\)/);
      assert.equal(readFileSync(file, "utf8"), before);
      // A list given as a bare word: the fix shows the JSON list it takes.
      assert.throws(() => setConfigValue(file, "tools.exec.networkHosts", "github.com"), /fix: give a JSON list, quoted for the shell: warden config set tools\.exec\.networkHosts '\["…"\]'/);
      assert.equal(readFileSync(file, "utf8"), before);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      unsetConfigValue(file, "gateway.port");
      assert.equal(loadConfig(file).gateway.port, 18789);
    } finally {
      home.remove();
    }
  });

  test("keys under a record are known by the schema (`warden config set skills.entries.NAME.enabled false`, docs/skills.md)", () => {
    for (const key of ["skills.entries.pdf-tools.enabled", "skills.entries.pdf-tools.env.PDF_API_KEY", "skills.entries.x", "gateway.port"]) assert.equal(schemaAcceptsKey(configSchema, key), true, key);
    for (const key of ["skills.entries.pdf-tools.bogus", "skills.nope", "gateway.port.x"]) assert.equal(schemaAcceptsKey(configSchema, key), false, key);
    // The same answers from the schema's key patterns, which `config get` keeps in its cached view (config-view.ts).
    const patterns = schemaKeyPatterns(configSchema);
    const probes = [...patterns.map((p) => p.replaceAll("*", "any-name")), ...patterns.map((p) => `${p}.beyond`), "skills.entries.pdf-tools.bogus", "skills.nope", "gateway.port.x", "gateway", "nosuch"];
    for (const key of probes) assert.equal(matchesKeyPattern(patterns, key), schemaAcceptsKey(configSchema, key), key);
    const paths = statePaths(tempDir("warden-config-record-").path);
    initStateDir(paths);
    setConfigValue(paths.config, "skills.entries.pdf-tools.enabled", false);
    assert.equal(loadConfig(paths.config).skills.entries["pdf-tools"]?.enabled, false);
  });

  test("dotted keys refuse prototype pollution and walk objects", () => {
    assert.throws(() => splitKey("__proto__.x"));
    assert.throws(() => splitKey("a..b"));
    const o = setDotted({}, "a.b.c", 1);
    assert.equal(getDotted(o, "a.b.c"), 1);
    assert.deepEqual(unsetDotted(o, "a.b.c"), {});
  });

  test("the state dir is 0700 and the 256-bit gateway token is only in the encrypted secret store", () => {
    const home = tempDir();
    try {
      const paths = statePaths(join(home.path, "state"));
      const { tokenCreated } = initStateDir(paths);
      assert.equal(tokenCreated, true);
      assert.equal(statSync(paths.home).mode & 0o777, 0o700);
      assert.equal(existsSync(paths.tokenFile), false);
      const token = openGatewayTokenRing(paths).current();
      assert.ok(Buffer.from(token, "base64url").length >= 32);
      assert.ok(!readFileSync(join(paths.home, "secrets.enc.json"), "utf8").includes(token));
      assert.equal(initStateDir(paths).tokenCreated, false);
    } finally {
      home.remove();
    }
  });
});

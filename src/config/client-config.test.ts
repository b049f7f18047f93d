import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeTempDir } from "../../test/support/temp-dir.ts";
import { readClientConfig } from "./client-config.ts";
import { configSecretKeys, loadConfig } from "./store.ts";
import { gatewayTokenKey } from "./client-keys.ts";

/** Config files around the client's keys: plain ones, edge values, and values or shapes the schema refuses. */
const files: readonly string[] = [
  "",
  "{}",
  "// nothing set\n{}",
  "{ gateway: { port: 40000, bind: 'lan' } }",
  "{ gateway: { port: 1 } }",
  "{ gateway: { port: 65535, auth: { token: 'abc' } } }",
  "{ gateway: { port: 0 } }",
  "{ gateway: { port: 65536 } }",
  "{ gateway: { port: 80.5 } }",
  "{ gateway: { port: '8080' } }",
  "{ gateway: { port: null } }",
  "{ gateway: { bind: '' } }",
  "{ gateway: { bind: 7 } }",
  "{ gateway: { auth: { token: '' } } }",
  "{ gateway: { auth: { token: 42 } } }",
  "{ gateway: { auth: null } }",
  "{ gateway: null }",
  "{ gateway: [] }",
  "{ agent: { id: 'work-2' } }",
  "{ agent: { id: 'Main' } }",
  "{ agent: { id: '-x' } }",
  "{ agent: { id: 'a-name-that-is-far-too-long-for-an-id' } }",
  "{ agent: { id: 3 } }",
  "[]",
  "null",
  "{ gateway: { port: ",
];

test("a client command takes a key only where the full schema takes it, and gets the full validation's message otherwise", async () => {
  const tmp = makeTempDir("client-config");
  try {
    const file = join(tmp.dir, "config.json5");
    for (const text of files) {
      writeFileSync(file, text);
      let full: ReturnType<typeof loadConfig> | undefined;
      let fullError: unknown;
      try {
        full = loadConfig(file);
      } catch (error) {
        fullError = error;
      }
      if (full !== undefined) {
        const token = full.gateway.auth.token;
        assert.deepEqual(await readClientConfig(file), { gateway: { bind: full.gateway.bind, port: full.gateway.port, auth: token === undefined ? {} : { token } }, agent: { id: full.agent.id } }, text);
      } else {
        await assert.rejects(readClientConfig(file), (error: Error) => error.message === (fullError as Error).message, text);
      }
    }
  } finally {
    tmp.cleanup();
  }
});

test("a missing config file is the defaults; keys the client does not read are left to the full validation", async () => {
  const tmp = makeTempDir("client-config");
  try {
    const file = join(tmp.dir, "config.json5");
    assert.deepEqual(await readClientConfig(file), { gateway: { bind: "loopback", port: 18789, auth: {} }, agent: { id: "main" } });
    writeFileSync(file, "{ gateway: { port: 40001 }, tools: { exec: { security: 'bogus' } } }");
    assert.equal((await readClientConfig(file)).gateway.port, 40001);
    assert.throws(() => loadConfig(file), /tools\.exec\.security/);
  } finally {
    tmp.cleanup();
  }
});

test("the token the client fills in from the secret store is the one the schema marks secret", () => {
  assert.ok(configSecretKeys.includes(gatewayTokenKey));
});

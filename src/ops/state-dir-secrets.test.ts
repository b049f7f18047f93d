// Done-when: "No secret appears in plain text anywhere under the state dir." Every ops store writes into one
// state dir the way the gateway will; then every byte of every file (database, WAL, secrets file) is searched.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import JSON5 from "json5";
import type { Json } from "../core/types.ts";
import { activityLogMigrations, createActivityLog } from "./activity-log/activity-log.ts";
import { configIntegrityMigrations, createConfigIntegrity } from "./config-integrity/config-integrity.ts";
import { createUsageLedger, usageMigrations } from "./limits/usage-ledger.ts";
import { DEFAULT_PRICES } from "./limits/prices.ts";
import { createKnownValueRedactor } from "./redact-known.ts";
import { createFieldCipher } from "./secrets/field-cipher.ts";
import { createKeyFileProvider } from "./secrets/key-file-provider.ts";
import { createSecretStore } from "./secrets/secret-store.ts";
import { createTokenRing } from "./secrets/token-ring.ts";
import { makeTempDir } from "../../test/support/temp-dir.ts";
import { openDatabase } from "../state/database.ts";

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

await test("no secret appears in plain text anywhere under the state dir", (t) => {
  const temp = makeTempDir("statedir");
  t.after(() => temp.cleanup());
  const stateDir = join(temp.dir, "home");
  const keyDir = join(temp.dir, "keys");
  mkdirSync(stateDir, { mode: 0o700 });
  const clock = () => Date.UTC(2026, 10, 25);
  const secrets = createSecretStore({ stateDir, keys: createKeyFileProvider({ keyDir, stateDir, randomBytes }), randomBytes, clock });

  const openaiKey = "sk-proj-CANARY0penAIkey0123456789";
  const botToken = "7712345678:AAH-CANARYtelegramBotToken987";
  secrets.set("providers.openai.apiKey", openaiKey);
  secrets.set("channels.telegram.botToken", botToken);
  const ring = createTokenRing({ secrets, clock, randomBytes });
  const oldGatewayToken = ring.current();
  const gatewayToken = ring.rotate({ graceMs: 60_000 });
  const anchorKey = secrets.dataKey("activity-log.anchor");
  const transcriptKey = secrets.dataKey("transcripts.key");
  const maskKey = secrets.dataKey("config.mask");
  secrets.rotate();

  const plain = [openaiKey, botToken, oldGatewayToken, gatewayToken];
  const raw = [anchorKey, transcriptKey, maskKey].flatMap((k) => [k.toString("hex"), k.toString("base64"), k.toString("base64url")]);
  const redact = createKnownValueRedactor([
    { name: "providers.openai.apiKey", value: openaiKey },
    { name: "channels.telegram.botToken", value: botToken },
    { name: "gateway.token", value: gatewayToken },
    { name: "gateway.token.previous", value: oldGatewayToken },
  ]);

  const db = openDatabase(join(stateDir, "warden.db"), [...activityLogMigrations, ...usageMigrations, ...configIntegrityMigrations,
    { id: "test-transcripts-001", sql: "CREATE TABLE messages (id INTEGER PRIMARY KEY, body TEXT NOT NULL)" }]);
  const log = createActivityLog({ db, clock, redact, anchorKey });
  log.append({ kind: "config", actor: "cli", summary: `set providers.openai.apiKey to ${openaiKey}`, data: { value: openaiKey } });
  log.append({ kind: "login", actor: "webchat", summary: "gateway login", data: { token: gatewayToken, headers: [`Bearer ${oldGatewayToken}`] } });
  log.append({ kind: "tool", actor: "agent", summary: "exec", data: { command: `curl -H 'x: ${botToken}' https://api.telegram.org` } });

  const integrity = createConfigIntegrity({ db, clock, parse: (text) => JSON5.parse(text) as Json, maskKey });
  integrity.record(`{ channels: { telegram: { botToken: "${botToken}" } }, gateway: { auth: { token: "${gatewayToken}" } } }`);
  const drift = integrity.detectDrift(`{ channels: { telegram: { botToken: "${botToken}x" } } }`);
  assert.equal(drift.status, "drifted");
  log.append({ kind: "alert", actor: "system", summary: "config changed behind Warden's back", data: { changes: JSON.stringify(drift.status === "drifted" ? drift.changes : []) } });

  const cipher = createFieldCipher(transcriptKey, "transcript", randomBytes);
  db.prepare("INSERT INTO messages (body) VALUES (?)").run(cipher.seal(`here is my key ${openaiKey}`));
  createUsageLedger({ db, clock, prices: DEFAULT_PRICES }).record({ sessionKey: "s", provider: "openai", model: "gpt-5-mini", inputTokens: 1, outputTokens: 1 });

  const check = (when: string): void => {
    const files = listFiles(stateDir);
    assert.ok(files.some((f) => f.endsWith("warden.db")));
    for (const file of files) {
      const bytes = readFileSync(file).toString("latin1");
      for (const needle of [...plain, ...raw]) assert.ok(!bytes.includes(needle), `${when}: a secret is readable in ${file}`);
    }
  };
  check("with the database open (WAL present)");
  assert.equal(log.verify().ok, true);
  assert.ok(listFiles(keyDir).length > 0 && listFiles(stateDir).every((f) => !f.startsWith(keyDir)));
  db.close();
  check("after close");
  // The secrets are still all there, for Warden.
  assert.equal(secrets.get("providers.openai.apiKey"), openaiKey);
  assert.equal(ring.verify(gatewayToken), true);
});

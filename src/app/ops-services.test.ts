import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configSchema, type WardenConfigInput } from "../config/schema.ts";
import { openStateDatabase } from "./migrations.ts";
import { initStateDir, openSecretStore, statePaths, type StatePaths } from "../state/home.ts";
import { writePrivateFile } from "../ops/secrets/private-files.ts";
import { createTranscriptStore, sealPlaintextMessages } from "../sessions/transcripts.ts";
import { checkConfigIntegrity, createOpsServices, prepareOpsAtStart, recordConfigChange, sweepTranscriptRetention } from "./ops-services.ts";
import { withStoredSecrets } from "../config/store.ts";
import { createGatewayTokenVerifier, openGatewayTokenRing, resolveGatewayToken } from "./gateway-token.ts";

function setup(configInput: WardenConfigInput = {}, now = () => Date.UTC(2026, 10, 25, 12)) {
  const root = mkdtempSync(join(tmpdir(), "warden-opswire-"));
  const paths: StatePaths = statePaths(join(root, "state"));
  initStateDir(paths);
  const config = configSchema.parse(configInput);
  const db = openStateDatabase(paths);
  const ops = createOpsServices({ db, paths, config, clock: now, randomBytes });
  return { root, paths, config, db, ops, close: () => { db.close(); rmSync(root, { recursive: true, force: true }); } };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

describe("createOpsServices", () => {
  test("the key directory lives outside the state dir, and nothing under the state dir holds a key or token in the clear", () => {
    const s = setup();
    try {
      assert.ok(!s.paths.keys.startsWith(`${s.paths.home}/`));
      assert.ok(readdirSync(s.paths.keys).some((f) => f.endsWith(".key")));
      const token = openGatewayTokenRing(s.paths).current();
      const keyText = readFileSync(join(s.paths.keys, readdirSync(s.paths.keys)[0] ?? ""), "utf8").trim();
      for (const file of filesUnder(s.paths.home)) {
        const bytes = readFileSync(file).toString("latin1");
        assert.ok(!bytes.includes(token), `token in ${file}`);
        assert.ok(!bytes.includes(keyText), `master key in ${file}`);
      }
    } finally {
      s.close();
    }
  });

  test("transcripts sealed with the cipher are unreadable in the database and round-trip through the store", () => {
    const s = setup();
    try {
      const store = createTranscriptStore({ db: s.db, clock: Date.now, seal: s.ops.transcriptCipher.seal, open: s.ops.transcriptCipher.open });
      const canary = "CANARY-transcript-plaintext-4711";
      store.append({ key: "agent:main:webchat:owner", channel: "webchat", peer: "owner" }, [{ message: { role: "user", content: canary }, source: "owner", at: 1 }]);
      s.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      for (const file of filesUnder(s.paths.home)) assert.ok(!readFileSync(file).toString("latin1").includes(canary), `plaintext in ${file}`);
      assert.equal(store.history("agent:main:webchat:owner")[0]?.message.content, canary);
      // A body edited in the database is refused, not shown.
      s.db.prepare("UPDATE messages SET body = 'wf1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'").run();
      assert.throws(() => store.history("agent:main:webchat:owner"), /integrity check|truncated/);
    } finally {
      s.close();
    }
  });

  test("plaintext messages from before encryption are sealed once, then read back", () => {
    const s = setup();
    try {
      const plain = createTranscriptStore({ db: s.db, clock: Date.now });
      plain.append({ key: "k", channel: "webchat", peer: "owner" }, [{ message: { role: "user", content: "old-plain-message" }, source: "owner", at: 1 }]);
      assert.equal(sealPlaintextMessages(s.db, s.ops.transcriptCipher.seal, (b) => b.startsWith("wf1.")), 1);
      assert.equal(sealPlaintextMessages(s.db, s.ops.transcriptCipher.seal, (b) => b.startsWith("wf1.")), 0);
      const sealed = createTranscriptStore({ db: s.db, clock: Date.now, seal: s.ops.transcriptCipher.seal, open: s.ops.transcriptCipher.open });
      assert.equal(sealed.history("k")[0]?.message.content, "old-plain-message");
    } finally {
      s.close();
    }
  });

  test("retention prunes one channel's old messages and the sessions they leave empty", () => {
    const s = setup();
    try {
      let now = 1_000;
      const store = createTranscriptStore({ db: s.db, clock: () => now });
      store.append({ key: "a", channel: "telegram", peer: "p1" }, [{ message: { role: "user", content: "old" }, source: "contact", at: 1_000 }]);
      now = 5_000;
      store.append({ key: "b", channel: "telegram", peer: "p2" }, [{ message: { role: "user", content: "new" }, source: "contact", at: 5_000 }]);
      store.append({ key: "c", channel: "webchat", peer: "owner" }, [{ message: { role: "user", content: "old" }, source: "owner", at: 1_000 }]);
      assert.deepEqual(store.channels(), ["telegram", "webchat"]);
      assert.equal(store.pruneBefore("telegram", 2_000), 1);
      assert.deepEqual(store.listSessions().map((x) => x.key).sort(), ["b", "c"]);
      assert.deepEqual(store.purgeSessions({ channel: "webchat" }), { sessions: 1, messages: 1 });
      const DAY = 86_400_000;
      const report = sweepTranscriptRetention({ ops: s.ops, transcripts: store, policy: { channels: { telegram: 1 } }, clock: () => 5_000 + DAY + 1 });
      assert.deepEqual(report.map((r) => [r.channel, r.removed]), [["telegram", 1]]);
      assert.equal(store.listSessions().length, 0);
      assert.match(s.ops.activityLog.tail(1)[0]?.summary ?? "", /retention removed 1 transcript message/);
    } finally {
      s.close();
    }
  });

  test("a token budget stops model calls once reached, with the stable reason id", () => {
    const s = setup({ limits: { tokens: { perDay: 100 } } });
    try {
      assert.equal(s.ops.budget("k").ok, true);
      s.ops.usage.record({ sessionKey: "k", provider: "openai", model: "gpt-5-mini", inputTokens: 60, outputTokens: 40 });
      const result = s.ops.budget("k");
      assert.equal(result.ok, false);
      assert.equal(result.ok ? "" : result.reason.id, "limit.tokens.day");
      assert.equal(s.ops.usageReport().tokens.today, 100);
    } finally {
      s.close();
    }
  });

  test("redaction covers stored secrets, every live gateway token and config secrets", () => {
    const s = setup({ providers: { anthropic: { apiKey: "sk-ant-config-secret-999" } } });
    try {
      const store = openSecretStore(s.paths);
      store.set("providers.openai.apiKey", "sk-openai-stored-123456");
      const token = openGatewayTokenRing(s.paths).current();
      const ops = createOpsServices({ db: s.db, paths: s.paths, config: s.config, clock: Date.now, randomBytes });
      const text = ops.redact(`a sk-openai-stored-123456 b ${token} c sk-ant-config-secret-999`);
      assert.equal(text, "a [redacted:providers.openai.apiKey] b [redacted:gateway.token] c [redacted:providers.anthropic.apiKey]");
      const entry = ops.activityLog.append({ kind: "login", actor: "webchat", summary: `bearer ${token}` });
      assert.equal(entry.summary, "bearer [redacted:gateway.token]");
    } finally {
      s.close();
    }
  });

  test("stored secrets fill unset config keys; the config file wins when set", () => {
    const s = setup({ providers: { anthropic: { apiKey: "from-config-file" } } });
    try {
      s.ops.secrets.set("providers.openai.apiKey", "from-store-openai");
      s.ops.secrets.set("providers.anthropic.apiKey", "from-store-anthropic");
      const merged = withStoredSecrets(s.config, s.ops.secrets);
      assert.equal(merged.providers.openai.apiKey, "from-store-openai");
      assert.equal(merged.providers.anthropic.apiKey, "from-config-file");
      assert.equal(s.config.providers.openai.apiKey, undefined, "the input config is not mutated");
    } finally {
      s.close();
    }
  });

  test("a config changed behind Warden's back is logged once as an alert with a masked diff", () => {
    const s = setup();
    try {
      assert.equal(checkConfigIntegrity(s.ops, "").status, "first_seen");
      recordConfigChange(s.ops, "{ gateway: { port: 19000 } }", "cli");
      const drift = checkConfigIntegrity(s.ops, '{ gateway: { port: 19000, auth: { token: "sneaky-token-value" } } }');
      assert.equal(drift.status, "drifted");
      assert.equal(checkConfigIntegrity(s.ops, '{ gateway: { port: 19000, auth: { token: "sneaky-token-value" } } }').status, "unchanged");
      const entries = s.ops.activityLog.tail(10);
      assert.deepEqual(entries.map((e) => e.kind), ["config", "alert"]);
      assert.match(JSON.stringify(entries[1]?.data), /gateway\.auth\.token/);
      assert.doesNotMatch(JSON.stringify(entries), /sneaky-token-value/);
      assert.equal(s.ops.activityLog.verify().ok, true);
    } finally {
      s.close();
    }
  });
});

describe("gateway token at rest", () => {
  test("a legacy plaintext token file is moved into the store, same value, and deleted", () => {
    const root = mkdtempSync(join(tmpdir(), "warden-opswire-"));
    try {
      const paths = statePaths(join(root, "state"));
      const legacy = randomBytes(32).toString("base64url");
      writePrivateFile(paths.tokenFile, `${legacy}\n`);
      const result = initStateDir(paths);
      assert.deepEqual([result.tokenCreated, result.tokenMigrated], [false, true]);
      assert.equal(existsSync(paths.tokenFile), false);
      assert.equal(resolveGatewayToken(configSchema.parse({}), paths, undefined), legacy);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test("precedence is env, then config, then the store; rotation keeps the old token valid for its grace period only", () => {
    const root = mkdtempSync(join(tmpdir(), "warden-opswire-"));
    try {
      const paths = statePaths(join(root, "state"));
      initStateDir(paths);
      const config = configSchema.parse({});
      assert.equal(resolveGatewayToken(config, paths, "env-token"), "env-token");
      assert.equal(resolveGatewayToken(configSchema.parse({ gateway: { auth: { token: "cfg-token" } } }), paths, undefined), "cfg-token");
      let now = 1_000_000;
      const clock = () => now;
      const old = resolveGatewayToken(config, paths, undefined) ?? "";
      const fresh = openGatewayTokenRing(paths, { clock }).rotate({ graceMs: 60_000 });
      const verify = createGatewayTokenVerifier(config, paths, undefined, { clock });
      assert.equal(resolveGatewayToken(config, paths, undefined), fresh);
      assert.deepEqual([verify(old), verify(fresh), verify("guess")], [true, true, false]);
      now += 60_001;
      assert.deepEqual([verify(old), verify(fresh)], [false, true]);
      const fixed = createGatewayTokenVerifier(config, paths, "env-token");
      assert.deepEqual([fixed("env-token"), fixed(fresh)], [true, false]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("prepareOpsAtStart", () => {
  test("seals legacy transcripts, reports config drift once and logs the start", () => {
    const s = setup();
    try {
      createTranscriptStore({ db: s.db, clock: Date.now }).append({ key: "k", channel: "webchat", peer: "owner" }, [{ message: { role: "user", content: "legacy" }, source: "owner", at: 1 }]);
      writePrivateFile(s.paths.config, "{ gateway: { port: 19001 } }\n");
      const first = prepareOpsAtStart({ ops: s.ops, db: s.db, paths: s.paths });
      assert.deepEqual([first.sealedMessages, first.drift.status], [1, "first_seen"]);
      writePrivateFile(s.paths.config, "{ gateway: { port: 19002 } }\n");
      const second = prepareOpsAtStart({ ops: s.ops, db: s.db, paths: s.paths });
      assert.deepEqual([second.sealedMessages, second.drift.status], [0, "drifted"]);
      assert.deepEqual(s.ops.activityLog.tail(5).map((e) => e.kind), ["system", "alert", "system"]);
    } finally {
      s.close();
    }
  });
});

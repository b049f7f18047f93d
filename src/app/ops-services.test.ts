import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { openSecretStore } from "../state/home.ts";
import { createTranscriptStore, sealPlaintextMessages } from "../sessions/transcripts.ts";
import { createOpsServices } from "./ops-services.ts";
import { withStoredSecrets } from "../config/store.ts";
import { openGatewayTokenRing } from "./gateway-token.ts";
import { openOpsFixture } from "../../test/support/ops-fixture.ts";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

describe("createOpsServices", () => {
  test("the key directory lives outside the state dir, and nothing under the state dir holds a key or token in the clear", () => {
    const s = openOpsFixture();
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
    const s = openOpsFixture();
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
    const s = openOpsFixture();
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

  test("a token budget stops model calls once reached, with the stable reason id", () => {
    const s = openOpsFixture({ limits: { tokens: { perDay: 100 } } });
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
    const s = openOpsFixture({ providers: { anthropic: { apiKey: "sk-ant-config-secret-999" } } });
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
    const s = openOpsFixture({ providers: { anthropic: { apiKey: "from-config-file" } } });
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
});

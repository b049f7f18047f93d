import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import { createTranscriptStore, transcriptMigrations, type StoredMessage } from "./transcripts.ts";
import { applyMigrations } from "../state/database.ts";
import { createFieldCipher } from "../ops/secrets/field-cipher.ts";

const key = { key: "agent:main:webchat:dm:owner", channel: "webchat", peer: "owner" };
const say = (content: string, at = 1): StoredMessage => ({ message: { role: "user", content }, source: "owner", at });
const reply = (content: string, at = 1): StoredMessage => ({ message: { role: "assistant", content, toolCalls: [{ id: "c1", name: "read", arguments: "{\"path\":\"a\"}" }] }, source: "model", at });

/** Two connections on one database file: the gateway's store and another process's (the CLI's). */
function twoStores(cacheChars?: number) {
  const dir = mkdtempSync(join(tmpdir(), "warden-transcripts-"));
  const file = join(dir, "warden.db");
  const gatewayDb = new DatabaseSync(file);
  applyMigrations(gatewayDb, transcriptMigrations);
  const otherDb = new DatabaseSync(file);
  const cipher = createFieldCipher(randomBytes(32), "transcript", randomBytes);
  let opened = 0;
  const open = (sealed: string) => {
    opened++;
    return cipher.open(sealed);
  };
  const gateway = createTranscriptStore({ db: gatewayDb, clock: () => 1, seal: cipher.seal, open, ...(cacheChars !== undefined ? { cacheChars } : {}) });
  const other = createTranscriptStore({ db: otherDb, clock: () => 1, seal: cipher.seal, open: cipher.open });
  return {
    gateway, other, gatewayDb, otherDb, cipher,
    opened: () => opened,
    close: () => {
      gatewayDb.close();
      otherDb.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const contents = (messages: readonly StoredMessage[]) => messages.map((m) => m.message.content);

test("a turn opens only the messages it has not read before; the history is the same as a full read", () => {
  const s = twoStores();
  try {
    s.gateway.append(key, Array.from({ length: 10 }, (_, i) => say(`m${i}`)));
    assert.deepEqual(contents(s.gateway.history(key.key)), Array.from({ length: 10 }, (_, i) => `m${i}`));
    assert.equal(s.opened(), 10);
    s.gateway.append(key, [say("m10"), reply("r10")]);
    const after = s.gateway.history(key.key);
    assert.equal(s.opened(), 12, "two new rows opened, none of the ten already read");
    assert.deepEqual(after, s.other.history(key.key), "the cached read equals a fresh one");
    s.gateway.history(key.key);
    assert.equal(s.opened(), 12, "nothing new: nothing opened");
    // The window slides: the limit keeps the newest rows, in order.
    assert.deepEqual(contents(s.gateway.history(key.key, 3)), ["m9", "m10", "r10"]);
    assert.equal(s.opened(), 12);
  } finally {
    s.close();
  }
});

test("what another process changes is seen: appends, a reset, a retention prune, a rewritten body", () => {
  const s = twoStores();
  try {
    s.gateway.append(key, [say("one", 10), say("two", 20)]);
    s.gateway.history(key.key);
    s.other.append(key, [say("three", 30)]);
    assert.deepEqual(contents(s.gateway.history(key.key)), ["one", "two", "three"]);
    assert.equal(s.other.pruneBefore("webchat", 15), 1);
    assert.deepEqual(contents(s.gateway.history(key.key)), ["two", "three"], "a pruned row is gone at once");
    // A body written again with other text is read again, not served from what was read before.
    s.otherDb.prepare("UPDATE messages SET body = ? WHERE id = (SELECT max(id) FROM messages)").run(s.cipher.seal(JSON.stringify({ role: "user", content: "three, edited" })));
    assert.deepEqual(contents(s.gateway.history(key.key)), ["two", "three, edited"]);
    // A body edited in the database is refused, not shown, even after it was read once.
    s.otherDb.prepare("UPDATE messages SET body = 'wf1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE id = (SELECT max(id) FROM messages)").run();
    assert.throws(() => s.gateway.history(key.key), /integrity check|truncated/);
    assert.throws(() => s.gateway.history(key.key), /integrity check|truncated/, "still refused: a failed read leaves nothing cached");
    assert.equal(s.other.reset(key.key), 2);
    assert.deepEqual(s.gateway.history(key.key), [], "a reset in the CLI empties the gateway's view");
  } finally {
    s.close();
  }
});

test("the cache is bounded: a session larger than the bound is read whole each time, and still right", () => {
  const s = twoStores(1_000);
  try {
    s.gateway.append(key, Array.from({ length: 20 }, (_, i) => say(`${i}`.padEnd(200, "x"))));
    assert.equal(s.gateway.history(key.key).length, 20);
    assert.equal(s.gateway.history(key.key).length, 20);
    assert.equal(s.opened(), 40, "nothing kept past the bound");
    const small = { ...key, key: "agent:main:webchat:dm:small" };
    s.gateway.append(small, [say("hi")]);
    s.gateway.history(small.key);
    s.gateway.history(small.key);
    assert.equal(s.opened(), 41, "a session within the bound is kept");
  } finally {
    s.close();
  }
});

test("a turn cannot change the messages another turn reads", () => {
  const s = twoStores();
  try {
    s.gateway.append(key, [reply("hello")]);
    const [first] = s.gateway.history(key.key);
    assert.throws(() => {
      (first?.message as { content: string }).content = "changed";
    }, TypeError);
    assert.equal(s.gateway.history(key.key)[0]?.message.content, "hello");
  } finally {
    s.close();
  }
});

test("transcripts written by earlier versions read unchanged: plaintext and sealed rows of the first schema", () => {
  const db = new DatabaseSync(":memory:");
  // The database as the first schema left it: the two migrations, rows written by the old append.
  applyMigrations(db, transcriptMigrations);
  const cipher = createFieldCipher(randomBytes(32), "transcript", randomBytes);
  db.prepare("INSERT INTO sessions (key, channel, peer, created_at, updated_at) VALUES (?, 'webchat', 'owner', 1, 1)").run(key.key);
  const insert = db.prepare("INSERT INTO messages (session_key, at, source, body) VALUES (?, ?, ?, ?)");
  insert.run(key.key, 1, "owner", cipher.seal(JSON.stringify({ role: "user", content: "old sealed" })));
  insert.run(key.key, 2, "model", cipher.seal(JSON.stringify({ role: "assistant", content: "old reply", toolCalls: [] })));
  const store = createTranscriptStore({ db, clock: () => 3, seal: cipher.seal, open: cipher.open });
  assert.deepEqual(store.history(key.key), [
    { at: 1, source: "owner", message: { role: "user", content: "old sealed" } },
    { at: 2, source: "model", message: { role: "assistant", content: "old reply", toolCalls: [] } },
  ]);
  store.append(key, [say("new", 3)]);
  assert.deepEqual(contents(store.history(key.key)), ["old sealed", "old reply", "new"]);
  const plain = new DatabaseSync(":memory:");
  applyMigrations(plain, transcriptMigrations);
  plain.prepare("INSERT INTO sessions (key, channel, peer, created_at, updated_at) VALUES (?, 'webchat', 'owner', 1, 1)").run(key.key);
  plain.prepare("INSERT INTO messages (session_key, at, source, body) VALUES (?, 1, 'owner', ?)").run(key.key, JSON.stringify({ role: "user", content: "plain é 👍" }));
  assert.deepEqual(contents(createTranscriptStore({ db: plain, clock: () => 1 }).history(key.key)), ["plain é 👍"]);
});

// The transparency log's verifier: a good chain verifies with its signed head; an edited, deleted, inserted or
// reordered entry, a truncated log, a forged head, a head by an untrusted key and rewritten history against a
// head seen earlier are each found and named.
import { test } from "node:test";
import assert from "node:assert/strict";
import { entryHash, GenesisHash, signLogHead, verifyLog, type LogEntry } from "./transparency-log.ts";
import { publisherKey } from "../../test/support/skill-fixture.ts";

const key = publisherKey("registry");

function chain(n: number): LogEntry[] {
  const out: LogEntry[] = [];
  let prev = GenesisHash;
  for (let seq = 1; seq <= n; seq++) {
    const e = { seq, at: new Date(1_800_000_000_000 + seq * 1000).toISOString(), kind: "publish" as const, body: { name: `s${seq}`, sequence: seq }, prev };
    const hash = entryHash(e);
    out.push({ ...e, hash });
    prev = hash;
  }
  return out;
}

const log = chain(6);
const head = signLogHead(6, log[5]?.hash as string, key);

test("a whole log with its signed head verifies", () => {
  assert.deepEqual(verifyLog(log, { head, registryKeys: [key.keyId], known: { size: 3, hash: log[2]?.hash as string } }), { ok: true, size: 6, head: log[5]?.hash, problems: [] });
  assert.equal(verifyLog([]).head, GenesisHash);
});

test("each kind of tampering is found", () => {
  const edited = log.map((e) => (e.seq === 3 ? { ...e, body: { ...e.body, name: "evil" } } : e));
  assert.match(verifyLog(edited, { head }).problems.join("\n"), /entry 3: its content does not match its hash/);
  const deleted = log.filter((e) => e.seq !== 2);
  assert.match(verifyLog(deleted, { head }).problems.join("\n"), /deleted, inserted or moved/);
  const reordered = [log[0], log[2], log[1], ...log.slice(3)];
  assert.match(verifyLog(reordered, { head }).problems.join("\n"), /does not link/);
  const truncated = log.slice(0, 4);
  assert.match(verifyLog(truncated, { head }).problems.join("\n"), /signed head says 6 entries/);
  assert.match(verifyLog(truncated, { known: { size: 5, hash: log[4]?.hash as string } }).problems.join("\n"), /truncated/);
  // A rewritten history, re-hashed consistently, still differs from a head seen before.
  assert.match(verifyLog(chain(7), { known: { size: 3, hash: "f".repeat(64) } }).problems.join("\n"), /history was rewritten/);
});

test("a forged head or one by an untrusted key is refused", () => {
  const forged = { ...head, hash: log[4]?.hash as string };
  assert.match(verifyLog(log, { head: forged }).problems.join("\n"), /signature does not verify/);
  const stranger = publisherKey("mallory");
  const theirs = signLogHead(6, log[5]?.hash as string, stranger);
  assert.match(verifyLog(log, { head: theirs, registryKeys: [key.keyId] }).problems.join("\n"), /not a registry key you trust/);
  assert.deepEqual(verifyLog(log, { head: theirs }).problems, [], "without pinned keys only the head's own signature is checked");
  assert.match(verifyLog([{ seq: 1, junk: true }]).problems.join("\n"), /malformed/);
});

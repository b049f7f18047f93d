/** The anchor outside the database: a wiped, truncated or replaced database no longer looks clean. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeTempDir } from "../../../test/support/temp-dir.ts";
import { openDatabase } from "../../state/database.ts";
import { activityLogMigrations, createActivityLog } from "./activity-log.ts";
import { readAnchor } from "./external-anchor.ts";

const temp = makeTempDir("anchor");
let counter = 0;

function setup(entries: number) {
  counter += 1;
  const dir = join(temp.dir, `case-${counter}`);
  mkdirSync(join(dir, "keys"), { recursive: true, mode: 0o700 });
  const anchorFile = join(dir, "keys", "activity-log.anchor.json");
  const anchorKey = randomBytes(32);
  let now = 1_700_000_000_000;
  const open = (file = join(dir, "state.db")) => {
    const db = openDatabase(file, activityLogMigrations);
    return { db, log: createActivityLog({ db, clock: () => (now += 1000), redact: (s) => s, anchorKey, anchorFile, anchorIntervalMs: 0 }) };
  };
  const first = open();
  for (let i = 1; i <= entries; i += 1) first.log.append({ kind: "gate", actor: "owner", summary: `decision ${i}`, data: { i } });
  return { ...first, dir, anchorFile, open };
}

await test("external anchor", async (t) => {
  t.after(() => temp.cleanup());

  await t.test("is written after every append, atomically, beside the keys", () => {
    const { log, anchorFile } = setup(5);
    const anchor = readAnchor(anchorFile);
    assert.equal(anchor?.lastSeq, 5);
    assert.equal(anchor?.count, 5);
    assert.equal(anchor?.lastHash, log.tail(1)[0]?.hash);
    assert.deepEqual(log.verify(), { ok: true, count: 5, lastSeq: 5, anchored: true, externalAnchor: { count: 5, lastSeq: 5 } });
  });

  await t.test("an emptied database (log rows and head reset to genesis) fails verify", () => {
    const { db, log } = setup(7);
    db.exec("DELETE FROM activity_log; UPDATE activity_log_head SET first_seq = 1, first_prev_hash = '" + "0".repeat(64) + "', last_seq = 0, last_hash = '" + "0".repeat(64) + "', mac = ''");
    const result = log.verify();
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.problem === "truncated");
    assert.match(!result.ok ? result.message : "", /emptied, truncated or replaced: the database holds 0 entries .* records 7 entries up to #7/);
    assert.equal(log.checkAnchor().ok, false);
  });

  await t.test("a 0-byte database file (a fresh schema on the next open) fails verify; appending to it keeps the evidence", () => {
    const { db, dir, anchorFile, open } = setup(4);
    db.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(join(dir, `state.db${suffix}`), { force: true });
    writeFileSync(join(dir, "state.db"), "");
    const reopened = open();
    assert.equal(reopened.log.verify().ok, false);
    for (let i = 0; i < 6; i += 1) reopened.log.append({ kind: "system", actor: "system", summary: `new ${i}` });
    assert.equal(readAnchor(anchorFile)?.lastSeq, 4, "a database that fell behind never overwrites the anchor");
    const result = reopened.log.verify();
    assert.ok(!result.ok && result.problem === "replaced", JSON.stringify(result));
  });

  await t.test("a different database put in its place fails verify", () => {
    const { dir, open } = setup(3);
    const other = open(join(dir, "other.db"));
    // Written through a second log instance sharing the anchor: the anchor did not advance (seq not past it).
    for (let i = 0; i < 3; i += 1) other.log.append({ kind: "system", actor: "x", summary: `forged ${i}` });
    const result = other.log.verify();
    assert.ok(!result.ok && result.problem === "replaced", JSON.stringify(result));
  });

  await t.test("retention re-anchors as it prunes, so a pruned log verifies", () => {
    const { log, anchorFile } = setup(6);
    assert.equal(log.pruneBefore(4_000_000_000_000).removed, 6);
    assert.equal(log.verify().ok, true);
    log.append({ kind: "system", actor: "system", summary: "after prune" });
    assert.equal(log.verify().ok, true);
    assert.equal(readAnchor(anchorFile)?.lastSeq, 8);
  });

  await t.test("accept-reset records an alert naming the old anchor, then anchors the current log", () => {
    const { db, log, anchorFile } = setup(9);
    db.exec("DELETE FROM activity_log WHERE seq > 2; UPDATE activity_log_head SET last_seq = 2, last_hash = (SELECT hash FROM activity_log WHERE seq = 2)");
    assert.equal(log.verify().ok, false);
    // The head MAC no longer matches after the rewind: only a salvage would leave the log like this; re-anchor.
    const { previous } = log.acceptReset("cli");
    assert.equal(previous.ok, false);
    const alert = log.tail(1)[0];
    assert.equal(alert?.kind, "alert");
    assert.deepEqual((alert?.data as { previousAnchor: { lastSeq: number } }).previousAnchor.lastSeq, 9);
    assert.equal(readAnchor(anchorFile)?.lastSeq, 3);
  });

  await t.test("anchor writes are coalesced (at most one per interval) and flushed on demand", () => {
    const { dir, anchorFile } = setup(0);
    let mono = 0;
    const db = openDatabase(join(dir, "coalesced.db"), activityLogMigrations);
    const log = createActivityLog({ db, clock: () => 1_700_000_000_000 + mono, redact: (s) => s, anchorKey: randomBytes(32), anchorFile, anchorIntervalMs: 250, monotonic: () => mono });
    log.append({ kind: "system", actor: "system", summary: "one" });
    assert.equal(readAnchor(anchorFile)?.lastSeq, 1, "the first append anchors at once");
    for (let i = 0; i < 20; i += 1) log.append({ kind: "system", actor: "system", summary: `burst ${i}` });
    assert.equal(readAnchor(anchorFile)?.lastSeq, 1, "a burst within the interval is one trailing write");
    // Behind is safe: verify still passes (it flushes first), and so does a wipe check.
    assert.equal(log.verify().ok, true);
    assert.equal(readAnchor(anchorFile)?.lastSeq, 21);
    mono += 1_000;
    log.append({ kind: "system", actor: "system", summary: "later" });
    assert.equal(readAnchor(anchorFile)?.lastSeq, 22);
    log.append({ kind: "system", actor: "system", summary: "pending" });
    log.flush();
    assert.equal(readAnchor(anchorFile)?.lastSeq, 23);
    db.close();
  });

  await t.test("an unreadable anchor file is a failure, never treated as absent", () => {
    const { log, anchorFile } = setup(2);
    writeFileSync(anchorFile, "not json", { mode: 0o600 });
    const result = log.verify();
    assert.ok(!result.ok && /unreadable/.test(result.message));
  });
});

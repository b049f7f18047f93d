import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { test } from "node:test";
import { makeTempDir } from "../../../test/support/temp-dir.ts";
import { openDatabase } from "../../state/database.ts";
import { activityLogMigrations, createActivityLog } from "./activity-log.ts";
import { hashEntry } from "./entry-hash.ts";
import type { ActivityLog } from "./activity-log.ts";
import type { DatabaseSync } from "node:sqlite";

const temp = makeTempDir("activity");
let counter = 0;

function setup(entries = 10, anchored = true): { db: DatabaseSync; log: ActivityLog } {
  counter += 1;
  const db = openDatabase(join(temp.dir, `log-${counter}.db`), activityLogMigrations);
  let now = 1_700_000_000_000;
  const log = createActivityLog({ db, clock: () => (now += 1000), redact: (s) => s.replaceAll("sk-SECRET", "[redacted]"), ...(anchored ? { anchorKey: randomBytes(32) } : {}) });
  for (let i = 1; i <= entries; i += 1) log.append({ kind: "gate", actor: "owner", summary: `decision ${i}`, data: { i, tool: "exec" } });
  return { db, log };
}

await test("activity log", async (t) => {
  t.after(() => temp.cleanup());
  await t.test("chains entries and verifies an intact log", () => {
    const { log } = setup(25);
    const result = log.verify();
    assert.deepEqual(result, { ok: true, count: 25, lastSeq: 25, anchored: true });
    const [a, b] = log.tail(2);
    assert.equal(a?.seq, 24);
    assert.equal(b?.prevHash, a?.hash);
  });

  await t.test("fsyncs its own commits only: appends and prunes commit at FULL, the connection stays at NORMAL", () => {
    counter += 1;
    const raw = openDatabase(join(temp.dir, `log-${counter}.db`), activityLogMigrations);
    const levelAtCommit: number[] = [];
    const level = () => (raw.prepare("PRAGMA synchronous").get() as { synchronous: number }).synchronous;
    // The same connection, with the level read at every COMMIT.
    const db = new Proxy(raw, {
      get(target, prop) {
        if (prop === "exec") {
          return (sql: string) => {
            if (/^\s*commit/i.test(sql)) levelAtCommit.push(level());
            target.exec(sql);
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    let now = 1_700_000_000_000;
    const log = createActivityLog({ db, clock: () => (now += 1000), redact: (s) => s });
    assert.equal(level(), 1, "opened at NORMAL and left there");
    log.append({ kind: "gate", actor: "owner", summary: "one" });
    log.append({ kind: "gate", actor: "owner", summary: "two" });
    log.pruneBefore(now);
    assert.equal(level(), 1);
    raw.exec("BEGIN");
    raw.exec("COMMIT");
    assert.deepEqual(levelAtCommit, [2, 2, 2, 2], "two appends, the prune and its retention entry at FULL (2)");
    assert.throws(() => log.append({ kind: "nope" as "gate", actor: "owner", summary: "bad" }));
    assert.equal(level(), 1, "a refused append leaves the level alone");
  });

  await t.test("verifies an empty log", () => {
    const { log } = setup(0);
    assert.equal(log.verify().ok, true);
  });

  await t.test("redacts secrets before hashing and writing, in summary, actor and nested data", () => {
    const { db, log } = setup(0);
    log.append({ kind: "config", actor: "cli sk-SECRET", summary: "set key sk-SECRET", data: { nested: ["token sk-SECRET"] } });
    const raw = JSON.stringify(db.prepare("SELECT * FROM activity_log").all());
    assert.ok(!raw.includes("sk-SECRET"));
    assert.ok(raw.includes("[redacted]"));
    assert.equal(log.verify().ok, true);
  });

  await t.test("rejects an unknown kind instead of writing it", () => {
    const { log } = setup(0);
    assert.throws(() => log.append({ kind: "bogus" as "gate", actor: "x", summary: "y" }), /unknown activity kind `bogus`/);
    assert.equal(log.count(), 0);
  });

  await t.test("names an edited entry", () => {
    const { db, log } = setup();
    db.prepare("UPDATE activity_log SET summary = 'decision allow' WHERE seq = 4").run();
    assert.deepEqual(pick(log.verify()), { firstBadSeq: 4, problem: "altered" });
  });

  await t.test("names an entry edited with its hash recomputed (the successor's link breaks)", () => {
    const { db, log } = setup();
    const row = log.tail(10).find((e) => e.seq === 6);
    assert.ok(row);
    // An attacker who knows the hash rule rewrites entry 6 consistently; entry 7 still links to the old hash.
    db.prepare("UPDATE activity_log SET data = ?, hash = ? WHERE seq = 6").run('{"i":6,"tool":"read"}', "f".repeat(64));
    assert.deepEqual(pick(log.verify()), { firstBadSeq: 6, problem: "altered" });
  });

  await t.test("names the first entry of a chain rewritten with recomputed hashes (entry MAC)", () => {
    const { db, log } = setup();
    // The attacker knows the hash rule, rewrites entry 4 and recomputes every later hash and the head,
    // but cannot compute MACs without the anchor key.
    let prev = log.tail(10).find((e) => e.seq === 3)?.hash ?? "";
    for (const e of log.tail(10).filter((x) => x.seq >= 4)) {
      const data = e.seq === 4 ? { i: 4, tool: "nothing to see" } : e.data;
      const hash = hashEntry({ seq: e.seq, ts: e.ts, kind: e.kind, actor: e.actor, summary: e.summary, data, prevHash: prev });
      db.prepare("UPDATE activity_log SET data = ?, prev_hash = ?, hash = ? WHERE seq = ?").run(JSON.stringify(data), prev, hash, e.seq);
      prev = hash;
    }
    db.prepare("UPDATE activity_log_head SET last_hash = ?").run(prev);
    assert.deepEqual(pick(log.verify()), { firstBadSeq: 4, problem: "altered" });
  });

  await t.test("names a deleted entry in the middle", () => {
    const { db, log } = setup();
    db.prepare("DELETE FROM activity_log WHERE seq = 3").run();
    assert.deepEqual(pick(log.verify()), { firstBadSeq: 3, problem: "missing" });
  });

  await t.test("names a deleted first entry", () => {
    const { db, log } = setup();
    db.prepare("DELETE FROM activity_log WHERE seq = 1").run();
    assert.deepEqual(pick(log.verify()), { firstBadSeq: 1, problem: "missing" });
  });

  await t.test("names reordered entries", () => {
    const { db, log } = setup();
    db.exec("UPDATE activity_log SET seq = -5 WHERE seq = 5; UPDATE activity_log SET seq = 5 WHERE seq = 6; UPDATE activity_log SET seq = 6 WHERE seq = -5;");
    assert.deepEqual(pick(log.verify()), { firstBadSeq: 5, problem: "reordered" });
  });

  await t.test("detects a truncated tail through the head", () => {
    const { db, log } = setup();
    db.prepare("DELETE FROM activity_log WHERE seq >= 8").run();
    assert.deepEqual(pick(log.verify()), { firstBadSeq: 8, problem: "truncated" });
  });

  await t.test("detects a truncated tail even when the attacker also rewinds the head (anchor MAC)", () => {
    const { db, log } = setup();
    const seven = log.tail(4)[0];
    assert.equal(seven?.seq, 7);
    db.prepare("DELETE FROM activity_log WHERE seq >= 8").run();
    db.prepare("UPDATE activity_log_head SET last_seq = 7, last_hash = ?").run(seven.hash);
    assert.deepEqual(pick(log.verify()), { firstBadSeq: 8, problem: "head_invalid" });
  });

  await t.test("detects entries cut from the start even when the head's start is moved past them", () => {
    const { db, log } = setup();
    const four = log.tail(10).find((e) => e.seq === 4);
    db.prepare("DELETE FROM activity_log WHERE seq < 4").run();
    db.prepare("UPDATE activity_log_head SET first_seq = 4, first_prev_hash = ?").run(four?.prevHash ?? "");
    assert.equal(pick(log.verify()).problem, "head_invalid");
  });

  await t.test("without an anchor key, a consistent head rewind goes unnoticed (documented limit)", () => {
    const { db, log } = setup(10, false);
    const seven = log.tail(4)[0];
    db.prepare("DELETE FROM activity_log WHERE seq >= 8").run();
    db.prepare("UPDATE activity_log_head SET last_seq = 7, last_hash = ?").run(seven?.hash ?? "");
    assert.equal(log.verify().ok, true);
  });

  await t.test("detects entries inserted behind its back after the head", () => {
    const { db, log } = setup(3);
    db.prepare("INSERT INTO activity_log VALUES (4, 0, 'login', 'x', 'y', 'null', 'a', 'b', '')").run();
    assert.deepEqual(pick(log.verify()), { firstBadSeq: 4, problem: "unanchored" });
  });

  await t.test("fails closed when the head row is deleted", () => {
    const { db, log } = setup(3);
    db.prepare("DELETE FROM activity_log_head").run();
    assert.equal(pick(log.verify()).problem, "head_invalid");
    assert.throws(() => log.append({ kind: "login", actor: "owner", summary: "login" }), /head row is missing/);
  });

  await t.test("exports JSONL from a seq and tails in order", () => {
    const { log } = setup(5);
    const lines = [...log.exportJsonl(4)].map((l) => JSON.parse(l) as { seq: number; at: string });
    assert.deepEqual(lines.map((l) => l.seq), [4, 5]);
    assert.match(lines[0]?.at ?? "", /^2023-/);
    assert.deepEqual(log.tail(3).map((e) => e.seq), [3, 4, 5]);
  });

  await t.test("retention prunes the oldest entries, keeps the chain verifiable, and refuses on a tampered log", () => {
    const { db, log } = setup(10);
    // setup's clock starts at 1_700_000_001_000 and steps 1 s per entry.
    const { removed } = log.pruneBefore(1_700_000_005_000);
    assert.equal(removed, 4);
    assert.deepEqual(log.tail(100).map((e) => e.seq), [5, 6, 7, 8, 9, 10, 11]);
    assert.equal(log.tail(1)[0]?.kind, "retention");
    assert.equal(log.verify().ok, true);
    db.prepare("DELETE FROM activity_log WHERE seq = 5").run();
    assert.deepEqual(pick(log.verify()), { firstBadSeq: 5, problem: "missing" });
    assert.throws(() => log.pruneBefore(4_000_000_000_000), /does not verify/);
  });

  await t.test("pruning everything leaves an empty, verifiable, appendable log", () => {
    const { log } = setup(3);
    assert.equal(log.pruneBefore(4_000_000_000_000).removed, 3);
    assert.equal(log.verify().ok, true);
    assert.equal(log.count(), 1, "only the retention entry");
  });

  await t.test("survives kill -9 mid-write without losing a committed entry", async () => {
    const file = join(temp.dir, "crash.db");
    const key = randomBytes(32);
    openDatabase(file, activityLogMigrations).close();
    const child = spawn(process.execPath, [join(import.meta.dirname, "../../../test/support/crash-child.fixture.ts"), file, key.toString("hex")], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const reported: number[] = [];
    let buffer = "";
    await new Promise<void>((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", () => resolve());
      child.stdout.on("data", (chunk: Buffer) => {
        buffer += chunk.toString();
        const parts = buffer.split("\n");
        buffer = parts.pop() ?? "";
        for (const part of parts) reported.push(Number(part));
        if (reported.length >= 300 && child.exitCode === null && !child.killed) child.kill("SIGKILL");
      });
    });
    assert.equal(child.signalCode, "SIGKILL");
    assert.ok(reported.length >= 300);
    const db = openDatabase(file, activityLogMigrations);
    const log = createActivityLog({ db, clock: Date.now, redact: (s) => s, anchorKey: key });
    const result = log.verify();
    assert.equal(result.ok, true, JSON.stringify(result));
    const present = new Set(log.tail(1_000_000).map((e) => e.seq));
    for (const seq of reported) assert.ok(present.has(seq), `committed entry ${seq} was lost`);
    // The log keeps working after the crash.
    assert.equal(log.append({ kind: "system", actor: "test", summary: "after crash" }).seq, present.size + 1);
    assert.equal(log.verify().ok, true);
    db.close();
  });
});

function pick(result: ReturnType<ActivityLog["verify"]>): { firstBadSeq?: number; problem?: string } {
  if (result.ok) return {};
  return { firstBadSeq: result.firstBadSeq, problem: result.problem };
}

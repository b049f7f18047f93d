/**
 * The activity log: append-only, hash-chained entries for every access decision, gate decision, approval,
 * tool effect, config change and login. Secrets are redacted before anything is hashed or written.
 *
 * Durability: each append is its own `BEGIN IMMEDIATE … COMMIT` under `PRAGMA synchronous = FULL`, set for
 * that commit only. In WAL mode NORMAL already survives a killed process (the WAL is in the OS page cache), but
 * only FULL fsyncs the WAL at commit, so a committed entry also survives a power cut or kernel crash. The other
 * stores sharing the connection (transcripts, labels, usage) keep the level the connection was opened with
 * (NORMAL): a turn's three commits cost no fsync on the event loop (~7 ms each here, seconds under a burst).
 * The WAL is one sequence, so a log commit's fsync also makes every earlier commit durable, and a power cut
 * loses only a tail of non-log commits after the last log entry, never a log entry.
 *
 * Tamper evidence (what an attacker with write access to the database can and cannot hide):
 * - Editing, deleting or reordering an entry breaks the chain: `verify` names the first bad entry.
 * - Rewriting an entry with a recomputed hash (and every later one) is caught by the entry MAC, an HMAC of the
 *   hash under `anchorKey`, which lives in the secret store outside the database: `verify` names the first
 *   rewritten entry. Cutting entries from the end is caught by the head row (first/last seq and hash), which
 *   carries an HMAC too. Without `anchorKey` neither MAC exists and only naive tampering is caught.
 * - Emptying, truncating or replacing the whole database (or restoring an older copy) is caught by the external
 *   anchor (`anchorFile`, beside the key material, see external-anchor.ts): it records the head after every
 *   append, and a database whose chain no longer contains that head fails `verify` and refuses gateway start.
 * - Not caught: an attacker who can write the key directory too (they hold the keys then) — mirror the anchor
 *   to another host or medium if that matters.
 */
import { createSecretKey } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import { ErrorCode, WardenError } from "../../core/errors.ts";
import type { Json } from "../../core/types.ts";
import { mapJsonStrings } from "../../core/canonical-json.ts";
import type { Migration } from "../../state/database.ts";
import { GENESIS_HASH, hashEntry, macEntry, macHead } from "./entry-hash.ts";
import type { EntryFields, Head } from "./entry-hash.ts";
import { verifyActivityLog } from "./verify-chain.ts";
import { anchorMayAdvance, checkAnchor, readAnchor, writeAnchor, type AnchorCheck, type DbHead } from "./external-anchor.ts";
import type { VerifyResult } from "./verify-chain.ts";

export const activityLogMigrations: readonly Migration[] = [
  {
    id: "activity-log-001",
    sql: `CREATE TABLE activity_log (
            seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL,
            summary TEXT NOT NULL, data TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, mac TEXT NOT NULL) STRICT;
          CREATE TABLE activity_log_head (
            id INTEGER PRIMARY KEY CHECK (id = 1), first_seq INTEGER NOT NULL, first_prev_hash TEXT NOT NULL,
            last_seq INTEGER NOT NULL, last_hash TEXT NOT NULL, mac TEXT NOT NULL) STRICT;
          INSERT INTO activity_log_head VALUES (1, 1, '${GENESIS_HASH}', 0, '${GENESIS_HASH}', '');`,
  },
];

export const ActivityKind = {
  Access: "access",
  Gate: "gate",
  Approval: "approval",
  Tool: "tool",
  Config: "config",
  Login: "login",
  Alert: "alert",
  Limit: "limit",
  Secret: "secret",
  Retention: "retention",
  System: "system",
} as const;
export type ActivityKind = (typeof ActivityKind)[keyof typeof ActivityKind];
const kinds: ReadonlySet<string> = new Set(Object.values(ActivityKind));

export type ActivityInput = { kind: ActivityKind; actor: string; summary: string; data?: Json };

/** A stored entry: the hashed fields and the hash over them. */
export type ActivityEntry = EntryFields & { hash: string };

/** Must never rewrite or delete an entry, and never write a string that has not passed through `redact`. */
export type ActivityLog = {
  /** Synchronous and durable: when it returns, the entry is committed. Throws if it could not be written. */
  append(input: ActivityInput): ActivityEntry;
  verify(): VerifyResult;
  /** The last `n` entries, oldest first. */
  tail(n: number): ActivityEntry[];
  /** One JSON line per entry from `fromSeq` on, streamed (no whole-log array in memory). */
  exportJsonl(fromSeq?: number): Iterable<string>;
  /** Count of entries stored. */
  count(): number;
  /**
   * Retention: deletes entries older than `beforeTs` from the start of the chain and moves the anchored head's
   * start past them, then logs a `retention` entry. Refuses (throws) when the chain does not verify, so
   * tampered evidence is never pruned away.
   */
  pruneBefore(beforeTs: number): { removed: number };
  /** Whether the database still holds what the external anchor recorded (cheap: one row). */
  checkAnchor(): AnchorCheck;
  /**
   * After a loss the owner accepted (a restored or salvaged database): records an `alert` naming what the old
   * anchor held, then anchors the current head. The only way the anchor moves backwards.
   */
  acceptReset(by: string): { previous: AnchorCheck };
  /** Writes a pending external-anchor update now (call before closing the database). */
  flush(): void;
};

type EntryRow = {
  seq: number;
  ts: number;
  kind: string;
  actor: string;
  summary: string;
  data: string;
  prev_hash: string;
  hash: string;
};
type HeadRow = { first_seq: number; first_prev_hash: string; last_seq: number; last_hash: string; mac: string };

export function createActivityLog(deps: {
  db: DatabaseSync;
  clock: () => number;
  redact: (s: string) => string;
  /** HMAC key for the head anchor, kept outside the database (the secret store). Strongly recommended. */
  anchorKey?: Uint8Array;
  /** The external head record, outside the state dir (`<home>-keys/activity-log.anchor.json`). Strongly recommended. */
  anchorFile?: string;
  /** At most one anchor write per interval (default 250 ms; 0: after every append), on this monotonic clock. */
  anchorIntervalMs?: number;
  monotonic?: () => number;
}): ActivityLog {
  const { anchorFile } = deps;
  const monotonic = deps.monotonic ?? (() => performance.now());
  const anchorIntervalMs = deps.anchorIntervalMs ?? 250;
  const { db, clock, redact } = deps;
  // A KeyObject once, not a raw key per HMAC: importing the key dominated the cost of an append.
  const anchorKey = deps.anchorKey ? createSecretKey(deps.anchorKey) : undefined;
  // INVARIANT: the connection is at `openedSync` outside the log's own commits (see the header).
  const openedSync = (db.prepare("PRAGMA synchronous").get() as { synchronous: number }).synchronous;
  function durably<T>(work: () => T): T {
    db.exec("PRAGMA synchronous = FULL");
    try {
      return work();
    } finally {
      try {
        db.exec(`PRAGMA synchronous = ${openedSync}`);
      } catch {
        // left at FULL: slower commits for the other stores, never less durable ones
      }
    }
  }
  const selectHead = db.prepare("SELECT first_seq, first_prev_hash, last_seq, last_hash, mac FROM activity_log_head WHERE id = 1");
  const insert = db.prepare(
    "INSERT INTO activity_log (seq, ts, kind, actor, summary, data, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const updateHead = db.prepare("UPDATE activity_log_head SET last_seq = ?, last_hash = ?, mac = ? WHERE id = 1");
  const selectTail = db.prepare("SELECT * FROM activity_log ORDER BY seq DESC LIMIT ?");
  const selectFrom = db.prepare("SELECT * FROM activity_log WHERE seq >= ? ORDER BY seq");
  const selectCount = db.prepare("SELECT count(*) AS n FROM activity_log");
  const selectFirstKept = db.prepare("SELECT seq, prev_hash FROM activity_log WHERE ts >= ? ORDER BY seq LIMIT 1");
  const deleteBefore = db.prepare("DELETE FROM activity_log WHERE seq < ?");
  const updateHeadStart = db.prepare("UPDATE activity_log_head SET first_seq = ?, first_prev_hash = ?, mac = ? WHERE id = 1");

  function append(input: ActivityInput): ActivityEntry {
    if (!kinds.has(input.kind)) {
      throw new WardenError(ErrorCode.BadRequest, `unknown activity kind \`${String(input.kind)}\`; use one of ${[...kinds].join(", ")}`);
    }
    // Redact first: the hash covers exactly what is stored, so verification never needs the secret.
    const actor = redact(input.actor);
    const summary = redact(input.summary);
    const data = mapJsonStrings(input.data ?? null, redact);
    const ts = clock();
    if (db.isTransaction) {
      throw new WardenError(ErrorCode.Internal, "activity log appends must be their own transaction; commit the open one first");
    }
    return durably(() => appendNow(input.kind, actor, summary, data, ts));
  }

  function appendNow(kind: ActivityKind, actor: string, summary: string, data: Json, ts: number): ActivityEntry {
    db.exec("BEGIN IMMEDIATE");
    try {
      const head = selectHead.get() as HeadRow | undefined;
      if (!head) throw new WardenError(ErrorCode.StateUnsafe, "the activity log head row is missing; run `warden audit-log verify`");
      const seq = head.last_seq + 1;
      const prevHash = head.last_hash;
      const hash = hashEntry({ seq, ts, kind, actor, summary, data, prevHash });
      insert.run(seq, ts, kind, actor, summary, JSON.stringify(data), prevHash, hash, anchorKey ? macEntry(anchorKey, hash) : "");
      const next: Head = { firstSeq: head.first_seq, firstPrevHash: head.first_prev_hash, lastSeq: seq, lastHash: hash };
      updateHead.run(seq, hash, anchorKey ? macHead(anchorKey, next) : "");
      db.exec("COMMIT");
      advanceAnchor();
      return { seq, ts, kind, actor, summary, data, prevHash, hash };
    } catch (error) {
      if (db.isTransaction) db.exec("ROLLBACK");
      throw error;
    }
  }

  // After the commit: a crash in between leaves the anchor behind, which verifies (it only must never be ahead,
  // and the in-database head MAC already covers the newest entries). So the fsynced write is coalesced: at most
  // one per `anchorIntervalMs`, the last one trailing on a timer and on `flush()`. Two fsyncs per append would
  // triple an append's cost. A failed anchor write (its disk full) is retried later; the entry stays committed.
  let lastAnchorAt = Number.NEGATIVE_INFINITY;
  let trailing: NodeJS.Timeout | undefined;
  function writeAnchorNow(): void {
    if (trailing) clearTimeout(trailing);
    trailing = undefined;
    if (!anchorFile || !db.isOpen) return;
    try {
      const head = currentHead();
      if (anchorMayAdvance(db, anchorFile, head)) writeAnchor(anchorFile, head, head.last_seq - head.first_seq + 1, clock());
      lastAnchorAt = monotonic();
    } catch {
      // see above
    }
  }
  function advanceAnchor(): void {
    if (!anchorFile) return;
    const wait = lastAnchorAt + anchorIntervalMs - monotonic();
    if (wait <= 0) return writeAnchorNow();
    if (!trailing) {
      trailing = setTimeout(writeAnchorNow, wait);
      trailing.unref();
    }
  }

  function currentHead(): DbHead {
    const head = selectHead.get() as HeadRow | undefined;
    if (!head) throw new WardenError(ErrorCode.StateUnsafe, "the activity log head row is missing; run `warden audit-log verify`");
    return head;
  }

  function tail(n: number): ActivityEntry[] {
    const limit = Math.max(0, Math.floor(n));
    return (selectTail.all(limit) as EntryRow[]).map(toEntry).reverse();
  }

  function* exportJsonl(fromSeq = 1): Iterable<string> {
    for (const row of selectFrom.iterate(fromSeq) as Iterable<EntryRow>) {
      const entry = toEntry(row);
      yield JSON.stringify({ ...entry, at: new Date(entry.ts).toISOString() });
    }
  }

  function pruneBefore(beforeTs: number): { removed: number } {
    if (!Number.isFinite(new Date(beforeTs).getTime())) throw new WardenError(ErrorCode.BadRequest, `retention cutoff \`${beforeTs}\` is not a valid time`);
    const check = verifyWithAnchor();
    if (!check.ok) {
      throw new WardenError(ErrorCode.StateUnsafe, `the activity log does not verify (${check.message}); refusing to prune it. Export it with \`warden audit-log export\` first`);
    }
    const removed = durably(() => pruneNow(beforeTs));
    if (removed > 0) append({ kind: "retention", actor: "system", summary: `pruned ${removed} activity log entries older than ${new Date(beforeTs).toISOString()}`, data: { removed, beforeTs } });
    return { removed };
  }

  function pruneNow(beforeTs: number): number {
    db.exec("BEGIN IMMEDIATE");
    let removed: number;
    try {
      const head = selectHead.get() as HeadRow;
      const kept = selectFirstKept.get(beforeTs) as { seq: number; prev_hash: string } | undefined;
      const firstSeq = kept ? kept.seq : head.last_seq + 1;
      const firstPrevHash = kept ? kept.prev_hash : head.last_hash;
      removed = Number(deleteBefore.run(firstSeq).changes);
      const next: Head = { firstSeq, firstPrevHash, lastSeq: head.last_seq, lastHash: head.last_hash };
      updateHeadStart.run(firstSeq, firstPrevHash, anchorKey ? macHead(anchorKey, next) : "");
      db.exec("COMMIT");
      // Re-anchored as it prunes: the anchored entry may be among the removed ones.
      if (anchorFile) writeAnchor(anchorFile, { first_seq: firstSeq, first_prev_hash: firstPrevHash, last_seq: head.last_seq, last_hash: head.last_hash }, head.last_seq - firstSeq + 1, clock());
    } catch (error) {
      if (db.isTransaction) db.exec("ROLLBACK");
      throw error;
    }
    return removed;
  }

  function verifyWithAnchor(): VerifyResult {
    if (trailing) writeAnchorNow();
    const result = verifyActivityLog(db, anchorKey);
    if (!result.ok || !anchorFile) return result;
    const anchored = checkAnchor(db, anchorFile);
    if (!anchored.ok) {
      return { ok: false, firstBadSeq: anchored.anchor.lastSeq, problem: anchored.problem, message: `${anchored.message}. If you restored or salvaged the database on purpose, run \`warden audit-log accept-reset\``, checked: result.count };
    }
    return anchored.anchor ? { ...result, externalAnchor: { count: anchored.anchor.count, lastSeq: anchored.anchor.lastSeq } } : result;
  }

  function acceptReset(by: string): { previous: AnchorCheck } {
    if (!anchorFile) throw new WardenError(ErrorCode.BadRequest, "this activity log has no external anchor to reset");
    const previous = checkAnchor(db, anchorFile);
    const old = readAnchor(anchorFile);
    append({
      kind: "alert",
      actor: by,
      summary: previous.ok ? "activity log re-anchored (no loss found)" : `activity log re-anchored after a loss the owner accepted: ${previous.message}`,
      data: old ? { previousAnchor: { count: old.count, lastSeq: old.lastSeq, lastHash: old.lastHash, updatedAt: old.updatedAt } } : null,
    });
    const head = currentHead();
    writeAnchor(anchorFile, head, head.last_seq - head.first_seq + 1, clock());
    return { previous };
  }

  return {
    pruneBefore,
    append,
    checkAnchor: () => {
      if (trailing) writeAnchorNow();
      return anchorFile ? checkAnchor(db, anchorFile) : { ok: true, anchor: undefined };
    },
    acceptReset,
    flush: () => {
      if (trailing) writeAnchorNow();
    },
    verify: verifyWithAnchor,
    tail,
    exportJsonl,
    count: () => (selectCount.get() as { n: number }).n,
  };
}

function toEntry(row: EntryRow): ActivityEntry {
  let data: Json;
  try {
    data = JSON.parse(row.data) as Json;
  } catch {
    data = { unparseable: row.data };
  }
  return {
    seq: row.seq,
    ts: row.ts,
    kind: row.kind,
    actor: row.actor,
    summary: row.summary,
    data,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

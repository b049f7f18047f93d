/**
 * The activity log's head kept OUTSIDE the database it anchors: `<home>-keys/activity-log.anchor.json`, beside
 * the key material, written atomically and fsynced after every committed append. Emptying, truncating or
 * replacing the database leaves this file behind, so the loss is reported (`warden audit-log verify`, gateway
 * start) instead of reading as a fresh install.
 *
 * INVARIANT: the file only moves forward along the same chain. It is rewritten only when the database's head
 * extends what it records (the entry it names is still there with the same hash, or was pruned through the
 * log's own retention); a database that fell behind or forked never overwrites the evidence.
 */
import { statSync } from "node:fs";
import type { DatabaseSync } from "node:sqlite";
import { readPrivateFile, writePrivateFile } from "../secrets/private-files.ts";

export type AnchorRecord = { version: 1; firstSeq: number; lastSeq: number; lastHash: string; count: number; updatedAt: number };

export type DbHead = { first_seq: number; first_prev_hash: string; last_seq: number; last_hash: string };

export type AnchorCheck =
  | { ok: true; anchor: AnchorRecord | undefined }
  | { ok: false; anchor: AnchorRecord; problem: "truncated" | "replaced"; message: string };

export function readAnchor(file: string): AnchorRecord | undefined {
  const raw = readPrivateFile(file, undefined);
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw.toString("utf8")) as Partial<AnchorRecord>;
    if (parsed.version === 1 && Number.isInteger(parsed.lastSeq) && Number.isInteger(parsed.firstSeq) && typeof parsed.lastHash === "string" && Number.isInteger(parsed.count)) {
      return parsed as AnchorRecord;
    }
  } catch {
    // fall through: an unreadable anchor is reported as such, never treated as absent
  }
  return { version: 1, firstSeq: 1, lastSeq: Number.MAX_SAFE_INTEGER, lastHash: "unreadable", count: -1, updatedAt: 0 };
}

export function writeAnchor(file: string, head: DbHead, count: number, now: number): void {
  const record: AnchorRecord = { version: 1, firstSeq: head.first_seq, lastSeq: head.last_seq, lastHash: head.last_hash, count, updatedAt: now };
  writePrivateFile(file, `${JSON.stringify(record)}\n`);
}

/** Whether the database's chain still contains what the anchor recorded. Reads one row; never throws on data. */
export function checkAnchor(db: DatabaseSync, file: string): AnchorCheck {
  const anchor = readAnchor(file);
  if (!anchor || anchor.lastSeq === 0) return { ok: true, anchor };
  if (anchor.count < 0) {
    return { ok: false, anchor, problem: "replaced", message: `the external anchor \`${file}\` is unreadable: it was damaged or edited` };
  }
  const head = db.prepare("SELECT first_seq, first_prev_hash, last_seq, last_hash FROM activity_log_head WHERE id = 1").get() as DbHead | undefined;
  const count = (db.prepare("SELECT count(*) AS n FROM activity_log").get() as { n: number }).n;
  const row = db.prepare("SELECT hash FROM activity_log WHERE seq = ?").get(anchor.lastSeq) as { hash: string } | undefined;
  // The texts are built only for a failed check: number formatting loads ICU's locale data (~5 MB resident).
  const held = () => `the database holds ${count.toLocaleString("en-US")} entries${head ? ` (up to #${head.last_seq})` : " and no log head"}`;
  if (row) {
    if (row.hash === anchor.lastHash) return { ok: true, anchor };
    return { ok: false, anchor, problem: "replaced", message: `entry #${anchor.lastSeq} is not the one the external anchor recorded: the database was replaced (${held()}; ${anchorHolds(anchor, file)})` };
  }
  // The anchored entry is gone: legitimate only when the log's own retention pruned through it (it re-anchors
  // as it prunes, so the new start links exactly to the anchored entry).
  if (head && head.first_seq === anchor.lastSeq + 1 && head.first_prev_hash === anchor.lastHash) return { ok: true, anchor };
  return { ok: false, anchor, problem: "truncated", message: `the activity log was emptied, truncated or replaced: ${held()}, but ${anchorHolds(anchor, file)}` };
}

function anchorHolds(anchor: AnchorRecord, file: string): string {
  return `the external anchor \`${file}\` records ${anchor.count.toLocaleString("en-US")} entries up to #${anchor.lastSeq}`;
}

/**
 * A database file of 0 bytes while the anchor records entries, told from the file's size without opening it: a
 * gateway still running on the wiped file holds its write-ahead log, so opening it would only say "busy".
 */
export function checkEmptiedFile(databaseFile: string, file: string): AnchorCheck {
  const anchor = readAnchor(file);
  let size: number | undefined;
  try {
    size = statSync(databaseFile).size;
  } catch {
    // a missing file is the opener's to report (it creates or refuses one)
  }
  if (size !== 0 || !anchor || anchor.lastSeq === 0 || anchor.count < 0) return { ok: true, anchor };
  return { ok: false, anchor, problem: "truncated", message: `the activity log was emptied, truncated or replaced: the database file \`${databaseFile}\` is empty (0 bytes), but ${anchorHolds(anchor, file)}` };
}

/** Whether appending `next` may move the anchor forward (see the INVARIANT above). */
export function anchorMayAdvance(db: DatabaseSync, file: string, next: DbHead): boolean {
  const anchor = readAnchor(file);
  if (!anchor) return true;
  if (anchor.count < 0 || next.last_seq <= anchor.lastSeq) return false;
  const row = db.prepare("SELECT hash FROM activity_log WHERE seq = ?").get(anchor.lastSeq) as { hash: string } | undefined;
  if (row) return row.hash === anchor.lastHash;
  return next.first_seq === anchor.lastSeq + 1 && next.first_prev_hash === anchor.lastHash;
}

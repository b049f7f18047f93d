/**
 * Walks the activity log in seq order and names the first entry that does not verify. Fails closed: an
 * unreadable row, a missing head or a head whose MAC does not match is a failure, never a pass.
 */
import type { KeyObject } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import type { Json } from "../../core/types.ts";
import { GENESIS_HASH, entryMacMatches, hashEntry, macMatches } from "./entry-hash.ts";
import type { EntryFields } from "./entry-hash.ts";

export type VerifyProblem =
  | "altered" // the entry's content no longer matches its hash, or its successor's link to it
  | "missing" // an entry in the middle (or at the start) is gone
  | "reordered" // an intact entry sits at another position than the one it was written at
  | "truncated" // entries at the end are gone (the head says more were written)
  | "unanchored" // entries exist past the head: written behind Warden's back
  | "head_invalid" // the head row is missing or its MAC does not verify
  | "replaced"; // the database's chain is not the one the external anchor recorded

export type VerifyResult =
  | { ok: true; count: number; lastSeq: number; anchored: boolean; externalAnchor?: { count: number; lastSeq: number } }
  | { ok: false; firstBadSeq: number; problem: VerifyProblem; message: string; checked: number };

type Row = { seq: number; ts: number; kind: string; actor: string; summary: string; data: string; prev_hash: string; hash: string; mac: string };
type HeadRow = { first_seq: number; first_prev_hash: string; last_seq: number; last_hash: string; mac: string };

/** How far from its position an entry is looked for when its hash fails (only on the failure path). */
const REORDER_WINDOW = 1000;

export function verifyActivityLog(db: DatabaseSync, anchorKey: KeyObject | undefined): VerifyResult {
  const head = db.prepare("SELECT first_seq, first_prev_hash, last_seq, last_hash, mac FROM activity_log_head WHERE id = 1").get() as
    | HeadRow
    | undefined;
  if (!head) return fail(0, "head_invalid", "the activity log head row is missing: the log was tampered with", 0);
  const headFields = { firstSeq: head.first_seq, firstPrevHash: head.first_prev_hash, lastSeq: head.last_seq, lastHash: head.last_hash };
  const genesisState = head.last_seq === 0 && head.mac === "" && head.first_seq === 1 && head.first_prev_hash === GENESIS_HASH;
  // Checked after the walk: a specific entry problem is a better answer than "the head is wrong".
  const headValid = !anchorKey || genesisState || macMatches(anchorKey, headFields, head.mac);

  let expectedSeq = head.first_seq;
  let prevHash = head.first_prev_hash;
  let checked = 0;
  for (const row of db.prepare("SELECT * FROM activity_log ORDER BY seq").iterate() as Iterable<Row>) {
    if (row.seq !== expectedSeq) {
      if (row.seq < expectedSeq) return fail(row.seq, "unanchored", `entry ${row.seq} lies before the log's first entry ${head.first_seq}`, checked);
      return fail(expectedSeq, "missing", `entry ${expectedSeq} is missing (the next stored entry is ${row.seq})`, checked);
    }
    if (row.seq > head.last_seq) {
      return fail(row.seq, "unanchored", `entry ${row.seq} lies past the log head (${head.last_seq}): it was not written through the log`, checked);
    }
    const fields = parseRow(row);
    if (!fields || hashEntry(fields) !== row.hash) {
      const from = fields ? findOriginalSeq(fields, row.hash) : undefined;
      if (from !== undefined) {
        return fail(row.seq, "reordered", `entry ${row.seq} is intact but was written as entry ${from}: entries were reordered`, checked);
      }
      return fail(row.seq, "altered", `entry ${row.seq} does not match its hash: it was altered after being written`, checked);
    }
    if (row.prev_hash !== prevHash) {
      // This entry is self-consistent but does not link to its predecessor: the predecessor was rewritten
      // with a recomputed hash (or this link was). Name the earlier one; it is the first that cannot be trusted.
      const bad = row.seq === head.first_seq ? row.seq : row.seq - 1;
      return fail(bad, "altered", `the chain breaks between entries ${row.seq - 1} and ${row.seq}: entry ${bad} was altered`, checked);
    }
    if (anchorKey && !entryMacMatches(anchorKey, row.hash, row.mac)) {
      return fail(row.seq, "altered", `entry ${row.seq} does not carry a valid MAC: it was rewritten by someone without the anchor key`, checked);
    }
    prevHash = row.hash;
    expectedSeq += 1;
    checked += 1;
  }
  const lastSeq = expectedSeq - 1;
  if (!headValid) {
    return fail(
      head.last_seq + 1,
      "head_invalid",
      `the log head does not match its anchor MAC: entries were cut from the end (after ${head.last_seq}) or the start, or the head was edited`,
      checked,
    );
  }
  if (lastSeq < head.last_seq) {
    return fail(lastSeq + 1, "truncated", `entries ${lastSeq + 1} to ${head.last_seq} are missing from the end of the log`, checked);
  }
  if (lastSeq > head.last_seq) {
    return fail(head.last_seq + 1, "unanchored", `entries after ${head.last_seq} were not written through the log`, checked);
  }
  if (lastSeq >= head.first_seq && prevHash !== head.last_hash) {
    return fail(lastSeq, "altered", `entry ${lastSeq} does not match the hash recorded in the log head`, checked);
  }
  return { ok: true, count: checked, lastSeq, anchored: anchorKey !== undefined };
}

function fail(firstBadSeq: number, problem: VerifyProblem, message: string, checked: number): VerifyResult {
  return { ok: false, firstBadSeq, problem, message, checked };
}

function parseRow(row: Row): EntryFields | undefined {
  try {
    const data = JSON.parse(row.data) as Json;
    return { seq: row.seq, ts: row.ts, kind: row.kind, actor: row.actor, summary: row.summary, data, prevHash: row.prev_hash };
  } catch {
    return undefined;
  }
}

function findOriginalSeq(fields: EntryFields, storedHash: string): number | undefined {
  for (let delta = 1; delta <= REORDER_WINDOW; delta += 1) {
    for (const seq of [fields.seq - delta, fields.seq + delta]) {
      if (seq >= 1 && hashEntry({ ...fields, seq }) === storedHash) return seq;
    }
  }
  return undefined;
}

/**
 * The activity log's hash rules, shared by the writer and the verifier.
 * hash = SHA-256(canonical JSON of { seq, ts, kind, actor, summary, data, prevHash }), hex.
 * Each entry also carries mac = HMAC-SHA256(anchorKey, "entry:" + hash): without the key, an entry cannot be
 * rewritten with a recomputed hash unnoticed. The head anchor is HMAC-SHA256(anchorKey, canonical JSON of
 * the head), hex: without the key, entries cannot be cut from the end unnoticed.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { KeyObject } from "node:crypto";
import type { Json } from "../../core/types.ts";
import { canonicalJson } from "../../core/canonical-json.ts";

/** `prevHash` of the first entry ever written. */
export const GENESIS_HASH = "0".repeat(64);

export type EntryFields = {
  seq: number;
  ts: number;
  kind: string;
  actor: string;
  summary: string;
  data: Json;
  prevHash: string;
};

export function hashEntry(fields: EntryFields): string {
  return createHash("sha256").update(canonicalJson(fields)).digest("hex");
}

export type Head = { firstSeq: number; firstPrevHash: string; lastSeq: number; lastHash: string };

export function macHead(key: KeyObject, head: Head): string {
  return createHmac("sha256", key).update(canonicalJson(head)).digest("hex");
}

export function macMatches(key: KeyObject, head: Head, mac: string): boolean {
  const expected = Buffer.from(macHead(key, head), "hex");
  const given = Buffer.from(mac, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function macEntry(key: KeyObject, hash: string): string {
  return createHmac("sha256", key).update(`entry:${hash}`).digest("hex");
}

export function entryMacMatches(key: KeyObject, hash: string, mac: string): boolean {
  const expected = Buffer.from(macEntry(key, hash), "hex");
  const given = Buffer.from(mac, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

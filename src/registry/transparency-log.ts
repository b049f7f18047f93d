/**
 * The registry's transparency log: append-only and hash-chained. Entry `n` carries the hash of entry `n-1`
 * (`prev`; the first carries 64 zeros) and its own hash, SHA-256 of the canonical JSON of
 * `{ seq, at, kind, body, prev }`. The registry signs the head (size and last hash) with its key, so a reader can
 * check that what it downloaded is what the registry vouches for, and that a head it saw before is a prefix of
 * today's log. Verification never throws: it lists every problem it found (an edited entry, a deleted or moved
 * one, a broken link, a head that does not match).
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "../core/canonical-json.ts";
import type { Json } from "../core/types.ts";
import { Domain, KeyId, keyIdOf, signWith, verifyWith, type KeyFile } from "../skills/signing.ts";

export const GenesisHash = "0".repeat(64);

export const LogKinds = ["publish", "block", "yank", "hide", "unhide", "revoke", "key-add", "key-retire", "key-revoke"] as const;
export type LogKind = (typeof LogKinds)[number];

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const logEntrySchema = z.strictObject({
  seq: z.number().int().min(1),
  at: z.iso.datetime(),
  kind: z.enum(LogKinds),
  body: z.record(z.string(), z.json()),
  prev: Hex64,
  hash: Hex64,
});
export type LogEntry = z.infer<typeof logEntrySchema>;

export const logHeadSchema = z.strictObject({ size: z.number().int().min(0), hash: Hex64, keyId: KeyId, publicKey: z.string(), signature: z.string() });
export type LogHead = z.infer<typeof logHeadSchema>;

export function entryHash(entry: Omit<LogEntry, "hash">): string {
  return createHash("sha256").update(canonicalJson({ seq: entry.seq, at: entry.at, kind: entry.kind, body: entry.body, prev: entry.prev } as unknown as Json)).digest("hex");
}

const headPayload = (size: number, hash: string) => canonicalJson({ size, hash });

export function signLogHead(size: number, hash: string, key: KeyFile): LogHead {
  return { size, hash, keyId: key.keyId, publicKey: key.publicKey, signature: signWith(key, Domain.registryLogHead, headPayload(size, hash)) };
}

export type LogVerification = { ok: boolean; size: number; head: string; problems: string[] };

export type VerifyLogOptions = {
  /** The registry's signed head; its signature and that it names the last entry are checked. */
  head?: LogHead;
  /** Registry keys the head must be signed by (public key or key id); without them the head's own key is reported. */
  registryKeys?: readonly string[];
  /** A head seen earlier (`size` and `hash`): the log must still hold that entry unchanged. */
  known?: { size: number; hash: string };
};

/** Checks a whole log (entries in the order given). Never throws. */
export function verifyLog(entries: readonly unknown[], options: VerifyLogOptions = {}): LogVerification {
  const problems: string[] = [];
  let prev = GenesisHash;
  let size = 0;
  const byHash = new Map<number, string>();
  for (const [index, raw] of entries.entries()) {
    const parsed = logEntrySchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(`entry ${index + 1}: malformed (${parsed.error.issues[0]?.path.map(String).join(".") ?? ""}: ${parsed.error.issues[0]?.message ?? ""})`);
      continue;
    }
    const e = parsed.data;
    const expectedSeq = index + 1;
    if (e.seq !== expectedSeq) problems.push(`entry ${expectedSeq}: has seq ${e.seq} (an entry was deleted, inserted or moved)`);
    if (e.prev !== prev) problems.push(`entry ${e.seq}: does not link to the entry before it (the log was reordered, or an entry was removed or changed)`);
    let computed: string;
    try {
      computed = entryHash(e);
    } catch {
      computed = "";
    }
    if (computed !== e.hash) problems.push(`entry ${e.seq}: its content does not match its hash (the entry was edited)`);
    prev = e.hash;
    size = index + 1;
    byHash.set(size, e.hash);
  }
  const head = size === 0 ? GenesisHash : prev;
  if (options.head !== undefined) {
    const h = options.head;
    if (keyIdOf(h.publicKey) !== h.keyId) problems.push("the signed head's key id does not match its public key");
    else if (!verifyWith(h.publicKey, Domain.registryLogHead, headPayload(h.size, h.hash), h.signature)) problems.push("the signed head's signature does not verify");
    if (options.registryKeys !== undefined && !options.registryKeys.some((k) => k === h.publicKey || k === h.keyId)) problems.push(`the head is signed by \`${h.keyId}\`, which is not a registry key you trust`);
    if (h.size !== size || h.hash !== head) problems.push(`the signed head says ${h.size} entries ending in ${h.hash.slice(0, 12)}…, the log has ${size} ending in ${head.slice(0, 12)}… (entries were added, removed or changed)`);
  }
  if (options.known !== undefined) {
    const seen = byHash.get(options.known.size);
    if (options.known.size > size) problems.push(`a head seen earlier had ${options.known.size} entries; the log now has ${size} (it was truncated)`);
    else if (options.known.size > 0 && seen !== options.known.hash) problems.push(`entry ${options.known.size} no longer has the hash seen earlier (history was rewritten)`);
  }
  return { ok: problems.length === 0, size, head, problems };
}

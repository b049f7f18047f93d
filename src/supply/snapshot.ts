/**
 * The signed, dated advisory snapshot: `{ signed: { type, createdAt, ecosystem, advisories }, signatures }`,
 * each signature Ed25519 over the canonical JSON of `signed` (src/core/canonical-json.ts) by a key named by its
 * `keyid` (SHA-256 of the public key's SPKI DER, hex). The audit trusts only the keys pinned in
 * `trusted-keys.ts`; the private key lives with the maintainer, never in the repository.
 *
 * Reading never throws and never says "fresh" by default: a file that cannot be read, a signature by no trusted
 * key, a record that breaks the OSV schema, a date more than `maxAgeMs` old or in the future — each is a
 * refusal with the reason and, when the signature held, the snapshot's date.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "../core/canonical-json.ts";
import type { Json } from "../core/types.ts";
import { osvRecord, type OsvRecord } from "./osv.ts";

export const SNAPSHOT_TYPE = "warden-advisory-snapshot/1";
export const SNAPSHOT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** A snapshot may be dated this far ahead of the reader's clock (clock skew) and no further. */
const FUTURE_SKEW_MS = 10 * 60 * 1000;

const signedBody = z.strictObject({
  type: z.literal(SNAPSHOT_TYPE),
  createdAt: z.iso.datetime(),
  ecosystem: z.literal("npm"),
  advisories: z.array(osvRecord),
});
const envelope = z.strictObject({
  signed: z.looseObject({}),
  signatures: z.array(z.strictObject({ keyid: z.string().regex(/^[0-9a-f]{64}$/), sig: z.base64() })).min(1),
});

export type Snapshot = { createdAt: string; advisories: OsvRecord[]; keyid: string };
export type SnapshotRead = { ok: true; snapshot: Snapshot } | { ok: false; reason: string; createdAt?: string };

/** SHA-256 of the public key's SPKI DER, hex: the name a signature carries. */
export function keyIdOf(key: KeyObject): string {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return createHash("sha256").update(pub.export({ type: "spki", format: "der" })).digest("hex");
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

/** Signs a snapshot of `advisories` dated `createdAt` with the Ed25519 private key (PEM, PKCS#8). */
export function signSnapshot(advisories: readonly OsvRecord[], createdAt: Date, privateKeyPem: string): string {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`the signing key is ${key.asymmetricKeyType ?? "unknown"}, not Ed25519`);
  const signed = { type: SNAPSHOT_TYPE, createdAt: createdAt.toISOString(), ecosystem: "npm", advisories } as unknown as Json;
  const sig = sign(null, Buffer.from(canonicalJson(signed)), key).toString("base64");
  return `${JSON.stringify({ signed, signatures: [{ keyid: keyIdOf(key), sig }] })}\n`;
}

/**
 * Verifies and dates a snapshot. `trustedKeys` are SPKI PEM public keys; `now` is the reader's clock.
 * Must never throw: every failure is `{ ok: false, reason }`.
 */
export function readSnapshot(text: string, trustedKeys: readonly string[], now: Date, maxAgeMs: number = SNAPSHOT_MAX_AGE_MS): SnapshotRead {
  let outer: z.infer<typeof envelope>;
  try {
    const parsed = envelope.safeParse(JSON.parse(text));
    if (!parsed.success) return { ok: false, reason: `not a signed advisory snapshot (${parsed.error.issues[0]?.message ?? "invalid"})` };
    outer = parsed.data;
  } catch (error) {
    return { ok: false, reason: `not JSON (${firstLine(error)})` };
  }
  const trusted = new Map<string, KeyObject>();
  for (const pem of trustedKeys) {
    try {
      const key = createPublicKey(pem);
      if (key.asymmetricKeyType === "ed25519") trusted.set(keyIdOf(key), key);
    } catch {
      // A pinned key that does not parse trusts nothing.
    }
  }
  let message: Buffer;
  try {
    message = Buffer.from(canonicalJson(outer.signed as Json));
  } catch (error) {
    return { ok: false, reason: `the signed part cannot be canonicalized (${firstLine(error)})` };
  }
  const good = outer.signatures.find((s) => {
    const key = trusted.get(s.keyid);
    return key !== undefined && verify(null, message, key, Buffer.from(s.sig, "base64"));
  });
  if (good === undefined) {
    const known = outer.signatures.some((s) => trusted.has(s.keyid));
    return { ok: false, reason: known ? "the signature does not verify: the snapshot was altered after signing" : "not signed by a trusted key" };
  }
  const body = signedBody.safeParse(outer.signed);
  if (!body.success) {
    const issue = body.error.issues[0];
    return { ok: false, reason: `signed, but not a valid snapshot: ${issue?.message ?? "invalid"} at \`${issue?.path.join(".") ?? ""}\`` };
  }
  const { createdAt, advisories } = body.data;
  const age = now.getTime() - Date.parse(createdAt);
  if (age > maxAgeMs) return { ok: false, createdAt, reason: `the snapshot is ${Math.floor(age / 86_400_000)} days old (created ${createdAt}; at most ${Math.round(maxAgeMs / 86_400_000)} days are trusted)` };
  if (age < -FUTURE_SKEW_MS) return { ok: false, createdAt, reason: `the snapshot is dated in the future (${createdAt}); check this machine's clock` };
  return { ok: true, snapshot: { createdAt, advisories, keyid: good.keyid } };
}

/**
 * Signed revocation lists: a dated, numbered list of revoked skills (by manifest digest, by name, or every skill a
 * key signed), signed with Ed25519. Accepted when signed by a revocation key the owner configured
 * (`skills.revocationKeys`: a registry's, may revoke anything) or by a pinned publisher key (may revoke only
 * skills that publisher signed). A list older than one already applied from the same key is
 * refused (the same one again is a no-op): an attacker cannot replay yesterday's list to un-revoke. Works offline.
 */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { WardenError, ErrorCode } from "../core/errors.ts";
import type { Json } from "../core/types.ts";
import { KeyId, keyIdOf, signRevocations, verifyRevocations, type KeyFile } from "./signing.ts";
import type { LockEntry, SkillPaths, TrustStore } from "./skill-lock.ts";
import { writePrivateFile } from "../ops/secrets/private-files.ts";

export const RevocationFormat = "warden-skill-revocations/1";

const entrySchema = z.strictObject({
  digest: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  name: z.string().min(1).max(64).optional(),
  keyId: KeyId.optional(),
  reason: z.string().min(1).max(500),
}).refine((e) => e.digest !== undefined || e.name !== undefined || e.keyId !== undefined, "an entry names a digest, a skill name or a key id");

const payloadSchema = z.strictObject({
  issuer: z.string().min(1).max(128),
  sequence: z.number().int().min(1),
  issuedAt: z.iso.datetime(),
  entries: z.array(entrySchema).max(100_000),
});

export const revocationListSchema = z.strictObject({
  format: z.literal(RevocationFormat),
  payload: payloadSchema,
  signature: z.strictObject({ keyId: KeyId, publicKey: z.string(), signature: z.string() }),
});

/** What has been applied: the newest sequence per signing key, and every entry with who revoked it. */
const appliedSchema = z.strictObject({
  version: z.literal(1),
  signers: z.record(z.string(), z.strictObject({ sequence: z.number().int(), issuedAt: z.string(), issuer: z.string(), scope: z.enum(["any", "publisher"]), publisher: z.string().nullable() })),
  entries: z.array(z.strictObject({ entry: entrySchema, by: KeyId, scope: z.enum(["any", "publisher"]), publisher: z.string().nullable() })),
});
export type AppliedRevocations = z.infer<typeof appliedSchema>;

export function readApplied(paths: SkillPaths): AppliedRevocations {
  if (!existsSync(paths.revocations)) return { version: 1, signers: {}, entries: [] };
  const parsed = appliedSchema.safeParse(JSON.parse(readFileSync(paths.revocations, "utf8")));
  if (!parsed.success) throw new WardenError(ErrorCode.StateUnsafe, `the applied revocations file \`${paths.revocations}\` is malformed; nothing was changed`);
  return parsed.data;
}

/** The first revocation that covers this installed skill, as a reason; undefined when none does. */
export function revokedBecause(applied: AppliedRevocations, name: string, entry: Pick<LockEntry, "digest" | "signer" | "publisher">): string | undefined {
  for (const r of applied.entries) {
    // INVARIANT: a publisher's own list reaches only skills that publisher signed.
    if (r.scope === "publisher" && (entry.publisher !== r.publisher || entry.signer === null)) continue;
    const e = r.entry;
    if ((e.digest !== undefined && e.digest === entry.digest) || (e.name !== undefined && e.name === name) || (e.keyId !== undefined && e.keyId === entry.signer)) {
      return `revoked by \`${r.by}\`: ${e.reason}`;
    }
  }
  return undefined;
}

/** Verifies a list and records it; returns the new applied state (not yet written) or throws why it was refused. */
export function acceptRevocationList(text: string, deps: { applied: AppliedRevocations; trust: TrustStore; revocationKeys: readonly string[] }): AppliedRevocations {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WardenError(ErrorCode.BadRequest, "the revocation list is not JSON");
  }
  const parsed = revocationListSchema.safeParse(json);
  if (!parsed.success) throw new WardenError(ErrorCode.BadRequest, `not a Warden revocation list: \`${parsed.error.issues[0]?.path.map(String).join(".") ?? ""}\`: ${parsed.error.issues[0]?.message ?? ""}`);
  const list = parsed.data;
  const { keyId, publicKey, signature } = list.signature;
  if (keyIdOf(publicKey) !== keyId) throw new WardenError(ErrorCode.BadRequest, `the revocation list's key id \`${keyId}\` does not match its public key`);
  let scope: "any" | "publisher";
  let publisher: string | null = null;
  if (deps.revocationKeys.some((k) => k === publicKey || k === keyId)) scope = "any";
  else {
    const owner = Object.entries(deps.trust.publishers).find(([, p]) => p.keys.some((k) => k.keyId === keyId && k.publicKey === publicKey));
    if (owner === undefined) throw new WardenError(ErrorCode.BadRequest, `the revocation list is signed by \`${keyId}\`, which is neither a configured revocation key (skills.revocationKeys) nor a pinned publisher key`);
    scope = "publisher";
    publisher = owner[0];
  }
  if (!verifyRevocations(list.payload as unknown as Json, publicKey, signature)) throw new WardenError(ErrorCode.BadRequest, `the revocation list's signature by \`${keyId}\` does not verify; nothing was applied`);
  const previous = deps.applied.signers[keyId];
  // The same list again (a restart re-reading the configured file) changes nothing.
  if (previous !== undefined && list.payload.sequence === previous.sequence) return deps.applied;
  if (previous !== undefined && list.payload.sequence < previous.sequence) {
    throw new WardenError(ErrorCode.BadRequest, `the revocation list has sequence ${list.payload.sequence}, but ${previous.sequence} from the same key was applied already (an old list cannot replace a newer one)`);
  }
  // A newer list from the same key replaces that key's entries: it is the signer's whole current list.
  const kept = deps.applied.entries.filter((e) => e.by !== keyId);
  return {
    version: 1,
    signers: { ...deps.applied.signers, [keyId]: { sequence: list.payload.sequence, issuedAt: list.payload.issuedAt, issuer: list.payload.issuer, scope, publisher } },
    entries: [...kept, ...list.payload.entries.map((entry) => ({ entry, by: keyId, scope, publisher }))],
  };
}

export function writeApplied(paths: SkillPaths, applied: AppliedRevocations): void {
  writePrivateFile(paths.revocations, `${JSON.stringify(applied, null, 2)}\n`);
}

/** Signs a revocation payload (JSON text) with the issuer's key; refuses a payload that does not parse. */
export function signRevocationList(payloadText: string, key: KeyFile): z.infer<typeof revocationListSchema> {
  let json: unknown;
  try {
    json = JSON.parse(payloadText);
  } catch {
    throw new WardenError(ErrorCode.BadRequest, "the revocation payload is not JSON");
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) throw new WardenError(ErrorCode.BadRequest, `not a revocation payload: \`${parsed.error.issues[0]?.path.map(String).join(".") ?? ""}\`: ${parsed.error.issues[0]?.message ?? ""}`);
  const payload = parsed.data as unknown as Json;
  return { format: RevocationFormat, payload: parsed.data, signature: { keyId: key.keyId, publicKey: key.publicKey, signature: signRevocations(payload, key) } };
}

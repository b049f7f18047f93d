/**
 * Ed25519 signatures over a skill manifest (node:crypto, no other library). The publisher signs the manifest's
 * canonical JSON; a registry may countersign the manifest's digest with a monotonic sequence number (the slot is
 * here, the registry comes later). Every signed message starts with a domain string, so a signature made for one
 * purpose (a manifest, a countersignature, a revocation list) never verifies as another. Verification never
 * throws: it returns why a signature does not hold.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "../core/canonical-json.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";
import type { Json } from "../core/types.ts";
import { manifestDigest, manifestSchema, type SkillManifest } from "./package-manifest.ts";

export const EnvelopeFormat = "warden-skill-package/1";
export const KeyFileFormat = "warden-signing-key/1";

export const Domain = {
  manifest: "warden skill manifest v1\0",
  registry: "warden skill registry countersignature v1\0",
  revocations: "warden skill revocation list v1\0",
  /** A request to a registry, signed by an account key (src/registry/request-auth.ts). */
  registryRequest: "warden registry request v1\0",
  /** Proof that whoever adds a key to a registry account holds its private half. */
  registryKeyProof: "warden registry key proof v1\0",
  /** A registry's signed transparency log head. */
  registryLogHead: "warden registry log head v1\0",
} as const;

const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
export const KeyId = z.string().regex(/^ed25519:[0-9a-f]{32}$/, "a key id is `ed25519:` and 32 hex digits");

const publisherSignature = z.strictObject({ keyId: KeyId, publicKey: Base64, signature: Base64 });
const registrySignature = z.strictObject({ keyId: KeyId, publicKey: Base64, sequence: z.number().int().min(1), signature: Base64 });

export const envelopeSchema = z.strictObject({
  format: z.literal(EnvelopeFormat),
  manifest: manifestSchema,
  signatures: z.strictObject({
    /** Null for a local unsigned skill (installed only when the owner's policy allows it). */
    publisher: publisherSignature.nullable(),
    /** The registry's countersignature with its sequence number; null until a registry signs. */
    registry: registrySignature.nullable().default(null),
  }),
});
export type PackageEnvelope = z.infer<typeof envelopeSchema>;

export const keyFileSchema = z.strictObject({
  format: z.literal(KeyFileFormat),
  publisher: manifestSchema.shape.publisher.unwrap(),
  keyId: KeyId,
  publicKey: Base64,
  /** PKCS#8 PEM; absent in the `.pub` file. */
  privateKey: z.string().optional(),
});
export type KeyFile = z.infer<typeof keyFileSchema>;

/** The raw 32-byte public key of an Ed25519 key, base64. */
function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: "jwk" });
  if (typeof jwk.x !== "string") throw new WardenError(ErrorCode.Internal, "not an Ed25519 key");
  return Buffer.from(jwk.x, "base64url").toString("base64");
}

export function keyIdOf(publicKeyB64: string): string {
  return `ed25519:${createHash("sha256").update(Buffer.from(publicKeyB64, "base64")).digest("hex").slice(0, 32)}`;
}

function publicKeyObject(publicKeyB64: string): KeyObject {
  const raw = Buffer.from(publicKeyB64, "base64");
  if (raw.length !== 32) throw new WardenError(ErrorCode.BadRequest, "an Ed25519 public key is 32 bytes");
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" });
}

/** A new publisher key pair as the key file (with the private key) and its public half. */
export function generateSigningKey(publisher: string): { key: KeyFile; pub: KeyFile } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const pubB64 = rawPublicKey(publicKey);
  const pub: KeyFile = keyFileSchema.parse({ format: KeyFileFormat, publisher, keyId: keyIdOf(pubB64), publicKey: pubB64 });
  return { key: { ...pub, privateKey: privateKey.export({ format: "pem", type: "pkcs8" }).toString() }, pub };
}

export function parseKeyFile(text: string, what: string): KeyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WardenError(ErrorCode.BadRequest, `${what} is not a Warden key file (JSON); make one with \`warden skills keygen\``);
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) throw new WardenError(ErrorCode.BadRequest, `${what} is not a Warden key file: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  if (keyIdOf(parsed.data.publicKey) !== parsed.data.keyId) throw new WardenError(ErrorCode.BadRequest, `${what}: the key id does not match the public key`);
  return parsed.data;
}

/** Signs `payload` under one of the `Domain` strings (so it never verifies for another purpose). */
export function signWith(key: KeyFile, domain: string, payload: string): string {
  if (key.privateKey === undefined) throw new WardenError(ErrorCode.BadRequest, "the key file holds no private key (it is the `.pub` half)");
  const privateKey = createPrivateKey(key.privateKey);
  if (rawPublicKey(createPublicKey(privateKey)) !== key.publicKey) throw new WardenError(ErrorCode.BadRequest, "the key file's private key does not match its public key");
  return sign(null, Buffer.from(domain + payload, "utf8"), privateKey).toString("base64");
}

/** Checks a `signWith` signature; never throws (a malformed key or signature is a no). */
export function verifyWith(publicKeyB64: string, domain: string, payload: string, signatureB64: string): boolean {
  try {
    return verify(null, Buffer.from(domain + payload, "utf8"), publicKeyObject(publicKeyB64), Buffer.from(signatureB64, "base64"));
  } catch {
    return false;
  }
}

/** Signs a manifest as its publisher (the manifest's `publisher` becomes the key's). */
export function signManifest(manifest: SkillManifest, key: KeyFile): PackageEnvelope {
  const signed: SkillManifest = { ...manifest, publisher: key.publisher };
  return {
    format: EnvelopeFormat,
    manifest: signed,
    signatures: { publisher: { keyId: key.keyId, publicKey: key.publicKey, signature: signWith(key, Domain.manifest, canonicalJson(signed as unknown as Json)) }, registry: null },
  };
}

export function unsignedEnvelope(manifest: SkillManifest): PackageEnvelope {
  return { format: EnvelopeFormat, manifest, signatures: { publisher: null, registry: null } };
}

/** What a registry countersigns: the manifest digest, the publisher key and its sequence number. */
function registryPayload(digest: string, publisherKeyId: string, sequence: number): string {
  return canonicalJson({ digest, publisherKeyId, sequence });
}

/** Adds a registry countersignature (the registry issue's publish step calls this). */
export function countersign(envelope: PackageEnvelope, registryKey: KeyFile, sequence: number): PackageEnvelope {
  const publisher = envelope.signatures.publisher;
  if (publisher === null) throw new WardenError(ErrorCode.BadRequest, "a registry countersigns only a publisher-signed package");
  const signature = signWith(registryKey, Domain.registry, registryPayload(manifestDigest(envelope.manifest), publisher.keyId, sequence));
  return { ...envelope, signatures: { ...envelope.signatures, registry: { keyId: registryKey.keyId, publicKey: registryKey.publicKey, sequence, signature } } };
}

export type SignatureCheck =
  | { ok: true; signer: { keyId: string; publicKey: string; publisher: string } | null; registry: { keyId: string; sequence: number } | null }
  | { ok: false; reason: string };

/** Checks the envelope's signatures (not whether the keys are trusted: that is the trust store's question). */
export function checkSignatures(envelope: PackageEnvelope): SignatureCheck {
  const publisher = envelope.signatures.publisher;
  if (publisher === null) {
    if (envelope.signatures.registry !== null) return { ok: false, reason: "a registry countersignature without a publisher signature" };
    return { ok: true, signer: null, registry: null };
  }
  if (keyIdOf(publisher.publicKey) !== publisher.keyId) return { ok: false, reason: `the signer's key id \`${publisher.keyId}\` does not match its public key` };
  if (envelope.manifest.publisher === undefined) return { ok: false, reason: "a signed manifest names its publisher" };
  if (!verifyWith(publisher.publicKey, Domain.manifest, canonicalJson(envelope.manifest as unknown as Json), publisher.signature)) {
    return { ok: false, reason: `the publisher signature by \`${publisher.keyId}\` does not verify: the manifest was changed after signing, or signed by another key` };
  }
  const registry = envelope.signatures.registry;
  if (registry !== null) {
    if (keyIdOf(registry.publicKey) !== registry.keyId) return { ok: false, reason: `the registry key id \`${registry.keyId}\` does not match its public key` };
    if (!verifyWith(registry.publicKey, Domain.registry, registryPayload(manifestDigest(envelope.manifest), publisher.keyId, registry.sequence), registry.signature)) {
      return { ok: false, reason: `the registry countersignature by \`${registry.keyId}\` does not verify` };
    }
  }
  return {
    ok: true,
    signer: { keyId: publisher.keyId, publicKey: publisher.publicKey, publisher: envelope.manifest.publisher },
    registry: registry === null ? null : { keyId: registry.keyId, sequence: registry.sequence },
  };
}

/** Signs any payload under the revocation domain (the revocation list's signer). */
export function signRevocations(payload: Json, key: KeyFile): string {
  return signWith(key, Domain.revocations, canonicalJson(payload));
}

export function verifyRevocations(payload: Json, publicKeyB64: string, signatureB64: string): boolean {
  return verifyWith(publicKeyB64, Domain.revocations, canonicalJson(payload), signatureB64);
}

/** Parses an envelope's JSON text; refuses with the first problem. */
export function parseEnvelope(text: string, what: string): PackageEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WardenError(ErrorCode.BadRequest, `${what} is not JSON`);
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WardenError(ErrorCode.BadRequest, `${what} is not a Warden skill package: \`${issue?.path.map(String).join(".") ?? ""}\`: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

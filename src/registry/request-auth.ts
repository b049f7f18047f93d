/**
 * How every write to the registry is authenticated: the request is signed with one of the account's Ed25519 keys
 * (the same key files `warden skills keygen` makes). No password or token is ever sent or stored; the registry
 * keeps public keys only. The signature covers the method, the path with its query, the time, a one-use nonce
 * and the SHA-256 of the body, under its own domain string (so no manifest or log-head signature can pass for
 * a request). The registry refuses a time more than five minutes off and a nonce it has seen (replay).
 */
import { createHash, randomBytes } from "node:crypto";
import { canonicalJson } from "../core/canonical-json.ts";
import { Domain, KeyId, signWith, verifyWith, type KeyFile } from "../skills/signing.ts";

export const AuthHeaders = { key: "x-warden-key", time: "x-warden-time", nonce: "x-warden-nonce", signature: "x-warden-signature" } as const;
export const MaxClockSkewMs = 5 * 60_000;

export type SignedRequestParts = { method: string; pathAndQuery: string; body: Uint8Array };

function payloadOf(parts: SignedRequestParts, time: number, nonce: string): string {
  return canonicalJson({ method: parts.method.toUpperCase(), path: parts.pathAndQuery, time, nonce, body: createHash("sha256").update(parts.body).digest("hex") });
}

/** The headers that sign a request with `key` (the client's step). */
export function signRequest(parts: SignedRequestParts, key: KeyFile, now: number = Date.now()): Record<string, string> {
  const nonce = randomBytes(16).toString("hex");
  return { [AuthHeaders.key]: key.keyId, [AuthHeaders.time]: String(now), [AuthHeaders.nonce]: nonce, [AuthHeaders.signature]: signWith(key, Domain.registryRequest, payloadOf(parts, now, nonce)) };
}

export type RequestClaim = { keyId: string; time: number; nonce: string; signature: string };

/** Reads the signature headers; a missing or malformed one is a reason, not an exception. */
export function readClaim(header: (name: string) => string | undefined): RequestClaim | { problem: string } {
  const keyId = header(AuthHeaders.key);
  const time = Number(header(AuthHeaders.time));
  const nonce = header(AuthHeaders.nonce);
  const signature = header(AuthHeaders.signature);
  if (keyId === undefined || nonce === undefined || signature === undefined) return { problem: `this request must be signed with an account key (headers ${Object.values(AuthHeaders).join(", ")}); the warden CLI does this` };
  if (!KeyId.safeParse(keyId).success || !Number.isSafeInteger(time) || !/^[0-9a-f]{32}$/.test(nonce) || signature.length > 200) return { problem: "the request's signature headers are malformed" };
  return { keyId, time, nonce, signature };
}

/** Checks the signature itself and the clock (not the key's standing or the nonce: the store's questions). */
export function checkClaim(parts: SignedRequestParts, claim: RequestClaim, publicKey: string, now: number): string | undefined {
  if (Math.abs(now - claim.time) > MaxClockSkewMs) return "the request's time is more than five minutes from the registry's clock (check this machine's clock)";
  if (!verifyWith(publicKey, Domain.registryRequest, payloadOf(parts, claim.time, claim.nonce), claim.signature)) return "the request's signature does not verify";
  return undefined;
}

const proofPayload = (account: string, keyId: string) => canonicalJson({ account, keyId });

/** A new key's proof that its holder means to add it to `account`. */
export function keyProof(account: string, key: KeyFile): string {
  return signWith(key, Domain.registryKeyProof, proofPayload(account, key.keyId));
}

export function checkKeyProof(account: string, keyId: string, publicKey: string, proof: string): boolean {
  return verifyWith(publicKey, Domain.registryKeyProof, proofPayload(account, keyId), proof);
}

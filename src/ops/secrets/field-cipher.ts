/**
 * AES-256-GCM for single values (secrets, transcript bodies). Format: `wf1.<base64url(iv ‖ tag ‖ ciphertext)>`.
 * Decryption fails closed: any tampering, a wrong key, a wrong context (`aad`) or a malformed value throws.
 */
import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from "node:crypto";
import { ErrorCode, WardenError } from "../../core/errors.ts";

const PREFIX = "wf1.";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type RandomBytes = (size: number) => Buffer;

export function encryptField(key: Uint8Array | KeyObject, plaintext: string, aad: string, randomBytes: RandomBytes): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

export function decryptField(key: Uint8Array | KeyObject, sealed: string, aad: string): string {
  assertKey(key);
  if (!sealed.startsWith(PREFIX)) throw new WardenError(ErrorCode.StateUnsafe, "an encrypted value has an unknown format; it cannot be decrypted");
  const raw = Buffer.from(sealed.slice(PREFIX.length), "base64url");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new WardenError(ErrorCode.StateUnsafe, "an encrypted value is truncated; it cannot be decrypted");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch (error) {
    throw new WardenError(ErrorCode.StateUnsafe, "an encrypted value failed its integrity check (tampered, or the wrong key); refusing to use it", { cause: error });
  }
}

/** `seal`/`open` for a store that encrypts one kind of field (transcripts: `createFieldCipher(key, "transcript")`). */
export type FieldCipher = { seal(plain: string): string; open(sealed: string): string };

export function createFieldCipher(key: Uint8Array, context: string, randomBytes: RandomBytes): FieldCipher {
  assertKey(key);
  const aad = `warden-field:${context}`;
  // One key object for every value: from raw bytes Node builds a new one per call (a store opens hundreds a turn).
  const keyObject = createSecretKey(key);
  return { seal: (plain) => encryptField(keyObject, plain, aad, randomBytes), open: (sealed) => decryptField(keyObject, sealed, aad) };
}

function assertKey(key: Uint8Array | KeyObject): void {
  const bytes = key instanceof Uint8Array ? key.length : (key.symmetricKeySize ?? 0);
  if (bytes !== 32) throw new WardenError(ErrorCode.Internal, `an AES-256 key must be 32 bytes (got ${bytes})`);
}

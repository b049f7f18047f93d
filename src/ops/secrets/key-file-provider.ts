/**
 * Master keys kept as 0600 files in a 0700 key directory apart from the data. The OS keyring (libsecret,
 * Keychain) is not available on headless Linux servers like the ones Warden targets first, so files are
 * the baseline; a keyring backend implements the same `KeyProvider` interface.
 */
import { readdirSync, realpathSync, rmSync } from "node:fs";
import { join, relative, isAbsolute } from "node:path";
import { ErrorCode, WardenError } from "../../core/errors.ts";
import type { RandomBytes } from "./field-cipher.ts";
import { ensurePrivateDir, isSameVersion, readPrivateFileVersion, syncDir, writePrivateFile, type FileVersion } from "./private-files.ts";

/** Must never return a key read through a symlink or from a file other users can read. */
export type KeyProvider = {
  /**
   * The key `keyId`; the same `Buffer` as long as its file is the same file version (callers may keep what they
   * decrypted with it while `load` keeps returning that `Buffer`). A missing or changed file is read again, with
   * every check, and a missing one is a clear error.
   */
  load(keyId: string): Buffer;
  /** Creates and durably stores a new 256-bit key. */
  create(): { keyId: string; key: Buffer };
  /** Removes every key but `keepKeyId`. */
  removeAllBut(keepKeyId: string): void;
};

const KEY_ID = /^[a-f0-9]{16}$/;

export function createKeyFileProvider(deps: { keyDir: string; stateDir: string; randomBytes: RandomBytes; uid?: number }): KeyProvider {
  const { keyDir, stateDir, randomBytes, uid } = deps;
  ensurePrivateDir(keyDir, { uid, loose: "refuse" });
  const inside = relative(realpathSync(stateDir), realpathSync(keyDir));
  if (inside === "" || (!inside.startsWith("..") && !isAbsolute(inside))) {
    // A key next to the data it protects goes into every backup of the data: keep them apart.
    throw new WardenError(ErrorCode.StateUnsafe, `the key directory \`${keyDir}\` is inside the state directory \`${stateDir}\`; move it outside`);
  }
  const fileOf = (keyId: string): string => join(keyDir, `${keyId}.key`);
  // INVARIANT: a key is reused only while an lstat of its path (one system call, not open and read) shows the
  // version that was read and checked; anything else (deleted, replaced, rewritten, chmod, chown, a symlink put in
  // its place) reads the file again with every check, so a missing key stays a clear error, never a stale answer.
  const loaded = new Map<string, { key: Buffer; version: FileVersion }>();

  function load(keyId: string): Buffer {
    if (!KEY_ID.test(keyId)) throw new WardenError(ErrorCode.StateUnsafe, `the key id \`${keyId}\` is malformed`);
    const file = fileOf(keyId);
    const kept = loaded.get(keyId);
    if (kept !== undefined && isSameVersion(file, kept.version)) return kept.key;
    loaded.delete(keyId);
    const read = readPrivateFileVersion(file, uid);
    if (!read) {
      throw new WardenError(ErrorCode.StateUnsafe, `the key \`${keyId}\` is missing from \`${keyDir}\`; restore the key directory from its backup (secrets cannot be decrypted without it)`);
    }
    const key = Buffer.from(read.data.toString("utf8").trim(), "base64");
    if (key.length !== 32) throw new WardenError(ErrorCode.StateUnsafe, `the key file for \`${keyId}\` is corrupt`);
    loaded.set(keyId, { key, version: read.version });
    return key;
  }

  function create(): { keyId: string; key: Buffer } {
    const keyId = randomBytes(8).toString("hex");
    const key = randomBytes(32);
    writePrivateFile(fileOf(keyId), `${key.toString("base64")}\n`);
    return { keyId, key };
  }

  function removeAllBut(keepKeyId: string): void {
    for (const keyId of loaded.keys()) if (keyId !== keepKeyId) loaded.delete(keyId);
    for (const name of readdirSync(keyDir)) {
      if (name.endsWith(".key") && name !== `${keepKeyId}.key`) rmSync(join(keyDir, name), { force: true });
    }
    syncDir(keyDir);
  }

  return { load, create, removeAllBut };
}

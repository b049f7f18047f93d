/**
 * Master keys kept as 0600 files in a 0700 key directory apart from the data. The OS keyring (libsecret,
 * Keychain) is not available on headless Linux servers like the ones Warden targets first, so files are
 * the baseline; a keyring backend implements the same `KeyProvider` interface.
 */
import { readdirSync, realpathSync, rmSync } from "node:fs";
import { join, relative, isAbsolute } from "node:path";
import { ErrorCode, WardenError } from "../../core/errors.ts";
import type { RandomBytes } from "./field-cipher.ts";
import { ensurePrivateDir, readPrivateFile, syncDir, writePrivateFile } from "./private-files.ts";

/** Must never return a key read through a symlink or from a file other users can read. */
export type KeyProvider = {
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

  function load(keyId: string): Buffer {
    if (!KEY_ID.test(keyId)) throw new WardenError(ErrorCode.StateUnsafe, `the key id \`${keyId}\` is malformed`);
    const raw = readPrivateFile(fileOf(keyId), uid);
    if (!raw) {
      throw new WardenError(ErrorCode.StateUnsafe, `the key \`${keyId}\` is missing from \`${keyDir}\`; restore the key directory from its backup (secrets cannot be decrypted without it)`);
    }
    const key = Buffer.from(raw.toString("utf8").trim(), "base64");
    if (key.length !== 32) throw new WardenError(ErrorCode.StateUnsafe, `the key file for \`${keyId}\` is corrupt`);
    return key;
  }

  function create(): { keyId: string; key: Buffer } {
    const keyId = randomBytes(8).toString("hex");
    const key = randomBytes(32);
    writePrivateFile(fileOf(keyId), `${key.toString("base64")}\n`);
    return { keyId, key };
  }

  function removeAllBut(keepKeyId: string): void {
    for (const name of readdirSync(keyDir)) {
      if (name.endsWith(".key") && name !== `${keepKeyId}.key`) rmSync(join(keyDir, name), { force: true });
    }
    syncDir(keyDir);
  }

  return { load, create, removeAllBut };
}

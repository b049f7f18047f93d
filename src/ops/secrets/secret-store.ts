/**
 * Secrets at rest (provider keys, bot tokens, gateway tokens, data keys): envelope encryption, AES-256-GCM,
 * each value bound to its name, under a master key from a `KeyProvider`. The secrets file lives in the state
 * dir and holds ciphertext only, so a backup of the state dir never carries a secret in the clear.
 *
 * Concurrency: every call re-reads the file and writes it atomically; two processes writing at the same
 * instant can lose one write (last rename wins). The CLI and the gateway change secrets rarely.
 *
 * Cost: a lookup reads the file's bytes (one small read) and stats the key file; the parsed file and every value
 * decrypted from it are kept as long as those bytes are the same and the key provider returns the same key (the
 * key file unchanged), so a gateway's logins and a run's data keys do not parse, read the key and decrypt again.
 * Kept values live in this process's memory only, as the known-secrets list for redaction already does.
 */
import { createSecretKey, type KeyObject } from "node:crypto";
import { join } from "node:path";
import { ErrorCode, WardenError } from "../../core/errors.ts";
import { decryptField, encryptField } from "./field-cipher.ts";
import type { RandomBytes } from "./field-cipher.ts";
import type { KeyProvider } from "./key-file-provider.ts";
import { ensurePrivateDir, readPrivateFile, writePrivateFile } from "./private-files.ts";

export type SecretInfo = { name: string; createdAt: number; updatedAt: number };

/** Must never return or list a value from `list()`, never write a value in the clear, never use a tampered value. */
export type SecretStore = {
  set(name: string, value: string): void;
  get(name: string): string | undefined;
  delete(name: string): boolean;
  list(): SecretInfo[];
  /** Re-encrypts every secret under a new master key, switches atomically, then deletes the old key. */
  rotate(): { keyId: string; count: number };
  /** A 256-bit data key stored as the secret `name`, created on first use (e.g. `transcripts.key`). */
  dataKey(name: string): Buffer;
};

type Entry = { value: string; createdAt: number; updatedAt: number };
type SecretsFile = { version: 1; keyId: string; entries: Record<string, Entry> };

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const SECRETS_FILE = "secrets.enc.json";

export function createSecretStore(deps: { stateDir: string; keys: KeyProvider; randomBytes: RandomBytes; clock: () => number; uid?: number }): SecretStore {
  const { stateDir, keys, randomBytes, clock, uid } = deps;
  ensurePrivateDir(stateDir, { uid, loose: "refuse" });
  const file = join(stateDir, SECRETS_FILE);
  const aadFor = (name: string, keyId: string): string => `warden-secret:v1:${keyId}:${name}`;

  /** The file as last read and what was decrypted from it, with the key that decrypted it. */
  let last: { raw: Buffer; content: SecretsFile; key: Buffer | undefined; keyObject: KeyObject | undefined; plain: Map<string, string> } | undefined;

  /**
   * The file as it is now, for reading only: the same object while its bytes are the same. INVARIANT: never
   * mutated (`set`, `delete` and `rotate` parse their own copy), so what it holds is what the bytes say.
   */
  function view(): typeof last {
    const raw = readPrivateFile(file, uid);
    if (!raw) {
      last = undefined;
      return undefined;
    }
    if (last?.raw.equals(raw) !== true) last = { raw, content: parse(raw), key: undefined, keyObject: undefined, plain: new Map() };
    return last;
  }

  /** A fresh copy of the file to change and write. */
  function read(): SecretsFile | undefined {
    const raw = readPrivateFile(file, uid);
    return raw ? parse(raw) : undefined;
  }

  function parse(raw: Buffer): SecretsFile {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString("utf8"));
    } catch (error) {
      throw new WardenError(ErrorCode.StateUnsafe, `\`${file}\` is not valid JSON; restore it from a backup`, { cause: error });
    }
    if (!isSecretsFile(parsed)) throw new WardenError(ErrorCode.StateUnsafe, `\`${file}\` has an unexpected shape; restore it from a backup`);
    return parsed;
  }

  function write(content: SecretsFile): void {
    last = undefined;
    writePrivateFile(file, `${JSON.stringify(content, null, 2)}\n`);
  }

  function checkName(name: string): void {
    if (!NAME.test(name)) throw new WardenError(ErrorCode.BadRequest, `secret name \`${name.slice(0, 64)}\` is invalid: use letters, digits, \`.\`, \`_\` and \`-\``);
  }

  function set(name: string, value: string): void {
    checkName(name);
    let current = read();
    let key: Buffer;
    if (current) {
      key = keys.load(current.keyId);
    } else {
      const created = keys.create();
      key = created.key;
      current = { version: 1, keyId: created.keyId, entries: {} };
    }
    const now = clock();
    const previous = current.entries[name];
    current.entries[name] = { value: encryptField(key, value, aadFor(name, current.keyId), randomBytes), createdAt: previous?.createdAt ?? now, updatedAt: now };
    write(current);
  }

  function get(name: string): string | undefined {
    checkName(name);
    const current = view();
    const entry = current?.content.entries[name];
    if (!current || !entry) return undefined;
    // Loaded first, every time: a key file deleted or replaced since is read again (and a missing one is an error).
    const key = keys.load(current.content.keyId);
    if (current.key !== key || current.keyObject === undefined) {
      current.plain.clear();
      current.key = key;
      // One key object for every value decrypted under this key: from raw bytes Node imports the key at each call.
      current.keyObject = createSecretKey(key);
    }
    const kept = current.plain.get(name);
    if (kept !== undefined) return kept;
    const value = decryptField(current.keyObject, entry.value, aadFor(name, current.content.keyId));
    current.plain.set(name, value);
    return value;
  }

  function remove(name: string): boolean {
    checkName(name);
    const current = read();
    if (!current || !current.entries[name]) return false;
    delete current.entries[name];
    write(current);
    return true;
  }

  function list(): SecretInfo[] {
    const current = view();
    if (!current) return [];
    return Object.entries(current.content.entries)
      .map(([name, e]) => ({ name, createdAt: e.createdAt, updatedAt: e.updatedAt }))
      // Code-unit order: stable across locales, and no collation tables loaded (~3 MB resident) at gateway start.
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  function rotate(): { keyId: string; count: number } {
    const current = read();
    const fresh = keys.create();
    const next: SecretsFile = { version: 1, keyId: fresh.keyId, entries: {} };
    if (current) {
      const oldKey = keys.load(current.keyId);
      for (const [name, entry] of Object.entries(current.entries)) {
        // Decrypting every value first means a tampered entry aborts the rotation before anything changes.
        const plain = decryptField(oldKey, entry.value, aadFor(name, current.keyId));
        next.entries[name] = { ...entry, value: encryptField(fresh.key, plain, aadFor(name, fresh.keyId), randomBytes) };
      }
    }
    // INVARIANT: the new key is durable before the file names it, and the old key is removed only after the
    // file stopped naming it: a crash at any point leaves a file whose key exists.
    write(next);
    keys.removeAllBut(fresh.keyId);
    return { keyId: fresh.keyId, count: Object.keys(next.entries).length };
  }

  function dataKey(name: string): Buffer {
    const existing = get(name);
    if (existing !== undefined) {
      const key = Buffer.from(existing, "base64");
      if (key.length !== 32) throw new WardenError(ErrorCode.StateUnsafe, `the data key \`${name}\` is corrupt`);
      return key;
    }
    const key = randomBytes(32);
    set(name, key.toString("base64"));
    return key;
  }

  return { set, get, delete: remove, list, rotate, dataKey };
}

function isSecretsFile(value: unknown): value is SecretsFile {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { version?: unknown; keyId?: unknown; entries?: unknown };
  if (v.version !== 1 || typeof v.keyId !== "string" || typeof v.entries !== "object" || v.entries === null) return false;
  return Object.values(v.entries).every(
    (e: unknown) => typeof e === "object" && e !== null && typeof (e as Entry).value === "string" && typeof (e as Entry).createdAt === "number" && typeof (e as Entry).updatedAt === "number",
  );
}

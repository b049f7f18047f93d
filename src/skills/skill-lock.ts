/**
 * Where installed skills live under the state dir, and the two small JSON files that say what they must be:
 * the lock file (per skill: manifest digest, signer key id, registry sequence, state) and the pinned publisher
 * keys (trust on first use, recorded). Both are written whole, atomically (temporary file, fsync, rename, fsync
 * of the folder), 0600.
 *
 * Writers: the CLI (install, update, remove, revocations) and a running gateway (quarantine on load, revocations at
 * start) change the same files. Every read-modify-write runs inside `withSkillsWriteLock`, an OS lock on
 * `skills/.write.lock` (SQLite's exclusive file lock, as `src/state/gateway-lock.ts`): the kernel drops it when the
 * holder dies however it dies, so a stale lock never blocks anyone and there is no pid to go stale.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { z } from "zod";
import { WardenError, ErrorCode } from "../core/errors.ts";
import { writePrivateFile } from "../ops/secrets/private-files.ts";
import { KeyId } from "./signing.ts";
import { capabilitiesSchema } from "./skill-format.ts";

export type SkillPaths = { root: string; installed: string; quarantine: string; lock: string; trust: string; revocations: string; writeLock: string };

export function skillPaths(home: string): SkillPaths {
  const root = join(home, "skills");
  return {
    root,
    installed: join(root, "installed"),
    quarantine: join(root, "quarantine"),
    lock: join(root, "skills.lock.json"),
    trust: join(root, "trusted-publishers.json"),
    revocations: join(root, "revocations.json"),
    writeLock: join(root, ".write.lock"),
  };
}

export const SkillStates = ["ok", "quarantined", "revoked"] as const;

const lockEntrySchema = z.strictObject({
  /** SHA-256 of the manifest's canonical JSON. */
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  /** The publisher key that signed it; null for a local unsigned skill. */
  signer: KeyId.nullable(),
  publisher: z.string().nullable(),
  /** The registry's sequence number from its countersignature; null when no registry signed. */
  registrySequence: z.number().int().min(1).nullable(),
  version: z.string().nullable(),
  /** The description from the verified SKILL.md, as installed: what the model is shown in the skill listing. */
  description: z.string().max(1024).default(""),
  /** The capability manifest as verified at install: what the gate is told a script may do (re-verified at use). */
  capabilities: capabilitiesSchema.prefault({}),
  /** Where it was installed from (a path), for `update` and `install --frozen`. */
  source: z.string(),
  installedAt: z.string(),
  files: z.number().int().min(0),
  bytes: z.number().int().min(0),
  state: z.enum(SkillStates),
  /** Why it is not `ok` (what did not match, which revocation). */
  reason: z.string().optional(),
});
export type LockEntry = z.infer<typeof lockEntrySchema>;

const lockSchema = z.strictObject({ lockfileVersion: z.literal(1), skills: z.record(z.string(), lockEntrySchema) });
export type SkillLock = z.infer<typeof lockSchema>;

const trustSchema = z.strictObject({
  version: z.literal(1),
  publishers: z.record(z.string(), z.strictObject({
    keys: z.array(z.strictObject({ keyId: KeyId, publicKey: z.string(), trustedAt: z.string(), how: z.enum(["first-use", "pinned"]) })).min(1),
  })),
});
export type TrustStore = z.infer<typeof trustSchema>;

function readJson<T>(path: string, schema: z.ZodType<T>, empty: T, what: string): T {
  if (!existsSync(path)) return empty;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new WardenError(ErrorCode.StateUnsafe, `the ${what} \`${path}\` is not JSON (${e instanceof Error ? e.message : String(e)}); nothing was changed`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new WardenError(ErrorCode.StateUnsafe, `the ${what} \`${path}\` is malformed at \`${parsed.error.issues[0]?.path.map(String).join(".") ?? ""}\`: ${parsed.error.issues[0]?.message ?? ""}; nothing was changed`);
  return parsed.data;
}

/** Writes a file whole with `mode`: a crash leaves the old or the new content, never half of one. */
export function writeFileAtomic(path: string, text: string, mode = 0o600): void {
  writePrivateFile(path, text);
  if (mode !== 0o600) chmodSync(path, mode);
}

/** How long a writer waits for another one (an install copying a large tree) before it gives up with a reason. */
export const SkillsWriteWaitMs = 15_000;

/**
 * Runs `fn` holding the skills write lock, waiting up to `waitMs` for another holder (SQLite's busy handler sleeps
 * and retries; bounded). `fn` must be synchronous: the lock is held from the first read to the last write.
 * Throws `StateUnsafe` naming the wait when the lock stays held.
 */
export function withSkillsWriteLock<T>(paths: SkillPaths, fn: () => T, waitMs = SkillsWriteWaitMs): T {
  ensureSkillDirs(paths);
  const db = new DatabaseSync(paths.writeLock);
  try {
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(waitMs))}; PRAGMA journal_mode = DELETE;`);
    try {
      db.exec("BEGIN EXCLUSIVE");
    } catch (error) {
      const code = typeof error === "object" && error !== null ? (error as { errcode?: unknown }).errcode : undefined;
      if (typeof code === "number" && (code & 0xff) === 5) {
        throw new WardenError(ErrorCode.StateUnsafe, `the skills state \`${paths.root}\` stayed locked by another writer (a running gateway or another \`warden skills\` command) for ${Math.round(waitMs / 1000)} s; nothing was changed. Try again`);
      }
      throw error;
    }
    try {
      return fn();
    } finally {
      db.exec("ROLLBACK");
    }
  } finally {
    db.close();
  }
}

export function ensureSkillDirs(paths: SkillPaths): void {
  for (const dir of [paths.root, paths.installed, paths.quarantine]) mkdirSync(dir, { recursive: true, mode: 0o700 });
}

export function readLock(paths: SkillPaths): SkillLock {
  return readJson(paths.lock, lockSchema, { lockfileVersion: 1, skills: {} }, "skills lock file");
}

export function writeLock(paths: SkillPaths, lock: SkillLock): void {
  ensureSkillDirs(paths);
  const sorted: SkillLock = { lockfileVersion: 1, skills: Object.fromEntries(Object.entries(lock.skills).sort(([a], [b]) => (a < b ? -1 : 1))) };
  writePrivateFile(paths.lock, `${JSON.stringify(sorted, null, 2)}\n`);
}

export function readTrust(paths: SkillPaths): TrustStore {
  return readJson(paths.trust, trustSchema, { version: 1, publishers: {} }, "trusted publishers file");
}

export function writeTrust(paths: SkillPaths, trust: TrustStore): void {
  ensureSkillDirs(paths);
  writePrivateFile(paths.trust, `${JSON.stringify(trust, null, 2)}\n`);
}

/** How a signer stands against the pinned keys: pinned, a publisher never seen, or a known publisher with another key. */
export type TrustStatus = { status: "pinned" } | { status: "new-publisher" } | { status: "key-changed"; pinned: string[] };

export function trustOf(trust: TrustStore, publisher: string, keyId: string): TrustStatus {
  const entry = trust.publishers[publisher];
  if (entry === undefined) return { status: "new-publisher" };
  if (entry.keys.some((k) => k.keyId === keyId)) return { status: "pinned" };
  return { status: "key-changed", pinned: entry.keys.map((k) => k.keyId) };
}

export function pinKey(trust: TrustStore, publisher: string, key: { keyId: string; publicKey: string }, how: "first-use" | "pinned", now: Date): TrustStore {
  const entry = trust.publishers[publisher];
  const keys = (entry?.keys ?? []).filter((k) => k.keyId !== key.keyId);
  return { ...trust, publishers: { ...trust.publishers, [publisher]: { keys: [...keys, { keyId: key.keyId, publicKey: key.publicKey, trustedAt: now.toISOString(), how }] } } };
}

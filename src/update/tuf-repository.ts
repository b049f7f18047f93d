/**
 * The publishing side of Warden's update repository: TUF metadata (root, targets, snapshot, timestamp) signed with
 * Ed25519 keys, written as a directory that any static HTTPS server can mirror.
 *
 * Layout (consistent snapshots, so a mirror can be updated file by file and never serves a torn state):
 *   metadata/N.root.json      every root version (clients walk N+1, N+2, … to rotate keys); root.json = newest
 *   metadata/timestamp.json   the only file fetched without a version: names the snapshot, expires in ≤ 7 days
 *   metadata/N.snapshot.json  names the targets metadata version (with length and hash)
 *   metadata/N.targets.json   every release file with its length, SHA-256 and SHA-512
 *   targets/<sha256>.<name>   the release files themselves, named by content
 *
 * Roles: root is 2 of 3 offline keys; targets, snapshot and timestamp one key each (the last two may be online).
 * INVARIANT: every write of a metadata file names a version that was never written before, so a reader sees either
 * the old or the new state of the repository, whatever order a mirror copies files in (timestamp.json last).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Metadata, MetaFile, MetadataKind, Root, Snapshot, TargetFile, Targets, Timestamp } from "@tufjs/models";
import { signerFor, type SigningKey } from "./tuf-keys.ts";

const specVersion = "1.0.31";
const day = 86_400_000;

/** How long each role's metadata stays valid, in days. The timestamp's window is how long a frozen feed can go unseen. */
export const expiryDays = { root: 365, targets: 90, snapshot: 30, timestamp: 7 } as const;
export const rootThreshold = 2;
export const maxTimestampDays = 7;

export type RoleKeys = { targets: SigningKey; snapshot: SigningKey; timestamp: SigningKey };
export type ReleaseFile = { name: string; bytes: Buffer; custom?: Record<string, unknown> };
export type PublishOptions = { now?: Date; timestampDays?: number };

type AnyMetadata = Metadata<Root> | Metadata<Targets> | Metadata<Snapshot> | Metadata<Timestamp>;

/** Creates a new repository at `dir` with root version 1: three root keys (threshold 2) and one key per other role. */
export function initRepository(dir: string, rootKeys: readonly SigningKey[], roleKeys: RoleKeys, options: PublishOptions = {}): void {
  if (existsSync(join(dir, "metadata", "1.root.json"))) throw new Error(`\`${dir}\` already holds a release repository (metadata/1.root.json exists)`);
  if (rootKeys.length !== 3) throw new Error(`a new repository needs exactly 3 root keys (threshold ${rootThreshold}); got ${rootKeys.length}`);
  const now = options.now ?? new Date();
  const root = new Metadata(buildRoot(1, rootKeys, roleKeys, now));
  for (const key of rootKeys) root.sign(signerFor(key));
  mkdirSync(join(dir, "metadata"), { recursive: true });
  mkdirSync(join(dir, "targets"), { recursive: true });
  writeRoot(dir, root);
  writeTargetsSnapshotTimestamp(dir, new Targets({ version: 1, specVersion, expires: expiresIn(now, expiryDays.targets), targets: {} }), roleKeys, root.signed, { ...options, now }, 1, 1);
}

/** Adds release files as targets (content-named copies under targets/) and signs new targets, snapshot and timestamp. */
export function publishTargets(dir: string, files: readonly ReleaseFile[], roleKeys: RoleKeys, options: PublishOptions = {}): void {
  const now = options.now ?? new Date();
  const state = readRepositoryState(dir);
  const targets: Record<string, TargetFile> = { ...state.targets.signed.targets };
  for (const file of files) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(file.name)) throw new Error(`a release file name must be a plain file name; got \`${file.name}\``);
    const sha256 = createHash("sha256").update(file.bytes).digest("hex");
    const sha512 = createHash("sha512").update(file.bytes).digest("hex");
    writeFileAtomic(join(dir, "targets", `${sha256}.${file.name}`), file.bytes);
    targets[file.name] = new TargetFile({ path: file.name, length: file.bytes.length, hashes: { sha256, sha512 }, unrecognizedFields: file.custom ? { custom: file.custom as never } : {} });
  }
  const next = new Targets({ version: state.targets.signed.version + 1, specVersion, expires: expiresIn(now, expiryDays.targets), targets });
  writeTargetsSnapshotTimestamp(dir, next, roleKeys, state.root.signed, { ...options, now }, state.snapshot.signed.version + 1, state.timestamp.signed.version + 1);
}

/** Removes targets (a release that must not be installed) and signs new targets, snapshot and timestamp. */
export function withdrawTargets(dir: string, names: readonly string[], roleKeys: RoleKeys, options: PublishOptions = {}): void {
  const now = options.now ?? new Date();
  const state = readRepositoryState(dir);
  const targets: Record<string, TargetFile> = { ...state.targets.signed.targets };
  for (const name of names) {
    if (!targets[name]) throw new Error(`\`${name}\` is not a target of this repository`);
    delete targets[name];
  }
  const next = new Targets({ version: state.targets.signed.version + 1, specVersion, expires: expiresIn(now, expiryDays.targets), targets });
  writeTargetsSnapshotTimestamp(dir, next, roleKeys, state.root.signed, { ...options, now }, state.snapshot.signed.version + 1, state.timestamp.signed.version + 1);
}

/**
 * Re-signs snapshot and timestamp with fresh expiry (the online keys' job, run at least every few days): without
 * it clients see a frozen feed once the timestamp expires, which is the point.
 */
export function refreshTimestamp(dir: string, keys: Pick<RoleKeys, "snapshot" | "timestamp">, options: PublishOptions = {}): void {
  const now = options.now ?? new Date();
  const state = readRepositoryState(dir);
  const snapshot = new Metadata(new Snapshot({ version: state.snapshot.signed.version + 1, specVersion, expires: expiresIn(now, expiryDays.snapshot), meta: state.snapshot.signed.meta }));
  signAs(snapshot, "snapshot", [keys.snapshot], state.root.signed);
  const snapshotBytes = serialize(snapshot);
  writeFileAtomic(join(dir, "metadata", `${snapshot.signed.version}.snapshot.json`), snapshotBytes);
  writeTimestamp(dir, snapshot.signed.version, snapshotBytes, keys.timestamp, state.root.signed, state.timestamp.signed.version + 1, { ...options, now });
}

/**
 * Writes root version N+1 with new root keys (and, optionally, new role keys), signed by a threshold of the old
 * root keys and a threshold of the new ones, so a client that trusts version N can verify it. New role keys
 * re-sign targets, snapshot and timestamp at once.
 */
export function rotateRoot(dir: string, oldRootKeys: readonly SigningKey[], newRootKeys: readonly SigningKey[], roleKeys: RoleKeys, options: PublishOptions = {}): void {
  const now = options.now ?? new Date();
  const state = readRepositoryState(dir);
  if (newRootKeys.length !== 3) throw new Error(`the new root needs exactly 3 root keys; got ${newRootKeys.length}`);
  const oldRole = state.root.signed.roles.root;
  const oldSigners = oldRootKeys.filter((k) => oldRole?.keyIDs.includes(k.key.keyID));
  if (!oldRole || oldSigners.length < oldRole.threshold) throw new Error(`rotating the root needs ${oldRole?.threshold ?? rootThreshold} of the current root keys; ${oldSigners.length} given match`);
  const root = new Metadata(buildRoot(state.root.signed.version + 1, newRootKeys, roleKeys, now));
  for (const key of [...oldSigners, ...newRootKeys.filter((k) => !oldSigners.some((o) => o.key.keyID === k.key.keyID))]) root.sign(signerFor(key));
  writeRoot(dir, root);
  const targets = new Targets({ version: state.targets.signed.version + 1, specVersion, expires: expiresIn(now, expiryDays.targets), targets: state.targets.signed.targets });
  writeTargetsSnapshotTimestamp(dir, targets, roleKeys, root.signed, { ...options, now }, state.snapshot.signed.version + 1, state.timestamp.signed.version + 1);
}

/** The newest metadata of each role, as the repository holds it now. */
export function readRepositoryState(dir: string): { root: Metadata<Root>; targets: Metadata<Targets>; snapshot: Metadata<Snapshot>; timestamp: Metadata<Timestamp> } {
  const metadataDir = join(dir, "metadata");
  if (!existsSync(join(metadataDir, "1.root.json"))) throw new Error(`\`${dir}\` is not a release repository (no metadata/1.root.json); create one with \`npm run release -- init\``);
  const rootVersion = Math.max(...readdirSync(metadataDir).map((f) => /^(\d+)\.root\.json$/.exec(f)?.[1]).filter((v) => v !== undefined).map(Number));
  const root = readMetadata(join(metadataDir, `${rootVersion}.root.json`), MetadataKind.Root);
  const timestamp = readMetadata(join(metadataDir, "timestamp.json"), MetadataKind.Timestamp);
  const snapshot = readMetadata(join(metadataDir, `${timestamp.signed.snapshotMeta.version}.snapshot.json`), MetadataKind.Snapshot);
  const targetsVersion = snapshot.signed.meta["targets.json"]?.version;
  if (targetsVersion === undefined) throw new Error("the repository's snapshot names no targets.json");
  const targets = readMetadata(join(metadataDir, `${targetsVersion}.targets.json`), MetadataKind.Targets);
  return { root, targets, snapshot, timestamp };
}

export function readMetadata(file: string, kind: MetadataKind.Root): Metadata<Root>;
export function readMetadata(file: string, kind: MetadataKind.Targets): Metadata<Targets>;
export function readMetadata(file: string, kind: MetadataKind.Snapshot): Metadata<Snapshot>;
export function readMetadata(file: string, kind: MetadataKind.Timestamp): Metadata<Timestamp>;
export function readMetadata(file: string, kind: MetadataKind): AnyMetadata {
  return Metadata.fromJSON(kind as MetadataKind.Root, JSON.parse(readFileSync(file, "utf8")) as never);
}

function buildRoot(version: number, rootKeys: readonly SigningKey[], roleKeys: RoleKeys, now: Date): Root {
  const role = (keys: readonly SigningKey[], threshold: number) => ({ keyids: keys.map((k) => k.key.keyID), threshold });
  const keys = Object.fromEntries([...rootKeys, roleKeys.targets, roleKeys.snapshot, roleKeys.timestamp].map((k) => [k.key.keyID, k.key.toJSON()]));
  // @tufjs/models does not export Role; its JSON form is the documented way in.
  return Root.fromJSON({
    _type: "root",
    spec_version: specVersion,
    version,
    expires: expiresIn(now, expiryDays.root),
    consistent_snapshot: true,
    keys,
    roles: {
      root: role(rootKeys, rootThreshold),
      targets: role([roleKeys.targets], 1),
      snapshot: role([roleKeys.snapshot], 1),
      timestamp: role([roleKeys.timestamp], 1),
    },
  });
}

function writeRoot(dir: string, root: Metadata<Root>): void {
  const bytes = serialize(root);
  writeFileAtomic(join(dir, "metadata", `${root.signed.version}.root.json`), bytes);
  writeFileAtomic(join(dir, "metadata", "root.json"), bytes);
}

function writeTargetsSnapshotTimestamp(dir: string, targetsSigned: Targets, roleKeys: RoleKeys, root: Root, options: PublishOptions & { now: Date }, snapshotVersion: number, timestampVersion: number): void {
  const targets = new Metadata(targetsSigned);
  signAs(targets, "targets", [roleKeys.targets], root);
  const targetsBytes = serialize(targets);
  writeFileAtomic(join(dir, "metadata", `${targets.signed.version}.targets.json`), targetsBytes);
  const snapshot = new Metadata(new Snapshot({
    version: snapshotVersion,
    specVersion,
    expires: expiresIn(options.now, expiryDays.snapshot),
    meta: { "targets.json": new MetaFile({ version: targets.signed.version, length: targetsBytes.length, hashes: { sha256: sha256(targetsBytes) } }) },
  }));
  signAs(snapshot, "snapshot", [roleKeys.snapshot], root);
  const snapshotBytes = serialize(snapshot);
  writeFileAtomic(join(dir, "metadata", `${snapshotVersion}.snapshot.json`), snapshotBytes);
  writeTimestamp(dir, snapshotVersion, snapshotBytes, roleKeys.timestamp, root, timestampVersion, options);
}

function writeTimestamp(dir: string, snapshotVersion: number, snapshotBytes: Buffer, key: SigningKey, root: Root, version: number, options: PublishOptions & { now: Date }): void {
  const days = options.timestampDays ?? expiryDays.timestamp;
  if (!(days > 0 && days <= maxTimestampDays)) throw new Error(`the timestamp must expire within ${maxTimestampDays} days; got ${days}`);
  const timestamp = new Metadata(new Timestamp({
    version,
    specVersion,
    expires: expiresIn(options.now, days),
    snapshotMeta: new MetaFile({ version: snapshotVersion, length: snapshotBytes.length, hashes: { sha256: sha256(snapshotBytes) } }),
  }));
  signAs(timestamp, "timestamp", [key], root);
  writeFileAtomic(join(dir, "metadata", "timestamp.json"), serialize(timestamp));
}

/** Signs as `role`, refusing a key the root does not list for it: a wrong key is found here, not by every client. */
function signAs(metadata: AnyMetadata, role: string, keys: readonly SigningKey[], root: Root): void {
  const allowed = root.roles[role]?.keyIDs ?? [];
  for (const key of keys) {
    if (!allowed.includes(key.key.keyID)) throw new Error(`key ${key.key.keyID.slice(0, 12)}… is not a ${role} key in root version ${root.version}`);
    metadata.sign(signerFor(key));
  }
}

function serialize(metadata: AnyMetadata): Buffer {
  return Buffer.from(`${JSON.stringify(metadata.toJSON(), null, 1)}\n`);
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** TUF's date format: UTC, whole seconds. */
function expiresIn(now: Date, days: number): string {
  return new Date(now.getTime() + days * day).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function writeFileAtomic(file: string, bytes: Buffer): void {
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, bytes);
  renameSync(temp, file);
}

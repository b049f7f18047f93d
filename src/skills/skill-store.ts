/**
 * Installed skills: install (verify offline, pin or check the publisher key, write a read-only tree and the lock
 * entry), update, remove, and the check every load goes through (re-hash against the lock; a mismatch quarantines
 * the skill and tells the owner). Decisions are refusals with reasons (`WardenError`), never silent skips.
 * INVARIANT: what is written to disk is the bytes that were verified, held in memory — never re-read from the source.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { WardenError, ErrorCode } from "../core/errors.ts";
import { compareTree, EnvelopeFile, manifestDigest, readRegularFile, readTree, type PackageTree, type SkillManifest } from "./package-manifest.ts";
import { checkSignatures, parseEnvelope, type PackageEnvelope } from "./signing.ts";
import { assertTreeMatches, readPackageSource, type PackageSource } from "./package-source.ts";
import { describeProblems, parseSkill, type Capabilities, type SkillDefinition } from "./skill-format.ts";
import { ensureSkillDirs, pinKey, readLock, readTrust, trustOf, withSkillsWriteLock, writeLock, writeTrust, type LockEntry, type SkillPaths } from "./skill-lock.ts";
import { acceptRevocationList, readApplied, revokedBecause, writeApplied } from "./revocations.ts";

/** Something the owner must hear about or the activity log must keep. */
export type SkillEvent = {
  kind: "installed" | "updated" | "removed" | "publisher-trusted" | "quarantined" | "revoked";
  skill: string;
  summary: string;
  data: Record<string, string | number | boolean | null>;
};

export type SkillStoreDeps = {
  paths: SkillPaths;
  /** `skills.allowUnsigned`: local unsigned skills may be installed. */
  allowUnsigned: boolean;
  clock: () => Date;
  record: (event: SkillEvent) => void;
};

/** What the owner is shown before a publisher key is trusted for the first time. */
export type NewPublisher = { publisher: string; keyId: string; skill: string; source: string };

export type InstallRequest = {
  source: string;
  mode: "install" | "update";
  /** Install exactly what the lock says (same digest and signer), or refuse. */
  frozen?: boolean;
  /** Trust a publisher never seen before (the non-interactive answer). */
  trustNewPublisher?: boolean;
  /** Asks the owner (interactive); absent means refuse unless `trustNewPublisher`. */
  confirmNewPublisher?: (who: NewPublisher) => Promise<boolean>;
  /** What messages and the lock name as the source when `source` is a downloaded copy (a registry install). */
  label?: string;
};

export type InstallResult = { name: string; digest: string; signer: string | null; publisher: string | null; registrySequence: number | null; files: number; bytes: number; trustedNow: boolean; unchanged: boolean; warnings: string[] };

export function installedDir(paths: SkillPaths, name: string): string {
  return join(paths.installed, name);
}

function refuse(message: string): never {
  throw new WardenError(ErrorCode.BadRequest, message);
}

/** Everything that must hold before anything is written; returns the parsed skill. */
function checkSource(source: PackageSource, deps: SkillStoreDeps): { skill: SkillDefinition; digest: string; signature: Extract<ReturnType<typeof checkSignatures>, { ok: true }> } {
  const signature = checkSignatures(source.envelope);
  if (!signature.ok) refuse(`refused \`${source.path}\`: ${signature.reason}`);
  if (signature.signer === null && !deps.allowUnsigned) {
    refuse(`refused \`${source.path}\`: the skill is not signed. Install signed packages (the publisher runs \`warden skills sign\`), or allow local unsigned skills with \`warden config set skills.allowUnsigned true\``);
  }
  assertTreeMatches(source);
  const parsed = parseSkill(new Map([...source.tree.entries()].map(([p, f]) => [p, f.bytes])));
  if (!parsed.ok) refuse(`refused \`${source.path}\`: the skill is malformed:\n${describeProblems(parsed.problems)}`);
  if (parsed.skill.name !== source.envelope.manifest.name) refuse(`refused \`${source.path}\`: SKILL.md names \`${parsed.skill.name}\` but the manifest names \`${source.envelope.manifest.name}\``);
  return { skill: parsed.skill, digest: manifestDigest(source.envelope.manifest), signature };
}

/** Makes an installed (read-only) tree writable again so it can be moved or removed. */
function unlockTree(dir: string): void {
  if (!existsSync(dir)) return;
  const st = lstatSync(dir);
  if (!st.isDirectory()) return;
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) unlockTree(join(dir, entry.name));
}

export function removeTree(dir: string): void {
  unlockTree(dir);
  rmSync(dir, { recursive: true, force: true });
}

/** Writes the verified bytes as a read-only tree (files 0444/0555, folders 0555) and swaps it in. */
function writeInstalledTree(paths: SkillPaths, name: string, envelope: PackageEnvelope, tree: PackageTree): void {
  ensureSkillDirs(paths);
  const staging = join(paths.installed, `.staging-${name}-${process.pid}`);
  removeTree(staging);
  mkdirSync(staging, { mode: 0o700 });
  const dirs = new Set<string>([staging]);
  for (const [rel, file] of tree) {
    const target = join(staging, rel);
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    for (let d = dirname(target); d !== staging && !dirs.has(d); d = dirname(d)) dirs.add(d);
    writeFileSync(target, file.bytes, { mode: file.executable ? 0o555 : 0o444, flag: "wx" });
  }
  writeFileSync(join(staging, EnvelopeFile), `${JSON.stringify(envelope, null, 2)}\n`, { mode: 0o444, flag: "wx" });
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) chmodSync(d, 0o555);
  const final = installedDir(paths, name);
  const old = join(paths.installed, `.old-${name}-${process.pid}`);
  if (existsSync(final)) {
    unlockTree(final);
    renameSync(final, old);
  }
  renameSync(staging, final);
  removeTree(old);
}

export async function installSkill(deps: SkillStoreDeps, request: InstallRequest): Promise<InstallResult> {
  const read = readPackageSource(request.source);
  const source = request.label === undefined ? read : { ...read, path: request.label };
  const checked = checkSource(source, deps);
  // The owner is asked before the write lock is taken (a prompt must not hold off the gateway); the answer is
  // used under the lock only if the publisher is still new there.
  let approvedNewPublisher = request.trustNewPublisher === true;
  const signer = checked.signature.signer;
  if (signer !== null && !approvedNewPublisher && request.confirmNewPublisher !== undefined && trustOf(readTrust(deps.paths), signer.publisher, signer.keyId).status === "new-publisher") {
    approvedNewPublisher = await request.confirmNewPublisher({ publisher: signer.publisher, keyId: signer.keyId, skill: checked.skill.name, source: source.path });
  }
  return withSkillsWriteLock(deps.paths, () => installLocked(deps, request, source, checked, approvedNewPublisher));
}

function installLocked(deps: SkillStoreDeps, request: InstallRequest, source: PackageSource, checked: ReturnType<typeof checkSource>, approvedNewPublisher: boolean): InstallResult {
  const { skill, digest, signature } = checked;
  const name = skill.name;
  const lock = readLock(deps.paths);
  const existing = lock.skills[name];
  const signer = signature.signer?.keyId ?? null;
  const publisher = signature.signer?.publisher ?? null;
  const registrySequence = signature.registry?.sequence ?? null;

  if (request.frozen) {
    if (existing === undefined) refuse(`refused: \`${name}\` is not in the lock file; \`--frozen\` installs only what the lock records`);
    if (existing.digest !== digest) refuse(`refused: \`${name}\` from \`${source.path}\` has manifest digest ${digest}, the lock records ${existing.digest}`);
    if (existing.signer !== signer) refuse(`refused: \`${name}\` is signed by ${signer ?? "nobody"}, the lock records ${existing.signer ?? "unsigned"}`);
  } else if (request.mode === "install" && existing !== undefined && existing.digest !== digest && existing.state === "ok") {
    refuse(`\`${name}\` is already installed with another content (digest ${existing.digest.slice(0, 12)}…); use \`warden skills update ${source.path}\``);
  } else if (request.mode === "update") {
    if (existing === undefined) refuse(`\`${name}\` is not installed; use \`warden skills install\``);
    if (existing.signer !== null && signer === null) refuse(`refused: \`${name}\` was signed by ${existing.signer}; an unsigned package cannot replace it`);
    if (existing.publisher !== null && publisher !== null && existing.publisher !== publisher) refuse(`refused: \`${name}\` was published by \`${existing.publisher}\`; this package is from \`${publisher}\``);
    if (existing.registrySequence !== null && registrySequence !== null && registrySequence < existing.registrySequence) {
      refuse(`refused: \`${name}\` has registry sequence ${registrySequence}, older than the installed ${existing.registrySequence} (a downgrade)`);
    }
  }

  const applied = readApplied(deps.paths);
  const revoked = revokedBecause(applied, name, { digest, signer, publisher });
  if (revoked !== undefined) refuse(`refused \`${name}\`: ${revoked}`);

  let trustedNow = false;
  if (signature.signer !== null) {
    const trust = readTrust(deps.paths);
    const status = trustOf(trust, signature.signer.publisher, signature.signer.keyId);
    if (status.status === "key-changed") {
      refuse(`refused \`${name}\`: the publisher \`${signature.signer.publisher}\` is pinned to ${status.pinned.join(", ")}, but this package is signed by ${signature.signer.keyId}. If the publisher really rotated its key, pin the new one with \`warden skills trust add PUBFILE\``);
    }
    if (status.status === "new-publisher") {
      const who: NewPublisher = { publisher: signature.signer.publisher, keyId: signature.signer.keyId, skill: name, source: source.path };
      if (!approvedNewPublisher) refuse(`refused \`${name}\`: the publisher \`${who.publisher}\` (key ${who.keyId}) is not trusted yet. Check the key with the publisher, then run again with \`--trust-new-publisher\` to pin it`);
      writeTrust(deps.paths, pinKey(trust, who.publisher, signature.signer, "first-use", deps.clock()));
      trustedNow = true;
      deps.record({ kind: "publisher-trusted", skill: name, summary: `skills: trusted publisher ${who.publisher} on first use (key ${who.keyId})`, data: { publisher: who.publisher, keyId: who.keyId, source: source.path } });
    }
  }

  const unchanged = existing !== undefined && existing.digest === digest && existing.state === "ok" && verifyInstalledTree(deps.paths, name, existing).ok;
  if (!unchanged) writeInstalledTree(deps.paths, name, source.envelope, source.tree);
  const bytes = [...source.tree.values()].reduce((n, f) => n + f.bytes.length, 0);
  const entry: LockEntry = {
    digest, signer, publisher, registrySequence, version: source.envelope.manifest.version ?? null, description: skill.description, capabilities: skill.capabilities, source: source.path,
    installedAt: unchanged && existing ? existing.installedAt : deps.clock().toISOString(), files: source.tree.size, bytes, state: "ok",
  };
  writeLock(deps.paths, { ...lock, skills: { ...lock.skills, [name]: entry } });
  if (!unchanged) {
    deps.record({
      kind: existing === undefined ? "installed" : "updated", skill: name,
      summary: `skills: ${existing === undefined ? "installed" : "updated"} ${name} (${signer === null ? "UNSIGNED, local" : `signed by ${publisher ?? "?"} ${signer}`})`,
      data: { digest, signer, publisher, registrySequence, files: source.tree.size, bytes, source: source.path },
    });
  }
  return { name, digest, signer, publisher, registrySequence, files: source.tree.size, bytes, trustedNow, unchanged, warnings: skill.warnings.map((w) => describeProblems([w])) };
}

export function removeSkill(deps: SkillStoreDeps, name: string): boolean {
  return withSkillsWriteLock(deps.paths, () => removeLocked(deps, name));
}

function removeLocked(deps: SkillStoreDeps, name: string): boolean {
  const lock = readLock(deps.paths);
  const existed = lock.skills[name] !== undefined || existsSync(installedDir(deps.paths, name));
  if (!existed) return false;
  removeTree(installedDir(deps.paths, name));
  const { [name]: _gone, ...rest } = lock.skills;
  writeLock(deps.paths, { ...lock, skills: rest });
  deps.record({ kind: "removed", skill: name, summary: `skills: removed ${name}`, data: {} });
  return true;
}

export type VerifiedSkill = { ok: true; name: string; entry: LockEntry; manifest: SkillManifest; tree: PackageTree; skill: SkillDefinition };
export type VerifyOutcome = VerifiedSkill | { ok: false; name: string; reason: string; state: "missing" | "quarantined" | "revoked" | "modified" };

/** Re-hashes an installed tree against its lock entry; no side effect. */
export function verifyInstalledTree(paths: SkillPaths, name: string, entry: LockEntry): VerifyOutcome {
  const dir = installedDir(paths, name);
  let tree: PackageTree;
  let envelope: PackageEnvelope;
  try {
    tree = readTree(dir, { skip: (p) => p === EnvelopeFile });
    envelope = parseEnvelope(readRegularFile(join(dir, EnvelopeFile), 8 * 1024 * 1024).bytes.toString("utf8"), "the installed manifest");
  } catch (e) {
    return { ok: false, name, state: "modified", reason: `the installed files cannot be read as installed: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (manifestDigest(envelope.manifest) !== entry.digest) return { ok: false, name, state: "modified", reason: "the installed manifest does not match the digest in the lock file" };
  const problems = compareTree(tree, envelope.manifest);
  if (problems.length > 0) return { ok: false, name, state: "modified", reason: `the installed files changed: ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ""}` };
  const parsed = parseSkill(new Map([...tree.entries()].map(([p, f]) => [p, f.bytes])));
  if (!parsed.ok) return { ok: false, name, state: "modified", reason: `the installed skill does not parse: ${describeProblems(parsed.problems)}` };
  return { ok: true, name, entry, manifest: envelope.manifest, tree, skill: parsed.skill };
}

/** Moves a skill that failed verification out of reach and records why; the owner is told through `record`. Under the write lock. */
function quarantine(deps: SkillStoreDeps, name: string, reason: string): void {
  const dir = installedDir(deps.paths, name);
  if (existsSync(dir)) {
    ensureSkillDirs(deps.paths);
    unlockTree(dir);
    renameSync(dir, join(deps.paths.quarantine, `${name}-${deps.clock().toISOString().replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}`));
  }
  const lock = readLock(deps.paths);
  const entry = lock.skills[name];
  if (entry !== undefined) writeLock(deps.paths, { ...lock, skills: { ...lock.skills, [name]: { ...entry, state: "quarantined", reason } } });
  deps.record({ kind: "quarantined", skill: name, summary: `skills: ${name} QUARANTINED: ${reason}`, data: { reason, digest: entry?.digest ?? null } });
}

/**
 * The check before a skill reaches the prompt or runs: it must be in the lock, `ok`, and hash to its lock entry.
 * A mismatch quarantines it (moved aside, lock state `quarantined`, the owner told) and refuses.
 */
export function loadVerifiedSkill(deps: SkillStoreDeps, name: string): VerifyOutcome {
  const outcome = verifyAgainstLock(deps.paths, name);
  if (outcome.ok || outcome.state !== "modified") return outcome;
  // A failed check is repeated under the write lock before anything is moved: an update in progress (the tree
  // swapped, the lock not yet written) must not be mistaken for tampering.
  return withSkillsWriteLock(deps.paths, () => {
    const again = verifyAgainstLock(deps.paths, name);
    if (!again.ok && again.state === "modified") quarantine(deps, name, again.reason);
    return again;
  });
}

function verifyAgainstLock(paths: SkillPaths, name: string): VerifyOutcome {
  const entry = readLock(paths).skills[name];
  if (entry === undefined) return { ok: false, name, state: "missing", reason: `no installed skill \`${name}\`` };
  if (entry.state !== "ok") return { ok: false, name, state: entry.state, reason: `\`${name}\` is ${entry.state}${entry.reason ? `: ${entry.reason}` : ""}` };
  return verifyInstalledTree(paths, name, entry);
}

/** Marks installed skills that the applied revocations cover as revoked; returns their names. */
export function applyRevocationsToInstalled(deps: SkillStoreDeps): string[] {
  return withSkillsWriteLock(deps.paths, () => revokeInstalledLocked(deps));
}

function revokeInstalledLocked(deps: SkillStoreDeps): string[] {
  const applied = readApplied(deps.paths);
  const lock = readLock(deps.paths);
  const revoked: string[] = [];
  const skills = { ...lock.skills };
  for (const [name, entry] of Object.entries(lock.skills)) {
    if (entry.state === "revoked") continue;
    const why = revokedBecause(applied, name, entry);
    if (why === undefined) continue;
    skills[name] = { ...entry, state: "revoked", reason: why };
    revoked.push(name);
    deps.record({ kind: "revoked", skill: name, summary: `skills: ${name} disabled: ${why}`, data: { digest: entry.digest, reason: why } });
  }
  if (revoked.length > 0) writeLock(deps.paths, { ...lock, skills });
  return revoked;
}

/** Verifies a signed revocation list, records it, and disables the installed skills it covers; throws why it was refused. */
export function applyRevocationList(deps: SkillStoreDeps, text: string, revocationKeys: readonly string[]): { entries: number; disabled: string[] } {
  return withSkillsWriteLock(deps.paths, () => {
    const applied = acceptRevocationList(text, { applied: readApplied(deps.paths), trust: readTrust(deps.paths), revocationKeys });
    writeApplied(deps.paths, applied);
    return { entries: applied.entries.length, disabled: revokeInstalledLocked(deps) };
  });
}

/** An installed skill as the owner reviews it: signer, lock state, verification now, and what it may touch. */
export type InstalledSkillView = LockEntry & {
  name: string;
  path: string;
  /** Re-hashed against the lock just now (a mismatch quarantines it, as any load would). */
  verified: boolean;
  problem?: string;
  description?: string;
  license?: string | null;
  capabilities?: Capabilities;
  allowedTools?: readonly string[];
  fileList?: string[];
};

/** Every installed skill, each verified now (what `warden skills info` and the Control UI show). */
export function describeInstalledSkills(deps: SkillStoreDeps): InstalledSkillView[] {
  return Object.entries(readLock(deps.paths).skills).map(([name, entry]) => {
    const outcome = entry.state === "ok" ? loadVerifiedSkill(deps, name) : undefined;
    const skill = outcome?.ok ? outcome.skill : undefined;
    return {
      name,
      ...entry,
      path: installedDir(deps.paths, name),
      verified: outcome?.ok ?? false,
      ...(outcome && !outcome.ok ? { problem: outcome.reason } : {}),
      ...(skill && outcome?.ok ? { description: skill.description, license: skill.license ?? null, capabilities: skill.capabilities, allowedTools: skill.allowedTools, fileList: outcome.manifest.files.map((f) => f.path) } : {}),
    };
  });
}

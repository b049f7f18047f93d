/**
 * `warden update check|apply|rollback`: TUF verification (tuf-js) against the root this install trusts, then the
 * release itself: the tarball's length and hashes, its contents (plain files only), its package.json version and
 * its SBOM, before one rename(2) makes it current.
 *
 * Never throws for anything the repository or the network did: every refusal is a result with a stable reason id
 * and a sentence saying what was wrong. Nothing is trusted or changed on a refusal: TUF runs on a copy of the
 * trusted metadata, which replaces the trusted one only once the whole check (or apply) has passed.
 *
 * Refused: a signature by a key the root does not list, or below the threshold (`update.signature`); metadata older
 * than what this install has seen, or a release older than the installed one (`update.rollback`); an expired
 * timestamp or other role, which is what a frozen or stale feed looks like (`update.feed-frozen`); metadata files
 * that do not belong together (`update.mix-and-match`); a release file whose length or hash differs from the
 * signed targets (`update.tampered`); an archive with links, absolute paths or `..` (`update.archive`); a
 * package.json that names another version, or an SBOM that does not describe the release (`update.sbom`).
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Updater } from "tuf-js";
import type { TargetFile } from "@tufjs/models";
import { z } from "zod";
import { activateVersion, ensureInstallDirs, installPaths, lockInstall, readInstall, rollbackVersion, type InstallState } from "./install-layout.ts";
import { checkArchive, unpackArchive } from "./release-archive.ts";
import { RepositoryFetcher, repositoryBaseUrl, type FetchFunction } from "./repository-fetcher.ts";
import { checkSbom } from "./sbom-check.ts";
import { describeError } from "../core/errors.ts";

export const UpdateReason = {
  NoTrustRoot: "update.no-trust-root",
  Unreachable: "update.unreachable",
  Signature: "update.signature",
  Rollback: "update.rollback",
  FeedFrozen: "update.feed-frozen",
  MixAndMatch: "update.mix-and-match",
  Metadata: "update.metadata",
  NoRelease: "update.no-release",
  Tampered: "update.tampered",
  Archive: "update.archive",
  Sbom: "update.sbom",
  Prepare: "update.prepare",
  NotInstalled: "update.not-installed",
  Busy: "update.busy",
} as const;
export type UpdateReasonId = (typeof UpdateReason)[keyof typeof UpdateReason];
export type Refusal = { ok: false; reason: { id: UpdateReasonId; message: string } };

export type UpdateOptions = {
  installDir: string;
  /** A directory or an https:// URL holding metadata/ and targets/. */
  source: string;
  /** The root.json to trust when the install has none yet (a fresh install): the running Warden's own. */
  fallbackRoot?: string;
  fetch?: FetchFunction;
};

export type ReleaseInfo = { version: string; tarball: string; sbom: string; length: number; sha256: string };
export type CheckResult = { ok: true; installed: string | null; latest: ReleaseInfo | null; updateAvailable: boolean } | Refusal;
export type ApplyResult = { ok: true; from: string | null; to: string; applied: boolean; state: InstallState } | Refusal;

/** The custom block each release tarball's target carries (and its SBOM's target names). */
const releaseCustom = z.object({ warden: z.object({ kind: z.literal("tarball"), version: z.string(), sbom: z.string() }) });

/** Verifies the feed and says whether a newer release than the installed one is there. Changes nothing but trusted metadata. */
export async function checkUpdate(options: UpdateOptions): Promise<CheckResult> {
  const session = await openSession(options);
  if (!session.ok) return session;
  try {
    const found = await findLatest(session);
    if (!found.ok) return found;
    const installed = readInstall(options.installDir).current ?? null;
    const verdict = judgeVersion(installed, found.latest?.info.version);
    if (!verdict.ok) return verdict;
    session.commit();
    return { ok: true, installed, latest: found.latest?.info ?? null, updateAvailable: verdict.newer };
  } finally {
    session.close();
  }
}

/**
 * Downloads, verifies and switches to the newest release. `prepare` runs in the unpacked release before the switch
 * (the CLI installs dependencies there); if it fails, nothing changes.
 */
export async function applyUpdate(options: UpdateOptions & { prepare?: (dir: string) => Promise<void> }): Promise<ApplyResult> {
  const session = await openSession(options);
  if (!session.ok) return session;
  try {
    const found = await findLatest(session);
    if (!found.ok) return found;
    if (!found.latest) return refuse(UpdateReason.NoRelease, "the update feed lists no Warden release");
    const installed = readInstall(options.installDir).current ?? null;
    const verdict = judgeVersion(installed, found.latest.info.version);
    if (!verdict.ok) return verdict;
    if (!verdict.newer) {
      session.commit();
      return { ok: true, from: installed, to: installed ?? found.latest.info.version, applied: false, state: readInstall(options.installDir) };
    }
    const { info, tarball, sbom } = found.latest;
    const tarFile = join(session.work, "release.tar.gz");
    const sbomFile = join(session.work, "release.cdx.json");
    for (const [target, file] of [[tarball, tarFile], [sbom, sbomFile]] as const) {
      try {
        await session.updater.downloadTarget(target, file);
      } catch (error) {
        return isLengthOrHash(error)
          ? refuse(UpdateReason.Tampered, `\`${target.path}\` does not match the signed targets metadata (${describeError(error)}): the mirror's copy was altered or corrupted`)
          : refuse(UpdateReason.Unreachable, `\`${target.path}\` could not be downloaded: ${describeError(error)}`);
      }
    }
    const archive = checkArchive(tarFile);
    if (!archive.ok) return refuse(UpdateReason.Archive, `the release archive is refused: ${archive.reason}`);
    const unpacked = join(session.work, "release");
    try {
      unpackArchive(tarFile, unpacked);
    } catch (error) {
      return refuse(UpdateReason.Archive, `the release archive could not be unpacked: ${describeError(error)}`);
    }
    const contents = checkContents(unpacked, info, readFileSync(sbomFile, "utf8"));
    if (!contents.ok) return contents;
    if (options.prepare) {
      try {
        await options.prepare(unpacked);
      } catch (error) {
        return refuse(UpdateReason.Prepare, `preparing ${info.version} failed, nothing was switched: ${describeError(error)}`);
      }
    }
    const paths = installPaths(options.installDir);
    const destination = paths.version(info.version);
    // A leftover of the same version (an earlier apply, since rolled back from) is replaced by the fresh, verified copy.
    if (existsSync(destination)) rmSync(destination, { recursive: true, force: true });
    renameSync(unpacked, destination);
    copyFileSync(sbomFile, join(paths.versions, `.${info.version}.cdx.json`));
    session.commit();
    const state = activateVersion(options.installDir, info.version);
    return { ok: true, from: installed, to: info.version, applied: true, state };
  } finally {
    session.close();
  }
}

export function rollbackUpdate(installDir: string): { ok: true; from: string; to: string; state: InstallState } | Refusal {
  if (readInstall(installDir).current === undefined) return refuse(UpdateReason.NotInstalled, `\`${installDir}\` has no current version (not a Warden install)`);
  const lock = lockInstall(installDir);
  if (!lock.ok) return refuse(UpdateReason.Busy, lock.reason);
  try {
    const result = rollbackVersion(installDir);
    return result.ok ? result : refuse(UpdateReason.NotInstalled, result.reason);
  } finally {
    lock.release();
  }
}

type Session = { ok: true; updater: Updater; fetcher: RepositoryFetcher; baseUrl: string; work: string; commit: () => void; close: () => void; metadataDir: string };

/** A tuf-js updater over a private copy of the trusted metadata; `commit` makes what it verified the new trusted state. */
async function openSession(options: UpdateOptions): Promise<Session | Refusal> {
  const paths = installPaths(options.installDir);
  let baseUrl: string;
  try {
    baseUrl = repositoryBaseUrl(options.source);
  } catch (error) {
    return refuse(UpdateReason.Unreachable, describeError(error));
  }
  ensureInstallDirs(options.installDir);
  const lock = lockInstall(options.installDir);
  if (!lock.ok) return refuse(UpdateReason.Busy, lock.reason);
  // Holding the lock, whatever is in staging is a leftover of an interrupted run.
  rmSync(paths.staging, { recursive: true, force: true });
  const work = join(paths.staging, `session-${randomBytes(6).toString("hex")}`);
  const metadataDir = join(work, "metadata");
  mkdirSync(metadataDir, { recursive: true });
  const close = () => {
    rmSync(work, { recursive: true, force: true });
    lock.release();
  };
  const anchor = [join(paths.metadata, "root.json"), join(paths.current, "release", "root.json"), options.fallbackRoot].find((f) => f !== undefined && existsSync(f));
  if (anchor === undefined) {
    close();
    return refuse(UpdateReason.NoTrustRoot, `no trusted root: \`${paths.metadata}/root.json\` and the installed release's release/root.json are both missing`);
  }
  cpSync(anchor, join(metadataDir, "root.json"));
  if (anchor === join(paths.metadata, "root.json")) {
    for (const name of ["timestamp.json", "snapshot.json", "targets.json"]) if (existsSync(join(paths.metadata, name))) cpSync(join(paths.metadata, name), join(metadataDir, name));
  }
  const fetcher = new RepositoryFetcher(options.fetch ? { fetch: options.fetch } : {});
  let updater: Updater;
  try {
    updater = new Updater({ metadataDir, metadataBaseUrl: `${baseUrl}metadata/`, targetBaseUrl: `${baseUrl}targets/`, fetcher });
  } catch (error) {
    close();
    return refuse(UpdateReason.NoTrustRoot, `the trusted root \`${anchor}\` does not verify: ${describeError(error)}`);
  }
  const commit = () => {
    for (const name of readdirSync(metadataDir)) {
      const temp = join(paths.metadata, `.${name}.tmp`);
      copyFileSync(join(metadataDir, name), temp);
      renameSync(temp, join(paths.metadata, name));
    }
  };
  return { ok: true, updater, fetcher, baseUrl, work, commit, close, metadataDir };
}

async function findLatest(session: Session): Promise<{ ok: true; latest: { info: ReleaseInfo; tarball: TargetFile; sbom: TargetFile } | null } | Refusal> {
  try {
    await session.updater.refresh();
  } catch (error) {
    const refusal = classifyMetadataError(error);
    if (refusal.reason.id === UpdateReason.FeedFrozen) refusal.reason.message += await statedExpiry(session);
    return refusal;
  }
  // tuf-js persisted the targets metadata it just verified; it has no call that lists targets.
  const targets = JSON.parse(readFileSync(join(session.metadataDir, "targets.json"), "utf8")) as { signed: { targets: Record<string, { custom?: unknown }> } };
  let best: { version: string; tarball: string; sbom: string } | undefined;
  for (const [name, target] of Object.entries(targets.signed.targets)) {
    const custom = releaseCustom.safeParse(target.custom);
    if (!custom.success || parseVersion(custom.data.warden.version) === undefined) continue;
    const { version, sbom } = custom.data.warden;
    if (best === undefined || compareVersions(version, best.version) > 0) best = { version, tarball: name, sbom };
  }
  if (best === undefined) return { ok: true, latest: null };
  const tarball = await session.updater.getTargetInfo(best.tarball);
  const sbom = await session.updater.getTargetInfo(best.sbom);
  if (!tarball || !sbom) return refuse(UpdateReason.Metadata, `the signed targets name \`${best.sbom}\` as the SBOM of ${best.version}, but do not list it`);
  return { ok: true, latest: { info: { version: best.version, tarball: best.tarball, sbom: best.sbom, length: tarball.length, sha256: tarball.hashes.sha256 ?? "" }, tarball, sbom } };
}

/**
 * For a frozen feed, the date its timestamp.json gives as its expiry. Only to explain: tuf-js checked its signature
 * before finding it expired, and the refusal stands whatever this returns.
 */
async function statedExpiry(session: Session): Promise<string> {
  try {
    const bytes = await session.fetcher.downloadBytes(`${session.baseUrl}metadata/timestamp.json`, 16_384);
    const expires = (JSON.parse(bytes.toString("utf8")) as { signed?: { expires?: unknown } }).signed?.expires;
    return typeof expires === "string" && /^\d{4}-\d\d-\d\dT[\d:]+Z$/.test(expires) ? ` (the feed's timestamp expired at ${expires})` : "";
  } catch {
    return "";
  }
}

function judgeVersion(installed: string | null, latest: string | undefined): { ok: true; newer: boolean } | Refusal {
  if (latest === undefined) return { ok: true, newer: false };
  if (installed === null) return { ok: true, newer: true };
  if (parseVersion(installed) === undefined) return { ok: true, newer: true };
  const order = compareVersions(latest, installed);
  if (order < 0) return refuse(UpdateReason.Rollback, `the feed's newest release is ${latest}, older than the installed ${installed}: refusing to go back (a rollback attack, or a feed that lost releases)`);
  return { ok: true, newer: order > 0 };
}

function checkContents(dir: string, info: ReleaseInfo, sbomText: string): { ok: true } | Refusal {
  let manifest: { name?: unknown; version?: unknown };
  let lockText: string;
  try {
    manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
    lockText = readFileSync(join(dir, "package-lock.json"), "utf8");
  } catch (error) {
    return refuse(UpdateReason.Archive, `the release has no readable package.json and package-lock.json: ${describeError(error)}`);
  }
  if (manifest.name !== "warden" || manifest.version !== info.version) {
    return refuse(UpdateReason.Archive, `the archive holds ${String(manifest.name)}@${String(manifest.version)}, but the signed targets call it warden@${info.version}`);
  }
  const sbom = checkSbom(sbomText, lockText, { name: "warden", version: info.version });
  return sbom.ok ? { ok: true } : refuse(UpdateReason.Sbom, sbom.reason);
}

/** Names the attack a tuf-js refusal stands for. The refusal itself never depends on this: it only explains. */
function classifyMetadataError(error: unknown): Refusal {
  const text = describeError(error);
  const name = error instanceof Error ? error.constructor.name : "";
  if (name === "ExpiredMetadataError" || /is expired/.test(text)) {
    return refuse(UpdateReason.FeedFrozen, `the update feed is frozen or stale (${text}): its signed metadata has expired, so it may be hiding newer releases; use another mirror, or tell the publisher`);
  }
  if (/less than current version|Expected version \d+, got/.test(text)) return refuse(UpdateReason.Rollback, `the feed serves older metadata than this install has already seen (${text}): a rollback attack or a stale mirror`);
  if (/does not match snapshot version|doesn't match timestamp|Expected (length|hash)|Missing .*in (new )?snapshot/.test(text)) {
    return refuse(UpdateReason.MixAndMatch, `the feed's metadata files do not belong together (${text}): a mix-and-match of different repository states`);
  }
  if (/signed by \d+\/\d+ keys|failed to verify|no signature/.test(text)) return refuse(UpdateReason.Signature, `metadata is not signed by the keys this install trusts (${text})`);
  if (name === "DownloadHTTPError" || /fetch failed|ECONNREFUSED|ENOTFOUND|certificate|not found:/.test(text)) return refuse(UpdateReason.Unreachable, `the update feed cannot be read: ${text}`);
  return refuse(UpdateReason.Metadata, `the update feed's metadata is refused: ${text}`);
}

function isLengthOrHash(error: unknown): boolean {
  return /Expected (length|hash)|Max length reached/.test(describeError(error));
}

/** Release versions are plain `MAJOR.MINOR.PATCH` (the release script refuses anything else). */
function parseVersion(version: string): [number, number, number] | undefined {
  const m = /^(\d{1,9})\.(\d{1,9})\.(\d{1,9})$/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [parseVersion(a) ?? [0, 0, 0], parseVersion(b) ?? [0, 0, 0]];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

function refuse(id: UpdateReasonId, message: string): Refusal {
  return { ok: false, reason: { id, message } };
}


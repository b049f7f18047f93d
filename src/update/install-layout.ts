/**
 * The install layout that makes an update atomic:
 *
 *   <install>/versions/<version>/   one unpacked, verified release per directory; never changed once in place
 *   <install>/current  -> versions/<version>    what `<install>/current/bin/warden` runs
 *   <install>/previous -> versions/<version>    what `warden update rollback` goes back to
 *   <install>/metadata/              the TUF metadata this install trusts (root.json first, from the release)
 *   <install>/staging/               downloads and unpacks in progress; emptied at the start of every run
 *   <install>/update.lock            held (with the holder's pid) while a check, apply or rollback runs
 *
 * A switch writes a new symlink beside the old one and rename(2)s it over: a reader (or a crash) sees the old
 * link or the new one, never a missing or half-written one. Versions other than current and previous are removed
 * after a switch, so the disk holds at most two releases (plus one being staged).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export type InstallState = { current: string | undefined; previous: string | undefined; versions: string[] };

export const installPaths = (installDir: string) => ({
  versions: join(installDir, "versions"),
  current: join(installDir, "current"),
  previous: join(installDir, "previous"),
  metadata: join(installDir, "metadata"),
  staging: join(installDir, "staging"),
  lock: join(installDir, "update.lock"),
  version: (version: string) => join(installDir, "versions", version),
});

export function readInstall(installDir: string): InstallState {
  const paths = installPaths(installDir);
  return {
    current: linkedVersion(paths.current),
    previous: linkedVersion(paths.previous),
    versions: existsSync(paths.versions) ? readdirSync(paths.versions).filter((v) => !v.startsWith(".")).sort() : [],
  };
}

/** Makes `version` current and the old current previous; then removes every other version. */
export function activateVersion(installDir: string, version: string): InstallState {
  const paths = installPaths(installDir);
  if (!existsSync(paths.version(version))) throw new Error(`version ${version} is not in \`${paths.versions}\``);
  const before = readInstall(installDir);
  // INVARIANT: previous is written before current, so an interrupted switch leaves current as it was.
  if (before.current !== undefined && before.current !== version) swapLink(paths.previous, before.current);
  swapLink(paths.current, version);
  pruneVersions(installDir);
  return readInstall(installDir);
}

/** Swaps current and previous. Fails (changing nothing) when there is no previous version to go back to. */
export function rollbackVersion(installDir: string): { ok: true; state: InstallState; from: string; to: string } | { ok: false; reason: string } {
  const paths = installPaths(installDir);
  const state = readInstall(installDir);
  if (state.current === undefined) return { ok: false, reason: `\`${installDir}\` has no current version (not a Warden install)` };
  if (state.previous === undefined || !existsSync(paths.version(state.previous))) return { ok: false, reason: "there is no previous version to roll back to" };
  const from = state.current;
  const to = state.previous;
  swapLink(paths.current, to);
  swapLink(paths.previous, from);
  return { ok: true, state: readInstall(installDir), from, to };
}

/** The version a symlink points at (`versions/<v>`), or undefined when it is missing or points elsewhere. */
function linkedVersion(link: string): string | undefined {
  let target: string;
  try {
    target = readlinkSync(link);
  } catch {
    return undefined;
  }
  return dirname(target) === "versions" ? basename(target) : undefined;
}

function swapLink(link: string, version: string): void {
  const temp = `${link}.tmp-${process.pid}`;
  rmSync(temp, { force: true });
  symlinkSync(join("versions", version), temp);
  renameSync(temp, link);
}

function pruneVersions(installDir: string): void {
  const paths = installPaths(installDir);
  const { current, previous, versions } = readInstall(installDir);
  for (const version of versions) {
    if (version !== current && version !== previous) rmSync(paths.version(version), { recursive: true, force: true });
  }
}

export function ensureInstallDirs(installDir: string): void {
  const paths = installPaths(installDir);
  mkdirSync(paths.versions, { recursive: true, mode: 0o755 });
  mkdirSync(paths.metadata, { recursive: true, mode: 0o755 });
}

/**
 * Takes the install's update lock: one check, apply or rollback at a time. A lock whose holder has exited is taken
 * over (a crash must not block updates forever); a live holder's is not. Returns the release function, or the reason.
 */
export function lockInstall(installDir: string): { ok: true; release: () => void } | { ok: false; reason: string } {
  const { lock } = installPaths(installDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: "wx", mode: 0o644 });
      return { ok: true, release: () => rmSync(lock, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") return { ok: false, reason: `cannot create \`${lock}\`: ${(error as Error).message}` };
    }
    const holder = Number(readFileSync(lock, "utf8").trim());
    if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) return { ok: false, reason: `another update is running on this install (pid ${holder}, \`${lock}\`)` };
    rmSync(lock, { force: true });
  }
  return { ok: false, reason: `\`${lock}\` keeps coming back; another update may be starting` };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

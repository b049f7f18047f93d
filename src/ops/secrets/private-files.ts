/**
 * Files that hold keys or ciphertext: opened without following symlinks, checked after opening (what was
 * opened is what is checked), written atomically and durably with mode 0600.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, constants, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync, type BigIntStats } from "node:fs";
import { dirname } from "node:path";
import { ErrorCode, WardenError } from "../../core/errors.ts";

/**
 * What to do with an existing directory that group or others can enter: `tighten` it to 0700 (Warden's state
 * and workspace dirs), `refuse` it (key and secret-store dirs: keys others could read need rotating, not a
 * chmod), or `keep` it (the parent of a private file, which is itself 0600).
 */
export type LooseDir = "tighten" | "refuse" | "keep";

/**
 * The one check of a private directory: it exists (created 0700 when missing, parents included), is a real
 * directory (not a symlink or a file), belongs to `uid` when given, and is private as `loose` says.
 */
export function ensurePrivateDir(dir: string, options: { uid?: number | undefined; loose?: LooseDir } = {}): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new WardenError(ErrorCode.StateUnsafe, `cannot create the directory \`${dir}\``, { cause: error });
  }
  const stat = lstatSync(dir);
  if (stat.isSymbolicLink() || !stat.isDirectory()) {
    throw new WardenError(ErrorCode.StateUnsafe, `\`${dir}\` must be a real directory, not a symlink or a file; move it away and retry`);
  }
  if (options.uid !== undefined && stat.uid !== options.uid) {
    throw new WardenError(ErrorCode.StateUnsafe, `\`${dir}\` is owned by another user; it must belong to the user running Warden`);
  }
  if ((stat.mode & 0o077) === 0) return;
  const loose = options.loose ?? "tighten";
  if (loose === "refuse") {
    throw new WardenError(ErrorCode.StateUnsafe, `\`${dir}\` is accessible by other users (mode ${(stat.mode & 0o777).toString(8)}); run \`chmod 700 ${dir}\``);
  }
  if (loose === "tighten") chmodSync(dir, 0o700);
}

/** Reads a private file: refuses symlinks, non-regular files, group/other permissions and foreign owners. */
export function readPrivateFile(file: string, uid: number | undefined): Buffer | undefined {
  return readPrivateFileVersion(file, uid)?.data;
}

/**
 * What tells one version of a file from another without reading it: which file (device, inode), its size, its
 * modification and change times to the nanosecond (a chmod, chown, link or rename changes the change time), its
 * type and mode, and its owner.
 */
export type FileVersion = { readonly dev: bigint; readonly ino: bigint; readonly size: bigint; readonly mtimeNs: bigint; readonly ctimeNs: bigint; readonly mode: bigint; readonly uid: bigint };

/** `readPrivateFile`, and the version of the file it read (taken from the opened descriptor: what was read is what is described). */
export function readPrivateFileVersion(file: string, uid: number | undefined): { data: Buffer; version: FileVersion } | undefined {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO planted at the path cannot hang the open; it is refused as not a regular file.
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if (isCode(error, "ENOENT")) return undefined;
    // ELOOP on Linux, EMLINK on FreeBSD: the last component is a symlink.
    if (isCode(error, "ELOOP") || isCode(error, "EMLINK")) throw new WardenError(ErrorCode.StateUnsafe, `\`${file}\` is a symlink; key and secret files must be regular files`);
    throw new WardenError(ErrorCode.StateUnsafe, `cannot open \`${file}\``, { cause: error });
  }
  try {
    const stat = fstatSync(fd, { bigint: true });
    if (!stat.isFile()) throw new WardenError(ErrorCode.StateUnsafe, `\`${file}\` is not a regular file`);
    if ((stat.mode & 0o077n) !== 0n) {
      throw new WardenError(ErrorCode.StateUnsafe, `\`${file}\` is readable by other users (mode ${(stat.mode & 0o777n).toString(8)}); run \`chmod 600 ${file}\` and rotate the secrets it protects`);
    }
    if (uid !== undefined && stat.uid !== BigInt(uid)) throw new WardenError(ErrorCode.StateUnsafe, `\`${file}\` is owned by another user`);
    return { data: readFileSync(fd), version: versionOf(stat) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether the path still names the very file version `version` describes (not following a symlink). Any doubt
 * (the file is gone, replaced, rewritten, re-permissioned, or cannot be examined) is a no: read it again.
 */
export function isSameVersion(file: string, version: FileVersion): boolean {
  let stat: BigIntStats | undefined;
  try {
    stat = lstatSync(file, { bigint: true, throwIfNoEntry: false });
  } catch {
    return false;
  }
  if (stat === undefined) return false;
  const now = versionOf(stat);
  return now.dev === version.dev && now.ino === version.ino && now.size === version.size && now.mtimeNs === version.mtimeNs && now.ctimeNs === version.ctimeNs && now.mode === version.mode && now.uid === version.uid;
}

function versionOf(stat: BigIntStats): FileVersion {
  return { dev: stat.dev, ino: stat.ino, size: stat.size, mtimeNs: stat.mtimeNs, ctimeNs: stat.ctimeNs, mode: stat.mode, uid: stat.uid };
}

/**
 * Writes `file` atomically and durably with mode 0600: a fresh temp file beside it (O_EXCL | O_NOFOLLOW, so
 * nothing is written through a link), fsync, rename over the target, fsync the directory. A symlink at `file`
 * is replaced, never followed. The parent directory is created (0700) when missing and must not be a symlink.
 * Readers see the old content or the new, never a torn file.
 */
export function writePrivateFile(file: string, content: string | Uint8Array): void {
  const dir = dirname(file);
  ensurePrivateDir(dir, { loose: "keep" });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    writeSync(fd, typeof content === "string" ? Buffer.from(content) : content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  syncDir(dir);
}

export function syncDir(dir: string): void {
  const fd = openSync(dir, constants.O_RDONLY);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code;
}

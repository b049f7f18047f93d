/**
 * Files that hold keys or ciphertext: opened without following symlinks, checked after opening (what was
 * opened is what is checked), written atomically and durably with mode 0600.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, constants, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
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
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new WardenError(ErrorCode.StateUnsafe, `\`${file}\` is not a regular file`);
    if ((stat.mode & 0o077) !== 0) {
      throw new WardenError(ErrorCode.StateUnsafe, `\`${file}\` is readable by other users (mode ${(stat.mode & 0o777).toString(8)}); run \`chmod 600 ${file}\` and rotate the secrets it protects`);
    }
    if (uid !== undefined && stat.uid !== uid) throw new WardenError(ErrorCode.StateUnsafe, `\`${file}\` is owned by another user`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
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

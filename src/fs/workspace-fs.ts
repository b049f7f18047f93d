/**
 * The file layer behind the `read`, `write` and `edit` tools and `warden undo`. Every operation opens first
 * and verifies what it opened (see resolve-path.ts); writes are atomic (temp file in the same directory,
 * fsync, rename, fsync of the directory) and never go through a symlink, a hard link or a directory;
 * every overwrite and delete keeps a snapshot first.
 */
import { createHash, randomBytes } from "node:crypto";
import { constants, fstatSync } from "node:fs";
import { lstat, open, rename, unlink, type FileHandle } from "node:fs/promises";
import { deny, type Decision, type Reason } from "../core/decision.ts";
import { describeError } from "../core/errors.ts";
import { join, relative } from "node:path";
import { realPathOrPlanned } from "../state/layout.ts";
import {
  fenceProtected,
  isReachable,
  openedPath,
  type OpenedDir,
  type WorkspaceRoot,
  fdChild,
  handleOps,
  lstatChild,
  openVerifiedFile,
  openWorkspaceDir,
  refusalReason,
  refusePath,
  requireDecided,
  requireStill,
  resolveWorkspaceRoot,
  resolveWorkspacePath,
  symlinkStaysInside,
  tryOpenVerifiedFast,
} from "./resolve-path.ts";
import type { Snapshot, SnapshotStore } from "./snapshots.ts";

export type WorkspaceFsOptions = {
  workspace: string;
  /** Warden's own directories (state dir, key dir): outside the workspace even when it contains them. */
  protectedDirs: readonly string[];
  snapshots: SnapshotStore;
  maxReadBytes?: number;
  maxWriteBytes?: number;
  /** Files larger than this cannot be overwritten or deleted, because their snapshot would be too large. */
  maxSnapshotBytes?: number;
};

export type FsFailure = { ok: false; decision: Decision; reason: Reason };
/**
 * `path` is the path as resolved (`..` and `.` gone); `realPath` the file's identity: its real path inside the
 * workspace, symbolic links of directories resolved, one per file however it was named. `sha256` hashes the whole
 * file; on a read it is present when the file is no larger than the write limit (larger cannot be a tool's write).
 * `opened` is the absolute real path of the file read: what a later call's `decided` names to act on the same file.
 */
export type ReadResult = { ok: true; path: string; realPath: string; opened: string; text: string; size: number; truncated: boolean; binary: boolean; sha256?: string };
export type WriteResult = { ok: true; path: string; realPath: string; bytes: number; created: boolean; snapshotId: number | null; sha256: string };
export type RemoveResult = { ok: true; path: string; snapshotId: number };
export type RestoreResult = { ok: true; path: string; snapshotId: number; action: "restored" | "removed" };

/**
 * Workspace file operations. Must never touch a file outside the workspace, and never throw: failures are data.
 * `decided`: the absolute real path a decision judged (`decidePathTarget`'s `real`); the operation acts on exactly
 * that object or refuses with `fs.path_changed`, never on what the path re-resolves to later. Tools always pass it.
 */
export interface WorkspaceFs {
  read(path: string, decided?: string): Promise<ReadResult | FsFailure>;
  write(path: string, content: string | Uint8Array, decided?: string): Promise<WriteResult | FsFailure>;
  edit(path: string, oldText: string, newText: string, decided?: string): Promise<WriteResult | FsFailure>;
  remove(path: string, decided?: string): Promise<RemoveResult | FsFailure>;
  /** Puts the file of snapshot `id` back as it was before that change. */
  restore(id: number): Promise<RestoreResult | FsFailure>;
  /** Restores the newest snapshot of this workspace not yet restored. */
  undoLast(): Promise<RestoreResult | FsFailure>;
  listSnapshots(limit?: number): Promise<Snapshot[]>;
}

function fail(reason: Reason): FsFailure {
  return { ok: false, decision: deny("high", reason), reason };
}

function toFailure(error: unknown, what: string): FsFailure {
  const reason = refusalReason(error);
  if (reason !== undefined) return fail(reason);
  return fail({ id: "fs.error", message: `${what} failed: ${describeError(error)}` });
}

/**
 * The text of `bytes`, or undefined when they are binary: a NUL byte, or not UTF-8. A cut-off character at
 * the end of a truncated read is dropped, not counted as binary.
 */
function decodeText(bytes: Uint8Array, truncated: boolean): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: truncated });
  } catch {
    return undefined;
  }
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function readAll(handle: FileHandle, limit: number): Promise<Uint8Array> {
  const buffer = Buffer.allocUnsafe(limit);
  let at = 0;
  while (at < limit) {
    const { bytesRead } = await handle.read(buffer, at, limit - at, at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return buffer.subarray(0, at);
}

export function createWorkspaceFs(options: WorkspaceFsOptions): WorkspaceFs {
  const maxReadBytes = options.maxReadBytes ?? 1024 * 1024;
  const maxWriteBytes = options.maxWriteBytes ?? 5 * 1024 * 1024;
  const maxSnapshotBytes = options.maxSnapshotBytes ?? 20 * 1024 * 1024;
  const store = options.snapshots;

  const protectedReal = options.protectedDirs.map(realPathOrPlanned);

  async function locate(path: string): Promise<{ root: WorkspaceRoot; parts: string[]; name: string; rel: string }> {
    const real = await resolveWorkspaceRoot(options.workspace);
    const root = fenceProtected(real, protectedReal);
    const parts = await resolveWorkspacePath(path, options.workspace, real);
    const name = parts.at(-1) ?? refusePath("path.invalid", "empty path");
    return { root, parts: parts.slice(0, -1), name, rel: parts.join("/") };
  }

  /** Reads up to `limit` bytes; a file no larger than the write limit is read whole (and hashed by the caller). */
  async function readVerified(path: string, limit: number, decided: string | undefined): Promise<{ rel: string; realPath: string; opened: string; bytes: Uint8Array; size: number }> {
    const { root, parts, name, rel } = await locate(path);
    const upTo = (size: number) => (size <= maxWriteBytes ? size : Math.min(limit, size));
    const fast = await tryOpenVerifiedFast(root, [...parts, name]);
    if (fast !== undefined) {
      try {
        // Read through the descriptor whose real path was checked: what is read is what was decided.
        const opened = openedPath(fast.handle);
        requireDecided(root, opened, decided, rel);
        return { rel, realPath: relative(root.real, opened), opened, bytes: await readAll(fast.handle, upTo(fast.stats.size)), size: fast.stats.size };
      } finally {
        await fast.handle.close();
      }
    }
    const dir = await openWorkspaceDir(root, parts, false, handleOps);
    try {
      const file = await openVerifiedFile(dir.handle, name, root, handleOps);
      try {
        requireDecided(root, file.real, decided, rel);
        const bytes = await readAll(file.handle, upTo(file.stats.size));
        return { rel, realPath: relative(root.real, file.real), opened: file.real, bytes, size: file.stats.size };
      } finally {
        await file.handle.close();
      }
    } finally {
      await dir.handle.close();
    }
  }

  /** The checks every replace or delete makes on the current entry; returns what to snapshot. */
  async function inspectTarget(dir: OpenedDir, name: string, root: WorkspaceRoot): Promise<{ content: Uint8Array; mode: number; dev: number; ino: number } | null> {
    if (!isReachable(join(dir.real, name), root)) refusePath("path.warden_state", `\`${name}\` is Warden's own state; it is outside the workspace for every tool`);
    const st = await lstatChild(dir.handle, name, handleOps);
    if (st === undefined) return null;
    if (st.isSymbolicLink()) {
      if (await symlinkStaysInside(dir.handle, name, root, handleOps)) {
        refusePath("path.symlink", `\`${name}\` is a symbolic link; write to the file it points to instead`);
      }
      refusePath("path.symlink_escape", `\`${name}\` is a symbolic link that points outside the workspace or nowhere`);
    }
    if (st.isDirectory()) refusePath("path.not_a_file", `\`${name}\` is a directory`);
    if (!st.isFile()) refusePath("path.not_a_file", `\`${name}\` is not a regular file`);
    if (st.nlink > 1) refusePath("path.hardlink", `\`${name}\` has ${st.nlink} hard links; a hard-linked file may be a file outside the workspace`);
    if (st.size > maxSnapshotBytes) {
      refusePath("fs.too_large_to_snapshot", `\`${name}\` is ${st.size} bytes, over the ${maxSnapshotBytes}-byte snapshot limit, so it cannot be replaced or deleted with undo`);
    }
    const handle = await open(fdChild(dir.handle, name), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      const now = await handle.stat();
      // The entry must still be the file just inspected, and still single-linked.
      if (now.ino !== st.ino || now.dev !== st.dev || now.nlink > 1 || !now.isFile()) {
        refusePath("path.changed", `\`${name}\` changed while it was being written; try again`);
      }
      return { content: await readAll(handle, now.size), mode: now.mode & 0o777, dev: now.dev, ino: now.ino };
    } finally {
      await handle.close();
    }
  }

  /** A fresh name beside `name` in the same directory, for a temporary file or an entry set aside. */
  const besideName = (name: string, kind: string) => `.${name.slice(0, 100)}.warden-${randomBytes(6).toString("hex")}.${kind}`;

  async function writeInternal(path: string, content: string | Uint8Array, keepSnapshot: boolean, decided: string | undefined): Promise<WriteResult> {
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    if (bytes.length > maxWriteBytes) refusePath("fs.too_large", `the content is ${bytes.length} bytes, over the ${maxWriteBytes}-byte write limit`);
    const { root, parts, name, rel } = await locate(path);
    const dir = await openWorkspaceDir(root, parts, true, handleOps);
    let snapshot: Snapshot | undefined;
    const tempName = besideName(name, "tmp");
    const temp = fdChild(dir.handle, tempName);
    let tempCreated = false;
    try {
      // From here every step goes through the directory's descriptor: the directory decided, not the name.
      requireDecided(root, join(dir.real, name), decided, rel);
      const previous = await inspectTarget(dir, name, root);
      if (keepSnapshot) {
        snapshot = previous === null
          ? store.save({ workspace: root.real, path: rel, realPath: relative(root.real, join(dir.real, name)), kind: "create", content: null })
          : store.save({ workspace: root.real, path: rel, realPath: relative(root.real, join(dir.real, name)), kind: "overwrite", content: previous.content, mode: previous.mode });
      }
      const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, previous?.mode ?? 0o644);
      tempCreated = true;
      let written: { dev: number; ino: number };
      try {
        // The new file is where it was meant to be made (its directory may have moved since it was opened).
        requireDecided(root, openedPath(handle), join(dir.real, tempName), rel);
        await handle.writeFile(bytes);
        if (previous !== null) await handle.chmod(previous.mode);
        await handle.sync();
        // Synchronous: answered from the inode in memory, cheaper than a trip through the thread pool.
        written = fstatSync(handle.fd);
      } finally {
        await handle.close();
      }
      // INVARIANT: rename replaces the directory entry itself; whatever was swapped in at `name` since the
      // check (a symlink, a hard link), the write never goes through it.
      requireStill(dir, rel);
      await rename(temp, fdChild(dir.handle, name));
      tempCreated = false;
      try {
        requireStill(dir, rel);
      } catch (error) {
        // The directory moved between the check and the rename: put back what was there, wherever it went.
        await putBack(dir, name, written, previous);
        throw error;
      }
      await dir.handle.sync();
      return { ok: true, path: rel, bytes: bytes.length, created: previous === null, snapshotId: snapshot?.id ?? null, realPath: relative(root.real, join(dir.real, name)), sha256: sha256(bytes) };
    } catch (error) {
      if (snapshot !== undefined) store.discard(snapshot.id);
      if (tempCreated) await unlink(temp).catch(() => undefined);
      throw error;
    } finally {
      await dir.handle.close();
    }
  }

  /** Undoes a rename that landed in a moved directory: the previous file back, or the new one removed. Best effort. */
  async function putBack(dir: OpenedDir, name: string, written: { dev: number; ino: number }, previous: { content: Uint8Array; mode: number } | null): Promise<void> {
    const target = fdChild(dir.handle, name);
    try {
      const now = await lstat(target);
      if (now.dev !== written.dev || now.ino !== written.ino) return; // no longer ours: leave it alone
      if (previous === null) {
        await unlink(target);
        return;
      }
      const back = fdChild(dir.handle, besideName(name, "tmp"));
      const handle = await open(back, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, previous.mode);
      try {
        await handle.writeFile(previous.content);
      } finally {
        await handle.close();
      }
      await rename(back, target);
    } catch {
      // the refusal that follows says the path changed; the snapshot is discarded only if nothing landed
    }
  }

  async function removeInternal(path: string, keepSnapshot: boolean, decided: string | undefined): Promise<RemoveResult> {
    const { root, parts, name, rel } = await locate(path);
    const dir = await openWorkspaceDir(root, parts, false, handleOps);
    try {
      requireDecided(root, join(dir.real, name), decided, rel);
      const previous = await inspectTarget(dir, name, root);
      if (previous === null) refusePath("path.not_found", `\`${rel}\` does not exist`);
      const snapshot = keepSnapshot ? store.save({ workspace: root.real, path: rel, realPath: relative(root.real, join(dir.real, name)), kind: "delete", content: previous.content, mode: previous.mode }) : undefined;
      // Set aside first, then check that what was set aside is the file inspected (and snapshotted), in the
      // directory decided; only then is it removed. Anything else is put back.
      const aside = fdChild(dir.handle, besideName(name, "rm"));
      try {
        requireStill(dir, rel);
        await rename(fdChild(dir.handle, name), aside);
        const moved = await lstat(aside);
        if (moved.dev !== previous.dev || moved.ino !== previous.ino || openedPath(dir.handle) !== dir.real) {
          await rename(aside, fdChild(dir.handle, name));
          refusePath("fs.path_changed", `\`${rel}\` changed while it was being removed; nothing was removed; try again`);
        }
        await unlink(aside);
      } catch (error) {
        if (snapshot !== undefined) store.discard(snapshot.id);
        throw error;
      }
      await dir.handle.sync();
      return { ok: true, path: rel, snapshotId: snapshot?.id ?? 0 };
    } finally {
      await dir.handle.close();
    }
  }

  async function restoreInternal(id: number): Promise<RestoreResult> {
    const root = await resolveWorkspaceRoot(options.workspace);
    const snap = store.get(id);
    if (snap === undefined) refusePath("fs.no_snapshot", `there is no snapshot \`${id}\``);
    if (snap.workspace !== root) refusePath("fs.no_snapshot", `snapshot \`${id}\` belongs to another workspace`);
    if (snap.restoredAt !== null) refusePath("fs.already_restored", `snapshot \`${id}\` was already restored`);
    // Undo goes through the same checked write path; it does not take snapshots of its own. It acts on the file the
    // change was made to (its real path then), never on what the path it was named by leads to now.
    const target = snap.realPath ?? snap.path;
    const decided = join(root, target);
    if (snap.kind === "create") {
      await removeInternal(target, false, decided).catch((error: unknown) => {
        if (refusalReason(error)?.id !== "path.not_found") throw error;
      });
      store.markRestored(id);
      return { ok: true, path: snap.path, snapshotId: id, action: "removed" };
    }
    const content = store.content(id) ?? new Uint8Array(0);
    await writeInternal(target, content, false, decided);
    store.markRestored(id);
    return { ok: true, path: snap.path, snapshotId: id, action: "restored" };
  }

  return {
    async read(path, decided) {
      try {
        const { rel, realPath, opened, bytes: whole, size } = await readVerified(path, maxReadBytes, decided);
        const hash = whole.length === size ? { sha256: sha256(whole) } : {};
        const bytes = whole.subarray(0, maxReadBytes);
        const truncated = size > bytes.length;
        const text = decodeText(bytes, truncated);
        if (text === undefined) {
          return { ok: true, path: rel, realPath, opened, text: `[binary file, ${size} bytes; not shown as text]`, size, truncated: false, binary: true, ...hash };
        }
        return { ok: true, path: rel, realPath, opened, text, size, truncated, binary: false, ...hash };
      } catch (error) {
        return toFailure(error, `reading \`${path}\``);
      }
    },
    async write(path, content, decided) {
      try {
        return await writeInternal(path, content, true, decided);
      } catch (error) {
        return toFailure(error, `writing \`${path}\``);
      }
    },
    async edit(path, oldText, newText, decided) {
      try {
        if (oldText === "") refusePath("fs.edit_empty", "oldText is empty; give the exact text to replace");
        const { bytes, size } = await readVerified(path, maxWriteBytes + 1, decided);
        if (size > maxWriteBytes) refusePath("fs.too_large", `\`${path}\` is ${size} bytes, over the ${maxWriteBytes}-byte edit limit`);
        const text = decodeText(bytes, false) ?? refusePath("fs.binary", `\`${path}\` is a binary file; edit works on text files only`);
        const first = text.indexOf(oldText);
        if (first === -1) refusePath("fs.edit_not_found", `oldText was not found in \`${path}\`; read the file and copy the exact text`);
        if (text.indexOf(oldText, first + 1) !== -1) {
          const count = text.split(oldText).length - 1;
          refusePath("fs.edit_ambiguous", `oldText appears ${count} times in \`${path}\`; include more surrounding text so it matches once`);
        }
        return await writeInternal(path, text.slice(0, first) + newText + text.slice(first + oldText.length), true, decided);
      } catch (error) {
        return toFailure(error, `editing \`${path}\``);
      }
    },
    async remove(path, decided) {
      try {
        return await removeInternal(path, true, decided);
      } catch (error) {
        return toFailure(error, `removing \`${path}\``);
      }
    },
    async restore(id) {
      try {
        return await restoreInternal(id);
      } catch (error) {
        return toFailure(error, `restoring snapshot \`${id}\``);
      }
    },
    async undoLast() {
      try {
        const root = await resolveWorkspaceRoot(options.workspace);
        const latest = store.list({ workspace: root, limit: 1 })[0];
        if (latest === undefined) refusePath("fs.no_snapshot", "nothing to undo in this workspace");
        return await restoreInternal(latest.id);
      } catch (error) {
        return toFailure(error, "undo");
      }
    },
    async listSnapshots(limit = 100) {
      const root = await resolveWorkspaceRoot(options.workspace).catch(() => undefined);
      return root === undefined ? [] : store.list({ workspace: root, limit });
    },
  };
}

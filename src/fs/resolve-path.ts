/**
 * Workspace path resolution that checks what was opened, not the string: every directory is opened, then
 * `/proc/self/fd/N` says where the kernel really put us, and every later step goes through that descriptor
 * (`/proc/self/fd/N/name` acts like `openat(N, name)`), so a component swapped for a symlink after the check
 * cannot redirect the operation. Linux only; anywhere `/proc/self/fd` is missing it fails closed.
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readlinkSync, realpathSync, type Stats } from "node:fs";
import { lstat, mkdir, open, realpath, type FileHandle } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import type { Reason } from "../core/decision.ts";
import { ErrorCode, isWardenError, WardenError } from "../core/errors.ts";

/**
 * Refuses with a stable reason id: a `WardenError` (`TOOL_DENIED`) whose `cause` is the `Reason`, so the
 * callers in this folder can turn it back into a decision.
 */
export function refusePath(id: string, message: string): never {
  throw new WardenError(ErrorCode.ToolDenied, message, { cause: { id, message } satisfies Reason });
}

/** The reason behind a `refusePath` refusal, or undefined for any other error. */
export function refusalReason(error: unknown): Reason | undefined {
  if (!isWardenError(error) || error.code !== ErrorCode.ToolDenied) return undefined;
  const cause: unknown = error.cause;
  if (typeof cause !== "object" || cause === null || !("id" in cause) || !("message" in cause)) return undefined;
  return { id: String(cause.id), message: String(cause.message) };
}

/**
 * Workspace-relative components of `input` with every `..` resolved as the kernel would (through the real
 * path of what precedes it, so `link/..` is the parent of the link's target), or a refusal when any step
 * leaves the workspace. The opener then verifies each component again.
 */
export async function resolveWorkspacePath(input: string, workspace: string, workspaceReal: string, ops: Pick<PathOps<Descriptor>, "realpath"> = handleOps): Promise<string[]> {
  const parts = splitWorkspacePath(input, workspace, workspaceReal, true);
  let out: string[] = [];
  for (const part of parts) {
    if (part !== "..") {
      out.push(part);
      continue;
    }
    if (out.length === 0) refusePath("path.outside_workspace", `\`${input}\` leads outside the workspace through \`..\``);
    let real: string;
    try {
      real = await ops.realpath(join(workspaceReal, ...out));
    } catch {
      return refusePath("path.not_found", `\`${out.join("/")}\` in \`${input}\` does not exist, so \`..\` after it cannot be resolved`);
    }
    const parent = dirname(real);
    if (!isInside(parent, workspaceReal)) refusePath("path.outside_workspace", `\`${input}\` leads outside the workspace through \`..\``);
    out = parent === workspaceReal ? [] : relative(workspaceReal, parent).split(sep);
  }
  if (out.length === 0) refusePath("path.invalid", `\`${input}\` names the workspace itself, not a file in it`);
  return out;
}

/** Workspace-relative components of `input`, or a refusal. Pure: looks at the string only. */
export function splitWorkspacePath(input: string, workspace: string, workspaceReal: string, keepParentRefs = false): string[] {
  if (input.includes("\0")) refusePath("path.nul_byte", "the path contains a NUL byte");
  if (input.trim() === "") refusePath("path.invalid", "the path is empty; give a file path inside the workspace");
  let rel = input;
  if (isAbsolute(input)) {
    const candidates = [workspace, workspaceReal].map((w) => relative(w, input));
    if (candidates.includes("")) refusePath("path.invalid", `\`${input}\` names the workspace itself, not a file in it`);
    const inside = candidates.find((r) => r !== "" && !r.startsWith("..") && !isAbsolute(r));
    if (inside === undefined) {
      refusePath("path.outside_workspace", `\`${input}\` is outside the workspace; use a path relative to the workspace`);
    }
    rel = inside;
  }
  const parts = rel.split(sep).filter((p) => p !== "" && p !== ".");
  // INVARIANT: `..` is never normalized away lexically: `link/../x` means something else to the kernel when
  // `link` is a symlink. Without `keepParentRefs` it is refused; with it, `resolveWorkspacePath` resolves it.
  if (!keepParentRefs && parts.includes("..")) {
    refusePath("path.outside_workspace", `\`${input}\` uses \`..\`; parent references are not allowed in workspace paths`);
  }
  if (parts.length === 0) refusePath("path.invalid", `\`${input}\` names the workspace itself, not a file in it`);
  return parts;
}

export async function resolveWorkspaceRoot(workspace: string, ops: Pick<PathOps<Descriptor>, "realpath"> = handleOps): Promise<string> {
  let real: string;
  try {
    real = await ops.realpath(workspace);
  } catch {
    return refusePath("path.workspace_missing", `the workspace \`${workspace}\` does not exist; create it or fix agent.workspace`);
  }
  if (real === sep) refusePath("path.workspace_unsafe", "the workspace is the file system root; set agent.workspace to a dedicated folder");
  return real;
}

/**
 * Where an open descriptor really points, as the kernel sees it. Synchronous on purpose: `/proc/self/fd` is
 * answered from the kernel's own tables, never from a disk, and a trip through the thread pool costs more
 * than the call (three of these per path component made a path decision's p99 pass 1 ms).
 */
export function openedPath(handle: { readonly fd: number }): string {
  try {
    return readlinkSync(`/proc/self/fd/${handle.fd}`);
  } catch {
    return refusePath("path.unverifiable", "cannot verify opened files here (`/proc/self/fd` is unavailable); refusing");
  }
}

/**
 * Refuses unless `opened` (the real path of what was just opened or is about to be made) is the object the gate
 * decided: `decided`, an absolute real path. Undefined `decided` checks nothing (a caller that decided nothing).
 */
export function requireDecided(root: { real: string }, opened: string, decided: string | undefined, named: string): void {
  if (decided === undefined || opened === decided) return;
  const rel = (p: string) => (isInside(p, root.real) ? relative(root.real, p) || "." : "a place outside the workspace");
  refusePath("fs.path_changed", `\`${named}\` now leads to \`${rel(opened)}\`, not to \`${rel(decided)}\` as when it was decided: the path changed between the decision and its use, so nothing was done; try again`);
}

/** Refuses when an opened directory is no longer where it was opened (moved or renamed since). */
export function requireStill(dir: { handle: { readonly fd: number }; real: string }, named: string): void {
  if (openedPath(dir.handle) !== dir.real) {
    refusePath("fs.path_changed", `the directory of \`${named}\` was moved while it was being changed; try again`);
  }
}

export function isInside(real: string, root: string): boolean {
  // `/ws-evil` is not inside `/ws`: compare with the separator appended.
  return real === root || real.startsWith(root + sep);
}

/**
 * The workspace as the file layer sees it: its real path, and the real paths of Warden's own directories
 * (state dir, key dir) that lie inside it. Those are outside the workspace for every operation.
 */
export type WorkspaceRoot = { real: string; fenced: readonly string[] };

/** Whether an opened path is in the workspace and in none of its fenced directories. */
export function isReachable(real: string, root: WorkspaceRoot): boolean {
  return isInside(real, root.real) && !root.fenced.some((f) => isInside(real, f));
}

/** The protected directories (real paths) inside `root`; one that contains the workspace fences nothing. */
export function fenceProtected(root: string, protectedReal: readonly string[]): WorkspaceRoot {
  return { real: root, fenced: protectedReal.filter((p) => isInside(p, root)) };
}

/** An open descriptor the walk can go through: an fs/promises `FileHandle`, or a plain one from `syncOps`. */
export type Descriptor = { readonly fd: number; close(): Promise<void> | void; stat(): Promise<Stats> | Stats };

/**
 * The calls the walk makes, in two flavours with the same checks. `handleOps` goes through the thread pool and
 * yields `FileHandle`s, for the file layer, which then reads and writes through them. `syncOps` makes the same
 * calls synchronously, for a decision that only looks: on a local file system each is a few microseconds,
 * while a trip through the thread pool costs more than that and a decision makes a dozen, one after another
 * (that queueing, not the calls, put a path decision's p99 past 1 ms).
 */
export type PathOps<H extends Descriptor> = {
  open(path: string, flags: number): Promise<H> | H;
  lstat(path: string): Promise<Stats> | Stats;
  realpath(path: string): Promise<string> | string;
  mkdir(path: string, mode: number): Promise<unknown> | unknown;
};

export const handleOps: PathOps<FileHandle> = {
  open: (path, flags) => open(path, flags),
  lstat: (path) => lstat(path),
  realpath: (path) => realpath(path),
  mkdir: (path, mode) => mkdir(path, { mode }),
};

export const syncOps: PathOps<Descriptor> = {
  open: (path, flags) => {
    const fd = openSync(path, flags);
    return { fd, close: () => closeSync(fd), stat: () => fstatSync(fd) };
  },
  lstat: (path) => lstatSync(path),
  realpath: (path) => realpathSync.native(path),
  mkdir: (path, mode) => mkdirSync(path, { mode }),
};

export function fdChild(dir: { readonly fd: number }, name: string): string {
  return `/proc/self/fd/${dir.fd}/${name}`;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

export type OpenedDir<H extends Descriptor = FileHandle> = { handle: H; real: string };

/**
 * Opens the directory `parts` inside the workspace, one component at a time, each verified inside the
 * workspace. With `create`, missing directories are made (mode 0755). The caller closes the handle.
 */
export async function openWorkspaceDir<H extends Descriptor>(ws: WorkspaceRoot, parts: readonly string[], create: boolean, ops: PathOps<H>): Promise<OpenedDir<H>> {
  const dirFlags = constants.O_RDONLY | constants.O_DIRECTORY;
  const root = ws.real;
  let handle = await ops.open(root, dirFlags);
  try {
    let real = openedPath(handle);
    if (ws.fenced.includes(root)) refusePath("path.warden_state", "the workspace is Warden's own state directory; set agent.workspace to a dedicated folder");
    if (real !== root) refusePath("path.workspace_unsafe", "the workspace moved while it was being opened; try again");
    for (const part of parts) {
      const path = fdChild(handle, part);
      let next: H;
      try {
        next = await ops.open(path, dirFlags);
      } catch (error) {
        const code = errorCode(error);
        if (code === "ENOTDIR") refusePath("path.not_a_directory", `\`${part}\` is not a directory`);
        if (code === "ELOOP") refusePath("path.symlink_escape", `\`${part}\` is a symbolic link loop`);
        if (code !== "ENOENT") throw error;
        if ((await lstatChild(handle, part, ops))?.isSymbolicLink() === true) {
          refusePath("path.symlink_escape", `\`${part}\` is a symbolic link that points nowhere`);
        }
        if (!create) refusePath("path.not_found", `directory \`${parts.join("/")}\` does not exist`);
        if (!isReachable(join(real, part), ws)) refusePath("path.warden_state", `\`${part}\` is Warden's own state; it is outside the workspace for every tool`);
        try {
          await ops.mkdir(path, 0o755);
        } catch (mkdirError) {
          // EEXIST here means a dangling symlink sits where the directory would go.
          if (errorCode(mkdirError) === "EEXIST") refusePath("path.symlink_escape", `\`${part}\` is a symbolic link that points nowhere`);
          throw mkdirError;
        }
        next = await ops.open(path, dirFlags | constants.O_NOFOLLOW);
      }
      await handle.close();
      handle = next;
      real = openedPath(handle);
      if (!isInside(real, root)) refusePath("path.symlink_escape", `\`${part}\` leads outside the workspace through a symbolic link`);
      if (!isReachable(real, ws)) refusePath("path.warden_state", `\`${part}\` is Warden's own state; it is outside the workspace for every tool`);
    }
    return { handle, real };
  } catch (error) {
    await closeQuietly(handle);
    throw error;
  }
}

async function closeQuietly(handle: Descriptor): Promise<void> {
  try {
    await handle.close();
  } catch {
    // already failing; the first error is the one to report
  }
}

/** lstat of `name` in an opened directory; undefined when it does not exist. */
export async function lstatChild(dir: Descriptor, name: string, ops: PathOps<Descriptor>): Promise<Stats | undefined> {
  try {
    return await ops.lstat(fdChild(dir, name));
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
}

/** Whether a symlink in an opened directory lands inside the workspace (false when dangling or a loop). */
export async function symlinkStaysInside(dir: Descriptor, name: string, root: WorkspaceRoot, ops: PathOps<Descriptor>): Promise<boolean> {
  try {
    return isReachable(await ops.realpath(fdChild(dir, name)), root);
  } catch {
    return false;
  }
}

/** Opens a file for reading, following links, then verifies the opened file is a single-link regular file in the workspace. */
export async function openVerifiedFile<H extends Descriptor>(dir: Descriptor, name: string, root: WorkspaceRoot, ops: PathOps<H>): Promise<{ handle: H; stats: Stats; real: string }> {
  let handle: H;
  try {
    // O_NONBLOCK: opening a FIFO must not hang; it is refused below as not a regular file.
    handle = await ops.open(fdChild(dir, name), constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT") {
      const link = await lstatChild(dir, name, ops);
      if (link?.isSymbolicLink() === true) refusePath("path.symlink_escape", `\`${name}\` is a symbolic link that points nowhere`);
      refusePath("path.not_found", `\`${name}\` does not exist`);
    }
    if (code === "ELOOP") refusePath("path.symlink_escape", `\`${name}\` is a symbolic link loop`);
    if (code === "EACCES") refusePath("path.permission", `\`${name}\` is not readable`);
    throw error;
  }
  try {
    const real = openedPath(handle);
    if (!isInside(real, root.real)) refusePath("path.symlink_escape", `\`${name}\` leads outside the workspace through a symbolic link`);
    if (!isReachable(real, root)) refusePath("path.warden_state", `\`${name}\` is Warden's own state; it is outside the workspace for every tool`);
    const stats = await handle.stat();
    if (!stats.isFile()) refusePath("path.not_a_file", `\`${name}\` is not a regular file`);
    if (stats.nlink > 1) {
      refusePath("path.hardlink", `\`${name}\` has ${stats.nlink} hard links; a hard-linked file may be a file outside the workspace`);
    }
    return { handle, stats, real };
  } catch (error) {
    await closeQuietly(handle);
    throw error;
  }
}

/**
 * The quick way to open a file for reading: open the whole path (the kernel follows any links), then check
 * what was opened. Undefined when that fails or the check does not pass; the caller then takes the slow,
 * component-by-component way, which also names the precise reason.
 */
export async function tryOpenVerifiedFast(root: WorkspaceRoot, parts: readonly string[]): Promise<{ handle: FileHandle; stats: Stats } | undefined> {
  let handle: FileHandle;
  try {
    handle = await open([root.real, ...parts].join(sep), constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch {
    return undefined;
  }
  try {
    const real = openedPath(handle);
    const stats = await handle.stat();
    if (isReachable(real, root) && stats.isFile() && stats.nlink === 1) return { handle, stats };
  } catch {
    // fall through to the slow path
  }
  await handle.close().catch(() => undefined);
  return undefined;
}

/**
 * Opens exactly what `rel` names in the workspace (a grant's directory or file), following no symbolic link on
 * the way: the object returned is the one the name judged, or this refuses (`fs.path_changed`). With `create`,
 * a missing last component is made as that kind (missing parents as directories). The caller closes the handle
 * and acts through it (bubblewrap's `--bind-fd`), never through the name again.
 */
export async function openNamedExactly(ws: WorkspaceRoot, rel: string, create: "file" | "dir" | undefined): Promise<{ handle: FileHandle; real: string }> {
  const parts = splitWorkspacePath(rel, ws.real, ws.real);
  const name = parts.at(-1) ?? refusePath("path.invalid", "empty path");
  const named = join(ws.real, ...parts);
  const dir = await openWorkspaceDir(ws, parts.slice(0, -1), create !== undefined, handleOps);
  try {
    requireDecided(ws, dir.real, join(ws.real, ...parts.slice(0, -1)), rel);
    const flags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY;
    let handle: FileHandle;
    try {
      handle = await open(fdChild(dir.handle, name), flags);
    } catch (error) {
      const code = errorCode(error);
      if (code === "ELOOP") refusePath("fs.path_changed", `\`${rel}\` is a symbolic link; a grant reaches what it names, never what a link points to`);
      if (code !== "ENOENT" || create === undefined) throw error;
      if (!isReachable(named, ws)) refusePath("path.warden_state", `\`${rel}\` is Warden's own state; it is outside the workspace for every tool`);
      if (create === "dir") await mkdir(fdChild(dir.handle, name), { mode: 0o755 });
      else await (await open(fdChild(dir.handle, name), constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644)).close();
      handle = await open(fdChild(dir.handle, name), flags);
    }
    try {
      requireDecided(ws, openedPath(handle), named, rel);
      if (!isReachable(named, ws)) refusePath("path.warden_state", `\`${rel}\` is Warden's own state; it is outside the workspace for every tool`);
      const st = await handle.stat();
      if (!st.isDirectory() && !st.isFile()) refusePath("path.not_a_file", `\`${rel}\` is neither a directory nor a regular file`);
      if (st.isFile() && st.nlink > 1) refusePath("path.hardlink", `\`${rel}\` has ${st.nlink} hard links; a hard-linked file may be a file outside the workspace`);
      return { handle, real: named };
    } catch (error) {
      await closeQuietly(handle);
      throw error;
    }
  } finally {
    await dir.handle.close();
  }
}

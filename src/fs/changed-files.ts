/**
 * The workspace files a command may have written. The file tools report what they wrote; a shell command does not,
 * so after it runs the workspace is walked for regular files whose status changed since it started (a write, a
 * rename, a copy, a new link all change a file's ctime, which no command can set back). Each is reported by
 * identity, as the file layer names files (the path inside the workspace's real root, the content's SHA-256), so
 * provenance can mark the bytes as the agent's.
 */
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { join, relative } from "node:path";
import type { WorkspaceFileRef } from "../agent/tool.ts";

export type ChangedFiles = {
  files: WorkspaceFileRef[];
  /** False when a limit stopped the walk: files past it may have been written too. */
  complete: boolean;
  /** When incomplete: the span (wall clock, widened by the clock slack) in which those files' status changed. */
  window?: { sinceMs: number; untilMs: number };
};

export type ChangedFilesLimits = {
  /** Directory entries looked at before giving up. */
  maxEntries: number;
  /** Changed files reported before giving up. */
  maxFiles: number;
  /** Files larger than this are reported without a hash (a mark then holds for the path, whatever its bytes). */
  maxHashBytes: number;
  /**
   * File timestamps come from a coarse kernel clock that may lag the wall clock by a few milliseconds: a file
   * changed this long before the command started counts as the command's (marked when it need not be, never the
   * other way round).
   */
  clockSlackMs: number;
};

export const defaultChangedFilesLimits: ChangedFilesLimits = { maxEntries: 50_000, maxFiles: 512, maxHashBytes: 8 * 1024 * 1024, clockSlackMs: 1000 };

/**
 * Regular files under `workspace` changed at or after `sinceMs` (wall clock), and the files whose inode is in
 * `carried` (`dev:ino`, marked files looked up before the command ran) wherever they are now: a directory's rename
 * moves its files without changing their status. Never follows a symbolic link.
 */
export function findChangedFiles(workspace: string, sinceMs: number, limits: ChangedFilesLimits = defaultChangedFilesLimits, carried: ReadonlySet<string> = new Set()): ChangedFiles {
  const root = realpathSync(workspace);
  const since = sinceMs - limits.clockSlackMs;
  const files: WorkspaceFileRef[] = [];
  const pending = [root];
  let entries = 0;
  const stopped = (): ChangedFiles => ({ files, complete: false, window: { sinceMs: since, untilMs: Date.now() + limits.clockSlackMs } });
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let names;
    try {
      names = readdirSync(dir, { withFileTypes: true });
    } catch {
      // Gone or unreadable since the command ran: nothing in it can be read back through the file tools either.
      continue;
    }
    for (const entry of names) {
      if (++entries > limits.maxEntries) return stopped();
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        pending.push(path);
        continue;
      }
      if (!entry.isFile()) continue;
      let st;
      try {
        st = lstatSync(path);
      } catch {
        continue;
      }
      if (!st.isFile() || (st.ctimeMs < since && !carried.has(inodeKey(st)))) continue;
      if (files.length >= limits.maxFiles) return stopped();
      files.push({ realPath: relative(root, path), size: st.size, wrote: true, ...(st.size <= limits.maxHashBytes ? hashOf(path) : {}) });
    }
  }
  return { files, complete: true };
}

function hashOf(path: string): { sha256?: string } {
  try {
    return { sha256: sha256OfFile(path) };
  } catch {
    return {};
  }
}

/** The SHA-256 (hex) of a file's whole content, as marks record it. Throws when it cannot be read. */
export function sha256OfFile(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** A file's identity on its file system, stable across renames and hard links. */
export function inodeKey(st: { dev: number; ino: number }): string {
  return `${st.dev}:${st.ino}`;
}

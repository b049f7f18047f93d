/**
 * A bounded walk of a directory tree (the workspace, the skills folder) that runs the secret rules over
 * text files. Never follows symlinks, skips `node_modules` and `.git`, and stops at file, byte and depth
 * caps, saying so (`truncated`).
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync } from "node:fs";
import { join, relative } from "node:path";
import type { FindSecrets, SecretHit, WorkspaceScan } from "./types.ts";

export type ScanLimits = { maxFiles: number; maxFileBytes: number; maxTotalBytes: number; maxDepth: number; maxHits: number };
export const DEFAULT_SCAN_LIMITS: ScanLimits = { maxFiles: 50_000, maxFileBytes: 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024, maxDepth: 24, maxHits: 200 };

const SKIP_DIRS = new Set(["node_modules", ".git", ".hg", ".svn"]);

/** Reads at most `max` bytes of a regular file without following a link at the last component. */
export function readSmallFile(path: string, max: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    // INVARIANT: check what was opened, not what the name pointed to when listed (it may have been swapped).
    if (!st.isFile() || st.size > max) return undefined;
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

export function scanTree(root: string, findSecrets: FindSecrets, limits: ScanLimits = DEFAULT_SCAN_LIMITS): WorkspaceScan {
  const result: WorkspaceScan = { root, filesScanned: 0, truncated: false, secrets: [] };
  let st;
  try {
    st = lstatSync(root);
  } catch {
    return { ...result, skipped: "does not exist" };
  }
  if (st.isSymbolicLink()) return { ...result, skipped: "is a symlink (not followed)" };
  if (!st.isDirectory()) return { ...result, skipped: "is not a directory" };
  let totalBytes = 0;
  const secrets: SecretHit[] = [];
  const stack: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  while (stack.length > 0) {
    const { dir, depth } = stack.pop() as { dir: string; depth: number };
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (SKIP_DIRS.has(entry.name)) continue;
        if (depth + 1 > limits.maxDepth) {
          result.truncated = true;
          continue;
        }
        stack.push({ dir: path, depth: depth + 1 });
        continue;
      }
      if (!entry.isFile()) continue; // symlinks, sockets, devices: never followed or read
      if (result.filesScanned >= limits.maxFiles || totalBytes >= limits.maxTotalBytes) {
        result.truncated = true;
        stack.length = 0;
        break;
      }
      const buf = readSmallFile(path, limits.maxFileBytes);
      if (buf === undefined) continue;
      result.filesScanned++;
      totalBytes += buf.length;
      if (buf.subarray(0, 8192).includes(0)) continue; // binary
      for (const hit of findSecrets(buf.toString("utf8"))) {
        if (secrets.length >= limits.maxHits) {
          result.truncated = true;
          break;
        }
        secrets.push({ path: relative(root, path), ruleId: hit.ruleId, line: hit.line ?? 0 });
      }
    }
  }
  secrets.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  return { ...result, secrets };
}

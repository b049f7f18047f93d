/**
 * The release tarball: built reproducibly (same files in → same bytes out) and unpacked defensively.
 *
 * Reproducible: the entries are the listed files in sorted order, regular files only, each with mode 0644 or 0755,
 * no owner, the one given mtime, gzip with no name, no time and the OS byte fixed ("portable" in node-tar).
 * Defensive: before anything is written, every entry is listed and must be a regular file or a directory with a
 * plain relative path; a link, a device, an absolute path or a `..` refuses the whole archive.
 */
import { mkdirSync } from "node:fs";
import type { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import * as tar from "tar";

export type ArchiveFile = { path: string; executable: boolean };

const maxEntries = 50_000;
const maxUnpackedBytes = 1024 * 1024 * 1024;

/** Packs `files` (paths relative to `cwd`) into a deterministic .tar.gz. */
export async function packReproducibly(cwd: string, files: readonly ArchiveFile[], mtime: Date): Promise<Buffer> {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const executable = new Set(sorted.filter((f) => f.executable).map((f) => f.path));
  const pack = tar.c(
    {
      cwd,
      gzip: true,
      portable: true,
      mtime,
      noDirRecurse: true,
      strict: true,
      // INVARIANT: the mode comes from git's record (executable or not), never from this checkout's umask.
      onWriteEntry: (entry) => {
        if (entry.type !== "File") throw new Error(`\`${entry.path}\` is not a regular file; a release holds regular files only`);
        if (entry.stat) entry.stat.mode = (entry.stat.mode & ~0o7777) | (executable.has(entry.path) ? 0o755 : 0o644);
      },
    },
    sorted.map((f) => f.path),
  );
  return buffer(pack as unknown as Readable);
}

/** Lists the archive and refuses it unless every entry is a plain file or directory inside the target. */
export function checkArchive(file: string): { ok: true; files: number; bytes: number } | { ok: false; reason: string } {
  const problems: string[] = [];
  let files = 0;
  let bytes = 0;
  try {
    tar.t({
      file,
      sync: true,
      strict: true,
      onReadEntry: (entry) => {
        files += 1;
        bytes += entry.size;
        const problem = entryProblem(entry.type, entry.path);
        if (problem) problems.push(problem);
      },
    });
  } catch (error) {
    return { ok: false, reason: `the archive cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (files === 0) return { ok: false, reason: "the archive is empty" };
  if (files > maxEntries) return { ok: false, reason: `the archive holds ${files} entries (at most ${maxEntries})` };
  if (bytes > maxUnpackedBytes) return { ok: false, reason: `the archive unpacks to ${bytes} bytes (at most ${maxUnpackedBytes})` };
  if (problems.length > 0) return { ok: false, reason: problems.slice(0, 3).join("; ") };
  return { ok: true, files, bytes };
}

/**
 * Unpacks an archive that `checkArchive` accepted into `dir` (which must be new). Synchronous: node-tar's sync mode
 * costs a third of the CPU of its async one for a release's ~1,000 small files, and only the CLI unpacks.
 */
export function unpackArchive(file: string, dir: string): void {
  const checked = checkArchive(file);
  if (!checked.ok) throw new Error(checked.reason);
  mkdirSync(dir, { recursive: false, mode: 0o755 });
  tar.x({
    file,
    sync: true,
    cwd: dir,
    strict: true,
    preservePaths: false,
    preserveOwner: false,
    // Defence in depth: checkArchive already refused every other type.
    filter: (_path, entry) => "type" in entry && (entry.type === "File" || entry.type === "Directory"),
  });
}

function entryProblem(type: string, path: string): string | undefined {
  if (type !== "File" && type !== "Directory") return `\`${path}\` is a ${type}, not a regular file`;
  if (path.includes("\0") || path.includes("\\")) return `\`${path}\` has a character a release path never has`;
  if (path.startsWith("/")) return `\`${path}\` is an absolute path`;
  if (path.split("/").some((part) => part === "..")) return `\`${path}\` climbs out of the release directory`;
  return undefined;
}

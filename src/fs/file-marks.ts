/**
 * What the agent wrote into the workspace, remembered past the session that wrote it. A write by the `write` or
 * `edit` tool leaves a mark: the file's identity as the file layer resolved it (the workspace's real path, the
 * file's path inside it — `./r.md`, `sub//r.md` and `/abs/ws/r.md` are one file) and the SHA-256 of the bytes
 * written, with the labels of the context the content was composed in. A later read of the same bytes — in
 * another session, after `/new`, in a scheduled job — carries those labels: links in the file are the model's,
 * not the owner's, and content composed next to a secret reads back as secret.
 *
 * INVARIANT: a mark follows the bytes, not the name. A change by anyone else (the owner's editor) changes the hash
 * and the file is the owner's again; the same bytes under another name (a copy, a rename) keep the mark when the
 * content is long enough to be the agent's own (`MinMovedBytes`), so tiny common contents (an empty file, "ok")
 * do not mark the owner's files.
 */
import { lstatSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import type { Migration } from "../state/database.ts";

export const fileMarkMigrations: readonly Migration[] = [
  { id: "fs-marks-001", sql: `CREATE TABLE IF NOT EXISTS fs_marks (
     workspace TEXT NOT NULL,
     path TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     size INTEGER NOT NULL,
     confidentiality TEXT NOT NULL CHECK (confidentiality IN ('public', 'private', 'secret')),
     tainted INTEGER NOT NULL,
     written_at INTEGER NOT NULL,
     PRIMARY KEY (workspace, path, sha256)
   )` },
  { id: "fs-marks-002", sql: `CREATE INDEX IF NOT EXISTS fs_marks_content ON fs_marks (workspace, sha256)` },
  { id: "fs-marks-003", sql: `ALTER TABLE fs_marks ADD COLUMN unasked INTEGER NOT NULL DEFAULT 0` },
  { id: "fs-marks-004", sql: `ALTER TABLE fs_marks ADD COLUMN source TEXT` },
  // Marks from before this column: whatever made them tainted may have come from outside.
  { id: "fs-marks-005", sql: `ALTER TABLE fs_marks ADD COLUMN outside INTEGER NOT NULL DEFAULT 0; UPDATE fs_marks SET outside = tainted` },
];

/**
 * The labels of the context a write was composed in. `unasked`: the context held private data nobody asked for
 * (a file an injection pointed at) — naming the written file later does not ask for that data. `outside`: the
 * context held content from outside the owner's own files (a page, a message, a service's answer, command output),
 * so an injection there may have chosen what of the context's private data the bytes carry. `source`: where the
 * context's first untrusted content came from (`https://x.example/page`), to tell the owner; never a boundary.
 */
export type FileMark = { confidentiality: "public" | "private" | "secret"; tainted: boolean; unasked?: boolean; outside?: boolean; source?: string };

/** A file by resolved identity: its path inside the workspace as the file layer resolved it, and its content hash. */
export type FileIdentity = { path: string; sha256: string; size: number };

/** Marks of one workspace. Must never forget a mark it still holds room for; a lookup that fails is a throw, not "unmarked". */
export interface FileMarks {
  record(file: FileIdentity, mark: FileMark): void;
  /** The strongest mark on these bytes at this path (or anywhere in the workspace, for content of MinMovedBytes or more). */
  find(file: FileIdentity): FileMark | undefined;
  /** The strongest mark ever recorded at this path, whatever bytes it was on (an edit keeps the rest of the file). */
  findAtPath(path: string): FileMark | undefined;
  /**
   * The marked files at or below each of `paths` (paths inside the workspace, as recorded; "" is the workspace
   * itself: every mark), at most `limit` of them;
   * `complete` is false when more exist.
   */
  listUnder(paths: readonly string[], limit: number): { files: MarkedFile[]; complete: boolean };
  /**
   * Marks every file at or below `prefix` ("" is the whole workspace) whose status changed between `sinceMs` and
   * `untilMs` (wall clock, as file ctimes are): what a command changed when there were too many files to mark one
   * by one. A later change by anyone moves the file's ctime out of the window, and the file is the owner's again.
   */
  recordWindow(prefix: string, sinceMs: number, untilMs: number, mark: FileMark): void;
}

/** A mark with the bytes it was recorded on. */
export type MarkedFile = FileIdentity & FileMark;

/** Content at least this long keeps its mark under another name. */
export const MinMovedBytes = 64;
/**
 * Marks kept per workspace. Past it the weakest go first, the oldest of them first (the file is then the owner's,
 * as before marks existed): flooding the workspace with files written from a merely untrusted context does not
 * push out a mark of bytes composed next to a secret.
 */
export const MaxMarks = 20_000;
/** The table is trimmed back to MaxMarks once per this many writes, so it never holds more than the sum. */
export const PruneEvery = 256;

const rank = { public: 0, private: 1, secret: 2 } as const;

type Row = { confidentiality: FileMark["confidentiality"]; tainted: number; unasked: number; outside: number; source: string | null };

function markOf(r: Row): FileMark {
  return {
    confidentiality: r.confidentiality, tainted: Number(r.tainted) !== 0, ...(Number(r.unasked) !== 0 ? { unasked: true } : {}),
    ...(Number(r.outside) !== 0 ? { outside: true } : {}), ...(typeof r.source === "string" ? { source: r.source } : {}),
  };
}

export function createFileMarks(options: { db: DatabaseSync; workspace: string; now?: () => number }): FileMarks {
  const { db, workspace } = options;
  const now = options.now ?? Date.now;
  // A rewrite of the same bytes keeps the strongest labels it was ever composed under.
  const upsert = db.prepare(`INSERT INTO fs_marks (workspace, path, sha256, size, confidentiality, tainted, unasked, outside, source, written_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (workspace, path, sha256) DO UPDATE SET
      confidentiality = CASE WHEN excluded.confidentiality = 'secret' OR fs_marks.confidentiality = 'secret' THEN 'secret'
                             WHEN excluded.confidentiality = 'private' OR fs_marks.confidentiality = 'private' THEN 'private' ELSE 'public' END,
      tainted = MAX(fs_marks.tainted, excluded.tainted), unasked = MAX(fs_marks.unasked, excluded.unasked),
      outside = MAX(fs_marks.outside, excluded.outside), source = COALESCE(excluded.source, fs_marks.source), written_at = excluded.written_at`);
  const prune = db.prepare(`DELETE FROM fs_marks WHERE workspace = ? AND rowid IN
    (SELECT rowid FROM fs_marks WHERE workspace = ? ORDER BY
      CASE confidentiality WHEN 'secret' THEN 2 WHEN 'private' THEN 1 ELSE 0 END DESC, tainted DESC, written_at DESC LIMIT -1 OFFSET ?)`);
  const atPath = db.prepare(`SELECT confidentiality, tainted, unasked, outside, source FROM fs_marks WHERE workspace = ? AND path = ? LIMIT 64`);
  const lookup = db.prepare(`SELECT confidentiality, tainted, unasked, outside, source FROM fs_marks WHERE workspace = ? AND sha256 = ? AND (path = ? OR size >= ?) LIMIT 64`);

  const windows = db.prepare(`SELECT path, sha256, confidentiality, tainted, unasked, outside, source FROM fs_marks WHERE workspace = ? AND sha256 >= '${WindowTag}' AND sha256 < '${WindowEnd}' LIMIT 64`);
  const under = db.prepare(`SELECT path, sha256, size, confidentiality, tainted, unasked, outside, source FROM fs_marks
    WHERE workspace = ? AND (path = ? OR substr(path, 1, length(?)) = ?) LIMIT ?`);

  let sincePrune = PruneEvery - 1;
  const record = (file: FileIdentity, mark: FileMark): void => {
    upsert.run(workspace, file.path, file.sha256, file.size, mark.confidentiality, mark.tainted ? 1 : 0, mark.unasked === true ? 1 : 0, mark.outside === true ? 1 : 0, mark.tainted ? (mark.source ?? null) : null, now());
    if (++sincePrune < PruneEvery) return;
    sincePrune = 0;
    prune.run(workspace, workspace, MaxMarks);
  };
  return {
    record,
    find(file) {
      return strongerOf(strongest(lookup.all(workspace, file.sha256, file.path, MinMovedBytes) as Row[]), windowMark(file.path));
    },
    findAtPath(path) {
      return strongerOf(strongest(atPath.all(workspace, path) as Row[]), windowMark(path));
    },
    recordWindow(prefix, sinceMs, untilMs, mark) {
      record({ path: prefix, sha256: `${WindowTag}${Math.floor(sinceMs)}:${Math.ceil(untilMs)}`, size: 0 }, mark);
    },
    listUnder(paths, limit) {
      const files = new Map<string, MarkedFile>();
      let complete = true;
      for (const p of new Set(paths)) {
        // "" is the workspace itself: every path is below it.
        const dir = p === "" || p.endsWith("/") ? p : `${p}/`;
        const rows = under.all(workspace, p, dir, dir, limit + 1) as (Row & { path: string; sha256: string; size: number })[];
        if (rows.length > limit) complete = false;
        for (const r of rows.slice(0, limit)) {
          files.set(`${r.path}\0${r.sha256}`, { path: r.path, sha256: r.sha256, size: Number(r.size), ...markOf(r) });
        }
      }
      // A window over a parent of a path covers files below it too.
      for (const r of windows.all(workspace) as (Row & { path: string; sha256: string })[]) {
        if ([...paths].some((p) => isAtOrBelow(p, r.path))) {
          files.set(`${r.path}\0${r.sha256}`, { path: r.path, sha256: r.sha256, size: 0, ...markOf(r) });
        }
      }
      return { files: [...files.values()].slice(0, limit), complete: complete && files.size <= limit };
    },
  };

  /** The marks of the windows over `path` whose time span holds the file's last status change. */
  function windowMark(path: string): FileMark | undefined {
    const rows = windows.all(workspace) as (Row & { path: string; sha256: string })[];
    if (rows.length === 0) return undefined;
    let ctime: number | undefined;
    try {
      ctime = lstatSync(join(realpathSync(workspace), path)).ctimeMs;
    } catch {
      // A file that cannot be looked at is inside every window over it.
    }
    return strongest(rows.filter((r) => {
      if (!isAtOrBelow(path, r.path)) return false;
      const [since, until] = r.sha256.slice(WindowTag.length).split(":").map(Number);
      return ctime === undefined || since === undefined || until === undefined || (ctime >= since && ctime <= until);
    }));
  }

  function strongest(rows: Row[]): FileMark | undefined {
    let mark: FileMark | undefined;
    for (const r of rows) mark = strongerMark(markOf(r), mark);
    return mark;
  }
}

/** Whether a workspace path is `prefix` or below it ("" is the workspace itself). */
function isAtOrBelow(path: string, prefix: string): boolean {
  return prefix === "" || path === prefix || path.startsWith(`${prefix}/`);
}

function strongerOf(a: FileMark | undefined, b: FileMark | undefined): FileMark | undefined {
  return a === undefined ? b : strongerMark(a, b);
}

/** The hash column of a window mark (`recordWindow`) starts with this; no SHA-256 in hex does. */
const WindowTag = "window:";
const WindowEnd = "window;";

/** Whether a recorded mark is a window over many files rather than one file's bytes. */
export function isWindowMark(file: { sha256: string }): boolean {
  return file.sha256.startsWith(WindowTag);
}

/** A mark that says nothing: written from a trusted context that held nothing private (the owner's own bytes). */
export function isBlankMark(mark: FileMark): boolean {
  return !mark.tainted && mark.confidentiality === "public";
}

/** The stronger of two marks: the higher confidentiality, tainted (unasked) if either is; the untrusted source of either. */
export function strongerMark(a: FileMark, b: FileMark | undefined): FileMark {
  if (b === undefined) return a;
  const confidentiality = rank[b.confidentiality] > rank[a.confidentiality] ? b.confidentiality : a.confidentiality;
  const source = (a.tainted ? a.source : undefined) ?? (b.tainted ? b.source : undefined);
  return {
    confidentiality, tainted: a.tainted || b.tainted,
    ...(a.unasked === true || b.unasked === true ? { unasked: true } : {}), ...(a.outside === true || b.outside === true ? { outside: true } : {}),
    ...(source !== undefined ? { source } : {}),
  };
}

/**
 * Where a command or script may read, as marks are recorded: paths inside the workspace's real root (the root
 * itself is ""). Paths outside it hold no marks and are left out.
 */
export function markScope(workspace: string, paths: readonly string[]): { root: string; paths: string[] } {
  const root = realpathSync(workspace);
  const inside = paths.map((p) => relative(root, p)).filter((rel) => rel === "" || (!rel.startsWith("..") && !isAbsolute(rel)));
  return { root, paths: [...new Set(inside)] };
}

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
];

/** The labels of the context a write was composed in. */
export type FileMark = { confidentiality: "public" | "private" | "secret"; tainted: boolean };

/** A file by resolved identity: its path inside the workspace as the file layer resolved it, and its content hash. */
export type FileIdentity = { path: string; sha256: string; size: number };

/** Marks of one workspace. Must never forget a mark it still holds room for; a lookup that fails is a throw, not "unmarked". */
export interface FileMarks {
  record(file: FileIdentity, mark: FileMark): void;
  /** The strongest mark on these bytes at this path (or anywhere in the workspace, for content of MinMovedBytes or more). */
  find(file: FileIdentity): FileMark | undefined;
  /** The strongest mark ever recorded at this path, whatever bytes it was on (an edit keeps the rest of the file). */
  findAtPath(path: string): FileMark | undefined;
}

/** Content at least this long keeps its mark under another name. */
export const MinMovedBytes = 64;
/** Marks kept per workspace; the oldest go first (the file is then the owner's, as before marks existed). */
export const MaxMarks = 20_000;
/** The table is trimmed back to MaxMarks once per this many writes, so it never holds more than the sum. */
export const PruneEvery = 256;

const rank = { public: 0, private: 1, secret: 2 } as const;

type Row = { confidentiality: FileMark["confidentiality"]; tainted: number };

export function createFileMarks(options: { db: DatabaseSync; workspace: string; now?: () => number }): FileMarks {
  const { db, workspace } = options;
  const now = options.now ?? Date.now;
  // A rewrite of the same bytes keeps the strongest labels it was ever composed under.
  const upsert = db.prepare(`INSERT INTO fs_marks (workspace, path, sha256, size, confidentiality, tainted, written_at) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (workspace, path, sha256) DO UPDATE SET
      confidentiality = CASE WHEN excluded.confidentiality = 'secret' OR fs_marks.confidentiality = 'secret' THEN 'secret'
                             WHEN excluded.confidentiality = 'private' OR fs_marks.confidentiality = 'private' THEN 'private' ELSE 'public' END,
      tainted = MAX(fs_marks.tainted, excluded.tainted), written_at = excluded.written_at`);
  const prune = db.prepare(`DELETE FROM fs_marks WHERE workspace = ? AND rowid IN
    (SELECT rowid FROM fs_marks WHERE workspace = ? ORDER BY written_at DESC LIMIT -1 OFFSET ?)`);
  const atPath = db.prepare(`SELECT confidentiality, tainted FROM fs_marks WHERE workspace = ? AND path = ? LIMIT 64`);
  const lookup = db.prepare(`SELECT confidentiality, tainted FROM fs_marks WHERE workspace = ? AND sha256 = ? AND (path = ? OR size >= ?) LIMIT 64`);

  let sincePrune = PruneEvery - 1;
  return {
    record(file, mark) {
      upsert.run(workspace, file.path, file.sha256, file.size, mark.confidentiality, mark.tainted ? 1 : 0, now());
      if (++sincePrune < PruneEvery) return;
      sincePrune = 0;
      prune.run(workspace, workspace, MaxMarks);
    },
    find(file) {
      return strongest(lookup.all(workspace, file.sha256, file.path, MinMovedBytes) as Row[]);
    },
    findAtPath(path) {
      return strongest(atPath.all(workspace, path) as Row[]);
    },
  };

  function strongest(rows: Row[]): FileMark | undefined {
    let mark: FileMark | undefined;
    for (const r of rows) mark = strongerMark({ confidentiality: r.confidentiality, tainted: Number(r.tainted) !== 0 }, mark);
    return mark;
  }
}

/** The stronger of two marks: the higher confidentiality, tainted if either is. */
export function strongerMark(a: FileMark, b: FileMark | undefined): FileMark {
  if (b === undefined) return a;
  return { confidentiality: rank[b.confidentiality] > rank[a.confidentiality] ? b.confidentiality : a.confidentiality, tainted: a.tainted || b.tainted };
}

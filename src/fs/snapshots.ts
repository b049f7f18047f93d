/**
 * Snapshots of workspace files taken before every overwrite or delete (and a marker for every creation),
 * so `warden undo` can put things back. Rows live in SQLite; contents are files (0600) in a 0700 directory
 * in Warden's state dir, never inside the workspace.
 */
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { ErrorCode, WardenError } from "../core/errors.ts";
import type { Migration } from "../state/database.ts";
import { ensurePrivateDir } from "../ops/secrets/private-files.ts";

/** The snapshot tables; the state database applies them with every store's migrations. */
export const snapshotMigrations: readonly Migration[] = [
  { id: "snapshots-001", sql: `CREATE TABLE IF NOT EXISTS fs_snapshots (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     workspace TEXT NOT NULL,
     path TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('overwrite', 'delete', 'create')),
     size INTEGER NOT NULL,
     sha256 TEXT,
     mode INTEGER,
     created_at INTEGER NOT NULL,
     restored_at INTEGER
   )` },
  { id: "snapshots-002", sql: `CREATE INDEX IF NOT EXISTS fs_snapshots_workspace ON fs_snapshots (workspace, id)` },
  // The file's real path when it was changed: what undo acts on (null on rows from before it was kept).
  { id: "snapshots-003", sql: `ALTER TABLE fs_snapshots ADD COLUMN real_path TEXT` },
];

/** `overwrite`/`delete` keep the previous content; `create` records that the file did not exist before. */
export type SnapshotKind = "overwrite" | "delete" | "create";

/** `path` as the change named it; `realPath` the file's real path then (workspace-relative), which undo acts on. */
export type Snapshot = {
  id: number;
  workspace: string;
  path: string;
  realPath: string | null;
  kind: SnapshotKind;
  size: number;
  sha256: string | null;
  mode: number | null;
  createdAt: number;
  restoredAt: number | null;
};

export type SaveSnapshot = { workspace: string; path: string; realPath?: string; kind: SnapshotKind; content: Uint8Array | null; mode?: number };

/** Stores snapshots. Must never write inside a workspace, and never lose a row's content while the row exists. */
export interface SnapshotStore {
  save(input: SaveSnapshot): Snapshot;
  get(id: number): Snapshot | undefined;
  /** The saved content (null for `create`). Throws when the content file is gone or altered. */
  content(id: number): Uint8Array | null;
  /** Newest first. */
  list(options?: { workspace?: string; limit?: number; includeRestored?: boolean }): Snapshot[];
  markRestored(id: number): void;
  /** Drops a snapshot whose operation failed before it changed anything. */
  discard(id: number): void;
}

type Row = {
  id: number;
  workspace: string;
  path: string;
  real_path: string | null;
  kind: string;
  size: number;
  sha256: string | null;
  mode: number | null;
  created_at: number;
  restored_at: number | null;
};

function toSnapshot(row: Row): Snapshot {
  return {
    id: Number(row.id),
    workspace: row.workspace,
    path: row.path,
    realPath: row.real_path ?? null,
    kind: row.kind as SnapshotKind,
    size: Number(row.size),
    sha256: row.sha256,
    mode: row.mode === null ? null : Number(row.mode),
    createdAt: Number(row.created_at),
    restoredAt: row.restored_at === null ? null : Number(row.restored_at),
  };
}

export function createSnapshotStore(options: { db: DatabaseSync; dir: string; now?: () => number }): SnapshotStore {
  const { db, dir } = options;
  const now = options.now ?? Date.now;
  ensurePrivateDir(dir);

  const insert = db.prepare(
    "INSERT INTO fs_snapshots (workspace, path, real_path, kind, size, sha256, mode, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
  );
  const byId = db.prepare("SELECT * FROM fs_snapshots WHERE id = ?");
  const restore = db.prepare("UPDATE fs_snapshots SET restored_at = ? WHERE id = ?");
  const remove = db.prepare("DELETE FROM fs_snapshots WHERE id = ?");
  const fileOf = (id: number): string => join(dir, `${id}.snap`);

  return {
    save(input) {
      const sha = input.content === null ? null : createHash("sha256").update(input.content).digest("hex");
      const row = insert.get(input.workspace, input.path, input.realPath ?? null, input.kind, input.content?.length ?? 0, sha, input.mode ?? null, now()) as Row;
      const snap = toSnapshot(row);
      if (input.content !== null) {
        try {
          writeFileSync(fileOf(snap.id), input.content, { mode: 0o600, flag: "wx" });
        } catch (error) {
          remove.run(snap.id);
          throw new WardenError(ErrorCode.Internal, `could not keep a snapshot of \`${input.path}\`; nothing was changed`, { cause: error });
        }
      }
      return snap;
    },
    get(id) {
      const row = byId.get(id) as Row | undefined;
      return row === undefined ? undefined : toSnapshot(row);
    },
    content(id) {
      const snap = this.get(id);
      if (snap === undefined) throw new WardenError(ErrorCode.NotFound, `no snapshot \`${id}\`; see \`warden undo --list\``);
      if (snap.sha256 === null) return null;
      const data = readFileSync(fileOf(id));
      if (createHash("sha256").update(data).digest("hex") !== snap.sha256) {
        throw new WardenError(ErrorCode.StateUnsafe, `snapshot \`${id}\` was altered on disk; refusing to restore it`);
      }
      return data;
    },
    list(opts = {}) {
      const clauses: string[] = [];
      const params: Array<string | number> = [];
      if (opts.workspace !== undefined) {
        clauses.push("workspace = ?");
        params.push(opts.workspace);
      }
      if (opts.includeRestored !== true) clauses.push("restored_at IS NULL");
      const where = clauses.length === 0 ? "" : `WHERE ${clauses.join(" AND ")}`;
      params.push(opts.limit ?? 100);
      const rows = db.prepare(`SELECT * FROM fs_snapshots ${where} ORDER BY id DESC LIMIT ?`).all(...params) as Row[];
      return rows.map(toSnapshot);
    },
    markRestored(id) {
      restore.run(now(), id);
    },
    discard(id) {
      remove.run(id);
      rmSync(fileOf(id), { force: true });
    },
  };
}

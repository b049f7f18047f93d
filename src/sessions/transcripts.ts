/**
 * Session transcripts in SQLite. Every read is scoped to one session key: there is no query that returns
 * another session's messages.
 */
import type { DatabaseSync } from "node:sqlite";
import type { Migration } from "../state/database.ts";
import type { ChatMessage } from "../providers/types.ts";

export const transcriptMigrations: readonly Migration[] = [
  {
    id: "transcripts-001",
    sql: `CREATE TABLE sessions (
            key TEXT PRIMARY KEY, channel TEXT NOT NULL, peer TEXT NOT NULL,
            created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
          CREATE TABLE messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT, session_key TEXT NOT NULL REFERENCES sessions(key) ON DELETE CASCADE,
            at INTEGER NOT NULL, source TEXT NOT NULL, body TEXT NOT NULL);
          CREATE INDEX messages_by_session ON messages(session_key, id);`,
  },
  {
    // The session's labels (integrity, confidentiality, origins): sticky until the owner resets the session.
    id: "transcripts-002",
    sql: `CREATE TABLE session_labels (key TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at INTEGER NOT NULL);`,
  },
];

export type StoredMessage = { message: ChatMessage; source: string; at: number };

export type TranscriptStore = {
  append(key: { key: string; channel: string; peer: string }, entries: readonly StoredMessage[]): void;
  history(sessionKey: string, limit?: number): StoredMessage[];
  listSessions(): { key: string; channel: string; peer: string; updatedAt: number }[];
  purge(sessionKey?: string): number;
  /** Channels that have sessions (for the retention sweep). */
  channels(): string[];
  /** Retention: deletes `channel`'s messages older than `beforeTs`, then its sessions left empty. Returns messages deleted. */
  pruneBefore(channel: string, beforeTs: number): number;
  /** `warden sessions purge`: deletes whole sessions (messages and the session row) matching the filter. */
  purgeSessions(filter: { sessionKey?: string; channel?: string }): { sessions: number; messages: number };
  /** The session's stored label (opaque JSON to this store), or undefined for a fresh session. */
  label(sessionKey: string): unknown;
  setLabel(sessionKey: string, label: unknown): void;
  /** `/new`, `warden sessions reset`: the session starts over, its history and labels gone. Returns messages deleted. */
  reset(sessionKey: string): number;
};

/** `seal`/`open` let transcripts be encrypted at rest; identity by default. */
export function createTranscriptStore(deps: {
  db: DatabaseSync;
  clock: () => number;
  seal?: (plain: string) => string;
  open?: (sealed: string) => string;
}): TranscriptStore {
  const { db, clock } = deps;
  const seal = deps.seal ?? ((s: string) => s);
  const open = deps.open ?? ((s: string) => s);
  const upsert = db.prepare(
    `INSERT INTO sessions (key, channel, peer, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET updated_at = excluded.updated_at`,
  );
  const insert = db.prepare("INSERT INTO messages (session_key, at, source, body) VALUES (?, ?, ?, ?)");
  const select = db.prepare(
    "SELECT at, source, body FROM (SELECT id, at, source, body FROM messages WHERE session_key = ? ORDER BY id DESC LIMIT ?) ORDER BY id ASC",
  );
  return {
    append(key, entries) {
      const now = clock();
      db.exec("BEGIN");
      try {
        upsert.run(key.key, key.channel, key.peer, now, now);
        for (const e of entries) insert.run(key.key, e.at, e.source, seal(JSON.stringify(e.message)));
        db.exec("COMMIT");
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    },
    history(sessionKey, limit = 200) {
      const rows = select.all(sessionKey, limit) as { at: number; source: string; body: string }[];
      return rows.map((r) => ({ at: r.at, source: r.source, message: JSON.parse(open(r.body)) as ChatMessage }));
    },
    listSessions() {
      const rows = db.prepare("SELECT key, channel, peer, updated_at AS updatedAt FROM sessions ORDER BY updated_at DESC").all();
      return rows as { key: string; channel: string; peer: string; updatedAt: number }[];
    },
    channels() {
      return (db.prepare("SELECT DISTINCT channel FROM sessions ORDER BY channel").all() as { channel: string }[]).map((r) => r.channel);
    },
    pruneBefore(channel, beforeTs) {
      return inTransaction(db, () => {
        const removed = Number(
          db.prepare("DELETE FROM messages WHERE at < ? AND session_key IN (SELECT key FROM sessions WHERE channel = ?)").run(beforeTs, channel).changes,
        );
        // A session row names its peer (a phone number, a user id): it goes with its last message.
        db.prepare("DELETE FROM sessions WHERE channel = ? AND updated_at < ? AND NOT EXISTS (SELECT 1 FROM messages WHERE session_key = sessions.key)").run(channel, beforeTs);
        return removed;
      });
    },
    purgeSessions(filter) {
      return inTransaction(db, () => {
        const where: string[] = [];
        const args: string[] = [];
        if (filter.sessionKey !== undefined) {
          where.push("key = ?");
          args.push(filter.sessionKey);
        }
        if (filter.channel !== undefined) {
          where.push("channel = ?");
          args.push(filter.channel);
        }
        const clause = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
        const messages = Number(db.prepare(`DELETE FROM messages WHERE session_key IN (SELECT key FROM sessions ${clause})`).run(...args).changes);
        db.prepare(`DELETE FROM session_labels WHERE key IN (SELECT key FROM sessions ${clause})`).run(...args);
        const sessions = Number(db.prepare(`DELETE FROM sessions ${clause}`).run(...args).changes);
        return { sessions, messages };
      });
    },
    label(sessionKey) {
      const row = db.prepare("SELECT body FROM session_labels WHERE key = ?").get(sessionKey) as { body: string } | undefined;
      return row === undefined ? undefined : (JSON.parse(open(row.body)) as unknown);
    },
    setLabel(sessionKey, label) {
      db.prepare("INSERT INTO session_labels (key, body, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at")
        .run(sessionKey, seal(JSON.stringify(label)), clock());
    },
    reset(sessionKey) {
      return inTransaction(db, () => {
        const removed = Number(db.prepare("DELETE FROM messages WHERE session_key = ?").run(sessionKey).changes);
        db.prepare("DELETE FROM session_labels WHERE key = ?").run(sessionKey);
        return removed;
      });
    },
    purge(sessionKey) {
      const result = sessionKey === undefined
        ? db.prepare("DELETE FROM messages").run()
        : db.prepare("DELETE FROM messages WHERE session_key = ?").run(sessionKey);
      if (sessionKey === undefined) db.prepare("DELETE FROM session_labels").run();
      else db.prepare("DELETE FROM session_labels WHERE key = ?").run(sessionKey);
      return Number(result.changes);
    },
  };
}

function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = work();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}

/**
 * Seals every message body still stored in the clear (written before transcripts were encrypted). Run once
 * at start, before the store is opened with `open`, which refuses unsealed bodies. Returns how many it sealed.
 */
export function sealPlaintextMessages(db: DatabaseSync, seal: (plain: string) => string, isSealed: (body: string) => boolean): number {
  const rows = db.prepare("SELECT id, body FROM messages").all() as { id: number; body: string }[];
  const pending = rows.filter((r) => !isSealed(r.body));
  if (pending.length === 0) return 0;
  const update = db.prepare("UPDATE messages SET body = ? WHERE id = ?");
  return inTransaction(db, () => {
    for (const r of pending) update.run(seal(r.body), r.id);
    return pending.length;
  });
}

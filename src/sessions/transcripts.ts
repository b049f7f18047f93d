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
];

export type StoredMessage = { message: ChatMessage; source: string; at: number };

export type TranscriptStore = {
  append(key: { key: string; channel: string; peer: string }, entries: readonly StoredMessage[]): void;
  history(sessionKey: string, limit?: number): StoredMessage[];
  listSessions(): { key: string; channel: string; peer: string; updatedAt: number }[];
  purge(sessionKey?: string): number;
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
    purge(sessionKey) {
      const result = sessionKey === undefined
        ? db.prepare("DELETE FROM messages").run()
        : db.prepare("DELETE FROM messages WHERE session_key = ?").run(sessionKey);
      return Number(result.changes);
    },
  };
}

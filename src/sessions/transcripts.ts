/**
 * Session transcripts in SQLite. Every read is scoped to one session key: there is no query that returns
 * another session's messages.
 *
 * Writes append: a turn inserts its new messages, each sealed on its own; nothing stored is re-encoded. Reads are
 * incremental: `history` asks SQLite for the window's row ids, times, sources and body lengths (the length is in
 * the record's header: no body is read), and opens only the rows it has not decoded before. Decoded messages are
 * kept per session in a cache bounded by characters (least recently read sessions go first) and by idle time.
 * A row that changed under the gateway (another process reset, pruned or purged the session, or wrote a body
 * again) shows as new or missing ids or a different length, and is read again. Warden never rewrites a stored body
 * in place; one rewritten with the same length (by hand) is served as it was first read and verified until it
 * leaves the cache, then read (and refused if it does not verify): the cache only ever returns what was verified.
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
  /** Bound of the decoded-history cache (characters of message text, summed over sessions); 0 turns it off. */
  cacheChars?: number;
  /** A session's decoded history not read for this long is dropped from the cache. */
  cacheIdleMs?: number;
}): TranscriptStore {
  const { db, clock } = deps;
  const seal = deps.seal ?? ((s: string) => s);
  const open = deps.open ?? ((s: string) => s);
  const cache = createHistoryCache(deps.cacheChars ?? DEFAULT_CACHE_CHARS, deps.cacheIdleMs ?? DEFAULT_CACHE_IDLE_MS, clock);
  const upsert = db.prepare(
    `INSERT INTO sessions (key, channel, peer, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET updated_at = excluded.updated_at`,
  );
  const insert = db.prepare("INSERT INTO messages (session_key, at, source, body) VALUES (?, ?, ?, ?)");
  // The window's rows without their bodies: the (session_key, id) index finds them. `octet_length` is read from
  // the record's header; any function of the body's text (substr, length) would read all of it (20 ms for 60 rows
  // of 130 KB, measured), which is the work this avoids.
  const selectWindow = db.prepare("SELECT id, at, source, octet_length(body) AS size FROM messages WHERE session_key = ? ORDER BY id DESC LIMIT ?");
  const selectBodies = db.prepare("SELECT id, body FROM messages WHERE session_key = ? AND id IN (SELECT value FROM json_each(?))");
  // Read and written after every tool call of a turn: prepared once (at first use), not at every call.
  const selectLabel = db.prepare("SELECT body FROM session_labels WHERE key = ?");
  const upsertLabel = db.prepare("INSERT INTO session_labels (key, body, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at");
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
      const rows = (selectWindow.all(sessionKey, limit) as WindowRow[]).reverse();
      const known = cache.take(sessionKey);
      const decoded = new Map<number, CachedMessage>();
      const missing = new Map<number, WindowRow>();
      for (const r of rows) {
        const hit = known?.get(r.id);
        if (hit !== undefined && hit.size === r.size) decoded.set(r.id, hit);
        else missing.set(r.id, r);
      }
      if (missing.size > 0) {
        const bodies = selectBodies.all(sessionKey, JSON.stringify([...missing.keys()])) as { id: number; body: string }[];
        for (const b of bodies) {
          const row = missing.get(b.id);
          if (row === undefined) continue;
          const message = deepFreeze(JSON.parse(open(b.body)) as ChatMessage);
          // The length the window's read saw: a body rewritten between the two statements is read again next time.
          decoded.set(b.id, { size: row.size, message, chars: charsOf(message) });
        }
      }
      cache.put(sessionKey, decoded);
      const out: StoredMessage[] = [];
      for (const r of rows) {
        const entry = decoded.get(r.id);
        // A row deleted between the two statements (a retention sweep in another process) is simply gone.
        if (entry !== undefined) out.push({ at: r.at, source: r.source, message: entry.message });
      }
      return out;
    },
    listSessions() {
      const rows = db.prepare("SELECT key, channel, peer, updated_at AS updatedAt FROM sessions ORDER BY updated_at DESC").all();
      return rows as { key: string; channel: string; peer: string; updatedAt: number }[];
    },
    channels() {
      return (db.prepare("SELECT DISTINCT channel FROM sessions ORDER BY channel").all() as { channel: string }[]).map((r) => r.channel);
    },
    pruneBefore(channel, beforeTs) {
      cache.clear();
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
      cache.clear();
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
      const row = selectLabel.get(sessionKey) as { body: string } | undefined;
      return row === undefined ? undefined : (JSON.parse(open(row.body)) as unknown);
    },
    setLabel(sessionKey, label) {
      upsertLabel.run(sessionKey, seal(JSON.stringify(label)), clock());
    },
    reset(sessionKey) {
      cache.take(sessionKey);
      return inTransaction(db, () => {
        const removed = Number(db.prepare("DELETE FROM messages WHERE session_key = ?").run(sessionKey).changes);
        db.prepare("DELETE FROM session_labels WHERE key = ?").run(sessionKey);
        return removed;
      });
    },
    purge(sessionKey) {
      if (sessionKey === undefined) cache.clear();
      else cache.take(sessionKey);
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

/** 16 M characters: the recent sessions of a busy gateway; a session larger than this is read, not kept. */
const DEFAULT_CACHE_CHARS = 16_000_000;
const DEFAULT_CACHE_IDLE_MS = 30_000;

type WindowRow = { id: number; at: number; source: string; size: number };
type CachedMessage = { size: number; message: ChatMessage; chars: number };

function charsOf(m: ChatMessage): number {
  let n = m.content.length + 64;
  if (m.role === "assistant") for (const c of m.toolCalls) n += c.arguments.length + c.name.length + c.id.length;
  return n;
}

/** Messages are shared between turns: frozen, so that no turn can change what another reads. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Decoded messages by session and row id. `take` removes a session's entry (the caller puts back what is still in
 * its window), so a read that throws (a body that fails its integrity check) leaves nothing stale behind.
 * INVARIANT: the characters held stay at most `maxChars`; the least recently read sessions are dropped first.
 */
function createHistoryCache(maxChars: number, idleMs: number, clock: () => number) {
  const sessions = new Map<string, { messages: Map<number, CachedMessage>; chars: number; usedAt: number }>();
  let total = 0;
  const drop = (key: string) => {
    const entry = sessions.get(key);
    if (entry === undefined) return;
    sessions.delete(key);
    total -= entry.chars;
  };
  return {
    take(key: string): Map<number, CachedMessage> | undefined {
      const entry = sessions.get(key);
      drop(key);
      return entry?.messages;
    },
    put(key: string, messages: Map<number, CachedMessage>) {
      const now = clock();
      // Map order is insertion order: the first entries are the least recently read.
      for (const [k, e] of sessions) {
        if (now - e.usedAt <= idleMs && total <= maxChars) break;
        drop(k);
      }
      let chars = 0;
      for (const m of messages.values()) chars += m.chars;
      if (chars > maxChars || maxChars <= 0) return;
      for (const k of sessions.keys()) {
        if (total + chars <= maxChars) break;
        drop(k);
      }
      sessions.set(key, { messages, chars, usedAt: now });
      total += chars;
    },
    clear() {
      sessions.clear();
      total = 0;
    },
  };
}

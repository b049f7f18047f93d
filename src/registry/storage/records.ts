/**
 * The bookkeeping every registry change shares, inside the change's own transaction: counters (sequence numbers
 * without AUTOINCREMENT), the transparency log's next entry (chained to the last one) and the audit trail.
 */
import { entryHash, GenesisHash, type LogEntry, type LogKind } from "../transparency-log.ts";
import type { SqlExecutor } from "./sql.ts";

export const Counters = ["sequence", "log", "revocations", "audit"] as const;

/** Bumps a counter and returns its new value. INVARIANT: the UPDATE takes the row's write lock until commit. */
export async function bump(tx: SqlExecutor, name: (typeof Counters)[number]): Promise<number> {
  const rows = await tx.all<{ value: number }>("UPDATE registry_counters SET value = value + 1 WHERE name = ? RETURNING value", [name]);
  const value = rows[0]?.value;
  if (value === undefined) throw new Error(`the registry counter \`${name}\` is missing (the schema was not migrated)`);
  return Number(value);
}

export async function counter(sql: SqlExecutor, name: (typeof Counters)[number]): Promise<number> {
  const rows = await sql.all<{ value: number }>("SELECT value FROM registry_counters WHERE name = ?", [name]);
  return Number(rows[0]?.value ?? 0);
}

type LogRow = { seq: number; at: number; kind: string; body: string; prev: string; hash: string };

export function toLogEntry(row: LogRow): LogEntry {
  return { seq: Number(row.seq), at: new Date(Number(row.at)).toISOString(), kind: row.kind as LogKind, body: JSON.parse(row.body) as LogEntry["body"], prev: row.prev, hash: row.hash };
}

/** Appends one entry to the transparency log, chained to the one before. */
export async function appendLog(tx: SqlExecutor, at: number, kind: LogKind, body: LogEntry["body"]): Promise<LogEntry> {
  const seq = await bump(tx, "log");
  const before = seq === 1 ? [] : await tx.all<{ hash: string }>("SELECT hash FROM registry_log WHERE seq = ?", [seq - 1]);
  const prev = seq === 1 ? GenesisHash : before[0]?.hash;
  if (prev === undefined) throw new Error(`the transparency log has no entry ${seq - 1}; refusing to append after a gap`);
  const entry = { seq, at: new Date(at).toISOString(), kind, body, prev };
  const hash = entryHash(entry);
  await tx.run("INSERT INTO registry_log (seq, at, kind, body, prev, hash) VALUES (?, ?, ?, ?, ?, ?)", [seq, at, kind, JSON.stringify(body), prev, hash]);
  return { ...entry, hash };
}

export async function readLog(sql: SqlExecutor, after: number, limit: number): Promise<LogEntry[]> {
  return (await sql.all<LogRow>("SELECT seq, at, kind, body, prev, hash FROM registry_log WHERE seq > ? ORDER BY seq LIMIT ?", [after, limit])).map(toLogEntry);
}

export async function audit(tx: SqlExecutor, at: number, actor: string, action: string, target: string, detail: string): Promise<void> {
  const seq = await bump(tx, "audit");
  await tx.run("INSERT INTO registry_audit (seq, at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)", [seq, at, actor, action, target, detail]);
}

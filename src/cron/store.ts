/**
 * Scheduled jobs in SQLite. A job remembers who created it and whether the creating turn was tainted: it runs
 * as that principal, with that taint, and only while that principal still holds its permissions.
 */
import type { DatabaseSync } from "node:sqlite";
import { Cron } from "croner";
import type { Migration } from "../state/database.ts";
import type { Principal } from "../core/types.ts";
import { parseSessionKey, type SessionAddress } from "../sessions/session-key.ts";

export const cronMigrations: readonly Migration[] = [
  {
    id: "cron-001",
    sql: `CREATE TABLE cron_jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT, created_at INTEGER NOT NULL, session_key TEXT NOT NULL,
            creator TEXT NOT NULL, tainted INTEGER NOT NULL, taint_sources TEXT NOT NULL, schedule TEXT NOT NULL,
            prompt TEXT NOT NULL, next_run INTEGER, last_run INTEGER, enabled INTEGER NOT NULL DEFAULT 1);`,
  },
  // The address the job was created in, so a run is routed without reading the key back (`addressLegacyJobs`
  // fills it once for jobs stored before).
  {
    id: "cron-002",
    sql: `ALTER TABLE cron_jobs ADD COLUMN channel TEXT;
          ALTER TABLE cron_jobs ADD COLUMN kind TEXT CHECK (kind IN ('dm', 'group'));
          ALTER TABLE cron_jobs ADD COLUMN peer TEXT;`,
  },
  // What the last run came to (answered, failed, not delivered, disabled), for `warden cron list` and the UI.
  { id: "cron-003", sql: "ALTER TABLE cron_jobs ADD COLUMN last_result TEXT;" },
  // The owner's own words in the creating turn when the model composed the prompt (JSON array; null: the prompt is
  // the creator's words, or the job predates this).
  { id: "cron-004", sql: "ALTER TABLE cron_jobs ADD COLUMN owner_words TEXT;" },
];

export type CronJob = {
  id: number;
  createdAt: number;
  sessionKey: string;
  /** Where the job was created and where it answers; null only for a job stored before addresses were (disabled). */
  address: SessionAddress | null;
  creator: Principal;
  tainted: boolean;
  taintSources: string[];
  schedule: string;
  prompt: string;
  /**
   * Set when the model composed the prompt in a trusted turn: what the owner typed in that turn. The prompt is
   * then not the owner's words (a URL or a recipient in it is the model's choice); these are.
   */
  ownerWords: string[] | null;
  nextRun: number | null;
  lastRun: number | null;
  lastResult: string | null;
  enabled: boolean;
};

const MIN_INTERVAL_MS = 60_000;

/** Parses `every 10m|2h|1d`, an ISO time (one shot), or a cron expression; the next run after `now`, or why not. */
export function nextRunOf(schedule: string, now: number): { ok: true; next: number | null; repeating: boolean } | { ok: false; error: string } {
  const s = schedule.trim();
  const every = /^every\s+(\d+)\s*(m|h|d)$/i.exec(s);
  if (every) {
    const ms = Number(every[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[(every[2] as string).toLowerCase() as "m" | "h" | "d"];
    if (ms < MIN_INTERVAL_MS) return { ok: false, error: "jobs run at most once a minute" };
    return { ok: true, next: now + ms, repeating: true };
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) {
    const t = Date.parse(s);
    if (Number.isNaN(t)) return { ok: false, error: `\`${s}\` is not a valid time` };
    return { ok: true, next: t > now ? t : null, repeating: false };
  }
  try {
    const cron = new Cron(s, { paused: true });
    const first = cron.nextRun(new Date(now));
    const second = first ? cron.nextRun(first) : null;
    if (first && second && second.getTime() - first.getTime() < MIN_INTERVAL_MS) return { ok: false, error: "jobs run at most once a minute" };
    return { ok: true, next: first ? first.getTime() : null, repeating: true };
  } catch {
    return { ok: false, error: `\`${s}\` is not a schedule: use \`every 30m\`, an ISO time, or a cron expression like \`0 9 * * 1-5\`` };
  }
}

type Row = { id: number; created_at: number; session_key: string; channel: string | null; kind: "dm" | "group" | null; peer: string | null; creator: string; tainted: number; taint_sources: string; schedule: string; prompt: string; next_run: number | null; last_run: number | null; last_result?: string | null; owner_words?: string | null; enabled: number };

const toJob = (r: Row): CronJob => ({
  id: r.id,
  createdAt: r.created_at,
  sessionKey: r.session_key,
  address: r.channel !== null && r.kind !== null && r.peer !== null ? { key: r.session_key, channel: r.channel, kind: r.kind, peer: r.peer } : null,
  creator: JSON.parse(r.creator) as Principal,
  tainted: r.tainted === 1,
  taintSources: JSON.parse(r.taint_sources) as string[],
  schedule: r.schedule,
  prompt: r.prompt,
  ownerWords: typeof r.owner_words === "string" ? (JSON.parse(r.owner_words) as string[]) : null,
  nextRun: r.next_run,
  lastRun: r.last_run,
  lastResult: r.last_result ?? null,
  enabled: r.enabled === 1,
});

export type CronStore = {
  add(job: { address: SessionAddress; creator: Principal; tainted: boolean; taintSources: string[]; schedule: string; prompt: string; ownerWords?: string[] }): CronJob;
  list(filter?: { sessionKey?: string }): CronJob[];
  remove(id: number, sessionKey?: string): boolean;
  due(now: number): CronJob[];
  markRun(id: number, now: number): void;
  recordResult(id: number, result: string): void;
  disable(id: number): void;
};

/**
 * Jobs stored before cron-002 get the address their key names, once. A key that does not read back cleanly
 * names no session Warden writes: the job is disabled (it could not say where to answer) and stays listed.
 */
function addressLegacyJobs(db: DatabaseSync): void {
  const rows = db.prepare("SELECT id, session_key FROM cron_jobs WHERE channel IS NULL AND enabled = 1").all() as { id: number; session_key: string }[];
  const set = db.prepare("UPDATE cron_jobs SET channel = ?, kind = ?, peer = ? WHERE id = ?");
  const disable = db.prepare("UPDATE cron_jobs SET enabled = 0 WHERE id = ?");
  for (const row of rows) {
    let address: SessionAddress;
    try {
      address = parseSessionKey(row.session_key);
    } catch {
      disable.run(row.id);
      continue;
    }
    set.run(address.channel, address.kind, address.peer, row.id);
  }
}

export function createCronStore(deps: { db: DatabaseSync; clock: () => number }): CronStore {
  const { db, clock } = deps;
  addressLegacyJobs(db);
  const get = db.prepare("SELECT * FROM cron_jobs WHERE id = ?");
  return {
    add(job) {
      const next = nextRunOf(job.schedule, clock());
      if (!next.ok) throw new Error(next.error);
      const { key, channel, kind, peer } = job.address;
      const r = db.prepare("INSERT INTO cron_jobs (created_at, session_key, channel, kind, peer, creator, tainted, taint_sources, schedule, prompt, next_run, owner_words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .run(clock(), key, channel, kind, peer, JSON.stringify(job.creator), job.tainted ? 1 : 0, JSON.stringify(job.taintSources), job.schedule, job.prompt, next.next, job.ownerWords ? JSON.stringify(job.ownerWords) : null);
      return toJob(get.get(Number(r.lastInsertRowid)) as Row);
    },
    list(filter = {}) {
      const rows = filter.sessionKey ? db.prepare("SELECT * FROM cron_jobs WHERE session_key = ? ORDER BY id").all(filter.sessionKey) : db.prepare("SELECT * FROM cron_jobs ORDER BY id").all();
      return (rows as Row[]).map(toJob);
    },
    remove(id, sessionKey) {
      const r = sessionKey ? db.prepare("DELETE FROM cron_jobs WHERE id = ? AND session_key = ?").run(id, sessionKey) : db.prepare("DELETE FROM cron_jobs WHERE id = ?").run(id);
      return Number(r.changes) > 0;
    },
    due(now) {
      return (db.prepare("SELECT * FROM cron_jobs WHERE enabled = 1 AND next_run IS NOT NULL AND next_run <= ? ORDER BY next_run LIMIT 20").all(now) as Row[]).map(toJob);
    },
    recordResult(id, result) {
      db.prepare("UPDATE cron_jobs SET last_result = ? WHERE id = ?").run(result.slice(0, 500), id);
    },
    markRun(id, now) {
      const job = get.get(id) as Row | undefined;
      if (!job) return;
      const next = nextRunOf(job.schedule, now);
      const nextRun = next.ok && next.repeating ? next.next : null;
      db.prepare("UPDATE cron_jobs SET last_run = ?, next_run = ? WHERE id = ?").run(now, nextRun, id);
    },
    disable(id) {
      db.prepare("UPDATE cron_jobs SET enabled = 0 WHERE id = ?").run(id);
    },
  };
}

/** `warden cron list|remove`: the scheduled jobs in the state database (works with the gateway stopped). */
import { loadContext } from "../context.ts";
import type { CronJob, CronStore } from "../../cron/store.ts";
import { blankControls } from "../../core/visible-controls.ts";

async function openCron(): Promise<{ store: CronStore; close(): void }> {
  const ctx = loadContext();
  const [{ openStateDatabase }, { createCronStore }] = await Promise.all([import("../../app/migrations.ts"), import("../../cron/store.ts")]);
  const db = openStateDatabase(ctx.paths);
  return { store: createCronStore({ db, clock: Date.now }), close: () => db.close() };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * A run time as the owner reads a clock: schedules fire in the gateway machine's local time zone, so "every day at
 * 8" listed as `07:00:00.000Z` looked wrong to an owner in Berlin. `2026-12-04 08:00 (UTC+01:00)`.
 */
export function localTime(ms: number | null): string {
  if (ms === null) return "-";
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  const offset = -d.getTimezoneOffset();
  const zone = `UTC${offset < 0 ? "-" : "+"}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())} (${zone})`;
}

function toJson(job: CronJob) {
  return {
    id: job.id,
    schedule: job.schedule,
    prompt: job.prompt,
    sessionKey: job.sessionKey,
    creator: job.creator,
    tainted: job.tainted,
    taintSources: job.taintSources,
    enabled: job.enabled,
    createdAt: iso(job.createdAt),
    nextRun: iso(job.nextRun),
    lastRun: iso(job.lastRun),
  };
}

// Prompts can quote attacker-chosen text: no control characters reach the terminal.
const clean = (text: string, max = 100) => {
  const one = blankControls(text, " ", { oneLine: true }).replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
};

export async function cronList(options: { json?: boolean }): Promise<number> {
  const { store, close } = await openCron();
  try {
    const jobs = store.list();
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ jobs: jobs.map(toJson) })}\n`);
      return 0;
    }
    if (jobs.length === 0) {
      process.stdout.write("No scheduled jobs.\n");
      return 0;
    }
    const lines: string[] = [`Times in ${Intl.DateTimeFormat().resolvedOptions().timeZone}. A schedule fires in the gateway's time zone (its TZ environment variable; default the system's).`];
    for (const j of jobs) {
      lines.push(`#${j.id}  ${clean(j.schedule, 40)}  next ${localTime(j.nextRun)}  ${j.enabled ? "enabled" : "disabled"}  by ${clean(j.creator.id, 60)}${j.tainted ? `  TAINTED (${j.taintSources.map((s) => clean(s, 60)).join(", ")})` : ""}`);
      lines.push(`    ${clean(j.prompt)}`);
    }
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  } finally {
    close();
  }
}

export async function cronRemove(id: string): Promise<number> {
  const n = Number(id.replace(/^#/, ""));
  if (!Number.isInteger(n) || n <= 0) {
    process.stderr.write(`warden: \`${id}\` is not a job id; see \`warden cron list\`\n`);
    return 2;
  }
  const { store, close } = await openCron();
  try {
    if (!store.remove(n)) {
      process.stderr.write(`warden: no scheduled job #${n}; see \`warden cron list\`\n`);
      return 1;
    }
    process.stdout.write(`Removed scheduled job #${n}.\n`);
    return 0;
  } finally {
    close();
  }
}

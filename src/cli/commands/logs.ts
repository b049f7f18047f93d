/**
 * `warden logs`: the activity log (every gate decision, approval, tool run, login, config change and alert the
 * gateway recorded), newest last, with filters, and `--follow` to keep printing new entries as they are written.
 * Read from the state database, so it works whether or not the gateway runs. The gateway's process log (start-up,
 * warnings) goes to the gateway's own stderr.
 */
import { setTimeout as delay } from "node:timers/promises";
import { loadContext } from "../context.ts";
import { openOpsState } from "../../app/ops-services.ts";
import { ActivityKind, type ActivityEntry } from "../../ops/activity-log/activity-log.ts";
import { formatEntryLine } from "../../ops/activity-log/audit-log-report.ts";
import { WardenError, ErrorCode } from "../../core/errors.ts";
import { cleanForTerminal } from "./approvals.ts";

export type LogsOptions = { lines?: number; follow?: boolean; json?: boolean; kind?: string; session?: string; tool?: string; decision?: string; actor?: string; since?: number };

/** How many of the newest entries are searched for `--lines` matches (bounded, whatever the log's size). */
const SEARCH_WINDOW = 20_000;
const POLL_MS = 1_000;

/** `--kind` is one of the activity log's kinds; anything else is a usage error (exit 2). */
function checkKind(value: string | undefined): void {
  const kinds = Object.values(ActivityKind) as string[];
  if (value !== undefined && !kinds.includes(value)) throw new WardenError(ErrorCode.BadRequest, `\`--kind ${value}\` is not a kind of entry; use one of ${kinds.join(", ")}.`);
}

function field(entry: ActivityEntry, name: string): unknown {
  const data = entry.data;
  return data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>)[name] : undefined;
}

function matches(entry: ActivityEntry, o: LogsOptions, now: number): boolean {
  if (o.kind !== undefined && entry.kind !== o.kind) return false;
  if (o.actor !== undefined && entry.actor !== o.actor) return false;
  if (o.session !== undefined && field(entry, "session") !== o.session) return false;
  if (o.tool !== undefined && field(entry, "tool") !== o.tool) return false;
  if (o.decision !== undefined && field(entry, "decision") !== o.decision && field(entry, "outcome") !== o.decision) return false;
  if (o.since !== undefined && entry.ts < now - o.since) return false;
  return true;
}

function print(entry: ActivityEntry, json: boolean): void {
  process.stdout.write(`${json ? JSON.stringify({ ...entry, at: new Date(entry.ts).toISOString() }) : cleanForTerminal(formatEntryLine(entry))}\n`);
}

export async function runLogs(options: LogsOptions): Promise<number> {
  checkKind(options.kind);
  const ctx = loadContext();
  const state = openOpsState({ paths: ctx.paths, config: ctx.config, env: ctx.env });
  try {
    const log = state.ops.activityLog;
    const recent = log.tail(SEARCH_WINDOW);
    const shown = recent.filter((e) => matches(e, options, Date.now())).slice(-(options.lines ?? 50));
    for (const entry of shown) print(entry, options.json === true);
    if (!options.follow) return 0;
    let last = recent.at(-1)?.seq ?? 0;
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    if (!options.json) process.stderr.write("Following the activity log (Ctrl-C to stop)…\n");
    try {
      // Runs until the user stops it; each pass reads only entries newer than the last one seen.
      while (!stop.signal.aborted) {
        for (const line of log.exportJsonl(last + 1)) {
          const entry = JSON.parse(line) as ActivityEntry;
          last = entry.seq;
          if (matches(entry, options, Date.now())) print(entry, options.json === true);
        }
        await delay(POLL_MS, undefined, { signal: stop.signal }).catch(() => undefined);
      }
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
    return 0;
  } finally {
    state.close();
  }
}

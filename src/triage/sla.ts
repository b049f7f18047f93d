/**
 * The response clocks of a vulnerability report, from the program's SLA table: an acknowledgment within 48 hours
 * whatever the severity; a first response, a triage decision and a fix within the time its severity allows; and a
 * status update to the reporter at least every 14 days while the report is open. A clock is met, pending, overdue,
 * or not applicable (a rejected report has no fix clock; a low one's fix is best effort).
 */
export const Severities = ["critical", "high", "medium", "low"] as const;
export type TriageSeverity = (typeof Severities)[number];

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** First response, triage and fix, per severity; `fixMs: null` is best effort. */
export const SlaTable: Readonly<Record<TriageSeverity, { firstResponseMs: number; triageMs: number; fixMs: number | null }>> = {
  critical: { firstResponseMs: 24 * HOUR, triageMs: 48 * HOUR, fixMs: 7 * DAY },
  high: { firstResponseMs: 48 * HOUR, triageMs: 5 * DAY, fixMs: 30 * DAY },
  medium: { firstResponseMs: 5 * DAY, triageMs: 14 * DAY, fixMs: 90 * DAY },
  low: { firstResponseMs: 14 * DAY, triageMs: 30 * DAY, fixMs: null },
};

export const AcknowledgeWithinMs = 48 * HOUR;
export const UpdateEveryMs = 14 * DAY;

export type ClockName = "acknowledge" | "first_response" | "triage" | "fix" | "status_update";
export type ClockState = "met" | "met_late" | "pending" | "overdue" | "best_effort" | "not_applicable";
export type Clock = { name: ClockName; state: ClockState; dueAt?: number; metAt?: number };

/** What the clocks are computed from: the report's times (epoch milliseconds). */
export type ClockInput = {
  receivedAt: number;
  severity: TriageSeverity;
  acknowledgedAt?: number;
  firstResponseAt?: number;
  triagedAt?: number;
  fixedAt?: number;
  /** Closed: published, rejected, duplicate, withdrawn. */
  closedAt?: number;
  /** Rejected at triage or closed without a fix: no fix is owed. */
  noFixOwed?: boolean;
  /** The last message the reporter received (acknowledgment, response, update). */
  lastUpdateAt?: number;
};

function clock(name: ClockName, dueAt: number, metAt: number | undefined, now: number): Clock {
  if (metAt !== undefined) return { name, state: metAt <= dueAt ? "met" : "met_late", dueAt, metAt };
  return { name, state: now > dueAt ? "overdue" : "pending", dueAt };
}

export function clocksOf(r: ClockInput, now: number): Clock[] {
  const sla = SlaTable[r.severity];
  const clocks: Clock[] = [
    clock("acknowledge", r.receivedAt + AcknowledgeWithinMs, r.acknowledgedAt, now),
    clock("first_response", r.receivedAt + sla.firstResponseMs, r.firstResponseAt, now),
    clock("triage", r.receivedAt + sla.triageMs, r.triagedAt, now),
  ];
  if (r.noFixOwed === true) clocks.push({ name: "fix", state: "not_applicable" });
  else if (sla.fixMs === null) clocks.push(r.fixedAt !== undefined ? { name: "fix", state: "met", metAt: r.fixedAt } : { name: "fix", state: "best_effort" });
  else clocks.push(clock("fix", r.receivedAt + sla.fixMs, r.fixedAt, now));
  // The 14-day rule runs from the acknowledgment until the report is closed.
  if (r.closedAt !== undefined || r.acknowledgedAt === undefined) clocks.push({ name: "status_update", state: "not_applicable" });
  else clocks.push(clock("status_update", Math.max(r.acknowledgedAt, r.lastUpdateAt ?? 0) + UpdateEveryMs, undefined, now));
  return clocks;
}

/** "3 d 4 h", "5 h", "12 min": how long, for people. */
export function describeDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= DAY) return `${Math.floor(abs / DAY)} d${abs % DAY >= HOUR ? ` ${Math.floor((abs % DAY) / HOUR)} h` : ""}`;
  if (abs >= HOUR) return `${Math.floor(abs / HOUR)} h`;
  return `${Math.max(1, Math.floor(abs / 60_000))} min`;
}

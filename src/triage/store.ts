/**
 * The triage desk's records: reports, their history (every action, who took it, what the reporter was told) and the
 * advisories published from them. Embedded SQLite; every change is one transaction that appends to the history,
 * so the record of who did what cannot drift from the report's state.
 *
 * A report moves received → acknowledged → triaged (accepted, or rejected and closed) → fixed → published; it can
 * be closed as a duplicate or invalid at any point before publication. Each action checks the state it needs and
 * says what is missing otherwise.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import { parse as parseSemver } from "semver";
import { openDatabase, type Migration } from "../state/database.ts";
import { clocksOf, type Clock, type TriageSeverity } from "./sla.ts";
import type { ReportInput } from "./intake.ts";
import { TriageError, type ReportStatus, type TriageEvent, type TriageReport } from "./types.ts";
import { buildAdvisory, type AdvisoryInput, type OsvAdvisory } from "./advisory.ts";

export const triageMigrations: readonly Migration[] = [
  { id: "triage-001", sql: `
    CREATE TABLE IF NOT EXISTS triage_reports (
      id TEXT PRIMARY KEY,
      received_at INTEGER NOT NULL,
      input_json TEXT NOT NULL,
      severity TEXT NOT NULL,
      status TEXT NOT NULL,
      receipt_sha256 TEXT NOT NULL,
      acknowledged_at INTEGER, first_response_at INTEGER, triaged_at INTEGER, fixed_at INTEGER, closed_at INTEGER,
      last_update_at INTEGER,
      fixed_in TEXT, introduced_in TEXT, close_reason TEXT, advisory_id TEXT
    );
    CREATE TABLE IF NOT EXISTS triage_events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      report_id TEXT NOT NULL REFERENCES triage_reports(id),
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      kind TEXT NOT NULL,
      to_reporter INTEGER NOT NULL,
      message TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS triage_advisories (
      id TEXT PRIMARY KEY,
      report_id TEXT NOT NULL REFERENCES triage_reports(id),
      published_at INTEGER NOT NULL,
      osv_json TEXT NOT NULL
    );` },
];

type Row = {
  id: string; received_at: number; input_json: string; severity: string; status: string;
  acknowledged_at: number | null; first_response_at: number | null; triaged_at: number | null; fixed_at: number | null;
  closed_at: number | null; last_update_at: number | null; fixed_in: string | null; introduced_in: string | null;
  close_reason: string | null; advisory_id: string | null; receipt_sha256: string;
};

const sha256 = (s: string) => createHash("sha256").update(s).digest();
const optional = <K extends string, V>(key: K, value: V | null): { [P in K]?: V } => (value === null ? {} : ({ [key]: value } as { [P in K]?: V }));

function toReport(row: Row): TriageReport {
  return {
    id: row.id, receivedAt: row.received_at, input: JSON.parse(row.input_json) as ReportInput,
    severity: row.severity as TriageSeverity, status: row.status as ReportStatus,
    ...optional("acknowledgedAt", row.acknowledged_at), ...optional("firstResponseAt", row.first_response_at),
    ...optional("triagedAt", row.triaged_at), ...optional("fixedAt", row.fixed_at), ...optional("closedAt", row.closed_at),
    ...optional("lastUpdateAt", row.last_update_at), ...optional("fixedIn", row.fixed_in), ...optional("introducedIn", row.introduced_in),
    ...optional("closeReason", row.close_reason), ...optional("advisoryId", row.advisory_id),
  };
}

export function reportClocks(report: TriageReport, now: number): Clock[] {
  return clocksOf({ ...report, noFixOwed: report.status === "rejected" || (report.status === "closed" && report.fixedAt === undefined) }, now);
}

export type TriageStore = ReturnType<typeof createTriageStore>;

export function createTriageStore(options: { db: DatabaseSync; now?: () => number; package?: string }) {
  const { db } = options;
  const now = options.now ?? Date.now;
  const get = db.prepare("SELECT * FROM triage_reports WHERE id = ?");

  function load(id: string): TriageReport & { receipt: Buffer } {
    const row = get.get(id) as Row | undefined;
    if (row === undefined) throw new TriageError("not_found", `there is no report \`${id}\``);
    return { ...toReport(row), receipt: Buffer.from(row.receipt_sha256, "hex") };
  }

  function nextId(prefix: string, table: "triage_reports" | "triage_advisories", at: number): string {
    const year = new Date(at).getUTCFullYear();
    const like = `${prefix}-${year}-%`;
    const row = db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE id LIKE ?`).get(like) as { n: number };
    return `${prefix}-${year}-${String(Number(row.n) + 1).padStart(4, "0")}`;
  }

  /** One action: checks, changes the report, appends the history entry, all or nothing. */
  function act(id: string, actor: string, kind: string, message: string, toReporter: boolean, change: (r: TriageReport, at: number) => Record<string, unknown>): TriageReport {
    db.exec("BEGIN IMMEDIATE");
    try {
      const report = load(id);
      const at = now();
      const fields = change(report, at);
      if (toReporter) fields.last_update_at = at;
      const names = Object.keys(fields);
      if (names.length > 0) db.prepare(`UPDATE triage_reports SET ${names.map((n) => `${n} = ?`).join(", ")} WHERE id = ?`).run(...(Object.values(fields) as (string | number | null)[]), id);
      db.prepare("INSERT INTO triage_events (report_id, at, actor, kind, to_reporter, message) VALUES (?, ?, ?, ?, ?, ?)").run(id, at, actor, kind, toReporter ? 1 : 0, message);
      db.exec("COMMIT");
      return load(id);
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  }

  const open = (r: TriageReport, doing: string) => {
    if (r.status === "published" || r.status === "rejected" || r.status === "closed") throw new TriageError("invalid_state", `report ${r.id} is ${r.status}; it cannot be ${doing}`);
  };
  const needText = (message: string, what: string) => {
    if (message.trim().length < 10) throw new TriageError("invalid_input", `${what} needs a message to the reporter (at least 10 characters)`);
  };

  return {
    /** Files an accepted report; returns its id and the receipt the reporter uses to follow it (shown once). */
    file(input: ReportInput): { id: string; receipt: string; report: TriageReport } {
      const receipt = randomBytes(24).toString("base64url");
      const at = now();
      db.exec("BEGIN IMMEDIATE");
      try {
        const id = nextId("WR", "triage_reports", at);
        db.prepare("INSERT INTO triage_reports (id, received_at, input_json, severity, status, receipt_sha256) VALUES (?, ?, ?, ?, 'received', ?)")
          .run(id, at, JSON.stringify(input), input.severity ?? "high", sha256(receipt).toString("hex"));
        db.prepare("INSERT INTO triage_events (report_id, at, actor, kind, to_reporter, message) VALUES (?, ?, 'reporter', 'received', 0, ?)").run(id, at, input.title);
        db.exec("COMMIT");
        return { id, receipt, report: load(id) };
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    },

    get(id: string): TriageReport {
      const { receipt: _receipt, ...report } = load(id);
      return report;
    },

    /** The reporter's view: the status and what they were told. The receipt must match; no other report is visible. */
    forReporter(id: string, receipt: string): { report: TriageReport; messages: TriageEvent[] } {
      const row = get.get(id) as Row | undefined;
      const given = sha256(receipt);
      const stored = Buffer.from(row?.receipt_sha256 ?? "00".repeat(32), "hex");
      if (row === undefined || !timingSafeEqual(given, stored)) throw new TriageError("not_found", "no report matches this id and receipt");
      return { report: toReport(row), messages: this.history(id).filter((e) => e.toReporter) };
    },

    list(filter: { open?: boolean } = {}): TriageReport[] {
      const rows = db.prepare("SELECT * FROM triage_reports ORDER BY received_at").all() as Row[];
      return rows.map(toReport).filter((r) => filter.open !== true || !["published", "rejected", "closed"].includes(r.status));
    },

    history(id: string): TriageEvent[] {
      return (db.prepare("SELECT at, actor, kind, to_reporter, message FROM triage_events WHERE report_id = ? ORDER BY seq").all(id) as { at: number; actor: string; kind: string; to_reporter: number; message: string }[])
        .map((e) => ({ at: e.at, actor: e.actor, kind: e.kind, toReporter: e.to_reporter === 1, message: e.message }));
    },

    acknowledge(id: string, actor: string, message: string): TriageReport {
      needText(message, "an acknowledgment");
      return act(id, actor, "acknowledged", message, true, (r, at) => {
        open(r, "acknowledged");
        return r.acknowledgedAt === undefined ? { acknowledged_at: at, status: r.status === "received" ? "acknowledged" : r.status } : {};
      });
    },

    /** A substantive answer to the reporter (the first one stops the first-response clock). */
    respond(id: string, actor: string, message: string): TriageReport {
      needText(message, "a response");
      return act(id, actor, "responded", message, true, (r, at) => {
        open(r, "answered");
        return { ...(r.acknowledgedAt === undefined ? { acknowledged_at: at, status: "acknowledged" } : {}), ...(r.firstResponseAt === undefined ? { first_response_at: at } : {}) };
      });
    },

    /** The severity decided and the report accepted, or rejected (closed: no fix is owed). */
    triage(id: string, actor: string, decision: { severity: TriageSeverity; accepted: boolean; message: string }): TriageReport {
      needText(decision.message, "a triage decision");
      return act(id, actor, decision.accepted ? "triaged" : "rejected", `${decision.accepted ? `accepted as ${decision.severity}` : "rejected"}: ${decision.message}`, true, (r, at) => {
        open(r, "triaged");
        if (r.triagedAt !== undefined) throw new TriageError("invalid_state", `report ${id} was already triaged; change its severity with a new decision only before triage`);
        const first = r.firstResponseAt === undefined ? { first_response_at: at } : {};
        const ack = r.acknowledgedAt === undefined ? { acknowledged_at: at } : {};
        return decision.accepted
          ? { ...ack, ...first, triaged_at: at, severity: decision.severity, status: "triaged" }
          : { ...ack, ...first, triaged_at: at, severity: decision.severity, status: "rejected", closed_at: at, close_reason: decision.message };
      });
    },

    update(id: string, actor: string, message: string): TriageReport {
      needText(message, "a status update");
      return act(id, actor, "update", message, true, (r) => {
        open(r, "updated");
        if (r.acknowledgedAt === undefined) throw new TriageError("invalid_state", `report ${id} has not been acknowledged; acknowledge it first`);
        return {};
      });
    },

    /** The fix shipped in `fixedIn` (a version); `introducedIn` is the first affected version, if known. */
    fix(id: string, actor: string, input: { fixedIn: string; introducedIn?: string; message: string }): TriageReport {
      needText(input.message, "a fix");
      const fixed = parseSemver(input.fixedIn);
      if (fixed === null) throw new TriageError("invalid_input", `\`${input.fixedIn}\` is not a version (semver, e.g. 0.2.1)`);
      const introduced = input.introducedIn === undefined ? undefined : parseSemver(input.introducedIn);
      if (introduced === null) throw new TriageError("invalid_input", `\`${input.introducedIn}\` is not a version (semver)`);
      if (introduced !== undefined && introduced.compare(fixed) >= 0) throw new TriageError("invalid_input", `the fix (${fixed.version}) must come after the version that introduced the problem (${introduced.version})`);
      const fixedIn = fixed.version;
      const introducedIn = introduced?.version;
      return act(id, actor, "fixed", `fixed in ${fixedIn}: ${input.message}`, true, (r, at) => {
        open(r, "fixed");
        if (r.triagedAt === undefined) throw new TriageError("invalid_state", `report ${id} has not been triaged; decide its severity first`);
        return { fixed_at: at, fixed_in: fixedIn, introduced_in: introducedIn ?? null, status: "fixed" };
      });
    },

    /** Publishes the OSV advisory of a fixed report (credited unless the reporter asked for anonymity) and closes it. */
    publish(id: string, actor: string, input: Omit<AdvisoryInput, "id" | "report" | "publishedAt" | "package"> = {}): OsvAdvisory {
      let advisory: OsvAdvisory | undefined;
      act(id, actor, "published", "advisory published", true, (r, at) => {
        if (r.status !== "fixed") throw new TriageError("invalid_state", `report ${id} is ${r.status}; only a fixed report is published (record the fix first)`);
        const advisoryId = nextId("WARDEN", "triage_advisories", at);
        advisory = buildAdvisory({ ...input, id: advisoryId, report: r, publishedAt: at, package: options.package ?? "warden" });
        db.prepare("INSERT INTO triage_advisories (id, report_id, published_at, osv_json) VALUES (?, ?, ?, ?)").run(advisoryId, id, at, JSON.stringify(advisory));
        return { status: "published", closed_at: at, advisory_id: advisoryId };
      });
      return advisory as OsvAdvisory;
    },

    /** Closes a report that needs nothing more (duplicate, not a vulnerability, withdrawn). */
    close(id: string, actor: string, reason: string): TriageReport {
      needText(reason, "closing");
      return act(id, actor, "closed", reason, true, (r, at) => {
        open(r, "closed");
        return { status: "closed", closed_at: at, close_reason: reason };
      });
    },

    advisories(): OsvAdvisory[] {
      return (db.prepare("SELECT osv_json FROM triage_advisories ORDER BY published_at").all() as { osv_json: string }[]).map((r) => JSON.parse(r.osv_json) as OsvAdvisory);
    },

    /** Every clock that is overdue or due within `horizonMs`, soonest first: what to do next. */
    due(horizonMs: number): { report: TriageReport; clock: Clock }[] {
      const at = now();
      const out: { report: TriageReport; clock: Clock }[] = [];
      for (const report of this.list({ open: true })) {
        for (const c of reportClocks(report, at)) {
          if ((c.state === "overdue" || c.state === "pending") && c.dueAt !== undefined && c.dueAt - at <= horizonMs) out.push({ report, clock: c });
        }
      }
      return out.sort((a, b) => (a.clock.dueAt ?? 0) - (b.clock.dueAt ?? 0));
    },
  };
}

export function openTriageStore(file: string, options: { now?: () => number } = {}): { store: TriageStore; close(): void } {
  const db = openDatabase(file, triageMigrations);
  return { store: createTriageStore({ db, ...options }), close: () => db.close() };
}

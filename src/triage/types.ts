/** The triage desk's record types, shared by the store, the advisory builder, the HTTP routes and the CLI. */
import type { ReportInput } from "./intake.ts";
import type { TriageSeverity } from "./sla.ts";

export type ReportStatus = "received" | "acknowledged" | "triaged" | "fixed" | "published" | "rejected" | "closed";

export type TriageReport = {
  id: string;
  receivedAt: number;
  input: ReportInput;
  severity: TriageSeverity;
  status: ReportStatus;
  acknowledgedAt?: number;
  firstResponseAt?: number;
  triagedAt?: number;
  fixedAt?: number;
  closedAt?: number;
  lastUpdateAt?: number;
  fixedIn?: string;
  introducedIn?: string;
  closeReason?: string;
  advisoryId?: string;
};

export type TriageEvent = { at: number; actor: string; kind: string; toReporter: boolean; message: string };

/** A refusal of a maintainer's action or a reporter's lookup, with what would make it possible. */
export class TriageError extends Error {
  readonly code: "not_found" | "invalid_state" | "invalid_input";
  constructor(code: TriageError["code"], message: string) {
    super(message);
    this.code = code;
  }
}

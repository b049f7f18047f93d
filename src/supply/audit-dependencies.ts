/**
 * The dependency audit: every package package-lock.json installs, and the project itself, against OSV
 * advisories — from osv.dev when it answers, else from the signed snapshot — and a result that never says
 * "clean" without data behind it. Rules, in order:
 *  1. An unreadable or unsupported lock file is an `error`: nothing was checked.
 *  2. osv.dev (when a base URL is given) answers for the dependencies; the project's own advisories come only
 *     from the snapshot (osv.dev does not carry them), so they are checked there when the snapshot is valid.
 *  3. When osv.dev is off or does not answer, a valid snapshot (trusted signature, at most 7 days old)
 *     answers for everything, and the result says why osv.dev did not.
 *  4. Otherwise the audit is `unrun`, with the snapshot's date when known and every reason.
 */
import { describeError } from "../core/errors.ts";
import { distinctPackages, parseLockFile } from "./lock-file.ts";
import { queryOsv, type OsvClientOptions } from "./osv-client.ts";
import { buildAdvisoryIndex, matchPackages, type AdvisoryMatch, type InstalledPackage } from "./osv-match.ts";
import { readSnapshot, type SnapshotRead } from "./snapshot.ts";

export type DependencyAuditInput = {
  lockText: string;
  /** The snapshot file's text; undefined when it could not be read (`snapshotMissing` says why). */
  snapshotText: string | undefined;
  snapshotMissing?: string;
  trustedKeys: readonly string[];
  now: Date;
  /** osv.dev's API; absent for an offline audit. */
  osv?: OsvClientOptions;
};

export type DependencyAudit =
  | { status: "error"; error: string }
  | {
      status: "checked" | "unrun";
      /** Distinct `name@version` pairs checked, the project itself included. */
      packagesChecked: number;
      /** Who answered: `osv.dev (URL)`, or `signed snapshot of DATE (N advisories)`; for `unrun`, nobody. */
      source: string | null;
      /** The snapshot's date when its signature held (even if stale), for the reader. */
      snapshotDate: string | null;
      /** Why a source did not answer (osv.dev unreachable, snapshot stale or refused). */
      reasons: string[];
      matches: AdvisoryMatch[];
      /** The project's own name@version, checked against its own advisories in the snapshot. */
      project: InstalledPackage | null;
    };

function snapshotSummary(read: SnapshotRead): string {
  return read.ok ? `signed snapshot of ${read.snapshot.createdAt} (${read.snapshot.advisories.length} advisories)` : "";
}

export async function auditDependencies(input: DependencyAuditInput): Promise<DependencyAudit> {
  let lock;
  try {
    lock = parseLockFile(input.lockText);
  } catch (error) {
    return { status: "error", error: `the lock file could not be read: ${describeError(error).split("\n")[0] ?? ""}` };
  }
  const dependencies = distinctPackages(lock.entries);
  const project = lock.root ?? null;
  const everything = project === null ? dependencies : [...dependencies, project];
  const snap: SnapshotRead = input.snapshotText === undefined
    ? { ok: false, reason: input.snapshotMissing ?? "no snapshot file" }
    : readSnapshot(input.snapshotText, input.trustedKeys, input.now);
  const snapshotDate = snap.ok ? snap.snapshot.createdAt : snap.createdAt ?? null;
  const reasons: string[] = [];
  const base = { packagesChecked: everything.length, snapshotDate, project };

  if (input.osv !== undefined) {
    const online = await queryOsv(input.osv, dependencies);
    if (online.ok) {
      const own = snap.ok && project !== null ? matchPackages([project], buildAdvisoryIndex(snap.snapshot.advisories)) : [];
      if (!snap.ok && project !== null) reasons.push(`${project.name}'s own advisories were not checked: snapshot refused (${snap.reason})`);
      return { status: "checked", ...base, source: `osv.dev (${input.osv.baseUrl})`, reasons, matches: [...online.matches, ...own] };
    }
    reasons.push(`osv.dev did not answer: ${online.reason}`);
  }
  if (snap.ok) {
    const matches = matchPackages(everything, buildAdvisoryIndex(snap.snapshot.advisories));
    return { status: "checked", ...base, source: snapshotSummary(snap), reasons, matches };
  }
  reasons.push(`snapshot refused: ${snap.reason}`);
  return { status: "unrun", ...base, source: null, reasons, matches: [] };
}

/**
 * An advisory in the OSV format (https://ossf.github.io/osv-schema/), the format osv.dev and the GitHub Advisory
 * Database publish and the dependency audit reads: the affected package and versions (introduced → fixed, semver),
 * the severity as GitHub's database writes it, the reporter's credit (or none, when they asked for anonymity) and
 * the CVE id as an alias when one was assigned.
 */
import { TriageError, type TriageReport } from "./types.ts";

export type OsvAdvisory = {
  schema_version: string;
  id: string;
  modified: string;
  published: string;
  aliases: string[];
  summary: string;
  details: string;
  affected: { package: { ecosystem: "npm"; name: string }; ranges: { type: "SEMVER"; events: ({ introduced: string } | { fixed: string })[] }[] }[];
  credits?: { name: string; type: "FINDER" }[];
  database_specific: { severity: "CRITICAL" | "HIGH" | "MODERATE" | "LOW"; report: string };
};

export type AdvisoryInput = {
  id: string;
  report: TriageReport;
  publishedAt: number;
  package: string;
  cve?: string;
  summary?: string;
  details?: string;
};

const databaseSeverity = { critical: "CRITICAL", high: "HIGH", medium: "MODERATE", low: "LOW" } as const;

export function buildAdvisory(input: AdvisoryInput): OsvAdvisory {
  const { report } = input;
  if (report.fixedIn === undefined) throw new TriageError("invalid_state", `report ${report.id} has no fixed version`);
  if (input.cve !== undefined && !/^CVE-\d{4}-\d{4,}$/.test(input.cve)) throw new TriageError("invalid_input", `\`${input.cve}\` is not a CVE id (CVE-YYYY-NNNN)`);
  const when = new Date(input.publishedAt).toISOString();
  const name = report.input.anonymous === true ? undefined : report.input.reporterName;
  return {
    schema_version: "1.6.0",
    id: input.id,
    modified: when,
    published: when,
    aliases: input.cve === undefined ? [] : [input.cve],
    summary: input.summary ?? report.input.title,
    details: input.details ?? report.input.impact,
    affected: [{ package: { ecosystem: "npm", name: input.package }, ranges: [{ type: "SEMVER", events: [{ introduced: report.introducedIn ?? "0" }, { fixed: report.fixedIn }] }] }],
    ...(name !== undefined ? { credits: [{ name, type: "FINDER" as const }] } : {}),
    database_specific: { severity: databaseSeverity[report.severity], report: report.id },
  };
}

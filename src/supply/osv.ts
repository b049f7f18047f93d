/**
 * The OSV schema (https://ossf.github.io/osv-schema/), the format osv.dev and the GitHub Advisory Database
 * publish: the fields Warden reads, validated; fields it does not read pass through untouched so a snapshot
 * keeps what its source said. A record that breaks the fields Warden reads is refused, never half-read.
 */
import { z } from "zod";

const event = z.union([
  z.strictObject({ introduced: z.string().min(1) }),
  z.strictObject({ fixed: z.string().min(1) }),
  z.strictObject({ last_affected: z.string().min(1) }),
  z.strictObject({ limit: z.string().min(1) }),
]);

const range = z.looseObject({
  type: z.enum(["SEMVER", "ECOSYSTEM", "GIT"]),
  repo: z.string().optional(),
  events: z.array(event).min(1),
});

const affected = z.looseObject({
  package: z.looseObject({ ecosystem: z.string().min(1), name: z.string().min(1), purl: z.string().optional() }),
  ranges: z.array(range).optional(),
  versions: z.array(z.string()).optional(),
  severity: z.array(z.looseObject({ type: z.string(), score: z.string() })).optional(),
  database_specific: z.looseObject({}).optional(),
  ecosystem_specific: z.looseObject({}).optional(),
});

export const osvRecord = z.looseObject({
  schema_version: z.string().optional(),
  id: z.string().min(1).max(200),
  modified: z.string().min(1),
  published: z.string().optional(),
  withdrawn: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z.array(z.looseObject({ type: z.string(), score: z.string() })).optional(),
  affected: z.array(affected).optional(),
  references: z.array(z.looseObject({ type: z.string(), url: z.string() })).optional(),
  database_specific: z.looseObject({ severity: z.string().optional() }).optional(),
});

export type OsvRecord = z.infer<typeof osvRecord>;
export type OsvAffected = z.infer<typeof affected>;

export const Severity = { Critical: "critical", High: "high", Moderate: "moderate", Low: "low", Unknown: "unknown" } as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

/**
 * The advisory's severity as its database rated it (GitHub's `database_specific.severity`). A CVSS vector
 * alone is not scored here: the advisory is then `unknown`, which the audit reports, never hides.
 */
export function severityOf(record: OsvRecord): Severity {
  switch (record.database_specific?.severity?.toUpperCase()) {
    case "CRITICAL": return Severity.Critical;
    case "HIGH": return Severity.High;
    case "MODERATE": case "MEDIUM": return Severity.Moderate;
    case "LOW": return Severity.Low;
    default: return Severity.Unknown;
  }
}

/** The page a person reads about the advisory: its ADVISORY reference, else the first one, else osv.dev's. */
export function advisoryUrl(record: OsvRecord): string {
  const refs = record.references ?? [];
  return (refs.find((r) => r.type === "ADVISORY") ?? refs[0])?.url ?? `https://osv.dev/vulnerability/${encodeURIComponent(record.id)}`;
}

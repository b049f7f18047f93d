/**
 * What a vulnerability report must carry to be accepted: what is affected, how to reproduce it, what an attacker
 * gains, and how to fix it. A report missing any of them is refused with the list of what is missing and what each
 * part should say, so the reporter can fix it in one go; nothing of a refused report is kept.
 */
import { z } from "zod";
import { Severities } from "./sla.ts";

/** Bytes of a report body the intake reads; a larger body is refused before it is parsed. */
export const MaxReportBytes = 64 * 1024;

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const reportInput = z.strictObject({
  title: text(8, 200),
  /** Exact steps: commands, configuration, inputs. */
  reproduction: text(40, 20_000),
  /** What an attacker gains, shown (a leaked file, a command run), not supposed. */
  impact: text(20, 10_000),
  /** How it could be fixed, or where the fault lies. */
  fixAdvice: text(20, 10_000),
  /** The reporter's proposal; the maintainers decide at triage. */
  severity: z.enum(Severities).optional(),
  /** Versions the reporter saw it in (a semver range or a version). */
  affectedVersions: text(1, 200).optional(),
  reporterName: text(1, 100).optional(),
  reporterContact: text(3, 200).optional(),
  /** Credit the reporter by name in the advisory (default) or keep them anonymous. */
  anonymous: z.boolean().optional(),
});

export type ReportInput = z.infer<typeof reportInput>;

const required: Record<"title" | "reproduction" | "impact" | "fixAdvice", string> = {
  title: "a title (8–200 characters) naming the component and the problem",
  reproduction: "reproduction steps (at least 40 characters): the exact commands, configuration and input that trigger it, on which version",
  impact: "demonstrated impact (at least 20 characters): what an attacker gains, as you observed it (a file read, a command run, a message sent)",
  fixAdvice: "fix advice (at least 20 characters): how it could be fixed, or where in the code the fault lies",
};

export type IntakeProblem = { field: string; problem: string };
export type IntakeResult = { ok: true; report: ReportInput } | { ok: false; problems: IntakeProblem[] };

/** Parses a report (JSON object, or form fields as strings); every problem is listed, required parts first. */
export function parseReport(raw: unknown): IntakeResult {
  const input = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? normalizeForm(raw as Record<string, unknown>) : raw;
  const parsed = reportInput.safeParse(input);
  if (parsed.success) return { ok: true, report: parsed.data };
  const problems = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) problems.set(key, "not a field of a report");
      continue;
    }
    const field = String(issue.path[0] ?? "report");
    if (problems.has(field)) continue;
    problems.set(field, field in required ? `missing or too short: ${required[field as keyof typeof required]}` : issue.message);
  }
  const order = (f: string) => (f in required ? Object.keys(required).indexOf(f) : 10);
  return { ok: false, problems: [...problems].map(([field, problem]) => ({ field, problem })).sort((a, b) => order(a.field) - order(b.field)) };
}

/** HTML forms send strings: an empty field is an absent one, and the anonymity box is "on" when ticked. */
function normalizeForm(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === "string" && value.trim() === "") continue;
    out[key] = key === "anonymous" && typeof value === "string" ? value === "on" || value === "true" : value;
  }
  return out;
}

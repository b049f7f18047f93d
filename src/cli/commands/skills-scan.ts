/**
 * `warden skills scan PATH [--json] [--fail-on SEVERITY]`: the moderation scanner over a skill directory (or a
 * directory of skills: every file under PATH is read). Exit 0 when no finding reaches `--fail-on` (default
 * `high`), 1 when one does, 2 for a bad argument. JSON: `{ findings: [{ ruleId, severity, file, line, evidence,
 * message }], summary }`. Nothing in the skill is run.
 */
import { statSync } from "node:fs";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { WardenError, ErrorCode } from "../../core/errors.ts";
import { exitWith, Exit } from "../output.ts";
import type { Severity, SkillScanReport } from "../../skills/scan/index.ts";

const levels = ["info", "low", "medium", "high", "critical"] as const;

function parseSeverity(value: string): Severity {
  const found = levels.find((l) => l === value);
  if (found === undefined) throw new InvalidArgumentError(`a severity is one of ${levels.join(", ")}`);
  return found;
}

function render(report: SkillScanReport, failOn: Severity): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    lines.push(`${f.severity.padEnd(8)} ${f.ruleId}  ${f.file}:${f.line}`, `         ${f.message}`, `         evidence: ${JSON.stringify(f.evidence)}`);
  }
  const s = report.summary;
  const counts = levels.filter((l) => s.bySeverity[l] > 0).map((l) => `${s.bySeverity[l]} ${l}`).join(", ");
  lines.push(`${s.files} files (${s.bytes} bytes) scanned, ${s.skipped} skipped; ${s.findings === 0 ? "no findings" : `${s.findings} findings: ${counts}`}; failing at ${failOn} and above`);
  return `${lines.join("\n")}\n`;
}

export async function runSkillsScan(path: string, options: { json?: boolean; failOn?: Severity }): Promise<number> {
  const failOn = options.failOn ?? "high";
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch (error) {
    throw new WardenError(ErrorCode.NotFound, `cannot read \`${path}\` (${(error as NodeJS.ErrnoException).code ?? "error"}); give a skill directory`);
  }
  if (!isDir) throw new WardenError(ErrorCode.BadRequest, `\`${path}\` is not a directory; give a skill directory (the one holding SKILL.md)`);
  const { scanSkillDirectory, severityRank } = await import("../../skills/scan/index.ts");
  const report = await scanSkillDirectory(path);
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : render(report, failOn));
  return report.findings.some((f) => severityRank(f.severity) >= severityRank(failOn)) ? Exit.Failure : Exit.Ok;
}

/** Attaches `scan` to the `skills` command group. */
export function registerSkillsScan(skills: Command): void {
  skills
    .command("scan <path>")
    .description("moderation scan of a skill directory: remote-script pipes, encoded payloads, credential reads, persistence, exfiltration, injection")
    .option("--json", "print the report as JSON")
    .option("--fail-on <severity>", "exit 1 when a finding is at or above this severity (info|low|medium|high|critical)", parseSeverity, "high")
    .action((path: string, opts: { json?: boolean; failOn?: Severity }) => exitWith(() => runSkillsScan(path, opts)));
}

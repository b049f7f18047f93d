// The moderation scanner's public surface: scan a skill directory (the installer and registry call this) or one file.
export { scanSkillDirectory, scanSkillFile } from "./scan-skill.ts";
export type { ScanOptions } from "./scan-skill.ts";
export { RuleId, severities, severityRank } from "./types.ts";
export type { Severity, SkillFinding, SkillScanReport, SkillScanSummary } from "./types.ts";

// The moderation scanner's public surface: scan a skill directory (the installer and registry call this).
export { scanSkillDirectory, scanSkillFile } from "./scan-skill.ts";
export { severityRank } from "./types.ts";
export type { Severity, SkillScanReport } from "./types.ts";

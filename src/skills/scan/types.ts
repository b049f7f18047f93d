/** The moderation scanner's report shape (`warden skills scan --json`), shared by the CLI and the installer. */

export const severities = ["info", "low", "medium", "high", "critical"] as const;
export type Severity = (typeof severities)[number];

/** One rule that fired. `evidence` is the offending text (trimmed, at most 160 characters). */
export type SkillFinding = {
  ruleId: RuleId;
  severity: Severity;
  /** Path relative to the scanned directory, `/`-separated. */
  file: string;
  /** 1-based line in `file`. */
  line: number;
  evidence: string;
  message: string;
};

export type SkillScanSummary = {
  files: number;
  bytes: number;
  /** Files not read (too large, binary, symlinks, unreadable); each one also has a `scan.*` finding. */
  skipped: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  /** The highest severity found, or null when nothing was found. */
  highest: Severity | null;
};

export type SkillScanReport = { findings: SkillFinding[]; summary: SkillScanSummary };

/**
 * The rules, with their stable ids. A finding's severity may be raised above a rule's base severity by context
 * (a raw IP or a paste site as the source of a piped script), never lowered below `low`.
 */
export const RuleId = {
  RemoteScriptPipe: "remote-script-pipe",
  DownloadExecute: "download-execute",
  PasswordArchive: "password-archive",
  RawIpUrl: "raw-ip-url",
  ObfuscatedPayload: "obfuscated-payload",
  CredentialRead: "credential-read",
  BrowserProfileRead: "browser-profile-read",
  WalletRead: "wallet-read",
  KeychainAccess: "keychain-access",
  PasswordPrompt: "password-prompt",
  Persistence: "persistence",
  AgentTamper: "agent-tamper",
  ExfilEndpoint: "exfil-endpoint",
  ReverseShell: "reverse-shell",
  PromptInjection: "prompt-injection",
  AgentConcealment: "agent-concealment",
  HiddenText: "hidden-text",
  ScanSkipped: "scan.skipped",
} as const;
export type RuleId = (typeof RuleId)[keyof typeof RuleId];

export function severityRank(s: Severity): number {
  return severities.indexOf(s);
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

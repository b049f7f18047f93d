/**
 * The shapes of `warden security audit`: what the checks read (`AuditInput`, collected from disk by
 * `collectAuditInput`) and what they say (`Finding`, the contract in docs/security-guide.md).
 */
import type { WardenConfig } from "../config/schema.ts";
import type { SandboxAvailability } from "../sandbox/index.ts";
import type { LayoutProblem } from "../state/layout.ts";
import type { SkillAuditFacts } from "../skills/skill-audit.ts";
import type { DependencyAudit } from "../supply/audit-dependencies.ts";

export type Severity = "critical" | "warn" | "info";

/** One audit finding. Must never carry a secret value: paths, rule ids and setting names only. */
export type Finding = { checkId: string; severity: Severity; title: string; detail: string; fix: string };

/** What `lstat` said about one state file; `null` when the file does not exist. */
export type FileFacts = { path: string; isSymlink: boolean; isDirectory: boolean; mode: number; uid: number };

/** One secret found in a scanned file: where, and which rule; never the matched text. */
export type SecretHit = { path: string; ruleId: string; line: number };

export type WorkspaceScan = {
  root: string;
  filesScanned: number;
  /** True when a cap (files, bytes, depth) stopped the walk early: the scan is partial. */
  truncated: boolean;
  secrets: SecretHit[];
  /** Why the scan did not run (workspace missing, not a directory, a symlink). */
  skipped?: string;
};

export type StateFacts = {
  stateDir: FileFacts | null;
  /** Warden's own directories (state dir, key dir) that lie inside the agent workspace. */
  insideWorkspace: LayoutProblem[];
  config: FileFacts | null;
  /** The credentials folder, the gateway token file, the encrypted secrets file, key files. */
  credentials: FileFacts[];
};

/** The results of `--deep` probes; each field is absent when that probe did not run. */
export type DeepFacts = {
  gateway?: GatewayProbe;
  skills?: WorkspaceScan;
  dependencies?: DependencyAudit;
};

export type GatewayProbe =
  | { reachable: false; url: string; error: string }
  | {
      reachable: true;
      url: string;
      /** HTTP status of `GET /api/approvals` without a credential (must be 401/403). */
      apiUnauthenticatedStatus: number;
      /** HTTP status of `GET /api/approvals` with a cross-site Origin (must be 403); null when no answer came. */
      apiCrossOriginStatus: number | null;
      /** Whether an unauthenticated WebSocket could run a method (must be false); null when the gateway did not answer. */
      wsUnauthenticatedAccepted: boolean | null;
      /** Whether a WebSocket upgrade with a cross-site Origin was accepted (must be false); null when no answer came. */
      wsCrossOriginAccepted: boolean | null;
      /** How long each probe waited for an answer. */
      windowMs: number;
      /** Local addresses listening on the port, from the kernel's socket table; null when unknown. */
      listenAddresses: string[] | null;
    };

/** Everything the checks look at. Pure data: checks are functions of this and nothing else. */
export type AuditInput = {
  config: WardenConfig;
  /** Set when the config file could not be loaded; `config` then holds the defaults. */
  configError?: string;
  /** Whether the config file holds any secret field (token, password, API key, bot token). */
  configHoldsSecrets: boolean;
  /** Length of the effective gateway credential for the configured auth mode; null when none is set. */
  credentialLength: number | null;
  /** Channel owners made by a first pairing (not `--owner`, not config `ownerIds`), from the state database. */
  implicitOwners: { channel: string; senderId: string }[];
  /** Why the gateway password is weak (password mode with a password set), else null. Never the password. */
  passwordWeakness: string | null;
  /** The owner's approval of each configured MCP server's tools (from the state database; absent in older inputs). */
  mcpTools?: { server: string; tool: string; status: "approved" | "changed" | "unapproved" }[];
  /** Installed skills from the lock file, re-verified (absent in older inputs). */
  skills?: SkillAuditFacts;
  state: StateFacts;
  /** The gateway user's uid; null where there is none (Windows). */
  uid: number | null;
  /** Null when detection did not run. */
  sandbox: SandboxAvailability | null;
  nodeVersion: string;
  workspace: WorkspaceScan;
  /** Workspace folders whose content leaves the machine, each with its signal (absent in older inputs). */
  outboundFolders?: { folder: string; signal: "config" | "marker" | "name" | "site" | "link" | "queue"; why: string }[];
  deep?: DeepFacts;
};

export type AuditSummary = { critical: number; warn: number; info: number; total: number; worst: Severity | "none"; deep: boolean };
export type AuditReport = { findings: Finding[]; summary: AuditSummary };

/** `(text) => hits` — the secret rules (gitleaks rules from src/scan, or the built-in fallback). */
export type FindSecrets = (text: string) => { ruleId: string; line?: number }[];

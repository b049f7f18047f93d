import type { Decision, Reason, Risk, Verdict } from "../core/decision.ts";
import { maxRisk } from "../core/decision.ts";
import { isInside } from "./exec-paths.ts";
import { addReason, judgeCommand, judgeReadPath, judgeWritePath } from "./judge-command.ts";
import type { AllowRule, FactSink, JudgeContext } from "./judge-command.ts";
import { nodeExecFs } from "./resolve-binary.ts";
import type { ExecFs } from "./resolve-binary.ts";
import type { ShellAnalyzer, ShellRedirect } from "./shell-analyzer.ts";
import { unwrapCommand } from "./wrappers.ts";

export type { AllowRule } from "./judge-command.ts";

/** `tools.exec.security`, `tools.exec.ask` and the owner's "approve always" rules. */
export type ExecPolicy = { security: "deny" | "allowlist" | "full"; ask: "off" | "on-miss" | "always"; allow?: readonly AllowRule[] };

/**
 * What the script would do, for the data-flow rules ("exec that writes, deletes or reaches the network needs the
 * owner in a tainted turn"). `unknownEffects` is true when any command is not on the read-only allowlist: its
 * effects are unknown and must be treated as writes, deletes and network access.
 */
export type ExecFacts = {
  binaries: string[];
  writes: boolean;
  deletes: boolean;
  network: boolean;
  executesCode: boolean;
  readPaths: string[];
  writePaths: string[];
  outsideWorkspace: boolean;
  touchesSecrets: boolean;
  unknownEffects: boolean;
  /** A `git` command prints or searches file contents stored in a repository (history, index), unmasked there. */
  readsRepositoryContent: boolean;
  /**
   * A command reads files or folders no word of it names (its working directory: `ls`, `grep -r x`; the repository
   * git finds): `readPaths` is not all the script reads.
   */
  readsUnnamed: boolean;
};

export type ExecInput = {
  command: string;
  cwd: string;
  workspace: string;
  homeDir: string;
  /** Warden's state directory (WARDEN_HOME): never readable by exec. */
  stateDir: string;
  /** The PATH the sandbox will run the command with. */
  pathEnv: string;
  policy: ExecPolicy;
};

/** The exec decision; `score` (0–100) grows with every risky reason. */
export type ExecDecision = Decision & { facts: ExecFacts; score: number };

const weights: Record<Risk, number> = { none: 0, low: 5, medium: 20, high: 45, critical: 80 };
// Reasons that even `security: full` does not wave through.
const alwaysAsk = new Set(["exec.parse_error", "exec.privilege", "exec.secret_path"]);
const silentWrites = new Set(["/dev/null", "/dev/stdout", "/dev/stderr"]);

function realOrSelf(p: string, fs: ExecFs): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

function newSink(): FactSink {
  return {
    binaries: new Set(), readPaths: new Set(), writePaths: new Set(), reasons: [],
    flags: { writes: false, deletes: false, network: false, executesCode: false, outsideWorkspace: false,
      touchesSecrets: false, unknownEffects: false, readsRepositoryContent: false, readsUnnamed: false },
  };
}

function judgeRedirect(r: ShellRedirect, ctx: JudgeContext, sink: FactSink): boolean {
  if (r.direction === "dup" || r.direction === "close" || r.direction === "heredoc" || r.direction === "herestring") return true;
  const t = r.target;
  if (t === null || !t.literal || t.glob) return false; // reported by the analyzer as a dynamic redirection
  let target = t.value;
  if (t.tilde) {
    if (t.value !== "~" && !t.value.startsWith("~/")) {
      sink.flags.outsideWorkspace = true;
      addReason(sink, "exec.path_outside_workspace", "high", `the redirect \`${t.source}\` names another user's home directory`);
      return false;
    }
    target = ctx.homeDir + t.value.slice(1);
  }
  if (r.direction === "read") return judgeReadPath(target, ctx, sink);
  if (silentWrites.has(target)) return true;
  return judgeWritePath(target, ctx, sink, r.direction === "readwrite");
}

function analyzeInto(input: ExecInput, analyzer: ShellAnalyzer, ctx: JudgeContext, sink: FactSink): boolean {
  const analysis = analyzer.analyze(input.command);
  let ok = true;
  for (const p of analysis.problems) {
    const risk: Risk = p.id === "exec.eval" || p.id === "exec.privilege" ? "critical"
      : ["exec.parse_error", "exec.dynamic_command", "exec.ifs", "exec.dynamic_redirect"].includes(p.id) ? "high" : "medium";
    addReason(sink, p.id, risk, p.message);
    if (p.id === "exec.substitution") sink.flags.unknownEffects = true;
    ok = false;
  }
  if (!isInside(ctx.cwd, ctx.workspace)) {
    sink.flags.outsideWorkspace = true;
    addReason(sink, "exec.path_outside_workspace", "high", `the working directory \`${input.cwd}\` is outside the workspace`);
    ok = false;
  }
  for (const command of analysis.commands) {
    for (const a of command.assignments) {
      if (a.value === null || !a.value.literal || !/^(LC_[A-Z]+|LANG|LANGUAGE|TZ|NO_COLOR|COLUMNS|TERM)$/.test(a.name)) {
        addReason(sink, "exec.env_assignment", "high", `sets \`${a.name}\`, which can change what programs do`);
        ok = false;
      }
    }
    if (command.argv.length === 0) continue;
    const unwrapped = unwrapCommand(command.argv);
    for (const p of unwrapped.problems) {
      addReason(sink, p.id, p.id === "exec.privilege" ? "critical" : "medium", p.message);
      ok = false;
    }
    for (const effective of unwrapped.commands) {
      if (!judgeCommand(effective, ctx, sink)) ok = false;
    }
  }
  for (const r of analysis.redirects) if (!judgeRedirect(r, ctx, sink)) ok = false;
  if (analysis.commands.length === 0 && analysis.problems.length === 0) {
    addReason(sink, "exec.parse_error", "high", "no command was found");
    ok = false;
  }
  return ok;
}

function finish(verdict: Verdict, sink: FactSink, extra: Reason & { risk: Risk }): ExecDecision {
  const reasons = [...sink.reasons, extra];
  let risk: Risk = "none";
  let score = 0;
  for (const r of reasons) {
    risk = maxRisk(risk, r.risk);
    score += weights[r.risk];
  }
  const facts: ExecFacts = {
    binaries: [...sink.binaries], readPaths: [...sink.readPaths], writePaths: [...sink.writePaths], ...sink.flags,
  };
  return { decision: verdict, risk, score: Math.min(100, score), reasons: reasons.map(({ id, message }) => ({ id, message })), facts };
}

/**
 * The exec gate: parses the command with the bash grammar, sees through wrappers, resolves binaries and
 * confines paths. Must never allow what it could not fully account for, and never throws (errors deny).
 */
export function decideExec(input: ExecInput, analyzer: ShellAnalyzer, fs: ExecFs = nodeExecFs): ExecDecision {
  const sink = newSink();
  try {
    return decideInner(input, analyzer, fs, sink);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    sink.flags.unknownEffects = true;
    return finish("deny", sink, { id: "gate.error", risk: "high", message: `the exec policy failed while deciding: ${message}` });
  }
}

function decideInner(input: ExecInput, analyzer: ShellAnalyzer, fs: ExecFs, sink: FactSink): ExecDecision {
  const { policy } = input;
  const ctx: JudgeContext = {
    cwd: realOrSelf(input.cwd, fs), workspace: realOrSelf(input.workspace, fs), homeDir: input.homeDir,
    stateDir: input.stateDir === "" ? "" : realOrSelf(input.stateDir, fs), fs, pathEnv: input.pathEnv,
    allow: policy.allow ?? [],
  };
  if (input.workspace === "" || input.homeDir === "") {
    return finish("deny", sink, { id: "exec.parse_error", risk: "high", message: "the workspace or home directory is not configured" });
  }
  const clean = analyzeInto(input, analyzer, ctx, sink);
  if (policy.security === "deny") {
    return finish("deny", sink, { id: "exec.security_deny", risk: "none", message: "`tools.exec.security` is `deny`" });
  }
  const needsOwner = (message: string, id: string): ExecDecision =>
    policy.ask === "off"
      ? finish("deny", sink, { id, risk: "none", message: `${message}; \`tools.exec.ask\` is \`off\`, so it is denied` })
      : finish("ask", sink, { id, risk: "none", message: `${message}; the owner decides` });
  if (!["off", "on-miss", "always"].includes(policy.ask)) {
    return finish("deny", sink, { id: "exec.security_deny", risk: "high", message: `unknown \`tools.exec.ask\` \`${String(policy.ask)}\`` });
  }
  if (policy.ask === "always") {
    return finish("ask", sink, { id: "exec.ask_always", risk: "none", message: "`tools.exec.ask` is `always`" });
  }
  if (policy.security === "full") {
    const blocker = sink.reasons.find((r) => alwaysAsk.has(r.id));
    if (blocker !== undefined) return needsOwner("even `full` security asks for this", blocker.id);
    return finish("allow", sink, { id: "exec.security_full", risk: "none", message: "`tools.exec.security` is `full`" });
  }
  if (policy.security !== "allowlist") {
    return finish("deny", sink, { id: "exec.security_deny", risk: "high", message: `unknown \`tools.exec.security\` \`${String(policy.security)}\`` });
  }
  if (clean && !sink.flags.touchesSecrets && !sink.flags.outsideWorkspace && !sink.flags.writes) {
    return finish("allow", sink, { id: "exec.allowlisted", risk: "none", message: "every command is on the read-only allowlist and stays in the workspace" });
  }
  return needsOwner("not every command is on the read-only allowlist inside the workspace", "exec.owner_required");
}

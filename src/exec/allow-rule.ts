/**
 * "Approve always" for exec: turns the one command the owner approved into a precise allowlist rule, in the
 * same canonical form the matcher compares (`judgeCommand`): the binary's real path as resolved on the
 * sandbox PATH (`uname` → `/usr/bin/uname`) and the exact literal arguments. Refuses, with a reason, anything
 * that a rule could not describe precisely or must never cover: more than one command, redirects, variables,
 * substitutions, globs, builtins, programs in the workspace or temp dirs, and every shell, interpreter or
 * program runner (a rule for `python3 x.py` would run whatever `x.py` becomes).
 */
import type { AllowRule } from "./judge-command.ts";
import type { ShellAnalyzer } from "./shell-analyzer.ts";
import { classifyBinary } from "./binary-classes.ts";
import { isInside } from "./exec-paths.ts";
import { isShellBuiltin, nodeExecFs, resolveBinary, type ExecFs } from "./resolve-binary.ts";

export type AllowRuleResult = { ok: true; rule: AllowRule } | { ok: false; why: string };

const untrustedDirs = ["/tmp", "/var/tmp", "/dev/shm"];

export function canonicalAllowRule(
  command: string,
  analyzer: ShellAnalyzer,
  ctx: { pathEnv: string; cwd: string; workspace: string; stateDir: string; fs?: ExecFs },
): AllowRuleResult {
  const fs = ctx.fs ?? nodeExecFs;
  const analysis = analyzer.analyze(command);
  const only = analysis.commands.length === 1 && analysis.problems.length === 0 ? analysis.commands[0] : undefined;
  if (only === undefined || analysis.substitutions.length > 0 || analysis.redirects.length > 0 || analysis.heredocs.length > 0
    || analysis.subshells > 0 || analysis.functions.length > 0 || analysis.constructs.length > 0
    || only.assignments.length > 0 || only.redirects.length > 0) {
    return { ok: false, why: "only one plain command (no pipes, redirects, variables or control flow) can become a rule" };
  }
  if (only.argv.length === 0 || only.argv.some((w) => !w.literal || w.glob)) {
    return { ok: false, why: "every word of the command must be literal (no variables, globs or substitutions)" };
  }
  const [name, ...args] = only.argv.map((w) => w.value) as [string, ...string[]];
  if (!name.includes("/") && isShellBuiltin(name)) return { ok: false, why: `\`${name}\` is a shell builtin` };
  const resolved = resolveBinary(name, ctx.pathEnv, ctx.cwd, fs);
  if (resolved.path === null) return { ok: false, why: `\`${name}\` was not found on PATH` };
  const path = resolved.path;
  if (isInside(path, ctx.workspace) || (ctx.stateDir !== "" && isInside(path, ctx.stateDir)) || untrustedDirs.some((d) => isInside(path, d))) {
    return { ok: false, why: `\`${name}\` resolves to \`${path}\`, a program anyone could have written` };
  }
  // INVARIANT: never persist a shell, an interpreter or a program runner, whatever its arguments.
  const runsCode = classifyBinary(resolved.realName, args).find((e) => e.id === "exec.inline_code");
  if (runsCode !== undefined) return { ok: false, why: `${runsCode.message}; such commands are approved one at a time` };
  return { ok: true, rule: { binary: path, argv: args, match: "exact" } };
}

/**
 * The owner answered "approve always" to a call: for `exec` with a command, derive the rule and keep it (in the
 * live allowlist and through `persist`). Any other tool gets no rule. A command no rule can describe precisely
 * is reported through `refused`, never widened.
 */
export function createApproveAlways(deps: {
  analyzer: ShellAnalyzer;
  ctx: { pathEnv: string; cwd: string; workspace: string; stateDir: string };
  /** The live allowlist the exec policy reads. */
  rules: AllowRule[];
  persist?: (rule: AllowRule) => void;
  refused: (why: string) => void;
}): (tool: string, args: unknown) => void {
  return (tool, args) => {
    const command = typeof args === "object" && args !== null ? (args as { command?: unknown }).command : undefined;
    if (tool !== "exec" || typeof command !== "string") return;
    const made = canonicalAllowRule(command, deps.analyzer, deps.ctx);
    if (!made.ok) return deps.refused(made.why);
    deps.rules.push(made.rule);
    deps.persist?.(made.rule);
  };
}

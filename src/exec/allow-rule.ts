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
import { checkAllowlisted } from "./allowlist.ts";
import { isInside } from "./exec-paths.ts";
import { awkNames } from "./awk-rules.ts";
import { isShellBuiltin, nodeExecFs, resolveBinary, type ExecFs } from "./resolve-binary.ts";

export type AllowRuleResult = { ok: true; rule: AllowRule } | { ok: false; why: string };

const untrustedDirs = ["/tmp", "/var/tmp", "/dev/shm"];

// Programs that run other programs whatever their arguments say: pagers and editors with shell escapes, package
// managers (install scripts), test and task runners (project code), remote and privileged execution, terminal
// multiplexers. Judged by every name the command goes by (`vim` is `vim.basic`, `npm` is `npm-cli.js`).
const neverPersist = new Set(["less", "more", "most", "pg", "man", "info", "vi", "vim", "view", "vimdiff", "rvim", "ex", "nano",
  "pico", "emacs", "mc", "ranger", "nnn", "tig", "dpkg", "apt", "apt-get", "aptitude", "rpm", "yum", "dnf", "zypper", "pacman",
  "apk", "snap", "flatpak", "brew", "gem", "bundle", "bundler", "composer", "pipx", "conda", "mamba", "dotnet", "ant", "sbt",
  "rake", "pytest", "py.test", "tox", "nox", "jest", "vitest", "mocha", "tsx", "ts-node", "bunx", "pnpx", "corepack", "npm-cli.js",
  "npx-cli.js", "yarn.js", "pnpm.cjs", "ssh", "mosh", "sudo", "su", "doas", "pkexec", "runuser", "systemctl", "service", "tmux",
  "screen", "expect", "gpg", "gpg2", "timeout", "nice", "ionice", "taskset", "stdbuf", "env", "time", "nohup", "command", "builtin"]);
// Options with which otherwise plain tools run a program they name.
const programOptions: Record<string, RegExp> = {
  tar: /^(?:--to-command|--use-compress-program|--info-script|--new-volume-script|--checkpoint-action|-I|-F)/,
  zip: /^(?:-TT|--unzip-command|-T)/,
  rsync: /^(?:-e|--rsh|--rsync-path)/,
  split: /^--filter/,
  sort: /^--compress-program/,
  openssl: /^-engine/,
};

/** Why a rule for `name ARGS` (under any of `names`) could run a program the owner never saw; undefined when none. */
function runsOtherPrograms(names: readonly string[], args: readonly string[], ctx: { workspace: string }): string | undefined {
  for (const n of names) {
    if (neverPersist.has(n)) return `\`${n}\` runs other programs (shell escapes, scripts or remote commands)`;
    // Its program is an argument: a rule matching by prefix would cover programs the owner never saw.
    if (awkNames.has(n)) return `\`${n}\` runs the program it is given; a rule would cover programs you never saw`;
    const runsCode = classifyBinary(n, args).find((e) => e.id === "exec.inline_code");
    if (runsCode !== undefined) return runsCode.message;
    const option = programOptions[n];
    if (option !== undefined && args.some((a) => option.test(a))) return `\`${n}\` is given an option that runs a program`;
    // An allowlisted tool with options outside its read-only rule (`git -c`, `rg --pre`): what they do is unknown.
    const check = checkAllowlisted(n, args, { insideWorkspace: (p) => isInside(p, ctx.workspace) });
    const refused = check?.reasons.find((r) => r.id === "exec.inline_code" || r.id === "exec.argument_rule");
    if (check !== null && refused !== undefined) return refused.message;
  }
  return undefined;
}

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
  // INVARIANT: never persist a shell, an interpreter or a program runner, whatever its arguments, under any of
  // the names the command goes by.
  const names = [...new Set([name.split("/").at(-1) as string, resolved.realName, path.split("/").at(-1) as string])];
  const runsCode = runsOtherPrograms(names, args, ctx);
  if (runsCode !== undefined) return { ok: false, why: `${runsCode}; such commands are approved one at a time` };
  return { ok: true, rule: { binary: path, argv: args, match: "exact" } };
}

/** `keep`: the owner answered "always" (keeps the rule); `preview`: what "always" would keep, shown before asking. */
export type ApproveAlways = { keep: (tool: string, args: unknown) => void; preview: (tool: string, args: unknown) => AllowRuleResult };

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
}): ApproveAlways {
  const preview = (tool: string, args: unknown): AllowRuleResult => {
    const command = typeof args === "object" && args !== null ? (args as { command?: unknown }).command : undefined;
    if (tool !== "exec" || typeof command !== "string") return { ok: false, why: `only exec commands can become rules; \`${tool}\` calls are approved one at a time` };
    return canonicalAllowRule(command, deps.analyzer, deps.ctx);
  };
  return {
    preview,
    keep(tool, args) {
      const made = preview(tool, args);
      if (!made.ok) return tool === "exec" ? deps.refused(made.why) : undefined;
      deps.rules.push(made.rule);
      deps.persist?.(made.rule);
    },
  };
}

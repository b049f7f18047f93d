import path from "node:path";
import type { Reason, Risk } from "../core/decision.ts";
import { checkAllowlisted } from "./allowlist.ts";
import { classifyBinary } from "./binary-classes.ts";
import { classifyPath, isInside } from "./exec-paths.ts";
import type { PathContext } from "./exec-paths.ts";
import { expandGlob } from "./expand-glob.ts";
import { isShellBuiltin, resolveBinary } from "./resolve-binary.ts";
import type { ShellWord } from "./shell-words.ts";
import { CLEARS_ENVIRONMENT, commandBaseName } from "./wrappers.ts";
import type { EffectiveCommand } from "./wrappers.ts";

/** An extra rule the owner granted ("approve always"): exact resolved binary and exact argv or argv prefix. */
export type AllowRule = { binary: string; argv: readonly string[]; match: "exact" | "prefix" };

export type RiskedReason = Reason & { risk: Risk };

/** Facts the judge accumulates across all commands of a script. */
export type FactSink = {
  binaries: Set<string>;
  readPaths: Set<string>;
  writePaths: Set<string>;
  flags: { writes: boolean; deletes: boolean; network: boolean; executesCode: boolean; outsideWorkspace: boolean;
    touchesSecrets: boolean; unknownEffects: boolean; readsRepositoryContent: boolean; readsUnnamed: boolean };
  reasons: RiskedReason[];
};

export type JudgeContext = PathContext & { pathEnv: string; allow: readonly AllowRule[] };

// Wrappers that change nothing a read-only command could do.
const harmlessWrappers = new Set(["env", "nice", "nohup", "time", "timeout", "stdbuf", "command", "builtin", "busybox"]);
const safeEnv = /^(LC_[A-Z]+|LANG|LANGUAGE|TZ|NO_COLOR|COLUMNS|TERM)=/;
const specialReads = new Set(["/dev/null", "/dev/stdin"]);
const untrustedBinDirs = ["/tmp", "/var/tmp", "/dev/shm"];

export function addReason(sink: FactSink, id: string, risk: Risk, message: string): void {
  if (!sink.reasons.some((r) => r.id === id && r.message === message)) sink.reasons.push({ id, message, risk });
}

function expandTilde(word: ShellWord, home: string): string | null {
  if (!word.tilde) return word.value;
  if (word.value === "~") return home;
  if (word.value.startsWith("~/")) return path.join(home, word.value.slice(2));
  return null; // `~user` names another user's home.
}

/** Tilde and glob expansion as bash does them; null when the arguments cannot be known. */
function expandArgs(words: readonly ShellWord[], ctx: JudgeContext, sink: FactSink): string[] | null {
  const out: string[] = [];
  for (const w of words) {
    if (!w.literal) {
      addReason(sink, "exec.dynamic_argument", "medium", `the argument \`${w.source}\` is only known at run time (${w.why ?? "expansion"})`);
      return null;
    }
    const value = expandTilde(w, ctx.homeDir);
    if (value === null) {
      addReason(sink, "exec.path_outside_workspace", "high", `\`${w.source}\` names another user's home directory`);
      return null;
    }
    if (!w.glob) {
      out.push(value);
      continue;
    }
    const matches = expandGlob(value, ctx.cwd, ctx.fs);
    if (matches === null) {
      addReason(sink, "exec.dynamic_argument", "medium", `the glob \`${w.source}\` cannot be judged before it runs`);
      return null;
    }
    out.push(...matches);
  }
  return out;
}

/** Confines a path to the workspace and flags secrets; returns true when the path may be read automatically. */
export function judgeReadPath(p: string, ctx: JudgeContext, sink: FactSink): boolean {
  if (specialReads.has(p)) return true;
  const verdict = classifyPath(p, ctx);
  sink.readPaths.add(verdict.real);
  let ok = true;
  if (verdict.secret !== null) {
    sink.flags.touchesSecrets = true;
    addReason(sink, "exec.secret_path", "critical", `reads \`${p}\`: ${verdict.secret}`);
    ok = false;
  }
  if (!verdict.inside) {
    sink.flags.outsideWorkspace = true;
    addReason(sink, "exec.path_outside_workspace", "medium", `\`${p}\` is outside the workspace`);
    ok = false;
  }
  return ok;
}

/**
 * A path a command writes (a redirect's target, the operand a writer names): what writing it means is named, as the
 * owner must see it (`writes \`.envrc\`: direnv sources it`), whether the write comes from `>> .envrc` or from
 * `tee .envrc` behind a long harmless prefix. Returns false: a write is never automatic.
 */
export function judgeWritePath(target: string, ctx: JudgeContext, sink: FactSink, readsToo = false): false {
  const v = classifyPath(target, ctx);
  sink.flags.writes = true;
  sink.writePaths.add(v.real);
  if (readsToo) sink.readPaths.add(v.real);
  addReason(sink, "exec.writes", v.sensitive === null ? "medium" : "high",
    v.sensitive === null ? `writes \`${target}\`` : `writes \`${target}\`: ${v.sensitive}`);
  if (!v.inside) {
    sink.flags.outsideWorkspace = true;
    addReason(sink, "exec.path_outside_workspace", "high", `writes \`${target}\` outside the workspace`);
  }
  if (v.secret !== null) {
    sink.flags.touchesSecrets = true;
    addReason(sink, "exec.secret_path", "critical", `writes \`${target}\`: ${v.secret}`);
  }
  return false;
}

/**
 * The operands a file writer writes, when its arguments say which: every operand of `tee`, `touch`, `mkdir`, …; the
 * last (or `-t DIR`'s) of `cp`, `mv`, `ln`, `install`, `rsync`; `dd`'s `of=`; all but the mode or owner of `chmod`, `chown`, `chgrp`.
 * Words only known at run time or globs are left out (the analysis reports those on their own).
 */
function writtenOperands(name: string, words: readonly ShellWord[], home: string): string[] {
  const operands: string[] = [];
  let target: string | undefined;
  let optionsEnd = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === undefined || !w.literal || w.glob) continue;
    const value = expandTilde(w, home);
    if (value === null) continue;
    if (!optionsEnd && value === "--") optionsEnd = true;
    else if (!optionsEnd && (value === "-t" || value === "--target-directory")) {
      const next = words[i + 1];
      if (next?.literal === true && !next.glob) target = expandTilde(next, home) ?? undefined;
      i++;
    } else if (!optionsEnd && value.startsWith("--target-directory=")) target = value.slice("--target-directory=".length);
    else if (optionsEnd || !value.startsWith("-") || value === "-") operands.push(value);
  }
  // `dd of=FILE`: the one operand it writes.
  if (name === "dd") return operands.filter((o) => o.startsWith("of=")).map((o) => o.slice(3));
  if (["cp", "mv", "ln", "install", "rsync"].includes(name)) return target !== undefined ? [target] : operands.length > 1 ? operands.slice(-1) : [];
  if (["chmod", "chown", "chgrp"].includes(name)) return operands.slice(1);
  if (["tee", "touch", "mkdir", "truncate", "mkfifo", "sponge"].includes(name)) return operands.filter((o) => o !== "-");
  return [];
}

function matchesRule(rule: AllowRule, binary: string, argv: readonly string[]): boolean {
  if (rule.binary !== binary) return false;
  if (rule.match === "exact" && rule.argv.length !== argv.length) return false;
  if (rule.argv.length > argv.length) return false;
  return rule.argv.every((a, i) => argv[i] === a);
}

/** The binary's real name and path; builtins are judged by name, busybox applets by applet name. */
function resolveName(word: ShellWord, ctx: JudgeContext, sink: FactSink): { judged: string; binary: string } | null {
  const name = word.value;
  if (!name.includes("/") && isShellBuiltin(name)) return { judged: name, binary: `builtin:${name}` };
  const resolved = resolveBinary(name, ctx.pathEnv, ctx.cwd, ctx.fs);
  if (resolved.path === null) {
    addReason(sink, "exec.not_allowlisted", "medium", `\`${name}\` was not found on PATH`);
    sink.binaries.add(name);
    return null;
  }
  sink.binaries.add(resolved.path);
  if (isInside(resolved.path, ctx.workspace) || (ctx.stateDir !== "" && isInside(resolved.path, ctx.stateDir))
    || untrustedBinDirs.some((d) => isInside(resolved.path as string, d))) {
    addReason(sink, "exec.not_allowlisted", "high", `\`${name}\` resolves to \`${resolved.path}\`, a program anyone could have written`);
    return null;
  }
  const applet = commandBaseName(word);
  const judged = resolved.realName === "busybox" && applet !== "busybox" ? applet : resolved.realName;
  return { judged, binary: resolved.path };
}

/**
 * Judges one effective command against the allowlist and the owner's rules. Returns true only when the command
 * may run without the owner; every reason for a false answer is added to `sink`.
 */
export function judgeCommand(cmd: EffectiveCommand, ctx: JudgeContext, sink: FactSink): boolean {
  let ok = true;
  for (const w of cmd.wrapperNames) {
    const name = commandBaseName(w);
    const r = resolveName(w, ctx, sink);
    if (r === null) ok = false;
    else if (!harmlessWrappers.has(r.judged)) ok = false;
    addReason(sink, "exec.wrapper", "low", `sees through the wrapper \`${name}\``);
  }
  if (cmd.privileged) ok = false;
  for (const a of cmd.assignments) {
    if (a === CLEARS_ENVIRONMENT) {
      addReason(sink, "exec.env_assignment", "high", "clears the environment, which holds the sandbox's hardening (git's disarmed programs among it)");
      ok = false;
    } else if (!safeEnv.test(a)) {
      addReason(sink, "exec.env_assignment", "high", `sets \`${a.split("=")[0] ?? a}\`, which can change what programs do`);
      ok = false;
    }
  }
  const head = cmd.argv[0];
  if (head === undefined) return false;
  if (!head.literal || head.glob) {
    addReason(sink, "exec.dynamic_command", "high", `the command \`${head.source}\` is only known at run time`);
    sink.flags.unknownEffects = true;
    return false;
  }
  const name = head.value;
  if (["eval", "source", ".", "exec"].includes(name)) {
    addReason(sink, "exec.eval", "critical", `\`${name}\` runs text that cannot be analyzed in advance`);
    sink.flags.executesCode = true;
    sink.flags.unknownEffects = true;
    return false;
  }
  if (["env", "printenv", "set", "export", "declare", "typeset"].includes(name) && cmd.argv.length === 1) {
    sink.flags.touchesSecrets = true;
    addReason(sink, "exec.secret_path", "critical", `\`${name}\` prints the environment, which holds secrets`);
  }
  const resolved = resolveName(head, ctx, sink);
  const rawArgs = cmd.argv.slice(1).map((w) => (w.literal ? w.value : w.source));
  const judgedName = resolved?.judged ?? commandBaseName(head);
  for (const e of classifyBinary(judgedName, rawArgs)) {
    addReason(sink, e.id, e.risk, e.message);
    sink.flags[e.fact] = true;
    if (e.id === "exec.writes") for (const target of writtenOperands(judgedName, cmd.argv.slice(1), ctx.homeDir)) judgeWritePath(target, ctx, sink);
  }
  if (resolved === null) {
    sink.flags.unknownEffects = true;
    return false;
  }
  if (cmd.argsUnknown) {
    addReason(sink, "exec.wrapper", "medium", `\`${cmd.wrappers.join(" ")}\` passes arguments that are only known at run time`);
    ok = false;
  }
  const args = expandArgs(cmd.argv.slice(1), ctx, sink);
  if (args === null) {
    sink.flags.unknownEffects = true;
    return false;
  }
  if (ctx.allow.some((rule) => matchesRule(rule, resolved.binary, args))) {
    addReason(sink, "exec.owner_rule", "low", `\`${judgedName}\` matches a rule the owner approved`);
    // The owner's rule covers the arguments, never secrets or places outside the workspace: operands (and the
    // value of `--opt=/path`) are still checked, as for any allowlisted command.
    for (const a of args) {
      const operand = a.startsWith("-") && a.includes("=") ? a.slice(a.indexOf("=") + 1) : a;
      if (operand.startsWith("-") && !operand.includes("/")) continue;
      const v = classifyPath(operand, ctx);
      if (v.secret !== null || !v.inside) {
        if (!judgeReadPath(operand, ctx, sink)) ok = false;
      }
    }
    return ok;
  }
  const check = checkAllowlisted(judgedName, args, { insideWorkspace: (p) => classifyPath(p, ctx).inside });
  if (check === null) {
    sink.flags.unknownEffects = true;
    // Named as the owner wrote it; the real program it resolves to (`python3` → `python3.11`) is what was judged.
    const typed = commandBaseName(head);
    const shown = typed === judgedName ? `\`${judgedName}\`` : `\`${typed}\` (\`${judgedName}\`)`;
    addReason(sink, "exec.not_allowlisted", "medium", `${shown} is not on the read-only allowlist`);
    return false;
  }
  if (!check.ok) {
    for (const r of check.reasons) {
      const risk: Risk = r.id === "exec.argument_rule" ? "medium" : "high";
      addReason(sink, r.id, risk, r.message);
      if (r.id === "exec.inline_code") sink.flags.executesCode = true;
      if (r.id === "exec.writes") sink.flags.writes = true;
      if (r.id === "exec.destructive") sink.flags.deletes = true;
    }
    sink.flags.unknownEffects = true;
    return false;
  }
  for (const p of check.readPaths) if (!judgeReadPath(p, ctx, sink)) ok = false;
  // A write the rule allows as the command's one effect (`sort -o F`, `sed -i`): judged and asked as any write.
  for (const p of check.writePaths) ok = judgeWritePath(p, ctx, sink, true);
  if (check.readsStoredContent === true) sink.flags.readsRepositoryContent = true;
  if (check.readsUnnamed === true) sink.flags.readsUnnamed = true;
  return ok;
}

import type { ShellProblem } from "./shell-analyzer.ts";
import type { ShellWord } from "./shell-words.ts";

/** A command as it will finally run once wrappers such as `env`, `timeout` or `xargs` are seen through. */
export type EffectiveCommand = {
  argv: ShellWord[];
  /** Wrapper names peeled off, outermost first (`["timeout", "env"]`). */
  wrappers: string[];
  /** Wrapper words (with their arguments) as given, so their binaries can be resolved and judged too. */
  wrapperNames: ShellWord[];
  /** Environment assignments the wrappers set (`env A=1`). */
  assignments: string[];
  /** Extra arguments arrive at run time (xargs, find -exec `{}`): arguments cannot be judged. */
  argsUnknown: boolean;
  /** Run with raised privileges (sudo, doas, su, …). */
  privileged: boolean;
};

export type UnwrapResult = { commands: EffectiveCommand[]; problems: ShellProblem[] };

const privilegeWrappers = new Set(["sudo", "doas", "su", "pkexec", "run0", "runuser", "sg"]);
const maxDepth = 16;

function lit(w: ShellWord | undefined): string | undefined {
  return w !== undefined && w.literal ? w.value : undefined;
}

export function commandBaseName(word: ShellWord): string {
  const v = word.value;
  const slash = v.lastIndexOf("/");
  return slash === -1 ? v : v.slice(slash + 1);
}

type Step = { rest: ShellWord[]; assignments?: string[]; argsUnknown?: boolean; privileged?: boolean; extra?: ShellWord[][] } | { problem: ShellProblem };

const optionSpecs: Record<string, { withValue: string[]; flags: string[]; longWithValue?: string[] }> = {
  nice: { withValue: ["-n", "--adjustment"], flags: [] },
  nohup: { withValue: [], flags: [] },
  time: { withValue: [], flags: ["-p"] },
  timeout: { withValue: ["-s", "--signal", "-k", "--kill-after"], flags: ["--preserve-status", "--foreground", "-v", "--verbose"] },
  stdbuf: { withValue: ["-i", "-o", "-e", "--input", "--output", "--error"], flags: [] },
  command: { withValue: [], flags: ["-p"] },
  builtin: { withValue: [], flags: [] },
  sudo: { withValue: ["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T"], flags: ["-E", "-H", "-n", "-P", "-S", "-b", "-i", "-k", "-A", "-B", "-s"] },
  doas: { withValue: ["-u", "-C"], flags: ["-n", "-s", "-L"] },
};

/** Consumes options of a simple wrapper; returns the index of the wrapped command or a problem. */
function skipOptions(name: string, argv: ShellWord[]): number | ShellProblem {
  const spec = optionSpecs[name] ?? { withValue: [], flags: [] };
  let i = 1;
  while (i < argv.length) {
    const a = lit(argv[i]);
    if (a === undefined) return { id: "exec.wrapper", message: `\`${name}\` has a non-literal option \`${argv[i]?.source ?? ""}\`` };
    if (a === "--") return i + 1;
    if (!a.startsWith("-") || a === "-") break;
    if (spec.flags.includes(a)) { i++; continue; }
    const withValue = spec.withValue.find((f) => a === f || (f.startsWith("--") ? a.startsWith(`${f}=`) : a.startsWith(f)));
    if (withValue !== undefined) { i += a === withValue ? 2 : 1; continue; }
    if (name === "nice" && /^-\d+$/.test(a)) { i++; continue; }
    return { id: "exec.wrapper", message: `\`${name}\` option \`${a}\` is not understood` };
  }
  return i;
}

function peel(name: string, argv: ShellWord[]): Step | null {
  switch (name) {
    case "nice": case "nohup": case "time": case "stdbuf": case "builtin": case "sudo": case "doas": {
      const at = skipOptions(name, argv);
      if (typeof at !== "number") return { problem: at };
      return { rest: argv.slice(at), privileged: name === "sudo" || name === "doas" };
    }
    case "command": {
      if (argv.slice(1).some((w) => w.value === "-v" || w.value === "-V")) return null;
      const at = skipOptions(name, argv);
      if (typeof at !== "number") return { problem: at };
      return { rest: argv.slice(at) };
    }
    case "timeout": {
      const at = skipOptions(name, argv);
      if (typeof at !== "number") return { problem: at };
      return { rest: argv.slice(at + 1) };
    }
    case "env": return peelEnv(argv);
    case "busybox": {
      const applet = lit(argv[1]);
      if (applet === undefined || applet.startsWith("-")) return null;
      return { rest: argv.slice(1) };
    }
    case "xargs": return peelXargs(argv);
    case "find": return peelFind(argv);
    case "su": case "runuser": case "pkexec": case "run0": case "sg":
      return { problem: { id: "exec.privilege", message: `\`${name}\` runs commands as another user` } };
    default: return null;
  }
}

/** The assignment `env -i` stands for: every variable unset. */
export const CLEARS_ENVIRONMENT = "*=";

function peelEnv(argv: ShellWord[]): Step {
  const assignments: string[] = [];
  let i = 1;
  for (; i < argv.length; i++) {
    const a = lit(argv[i]);
    if (a === undefined) return { problem: { id: "exec.wrapper", message: `\`env\` has a non-literal argument \`${argv[i]?.source ?? ""}\`` } };
    if (a === "-0" || a === "--null") continue;
    // Clearing the environment drops what the sandbox set in it (git's command-scope hardening among others).
    if (a === "-i" || a === "--ignore-environment" || a === "-") { assignments.push(CLEARS_ENVIRONMENT); continue; }
    // Unsetting a variable changes how the command runs just as setting one does.
    if (a === "-u" || a === "--unset") { assignments.push(`${lit(argv[i + 1]) ?? "?"}=`); i++; continue; }
    if (a.startsWith("--unset=")) { assignments.push(`${a.slice("--unset=".length)}=`); continue; }
    if (a === "--") { i++; break; }
    if (a.startsWith("-")) {
      return { problem: { id: "exec.wrapper", message: `\`env\` option \`${a}\` is not understood (\`-S\` splits strings, \`-C\` changes directory)` } };
    }
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) { assignments.push(a); continue; }
    break;
  }
  return { rest: argv.slice(i), assignments };
}

const xargsWithValue = new Set(["-a", "-d", "-E", "-e", "-I", "-i", "-L", "-l", "-n", "-P", "-s", "--arg-file", "--delimiter", "--eof", "--replace", "--max-lines", "--max-args", "--max-procs", "--max-chars", "--process-slot-var"]);

function peelXargs(argv: ShellWord[]): Step {
  let i = 1;
  for (; i < argv.length; i++) {
    const a = lit(argv[i]);
    if (a === undefined) return { problem: { id: "exec.wrapper", message: "`xargs` has a non-literal option" } };
    if (a === "--") { i++; break; }
    if (!a.startsWith("-")) break;
    const flag = a.startsWith("--") ? a.split("=")[0] ?? a : a.slice(0, 2);
    if (flag === "-a" || flag === "--arg-file") {
      return { problem: { id: "exec.wrapper", message: "`xargs -a` reads its arguments from a file" } };
    }
    if (xargsWithValue.has(flag) && (a === flag) && !["-i", "-l", "-e"].includes(flag)) i++;
  }
  const rest = argv.slice(i);
  // Plain `xargs` runs `echo` with what it reads.
  const argvOut: ShellWord[] = rest.length > 0 ? rest : [{ value: "echo", source: "echo", literal: true, glob: false, tilde: false }];
  return { rest: argvOut, argsUnknown: true };
}

const findExec = new Set(["-exec", "-execdir", "-ok", "-okdir"]);

function peelFind(argv: ShellWord[]): Step | null {
  const extra: ShellWord[][] = [];
  for (let i = 1; i < argv.length; i++) {
    if (!findExec.has(lit(argv[i]) ?? "")) continue;
    const start = i + 1;
    let end = start;
    while (end < argv.length && !(argv[end]?.literal && (argv[end]?.value === ";" || argv[end]?.value === "+"))) end++;
    extra.push(argv.slice(start, end));
    i = end;
  }
  if (extra.length === 0) return null;
  // `find` itself is still judged (its allowlist rule refuses -exec); the executed commands are added.
  return { rest: argv, extra };
}

/**
 * Sees through wrappers to the commands that will really run. Must never hide a command: anything a wrapper
 * option could do that is not understood becomes a problem.
 */
export function unwrapCommand(argv: ShellWord[]): UnwrapResult {
  const problems: ShellProblem[] = [];
  const commands: EffectiveCommand[] = [];
  const queue: EffectiveCommand[] = [{ argv, wrappers: [], wrapperNames: [], assignments: [], argsUnknown: false, privileged: false }];
  let steps = 0;
  while (queue.length > 0) {
    const current = queue.shift() as EffectiveCommand;
    let cmd = current;
    for (;;) {
      if (++steps > maxDepth) {
        problems.push({ id: "exec.wrapper", message: "wrappers nest too deeply" });
        return { commands, problems };
      }
      const head = cmd.argv[0];
      if (head === undefined || !head.literal) break;
      const name = commandBaseName(head);
      if (privilegeWrappers.has(name)) {
        problems.push({ id: "exec.privilege", message: `\`${name}\` runs commands with other privileges` });
      }
      const step = peel(name, cmd.argv);
      if (step === null) break;
      if ("problem" in step) {
        problems.push(step.problem);
        break;
      }
      if (step.extra !== undefined) {
        for (const e of step.extra) {
          if (e.length === 0) {
            problems.push({ id: "exec.wrapper", message: "`find -exec` without a command" });
            continue;
          }
          queue.push({ ...cmd, argv: e, wrappers: [...cmd.wrappers, "find"], wrapperNames: [...cmd.wrapperNames, head], argsUnknown: true });
        }
        break;
      }
      if (step.rest.length === 0) {
        if (name === "env") break; // `env` alone prints the environment: judged as `env` itself.
        break;
      }
      cmd = {
        argv: step.rest,
        wrappers: [...cmd.wrappers, name],
        wrapperNames: [...cmd.wrapperNames, head],
        assignments: [...cmd.assignments, ...(step.assignments ?? [])],
        argsUnknown: cmd.argsUnknown || (step.argsUnknown ?? false),
        privileged: cmd.privileged || (step.privileged ?? false),
      };
    }
    commands.push(cmd);
  }
  return { commands, problems };
}

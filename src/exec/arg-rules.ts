import type { Reason } from "../core/decision.ts";

/** What an allowlist rule found in one command's arguments. Must never report `ok` for an unknown flag. */
export type ArgCheck = {
  ok: boolean;
  reasons: Reason[];
  /** Operands and option values the command reads as files or directories (to be confined to the workspace). */
  readPaths: string[];
  /**
   * Paths the command writes, whose writing is its only effect beyond reading (`sort -o F`, `sed -i`): the caller judges
   * each as a write (`exec.writes`, asked), with what it is and where it lies.
   */
  writePaths: string[];
  /**
   * The command prints (or searches) file contents stored in a git repository — history, the index — which
   * no mask over the work tree hides.
   */
  readsStoredContent?: boolean;
  /**
   * The command reads files or folders no argument names: its working directory (`ls`, `rg PATTERN`, `grep -r PATTERN`
   * without a path), the repository git finds. `readPaths` is then not all it reads.
   */
  readsUnnamed?: boolean;
};

/** What an argument rule may ask of its caller about the command's surroundings. */
export type AllowlistContext = {
  /** Checks a `-C`/`--git-dir` style directory option; true when it stays inside the workspace. */
  insideWorkspace(p: string): boolean;
};

/** A per-binary argument rule, as data. Unknown options fail the rule (fail closed). */
export type ArgSpec = {
  /** Short flags without a value, as one string of letters. */
  short?: string;
  /** Short flags taking a non-path value. */
  shortValue?: string;
  /** Short flags taking a path value. */
  shortPath?: string;
  /** Short flags taking the path of a file the command writes (`sort -o`): listed in `writePaths`. */
  shortWritePath?: string;
  /** Long options taking the path of a file the command writes (`sort --output`). */
  longWritePath?: readonly string[];
  long?: readonly string[];
  longValue?: readonly string[];
  longPath?: readonly string[];
  /** Flags refused with a reason (`--pre` → `exec.inline_code`). */
  deny?: Readonly<Record<string, Reason>>;
  /** `head -5`, `tail -20`. */
  numericShort?: boolean;
  /** How to read non-option arguments. */
  operands: "paths" | "text" | "none" | "pattern-then-paths";
  maxOperands?: number;
  /** Options after which every operand is a path (`rg --files DIR`). */
  pathsOnlyWith?: readonly string[];
  /** Long options that also accept an optional `=value` (`--color[=WHEN]`). */
  longOptionalValue?: readonly string[];
  /** Refuses an operand by its text (`date MMDDhhmm` sets the clock); null accepts it. */
  operandRule?: (operand: string) => Reason | null;
  /**
   * Given no path operand, the command reads its working directory: always (`ls`, `du`, `rg`), or with one of these
   * options (`grep -r`; a value option as `-d=recurse`).
   */
  readsCwdWithoutPaths?: "always" | readonly string[];
};

export function failed(reason: Reason): ArgCheck {
  return { ok: false, reasons: [reason], readPaths: [], writePaths: [] };
}

export function argumentRule(message: string): Reason {
  return { id: "exec.argument_rule", message };
}

/** Parses GNU-style options (permuted, `--` ends options, `-abc` bundles) against a spec. */
export function checkArgs(binary: string, args: readonly string[], spec: ArgSpec): ArgCheck {
  const out: ArgCheck = { ok: true, reasons: [], readPaths: [], writePaths: [] };
  const operands: string[] = [];
  let patternGiven = false;
  let endOfOptions = false;
  // The options given, as `-r`, `--recursive`, `-d=recurse`: what `readsCwdWithoutPaths` names.
  const seen = new Set<string>();
  const fail = (reason: Reason): ArgCheck => ({ ...out, ok: false, reasons: [...out.reasons, reason] });
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (endOfOptions || a === "-" || !a.startsWith("-")) {
      operands.push(a);
      continue;
    }
    if (a === "--") {
      endOfOptions = true;
      continue;
    }
    if (spec.pathsOnlyWith?.includes(a)) patternGiven = true;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq === -1 ? a : a.slice(0, eq);
      const denied = spec.deny?.[name];
      if (denied !== undefined) return fail(denied);
      if (spec.long?.includes(name) && eq === -1) {
        seen.add(name);
        continue;
      }
      if (spec.longOptionalValue?.includes(name)) continue;
      const isPath = spec.longPath?.includes(name) ?? false;
      const isWrite = spec.longWritePath?.includes(name) ?? false;
      if (isPath || isWrite || spec.longValue?.includes(name)) {
        let value: string | undefined = eq === -1 ? args[++i] : a.slice(eq + 1);
        if (value === undefined) return fail(argumentRule(`\`${binary} ${name}\` is missing its value`));
        seen.add(`${name}=${value}`);
        if (isPath) out.readPaths.push(value);
        if (isWrite) out.writePaths.push(value);
        if (name === "--regexp" || name === "--file") patternGiven = true;
        value = undefined;
        continue;
      }
      return fail(argumentRule(`\`${binary}\` option \`${name}\` is not on the allowlist`));
    }
    if (spec.numericShort === true && /^-\d+$/.test(a)) continue;
    for (let j = 1; j < a.length; j++) {
      const c = a[j] as string;
      const denied = spec.deny?.[`-${c}`];
      if (denied !== undefined) return fail(denied);
      if (spec.short?.includes(c)) {
        seen.add(`-${c}`);
        continue;
      }
      const isPath = spec.shortPath?.includes(c) ?? false;
      const isWrite = spec.shortWritePath?.includes(c) ?? false;
      if (isPath || isWrite || spec.shortValue?.includes(c)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (value === undefined) return fail(argumentRule(`\`${binary} -${c}\` is missing its value`));
        seen.add(`-${c}=${value}`);
        if (isPath) out.readPaths.push(value);
        if (isWrite) out.writePaths.push(value);
        if (c === "e" || c === "f") patternGiven = true;
        break;
      }
      return fail(argumentRule(`\`${binary}\` option \`-${c}\` is not on the allowlist`));
    }
  }
  if (spec.operands === "none" && operands.length > 0) {
    return fail(argumentRule(`\`${binary}\` takes no operands here`));
  }
  for (const o of operands) {
    const refused = spec.operandRule?.(o) ?? null;
    if (refused !== null) return fail(refused);
  }
  if (spec.maxOperands !== undefined && operands.length > spec.maxOperands) {
    return fail(argumentRule(`\`${binary}\` with more than ${spec.maxOperands} operands may write a file`));
  }
  if (spec.operands === "paths") out.readPaths.push(...operands.filter((o) => o !== "-"));
  if (spec.operands === "pattern-then-paths") {
    out.readPaths.push(...operands.slice(patternGiven ? 0 : 1).filter((o) => o !== "-"));
  }
  const pathOperands = spec.operands === "paths" ? operands : spec.operands === "pattern-then-paths" ? operands.slice(patternGiven ? 0 : 1) : [];
  const cwd = spec.readsCwdWithoutPaths;
  if (cwd !== undefined && pathOperands.length === 0 && (cwd === "always" || cwd.some((o) => seen.has(o)))) out.readsUnnamed = true;
  return out;
}

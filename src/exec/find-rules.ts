import { argumentRule, failed } from "./arg-rules.ts";
import type { ArgCheck } from "./arg-rules.ts";

// Tests and options that only read metadata, with how many values each takes.
const readOnly: Record<string, number> = {
  "-name": 1, "-iname": 1, "-path": 1, "-ipath": 1, "-wholename": 1, "-iwholename": 1, "-regex": 1, "-iregex": 1,
  "-lname": 1, "-ilname": 1, "-type": 1, "-xtype": 1, "-maxdepth": 1, "-mindepth": 1, "-size": 1, "-mtime": 1,
  "-mmin": 1, "-atime": 1, "-amin": 1, "-ctime": 1, "-cmin": 1, "-user": 1, "-group": 1, "-uid": 1, "-gid": 1,
  "-perm": 1, "-links": 1, "-inum": 1, "-regextype": 1, "-printf": 1, "-used": 1, "-fstype": 1,
  "-empty": 0, "-print": 0, "-print0": 0, "-prune": 0, "-not": 0, "-a": 0, "-o": 0, "-and": 0, "-or": 0, "!": 0,
  "(": 0, ")": 0, ",": 0, "-depth": 0, "-d": 0, "-xdev": 0, "-mount": 0, "-readable": 0, "-writable": 0,
  "-executable": 0, "-true": 0, "-false": 0, "-nouser": 0, "-nogroup": 0, "-ls": 0, "-quit": 0, "-noleaf": 0,
  "-ignore_readdir_race": 0, "-noignore_readdir_race": 0, "-daystart": 0,
};
// Tests whose value is a file the test reads (its metadata).
const pathValued = new Set(["-newer", "-anewer", "-cnewer", "-samefile"]);
const refusedPrimaries: Record<string, { id: string; message: string }> = {
  "-exec": { id: "exec.inline_code", message: "`find -exec` runs a command for each file" },
  "-execdir": { id: "exec.inline_code", message: "`find -execdir` runs a command for each file" },
  "-ok": { id: "exec.inline_code", message: "`find -ok` runs a command for each file" },
  "-okdir": { id: "exec.inline_code", message: "`find -okdir` runs a command for each file" },
  "-delete": { id: "exec.destructive", message: "`find -delete` deletes files" },
  "-fprint": { id: "exec.writes", message: "`find -fprint` writes a file" },
  "-fprint0": { id: "exec.writes", message: "`find -fprint0` writes a file" },
  "-fprintf": { id: "exec.writes", message: "`find -fprintf` writes a file" },
  "-fls": { id: "exec.writes", message: "`find -fls` writes a file" },
  "-files0-from": { id: "exec.argument_rule", message: "`find -files0-from` reads start points from a file" },
};

/** The `find` rule: start points are read paths; only metadata tests and printing actions are allowed. */
export function checkFind(args: readonly string[]): ArgCheck {
  const out: ArgCheck = { ok: true, reasons: [], readPaths: [], writePaths: [] };
  let i = 0;
  // `-L` (and `-follow`) would walk symlinks out of the workspace; `-H` follows only start points, which are resolved.
  while (i < args.length && ["-H", "-P"].includes(args[i] as string)) i++;
  if (args[i] === "-D" || (args[i] ?? "").startsWith("-O")) return failed(argumentRule("`find -D`/`-O` is not on the allowlist"));
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith("-") || a === "(" || a === "!" || a === ")") break;
    out.readPaths.push(a);
  }
  if (out.readPaths.length === 0) out.readPaths.push(".");
  for (; i < args.length; i++) {
    const a = args[i] as string;
    const refusedReason = refusedPrimaries[a];
    if (refusedReason !== undefined) return failed(refusedReason);
    if (pathValued.has(a) || /^-newer[acmBt][acmBt]$/.test(a)) {
      const value = args[++i];
      if (value === undefined) return failed(argumentRule(`\`find ${a}\` is missing its value`));
      out.readPaths.push(value);
      continue;
    }
    const arity = readOnly[a];
    if (arity === undefined) return failed(argumentRule(`\`find\` expression \`${a}\` is not on the allowlist`));
    if (i + arity >= args.length && arity > 0) return failed(argumentRule(`\`find ${a}\` is missing its value`));
    i += arity;
  }
  return out;
}

import * as nodeFs from "node:fs";
import path from "node:path";

/** The file-system calls the exec policy needs. Must never write. */
export type ExecFs = {
  realpathSync(p: string): string;
  statSync(p: string): { isFile(): boolean; isDirectory(): boolean; mode: number };
  readdirSync(p: string): string[];
};

export const nodeExecFs: ExecFs = {
  realpathSync: (p) => nodeFs.realpathSync.native(p),
  statSync: (p) => nodeFs.statSync(p),
  readdirSync: (p) => nodeFs.readdirSync(p),
};

export type ResolvedBinary = {
  /** The name as written (`ls`, `./x`, `/usr/bin/rm`). */
  name: string;
  /** Real path after following symlinks, or null when not found. */
  path: string | null;
  /** Basename of the real path: what the policy judges (`/bin/sh` → `dash`, busybox applets → `busybox`). */
  realName: string;
  /** The name contained a `/`: it was not looked up on PATH. */
  explicitPath: boolean;
};

const builtins = new Set(["cd", "pwd", "echo", "printf", "true", "false", "test", "[", "eval", "exec", "source", ".",
  "set", "shopt", "export", "unset", "alias", "read", "trap", "type", "hash", "ulimit", "umask", "wait", "kill",
  "command", "builtin", "time", "let", "declare", "typeset", "local", "readonly", "enable", "history", "fc",
  "jobs", "fg", "bg", "disown", "suspend", "logout", "exit", "return", "shift", "getopts", "mapfile", "readarray",
  "coproc", "compgen", "complete", "dirs", "pushd", "popd", "times", "caller", "bind", "help", ":"]);

/** True for names bash runs itself without searching PATH (when given without a slash). */
export function isShellBuiltin(name: string): boolean {
  return builtins.has(name);
}

function isExecutableFile(fs: ExecFs, p: string): boolean {
  try {
    const st = fs.statSync(p);
    return st.isFile() && (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/**
 * Finds the binary bash would run for `name` (PATH search, or the path itself relative to `cwd`) and follows
 * symlinks to the real file. Must never execute anything; a name not found resolves to `path: null`.
 */
export function resolveBinary(name: string, pathEnv: string, cwd: string, fs: ExecFs = nodeExecFs): ResolvedBinary {
  const explicitPath = name.includes("/");
  const candidates = explicitPath
    ? [path.resolve(cwd, name)]
    // INVARIANT: an empty PATH entry means the current directory, as in bash.
    : pathEnv.split(":").map((dir) => path.resolve(cwd, dir === "" ? "." : dir, name));
  for (const candidate of candidates) {
    if (!isExecutableFile(fs, candidate)) continue;
    try {
      const real = fs.realpathSync(candidate);
      return { name, path: real, realName: path.basename(real), explicitPath };
    } catch {
      continue;
    }
  }
  return { name, path: null, realName: path.basename(name), explicitPath };
}

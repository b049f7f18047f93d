/**
 * Where Warden's own state sits relative to the agent workspace. The state directory (config, secret store,
 * database) and the key directory must never be inside the workspace: the file tools would then let the model
 * rewrite Warden's config (exec `full`, `ask off`) and read the master keys. The opposite (the default
 * `<home>/workspace`) is fine: the workspace is then a corner of the state dir and nothing else of it is reachable.
 */
import { realpathSync } from "node:fs";
import { basename, dirname, join, relative, resolve, isAbsolute } from "node:path";

/** One protected directory that lies inside the workspace. */
export type LayoutProblem = { what: "state directory" | "key directory"; path: string; workspace: string };

/**
 * The real path of `p`, or of its nearest existing ancestor with the rest appended (for a dir not created yet).
 * The kernel's realpath(3): one call, where the JavaScript version lstat()s every component.
 */
export function realPathOrPlanned(p: string): string {
  const abs = resolve(p);
  try {
    return realpathSync.native(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(realPathOrPlanned(parent), basename(abs));
  }
}

function isWithin(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/**
 * The protected directories (state dir, key dir) that the workspace contains, as real paths. A protected
 * directory that contains the workspace is not listed: only the workspace below it is reachable.
 */
export function protectedInsideWorkspace(paths: { home: string; keys: string; workspace: string }): LayoutProblem[] {
  const workspace = realPathOrPlanned(paths.workspace);
  const problems: LayoutProblem[] = [];
  for (const [what, p] of [["state directory", paths.home], ["key directory", paths.keys]] as const) {
    const real = realPathOrPlanned(p);
    if (isWithin(real, workspace)) problems.push({ what, path: real, workspace });
  }
  return problems;
}

/** The message and fix for a layout problem, shared by the gateway's refusal and the audit finding. */
export function describeLayoutProblem(problem: LayoutProblem): { message: string; fix: string } {
  return {
    message: `Warden's ${problem.what} \`${problem.path}\` is inside the agent workspace \`${problem.workspace}\`: the file tools could rewrite Warden's config or read its keys`,
    fix: "set agent.workspace to a dedicated folder that does not contain WARDEN_HOME or its `-keys` directory (e.g. `warden config set agent.workspace ~/warden-workspace`), or move WARDEN_HOME outside the workspace",
  };
}

/**
 * The file tools' decision for `warden security check path` and the gate: where the path really leads
 * (checked by opening, as the tools do), and whether a write would land on something executed or trusted
 * later. Nothing is created or changed.
 */
import { join, relative } from "node:path";
import { realPathOrPlanned } from "../state/layout.ts";
import { allow, ask, deny, type Decision } from "../core/decision.ts";
import { describeError } from "../core/errors.ts";
import {
  fenceProtected,
  isReachable,
  lstatChild,
  openVerifiedFile,
  openWorkspaceDir,
  refusalReason,
  refusePath,
  resolveWorkspaceRoot,
  resolveWorkspacePath,
  symlinkStaysInside,
  syncOps,
} from "./resolve-path.ts";
import { findTrustedTarget } from "./trusted-targets.ts";

/** `protectedDirs`: Warden's own directories (state dir, key dir), outside the workspace even inside it. */
export type PathQuery = { path: string; write: boolean; workspace: string; protectedDirs: readonly string[] };

/** Never throws; any failure while deciding is a deny. */
export async function decidePath(query: PathQuery): Promise<Decision> {
  return (await decidePathTarget(query)).decision;
}

/**
 * The decision and the object it judged: `real` is the absolute real path the path leads to now (the file a read
 * opens, the place a write would put the file), present whenever the walk got that far. The file layer acts on
 * exactly that path or refuses (`fs.path_changed`). Never throws.
 */
export async function decidePathTarget(query: PathQuery): Promise<{ decision: Decision; real?: string }> {
  try {
    return await decidePathUnsafe(query);
  } catch (error) {
    const reason = refusalReason(error);
    if (reason !== undefined) return { decision: deny("high", reason) };
    return { decision: deny("high", { id: "path.error", message: `the path check failed: ${describeError(error)}` }) };
  }
}

// INVARIANT: the same opening walk and checks as the file layer, through `syncOps`: a decision only looks, and
// a dozen metadata calls made directly take less time than one trip through the thread pool.
async function decidePathUnsafe({ path, write, workspace, protectedDirs }: PathQuery): Promise<{ decision: Decision; real?: string }> {
  const ops = syncOps;
  const rootReal = await resolveWorkspaceRoot(workspace, ops);
  const root = fenceProtected(rootReal, protectedDirs.map(realPathOrPlanned));
  const parts = await resolveWorkspacePath(path, workspace, rootReal, ops);
  const name = parts.at(-1) ?? refusePath("path.invalid", "empty path");
  const given = parts.join("/");
  // The directory as far as it exists; what is missing would be created inside it.
  let depth = parts.length - 1;
  let dir;
  for (;;) {
    try {
      dir = await openWorkspaceDir(root, parts.slice(0, depth), false, ops);
      break;
    } catch (error) {
      if (refusalReason(error)?.id !== "path.not_found" || depth === 0) throw error;
      depth--;
    }
  }
  let resolved = given;
  // The object judged: where the file is, or would be put (a missing directory is created where the walk stopped).
  let real = join(dir.real, ...parts.slice(depth));
  try {
    if (!isReachable(real, root)) {
      return { decision: deny("critical", { id: "path.warden_state", message: `\`${given}\` is Warden's own state; it is outside the workspace for every tool` }) };
    }
    const decided = (decision: Decision) => ({ decision, real });
    const complete = depth === parts.length - 1;
    const st = complete ? await lstatChild(dir.handle, name, ops) : undefined;
    if (st !== undefined) {
      if (write) {
        if (st.isSymbolicLink()) {
          if (await symlinkStaysInside(dir.handle, name, root, ops)) {
            return decided(deny("medium", { id: "path.symlink", message: `\`${given}\` is a symbolic link; writes never go through links` }));
          }
          return decided(deny("high", { id: "path.symlink_escape", message: `\`${given}\` is a symbolic link that points outside the workspace or nowhere` }));
        }
        if (st.isDirectory() || !st.isFile()) return decided(deny("medium", { id: "path.not_a_file", message: `\`${given}\` is not a regular file` }));
        if (st.nlink > 1) return decided(deny("high", { id: "path.hardlink", message: `\`${given}\` has ${st.nlink} hard links` }));
      } else {
        const file = await openVerifiedFile(dir.handle, name, root, ops);
        real = file.real;
        resolved = relative(root.real, file.real);
        await file.handle.close();
      }
    }
    const dirRel = relative(root.real, dir.real);
    if (write) {
      const viaReal = [dirRel, ...parts.slice(depth)].filter((p) => p !== "").join("/");
      const trusted = findTrustedTarget(given) ?? findTrustedTarget(viaReal);
      if (trusted !== undefined) {
        return { decision: ask("high", {
          id: "path.trusted_target",
          message: `\`${given}\` matches ${trusted}, which is executed or trusted later; writing it needs the owner`,
        }), real };
      }
    }
    return { decision: allow("low", { id: "path.inside_workspace", message: `\`${resolved}\` is inside the workspace` }), real };
  } finally {
    await dir.handle.close();
  }
}

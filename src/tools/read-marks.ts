/**
 * What a command or a skill's script could read of the agent's marked bytes, taken before it runs: a rename or a
 * rewrite leaves no trace of the bytes it read. Its output and whatever it changes carry the strongest mark, and
 * the marked files are known by inode, so a file moved with its directory (`mv todo done`, which changes no
 * file's status) is still found afterwards.
 */
import { lstatSync } from "node:fs";
import { join } from "node:path";
import type { ToolContext, ToolOutput, UntrustedWrittenFile } from "../agent/tool.ts";
import type { MarkedReads } from "../gate/types.ts";
import { isBlankMark, markScope } from "../fs/file-marks.ts";
import { inodeKey } from "../fs/changed-files.ts";

/** `untrusted`: the marked files written from an untrusted context, for the owner (fs/file-marks.ts). */
export type MarkReach = { readMark?: NonNullable<ToolOutput["readMark"]>; markedInodes: ReadonlySet<string>; untrusted: readonly UntrustedWrittenFile[] };

/** Files named one by one in a gate fact; past it the owner is told how many more. */
const MaxUntrustedListed = 20;

/**
 * What the gate is told of the marked bytes a call that can send data could read: their strongest labels, how to
 * name them, and which were written from an untrusted context (and after reading what). Undefined: none marked.
 */
export function markedReadsOf(reach: MarkReach): MarkedReads | undefined {
  const read = reach.readMark;
  if (read === undefined) return undefined;
  const untrusted = reach.untrusted.slice(0, MaxUntrustedListed);
  return {
    from: read.described === true ? read.from : `\`${read.from}\``,
    confidentiality: read.mark.confidentiality,
    tainted: read.mark.tainted,
    ...(untrusted.length > 0 ? { untrusted, untrustedComplete: reach.untrusted.length <= MaxUntrustedListed } : {}),
  };
}

/**
 * `paths`: absolute paths the call may read (the workspace itself for "anything"); `described`: how to name them in
 * words when they are more than one file ("files in the workspace"), for the owner.
 */
export function reachMarks(context: ToolContext, workspace: string, paths: readonly string[], described: string): MarkReach {
  const none: MarkReach = { markedInodes: new Set(), untrusted: [] };
  if (context.marksReadable === undefined || paths.length === 0) return none;
  const scope = markScope(workspace, paths);
  const found = context.marksReadable(scope.root, scope.paths);
  if (found === undefined || isBlankMark(found.mark)) return none;
  const markedInodes = new Set<string>();
  for (const file of found.files) {
    try {
      const st = lstatSync(join(scope.root, file));
      markedInodes.add(inodeKey(st));
    } catch {
      // Gone since it was checked: nothing to follow.
    }
  }
  const single = scope.paths.length === 1 && scope.paths[0] !== "" ? scope.paths[0] : undefined;
  return { readMark: single !== undefined ? { mark: found.mark, from: single } : { mark: found.mark, from: described, described: true }, markedInodes, untrusted: found.untrusted };
}

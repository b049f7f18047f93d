/**
 * Workspace paths that something executes or trusts later (the shared list in execute-later.ts, with the reason
 * for each entry). A write there is code execution deferred, so it needs the owner even though it stays inside
 * the workspace.
 */
import { findExecuteLater } from "./execute-later.ts";

/** Why `relativePath` (workspace-relative, `/`-separated) is a trusted target, or undefined. Never throws. */
export function findTrustedTarget(relativePath: string): string | undefined {
  const hit = findExecuteLater(relativePath);
  return hit === undefined ? undefined : `\`${hit.pattern}\` (${hit.reason})`;
}

/**
 * What of a skill's write grants reaches code that runs later (git hooks, rc files, build and task files, and what a
 * project's configuration names), and what a run newly planted there. A grant covers data: reaching such a path
 * asks the owner on each run (skill-tools.ts `baseDecision`); planting one under a grant that did not is undone.
 */
import { lstatSync, readdirSync, realpathSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { ChangedFiles } from "../fs/changed-files.ts";
import { findExecuteLater, findExecuteLaterWithin } from "../fs/execute-later.ts";
import { namedByRunLaterConfig, runLaterWithin } from "../fs/run-later-configs.ts";
import { referencedByRunLater } from "../fs/referenced-by.ts";

/** Why a write grant reaches paths something runs or trusts later, by name or by a configuration; undefined otherwise. */
export function grantReachesRunLater(workspace: string, grant: string): string | undefined {
  return writeReachesTrusted(grant) ?? runLaterNames(workspace, grant);
}

/**
 * Why a write grant reaches paths other programs run or trust (git hooks, CI workflows, editor tasks, shell rc
 * files): the grant itself is one, lies inside one, or is the whole workspace, which holds them all.
 */
function writeReachesTrusted(grant: string): string | undefined {
  const rel = grant.replace(/^\.\/+/, "").replace(/\/+$/, "");
  if (rel === "" || rel === ".") return "the whole workspace (git hooks, CI workflows, editor tasks included)";
  const hit = findExecuteLaterWithin(rel);
  return hit === undefined ? undefined : `which ${hit.reason} (\`${hit.pattern}\`)`;
}

/** Why a write grant reaches what a configuration of the project runs later (git's hooks path, a script's file). */
function runLaterNames(workspace: string, grant: string): string | undefined {
  const rel = grant.replace(/^\.\/+/, "").replace(/\/+$/, "");
  const why = runLaterWithin(workspace, rel);
  return why === undefined ? undefined : `which a configuration runs later: ${why}`;
}

/**
 * The files under a script's write grants that run later (the execute-later list, or named by a configuration), by
 * workspace-relative path: taken before a run, so that what the run newly planted there can be told apart.
 */
export function runLaterFiles(workspace: string, grants: readonly string[]): Set<string> {
  const found = new Set<string>();
  let seen = 0;
  let checked = 0;
  const pending = grants.map((g) => g.replace(/^\.\/+/, "").replace(/\/+$/, ""));
  while (pending.length > 0 && seen < 4096) {
    const rel = pending.shift() as string;
    let st;
    try {
      st = lstatSync(join(workspace, rel));
    } catch {
      continue;
    }
    seen++;
    if (st.isDirectory()) {
      try {
        for (const name of readdirSync(join(workspace, rel)).slice(0, 1024)) pending.push(rel === "" ? name : `${rel}/${name}`);
      } catch {
        // unreadable: nothing in it is listed, and nothing in it can be told apart afterwards either
      }
    } else if (st.isFile() && (runsLaterAt(workspace, rel, ++checked > MaxReferenceChecks) !== undefined)) found.add(rel);
  }
  return found;
}

/** Files under a grant whose mentions by run-later files are looked for before a run (each look reads the workspace). */
const MaxReferenceChecks = 64;

/**
 * Why the file runs later: listed, named by a configuration, or mentioned by a run-later file (fs/referenced-by.ts,
 * whose scan cut short names nothing here: the answer removes files). `assumeSo` (past the bound of looks before a
 * run) counts every file as one, so that no file that was there before is removed.
 */
function runsLaterAt(workspace: string, rel: string, assumeSo = false): string | undefined {
  const hit = findExecuteLater(rel);
  if (hit !== undefined) return `${hit.reason} (\`${hit.pattern}\`)`;
  if (assumeSo) return "not looked at (too many files under the grant)";
  return namedByRunLaterConfig(workspace, rel) ?? referencedByRunLater(workspace, rel, false);
}

/**
 * INVARIANT: a write grant covers data, not code that runs later. When no grant was judged to reach such a path
 * (each run would have asked the owner), a file a run newly planted where something runs it later (a `.envrc`, a
 * Makefile, a hook in `core.hooksPath`) is removed before anything can run it, and the run reports it.
 */
export function removePlanted(workspace: string, grants: readonly string[], changed: ChangedFiles | undefined, before: ReadonlySet<string>): string[] {
  const removed: string[] = [];
  // Only what lies under a grant is the script's: the walk also reports files others changed near its start.
  const roots = grants.map((g) => g.replace(/^\.\/+/, "").replace(/\/+$/, "")).filter((g) => g !== "" && g !== ".");
  const underGrant = (p: string) => roots.some((g) => p === g || p.startsWith(`${g}/`));
  for (const file of changed?.files ?? []) {
    if (!underGrant(file.realPath) || before.has(file.realPath) || runsLaterAt(workspace, file.realPath) === undefined) continue;
    try {
      unlinkSync(join(realpathSync(workspace), file.realPath));
      removed.push(file.realPath);
    } catch {
      removed.push(`${file.realPath} (could not be removed)`);
    }
  }
  return removed;
}


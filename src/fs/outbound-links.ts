/**
 * Links that make an ordinary folder part of one that leaves the machine: `shared` a link to `drafts/`, `Public` to
 * `site/`, `shared/drafts` to `../drafts`, `shared/URGENT.md` (dangling) to `../drafts/URGENT.md`. What a sync client
 * or a web server reads through such a link is the target's content, so a write to the target is a write into the
 * outbound folder. Found by a bounded walk of the workspace for links (`lstat`, never following one), each link that
 * lies in an outbound folder resolved as the file system would (through every link on the way, a missing tail kept
 * as written: a dangling link still says where a file would be read).
 *
 * Bounded: `MaxDepth` folders deep, `MaxEntries` names in all, `MaxHops` links per resolution; `node_modules` and
 * `.git` are not walked. Links beyond the bounds are not seen. Never throws.
 */
import { lstatSync, opendirSync, readlinkSync, type Dir } from "node:fs";
import { isAbsolute, join, parse, relative, resolve, sep } from "node:path";

const MaxDepth = 8;
const MaxEntries = 20_000;
const MaxHops = 40;
const MaxSteps = 4096;

/**
 * `path` (absolute) as the file system resolves it: every link on the way followed, `..` taken after what it follows;
 * once a name does not exist, the rest kept as written. Undefined for a loop or more than `MaxHops` links.
 */
export function resolveThroughLinks(path: string): string | undefined {
  const root = parse(path).root;
  let parts = path.slice(root.length).split(sep).filter((p) => p !== "" && p !== ".");
  let current = root;
  let hops = 0;
  for (let step = 0; step < MaxSteps; step++) {
    const name = parts.shift();
    if (name === undefined) return current;
    if (name === "..") {
      current = resolve(current, "..");
      continue;
    }
    const next = join(current, name);
    let link = false;
    try {
      link = lstatSync(next).isSymbolicLink();
    } catch {
      return resolve(next, ...parts);
    }
    if (!link) {
      current = next;
      continue;
    }
    if (++hops > MaxHops) return undefined;
    let target: string;
    try {
      target = readlinkSync(next);
    } catch {
      return undefined;
    }
    const whole = isAbsolute(target) ? target : join(current, target);
    parts = [...whole.slice(parse(whole).root.length).split(sep).filter((p) => p !== "" && p !== "."), ...parts];
    current = parse(whole).root;
  }
  return undefined;
}

/** A link in the workspace: where it is (workspace-relative) and what it resolves to (absolute). */
export type WorkspaceLink = { readonly at: string; readonly target: string };

/** The links in the workspace, within the bounds, breadth first (the top's names before those deeper down). */
export function linksIn(workspace: string): WorkspaceLink[] {
  const out: WorkspaceLink[] = [];
  let seen = 0;
  let queue: string[] = [""];
  for (let depth = 0; depth <= MaxDepth && queue.length > 0 && seen <= MaxEntries; depth++) {
    const next: string[] = [];
    for (const dir of queue) {
      if (seen > MaxEntries) break;
      let handle: Dir | undefined;
      try {
        handle = opendirSync(dir === "" ? workspace : join(workspace, dir));
        for (;;) {
          if (++seen > MaxEntries) break;
          const e = handle.readSync();
          if (e === null) break;
          const rel = dir === "" ? e.name : join(dir, e.name);
          if (e.isSymbolicLink()) {
            const target = resolveThroughLinks(join(workspace, rel));
            if (target !== undefined) out.push({ at: rel, target });
          } else if (e.isDirectory() && e.name !== "node_modules" && e.name !== ".git") next.push(rel);
        }
      } catch {
        // Unreadable: no links seen below it.
      } finally {
        try {
          handle?.closeSync();
        } catch {
          // already closed
        }
      }
    }
    queue = next;
  }
  return out;
}

/** Whether `path` (absolute, resolved) is `target` or lies below it. */
export function reachesThrough(path: string, target: string): boolean {
  const rel = relative(target, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

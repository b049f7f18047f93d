import nodeFs from "node:fs";
import { isSecretPath } from "../scan/secret-path.ts";

/**
 * What the sandbox must know about a workspace before a command runs in it: the credential files to mask and the
 * git repositories whose configuration must be neutralised.
 */
export type WorkspaceScan = {
  /** Real paths inside the workspace (files or directories) whose names say they hold credentials. */
  credentialPaths: string[];
  /** Directories holding a `.git` entry (directory or `gitdir:` file): every repository git could discover. */
  repositories: string[];
  /**
   * Directories that look like a git directory under another name (`config`, `objects` and `refs`): a bare
   * repository or a store that `GIT_DIR`, `--git-dir` or a commondir can point at.
   */
  gitDirs: string[];
  /** False when the walk stopped at its entry budget: some paths were not seen, so callers must fail closed. */
  complete: boolean;
  /** Entries looked at, for the benchmark and for diagnostics. */
  entries: number;
};

/** Walks a workspace; must never follow a symlink while walking and never throw for what it finds. */
export interface WorkspaceScanner {
  scan(workspace: string): WorkspaceScan;
}

type Kind = "dir" | "file" | "symlink" | "other";
/** One directory's entries as the scan needs them, derived once per listing. */
type Listing = {
  ino: bigint; mtimeNs: bigint; ctimeNs: bigint; workspace: string; entries: number;
  /** Credential files and directories (not walked further). */
  credentials: string[];
  /** Symlinks with credential names: what they show is resolved on every scan. */
  links: string[];
  subdirs: string[];
  /** Regular files with more than one name (hard links), by `dev:ino`: another name may be a credential file's. */
  multiLinked: { path: string; key: string }[];
  repository: boolean;
  gitDir: boolean;
};

export type WorkspaceScanOptions = {
  fs?: typeof nodeFs;
  /** Wall-clock milliseconds (file times are wall-clock). */
  now?: () => number;
  /** Entries walked before giving up (the scan is then incomplete). */
  maxEntries?: number;
  /** Workspace-relative path → true when it names a credential file or directory. */
  isCredential?: (relativePath: string) => boolean;
};

// A directory modified this recently may change again within the file system's timestamp granularity (a few
// milliseconds), which the cache could not see; such a listing is read fresh next time.
const SETTLE_MS = 2000;

function kindOf(e: nodeFs.Dirent): Kind {
  if (e.isSymbolicLink()) return "symlink";
  if (e.isDirectory()) return "dir";
  if (e.isFile()) return "file";
  return "other";
}

function isWithin(child: string, parent: string): boolean {
  return child === parent || child.startsWith(`${parent}/`);
}

/**
 * A bounded walk of the workspace with a listing cache keyed by each directory's inode, mtime and ctime: a
 * directory whose entries did not change is not read again, so a repeated scan costs one `lstat` per directory.
 * INVARIANT: a listing is reused only when the directory's identity and times are unchanged and settled.
 */
export function createWorkspaceScanner(options: WorkspaceScanOptions = {}): WorkspaceScanner {
  const fs = options.fs ?? nodeFs;
  const now = options.now ?? (() => Date.now());
  const maxEntries = options.maxEntries ?? 200_000;
  const isCredential = options.isCredential ?? isSecretPath;
  const cache = new Map<string, Listing>();

  /** `dev:ino` of a regular file with more than one name; undefined otherwise. */
  function multiLinkKey(file: string): string | undefined {
    try {
      const st = fs.lstatSync(file, { bigint: true });
      return st.isFile() && st.nlink > 1n ? `${st.dev}:${st.ino}` : undefined;
    } catch {
      return undefined;
    }
  }

  /** The `dev:ino` of every multiply-linked file a credential path is or holds (directories walked, bounded). */
  function credentialKeys(paths: Iterable<string>): Set<string> {
    const keys = new Set<string>();
    const stack = [...paths];
    for (let budget = 10_000; stack.length > 0 && budget > 0; budget--) {
      const p = stack.pop() as string;
      const key = multiLinkKey(p);
      if (key !== undefined) keys.add(key);
      try {
        if (fs.lstatSync(p).isDirectory()) for (const name of fs.readdirSync(p)) stack.push(`${p}/${name}`);
      } catch {
        // gone or unreadable: nothing to match
      }
    }
    return keys;
  }

  function list(dir: string, workspace: string): Listing | null {
    let st;
    try {
      st = fs.lstatSync(dir, { bigint: true });
    } catch {
      return null;
    }
    if (!st.isDirectory()) return null;
    const cached = cache.get(dir);
    if (cached !== undefined && cached.workspace === workspace && cached.ino === st.ino && cached.mtimeNs === st.mtimeNs
      && cached.ctimeNs === st.ctimeNs) return cached;
    let dirents: nodeFs.Dirent[];
    try {
      dirents = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return null;
    }
    const listing: Listing = { ino: st.ino, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs, workspace, entries: dirents.length,
      credentials: [], links: [], subdirs: [], multiLinked: [], repository: false, gitDir: false };
    const names = new Set(dirents.map((e) => e.name));
    listing.gitDir = names.has("config") && names.has("objects") && names.has("refs");
    const relDir = dir === workspace ? "" : `${dir.slice(workspace.length + 1)}/`;
    for (const e of dirents) {
      const kind: Kind = kindOf(e);
      const abs = `${dir}/${e.name}`;
      if (e.name === ".git") {
        // git's own internals are not walked; the repository's config is asked of git itself
        listing.repository = true;
      } else if (isCredential(relDir + e.name)) {
        if (kind === "symlink") listing.links.push(abs);
        else if (kind === "dir" || kind === "file") listing.credentials.push(abs);
      } else if (kind === "dir") {
        listing.subdirs.push(abs);
      } else if (kind === "file") {
        const key = multiLinkKey(abs);
        if (key !== undefined) listing.multiLinked.push({ path: abs, key });
      }
    }
    const newest = Number((st.mtimeNs > st.ctimeNs ? st.mtimeNs : st.ctimeNs) / 1_000_000n);
    if (now() - newest > SETTLE_MS) cache.set(dir, listing);
    else cache.delete(dir);
    return listing;
  }

  function scan(workspaceIn: string): WorkspaceScan {
    const out: WorkspaceScan = { credentialPaths: [], repositories: [], gitDirs: [], complete: true, entries: 0 };
    let workspace: string;
    try {
      workspace = fs.realpathSync(workspaceIn);
    } catch {
      return { ...out, complete: false };
    }
    const seen = new Set<string>();
    const credentials = new Set<string>();
    const multiLinked: { path: string; key: string }[] = [];
    const stack: string[] = [workspace];
    while (stack.length > 0) {
      const dir = stack.pop() as string;
      const listing = list(dir, workspace);
      if (listing === null) continue;
      seen.add(dir);
      out.entries += listing.entries;
      if (out.entries > maxEntries) {
        out.complete = false;
        break;
      }
      if (listing.repository) out.repositories.push(dir);
      if (listing.gitDir) out.gitDirs.push(dir);
      for (const c of listing.credentials) credentials.add(c);
      for (const link of listing.links) {
        // Mask what the link shows, when that lies in the workspace (outside it the sandbox shows nothing).
        try {
          const real = fs.realpathSync(link);
          if (real !== workspace && isWithin(real, workspace)) credentials.add(real);
        } catch {
          // a dangling link shows nothing
        }
      }
      for (const d of listing.subdirs) stack.push(d);
      multiLinked.push(...listing.multiLinked);
    }
    // A hard link is the same file under another name: a credential's other names are masked too.
    if (multiLinked.length > 0) {
      const keys = credentialKeys(credentials);
      for (const m of multiLinked) if (keys.has(m.key)) credentials.add(m.path);
    }
    // Listings of directories no longer seen are dropped, so the cache never outgrows the workspace.
    if (out.complete && cache.size > seen.size) for (const dir of [...cache.keys()]) if (!seen.has(dir)) cache.delete(dir);
    out.credentialPaths = [...credentials].sort();
    out.repositories.sort();
    out.gitDirs.sort();
    return out;
  }

  return { scan };
}

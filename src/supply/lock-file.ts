/**
 * package-lock.json (lockfileVersion 2 or 3, the `packages` map npm 7+ writes) read as the list of packages it
 * installs: every `node_modules/...` entry, transitive ones included, under its real name (an alias entry
 * `node_modules/x` with `"name": "y"` is package `y`). Version 1 locks have no `packages` map and are refused
 * with the fix, not read half.
 */
import { z } from "zod";
import type { InstalledPackage } from "./osv-match.ts";

const lockEntry = z.looseObject({
  name: z.string().optional(),
  version: z.string().optional(),
  resolved: z.string().optional(),
  integrity: z.string().optional(),
  link: z.boolean().optional(),
  dev: z.boolean().optional(),
  optional: z.boolean().optional(),
  devOptional: z.boolean().optional(),
  peer: z.boolean().optional(),
});

const lockFile = z.looseObject({
  name: z.string().optional(),
  version: z.string().optional(),
  lockfileVersion: z.number().int(),
  packages: z.record(z.string(), lockEntry),
});

export type LockEntry = InstalledPackage & {
  /** The key in `packages`: `node_modules/a/node_modules/b`. */
  path: string;
  integrity?: string;
  /** Optional for this platform: npm may leave it uninstalled (`@esbuild/darwin-arm64` on Linux). */
  optional: boolean;
  link: boolean;
};

export type LockContents = {
  /** The project itself (`packages[""]`): Warden's own name and version when this is Warden's lock. */
  root: { name: string; version: string } | undefined;
  entries: LockEntry[];
};

const NODE_MODULES = "node_modules/";

/** Parses a lock file's text. Throws a plain Error with what was wrong; the caller turns it into a finding. */
export function parseLockFile(text: string): LockContents {
  const parsed = lockFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`not a package lock with a \`packages\` map (${parsed.error.issues[0]?.message ?? "invalid"}); regenerate it with npm 7 or later`);
  const lock = parsed.data;
  if (lock.lockfileVersion < 2) throw new Error(`lockfileVersion ${lock.lockfileVersion} is not supported; regenerate it with npm 7 or later`);
  const entries: LockEntry[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    const idx = path.lastIndexOf(NODE_MODULES);
    if (idx === -1) continue;
    const name = entry.name ?? path.slice(idx + NODE_MODULES.length);
    const link = entry.link === true;
    // A link entry points at a workspace folder listed under its own key; that key carries the version.
    if (entry.version === undefined) {
      if (link) continue;
      throw new Error(`\`${path}\` has no version`);
    }
    entries.push({
      path, name, version: entry.version, link,
      optional: entry.optional === true || entry.devOptional === true,
      ...(entry.integrity === undefined ? {} : { integrity: entry.integrity }),
    });
  }
  const root = lock.packages[""];
  const rootName = root?.name ?? lock.name;
  const rootVersion = root?.version ?? lock.version;
  return { root: rootName !== undefined && rootVersion !== undefined ? { name: rootName, version: rootVersion } : undefined, entries };
}

/** Each distinct `name@version` once (a package installed at several paths is checked once). */
export function distinctPackages(entries: readonly InstalledPackage[]): InstalledPackage[] {
  const seen = new Map<string, InstalledPackage>();
  for (const e of entries) seen.set(`${e.name}@${e.version}`, { name: e.name, version: e.version });
  return [...seen.values()];
}

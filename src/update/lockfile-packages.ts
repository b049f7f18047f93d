/**
 * The installed dependency tree as package-lock.json (lockfileVersion 2 or 3) records it: one entry per directory
 * under node_modules, nested copies included. Read by the SBOM writer and by the update's SBOM check, so both
 * see the same list.
 */
import { z } from "zod";

export type LockedPackage = {
  /** The lock file's key, e.g. `node_modules/a/node_modules/b`: unique, used as the SBOM's bom-ref. */
  readonly path: string;
  readonly name: string;
  readonly version: string;
  /** Subresource-integrity string from the registry (`sha512-…`), when the lock has one. */
  readonly integrity?: string;
  readonly dev: boolean;
  readonly optional: boolean;
};

const lockSchema = z.object({
  name: z.string().optional(),
  version: z.string().optional(),
  lockfileVersion: z.union([z.literal(2), z.literal(3)]),
  packages: z.record(z.string(), z.object({
    name: z.string().optional(),
    version: z.string().optional(),
    integrity: z.string().optional(),
    link: z.boolean().optional(),
    dev: z.boolean().optional(),
    optional: z.boolean().optional(),
    devOptional: z.boolean().optional(),
  })),
});

/** Parses a lock file's text; throws a message naming what is wrong (not a v2/v3 lock, bad JSON). */
export function readLockedPackages(text: string): { name?: string; version?: string; packages: LockedPackage[] } {
  const lock = lockSchema.parse(JSON.parse(text));
  const packages: LockedPackage[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    const at = path.lastIndexOf("node_modules/");
    if (at === -1 || entry.link === true || entry.version === undefined) continue;
    packages.push({
      path,
      name: entry.name ?? path.slice(at + "node_modules/".length),
      version: entry.version,
      ...(entry.integrity === undefined ? {} : { integrity: entry.integrity }),
      dev: entry.dev === true,
      optional: entry.optional === true || entry.devOptional === true,
    });
  }
  packages.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ...(lock.name === undefined ? {} : { name: lock.name }), ...(lock.version === undefined ? {} : { version: lock.version }), packages };
}

/** The hex SHA-512 in an integrity string, if it has one (CycloneDX records hashes as hex). */
export function sha512Hex(integrity: string | undefined): string | undefined {
  const sri = integrity?.split(/\s+/).find((part) => part.startsWith("sha512-"));
  return sri === undefined ? undefined : Buffer.from(sri.slice("sha512-".length), "base64").toString("hex");
}

/** The package URL (purl spec, npm type): a scope's `@` is percent-encoded. */
export function npmPurl(name: string, version: string): string {
  const [scopeOrName, rest] = name.startsWith("@") ? name.split("/", 2) : [name, undefined];
  const path = rest === undefined ? encodeURIComponent(scopeOrName ?? name) : `${encodeURIComponent(scopeOrName ?? "")}/${encodeURIComponent(rest)}`;
  return `pkg:npm/${path}@${encodeURIComponent(version)}`;
}

/**
 * A skill package's manifest: every file's POSIX path, size, mode (executable or not) and SHA-256, in canonical
 * JSON (sorted keys, no whitespace), so its digest is the same on every machine. Reading a tree refuses what a
 * package cannot hold (symlinks, devices, `..`, too many or too large files) rather than skipping it silently.
 */
import { createHash } from "node:crypto";
import { lstatSync, openSync, readdirSync, readSync, fstatSync, closeSync, constants } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { canonicalJson } from "../core/canonical-json.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";
import type { Json } from "../core/types.ts";
import { SkillName } from "./skill-name.ts";

export const ManifestFormat = "warden-skill-manifest/1";
/** The signed envelope, kept next to the files it describes; never listed in its own manifest. */
export const EnvelopeFile = ".warden-package.json";

export const PackageLimits = { maxFiles: 1024, maxFileBytes: 16 * 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024, maxDepth: 16 } as const;

const PackagePath = z.string().min(1).max(1024).refine((p) => !p.startsWith("/") && p.split("/").every((s) => s !== "" && s !== "." && s !== ".." && !s.includes("\0") && !s.includes("\\")), "a package path is relative, with no empty, `.` or `..` segment");

export const manifestFileSchema = z.strictObject({
  path: PackagePath,
  size: z.number().int().min(0).max(PackageLimits.maxFileBytes),
  /** `0644` or `0755`: only whether the file is executable is kept. */
  mode: z.enum(["0644", "0755"]),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const manifestSchema = z.strictObject({
  format: z.literal(ManifestFormat),
  name: SkillName,
  version: z.string().min(1).max(64).optional(),
  /** The publisher's name as the signer states it (pinned with its key on first use). */
  publisher: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "a publisher name is 1-64 of letters, digits, `.`, `_` and `-`").optional(),
  files: z.array(manifestFileSchema).min(1).max(PackageLimits.maxFiles),
});
export type SkillManifest = z.infer<typeof manifestSchema>;

/** The manifest's digest: SHA-256 of its canonical JSON, hex. What the lock file and signatures bind. */
export function manifestDigest(manifest: SkillManifest): string {
  return createHash("sha256").update(canonicalJson(manifest as unknown as Json)).digest("hex");
}

export function sha256Hex(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A tree read into memory: path → bytes and executable bit, sorted by path. */
export type PackageTree = Map<string, { bytes: Buffer; executable: boolean }>;

/** Reads one regular file without following a symlink planted at its path (O_NOFOLLOW), checked on the open handle. */
export function readRegularFile(path: string, maxBytes: number): { bytes: Buffer; mode: number } {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new WardenError(ErrorCode.BadRequest, `\`${path}\` is not a regular file`);
    if (st.size > maxBytes) throw new WardenError(ErrorCode.BadRequest, `\`${path}\` is ${st.size} bytes; a package file is at most ${maxBytes}`);
    const bytes = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, bytes, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    if (off !== st.size) throw new WardenError(ErrorCode.BadRequest, `\`${path}\` changed while it was read`);
    return { bytes, mode: st.mode };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads every file under `root` (skipping `.git/` and the envelope file), refusing symlinks, special files and
 * anything past the package limits. Paths are POSIX, relative, sorted.
 */
export function readTree(root: string, options: { skip?: (path: string) => boolean } = {}): PackageTree {
  const out: PackageTree = new Map();
  let total = 0;
  const walk = (dir: string, rel: string, depth: number): void => {
    if (depth > PackageLimits.maxDepth) throw new WardenError(ErrorCode.BadRequest, `\`${rel}\` is nested deeper than ${PackageLimits.maxDepth} folders`);
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const relPath = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (options.skip?.(relPath)) continue;
      const full = join(dir, entry.name);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) throw new WardenError(ErrorCode.BadRequest, `\`${relPath}\` is a symlink; a skill package holds regular files only`);
      if (st.isDirectory()) {
        walk(full, relPath, depth + 1);
        continue;
      }
      if (!st.isFile()) throw new WardenError(ErrorCode.BadRequest, `\`${relPath}\` is not a regular file; a skill package holds regular files only`);
      if (out.size >= PackageLimits.maxFiles) throw new WardenError(ErrorCode.BadRequest, `more than ${PackageLimits.maxFiles} files; a skill package holds at most that many`);
      const { bytes, mode } = readRegularFile(full, PackageLimits.maxFileBytes);
      total += bytes.length;
      if (total > PackageLimits.maxTotalBytes) throw new WardenError(ErrorCode.BadRequest, `more than ${PackageLimits.maxTotalBytes} bytes; a skill package is at most that large`);
      const parsed = PackagePath.safeParse(relPath);
      if (!parsed.success) throw new WardenError(ErrorCode.BadRequest, `\`${relPath}\`: ${parsed.error.issues[0]?.message ?? "not a package path"}`);
      out.set(relPath, { bytes, executable: (mode & 0o111) !== 0 });
    }
  };
  walk(root, "", 0);
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Files a source tree holds that are not the package: version control and the envelope itself. */
export function isNotPackageContent(relPath: string): boolean {
  return relPath === EnvelopeFile || relPath === ".git" || relPath.startsWith(".git/");
}

export function buildManifest(tree: PackageTree, meta: { name: string; version?: string; publisher?: string }): SkillManifest {
  const files: ManifestFile[] = [...tree.entries()].map(([path, f]) => ({ path, size: f.bytes.length, mode: f.executable ? "0755" : "0644", sha256: sha256Hex(f.bytes) }));
  return manifestSchema.parse({ format: ManifestFormat, name: meta.name, ...(meta.version ? { version: meta.version } : {}), ...(meta.publisher ? { publisher: meta.publisher } : {}), files });
}

/** Differences between a tree and a manifest, one line each; empty when the tree is exactly what was signed. */
export function compareTree(tree: PackageTree, manifest: SkillManifest): string[] {
  const problems: string[] = [];
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  for (const [path, file] of tree) {
    const want = listed.get(path);
    if (want === undefined) {
      problems.push(`\`${path}\` is not in the manifest`);
      continue;
    }
    if (file.bytes.length !== want.size) problems.push(`\`${path}\` is ${file.bytes.length} bytes, the manifest says ${want.size}`);
    else if (sha256Hex(file.bytes) !== want.sha256) problems.push(`\`${path}\` does not match its SHA-256 in the manifest`);
    if ((file.executable ? "0755" : "0644") !== want.mode) problems.push(`\`${path}\` has mode ${file.executable ? "0755" : "0644"}, the manifest says ${want.mode}`);
  }
  for (const path of listed.keys()) if (!tree.has(path)) problems.push(`\`${path}\` is missing`);
  return problems;
}

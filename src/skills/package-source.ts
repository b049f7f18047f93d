/**
 * Reading a package from where the owner points: a skill directory (signed in place with `warden skills sign`,
 * holding `.warden-package.json`, or unsigned) or a one-file bundle (`warden skills pack`: the envelope and every
 * file's bytes). Either way the result is the envelope and the bytes in memory; everything after works on those
 * bytes only, so the source can change under us without changing what gets installed.
 */
import { existsSync, lstatSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { WardenError, ErrorCode } from "../core/errors.ts";
import { buildManifest, compareTree, EnvelopeFile, isNotPackageContent, PackageLimits, readRegularFile, readTree, type PackageTree } from "./package-manifest.ts";
import { envelopeSchema, parseEnvelope, signManifest, unsignedEnvelope, type KeyFile, type PackageEnvelope } from "./signing.ts";
import { parseSkill, SkillMdFile, describeProblems } from "./skill-format.ts";

export const BundleFormat = "warden-skill-bundle/1";

const bundleSchema = z.strictObject({
  format: z.literal(BundleFormat),
  package: envelopeSchema,
  files: z.record(z.string(), z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)),
});

export type PackageSource = { kind: "directory" | "bundle"; path: string; envelope: PackageEnvelope; tree: PackageTree };

/** A bundle's JSON text for an envelope and its tree (canonical order: files sorted by path). */
export function bundleText(envelope: PackageEnvelope, tree: PackageTree): string {
  const files = Object.fromEntries([...tree.entries()].map(([p, f]) => [p, f.bytes.toString("base64")]));
  return `${JSON.stringify({ format: BundleFormat, package: envelope, files })}\n`;
}

/** Parses a bundle's bytes (from a file or a registry download) into its envelope and tree; refuses with the first problem. */
export function parseBundle(bytes: Buffer, what: string): { envelope: PackageEnvelope; tree: PackageTree } {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new WardenError(ErrorCode.BadRequest, `${what} is neither a skill directory nor a skill bundle (JSON)`);
  }
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) throw new WardenError(ErrorCode.BadRequest, `${what} is not a Warden skill bundle: \`${parsed.error.issues[0]?.path.map(String).join(".") ?? ""}\`: ${parsed.error.issues[0]?.message ?? ""}`);
  const envelope = parsed.data.package;
  const modes = new Map(envelope.manifest.files.map((f) => [f.path, f.mode]));
  const tree: PackageTree = new Map();
  for (const [p, b64] of Object.entries(parsed.data.files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    tree.set(p, { bytes: Buffer.from(b64, "base64"), executable: modes.get(p) === "0755" });
  }
  return { envelope, tree };
}

/** The most bytes a bundle file may have: every file at the package limit, base64, plus the envelope. */
export const MaxBundleBytes = Math.ceil(PackageLimits.maxTotalBytes * 1.4) + 1024 * 1024;

function readBundle(path: string): PackageSource {
  const { bytes } = readRegularFile(path, MaxBundleBytes);
  return { kind: "bundle", path, ...parseBundle(bytes, `\`${path}\``) };
}

/** The skill's name and version from its SKILL.md, for building a manifest; refuses a malformed skill. */
export function skillIdentity(tree: PackageTree): { name: string; version?: string } {
  const parsed = parseSkill(new Map([...tree.entries()].map(([p, f]) => [p, f.bytes])));
  if (!parsed.ok) throw new WardenError(ErrorCode.BadRequest, `the skill is malformed:\n${describeProblems(parsed.problems)}`);
  const version = parsed.skill.metadata.version;
  return { name: parsed.skill.name, ...(version !== undefined && /^[A-Za-z0-9.+_-]{1,64}$/.test(version) ? { version } : {}) };
}

/** Reads a directory or a bundle. A directory without an envelope yields an unsigned envelope over what it holds. */
export function readPackageSource(path: string): PackageSource {
  if (!existsSync(path)) throw new WardenError(ErrorCode.NotFound, `\`${path}\` does not exist`);
  const st = lstatSync(path);
  if (st.isSymbolicLink()) throw new WardenError(ErrorCode.BadRequest, `\`${path}\` is a symlink; point at the skill itself`);
  if (st.isFile()) return readBundle(path);
  if (!st.isDirectory()) throw new WardenError(ErrorCode.BadRequest, `\`${path}\` is neither a directory nor a file`);
  const tree = readTree(path, { skip: isNotPackageContent });
  if (!tree.has(SkillMdFile)) throw new WardenError(ErrorCode.BadRequest, `\`${path}\` holds no SKILL.md; a skill directory has one at its root`);
  const envelopePath = join(path, EnvelopeFile);
  if (existsSync(envelopePath)) {
    const { bytes } = readRegularFile(envelopePath, 8 * 1024 * 1024);
    return { kind: "directory", path, envelope: parseEnvelope(bytes.toString("utf8"), `\`${envelopePath}\``), tree };
  }
  return { kind: "directory", path, envelope: unsignedEnvelope(buildManifest(tree, skillIdentity(tree))), tree };
}

/** Refuses a tree that is not exactly what its manifest lists (an extra, missing or changed file). */
export function assertTreeMatches(source: Pick<PackageSource, "path" | "tree" | "envelope">): void {
  const problems = compareTree(source.tree, source.envelope.manifest);
  if (problems.length > 0) throw new WardenError(ErrorCode.BadRequest, `\`${source.path}\` does not match its signed manifest: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? `; and ${problems.length - 5} more` : ""}`);
}

/** The publisher's step: reads a skill directory (refusing a malformed skill) and signs its manifest. */
export function signSkillDirectory(dir: string, key: KeyFile): { envelope: PackageEnvelope; tree: PackageTree } {
  const tree = readTree(dir, { skip: isNotPackageContent });
  return { envelope: signManifest(buildManifest(tree, { ...skillIdentity(tree), publisher: key.publisher }), key), tree };
}

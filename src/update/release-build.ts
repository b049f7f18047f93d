/**
 * Builds a release from a git checkout: the tarball of the git-tracked files at their committed modes, and the
 * CycloneDX SBOM of the dependency tree its package-lock.json installs. The same commit gives the same bytes,
 * on any machine and any day (the time inside both is the commit's).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packReproducibly, type ArchiveFile } from "./release-archive.ts";
import { buildSbom } from "./sbom-build.ts";
import type { ReleaseFile } from "./tuf-repository.ts";

export type BuiltRelease = { version: string; time: Date; tarball: ReleaseFile; sbom: ReleaseFile };

export async function buildRelease(options: { checkout: string; allowDirty?: boolean; time?: Date }): Promise<BuiltRelease> {
  const git = (...args: string[]) => execFileSync("git", ["-C", options.checkout, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (!options.allowDirty) {
    const changed = git("status", "--porcelain", "--untracked-files=no").trim();
    if (changed !== "") throw new Error(`the checkout has uncommitted changes to tracked files; commit them (a release is built from what git tracks):\n${changed.split("\n").slice(0, 5).join("\n")}`);
  }
  const manifest = JSON.parse(readFileSync(join(options.checkout, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
  const name = String(manifest.name);
  const version = String(manifest.version);
  if (!/^\d{1,9}\.\d{1,9}\.\d{1,9}$/.test(version)) throw new Error(`a release version is MAJOR.MINOR.PATCH; package.json says \`${version}\``);
  const time = options.time ?? new Date(Number(git("log", "-1", "--format=%ct").trim()) * 1000);
  const files = trackedFiles(git("ls-files", "-s", "-z"));
  const bytes = await packReproducibly(options.checkout, files, time);
  const sbomText = buildSbom({ lockText: readFileSync(join(options.checkout, "package-lock.json"), "utf8"), name, version, time });
  const sbomName = `${name}-${version}.cdx.json`;
  return {
    version,
    time,
    tarball: { name: `${name}-${version}.tar.gz`, bytes, custom: { warden: { kind: "tarball", version, sbom: sbomName } } },
    sbom: { name: sbomName, bytes: Buffer.from(sbomText) },
  };
}

/** `git ls-files -s -z`: `<mode> <object> <stage>\t<path>`; only regular files belong in a release. */
function trackedFiles(listing: string): ArchiveFile[] {
  const files: ArchiveFile[] = [];
  for (const record of listing.split("\0")) {
    if (record === "") continue;
    const tab = record.indexOf("\t");
    const mode = record.slice(0, record.indexOf(" "));
    const path = record.slice(tab + 1);
    if (mode !== "100644" && mode !== "100755") throw new Error(`\`${path}\` is tracked with mode ${mode} (a symlink or submodule); a release holds regular files only`);
    files.push({ path, executable: mode === "100755" });
  }
  return files;
}

/**
 * Test support for releases and updates: a throwaway key set, a tiny Warden-shaped git project, releases of it
 * built by the real release builder and published into a real TUF repository directory, and an install layout
 * whose current version embeds the test root. Nothing here touches the running checkout.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildRelease, type BuiltRelease } from "../../src/update/release-build.ts";
import { generateSigningKey, type SigningKey } from "../../src/update/tuf-keys.ts";
import { initRepository, publishTargets, type PublishOptions, type RoleKeys } from "../../src/update/tuf-repository.ts";

export type TestKeys = { root: SigningKey[] } & RoleKeys;

export function makeKeys(): TestKeys {
  return { root: [generateSigningKey(), generateSigningKey(), generateSigningKey()], targets: generateSigningKey(), snapshot: generateSigningKey(), timestamp: generateSigningKey() };
}

const lock = (version: string, extra: Record<string, unknown> = {}) => ({
  name: "warden",
  version,
  lockfileVersion: 3,
  requires: true,
  packages: {
    "": { name: "warden", version, dependencies: { "left-pad": "1.3.0", "@scope/util": "2.0.1" } },
    "node_modules/left-pad": { version: "1.3.0", resolved: "https://registry.example/left-pad-1.3.0.tgz", integrity: `sha512-${Buffer.alloc(64, 1).toString("base64")}` },
    "node_modules/@scope/util": { version: "2.0.1", resolved: "https://registry.example/util-2.0.1.tgz", integrity: `sha512-${Buffer.alloc(64, 2).toString("base64")}` },
    "node_modules/@scope/util/node_modules/left-pad": { version: "1.1.0", integrity: `sha512-${Buffer.alloc(64, 3).toString("base64")}`, dev: true },
    ...extra,
  },
});

/** A git repository shaped like a Warden checkout at `version`, committed at a fixed time. */
export function makeProject(dir: string, version: string): string {
  mkdirSync(join(dir, "bin"), { recursive: true });
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "warden", version, type: "module" }, null, 2)}\n`);
  writeFileSync(join(dir, "package-lock.json"), `${JSON.stringify(lock(version), null, 2)}\n`);
  writeFileSync(join(dir, "bin", "warden"), "#!/bin/sh\necho warden\n", { mode: 0o755 });
  writeFileSync(join(dir, "src", "main.ts"), `export const version = ${JSON.stringify(version)};\n`);
  writeFileSync(join(dir, "README.md"), `Warden ${version}\n`);
  const env = { ...process.env, GIT_AUTHOR_DATE: "2026-11-01T00:00:00Z", GIT_COMMITTER_DATE: "2026-11-01T00:00:00Z", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.invalid", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.invalid" };
  const git = (...args: string[]) => execFileSync("git", ["-C", dir, ...args], { env, stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", `release ${version}`);
  return dir;
}

/** Writes another lock file into the project (committed), so its SBOM no longer matches what a release ships. */
export function changeLock(dir: string, version: string): void {
  writeFileSync(join(dir, "package-lock.json"), `${JSON.stringify(lock(version, { "node_modules/extra": { version: "9.9.9" } }), null, 2)}\n`);
}

export async function publishVersion(repo: string, projectRoot: string, version: string, keys: TestKeys, options: PublishOptions = {}): Promise<BuiltRelease> {
  const release = await buildRelease({ checkout: makeProject(join(projectRoot, version), version) });
  publishTargets(repo, [release.tarball, release.sbom], keys, options);
  return release;
}

/** A new repository (root v1) holding `versions`, each published in turn. */
export async function makeRepository(repo: string, projectRoot: string, keys: TestKeys, versions: readonly string[], options: PublishOptions = {}): Promise<void> {
  initRepository(repo, keys.root, keys, options);
  for (const version of versions) await publishVersion(repo, projectRoot, version, keys, options);
}

/** An install whose current version is `version` and embeds the repository's first root as its trust anchor. */
export function makeInstall(installDir: string, version: string, repo: string): void {
  const dir = join(installDir, "versions", version);
  mkdirSync(join(dir, "release"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "warden", version }));
  copyFileSync(join(repo, "metadata", "1.root.json"), join(dir, "release", "root.json"));
  symlinkSync(join("versions", version), join(installDir, "current"));
}

// Release build and update verification, on this checkout as it is (a ~2 MB tarball, an SBOM of every locked
// package): building the tarball and SBOM; `checkUpdate` (TUF refresh: root, timestamp, snapshot, targets, each
// signature-checked); `applyUpdate` without dependency install (download, length and two hashes, archive listing,
// unpack, SBOM against the lock, atomic switch). CPU time is reported beside wall time (the machine is shared).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildRelease } from "../src/update/release-build.ts";
import { initRepository, publishTargets } from "../src/update/tuf-repository.ts";
import { generateSigningKey } from "../src/update/tuf-keys.ts";
import { applyUpdate, checkUpdate } from "../src/update/update-client.ts";

const root = mkdtempSync(join(tmpdir(), "warden-update-bench-"));
const checkout = fileURLToPath(new URL("../", import.meta.url));
const median = (xs: number[]) => Math.round(([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0) * 10) / 10;

async function timed<T>(runs: number, work: (i: number) => Promise<T>): Promise<{ wallMs: number; cpuMs: number; last: T }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = await work(i);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu), last: last as T };
}

function makeInstall(dir: string, repo: string): string {
  mkdirSync(join(dir, "versions", "0.0.1", "release"), { recursive: true });
  copyFileSync(join(repo, "metadata", "1.root.json"), join(dir, "versions", "0.0.1", "release", "root.json"));
  symlinkSync("versions/0.0.1", join(dir, "current"));
  return dir;
}

try {
  const build = await timed(3, () => buildRelease({ checkout, allowDirty: true }));
  const release = build.last;
  const keys = { root: [generateSigningKey(), generateSigningKey(), generateSigningKey()], targets: generateSigningKey(), snapshot: generateSigningKey(), timestamp: generateSigningKey() };
  const repo = join(root, "repo");
  initRepository(repo, keys.root, keys);
  publishTargets(repo, [release.tarball, release.sbom], keys);
  const check = await timed(5, async (i) => {
    const result = await checkUpdate({ installDir: makeInstall(join(root, `check-${i}`), repo), source: repo });
    if (!result.ok) throw new Error(result.reason.message);
    return result;
  });
  const apply = await timed(5, async (i) => {
    const result = await applyUpdate({ installDir: makeInstall(join(root, `apply-${i}`), repo), source: repo });
    if (!result.ok) throw new Error(result.reason.message);
    return result;
  });
  const figures = {
    tarballBytes: release.tarball.bytes.length,
    sbomBytes: release.sbom.bytes.length,
    releaseBuildMs: build.wallMs,
    releaseBuildCpuMs: build.cpuMs,
    checkMs: check.wallMs,
    checkCpuMs: check.cpuMs,
    applyMs: apply.wallMs,
    applyCpuMs: apply.cpuMs,
  };
  process.stdout.write(`${JSON.stringify({ area: "update", clock: "median wall and CPU time in process: buildRelease of this checkout (3 runs); checkUpdate and applyUpdate (no npm ci) from a local repository into a fresh install (5 runs each)", figures })}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}

// The dependency audit against a signed snapshot of 5,000 synthetic npm advisories (the shipped real set is
// far smaller; the synthetic ones are shaped like GitHub's: 1-3 ranges, ~1.5 KB of details, a fifth naming
// packages this checkout installs), over this checkout's package-lock.json (every node_modules entry).
// Clocks: wall and CPU (the machine may be shared) for reading + verifying + matching; the same audit answered
// by a fake osv.dev on loopback; the lock integrity check; the repository secret scan of tracked files.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { auditDependencies } from "../src/supply/audit-dependencies.ts";
import { parseLockFile } from "../src/supply/lock-file.ts";
import { checkLockIntegrity } from "../src/supply/lock-integrity.ts";
import { scanRepositoryFiles, secretAllowlist } from "../src/supply/repo-secret-scan.ts";
import { signSnapshot } from "../src/supply/snapshot.ts";
import type { OsvRecord } from "../src/supply/osv.ts";
import { loadFindSecrets } from "../src/cli/commands/security.ts";
import { startFakeOsv } from "../test/support/fake-osv.ts";
import { testSigningKey } from "../test/support/osv-fixtures.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const lockText = readFileSync(`${root}package-lock.json`, "utf8");
const installed = [...new Set(parseLockFile(lockText).entries.map((e) => e.name))];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const round = (n: number) => Math.round(n * 10) / 10;

function synthetic(count: number): OsvRecord[] {
  const out: OsvRecord[] = [];
  for (let i = 0; i < count; i++) {
    const name = i % 5 === 0 ? (installed[i % installed.length] as string) : `pkg-${i % 3000}`;
    const ranges = Array.from({ length: 1 + (i % 3) }, (_, r) => ({ type: "ECOSYSTEM" as const, events: [{ introduced: `${r * 2}.0.0` }, { fixed: `${r * 2}.${i % 9}.${i % 7}` }] }));
    out.push({
      schema_version: "1.4.0", id: `GHSA-bench-${i}`, modified: "2026-11-01T00:00:00Z", aliases: [`CVE-2026-${10000 + i}`],
      summary: `synthetic advisory ${i} for ${name}`, details: `Impact. ${"A crafted input makes the parser loop. ".repeat(38)}`,
      affected: ranges.map((range) => ({ package: { ecosystem: "npm", name }, ranges: [range] })),
      references: [{ type: "ADVISORY", url: `https://github.com/advisories/GHSA-bench-${i}` }, { type: "PACKAGE", url: `https://github.com/x/${name}` }],
      database_specific: { severity: ["LOW", "MODERATE", "HIGH", "CRITICAL"][i % 4] as string, cwe_ids: ["CWE-400"], github_reviewed: true },
    });
  }
  return out;
}

async function timed<T>(runs: number, work: () => Promise<T> | T): Promise<{ wallMs: number; cpuMs: number; last: T }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = await work();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  return { wallMs: round(median(walls)), cpuMs: round(median(cpus)), last: last as T };
}

const key = testSigningKey();
const advisories = synthetic(5000);
const createdAt = new Date();
const build = await timed(1, () => signSnapshot(advisories, createdAt, key.privatePem));
const snapshotText = build.last;
const offline = await timed(5, () => auditDependencies({ lockText, snapshotText, trustedKeys: [key.publicPem], now: new Date() }));
const osv = await startFakeOsv(advisories);
const online = await timed(3, () => auditDependencies({ lockText, snapshotText, trustedKeys: [key.publicPem], now: new Date(), osv: { baseUrl: osv.url, fetch } }));
await osv.close();
const integrity = await timed(3, () => checkLockIntegrity(lockText, root));
const findSecrets = await loadFindSecrets();
const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root }).toString("utf8").split("\0").filter((f) => f !== "");
const allowlist = secretAllowlist.parse(JSON.parse(readFileSync(`${root}.ci/secret-allowlist.json`, "utf8")));
const scan = await timed(1, () => scanRepositoryFiles(root, tracked, findSecrets, allowlist));
const result = (r: typeof offline.last) => (r.status === "error" ? { error: r.error } : { status: r.status, packagesChecked: r.packagesChecked, matches: r.matches.length });

process.stdout.write(`${JSON.stringify({
  advisories: advisories.length,
  snapshotBytes: Buffer.byteLength(snapshotText),
  buildAndSign: { wallMs: build.wallMs, cpuMs: build.cpuMs },
  auditOfflineSnapshot: { wallMs: offline.wallMs, cpuMs: offline.cpuMs, ...result(offline.last), targetMs: 2000 },
  auditFakeOsvLoopback: { wallMs: online.wallMs, cpuMs: online.cpuMs, ...result(online.last) },
  lockIntegrity: { wallMs: integrity.wallMs, cpuMs: integrity.cpuMs, checked: integrity.last.checked, problems: integrity.last.problems.length },
  secretScan: { wallMs: scan.wallMs, cpuMs: scan.cpuMs, files: scan.last.filesScanned, leaks: scan.last.leaks.length },
})}\n`);

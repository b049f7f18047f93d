/**
 * CI's supply-chain checks, run by `.ci/run` before the test suite (`npm run check:supply`):
 *  1. the lock file's integrity hashes and versions match what is installed (src/supply/lock-integrity.ts);
 *  2. no tracked file holds a secret, except the fixtures `.ci/secret-allowlist.json` names with a reason;
 *  3. the dependency audit (osv.dev, else the signed snapshot) finds no critical advisory on an installed package.
 * Exit 1 when any check fails. An audit that could not run ("unrun": osv.dev unreachable and the snapshot stale)
 * is printed and does not fail the build: it is not a finding, and it is never reported as clean either.
 * Flags: `--offline` (no osv.dev), `--osv-url URL` (a mirror).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checkLockIntegrity } from "../src/supply/lock-integrity.ts";
import { scanRepositoryFiles, secretAllowlist } from "../src/supply/repo-secret-scan.ts";
import { auditInstalledDependencies } from "../src/cli/commands/security-audit.ts";
import { loadFindSecrets } from "../src/cli/commands/security.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const { values } = parseArgs({ options: { offline: { type: "boolean" }, "osv-url": { type: "string" } } });
let failed = false;
const say = (line: string) => process.stdout.write(`${line}\n`);

const integrity = checkLockIntegrity(fs.readFileSync(`${root}package-lock.json`, "utf8"), root);
say(`lock integrity: ${integrity.checked} installed packages match package-lock.json (${integrity.optionalAbsent} optional for other platforms absent)`);
for (const p of integrity.problems) say(`  FAIL ${p.path}: ${p.problem}`);
failed ||= integrity.problems.length > 0;

const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root, maxBuffer: 64 * 1024 * 1024 }).toString("utf8").split("\0").filter((f) => f !== "");
const allowlist = secretAllowlist.parse(JSON.parse(fs.readFileSync(`${root}.ci/secret-allowlist.json`, "utf8")));
const scan = scanRepositoryFiles(root, tracked, await loadFindSecrets(), allowlist);
say(`secret scan: ${scan.filesScanned} tracked files scanned (${scan.filesSkipped} binary or over the size cap), ${scan.allowed} allowlisted fixture hits, ${scan.leaks.length} leaks`);
for (const leak of scan.leaks) say(`  FAIL ${leak.path}:${leak.line} ${leak.ruleId} (remove and rotate it; a test fixture goes in .ci/secret-allowlist.json with a reason)`);
for (const stale of scan.unusedAllowances) say(`  note: allowlist entry ${stale.path} (${stale.ruleId}) matched nothing; remove it`);
failed ||= scan.leaks.length > 0;

const audit = await auditInstalledDependencies({ offline: values.offline === true, ...(values["osv-url"] === undefined ? {} : { osvUrl: values["osv-url"] }) }, fs);
if (audit.status === "error") {
  say(`dependency audit: FAIL ${audit.error}`);
  failed = true;
} else {
  const critical = audit.matches.filter((m) => m.severity === "critical");
  say(audit.status === "unrun"
    ? `dependency audit: UNRUN (not clean) for ${audit.packagesChecked} packages${audit.snapshotDate === null ? "" : `, snapshot dated ${audit.snapshotDate}`}: ${audit.reasons.join("; ")}`
    : `dependency audit: ${audit.packagesChecked} packages checked by ${audit.source ?? "?"}: ${audit.matches.length} advisories match, ${critical.length} critical${audit.reasons.length > 0 ? ` (${audit.reasons.join("; ")})` : ""}`);
  for (const m of audit.matches) say(`  ${m.severity === "critical" ? "FAIL" : "note"} ${m.package}@${m.version} ${m.id} (${m.severity}) ${m.summary}; ${m.url}`);
  failed ||= critical.length > 0;
}
process.exitCode = failed ? 1 : 0;

import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkDependencies, versionInRange, loadAdvisories } from "./check-dependencies.ts";

const dir = mkdtempSync(join(tmpdir(), "warden-deps-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const shipped = readFileSync(new URL("./advisories.json", import.meta.url), "utf8");

test("version ranges: comparators, sets joined by ||, unparseable versions count as affected", () => {
  assert.equal(versionInRange("8.16.0", ">=8.0.0 <8.17.1"), true);
  assert.equal(versionInRange("8.17.1", ">=8.0.0 <8.17.1"), false);
  assert.equal(versionInRange("1.0.1", "<1.0.2 || >=2.0.0 <2.2.2"), true);
  assert.equal(versionInRange("2.2.3", "<1.0.2 || >=2.0.0 <2.2.2"), false);
  assert.equal(versionInRange("garbage", "<1.0.0"), true);
});

test("a lock file with a vulnerable version is matched; the shipped list is dated offline data", () => {
  const lock = join(dir, "package-lock.json");
  writeFileSync(lock, JSON.stringify({ packages: { "": {}, "node_modules/ws": { version: "8.16.0" }, "node_modules/a/node_modules/json5": { version: "2.2.3" } } }));
  const result = checkDependencies(lock, shipped);
  assert.equal(result.packagesChecked, 2);
  assert.deepEqual(result.matches.map((m) => `${m.advisory.package}@${m.version}`), ["ws@8.16.0"]);
  assert.match(result.advisoriesDate, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(loadAdvisories(shipped).advisories.length > 0);
});

test("the project's own lock file has no match in the shipped list", () => {
  const result = checkDependencies(new URL("../../package-lock.json", import.meta.url).pathname, shipped);
  assert.equal(result.error, undefined);
  assert.ok(result.packagesChecked > 50);
  assert.deepEqual(result.matches, []);
});

test("an unreadable lock file is an error, not a clean bill of health", () => {
  const result = checkDependencies(join(dir, "missing.json"), shipped);
  assert.match(result.error ?? "", /could not be read/);
});

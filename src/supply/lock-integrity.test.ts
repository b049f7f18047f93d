import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkLockIntegrity } from "./lock-integrity.ts";
import { lockText } from "../../test/support/osv-fixtures.ts";

const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** A project dir with package-lock.json `lock` installed as npm would: the hidden lock and each package.json. */
function install(lock: string): string {
  const dir = mkdtempSync(join(tmpdir(), "warden-lock-"));
  dirs.push(dir);
  writeFileSync(join(dir, "package-lock.json"), lock);
  const parsed = JSON.parse(lock) as { packages: Record<string, { version?: string; optional?: boolean }> };
  for (const [path, entry] of Object.entries(parsed.packages)) {
    if (path === "" || entry.optional) continue;
    mkdirSync(join(dir, path), { recursive: true });
    writeFileSync(join(dir, path, "package.json"), JSON.stringify({ name: path.slice(path.lastIndexOf("node_modules/") + 13), version: entry.version }));
  }
  const hidden = { ...parsed, packages: Object.fromEntries(Object.entries(parsed.packages).filter(([p, e]) => p !== "" && !e.optional)) };
  writeFileSync(join(dir, "node_modules", ".package-lock.json"), JSON.stringify(hidden));
  return dir;
}

const lock = lockText({ ws: "8.16.0", json5: "2.2.3" });

test("an install that matches its lock file passes; an optional package for another platform may be absent", () => {
  const withOptional = JSON.parse(lock) as { packages: Record<string, unknown> };
  withOptional.packages["node_modules/@esbuild/darwin-arm64"] = { version: "0.28.2", integrity: "sha512-x", optional: true };
  const text = JSON.stringify(withOptional);
  const r = checkLockIntegrity(text, install(text));
  assert.deepEqual(r.problems, []);
  assert.equal(r.checked, 2);
  assert.equal(r.optionalAbsent, 1);
});

test("lock integrity mismatch is caught: a different hash, version, missing or extra package", () => {
  const dir = install(lock);
  const hiddenFile = join(dir, "node_modules", ".package-lock.json");
  const hidden = JSON.parse(readFileSync(hiddenFile, "utf8")) as { packages: Record<string, { version: string; integrity?: string }> };
  hidden.packages["node_modules/ws"]!.integrity = "sha512-tampered";
  hidden.packages["node_modules/evil"] = { version: "1.0.0" };
  delete hidden.packages["node_modules/json5"];
  writeFileSync(hiddenFile, JSON.stringify(hidden));
  const r = checkLockIntegrity(lock, dir);
  const seen = r.problems.map((p) => `${p.path}: ${p.problem}`).join("\n");
  assert.match(seen, /node_modules\/ws: integrity hash differs/);
  assert.match(seen, /node_modules\/json5: in package-lock.json \(2\.2\.3\) but not installed/);
  assert.match(seen, /node_modules\/evil: installed but not in package-lock.json/);
  const swapped = install(lock);
  writeFileSync(join(swapped, "node_modules", "ws", "package.json"), JSON.stringify({ name: "ws", version: "8.99.0" }));
  assert.match(checkLockIntegrity(lock, swapped).problems.map((p) => p.problem).join("\n"), /package.json says version 8\.99\.0/);
});

test("no npm install record is a problem with the fix, not a pass", () => {
  const dir = mkdtempSync(join(tmpdir(), "warden-lock-"));
  dirs.push(dir);
  const r = checkLockIntegrity(lock, dir);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]?.problem ?? "", /npm ci/);
});

// `npm run release` from outside: a key set, a repository, a published release of a small git project, built
// twice to the same bytes; then `warden update check` verifies what it published against the embedded root.
// warden-test: own-process (among the longest end-to-end files: alone, it runs beside the others instead of after them)
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli, withCompileCache } from "../support/cli.ts";
import { makeProject } from "../support/release-fixture.ts";
import { makeTempDir } from "../support/temp-dir.ts";

const script = fileURLToPath(new URL("../../scripts/release.ts", import.meta.url));

/** `npm run release -- args…`, with the test run's compile cache (the nine runs strip the same modules). */
function release(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: "utf8", env: withCompileCache({ PATH: process.env.PATH, ...env }), timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

void test("keys, init, publish (reproducibly), refresh; the published release verifies with warden update check", async () => {
  const t = makeTempDir("release-script");
  try {
    const keys = join(t.dir, "keys");
    const repo = join(t.dir, "repo");
    const project = makeProject(join(t.dir, "project"), "0.4.0");
    const made = release(["keys", "--out", keys]);
    assert.equal(made.code, 0, made.stderr);
    assert.equal(made.stdout.split("\n").filter((l) => /^(root|targets|snapshot|timestamp)\s+[0-9a-f]{64}$/.test(l)).length, 6);
    assert.equal(statSync(join(keys, "root-1.pem")).mode & 0o777, 0o600);
    assert.equal(release(["init", "--repo", repo, "--keys", keys]).code, 0);

    const a = release(["build", "--checkout", project, "--out", join(t.dir, "a")]);
    const b = release(["build", "--checkout", project, "--out", join(t.dir, "b")]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout.replaceAll(join(t.dir, "a"), ""), b.stdout.replaceAll(join(t.dir, "b"), ""), "two builds, same digests");
    for (const name of ["warden-0.4.0.tar.gz", "warden-0.4.0.cdx.json"]) assert.ok(readFileSync(join(t.dir, "a", name)).equals(readFileSync(join(t.dir, "b", name))));
    const epoch = release(["build", "--checkout", project, "--out", join(t.dir, "c")], { SOURCE_DATE_EPOCH: "1700000000" });
    assert.notEqual(epoch.stdout.split("  ")[0], a.stdout.split("  ")[0], "SOURCE_DATE_EPOCH sets the time inside");

    const published = release(["publish", "--repo", repo, "--keys", keys, "--checkout", project, "--out", join(t.dir, "p")]);
    assert.equal(published.code, 0, published.stderr);
    assert.match(published.stdout, /Published 0\.4\.0: targets v2, snapshot v2, timestamp v2/);
    const again = release(["publish", "--repo", repo, "--keys", keys, "--checkout", project, "--out", join(t.dir, "p")]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already published; a published version is never replaced/);
    assert.equal(release(["refresh", "--repo", repo, "--keys", keys]).code, 0);
    const tooLong = release(["refresh", "--repo", repo, "--keys", keys, "--timestamp-days", "30"]);
    assert.equal(tooLong.code, 1);

    const install = join(t.dir, "install");
    mkdirSync(join(install, "versions", "0.3.0", "release"), { recursive: true });
    copyFileSync(join(repo, "metadata", "1.root.json"), join(install, "versions", "0.3.0", "release", "root.json"));
    symlinkSync("versions/0.3.0", join(install, "current"));
    const check = await runCli(["update", "check", "--from", repo, "--install-dir", install], { PATH: process.env.PATH, HOME: t.dir, WARDEN_HOME: join(t.dir, "state") });
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /Update available: 0\.4\.0 \(installed: 0\.3\.0\)/);
  } finally {
    t.cleanup();
  }
});

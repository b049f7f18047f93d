// Offline updates from a real local repository: TUF metadata signed by test keys, releases built from real git
// projects by the real builder, an install layout in a temp dir. Each attack is refused with its own reason and
// leaves the install as it was.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readlinkSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Metadata, MetadataKind } from "@tufjs/models";
import { applyUpdate, checkUpdate, rollbackUpdate, type ApplyResult, type CheckResult } from "./update-client.ts";
import { buildRelease } from "./release-build.ts";
import { generateSigningKey, signerFor } from "./tuf-keys.ts";
import { publishTargets, readMetadata, refreshTimestamp, rotateRoot } from "./tuf-repository.ts";
import { changeLock, makeInstall, makeKeys, makeProject, makeRepository, publishVersion, type TestKeys } from "../../test/support/release-fixture.ts";
import { makeTempDir } from "../../test/support/temp-dir.ts";

type Setup = { dir: string; keys: TestKeys; repo: string; install: string; projects: string };

/** Runs `body` over a fresh repository holding `versions` and an install of `installed`, then removes both. */
async function withRepository(versions: readonly string[], installed: string, body: (t: Setup) => Promise<void>): Promise<void> {
  const tmp = makeTempDir("update");
  try {
    const keys = makeKeys();
    const repo = join(tmp.dir, "repo");
    const projects = join(tmp.dir, "projects");
    await makeRepository(repo, projects, keys, versions);
    const install = join(tmp.dir, "install");
    makeInstall(install, installed, repo);
    await body({ dir: tmp.dir, keys, repo, install, projects });
  } finally {
    tmp.cleanup();
  }
}

const current = (install: string) => readlinkSync(join(install, "current"));
const check = (t: Setup, source = t.repo) => checkUpdate({ installDir: t.install, source });
const apply = (t: Setup) => applyUpdate({ installDir: t.install, source: t.repo });

/** Asserts a refusal with `id`; returns its sentence. */
function refusal(result: CheckResult | ApplyResult | ReturnType<typeof rollbackUpdate>, id: string): string {
  assert.ok(!result.ok, `expected ${id}, got ${JSON.stringify(result)}`);
  assert.equal(result.reason.id, id, result.reason.message);
  return result.reason.message;
}

void test("a good update verifies, applies atomically, keeps the previous version, and rollback restores it", () => withRepository(["0.2.0"], "0.1.0", async (t) => {
  const checked = await check(t);
  assert.ok(checked.ok, JSON.stringify(checked));
  assert.deepEqual([checked.installed, checked.latest?.version, checked.updateAvailable], ["0.1.0", "0.2.0", true]);

  const applied = await apply(t);
  assert.ok(applied.ok, JSON.stringify(applied));
  assert.equal(applied.to, "0.2.0");
  assert.equal(current(t.install), "versions/0.2.0");
  assert.equal(readlinkSync(join(t.install, "previous")), "versions/0.1.0");
  assert.equal(readFileSync(join(t.install, "current", "src", "main.ts"), "utf8"), 'export const version = "0.2.0";\n');
  assert.ok(existsSync(join(t.install, "versions", ".0.2.0.cdx.json")));
  assert.deepEqual(readdirSync(join(t.install, "staging")), [], "nothing is left in staging");
  const again = await check(t);
  assert.ok(again.ok && !again.updateAvailable);

  const back = rollbackUpdate(t.install);
  assert.ok(back.ok, JSON.stringify(back));
  assert.equal(back.to, "0.1.0");
  assert.equal(current(t.install), "versions/0.1.0");
  assert.equal(readlinkSync(join(t.install, "previous")), "versions/0.2.0");
}));

void test("a tampered tarball is refused and nothing changes", () => withRepository(["0.2.0"], "0.1.0", async (t) => {
  const targets = join(t.repo, "targets");
  const file = readdirSync(targets).find((f) => f.endsWith(".tar.gz")) ?? "";
  const bytes = readFileSync(join(targets, file));
  bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
  writeFileSync(join(targets, file), bytes);
  assert.match(refusal(await apply(t), "update.tampered"), /warden-0\.2\.0\.tar\.gz` does not match the signed targets/);
  assert.equal(current(t.install), "versions/0.1.0");
  assert.ok(!existsSync(join(t.install, "versions", "0.2.0")));
}));

void test("a feed that rolls metadata back to a state the install has already seen is refused", () => withRepository(["0.2.0"], "0.1.0", async (t) => {
  const old = join(t.dir, "repo-old");
  cpSync(t.repo, old, { recursive: true });
  await publishVersion(t.repo, t.projects, "0.3.0", t.keys);
  assert.ok((await check(t)).ok);
  refusal(await check(t, old), "update.rollback");
}));

void test("a feed whose newest release is older than the installed one is refused", () => withRepository(["0.2.0"], "0.5.0", async (t) => {
  assert.match(refusal(await apply(t), "update.rollback"), /newest release is 0\.2\.0, older than the installed 0\.5\.0/);
  assert.equal(current(t.install), "versions/0.5.0");
}));

void test("a frozen feed (expired timestamp) is refused, naming the expiry", () => withRepository(["0.2.0"], "0.1.0", async (t) => {
  refreshTimestamp(t.repo, t.keys, { now: new Date(Date.now() - 8 * 86_400_000) });
  assert.match(refusal(await check(t), "update.feed-frozen"), /timestamp\.json is expired.*expired at \d{4}-\d\d-\d\dT/);
}));

void test("metadata signed by a key the root does not list is refused", () => withRepository(["0.2.0"], "0.1.0", async (t) => {
  const file = join(t.repo, "metadata", "timestamp.json");
  const forged = new Metadata(readMetadata(file, MetadataKind.Timestamp).signed);
  const rogue = generateSigningKey();
  // The rogue key claims the real timestamp key's id; its signature cannot verify under the real public key.
  forged.sign(signerFor({ ...rogue, key: { ...rogue.key, keyID: t.keys.timestamp.key.keyID } as typeof rogue.key }));
  writeFileSync(file, JSON.stringify(forged.toJSON()));
  assert.match(refusal(await check(t), "update.signature"), /timestamp was signed by 0\/1 keys/);
}));

void test("a mix-and-match of metadata from different repository states is refused", () => withRepository(["0.2.0"], "0.1.0", async (t) => {
  // The snapshot names targets version 2; the mirror serves version 1's validly signed targets under that name.
  cpSync(join(t.repo, "metadata", "1.targets.json"), join(t.repo, "metadata", "2.targets.json"));
  refusal(await check(t), "update.mix-and-match");
}));

void test("an SBOM that does not describe the release's dependency tree is refused", () => withRepository([], "0.1.0", async (t) => {
  const project = makeProject(join(t.projects, "0.2.0"), "0.2.0");
  const good = await buildRelease({ checkout: project });
  changeLock(project, "0.2.0");
  const other = await buildRelease({ checkout: project, allowDirty: true });
  publishTargets(t.repo, [good.tarball, other.sbom], t.keys);
  assert.match(refusal(await apply(t), "update.sbom"), /lists `node_modules\/extra`/);
  assert.equal(current(t.install), "versions/0.1.0");
}));

void test("a root rotation signed by a threshold of the old root is followed; one signed by fewer is refused", () => withRepository(["0.2.0"], "0.1.0", async (t) => {
  const next = makeKeys();
  rotateRoot(t.repo, t.keys.root.slice(0, 2), next.root, next);
  await publishVersion(t.repo, t.projects, "0.3.0", next);
  const applied = await apply(t);
  assert.ok(applied.ok, JSON.stringify(applied));
  assert.equal(applied.to, "0.3.0");
  assert.equal(readMetadata(join(t.install, "metadata", "root.json"), MetadataKind.Root).signed.version, 2);

  // Version 3 carries only one of version 2's root signatures: below the threshold of 2.
  const third = makeKeys();
  rotateRoot(t.repo, next.root.slice(0, 2), third.root, third);
  const file = join(t.repo, "metadata", "3.root.json");
  const root = JSON.parse(readFileSync(file, "utf8")) as { signatures: { keyid: string }[] };
  root.signatures = root.signatures.filter((s) => s.keyid !== next.root[0]?.key.keyID);
  writeFileSync(file, JSON.stringify(root));
  assert.match(refusal(await check(t), "update.signature"), /root was signed by 1\/2 keys/);
}));

void test("a repository that is not there, an http:// mirror, or no root to trust is refused with a reason", () => withRepository(["0.2.0"], "0.1.0", async (t) => {
  refusal(await check(t, join(t.dir, "nowhere")), "update.unreachable");
  assert.match(refusal(await check(t, "http://127.0.0.1:9/"), "update.unreachable"), /directory or an https:\/\/ URL/);
  rmSync(join(t.install, "versions", "0.1.0", "release", "root.json"));
  refusal(await check(t), "update.no-trust-root");
}));

void test("one run at a time: a live holder's lock refuses, a dead holder's lock and its leftovers are taken over", () => withRepository(["0.2.0"], "0.1.0", async (t) => {
  const lock = join(t.install, "update.lock");
  writeFileSync(lock, `${process.pid}\n`);
  assert.match(refusal(await apply(t), "update.busy"), /another update is running on this install \(pid \d+/);
  refusal(rollbackUpdate(t.install), "update.busy");
  assert.equal(current(t.install), "versions/0.1.0");

  const exited = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  writeFileSync(lock, `${exited.stdout}\n`);
  mkdirSync(join(t.install, "staging", "session-interrupted"), { recursive: true });
  const applied = await apply(t);
  assert.ok(applied.ok, JSON.stringify(applied));
  assert.ok(!existsSync(lock), "the lock is released");
  assert.deepEqual(readdirSync(join(t.install, "staging")), [], "an interrupted run's leftovers are removed");
}));

void test("a failing prepare step (npm ci) switches nothing; a fresh install trusts the root it is given", () => withRepository(["0.2.0"], "0.1.0", async (t) => {
  const failed = await applyUpdate({ installDir: t.install, source: t.repo, prepare: () => Promise.reject(new Error("npm ci exited with 1")) });
  assert.match(refusal(failed, "update.prepare"), /preparing 0\.2\.0 failed, nothing was switched: npm ci exited with 1/);
  assert.equal(current(t.install), "versions/0.1.0");
  assert.ok(!existsSync(join(t.install, "versions", "0.2.0")));

  const fresh = join(t.dir, "fresh-install");
  const installed = await applyUpdate({ installDir: fresh, source: t.repo, fallbackRoot: join(t.repo, "metadata", "1.root.json") });
  assert.ok(installed.ok, JSON.stringify(installed));
  assert.deepEqual([installed.from, installed.to, installed.state.previous], [null, "0.2.0", undefined]);
  assert.equal(current(fresh), "versions/0.2.0");
  refusal(rollbackUpdate(fresh), "update.not-installed");
}));

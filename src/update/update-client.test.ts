// Offline updates from a real local repository: TUF metadata signed by test keys, releases built from real git
// projects by the real builder, an install layout in a temp dir. Each attack is refused with its own reason and
// leaves the install as it was.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, readFileSync, readlinkSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Metadata, MetadataKind } from "@tufjs/models";
import { applyUpdate, checkUpdate, rollbackUpdate } from "./update-client.ts";
import { generateSigningKey, signerFor } from "./tuf-keys.ts";
import { readMetadata, refreshTimestamp, rotateRoot } from "./tuf-repository.ts";
import { changeLock, makeInstall, makeKeys, makeRepository, publishVersion } from "../../test/support/release-fixture.ts";
import { makeTempDir } from "../../test/support/temp-dir.ts";
import { buildRelease } from "./release-build.ts";
import { publishTargets } from "./tuf-repository.ts";

async function setup(versions: readonly string[] = ["0.2.0"], installed = "0.1.0") {
  const tmp = makeTempDir("update");
  const keys = makeKeys();
  const repo = join(tmp.dir, "repo");
  await makeRepository(repo, join(tmp.dir, "projects"), keys, versions);
  const install = join(tmp.dir, "install");
  makeInstall(install, installed, repo);
  return { ...tmp, keys, repo, install, projects: join(tmp.dir, "projects") };
}

const current = (install: string) => readlinkSync(join(install, "current"));

void test("a good update verifies, applies atomically, keeps the previous version, and rollback restores it", async () => {
  const t = await setup();
  try {
    const check = await checkUpdate({ installDir: t.install, source: t.repo });
    assert.ok(check.ok, JSON.stringify(check));
    assert.equal(check.installed, "0.1.0");
    assert.equal(check.latest?.version, "0.2.0");
    assert.equal(check.updateAvailable, true);

    const applied = await applyUpdate({ installDir: t.install, source: t.repo });
    assert.ok(applied.ok, JSON.stringify(applied));
    assert.equal(applied.to, "0.2.0");
    assert.equal(current(t.install), "versions/0.2.0");
    assert.equal(readlinkSync(join(t.install, "previous")), "versions/0.1.0");
    assert.equal(readFileSync(join(t.install, "current", "src", "main.ts"), "utf8"), 'export const version = "0.2.0";\n');
    assert.ok(existsSync(join(t.install, "versions", ".0.2.0.cdx.json")));
    assert.deepEqual(readdirSync(join(t.install, "staging")), [], "nothing is left in staging");
    const again = await checkUpdate({ installDir: t.install, source: t.repo });
    assert.ok(again.ok && !again.updateAvailable);

    const back = rollbackUpdate(t.install);
    assert.ok(back.ok, JSON.stringify(back));
    assert.equal(back.to, "0.1.0");
    assert.equal(current(t.install), "versions/0.1.0");
    assert.equal(readlinkSync(join(t.install, "previous")), "versions/0.2.0");
  } finally {
    t.cleanup();
  }
});

void test("a tampered tarball is refused and nothing changes", async () => {
  const t = await setup();
  try {
    const targets = join(t.repo, "targets");
    const file = readdirSync(targets).find((f) => f.endsWith(".tar.gz")) ?? "";
    const bytes = readFileSync(join(targets, file));
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    writeFileSync(join(targets, file), bytes);
    const r = await applyUpdate({ installDir: t.install, source: t.repo });
    assert.ok(!r.ok);
    assert.equal(r.reason.id, "update.tampered", r.reason.message);
    assert.equal(current(t.install), "versions/0.1.0");
    assert.ok(!existsSync(join(t.install, "versions", "0.2.0")));
  } finally {
    t.cleanup();
  }
});

void test("a feed that rolls metadata back to a state the install has already seen is refused", async () => {
  const t = await setup(["0.2.0"]);
  try {
    const old = join(t.dir, "repo-old");
    cpSync(t.repo, old, { recursive: true });
    await publishVersion(t.repo, t.projects, "0.3.0", t.keys);
    assert.ok((await checkUpdate({ installDir: t.install, source: t.repo })).ok);
    const r = await checkUpdate({ installDir: t.install, source: old });
    assert.ok(!r.ok);
    assert.equal(r.reason.id, "update.rollback", r.reason.message);
  } finally {
    t.cleanup();
  }
});

void test("a feed whose newest release is older than the installed one is refused", async () => {
  const t = await setup(["0.2.0"], "0.5.0");
  try {
    const r = await applyUpdate({ installDir: t.install, source: t.repo });
    assert.ok(!r.ok);
    assert.equal(r.reason.id, "update.rollback", r.reason.message);
    assert.equal(current(t.install), "versions/0.5.0");
  } finally {
    t.cleanup();
  }
});

void test("a frozen feed (expired timestamp) is refused, naming the expiry", async () => {
  const t = await setup();
  try {
    refreshTimestamp(t.repo, t.keys, { now: new Date(Date.now() - 8 * 86_400_000) });
    const r = await checkUpdate({ installDir: t.install, source: t.repo });
    assert.ok(!r.ok);
    assert.equal(r.reason.id, "update.feed-frozen", r.reason.message);
    assert.match(r.reason.message, /timestamp\.json is expired.*expired at \d{4}-\d\d-\d\dT/);
  } finally {
    t.cleanup();
  }
});

void test("metadata signed by a key the root does not list is refused", async () => {
  const t = await setup();
  try {
    const file = join(t.repo, "metadata", "timestamp.json");
    const timestamp = readMetadata(file, MetadataKind.Timestamp);
    const forged = new Metadata(timestamp.signed);
    const rogue = generateSigningKey();
    forged.sign(signerFor({ ...rogue, key: { ...rogue.key, keyID: t.keys.timestamp.key.keyID } as typeof rogue.key }));
    writeFileSync(file, JSON.stringify(forged.toJSON()));
    const r = await checkUpdate({ installDir: t.install, source: t.repo });
    assert.ok(!r.ok);
    assert.equal(r.reason.id, "update.signature", r.reason.message);
  } finally {
    t.cleanup();
  }
});

void test("a mix-and-match of metadata from different repository states is refused", async () => {
  const t = await setup(["0.2.0"]);
  try {
    // The snapshot names targets version 2; the mirror serves version 1's validly signed targets under that name.
    cpSync(join(t.repo, "metadata", "1.targets.json"), join(t.repo, "metadata", "2.targets.json"));
    const r = await checkUpdate({ installDir: t.install, source: t.repo });
    assert.ok(!r.ok);
    assert.equal(r.reason.id, "update.mix-and-match", r.reason.message);
  } finally {
    t.cleanup();
  }
});

void test("an SBOM that does not describe the release's dependency tree is refused", async () => {
  const t = await setup([]);
  try {
    const project = join(t.projects, "0.2.0");
    const good = await buildRelease({ checkout: (await import("../../test/support/release-fixture.ts")).makeProject(project, "0.2.0") });
    changeLock(project, "0.2.0");
    const other = await buildRelease({ checkout: project, allowDirty: true });
    publishTargets(t.repo, [good.tarball, other.sbom], t.keys);
    const r = await applyUpdate({ installDir: t.install, source: t.repo });
    assert.ok(!r.ok);
    assert.equal(r.reason.id, "update.sbom", r.reason.message);
    assert.match(r.reason.message, /extra/);
    assert.equal(current(t.install), "versions/0.1.0");
  } finally {
    t.cleanup();
  }
});

void test("a root rotation signed by a threshold of the old root is followed; one signed by fewer is refused", async () => {
  const t = await setup(["0.2.0"]);
  try {
    const next = makeKeys();
    rotateRoot(t.repo, t.keys.root.slice(0, 2), next.root, next);
    await publishVersion(t.repo, t.projects, "0.3.0", next);
    const r = await applyUpdate({ installDir: t.install, source: t.repo });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.to, "0.3.0");
    assert.equal(readMetadata(join(t.install, "metadata", "root.json"), MetadataKind.Root).signed.version, 2);

    // Version 3 carries only one of version 2's root signatures: below the threshold of 2.
    const third = makeKeys();
    rotateRoot(t.repo, next.root.slice(0, 2), third.root, third);
    const file = join(t.repo, "metadata", "3.root.json");
    const root = JSON.parse(readFileSync(file, "utf8")) as { signatures: { keyid: string }[] };
    root.signatures = root.signatures.filter((s) => s.keyid !== next.root[0]?.key.keyID);
    writeFileSync(file, JSON.stringify(root));
    const refused = await checkUpdate({ installDir: t.install, source: t.repo });
    assert.ok(!refused.ok);
    assert.equal(refused.reason.id, "update.signature", refused.reason.message);
  } finally {
    t.cleanup();
  }
});

void test("a repository that is not there, or an http:// mirror, is refused with a reason", async () => {
  const t = await setup();
  try {
    const missing = await checkUpdate({ installDir: t.install, source: join(t.dir, "nowhere") });
    assert.ok(!missing.ok);
    assert.equal(missing.reason.id, "update.unreachable", missing.reason.message);
    const http = await checkUpdate({ installDir: t.install, source: "http://127.0.0.1:9/" });
    assert.ok(!http.ok);
    assert.equal(http.reason.id, "update.unreachable");
    rmSync(join(t.install, "versions", "0.1.0", "release", "root.json"));
    const noRoot = await checkUpdate({ installDir: t.install, source: t.repo });
    assert.ok(!noRoot.ok);
    assert.equal(noRoot.reason.id, "update.no-trust-root");
  } finally {
    t.cleanup();
  }
});

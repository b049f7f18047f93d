// The publisher refuses what a client would refuse later (a key the root does not list, a timestamp valid for
// more than 7 days, a root rotation without a threshold of the current root keys), and the SBOM check holds
// an SBOM to exactly the release's lock file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MetadataKind } from "@tufjs/models";
import { generateKeyDir, generateSigningKey, readKeyDir } from "./tuf-keys.ts";
import { initRepository, publishTargets, readMetadata, readRepositoryState, refreshTimestamp, rotateRoot, withdrawTargets } from "./tuf-repository.ts";
import { buildSbom } from "./sbom-build.ts";
import { checkSbom } from "./sbom-check.ts";
import { makeKeys } from "../../test/support/release-fixture.ts";
import { makeTempDir } from "../../test/support/temp-dir.ts";

void test("a new repository's root needs 2 of its 3 root keys, and each role is signed by its own key", () => {
  const t = makeTempDir("tuf-repo");
  try {
    const keys = makeKeys();
    initRepository(t.dir, keys.root, keys);
    const root = readMetadata(join(t.dir, "metadata", "1.root.json"), MetadataKind.Root);
    assert.equal(root.signed.roles.root?.threshold, 2);
    assert.deepEqual(root.signed.roles.root?.keyIDs, keys.root.map((k) => k.key.keyID));
    assert.equal(Object.keys(root.signatures).length, 3);
    assert.equal(root.signed.consistentSnapshot, true);
    const state = readRepositoryState(t.dir);
    const hours = (Date.parse(state.timestamp.signed.expires) - Date.now()) / 3_600_000;
    assert.ok(hours > 24 * 6.9 && hours <= 24 * 7, `timestamp expires in ${hours} hours`);
    assert.throws(() => initRepository(t.dir, keys.root, keys), /already holds a release repository/);

    assert.throws(() => publishTargets(t.dir, [{ name: "x.txt", bytes: Buffer.from("x") }], { ...keys, targets: generateSigningKey() }), /is not a targets key in root version 1/);
    assert.throws(() => refreshTimestamp(t.dir, keys, { timestampDays: 8 }), /within 7 days/);
    assert.throws(() => publishTargets(t.dir, [{ name: "../x", bytes: Buffer.from("x") }], keys), /plain file name/);
    const next = makeKeys();
    assert.throws(() => rotateRoot(t.dir, keys.root.slice(0, 1), next.root, next), /needs 2 of the current root keys; 1 given/);
    assert.equal(readRepositoryState(t.dir).root.signed.version, 1, "a refused rotation writes nothing");
  } finally {
    t.cleanup();
  }
});

void test("a key directory holds six 0600 key files; a readable one is refused", () => {
  const t = makeTempDir("tuf-keys");
  try {
    const dir = join(t.dir, "keys");
    const made = generateKeyDir(dir);
    const read = readKeyDir(dir);
    assert.deepEqual(read.root.map((k) => k.key.keyID), made.root.map((k) => k.key.keyID));
    assert.equal(read.timestamp?.key.keyID, made.timestamp.key.keyID);
    assert.throws(() => generateKeyDir(dir), /EEXIST/);
    chmodSync(join(dir, "targets.pem"), 0o644);
    assert.throws(() => readKeyDir(dir), /can be read by other users/);
  } finally {
    t.cleanup();
  }
});

void test("the SBOM must list exactly the lock file's packages with their versions and SHA-512 hashes", () => {
  const lock = JSON.parse(readFileSync(new URL("../../package-lock.json", import.meta.url), "utf8")) as { packages: Record<string, { version?: string; integrity?: string }> };
  const lockText = JSON.stringify(lock);
  const sbom = buildSbom({ lockText, name: "warden", version: "1.0.0", time: new Date(0) });
  const parsed = JSON.parse(sbom) as { specVersion: string; components: { purl: string; "bom-ref": string }[] };
  assert.equal(parsed.specVersion, "1.6");
  assert.ok(parsed.components.some((c) => c.purl === "pkg:npm/%40tufjs/models@5.0.2"));
  assert.deepEqual(checkSbom(sbom, lockText, { name: "warden", version: "1.0.0" }), { ok: true, components: parsed.components.length });

  assert.match(check(sbom, lockText, "1.0.1"), /describes warden@1\.0\.0, not warden@1\.0\.1/);
  const [firstKey] = Object.keys(lock.packages).filter((k) => k.startsWith("node_modules/"));
  const bumped = structuredClone(lock);
  const entry = bumped.packages[firstKey ?? ""];
  if (entry) entry.version = "99.0.0";
  assert.match(check(sbom, JSON.stringify(bumped), "1.0.0"), /where the lock file has .*@99\.0\.0/);
  const rehashed = structuredClone(lock);
  const other = rehashed.packages[firstKey ?? ""];
  if (other) other.integrity = `sha512-${Buffer.alloc(64).toString("base64")}`;
  assert.match(check(sbom, JSON.stringify(rehashed), "1.0.0"), /SHA-512 .* differs/);
  const fewer = structuredClone(lock);
  delete fewer.packages[firstKey ?? ""];
  assert.match(check(sbom, JSON.stringify(fewer), "1.0.0"), /which the release's lock file does not install/);
  assert.match(check("{}", lockText, "1.0.0"), /not a CycloneDX 1\.5\/1\.6 JSON document/);
});

function check(sbom: string, lockText: string, version: string): string {
  const r = checkSbom(sbom, lockText, { name: "warden", version });
  return r.ok ? "ok" : r.reason;
}

void test("the shipped release/root.json is a root a fresh install can trust: 2 of 3 Ed25519 root keys, self-signed", () => {
  const root = readMetadata(fileURLToPath(new URL("../../release/root.json", import.meta.url)), MetadataKind.Root);
  assert.equal(root.signed.roles.root?.threshold, 2);
  assert.equal(root.signed.roles.root?.keyIDs.length, 3);
  for (const key of Object.values(root.signed.keys)) assert.deepEqual([key.keyType, key.scheme], ["ed25519", "ed25519"]);
  // No expiry check: a client walks from an expired embedded root to the newer ones the repository publishes.
  assert.doesNotThrow(() => root.verifyDelegate("root", root));
});

void test("a withdrawn release is no longer a target; withdrawing an unknown name is refused", () => {
  const t = makeTempDir("tuf-withdraw");
  try {
    const keys = makeKeys();
    initRepository(t.dir, keys.root, keys);
    publishTargets(t.dir, [{ name: "a.tar.gz", bytes: Buffer.from("a") }, { name: "b.tar.gz", bytes: Buffer.from("b") }], keys);
    withdrawTargets(t.dir, ["a.tar.gz"], keys);
    assert.deepEqual(Object.keys(readRepositoryState(t.dir).targets.signed.targets), ["b.tar.gz"]);
    assert.throws(() => withdrawTargets(t.dir, ["nope"], keys), /is not a target/);
  } finally {
    t.cleanup();
  }
});

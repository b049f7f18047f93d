import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSnapshot, signSnapshot } from "./snapshot.ts";
import { readOsvDirectories } from "./build-snapshot.ts";
import { TRUSTED_SNAPSHOT_KEYS } from "./trusted-keys.ts";
import { npmAdvisory, testSigningKey } from "../../test/support/osv-fixtures.ts";

const key = testSigningKey();
const created = new Date("2026-11-20T12:00:00.000Z");
const day = 86_400_000;
const advisories = [npmAdvisory("GHSA-a", "ws", [["8.0.0", "8.17.1"]]), npmAdvisory("GHSA-b", "json5", [["2.0.0", "2.2.2"]], "CRITICAL")];
const text = signSnapshot(advisories, created, key.privatePem);
const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

test("a snapshot signed by a trusted key and at most 7 days old is read with its date", () => {
  const read = readSnapshot(text, [key.publicPem], new Date(created.getTime() + 6 * day));
  assert.ok(read.ok, JSON.stringify(read));
  assert.equal(read.snapshot.createdAt, created.toISOString());
  assert.deepEqual(read.snapshot.advisories.map((a) => a.id), ["GHSA-a", "GHSA-b"]);
});

test("a stale snapshot is refused with its date and age", () => {
  const read = readSnapshot(text, [key.publicPem], new Date(created.getTime() + 8 * day));
  assert.equal(read.ok, false);
  assert.ok(!read.ok);
  assert.equal(read.createdAt, created.toISOString());
  assert.match(read.reason, /8 days old \(created 2026-11-20T12:00:00.000Z; at most 7 days/);
});

test("a snapshot dated in the future is refused (it would stay fresh too long)", () => {
  const read = readSnapshot(text, [key.publicPem], new Date(created.getTime() - day));
  assert.ok(!read.ok);
  assert.match(read.reason, /in the future/);
});

test("a tampered snapshot is refused: an advisory removed, a range widened, the date moved", () => {
  const now = new Date(created.getTime() + day);
  const parsed = JSON.parse(text) as { signed: { createdAt: string; advisories: unknown[] } };
  const tampers = [
    (s: typeof parsed) => { s.signed.advisories.pop(); },
    (s: typeof parsed) => { (s.signed.advisories[0] as { affected: { ranges: { events: unknown[] }[] }[] }).affected[0]!.ranges[0]!.events[1] = { fixed: "8.0.1" }; },
    (s: typeof parsed) => { s.signed.createdAt = "2026-11-30T12:00:00.000Z"; },
  ];
  for (const tamper of tampers) {
    const copy = structuredClone(parsed);
    tamper(copy);
    const read = readSnapshot(JSON.stringify(copy), [key.publicPem], now);
    assert.ok(!read.ok);
    assert.match(read.reason, /altered after signing/);
    assert.equal(read.createdAt, undefined, "an unverified date is not reported as the snapshot's");
  }
});

test("a snapshot signed by another key, or not a snapshot at all, is refused", () => {
  const now = new Date(created.getTime() + day);
  const other = testSigningKey();
  const read = readSnapshot(signSnapshot(advisories, created, other.privatePem), [key.publicPem], now);
  assert.ok(!read.ok);
  assert.match(read.reason, /not signed by a trusted key/);
  for (const junk of ["", "{", "[]", JSON.stringify({ signed: {}, signatures: [] })]) {
    const r = readSnapshot(junk, [key.publicPem], now);
    assert.ok(!r.ok);
  }
  assert.ok(!readSnapshot(text, ["not a key"], now).ok, "a malformed pinned key trusts nothing");
});

test("the pinned key is Ed25519 and the test key is not it", () => {
  assert.ok(TRUSTED_SNAPSHOT_KEYS.length > 0);
  assert.ok(!readSnapshot(text, TRUSTED_SNAPSHOT_KEYS, new Date(created.getTime() + day)).ok);
});

test("the builder reads OSV directories: npm records kept, other ecosystems counted, newest version of an id wins, bad files named", () => {
  const root = mkdtempSync(join(tmpdir(), "warden-osv-dir-"));
  dirs.push(root);
  mkdirSync(join(root, "a", "deep"), { recursive: true });
  mkdirSync(join(root, "warden"));
  writeFileSync(join(root, "a", "deep", "one.json"), JSON.stringify(advisories[0]));
  writeFileSync(join(root, "a", "one-newer.json"), JSON.stringify({ ...advisories[0], modified: "2026-11-02T00:00:00Z", summary: "newer" }));
  writeFileSync(join(root, "a", "pypi.json"), JSON.stringify({ id: "PYSEC-1", modified: "2026-01-01T00:00:00Z", affected: [{ package: { ecosystem: "PyPI", name: "x" } }] }));
  writeFileSync(join(root, "warden", "WARDEN-2026-001.json"), JSON.stringify(npmAdvisory("WARDEN-2026-001", "warden", [["0", "0.2.0"]], "CRITICAL")));
  writeFileSync(join(root, "a", "notes.txt"), "ignored");
  const good = readOsvDirectories([join(root, "a"), join(root, "warden")]);
  assert.deepEqual(good.records.map((r) => `${r.id}:${r.summary ?? ""}`), ["GHSA-a:newer", "WARDEN-2026-001:warden test advisory WARDEN-2026-001"]);
  assert.equal(good.otherEcosystems, 1);
  assert.equal(good.filesRead, 4);
  assert.deepEqual(good.invalid, []);
  writeFileSync(join(root, "a", "broken.json"), JSON.stringify({ id: "X", affected: [] }));
  const bad = readOsvDirectories([join(root, "a")]);
  assert.equal(bad.invalid.length, 1);
  assert.match(bad.invalid[0]?.file ?? "", /broken\.json$/);
  assert.match(bad.invalid[0]?.reason ?? "", /modified/);
});

test("the shipped snapshot is signed by the pinned key (its age is not checked here: it is stale by design after 7 days)", () => {
  const shipped = readFileSync(new URL("../../advisories/npm-snapshot.json", import.meta.url), "utf8");
  const createdAt = (JSON.parse(shipped) as { signed: { createdAt: string } }).signed.createdAt;
  const read = readSnapshot(shipped, TRUSTED_SNAPSHOT_KEYS, new Date(createdAt));
  assert.ok(read.ok, read.ok ? "" : read.reason);
  assert.ok(read.snapshot.advisories.length > 0);
});

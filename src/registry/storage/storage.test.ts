// The registry's storage, one suite for both implementations: embedded SQLite always, and a REAL PostgreSQL
// server (a throwaway cluster on a unix socket) when its binaries are installed. Same migrations, same store:
// accounts and keys, a release through pending → visible with a countersignature and a monotonic sequence,
// reports hiding at the threshold, revocation feed, a transparency log that verifies, and racing decisions that
// still get distinct sequence numbers and one unbroken chain.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { silentLogger } from "../../core/logger.ts";
import { bundleText, signSkillDirectory } from "../../skills/package-source.ts";
import { checkSignatures } from "../../skills/signing.ts";
import { openRegistry, type Registry } from "../registry.ts";
import type { Verdict } from "../releases.ts";
import { verifyLog } from "../transparency-log.ts";
import { createFsBlobStore } from "./blob-store.ts";
import { openPostgresDriver } from "./postgres-driver.ts";
import { openSqliteDriver } from "./sqlite-driver.ts";
import type { SqlDriver } from "./sql.ts";
import { makeTempDir } from "../../../test/support/temp-dir.ts";
import { publisherKey, writeSkill } from "../../../test/support/skill-fixture.ts";
import { startTestPostgres, type TestPostgres } from "../../../test/support/postgres.ts";

const pass: Verdict = { pass: true, findings: [], reason: "passed" };

function storageSuite(kind: string, open: () => Promise<SqlDriver | { skip: string }>) {
  describe(`registry storage on ${kind}`, () => {
    const tmp = makeTempDir(`warden-registry-${kind}-`);
    let registry: Registry | undefined;
    let skip: string | undefined;
    const registryKey = publisherKey("registry");
    const alice = publisherKey("alice");
    const callers: Record<string, { account: string; role: "member" | "moderator"; keyId: string }> = {};

    before(async () => {
      const sql = await open();
      if ("skip" in sql) {
        skip = sql.skip;
        return;
      }
      registry = await openRegistry({ sql, blobs: createFsBlobStore(join(tmp.dir, "blobs")), registryKey, scan: () => Promise.resolve(pass), log: silentLogger() });
      for (const key of [alice, ...["u1", "u2", "u3", "u4"].map((n) => publisherKey(n))]) {
        await registry.accounts.create(key.publisher, key.publicKey, { keyId: key.keyId, time: Date.now(), nonce: "0".repeat(32), signature: "" });
        callers[key.publisher] = { account: key.publisher, role: "member", keyId: key.keyId };
      }
    });
    after(async () => {
      await registry?.close();
      tmp.cleanup();
    });

    test("a release is pending until decided, then countersigned with increasing sequence numbers", async (t) => {
      if (skip !== undefined || registry === undefined) return t.skip(skip);
      const sequences: number[] = [];
      for (const version of ["1.0.0", "1.1.0"]) {
        const dir = writeSkill(join(tmp.dir, `weather-${version}`), { name: "weather", extraFront: `metadata:\n  version: "${version}"` });
        const { envelope, tree } = signSkillDirectory(dir, alice);
        const submitted = await registry.releases.submit(callers.alice as never, Buffer.from(bundleText(envelope, tree)));
        assert.equal(submitted.status, "pending");
        if (version === "1.0.0") await assert.rejects(registry.releases.package("weather"), /no downloadable release/);
        const decided = await registry.releases.decide(submitted.digest, pass);
        assert.equal(decided.status, "visible");
        sequences.push(decided.sequence as number);
      }
      assert.ok((sequences[1] as number) > (sequences[0] as number));
      const { bytes, release } = await registry.releases.download("weather");
      assert.equal(release.sequence, sequences[1]);
      const { parseBundle } = await import("../../skills/package-source.ts");
      const check = checkSignatures(parseBundle(bytes, "download").envelope);
      assert.ok(check.ok);
      assert.deepEqual(check.registry, { keyId: registryKey.keyId, sequence: sequences[1] });
    });

    test("four unique reports hide the package; a repeat report is not counted twice", async (t) => {
      if (skip !== undefined || registry === undefined) return t.skip(skip);
      const first = await registry.moderation.report(callers.u1 as never, "weather", "looks like malware");
      const again = await registry.moderation.report(callers.u1 as never, "weather", "looks like malware");
      assert.equal(first.uniqueReporters, 1);
      assert.equal(again.counted, false);
      assert.equal(again.uniqueReporters, 1);
      await registry.moderation.report(callers.u2 as never, "weather", "steals keys");
      const third = await registry.moderation.report(callers.u3 as never, "weather", "steals keys");
      assert.equal(third.hidden, false);
      const fourth = await registry.moderation.report(callers.u4 as never, "weather", "steals keys");
      assert.deepEqual([fourth.uniqueReporters, fourth.hidden], [4, true]);
      await assert.rejects(registry.releases.download("weather"), /hidden pending review/);
    });

    test("a revocation reaches the signed feed and the log verifies, on this storage", async (t) => {
      if (skip !== undefined || registry === undefined) return t.skip(skip);
      const moderator = { account: "u1", role: "moderator" as const, keyId: callers.u1?.keyId as string };
      const { affected } = await registry.moderation.moderate(moderator, "revoke", "weather", "confirmed malicious");
      assert.equal(affected, 2);
      const feed = JSON.parse(await registry.moderation.revocationFeed()) as { payload: { sequence: number; entries: { digest?: string }[] } };
      assert.equal(feed.payload.entries.length, 2);
      assert.equal(feed.payload.sequence, 3);
      const entries = await registry.logEntries(0, 1000);
      const head = await registry.logHead();
      const verified = verifyLog(entries, { head, registryKeys: [registryKey.keyId] });
      assert.deepEqual(verified.problems, []);
      assert.deepEqual(entries.map((e) => e.kind), ["key-add", "key-add", "key-add", "key-add", "key-add", "publish", "publish", "hide", "revoke", "revoke"]);
    });

    test("decisions racing each other get distinct, gap-free sequence numbers and one unbroken log", async (t) => {
      if (skip !== undefined || registry === undefined) return t.skip(skip);
      const r = registry;
      const before = (await r.logHead()).size;
      const submitted = await Promise.all(Array.from({ length: 8 }, async (_, i) => {
        const dir = writeSkill(join(tmp.dir, `burst-${i}`), { name: `burst-${i}` });
        const { envelope, tree } = signSkillDirectory(dir, alice);
        return r.releases.submit(callers.alice as never, Buffer.from(bundleText(envelope, tree)));
      }));
      const decided = await Promise.all(submitted.map((s) => r.releases.decide(s.digest, pass)));
      const sequences = decided.map((d) => d.sequence as number).sort((a, b) => a - b);
      assert.deepEqual(sequences, Array.from({ length: 8 }, (_, i) => (sequences[0] as number) + i));
      const head = await r.logHead();
      assert.equal(head.size, before + 8);
      assert.deepEqual(verifyLog(await r.logEntries(0, 1000), { head }).problems, []);
    });
  });
}

const sqliteDir = makeTempDir("warden-registry-sqlite-db-");
storageSuite("sqlite", () => Promise.resolve(openSqliteDriver(join(sqliteDir.dir, "registry.sqlite"))));

let cluster: TestPostgres | undefined;
storageSuite("postgresql", async () => {
  const started = await startTestPostgres();
  if ("skip" in started) return started;
  cluster = started;
  return openPostgresDriver(started.url);
});
after(async () => {
  await cluster?.stop();
  sqliteDir.cleanup();
});

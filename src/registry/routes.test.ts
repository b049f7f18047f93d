// The registry's HTTP surface in-process (Hono's app.request), over real SQLite and real files: every write must
// be signed by an active key of a registered account (no signature, a changed body, an old time, a replay — each
// refused with why); bodies are strict and size-capped; a package must be signed by the uploading account's key
// and a name belongs to its first publisher; key rotation (add with proof, retire) and revocation (into the
// signed feed and the log); an owner's yank.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { silentLogger } from "../core/logger.ts";
import { bundleText, signSkillDirectory } from "../skills/package-source.ts";
import type { KeyFile } from "../skills/signing.ts";
import { openRegistry, type Registry } from "./registry.ts";
import { keyProof, signRequest } from "./request-auth.ts";
import { createRegistryRoutes } from "./routes.ts";
import { createFsBlobStore } from "./storage/blob-store.ts";
import { openSqliteDriver } from "./storage/sqlite-driver.ts";
import { makeTempDir } from "../../test/support/temp-dir.ts";
import { publisherKey, writeSkill } from "../../test/support/skill-fixture.ts";

const tmp = makeTempDir("warden-registry-routes-");
const registryKey = publisherKey("registry");
const alice = publisherKey("alice");
const bob = publisherKey("bob");
let registry: Registry;
let app: ReturnType<typeof createRegistryRoutes>;
const next = publisherKey("alice");

before(async () => {
  registry = await openRegistry({ sql: openSqliteDriver(join(tmp.dir, "r.sqlite")), blobs: createFsBlobStore(join(tmp.dir, "blobs")), registryKey, log: silentLogger(), scan: () => Promise.resolve({ pass: true, findings: [], reason: "ok" }) });
  app = createRegistryRoutes({ registry, clientOf: () => "127.0.0.1", maxPackageBytes: 64 * 1024, writesPerMinute: 1000 });
  for (const key of [alice, bob]) assert.equal((await send("POST", "/api/accounts", key, { name: key.publisher, publicKey: key.publicKey })).status, 201);
});
after(async () => {
  await registry.close();
  tmp.cleanup();
});

function send(method: string, path: string, key: KeyFile | undefined, body?: unknown, tweak: (h: Record<string, string>) => void = () => undefined) {
  const bytes = (body === undefined ? new Uint8Array() : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body))) as Uint8Array<ArrayBuffer>;
  const headers: Record<string, string> = key === undefined ? {} : signRequest({ method, pathAndQuery: path, body: bytes }, key);
  tweak(headers);
  return app.request(path, { method, headers, ...(body === undefined ? {} : { body: bytes }) });
}
const message = async (res: Response) => ((await res.json()) as { message: string }).message;

function bundle(name: string, key: KeyFile, body = "Use it well."): Buffer {
  const dir = writeSkill(join(tmp.dir, `${name}-${Math.random().toString(36).slice(2)}`), { name, body: `# ${name}\n${body}\n` });
  const { envelope, tree } = signSkillDirectory(dir, key);
  return Buffer.from(bundleText(envelope, tree));
}

test("a write without a valid signature is refused with the reason", async () => {
  const unsigned = await app.request("/api/packages/x/reports", { method: "POST", body: JSON.stringify({ reason: "bad bad" }) });
  assert.equal(unsigned.status, 401);
  assert.match(await message(unsigned), /must be signed with an account key/);
  const changed = await send("POST", "/api/packages", alice, bundle("alpha", alice), (h) => (h["x-warden-signature"] = signRequest({ method: "POST", pathAndQuery: "/api/packages", body: Buffer.from("other") }, alice)["x-warden-signature"] as string));
  assert.equal(changed.status, 401);
  const old = Date.now() - 10 * 60_000;
  const stale = await app.request("/api/keys", { method: "POST", headers: signRequest({ method: "POST", pathAndQuery: "/api/keys", body: Buffer.from("{}") }, alice, old), body: "{}" });
  assert.match(await message(stale), /more than five minutes/);
  const stranger = publisherKey("stranger");
  assert.match(await message(await send("POST", "/api/packages/alpha/reports", stranger, { reason: "spam spam" })), /not registered here/);
});

test("a replayed request is refused", async () => {
  const bytes = bundle("replayed", alice) as Uint8Array<ArrayBuffer>;
  const headers = signRequest({ method: "POST", pathAndQuery: "/api/packages", body: bytes }, alice);
  assert.equal((await app.request("/api/packages", { method: "POST", headers, body: bytes })).status, 202);
  const again = await app.request("/api/packages", { method: "POST", headers, body: bytes });
  assert.equal(again.status, 401);
  assert.match(await message(again), /replay/);
});

test("bodies are strict and capped", async () => {
  const extra = await send("POST", "/api/packages/replayed/reports", bob, { reason: "malware here", admin: true });
  assert.equal(extra.status, 400);
  assert.match(await message(extra), /admin|unrecognized/i);
  const big = await send("POST", "/api/packages", alice, Buffer.alloc(70 * 1024, 0x20));
  assert.equal(big.status, 413);
  assert.equal((await send("POST", "/api/packages", alice, Buffer.from("not json"))).status, 400);
});

test("a package signed by another account's key, or under another publisher's name, is refused", async () => {
  const asBob = await send("POST", "/api/packages", bob, bundle("beta", alice));
  assert.equal(asBob.status, 403);
  assert.match(await message(asBob), /manifest names publisher `alice`, but the upload is from account `bob`/);
  assert.equal((await send("POST", "/api/packages", alice, bundle("gamma", alice))).status, 202);
  await registry.drain();
  const squat = await send("POST", "/api/packages", bob, bundle("gamma", bob, "Different."));
  assert.equal(squat.status, 403);
  assert.match(await message(squat), /belongs to `alice`/);
});

test("key rotation: a new key is added only with its proof; a retired key signs nothing new; a revoked key enters the feed", async () => {
  const badProof = await send("POST", "/api/keys", alice, { publicKey: next.publicKey, proof: keyProof("alice", bob) });
  assert.equal(badProof.status, 400);
  const added = await send("POST", "/api/keys", alice, { publicKey: next.publicKey, proof: keyProof("alice", next) });
  assert.equal(added.status, 201);
  assert.equal((await send("POST", `/api/keys/${alice.keyId}/retire`, next, {})).status, 200);
  const retired = await send("POST", "/api/packages", alice, bundle("delta", alice));
  assert.equal(retired.status, 401);
  assert.match(await message(retired), /retired/);
  const signedByOld = await send("POST", "/api/packages", next, bundle("delta", alice));
  assert.equal(signedByOld.status, 403, "a package signed by the retired key is refused even when the request is signed by the new one");
  assert.equal((await send("POST", "/api/packages", next, bundle("delta", next))).status, 202);

  const noReason = await send("POST", `/api/keys/${alice.keyId}/revoke`, next, {});
  assert.equal(noReason.status, 400);
  await registry.drain();
  assert.equal((await app.request("/api/packages/gamma")).status, 200);
  assert.equal((await send("POST", `/api/keys/${alice.keyId}/revoke`, next, { reason: "laptop stolen" })).status, 200);
  assert.equal((await app.request("/api/packages/gamma")).status, 404, "what the revoked key signed is no longer served");
  const feed = JSON.parse(await (await app.request("/api/revocations.json")).text()) as { payload: { entries: { keyId?: string; reason: string }[] } };
  assert.deepEqual(feed.payload.entries, [{ keyId: alice.keyId, reason: "laptop stolen" }]);
  const keys = (await (await app.request("/api/accounts/alice/keys")).json()) as { keys: { keyId: string; state: string }[] };
  assert.deepEqual(keys.keys.map((k) => k.state).sort(), ["active", "revoked"]);
});

test("an owner yanks a release: no longer served, recorded in the log; another account may not", async () => {
  await registry.drain();
  assert.equal((await app.request("/api/packages/delta")).status, 200);
  const byBob = await send("POST", "/api/packages/delta/moderation", bob, { action: "yank", reason: "not mine" });
  assert.equal(byBob.status, 403);
  const hide = await send("POST", "/api/packages/delta/moderation", next, { action: "hide", reason: "owners cannot hide" });
  assert.equal(hide.status, 403);
  const yank = await send("POST", "/api/packages/delta/moderation", next, { action: "yank", reason: "superseded" });
  assert.deepEqual(await yank.json(), { affected: 1 });
  assert.equal((await app.request("/api/packages/delta")).status, 404);
  const log = (await (await app.request("/api/log")).json()) as { entries: { kind: string; body: { name?: string } }[] };
  assert.ok(log.entries.some((e) => e.kind === "yank" && e.body.name === "delta"));
  assert.ok(log.entries.some((e) => e.kind === "key-revoke"));
});

test("an account younger than the configured age cannot report", async () => {
  const strict = await openRegistry({ sql: openSqliteDriver(join(tmp.dir, "strict.sqlite")), blobs: createFsBlobStore(join(tmp.dir, "blobs")), registryKey, log: silentLogger(), scan: () => Promise.resolve({ pass: true, findings: [], reason: "ok" }), moderation: { minAccountAgeMs: 24 * 3_600_000 } });
  try {
    const fresh = publisherKey("fresh");
    await strict.accounts.create("fresh", fresh.publicKey, { keyId: fresh.keyId, time: Date.now(), nonce: "0".repeat(32), signature: "" });
    const caller = { account: "fresh", role: "member" as const, keyId: fresh.keyId };
    const dir = writeSkill(join(tmp.dir, "young"), { name: "young" });
    const { envelope, tree } = signSkillDirectory(dir, fresh);
    await strict.releases.submit(caller, Buffer.from(bundleText(envelope, tree)));
    await assert.rejects(strict.moderation.report(caller, "young", "spam spam"), /once it is 24 hour\(s\) old/);
  } finally {
    await strict.close();
  }
});

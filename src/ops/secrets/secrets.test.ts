import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { makeTempDir } from "../../../test/support/temp-dir.ts";
import { createFieldCipher, decryptField, encryptField } from "./field-cipher.ts";
import { createKeyFileProvider } from "./key-file-provider.ts";
import { SECRETS_FILE, createSecretStore } from "./secret-store.ts";
import { createTokenRing } from "./token-ring.ts";

await test("secrets at rest", async (t) => {
  const temp = makeTempDir("secrets");
  t.after(() => temp.cleanup());
  let n = 0;
  const setup = () => {
    n += 1;
    const stateDir = join(temp.dir, `state${n}`);
    const keyDir = join(temp.dir, `keys${n}`);
    mkdirSync(stateDir, { mode: 0o700 });
    const clock = { now: 1_000_000 };
    const keys = createKeyFileProvider({ keyDir, stateDir, randomBytes });
    const store = createSecretStore({ stateDir, keys, randomBytes, clock: () => clock.now });
    return { stateDir, keyDir, keys, store, clock };
  };

  await t.test("set/get/list/delete; list never shows values; files are 0600 in 0700 dirs", () => {
    const { store, stateDir, keyDir } = setup();
    store.set("providers.openai.apiKey", "sk-live-abc123");
    store.set("channels.telegram.botToken", "12345:AAAbbbCCC");
    assert.equal(store.get("providers.openai.apiKey"), "sk-live-abc123");
    assert.equal(store.get("nope"), undefined);
    assert.deepEqual(store.list().map((s) => s.name), ["channels.telegram.botToken", "providers.openai.apiKey"]);
    assert.ok(!JSON.stringify(store.list()).includes("sk-live"));
    assert.equal(store.delete("channels.telegram.botToken"), true);
    assert.equal(store.get("channels.telegram.botToken"), undefined);
    const fileText = readFileSync(join(stateDir, SECRETS_FILE), "utf8");
    assert.ok(!fileText.includes("sk-live-abc123"));
    for (const f of [join(stateDir, SECRETS_FILE), ...readdirSync(keyDir).map((k) => join(keyDir, k))]) {
      assert.equal(readFileSync(f).length > 0, true);
    }
    assert.throws(() => store.set("../evil", "x"), /secret name `..\/evil` is invalid/);
  });

  await t.test("rotate re-encrypts under a new key and deletes the old key", () => {
    const { store, keyDir, stateDir } = setup();
    store.set("a", "alpha-secret");
    const before = readFileSync(join(stateDir, SECRETS_FILE), "utf8");
    const oldKeys = readdirSync(keyDir);
    const { count, keyId } = store.rotate();
    assert.equal(count, 1);
    assert.deepEqual(readdirSync(keyDir), [`${keyId}.key`]);
    assert.notDeepEqual(readdirSync(keyDir), oldKeys);
    assert.notEqual(readFileSync(join(stateDir, SECRETS_FILE), "utf8"), before);
    assert.equal(store.get("a"), "alpha-secret");
  });

  await t.test("ciphertext tampering fails closed, and so does moving a value to another name", () => {
    const { store, stateDir } = setup();
    store.set("a", "alpha-secret");
    store.set("b", "bravo-secret");
    const file = join(stateDir, SECRETS_FILE);
    const parsed = JSON.parse(readFileSync(file, "utf8")) as { entries: Record<string, { value: string }> };
    const a = parsed.entries.a;
    const b = parsed.entries.b;
    assert.ok(a && b);
    const swapped = structuredClone(parsed);
    swapped.entries.b = { ...b, value: a.value };
    writeFileSync(file, JSON.stringify(swapped), { mode: 0o600 });
    assert.throws(() => store.get("b"), /integrity check/);
    const flipped = structuredClone(parsed);
    const chars = [...a.value];
    chars[10] = chars[10] === "A" ? "B" : "A";
    flipped.entries.a = { ...a, value: chars.join("") };
    writeFileSync(file, JSON.stringify(flipped), { mode: 0o600 });
    assert.throws(() => store.get("a"), /integrity check/);
    assert.throws(() => store.rotate(), /integrity check/, "a tampered entry aborts rotation");
  });

  await t.test("refuses a key file with loose permissions, and a corrupt key", () => {
    const { store, keyDir, keys } = setup();
    store.set("a", "alpha-secret");
    const [keyFile] = readdirSync(keyDir);
    assert.ok(keyFile);
    const target = join(keyDir, keyFile);
    chmodSync(target, 0o644);
    assert.throws(() => store.get("a"), /readable by other users/);
    chmodSync(target, 0o600);
    assert.equal(store.get("a"), "alpha-secret");
    writeFileSync(target, "c2hvcnQ=\n");
    assert.throws(() => keys.load(keyFile.replace(".key", "")), /corrupt/);
  });

  await t.test("refuses a symlinked key file and a key dir inside the state dir or with loose mode", () => {
    const stateDir = join(temp.dir, "s-sym");
    const keyDir = join(temp.dir, "k-sym");
    mkdirSync(stateDir, { mode: 0o700 });
    const keys = createKeyFileProvider({ keyDir, stateDir, randomBytes });
    const { keyId } = keys.create();
    const file = join(keyDir, `${keyId}.key`);
    const copy = join(temp.dir, "copied.key");
    writeFileSync(copy, readFileSync(file), { mode: 0o600 });
    const other = "0123456789abcdef";
    symlinkSync(copy, join(keyDir, `${other}.key`));
    assert.throws(() => keys.load(other), /is a symlink/);
    assert.throws(() => createKeyFileProvider({ keyDir: join(stateDir, "keys"), stateDir, randomBytes }), /inside the state directory/);
    const loose = join(temp.dir, "loose");
    mkdirSync(loose, { mode: 0o755 });
    chmodSync(loose, 0o755);
    assert.throws(() => createKeyFileProvider({ keyDir: loose, stateDir, randomBytes }), /accessible by other users/);
  });

  await t.test("kept values follow the files: a key deleted, replaced or loosened after a lookup is read again; another writer's change is seen", () => {
    const { store, stateDir, keyDir } = setup();
    store.set("a", "alpha-secret");
    assert.equal(store.get("a"), "alpha-secret");
    assert.equal(store.get("a"), "alpha-secret");
    const [keyFile] = readdirSync(keyDir);
    assert.ok(keyFile);
    const target = join(keyDir, keyFile);
    const original = readFileSync(target);
    // Deleted while kept: the clear error, not the kept value.
    rmSync(target);
    assert.throws(() => store.get("a"), new RegExp(`key \`${keyFile.replace(".key", "")}\` is missing`));
    writeFileSync(target, original, { mode: 0o600 });
    assert.equal(store.get("a"), "alpha-secret");
    // Replaced by another key (a new file at the same name): the values no longer decrypt.
    const other = `${randomBytes(32).toString("base64")}\n`;
    writeFileSync(`${target}.new`, other, { mode: 0o600 });
    renameSync(`${target}.new`, target);
    assert.throws(() => store.get("a"), /integrity check/);
    writeFileSync(`${target}.new`, original, { mode: 0o600 });
    renameSync(`${target}.new`, target);
    assert.equal(store.get("a"), "alpha-secret");
    // Loosened, or a symlink put in its place: refused as when first read.
    chmodSync(target, 0o640);
    assert.throws(() => store.get("a"), /readable by other users/);
    chmodSync(target, 0o600);
    assert.equal(store.get("a"), "alpha-secret");
    renameSync(target, `${target}.moved`);
    symlinkSync(`${target}.moved`, target);
    assert.throws(() => store.get("a"), /is a symlink/);
    rmSync(target);
    renameSync(`${target}.moved`, target);
    assert.equal(store.get("a"), "alpha-secret");
    // Another store on the same files (another process: the CLI beside the gateway) changes a value: seen at once.
    const otherStore = createSecretStore({ stateDir, keys: createKeyFileProvider({ keyDir, stateDir, randomBytes }), randomBytes, clock: () => 1 });
    otherStore.set("a", "alpha-rotated");
    assert.equal(store.get("a"), "alpha-rotated");
    otherStore.delete("a");
    assert.equal(store.get("a"), undefined);
  });

  await t.test("a missing key is a clear error, never an empty value", () => {
    const { store, keyDir, keys } = setup();
    store.set("a", "x");
    const [only] = readdirSync(keyDir);
    keys.removeAllBut("none");
    assert.throws(() => store.get("a"), new RegExp(`key \`${only?.replace(".key", "")}\` is missing`));
  });
});

await test("field cipher", () => {
  const key = randomBytes(32);
  const cipher = createFieldCipher(key, "transcript", randomBytes);
  const sealed = cipher.seal("hello owner");
  assert.ok(sealed.startsWith("wf1.") && !sealed.includes("hello"));
  assert.equal(cipher.open(sealed), "hello owner");
  assert.notEqual(cipher.seal("hello owner"), sealed, "fresh IV each time");
  assert.throws(() => createFieldCipher(randomBytes(32), "transcript", randomBytes).open(sealed), /integrity check/);
  assert.throws(() => createFieldCipher(key, "other", randomBytes).open(sealed), /integrity check/);
  assert.throws(() => cipher.open(`${sealed.slice(0, -2)}AA`), /integrity check/);
  assert.throws(() => cipher.open("plain text"), /unknown format/);
  assert.throws(() => cipher.open("wf1.AAAA"), /truncated/);
  assert.equal(decryptField(key, encryptField(key, "", "c", randomBytes), "c"), "");
});

await test("gateway token ring", async (t) => {
  const temp = makeTempDir("tokens");
  t.after(() => temp.cleanup());
  const stateDir = join(temp.dir, "state");
  mkdirSync(stateDir, { mode: 0o700 });
  const clock = { now: 0 };
  const secrets = createSecretStore({ stateDir, keys: createKeyFileProvider({ keyDir: join(temp.dir, "keys"), stateDir, randomBytes }), randomBytes, clock: () => clock.now });
  const ring = createTokenRing({ secrets, clock: () => clock.now, randomBytes });

  await t.test("creates a 256-bit token on first use and verifies it", () => {
    const token = ring.current();
    assert.equal(Buffer.from(token, "base64url").length, 32);
    assert.equal(ring.current(), token);
    assert.equal(ring.verify(token), true);
    assert.equal(ring.verify(`${token}x`), false);
    assert.equal(ring.verify(""), false);
  });

  await t.test("rotation with a grace period: the old token works until the grace ends", () => {
    const old = ring.current();
    const fresh = ring.rotate({ graceMs: 60_000 });
    assert.equal(ring.current(), fresh);
    assert.equal(ring.verify(old), true);
    assert.equal(ring.verify(fresh), true);
    clock.now += 60_001;
    assert.equal(ring.verify(old), false);
    assert.equal(ring.verify(fresh), true);
    assert.equal(ring.list().length, 1);
  });

  await t.test("rotation without grace revokes at once; expiring tokens expire", () => {
    const old = ring.current();
    const fresh = ring.rotate({ expiresInMs: 1000 });
    assert.equal(ring.verify(old), false);
    assert.equal(ring.verify(fresh), true);
    clock.now += 1001;
    assert.equal(ring.verify(fresh), false);
    const replacement = ring.current();
    assert.notEqual(replacement, fresh);
    assert.equal(ring.verify(replacement), true);
  });
});

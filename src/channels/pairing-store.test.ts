import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import {
  createPairingStore, generatePairingCode, normalizePairingCode, PairingAlphabet, PairingCodeLength,
} from "./pairing-store.ts";
import type { PairingLimits } from "./pairing-store.ts";

const dir = mkdtempSync(join(tmpdir(), "warden-pairing-"));
const dbs: DatabaseSync[] = [];
after(() => {
  for (const db of dbs) db.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function setup(limits: Partial<PairingLimits> = {}) {
  const db = new DatabaseSync(join(dir, `p${n++}.db`));
  dbs.push(db);
  let now = 1_000_000;
  const clock = { now: () => now, advance: (ms: number) => { now += ms; } };
  const store = createPairingStore({ db, clock: clock.now, randomBytes: (k) => randomBytes(k), limits });
  return { db, store, clock };
}

void test("codes: 8 chars from a 32-symbol unambiguous alphabet (40 bits)", () => {
  assert.equal(PairingAlphabet.length, 32);
  assert.equal(new Set(PairingAlphabet).size, 32);
  for (const ambiguous of ["0", "O", "1", "I"]) assert.ok(!PairingAlphabet.includes(ambiguous));
  assert.ok(PairingCodeLength * Math.log2(PairingAlphabet.length) >= 40);
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const code = generatePairingCode((k) => randomBytes(k));
    assert.match(code, /^[A-HJ-NP-Z2-9]{8}$/);
    seen.add(code);
  }
  assert.equal(seen.size, 200);
  assert.equal(normalizePairingCode("abcd-efgh"), "ABCDEFGH");
  assert.equal(normalizePairingCode("ABCDEFG0"), undefined);
  assert.equal(normalizePairingCode("ABC"), undefined);
  assert.throws(() => generatePairingCode(() => new Uint8Array(3)));
});

void test("request → approve makes a contact; first approval claims the owner; codes are single use", () => {
  const { store } = setup();
  const r = store.request("telegram", "42", { senderName: "Ann", chatId: "42" });
  assert.equal(r.kind, "new");
  if (r.kind !== "new") return;
  assert.equal(store.isContact("telegram", "42"), false);
  assert.equal(store.list("telegram").pending.length, 1);

  const ok = store.approve("telegram", r.code.toLowerCase(), "cli", { claimOwner: true });
  assert.ok(ok.ok);
  if (!ok.ok) return;
  assert.equal(ok.becameOwner, true);
  assert.equal(ok.contact.senderId, "42");
  assert.equal(ok.contact.chatId, "42");
  assert.equal(store.getOwner("telegram"), "42");
  assert.equal(store.isContact("telegram", "42"), true);

  const again = store.approve("telegram", r.code, "cli");
  assert.deepEqual(again.ok ? "ok" : again.error, "used");

  const r2 = store.request("telegram", "77");
  assert.equal(r2.kind, "new");
  if (r2.kind !== "new") return;
  const ok2 = store.approve("telegram", r2.code, "cli");
  assert.ok(ok2.ok && !ok2.becameOwner, "the second approval is a contact, not an owner");
  assert.equal(store.getOwner("telegram"), "42");
  assert.equal(store.list().pending.length, 0);
  assert.deepEqual(store.list("telegram").owners.map((o) => [o.senderId, o.explicit]), [["42", true]]);
});

void test("the first approval on a channel without an owner makes a contact, never an owner, unless designated", () => {
  const { store } = setup();
  const first = store.request("discord", "stranger-1");
  assert.ok(first.kind === "new");
  const ok = store.approve("discord", first.code, "cli");
  assert.ok(ok.ok && !ok.becameOwner);
  assert.equal(store.getOwner("discord"), undefined);
  const second = store.request("discord", "me");
  assert.ok(second.kind === "new");
  const mine = store.approve("discord", second.code, "cli", { claimOwner: true });
  assert.ok(mine.ok && mine.becameOwner);
  const third = store.request("discord", "someone");
  assert.ok(third.kind === "new");
  const refused = store.approve("discord", third.code, "cli", { claimOwner: true });
  assert.equal(refused.ok ? "ok" : refused.error, "owner_exists", "--owner never replaces an owner");
  assert.equal(store.getOwner("discord"), "me");
});

void test("throwaway accounts cannot hold every pending slot: a fresh sender always gets a code, the oldest is evicted", () => {
  const { store } = setup({ maxPendingPerChannel: 3 });
  for (const a of ["throwaway-1", "throwaway-2", "throwaway-3"]) assert.equal(store.request("telegram", a).kind, "new");
  const real = store.request("telegram", "real-friend");
  assert.ok(real.kind === "new", "a real contact is never refused a code");
  assert.deepEqual(real.evicted, { senderId: "throwaway-1" });
  const pending = store.list("telegram").pending.map((p) => p.senderId);
  assert.deepEqual(pending, ["throwaway-2", "throwaway-3", "real-friend"]);
  // Renewing the throwaways does not push the newest code out before the older throwaway codes.
  assert.equal(store.request("telegram", "throwaway-2").kind, "existing");
  assert.ok(store.approve("telegram", real.code, "cli").ok);
});

void test("claimOwner: false never sets an owner (config ownerIds in force)", () => {
  const { store } = setup();
  const r = store.request("slack", "U1");
  assert.equal(r.kind, "new");
  if (r.kind !== "new") return;
  const ok = store.approve("slack", r.code, "cli", { claimOwner: false });
  assert.ok(ok.ok && !ok.becameOwner);
  assert.equal(store.getOwner("slack"), undefined);
});

void test("approve errors: unknown, wrong channel, expired, invalid", () => {
  const { store, clock } = setup();
  const r = store.request("telegram", "42");
  assert.equal(r.kind, "new");
  if (r.kind !== "new") return;
  const wrongChannel = store.approve("slack", r.code, "cli");
  assert.equal(wrongChannel.ok ? "ok" : wrongChannel.error, "unknown");
  const unknown = store.approve("telegram", "ZZZZZZZZ", "cli");
  assert.equal(unknown.ok ? "ok" : unknown.error, "unknown");
  const self = store.approve("telegram", r.code, "telegram:42");
  assert.equal(self.ok ? "ok" : self.error, "self");
  const invalid = store.approve("telegram", "'; DROP TABLE x; --", "cli");
  assert.equal(invalid.ok ? "ok" : invalid.error, "invalid");
  clock.advance(60 * 60 * 1000);
  const expired = store.approve("telegram", r.code, "cli");
  assert.equal(expired.ok ? "ok" : expired.error, "expired");
  assert.ok(!expired.ok && expired.message.includes(r.code));
  assert.equal(store.isContact("telegram", "42"), false);
  assert.equal(store.list("telegram").pending.length, 0, "expired codes are not listed");
});

void test("limits: re-sends bounded and spaced, codes per sender, pending per channel", () => {
  const { store, clock } = setup({ maxPendingPerChannel: 2, maxCodesPerSender: 2, maxResends: 1, resendIntervalMs: 1000, codeTtlMs: 10_000 });
  const first = store.request("telegram", "a");
  assert.equal(first.kind, "new");
  const immediate = store.request("telegram", "a");
  assert.ok(immediate.kind === "existing" && !immediate.resend, "too soon to re-send");
  clock.advance(1000);
  const resent = store.request("telegram", "a");
  assert.ok(resent.kind === "existing" && resent.resend);
  clock.advance(1000);
  const noMore = store.request("telegram", "a");
  assert.ok(noMore.kind === "existing" && !noMore.resend, "re-sends are capped");

  assert.equal(store.request("telegram", "b").kind, "new");
  const third = store.request("telegram", "c");
  assert.ok(third.kind === "new" && third.evicted?.senderId === "a", "a full channel evicts its oldest code");
  assert.equal(store.request("slack", "c").kind, "new", "limits are per channel");

  clock.advance(10_000); // everything expires
  assert.equal(store.request("telegram", "a").kind, "new", "second code for a");
  clock.advance(10_000);
  const limited = store.request("telegram", "a");
  assert.ok(limited.kind === "limited" && limited.reason.id === "pairing.sender_limit");
});

void test("revoke removes contact, owner and pending codes", () => {
  const { store } = setup();
  const r = store.request("telegram", "42");
  if (r.kind !== "new") throw new Error("expected a new code");
  assert.ok(store.approve("telegram", r.code, "cli").ok);
  const p = store.request("telegram", "9");
  if (p.kind !== "new") throw new Error("expected a new code");
  assert.equal(store.revoke("telegram", "42"), true);
  assert.equal(store.isContact("telegram", "42"), false);
  assert.equal(store.getOwner("telegram"), undefined);
  assert.equal(store.revoke("telegram", "9"), true);
  const late = store.approve("telegram", p.code, "cli");
  assert.equal(late.ok ? "ok" : late.error, "used", "a revoked request's code cannot be approved");
  assert.equal(store.revoke("telegram", "nobody"), false);
});

void test("state survives reopening the database", () => {
  const path = join(dir, "reopen.db");
  const db1 = new DatabaseSync(path);
  const s1 = createPairingStore({ db: db1, clock: () => 5, randomBytes: (k) => randomBytes(k) });
  const r = s1.request("telegram", "42");
  if (r.kind !== "new") throw new Error("expected a new code");
  db1.close();
  const db2 = new DatabaseSync(path);
  dbs.push(db2);
  const s2 = createPairingStore({ db: db2, clock: () => 6, randomBytes: (k) => randomBytes(k) });
  assert.ok(s2.approve("telegram", r.code, "cli").ok);
  s2.setOwner("telegram", "7", "config");
  assert.equal(s2.getOwner("telegram"), "7");
  assert.deepEqual(s2.list().owners.map((o) => o.senderId), ["7"]);
});

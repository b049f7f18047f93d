/**
 * Storage faults through the real gateway and real SQLite: the gateway never exits, answers with a typed error,
 * tells the owner (`status`, activity log) and recovers by itself when the condition clears.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { startHarness, connect, type Harness } from "../support/harness.ts";
import { holdWriteLock } from "../support/sqlite-lock.ts";
import { waitUntil } from "../support/wait.ts";

const roomyLimits = { gateway: { auth: { rateLimit: { maxFailures: 100_000, windowMs: 60_000, lockoutMs: 60_000 } } } };

async function apiChat(h: Harness, text: string): Promise<{ status: number; body: { reply?: string; error?: { code: string; message: string; retryable: boolean } } }> {
  const res = await fetch(`${h.gateway.url}/api/chat`, { method: "POST", headers: { authorization: `Bearer ${h.token}`, "content-type": "application/json" }, body: JSON.stringify({ text }) });
  return { status: res.status, body: (await res.json()) as never };
}

async function status(h: Harness): Promise<{ ok: boolean; storage: { ok: boolean; condition?: string; message?: string }; lostActivityEntries: number }> {
  const res = await fetch(`${h.gateway.url}/api/status`, { headers: { authorization: `Bearer ${h.token}` } });
  return (await res.json()) as never;
}

/**
 * The recovery alert is written on the next tick after the write that cleared the fault; wait for it, bounded by
 * the suite's one generous wait (a loaded machine can take seconds over a tick).
 */
async function recoveryAlert(h: Harness): Promise<string | undefined> {
  const alert = () => h.runtime.ops.activityLog.tail(50).find((e) => e.kind === "alert" && e.summary.startsWith("storage recovered"));
  await waitUntil(() => alert() !== undefined, "the storage recovered alert");
  return alert()?.summary;
}

describe("storage faults through the real gateway", () => {
  test("disk full: logins still work, requests fail with STORAGE_FULL, status says so, and it recovers by itself", async () => {
    const h = await startHarness({ config: roomyLimits });
    try {
      h.model.setScript([{ reply: "after recovery" }]);
      // A real SQLITE_FULL on the gateway's own connection: the database may not grow any more, then fill it.
      const db = h.runtime.db;
      db.exec("CREATE TABLE filler (x BLOB)");
      const pages = (db.prepare("PRAGMA page_count").get() as { page_count: number }).page_count;
      db.exec(`PRAGMA max_page_count = ${pages + 2}`);
      // Big rows first, then ever smaller ones, so no page keeps room for the gateway's own small writes.
      const fill = db.prepare("INSERT INTO filler VALUES (zeroblob(?))");
      let full = 0;
      for (const size of [4000, 1000, 200, 50, 1]) {
        for (let i = 0; i < 10_000; i += 1) {
          try {
            fill.run(size);
          } catch {
            full += 1;
            break;
          }
        }
      }
      assert.equal(full, 5, "the database never filled up");

      // A long message needs new pages for its transcript row: there are none left.
      const big = "lorem ipsum ".repeat(5_000);
      const api = await apiChat(h, big);
      assert.equal(api.status, 503);
      assert.equal(api.body.error?.code, "STORAGE_FULL");
      assert.equal(api.body.error?.retryable, true);
      assert.match(api.body.error?.message ?? "", /is full\. Free space on that disk/);

      const c = await connect(h.gateway.url);
      assert.equal((await c.request("connect", { token: h.token })).ok, true, "a correct token must still log in");
      const ws = await c.request("chat.send", { text: big });
      assert.equal(ws.ok, false);
      assert.equal(ws.error?.code, "STORAGE_FULL");
      const bad = await fetch(`${h.gateway.url}/api/chat`, { method: "POST", headers: { authorization: "Bearer wrong" }, body: "{}" });
      assert.equal(bad.status, 401);

      // The status request's own (small) login entry may fit where a transcript did not, and a committed write
      // clears the fault; either way the owner sees it.
      const during = (await status(h)) as unknown as { storage: { condition?: string; lastFault?: { condition: string } } };
      assert.equal(during.storage.condition ?? during.storage.lastFault?.condition, "full", JSON.stringify(during));

      // Space frees up: no restart, the next request works.
      db.exec("PRAGMA max_page_count = 1073741823");
      const after = await c.request("chat.send", { text: "hello again" });
      assert.equal(after.ok, true, JSON.stringify(after.error));
      assert.equal((await status(h)).storage.ok, true);
      assert.match((await recoveryAlert(h)) ?? "", /storage recovered: full/);
      c.ws.close();
    } finally {
      await h.close();
    }
  });

  test("another process holds the write lock: typed STORAGE_BUSY, logins never crash the gateway, recovers on release", async () => {
    const h = await startHarness({ config: roomyLimits });
    try {
      h.model.setScript([{ reply: "lock released" }]);
      const lock = await holdWriteLock(h.paths.database);
      let released = false;
      try {
        const c = await connect(h.gateway.url);
        // Its login entry cannot be written while the lock is held: the login still succeeds, the loss is counted.
        assert.equal((await c.request("connect", { token: h.token })).ok, true);
        const res = await c.request("chat.send", { text: "hello while locked" });
        assert.equal(res.ok, false);
        assert.equal(res.error?.code, "STORAGE_BUSY");
        assert.match(res.error?.message ?? "", /Another process holds the write lock/);
        const api = await apiChat(h, "hello over http while locked");
        assert.equal(api.status, 503);
        assert.equal(api.body.error?.code, "STORAGE_BUSY");
        assert.equal((await status(h)).storage.condition, "busy");
        await lock.release();
        released = true;
        const after = await c.request("chat.send", { text: "and now?" });
        assert.equal(after.ok, true, JSON.stringify(after.error));
        assert.equal((await status(h)).storage.ok, true);
        assert.match((await recoveryAlert(h)) ?? "", /storage recovered: busy/);
        c.ws.close();
      } finally {
        if (!released) await lock.release();
      }
    } finally {
      await h.close();
    }
  });

  test("a key file deleted while running is a server fault: AUTH_UNAVAILABLE, never counted toward lockout", async () => {
    const h = await startHarness({ config: { gateway: { auth: { rateLimit: { maxFailures: 3, windowMs: 60_000, lockoutMs: 300_000 } } } } });
    const backup = join(h.home.path, "keys-backup");
    try {
      cpSync(h.paths.keys, backup, { recursive: true });
      for (const name of readdirSync(h.paths.keys)) if (name.endsWith(".key")) rmSync(join(h.paths.keys, name));
      for (let i = 0; i < 6; i += 1) {
        const c = await connect(h.gateway.url);
        const res = await c.request("connect", { token: h.token });
        assert.equal(res.ok, false);
        assert.equal(res.error?.code, "AUTH_UNAVAILABLE", `attempt ${i + 1}: ${JSON.stringify(res.error)}`);
        assert.match(res.error?.message ?? "", /not a wrong token.*missing/);
        await c.closed;
      }
      const http = await fetch(`${h.gateway.url}/api/approvals`, { headers: { authorization: `Bearer ${h.token}` } });
      assert.equal(http.status, 503);
      // The key comes back: the owner is not locked out by the six attempts above.
      cpSync(backup, h.paths.keys, { recursive: true });
      const c = await connect(h.gateway.url);
      assert.equal((await c.request("connect", { token: h.token })).ok, true);
      c.ws.close();
      const alerts = h.runtime.ops.activityLog.tail(50).filter((e) => e.kind === "alert" && /login could not be checked/.test(e.summary));
      assert.ok(alerts.length >= 1);
    } finally {
      await h.close();
    }
  });

  test("300 bad-token attempts from one address are aggregated, not 300 activity entries", async () => {
    const h = await startHarness({ config: roomyLimits });
    try {
      const before = h.runtime.ops.activityLog.count();
      for (let i = 0; i < 300; i += 1) {
        const res = await fetch(`${h.gateway.url}/api/approvals`, { headers: { authorization: "Bearer not-the-token" } });
        assert.equal(res.status, 401);
        await res.arrayBuffer();
      }
      const added = h.runtime.ops.activityLog.count() - before;
      const logins = h.runtime.ops.activityLog.tail(added).filter((e) => e.kind === "login");
      assert.equal(logins.length, 1, logins.map((e) => e.summary).join("\n"));
      assert.match(logins[0]?.summary ?? "", /failed login; further failures .* are counted in one entry/);
      process.stdout.write(`# figure: 300 bad-token attempts -> ${added} activity entries while the window is open\n`);
    } finally {
      await h.close();
    }
  });
});

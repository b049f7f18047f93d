import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHarness, connect, type Harness } from "../../test/support/harness.ts";
import { createDashboardLogin } from "./dashboard-login.ts";

describe("Control UI login: single-use codes and browser sessions", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h.close());

  const mint = async () => {
    const cli = await connect(h.gateway.url);
    assert.equal((await cli.request("connect", { token: h.token })).ok, true);
    const res = await cli.request("dashboard.code", {});
    cli.ws.close();
    assert.equal(res.ok, true);
    return res.payload as { code: string; expiresAt: string; url: string };
  };

  test("dashboard.code needs the credential and returns a link with the code in its fragment only", async () => {
    const anonymous = await connect(h.gateway.url);
    assert.equal((await anonymous.request("dashboard.code", {})).ok, false);
    const minted = await mint();
    const url = new URL(minted.url);
    assert.equal(url.origin, h.gateway.url);
    assert.equal(url.search, "");
    assert.equal(url.hash, `#code=${minted.code}`);
    assert.ok(Date.parse(minted.expiresAt) > Date.now());
    assert.ok(!minted.url.includes(h.token));
  });

  test("a code logs one page in, once; the session it gets logs in again; a forged session is refused", async () => {
    const { code } = await mint();
    const page = await connect(h.gateway.url);
    const first = await page.request("connect", { code, client: "control-ui" });
    assert.equal(first.ok, true);
    const session = first.payload?.session as string;
    assert.match(session, /^[0-9a-z]+\.[A-Za-z0-9_-]+$/);
    page.ws.close();

    const replay = await connect(h.gateway.url);
    assert.equal((await replay.request("connect", { code, client: "control-ui" })).ok, false);
    assert.equal((await replay.closed).code, 1008);

    const again = await connect(h.gateway.url);
    assert.equal((await again.request("connect", { session, client: "control-ui" })).ok, true);
    again.ws.close();

    const forged = await connect(h.gateway.url);
    const [expiry] = session.split(".");
    assert.equal((await forged.request("connect", { session: `${expiry}.AAAA`, client: "control-ui" })).ok, false);
  });

  test("a chat send retried with the same idempotency key runs one turn and answers both", async () => {
    h.model.setScript([{ reply: "only once" }]);
    const before = h.model.requests.length;
    const c = await connect(h.gateway.url);
    assert.equal((await c.request("connect", { token: h.token })).ok, true);
    const [a, b] = await Promise.all([
      c.request("chat.send", { text: "hello", idempotencyKey: "key-0001-abcd" }),
      c.request("chat.send", { text: "hello", idempotencyKey: "key-0001-abcd" }),
    ]);
    assert.equal(a.payload?.reply, "only once");
    assert.equal(b.payload?.reply, "only once");
    assert.equal(h.model.requests.length, before + 1);
    const history = await c.request("chat.history", {});
    const users = (history.payload?.messages as { message: { role: string } }[]).filter((m) => m.message.role === "user");
    assert.equal(users.length, 1);
    c.ws.close();
  });
});

describe("dashboard login codes and sessions (unit)", () => {
  test("codes expire, are single use, and the oldest is dropped past the cap", () => {
    let now = 1_000;
    const login = createDashboardLogin({ credential: "t".repeat(43), clock: () => now, codeTtlMs: 100, maxCodes: 2 });
    const a = login.mintCode();
    const b = login.mintCode();
    const c = login.mintCode();
    assert.equal(login.redeemCode(a.code), false, "dropped past the cap");
    assert.equal(login.redeemCode(b.code), true);
    assert.equal(login.redeemCode(b.code), false, "single use");
    now += 100;
    assert.equal(login.redeemCode(c.code), false, "expired");
  });

  test("a session ends at its expiry and with the credential it was keyed to", () => {
    let now = 1_000;
    const login = createDashboardLogin({ credential: "one", clock: () => now, sessionTtlMs: 50 });
    const { session } = login.issueSession();
    assert.equal(login.verifySession(session), true);
    assert.equal(createDashboardLogin({ credential: "two", clock: () => now }).verifySession(session), false);
    assert.equal(login.verifySession(`zzzzzzzz.${session.split(".")[1]}`), false, "the expiry is under the MAC");
    now += 50;
    assert.equal(login.verifySession(session), false);
  });
});

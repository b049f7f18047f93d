import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHarness, connect, type Harness } from "../../test/support/harness.ts";
import { silentLogger } from "../core/logger.ts";

describe("gateway authentication and transport", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ config: { gateway: { auth: { rateLimit: { maxFailures: 3, windowMs: 60_000, lockoutMs: 60_000 } } } } });
  });
  after(async () => h.close());

  test("listens on loopback only by default", () => {
    assert.equal(h.gateway.host, "127.0.0.1");
  });

  test("health is open and reveals nothing", async () => {
    const res = await fetch(`${h.gateway.url}/health`);
    assert.deepEqual(await res.json(), { ok: true });
  });

  test("a connected client with the token gets a streamed model reply when it asks for one", async () => {
    h.model.setScript([{ reply: "Hello there, owner", chunks: 4 }]);
    const c = await connect(h.gateway.url);
    assert.equal((await c.request("connect", { token: h.token })).ok, true);
    const res = await c.request("chat.send", { text: "hi", stream: true });
    assert.equal(res.ok, true);
    assert.equal(res.payload?.reply, "Hello there, owner");
    const deltas = c.frames.filter((f) => f.event === "chat.delta").map((f) => f.payload?.delta).join("");
    assert.equal(deltas, "Hello there, owner");
    c.ws.close();
  });

  test("without asking for a stream, the reply goes out once: in the response, no chat.delta", async () => {
    h.model.setScript([{ reply: "Said once, owner", chunks: 4 }]);
    const c = await connect(h.gateway.url);
    assert.equal((await c.request("connect", { token: h.token })).ok, true);
    const res = await c.request("chat.send", { text: "hi" });
    assert.equal(res.ok, true);
    assert.equal(res.payload?.reply, "Said once, owner");
    assert.deepEqual(c.frames.filter((f) => f.event === "chat.delta"), []);
    assert.equal(c.frames.filter((f) => JSON.stringify(f).includes("Said once")).length, 1);
    c.ws.close();
  });

  test("requests before connect are refused and never reach the model", async () => {
    const before = h.model.requests.length;
    const c = await connect(h.gateway.url);
    const res = await c.request("chat.send", { text: "sneak" });
    assert.equal(res.ok, false);
    assert.equal((await c.closed).code, 1008);
    assert.equal(h.model.requests.length, before);
  });

  test("a wrong token is refused and never reaches the model", async () => {
    const before = h.model.requests.length;
    const c = await connect(h.gateway.url);
    const res = await c.request("connect", { token: "wrong" });
    assert.equal(res.ok, false);
    assert.equal(res.error?.code, "AUTH_FAILED");
    await c.closed;
    assert.equal(h.model.requests.length, before);
  });

  test("a cross-site Origin is refused at the upgrade", async () => {
    await assert.rejects(connect(h.gateway.url, { origin: "https://evil.example" }), /HTTP 403/);
    const ok = await connect(h.gateway.url, { origin: h.gateway.url });
    ok.ws.close();
  });

  test("a DNS-rebinding Host is refused on a loopback bind", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${h.gateway.url}/health`, { headers: { host: "attacker.example:80" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    assert.equal(status, 421);
  });

  test("HTTP API requires the bearer token and refuses cross-site origins", async () => {
    const none = await fetch(`${h.gateway.url}/api/approvals`);
    assert.equal(none.status, 401);
    const cross = await fetch(`${h.gateway.url}/api/chat`, { method: "POST", headers: { origin: "https://evil.example", authorization: `Bearer ${h.token}` }, body: "{}" });
    assert.equal(cross.status, 403);
    h.model.setScript([{ reply: "via http" }]);
    const ok = await fetch(`${h.gateway.url}/api/chat`, { method: "POST", headers: { authorization: `Bearer ${h.token}`, "content-type": "application/json" }, body: JSON.stringify({ text: "hi" }) });
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { reply: string }).reply, "via http");
    const bad = await fetch(`${h.gateway.url}/api/chat`, { method: "POST", headers: { authorization: `Bearer ${h.token}` }, body: "{not json" });
    assert.equal(bad.status, 400);
  });

  test("POST /api/call answers one request frame with its response frame, behind the same credential", async () => {
    const call = (frame: unknown, token: string | null = h.token) =>
      fetch(`${h.gateway.url}/api/call`, { method: "POST", headers: { "content-type": "application/json", ...(token === null ? {} : { authorization: `Bearer ${token}` }) }, body: JSON.stringify(frame) });
    const before = h.model.requests.length;
    assert.equal((await call({ type: "req", id: "a", method: "approvals.list", params: {} }, null)).status, 401);
    assert.equal((await call({ type: "req", id: "a", method: "approvals.list", params: {} }, "wrong")).status, 401);
    const listed = await call({ type: "req", id: "a", method: "approvals.list", params: {} });
    assert.equal(listed.status, 200);
    assert.deepEqual(await listed.json(), { type: "res", id: "a", ok: true, payload: { approvals: [] } });
    // A method that fails answers its failure as data; a malformed frame and a turn are refused with the reason.
    const missing = (await (await call({ type: "req", id: "b", method: "approvals.resolve", params: { approvalId: "nope", decision: "deny" } })).json()) as { id: string; ok: boolean; error: { code: string } };
    assert.equal(missing.id, "b");
    assert.equal(missing.ok, false);
    assert.equal(missing.error.code, "NOT_FOUND");
    const malformed = await call({ type: "req", id: "c", method: "approvals.list", params: { extra: 1 } });
    assert.equal(malformed.status, 400);
    const turn = await call({ type: "req", id: "d", method: "chat.send", params: { text: "hi" } });
    assert.equal(turn.status, 400);
    assert.match(((await turn.json()) as { error: { message: string } }).error.message, /not answered on \/api\/call/);
    assert.equal(h.model.requests.length, before);
  });

  test("malformed and oversized frames get clear errors and do not crash the gateway", async () => {
    const c = await connect(h.gateway.url);
    await c.request("connect", { token: h.token });
    c.ws.send("{not json");
    c.ws.send(JSON.stringify({ type: "req", id: "x", method: "nope", params: {} }));
    const huge = await connect(h.gateway.url);
    huge.ws.send("x".repeat(h.config.gateway.maxFrameBytes + 10));
    assert.equal((await huge.closed).code, 1009);
    const still = await c.request("chat.history", {});
    assert.equal(still.ok, true);
    const errors = c.frames.filter((f) => f.type === "res" && f.ok === false);
    assert.ok(errors.length >= 2);
    assert.ok(errors.every((f) => f.error?.code === "BAD_REQUEST"));
    c.ws.close();
  });
});

describe("gateway lockout", () => {
  test("repeated bad tokens lock wrong credentials out, but the right token still gets in", async () => {
    const h = await startHarness({ config: { gateway: { auth: { rateLimit: { maxFailures: 3, windowMs: 60_000, lockoutMs: 60_000 } } } } });
    try {
      for (let i = 0; i < 3; i++) {
        const c = await connect(h.gateway.url);
        await c.request("connect", { token: `bad-${i}` });
        await c.closed;
      }
      const locked = await connect(h.gateway.url);
      assert.equal((await locked.request("connect", { token: "bad-again" })).error?.code, "AUTH_LOCKED_OUT");
      const wrong = await fetch(`${h.gateway.url}/api/approvals`, { headers: { authorization: "Bearer bad-http" } });
      assert.equal(wrong.status, 429, "the lockout covers HTTP too");
      const http = await fetch(`${h.gateway.url}/api/approvals`, { headers: { authorization: `Bearer ${h.token}` } });
      assert.equal(http.status, 200, "a valid credential is never locked out");
      assert.equal(h.model.requests.length, 0);
    } finally {
      await h.close();
    }
  });

  test("a silent client is closed after the pre-auth timeout", async () => {
    const h = await startHarness({ config: { gateway: { preAuthTimeoutMs: 200 } } });
    try {
      const c = await connect(h.gateway.url);
      const closed = await c.closed;
      assert.equal(closed.code, 1008);
      assert.match(closed.reason, /timeout/);
    } finally {
      await h.close();
    }
  });
});

describe("gateway start-up safety", () => {
  test("refuses a non-loopback bind with auth off", async () => {
    const h = await startHarness();
    try {
      const { startGateway } = await import("./server.ts");
      await assert.rejects(
        startGateway({ ...baseOptions(h), bind: "lan", auth: { mode: "none" } }),
        /without authentication/,
      );
    } finally {
      await h.close();
    }
  });
});

describe("gateway lockout clock", () => {
  test("a backward wall-clock step of 27 h does not stretch a 300 s lockout", async () => {
    const h = await startHarness();
    const { startGateway } = await import("./server.ts");
    let wall = Date.now();
    const gateway = await startGateway({
      ...baseOptions(h),
      lockout: { maxFailures: 3, windowMs: 60_000, lockoutMs: 300_000 },
      clock: () => wall,
      monotonic: () => performance.now(),
    });
    try {
      const attempt = () => fetch(`${gateway.url}/api/approvals`, { headers: { authorization: "Bearer wrong" } });
      // The third failure within the window locks wrong credentials out (it may answer 429 itself).
      for (let i = 0; i < 3; i += 1) assert.ok([401, 429].includes((await attempt()).status));
      const locked = await attempt();
      assert.equal(locked.status, 429);
      wall -= 27 * 3_600_000;
      const after = await attempt();
      assert.equal(after.status, 429);
      const retryAfter = Number(after.headers.get("retry-after"));
      assert.ok(retryAfter > 0 && retryAfter <= 300, `Retry-After ${retryAfter} s`);
      wall += 54 * 3_600_000; // and forward: still locked, not released early
      assert.equal((await attempt()).status, 429);
    } finally {
      await gateway.close();
      await h.close();
    }
  });
});

function baseOptions(h: Harness) {
  return {
    bind: "loopback",
    port: 0,
    auth: { mode: "token" as const, token: h.token },
    lockout: { maxFailures: 5, windowMs: 60_000, lockoutMs: 60_000 },
    extraOrigins: [],
    maxFrameBytes: 1024 * 1024,
    preAuthTimeoutMs: 60_000,
    handlers: h.runtime.handlers,
    webchat: new Map(),
    clock: Date.now, monotonic: () => performance.now(),
    log: silentLogger(),
  };
}

describe("gateway stop", () => {
  test("connected clients are told why (1001, the gateway is shutting down) rather than dropped (1006)", async () => {
    const h = await startHarness();
    const c = await connect(h.gateway.url);
    assert.equal((await c.request("connect", { token: h.token })).ok, true);
    await h.close();
    assert.deepEqual(await c.closed, { code: 1001, reason: "the gateway is shutting down" });
  });

  test("an HTTP turn in flight is cancelled and answered 503 (shutting down), not cut off unanswered", async () => {
    const h = await startHarness();
    h.model.setScript([{ silentAfterHeaders: true }]);
    const pending = fetch(`${h.gateway.url}/api/chat`, { method: "POST", headers: { authorization: `Bearer ${h.token}`, "content-type": "application/json" }, body: JSON.stringify({ text: "hello" }) });
    // Bounded: the model has the request (the turn is in flight) before the stop.
    for (let i = 0; i < 200 && h.model.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    assert.ok(h.model.requests.length > 0, "the turn reached the model");
    await h.close();
    const res = await pending;
    assert.equal(res.status, 503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, "UNAVAILABLE");
    assert.match(body.error.message, /shutting down/);
  });
});

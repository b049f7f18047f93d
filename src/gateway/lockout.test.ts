// The gateway's failure budget is global per credential, not per source address: rotating 127.x.y.z buys no
// extra guesses, a local user cannot lock the owner's valid token out, lockouts back off, and password mode
// refuses a weak password at start; /api/chat reads its body as a stream with a cap. Through the real gateway on loopback.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { startHarness, connect, type Harness } from "../../test/support/harness.ts";
import { startGateway, type RunningGateway } from "./server.ts";
import { silentLogger } from "../core/logger.ts";

/** GET /api/approvals from a chosen loopback source address. */
function getApprovals(url: string, credential: string, localAddress: string): Promise<{ status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/approvals`, { headers: { authorization: `Bearer ${credential}` }, localAddress }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] as string | undefined }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function connectWith(url: string, token: string, localAddress: string): Promise<string | undefined> {
  const c = await connect(url, { localAddress });
  const res = await c.request("connect", { token });
  c.ws.close();
  return res.ok === true ? "ok" : res.error?.code;
}

describe("a global failure budget per credential", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ config: { gateway: { auth: { rateLimit: { maxFailures: 3, windowMs: 60_000, lockoutMs: 60_000 } } } } });
  });
  after(async () => h.close());

  test("guesses from rotating 127.x.y.z addresses share one budget; the owner's valid token still gets in", async () => {
    for (let i = 2; i <= 4; i++) assert.equal(await connectWith(h.gateway.url, `guess-${i}`, `127.0.${i}.${i}`), i < 4 ? "AUTH_FAILED" : "AUTH_LOCKED_OUT");
    // A fresh source address gets no fresh budget, over WebSocket or HTTP.
    assert.equal(await connectWith(h.gateway.url, "guess-5", "127.9.8.7"), "AUTH_LOCKED_OUT");
    const wrong = await getApprovals(h.gateway.url, "guess-6", "127.1.2.3");
    assert.equal(wrong.status, 429);
    assert.ok(Number(wrong.retryAfter) > 0);
    // The owner's CLI on 127.0.0.1 (the same address a local attacker can use) is not locked out.
    assert.equal(await connectWith(h.gateway.url, h.token, "127.0.0.1"), "ok");
    assert.equal((await getApprovals(h.gateway.url, h.token, "127.0.0.1")).status, 200);
    assert.equal(await connectWith(h.gateway.url, "guess-7", "127.0.0.1"), "AUTH_LOCKED_OUT", "a success does not lift the lockout for guessers");
  });
});

describe("lockout backoff and password strength", () => {
  let h: Harness;
  const running: RunningGateway[] = [];
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    for (const g of running) await g.close();
    await h.close();
  });

  function options(clock: () => number, auth: { mode: "token"; token: string } | { mode: "password"; password: string }) {
    return {
      bind: "loopback",
      port: 0,
      auth,
      lockout: { maxFailures: 3, windowMs: 60_000, lockoutMs: 60_000 },
      extraOrigins: [],
      maxFrameBytes: 1024 * 1024,
      preAuthTimeoutMs: 60_000,
      handlers: h.runtime.handlers,
      webchat: new Map(),
      clock,
      monotonic: clock,
      log: silentLogger(),
    };
  }

  test("each lockout before a success doubles; a valid credential gets in during one", async () => {
    let now = 1_000_000;
    const g = await startGateway(options(() => now, { mode: "token", token: h.token }));
    running.push(g);
    const burst = async () => {
      let last = { status: 0, retryAfter: undefined as string | undefined };
      for (let i = 0; i < 3; i++) last = await getApprovals(g.url, `wrong-${now}-${i}`, `127.0.0.${10 + i}`);
      return last;
    };
    assert.deepEqual(await burst(), { status: 429, retryAfter: "60" });
    assert.equal((await getApprovals(g.url, h.token, "127.0.0.1")).status, 200);
    now += 61_000;
    assert.deepEqual(await burst(), { status: 429, retryAfter: "120" });
    now += 121_000;
    assert.deepEqual(await burst(), { status: 429, retryAfter: "240" });
    // A success after the lockout ends resets the backoff.
    now += 241_000;
    assert.equal((await getApprovals(g.url, h.token, "127.0.0.1")).status, 200);
    assert.deepEqual(await burst(), { status: 429, retryAfter: "60" });
  });

  test("password mode refuses a weak password at start and works with a strong one", async () => {
    for (const weak of ["hunter2", "passwordpassword", "aaaaaaaaaaaaaaaaaaaaaaaa"]) {
      const outcome = await startGateway(options(Date.now, { mode: "password", password: weak })).then((g) => {
        running.push(g);
        return new Error("started");
      }, (error: unknown) => error);
      assert.match(String(outcome), /Refusing to start: the gateway password .*(at least 16|too predictable)/);
    }
    const strong = "plinth-Orbit-7-quarry-Velvet";
    const g = await startGateway(options(Date.now, { mode: "password", password: strong }));
    running.push(g);
    assert.equal((await getApprovals(g.url, strong, "127.0.0.1")).status, 200);
    assert.equal((await getApprovals(g.url, "plinth-Orbit-7-quarry-Velvex", "127.0.0.1")).status, 401);
  });
});

describe("/api/chat body cap", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ config: { gateway: { maxFrameBytes: 64 * 1024 } } });
  });
  after(async () => h.close());

  test("an oversized body is refused while it is still being sent, not after buffering all of it", async () => {
    const url = new URL(`${h.gateway.url}/api/chat`);
    // Chunked, never ended: a server that reads the whole body first would never answer.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { authorization: `Bearer ${h.token}`, "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", (error) => { if (!req.destroyed) reject(error); });
      req.write(`{"text":"${"x".repeat(128 * 1024)}`);
    });
    assert.equal(status, 413);
    assert.equal(h.model.requests.length, 0);
    const declared = await fetch(`${h.gateway.url}/api/chat`, { method: "POST", headers: { authorization: `Bearer ${h.token}`, "content-type": "application/json" }, body: JSON.stringify({ text: "y".repeat(100 * 1024) }) });
    assert.equal(declared.status, 413);
  });
});

import type { MethodHandlers } from "../gateway/protocol.ts";
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { startGateway, type RunningGateway } from "../gateway/server.ts";
import { probeGateway, parseListenAddresses } from "./probe-gateway.ts";
import { silentLogger } from "../core/logger.ts";

const closers: (() => Promise<void>)[] = [];
after(async () => { for (const close of closers) await close(); });

async function realGateway(): Promise<RunningGateway> {
  const gateway = await startGateway({
    bind: "loopback", port: 0, auth: { mode: "token", token: "t".repeat(43) },
    lockout: { maxFailures: 50, windowMs: 60_000, lockoutMs: 60_000 }, extraOrigins: [], maxFrameBytes: 65536, preAuthTimeoutMs: 2000,
    handlers: {
      chat: () => Promise.resolve({ session: "s", reply: "" }),
      // The probe never gets past authentication: no method is reached.
      methods: new Proxy({}, { get: () => () => Promise.reject(new Error("not reached")) }) as MethodHandlers,
      subscribe: () => () => {},
    },
    webchat: new Map(), clock: Date.now, monotonic: () => performance.now(), log: silentLogger(),
  });
  closers.push(() => gateway.close());
  return gateway;
}

/** A gateway-shaped server with no auth and no origin check: what the probe exists to catch. */
async function careless(): Promise<number> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end("[]");
  });
  const wss = new WebSocketServer({ server });
  wss.on("connection", (ws) => ws.on("message", (data) => {
    const frame = JSON.parse(String(data)) as { id: string };
    ws.send(JSON.stringify({ type: "res", id: frame.id, ok: true, payload: [] }));
  }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => {
    for (const c of wss.clients) c.terminate();
    wss.close();
    server.close(() => resolve());
  }));
  return (server.address() as AddressInfo).port;
}

test("the real gateway refuses unauthenticated and cross-site clients", async () => {
  const gateway = await realGateway();
  const probe = await probeGateway({ port: gateway.port, timeoutMs: 60_000, readSocketTable: () => undefined });
  assert.ok(probe.reachable);
  assert.equal(probe.apiUnauthenticatedStatus, 401);
  assert.equal(probe.apiCrossOriginStatus, 403);
  assert.equal(probe.wsUnauthenticatedAccepted, false);
  assert.equal(probe.wsCrossOriginAccepted, false);
  assert.equal(probe.listenAddresses, null);
});

test("a server without auth or origin checks is caught on every probe", async () => {
  const port = await careless();
  const probe = await probeGateway({ port, timeoutMs: 60_000 });
  assert.ok(probe.reachable);
  assert.equal(probe.apiUnauthenticatedStatus, 200);
  assert.equal(probe.apiCrossOriginStatus, 200);
  assert.equal(probe.wsUnauthenticatedAccepted, true);
  assert.equal(probe.wsCrossOriginAccepted, true);
});

test("a gateway that stops answering mid-probe: the unanswered checks are null (not made), never a pass or a failure", async () => {
  // Answers a plain request; holds every cross-site request and every WebSocket upgrade open without a word.
  const held: Socket[] = [];
  const server: Server = createServer((req, res) => {
    if (req.headers.origin === undefined) res.writeHead(401).end();
    else held.push(req.socket);
  });
  server.on("upgrade", (_req, socket) => held.push(socket as Socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => {
    for (const s of held) s.destroy();
    server.close(() => resolve());
  }));
  // The window only decides how soon the probe gives up on a server that never answers; any window gives nulls.
  const probe = await probeGateway({ port: (server.address() as AddressInfo).port, timeoutMs: 300 });
  assert.ok(probe.reachable);
  assert.equal(probe.apiUnauthenticatedStatus, 401);
  assert.equal(probe.apiCrossOriginStatus, null);
  assert.equal(probe.wsUnauthenticatedAccepted, null);
  assert.equal(probe.wsCrossOriginAccepted, null);
  assert.equal(probe.windowMs, 300);
});

test("nothing listening is reported as unreachable", async () => {
  const port = await careless();
  await closers.pop()?.();
  const probe = await probeGateway({ port, timeoutMs: 60_000 });
  assert.equal(probe.reachable, false);
});

test("listen addresses are decoded from the kernel's socket table", () => {
  const table = [
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
    "   0: 0100007F:4965 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
    "   1: 00000000:4965 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1",
    "   2: 0100007F:4965 0100007F:9999 01 00000000:00000000 00:00000000 00000000     0        0 3 1",
    "   3: 00000000000000000000000001000000:4965 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 4 1",
    "   4: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5 1",
  ].join("\n");
  assert.deepEqual(parseListenAddresses(table, 0x4965), ["127.0.0.1", "0.0.0.0", "::1"]);
});

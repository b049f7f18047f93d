/** Slow and greedy clients, with real sockets on loopback: the gateway bounds what it buffers and keeps serving others. */
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { connect as tcpConnect, type Socket } from "node:net";
import { request as httpRequest } from "node:http";
import WebSocket from "ws";
import { startHarness, connect, type Harness } from "../../test/support/harness.ts";

function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

describe("gateway backpressure", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ config: { gateway: { headersTimeoutMs: 1000, requestTimeoutMs: 2000, maxSendBufferBytes: 16 * 1024, slowConsumerGraceMs: 3000, maxConcurrentTurnsPerClient: 4, maxRefusedTurnsPerClient: 8, maxFrameBytes: 64 * 1024 } } });
  });
  after(async () => h.close());

  test("slowloris: connections that never finish their headers, or never send a byte, are closed; a normal client is still served", async () => {
    const { port } = h.gateway;
    const sockets: { socket: Socket; closed: boolean; done: Promise<void> }[] = [];
    for (let i = 0; i < 40; i++) {
      const socket = tcpConnect(port, "127.0.0.1");
      const entry = { socket, closed: false, done: Promise.resolve() };
      entry.done = new Promise<void>((resolve) => socket.on("close", () => {
        entry.closed = true;
        resolve();
      }));
      socket.on("error", () => undefined);
      // Read (and drop) what the gateway sends: Node's header timeout answers 408 before it closes, and a socket
      // whose data sits unread never emits "close" (its end waits behind the data). Which of the two timers closes
      // a silent connection first (ours, without a word, or Node's, with a 408) depends on the machine's load.
      socket.resume();
      sockets.push(entry);
    }
    // Half trickle a header line every 200 ms, half say nothing at all, until the gateway has closed them all;
    // bounded at 3 min of trickling (a hang guard: the limits are 1-2 s, a busy machine enforces them late).
    const trickle = (async () => {
      for (let round = 0; round < 900 && sockets.some((s) => !s.closed); round++) {
        sockets.forEach((s, i) => {
          if (i % 2 === 0 && !s.closed) s.socket.write(round === 0 ? "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n" : `X-Slow-${round}: a\r\n`);
        });
        await pause(200);
      }
    })();
    await trickle;
    const open = sockets.filter((s) => !s.closed).length;
    for (const s of sockets) s.socket.destroy();
    assert.equal(open, 0, `${open} of ${sockets.length} slow connections were still open`);
    const res = await fetch(`${h.gateway.url}/health`);
    assert.equal(res.status, 200);
  });

  test("an authenticated body over the cap is refused from its declared length without reading it, and the connection closes", async () => {
    const before = h.model.requests.length;
    const outcome = await new Promise<{ status: number; body: string; closed: boolean }>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port: h.gateway.port, path: "/api/chat", method: "POST", headers: { authorization: `Bearer ${h.token}`, "content-type": "application/json", "content-length": String(300 * 1024 * 1024) } }, (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, closed: res.headers.connection === "close" }));
      });
      req.on("error", reject);
      req.write("{\"text\":\"");
      // The rest of the 300 MB never comes: the answer must not wait for it.
    });
    assert.equal(outcome.status, 413);
    assert.match(outcome.body, /FRAME_TOO_LARGE/);
    assert.equal(outcome.closed, true);
    assert.equal(h.model.requests.length, before);
  });

  test("a chunked body is counted as it streams and refused when it passes the cap", async () => {
    const before = h.model.requests.length;
    const outcome = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port: h.gateway.port, path: "/api/chat", method: "POST", headers: { authorization: `Bearer ${h.token}`, "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", () => undefined);
      const chunk = "x".repeat(16 * 1024);
      // Bounded: 64 chunks of 16 KiB is 1 MiB, sixteen times the cap.
      void (async () => {
        for (let i = 0; i < 64 && !req.destroyed; i++) {
          if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
        }
        req.end();
      })().catch(reject);
    });
    assert.equal(outcome, 413);
    assert.equal(h.model.requests.length, before);
  });

  test("a client gets at most maxConcurrentTurnsPerClient turns at once; the rest are refused as data", async () => {
    h.model.setScript(Array.from({ length: 10 }, () => ({ delayMs: 300, then: { reply: "slow answer" } })));
    const c = await connect(h.gateway.url, { headers: { authorization: `Bearer ${h.token}` } });
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => c.request("chat.send", { text: `turn ${i}`, session: `s${i}` })));
      assert.equal(answers.filter((a) => a.ok).length, 4);
      const refused = answers.filter((a) => !a.ok);
      assert.equal(refused.length, 6);
      for (const r of refused) assert.match(r.error?.message ?? "", /maxConcurrentTurnsPerClient/);
    } finally {
      c.ws.close();
      h.model.setScript([]);
    }
  });

  test("a client that keeps sending turns past its limit is closed after maxRefusedTurnsPerClient refusals in a row; the rest of its flood is not answered", async () => {
    h.model.setScript(Array.from({ length: 4 }, () => ({ noHeaders: true })));
    const flooder = await connect(h.gateway.url, { headers: { authorization: `Bearer ${h.token}` } });
    const closed = new Promise<number>((resolve) => flooder.ws.on("close", (code) => resolve(code)));
    let answers = 0;
    flooder.ws.on("message", (d: Buffer) => {
      if (d.toString().includes("\"type\":\"res\"")) answers++;
    });
    try {
      // 4 turns held by the model, then 200 more at once: 8 are refused as data, the ninth closes the connection.
      for (let i = 0; i < 204; i++) flooder.ws.send(JSON.stringify({ type: "req", id: `f${i}`, method: "chat.send", params: { text: `flood ${i}`, session: `f${i % 4}` } }));
      assert.equal(await closed, 4029);
      assert.equal(answers, 8, "only the refusals before the close were answered");
      h.model.setScript([{ reply: "served" }]);
      const other = await connect(h.gateway.url, { headers: { authorization: `Bearer ${h.token}` } });
      assert.equal((await other.request("chat.send", { text: "hello" })).payload?.reply, "served");
      other.ws.close();
    } finally {
      flooder.ws.terminate();
      h.model.setScript([]);
    }
  });

  test("a client that does not read is closed once its send buffer passes the limit; another client is still served", async () => {
    // A gateway of its own whose refusal limit the flood cannot reach: on a busy machine turns finish slowly, the
    // requests past the turn limit are refused, and with the shared gateway's limit of 8 refusals in a row the client
    // was closed for flooding (4029, the limit tested above) before its buffer filled.
    const h = await startHarness({ config: { gateway: { maxSendBufferBytes: 16 * 1024, slowConsumerGraceMs: 3000, maxConcurrentTurnsPerClient: 4, maxRefusedTurnsPerClient: 100_000 } } });
    try {
      await nonReadingClientIsClosed(h);
    } finally {
      await h.close();
    }
  });

  async function nonReadingClientIsClosed(h: Harness): Promise<void> {
    const big = "y".repeat(200_000);
    h.model.setScript(Array.from({ length: 3400 }, () => ({ reply: big, chunks: 4 })));
    const ws = new WebSocket(`${h.gateway.url.replace("http", "ws")}/ws`, { headers: { authorization: `Bearer ${h.token}` } });
    let closeCode: number | undefined;
    const closed = new Promise<void>((resolve) => ws.on("close", (code) => {
      closeCode = code;
      resolve();
    }));
    ws.on("error", () => undefined);
    await new Promise<void>((resolve, reject) => {
      ws.once("message", () => resolve());
      ws.once("error", reject);
    });
    let answers = 0;
    ws.on("message", (data: Buffer) => {
      if (data.toString().includes("\"type\":\"res\"")) answers++;
    });
    ws.pause();
    // Bounded: at most 400 requests 15 ms apart, then one every 100 ms up to 3,400 in all (a hang guard, not a speed
    // test); stops once the gateway has hung up. It keeps asking while it waits: on a busy machine turns finish slowly,
    // requests past the client's turn limits are refused with a short error, and only answered turns fill the buffer,
    // so a flood that stopped early could leave it short of the limit. Reading again would drain what it fills.
    let sent = 0;
    for (; sent < 3400 && closeCode === undefined && ws.readyState === WebSocket.OPEN; sent++) {
      ws.send(JSON.stringify({ type: "req", id: `r${sent}`, method: "chat.send", params: { text: "flood me", session: `nr${sent % 4}` } }));
      await pause(sent < 400 ? 15 : 100);
    }
    await Promise.race([closed, pause(5_000)]);
    ws.resume();
    assert.ok(closeCode === 4008 || closeCode === 1006, `the non-reading client was not closed (code ${closeCode}, ${answers}/${sent} answers)`);
    h.model.setScript([{ reply: "still here" }]);
    const other = await connect(h.gateway.url, { headers: { authorization: `Bearer ${h.token}` } });
    const res = await other.request("chat.send", { text: "hello" });
    assert.equal(res.payload?.reply, "still here");
    other.ws.close();
  }
});

describe("gateway backpressure: reading clients", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ config: { gateway: { maxSendBufferBytes: 16 * 1024, slowConsumerGraceMs: 3000 } } });
  });
  after(async () => h.close());

  test("a client that reads is never closed for the pings it answers, though it receives far more than the limit", async () => {
    // 8 answers of 40 KB each (the reply twice: its deltas and the response), 20 times the 16 KB limit in all.
    h.model.setScript(Array.from({ length: 8 }, () => ({ reply: "z".repeat(20_000), chunks: 4 })));
    const client = await connect(h.gateway.url, { headers: { authorization: `Bearer ${h.token}` } });
    let closeCode: number | undefined;
    client.ws.on("close", (code) => (closeCode = code));
    try {
      for (let i = 0; i < 8; i++) {
        const res = await client.request("chat.send", { text: `long answer ${i}`, session: "reader" });
        assert.equal(String(res.payload?.reply).length, 20_000);
      }
      assert.equal(closeCode, undefined);
    } finally {
      client.ws.close();
      h.model.setScript([]);
    }
  });
});

describe("gateway backpressure: reading before the next turn", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ config: { gateway: { maxSendBufferBytes: 16 * 1024, slowConsumerGraceMs: 3000 } } });
  });
  after(async () => h.close());

  test("a client that has not shown it read its answer gets no next turn computed until it does", async () => {
    h.model.setScript([{ reply: "z".repeat(20_000), chunks: 4 }, { reply: "for the reader" }, { reply: "second" }]);
    // A client that receives everything but answers no ping by itself: the gateway cannot tell it read anything.
    const ws = new WebSocket(`${h.gateway.url.replace("http", "ws")}/ws`, { headers: { authorization: `Bearer ${h.token}` }, autoPong: false });
    ws.on("error", () => undefined);
    const pings: Buffer[] = [];
    ws.on("ping", (payload: Buffer) => pings.push(payload));
    const answers = new Map<string, { ok: boolean; payload?: { reply?: string } }>();
    const waiters = new Map<string, () => void>();
    ws.on("message", (d: Buffer) => {
      const f = JSON.parse(d.toString()) as { type: string; id?: string; ok: boolean; payload?: { reply?: string } };
      if (f.type !== "res" || typeof f.id !== "string") return;
      answers.set(f.id, f);
      waiters.get(f.id)?.();
    });
    const answered = (id: string) => new Promise<void>((resolve) => (answers.has(id) ? resolve() : waiters.set(id, resolve)));
    await new Promise<void>((resolve, reject) => {
      ws.once("message", () => resolve());
      ws.once("error", reject);
    });
    const before = h.model.requests.length;
    try {
      for (const id of ["t1", "t2"]) ws.send(JSON.stringify({ type: "req", id, method: "chat.send", params: { text: `turn ${id}`, session: "s" } }));
      await answered("t1");
      assert.equal(answers.get("t1")?.payload?.reply?.length, 20_000);
      // A whole turn of another client, begun after the second turn could have started: it had every chance to.
      const reader = await connect(h.gateway.url, { headers: { authorization: `Bearer ${h.token}` } });
      assert.equal((await reader.request("chat.send", { text: "meanwhile", session: "r" })).payload?.reply, "for the reader");
      reader.ws.close();
      assert.equal(h.model.requests.length - before, 2, "the second turn waits for the first answer to be read");
      assert.equal(answers.has("t2"), false);
      assert.ok(pings.length > 0, "the gateway asked whether the answer was read");
      for (const p of pings.splice(0)) ws.pong(p);
      await answered("t2");
      assert.equal(answers.get("t2")?.payload?.reply, "second");
      assert.equal(h.model.requests.length - before, 3);
    } finally {
      ws.terminate();
      h.model.setScript([]);
    }
  });
});

describe("gateway-wide turn admission", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ config: { gateway: { maxConcurrentTurns: 2, maxQueuedTurns: 1, maxConcurrentTurnsPerClient: 4 } } });
  });
  after(async () => h.close());

  test("past the running and waiting limits a turn is refused at once; a waiting turn runs when a slot frees", async () => {
    // Two turns that hold the model until their client hangs up, then an ordinary answer.
    h.model.setScript([{ noHeaders: true }, { noHeaders: true }, { reply: "your turn came" }]);
    const auth = { headers: { authorization: `Bearer ${h.token}` } };
    const greedy = await connect(h.gateway.url, auth);
    const waiter = await connect(h.gateway.url, auth);
    const late = await connect(h.gateway.url, auth);
    try {
      const held = [greedy.request("chat.send", { text: "hold 1", session: "g1" }), greedy.request("chat.send", { text: "hold 2", session: "g2" })];
      // Bounded wait until both held turns reached the model.
      for (let i = 0; i < 400 && h.model.requests.length < 2; i++) await pause(25);
      assert.equal(h.model.requests.length, 2);
      const queued = waiter.request("chat.send", { text: "wait for me", session: "w" });
      // Frames on one connection are handled in order: once this answer is in, the waiter's turn holds the one
      // waiting place, and the late client is refused rather than queued.
      await waiter.request("approvals.list", {});
      const refused = await late.request("chat.send", { text: "no room", session: "l" });
      assert.equal(refused.ok, false);
      assert.equal(refused.error?.code, "RATE_LIMITED");
      assert.match(refused.error?.message ?? "", /gateway\.maxQueuedTurns/);
      assert.equal(h.model.requests.length, 2, "neither the waiting nor the refused turn reached the model yet");
      greedy.ws.close();
      await Promise.allSettled(held);
      const answer = await queued;
      assert.equal(answer.payload?.reply, "your turn came");
    } finally {
      for (const c of [greedy, waiter, late]) c.ws.close();
      h.model.setScript([]);
    }
  });
});

describe("gateway turns per address", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ config: { gateway: { maxConcurrentTurnsPerAddress: 2, maxConcurrentTurns: 8, maxQueuedTurns: 8 } } });
  });
  after(async () => h.close());

  test("connections from one address share its places; the owner's chat with short turns is let past its own flood", async () => {
    h.model.setScript([{ reply: "hello" }, { delayMs: 6000, then: { reply: "long 1" } }, { delayMs: 6000, then: { reply: "long 2" } }, { reply: "still served" }]);
    const auth = { headers: { authorization: `Bearer ${h.token}` } };
    const owner = await connect(h.gateway.url, auth);
    const flood = await connect(h.gateway.url, auth);
    const another = await connect(h.gateway.url, auth);
    try {
      assert.equal((await owner.request("chat.send", { text: "hi", session: "o" })).payload?.reply, "hello");
      const held = [flood.request("chat.send", { text: "a", session: "f1" }), flood.request("chat.send", { text: "b", session: "f2" })];
      // Bounded wait until both held turns reached the model.
      for (let i = 0; i < 400 && h.model.requests.length < 3; i++) await pause(25);
      const refused = await another.request("chat.send", { text: "me too", session: "x" });
      assert.equal(refused.ok, false, "a third turn from the same address, on a new connection, is refused");
      assert.equal(refused.error?.code, "RATE_LIMITED");
      assert.match(refused.error?.message ?? "", /gateway\.maxConcurrentTurnsPerAddress/);
      let floodDone = false;
      void Promise.all(held).then(() => (floodDone = true));
      // The owner's connection has had a turn and holds none: it waits at the limit, and once the held turns have run
      // longer than its turn took it is quick and let past. (Retried if refused, bounded: it should not be.)
      let answer = await owner.request("chat.send", { text: "and now?", session: "o" });
      for (let i = 0; i < 40 && !answer.ok; i++) {
        assert.match(answer.error?.message ?? "", /gateway\.maxConcurrentTurnsPerAddress/);
        await pause(100);
        answer = await owner.request("chat.send", { text: "and now?", session: "o" });
      }
      assert.equal(answer.payload?.reply, "still served");
      assert.equal(floodDone, false, "served while the flood from its own address still held both places");
      assert.deepEqual((await Promise.all(held)).map((a) => a.payload?.reply), ["long 1", "long 2"]);
    } finally {
      for (const c of [owner, flood, another]) c.ws.close();
      h.model.setScript([]);
    }
  });
});

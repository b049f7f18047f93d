import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import { createInboundPipeline } from "./inbound-pipeline.ts";
import type { ChannelNotice, InboundLogEntry, InboundPipelineOptions } from "./inbound-pipeline.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";
import { createPairingStore } from "./pairing-store.ts";
import { parseOwnerCommand, looksLikeOwnerCommand } from "./owner-command.ts";
import type { ChannelAdapter, InboundHandler, InboundMessage } from "./types.ts";
import { waitUntil } from "../../test/support/wait.ts";

const dir = mkdtempSync(join(tmpdir(), "warden-pipeline-"));
const dbs: DatabaseSync[] = [];
after(() => {
  for (const db of dbs) db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An in-memory channel: a real implementation of the adapter contract with no platform behind it. */
function memoryAdapter(id: string) {
  const sent: { chatId: string; text: string }[] = [];
  let handler: InboundHandler | undefined;
  const adapter: ChannelAdapter = {
    id,
    start: async (h) => { handler = h; },
    stop: async () => { handler = undefined; },
    send: async (target, text) => { sent.push({ chatId: target.chatId, text }); },
  };
  return { adapter, sent, deliver: async (m: InboundMessage) => handler?.(m) };
}

let seq = 0;
function msg(over: Partial<InboundMessage> & { senderId: string }): InboundMessage {
  seq += 1;
  return {
    channel: "mem", chat: { kind: "dm", id: over.senderId }, text: "hello", messageId: String(seq),
    mentionsBot: false, replyToBot: false, edited: false, receivedAt: 0, ...over,
  };
}

function setup(over: Partial<InboundPipelineOptions> = {}) {
  const db = new DatabaseSync(join(dir, `p${seq++}.db`));
  dbs.push(db);
  const pairing = createPairingStore({ db, clock: Date.now, randomBytes: (n) => randomBytes(n) });
  pairing.setOwner("mem", "owner", "config");
  const mem = memoryAdapter("mem");
  const logs: InboundLogEntry[] = [];
  const accepted: string[] = [];
  const pipeline = createInboundPipeline({
    adapters: [mem.adapter],
    access: (c) => (c === "mem" ? { dmPolicy: "pairing", groupPolicy: "allowlist", requireMention: false } : undefined),
    pairing, clock: Date.now, log: (e) => logs.push(e),
    onAccepted: async (m, p) => { accepted.push(`${p.kind}:${m.text}`); },
    ...over,
  });
  return { pipeline, pairing, mem, logs, accepted };
}

void test("pipeline: unknown channels, missing policies and adapters speaking for another channel are dropped", async () => {
  const { pipeline, mem, logs, accepted } = setup();
  assert.equal(await pipeline.handle(msg({ senderId: "owner", channel: "other" })), "dropped");
  assert.equal(logs.at(-1)?.reason.id, "inbound.unknown_channel");
  await pipeline.start();
  await mem.deliver(msg({ senderId: "owner", channel: "forged" }));
  assert.equal(logs.at(-1)?.reason.id, "inbound.channel_mismatch");
  const noPolicy = setup({ access: () => undefined });
  assert.equal(await noPolicy.pipeline.handle(msg({ senderId: "owner" })), "dropped");
  assert.equal(noPolicy.logs.at(-1)?.reason.id, "access.no_policy");
  assert.deepEqual(accepted, []);
  await pipeline.stop();
});

void test("pipeline: owner commands only from the owner, only in their DM", async () => {
  const answered: string[] = [];
  const { pipeline, mem, logs } = setup({
    onOwnerCommand: async (cmd, principal) => {
      answered.push(`${cmd.kind}:${cmd.id}:${principal.id}`);
      return "ok";
    },
  });
  assert.equal(await pipeline.handle(msg({ senderId: "owner", text: "/approve a-1" })), "command");
  assert.deepEqual(answered, ["approve:a-1:mem:owner"]);
  assert.equal(await pipeline.handle(msg({ senderId: "owner", chat: { kind: "group", id: "g" }, text: "/deny a-1" })), "dropped");
  assert.equal(logs.at(-1)?.reason.id, "inbound.command_in_group");
  assert.equal(await pipeline.handle(msg({ senderId: "owner", text: "/approve" })), "command");
  assert.match(mem.sent.at(-1)?.text ?? "", /Usage/);
  assert.equal(await pipeline.handle(msg({ senderId: "stranger", text: "/pair list" })), "pairing");
  await pipeline.idle(); // the stranger's pairing runs off the delivery loop
  assert.equal(await pipeline.handle(msg({ senderId: "owner", text: "/pair list" })), "command");
  assert.match(mem.sent.at(-1)?.text ?? "", /stranger/);
  const code = /Pairing code: (\w+)/.exec(mem.sent.find((m) => m.chatId === "stranger")?.text ?? "")?.[1] ?? "";
  assert.equal(await pipeline.handle(msg({ senderId: "owner", text: `/pair approve other ${code}` })), "command");
  assert.match(mem.sent.at(-1)?.text ?? "", /Approve other codes from/);
  assert.equal(await pipeline.handle(msg({ senderId: "owner", text: `/pair approve mem ${code}` })), "command");
  assert.match(mem.sent.at(-1)?.text ?? "", /^Approved/);
  assert.equal(answered.length, 1);
});

void test("pipeline: a failing agent handler or logger never escapes handle()", async () => {
  const { pipeline, logs } = setup({ onAccepted: async () => { throw new Error("agent crashed"); } });
  assert.equal(await pipeline.handle(msg({ senderId: "owner" })), "accepted");
  await pipeline.idle();
  assert.equal(logs.at(-1)?.reason.id, "inbound.handler_failed");
  const broken = setup({ log: () => { throw new Error("disk full"); } });
  assert.equal(await broken.pipeline.handle(msg({ senderId: "owner" })), "accepted");
});

void test("pipeline: edits reach the agent only when enabled", async () => {
  const off = setup();
  assert.equal(await off.pipeline.handle(msg({ senderId: "owner", edited: true })), "dropped");
  const on = setup({ acceptEdits: true });
  assert.equal(await on.pipeline.handle(msg({ senderId: "owner", edited: true, text: "fixed" })), "accepted");
  assert.deepEqual(on.accepted, ["owner:fixed"]);
});

void test("owner commands parse strictly", () => {
  assert.deepEqual(parseOwnerCommand("/approve abc-1"), { kind: "approve", id: "abc-1" });
  assert.deepEqual(parseOwnerCommand("/deny@warden_bot x"), { kind: "deny", id: "x" });
  assert.deepEqual(parseOwnerCommand("/pair approve abcd2345"), { kind: "pair-approve", code: "abcd2345" });
  assert.deepEqual(parseOwnerCommand("/pair approve Slack ABCD2345"), { kind: "pair-approve", channel: "slack", code: "ABCD2345" });
  assert.equal(parseOwnerCommand("/approve a b"), undefined);
  assert.equal(parseOwnerCommand("/approve $(rm)"), undefined);
  assert.equal(parseOwnerCommand("please /approve 1"), undefined);
  assert.ok(looksLikeOwnerCommand(" /APPROVE 1"));
  assert.ok(!looksLikeOwnerCommand("/approved list"));
});

void test("rate limit: a sender's burst is perSenderPerMinute, it refills over the minute, and senders are counted apart", async () => {
  let now = 0;
  const { pipeline, logs } = setup({ clock: () => now, rateLimit: { perSenderPerMinute: 3, maxTrackedSenders: 100 } });
  const outcomes = [];
  for (let i = 0; i < 4; i++) outcomes.push(await pipeline.handle(msg({ senderId: "owner" })));
  assert.deepEqual(outcomes, ["accepted", "accepted", "accepted", "dropped"]);
  assert.equal(logs.at(-1)?.reason.id, "inbound.rate_limited");
  assert.notEqual(await pipeline.handle(msg({ senderId: "stranger" })), "dropped");
  now += 20_000;
  assert.equal(await pipeline.handle(msg({ senderId: "owner" })), "accepted");
  assert.equal(await pipeline.handle(msg({ senderId: "owner" })), "dropped");
});

void test("pipeline: a turn waiting for the owner's /approve does not block the owner's /approve (in-order adapters)", async () => {
  let release: (() => void) | undefined;
  const approved = new Promise<void>((r) => { release = r; });
  const { pipeline, mem, accepted } = setup({
    onAccepted: async (m) => {
      accepted.push(m.text);
      await approved; // the agent turn asks the owner and waits
      accepted.push(`done:${m.text}`);
    },
    onOwnerCommand: async () => {
      release?.();
      return "approved";
    },
  });
  await pipeline.start();
  // Deliver strictly in order, awaiting each, as grammY's long polling does.
  await mem.deliver(msg({ senderId: "owner", text: "please run the thing" }));
  await mem.deliver(msg({ senderId: "owner", text: "/approve apr-1" }));
  await pipeline.stop(); // waits for the in-flight turn
  assert.deepEqual(accepted, ["please run the thing", "done:please run the thing"]);
});

void test("pipeline: concurrent turns are bounded by maxInFlight", async () => {
  let running = 0;
  let peak = 0;
  const { pipeline } = setup({
    maxInFlight: 2,
    onAccepted: async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
    },
  });
  await Promise.all(Array.from({ length: 10 }, (_, i) => pipeline.handle(msg({ senderId: "owner", text: `m${i}` }))));
  await pipeline.idle();
  assert.ok(peak <= 2, `peak ${peak}`);
});

void test("pipeline: a forwarded command is not a command, and forwarded/quoted fields reach onAccepted unchanged", async () => {
  const answered: string[] = [];
  const received: InboundMessage[] = [];
  const { pipeline, mem, pairing } = setup({
    onOwnerCommand: async (cmd) => {
      answered.push(cmd.kind);
      return "ok";
    },
    onAccepted: async (m) => { received.push(m); },
  });
  assert.equal(await pipeline.handle(msg({ senderId: "stranger", text: "hi" })), "pairing");
  const code = /Pairing code: (\w+)/.exec(mem.sent.find((m) => m.chatId === "stranger")?.text ?? "")?.[1] ?? "";
  const forwarded = msg({ senderId: "owner", text: `/pair approve ${code}`, forwardedFrom: "telegram user 666 (stranger)" });
  assert.equal(await pipeline.handle(forwarded), "accepted");
  await pipeline.idle();
  assert.deepEqual(answered, []);
  assert.equal(pairing.list("mem").pending.length, 1, "the stranger is still pending");
  const quoted = msg({ senderId: "owner", text: "thoughts?", quotedText: "wire 500 to IBAN X" });
  assert.equal(await pipeline.handle(quoted), "accepted");
  await pipeline.idle();
  assert.deepEqual(received, [forwarded, quoted]);
});

void test("session.scope main: the owner's DMs share the main session, a contact never does", async () => {
  const keys: string[] = [];
  const { pipeline, pairing } = setup({ session: { agentId: "main", scope: "main" }, onAccepted: async (_m, p, ctx) => { keys.push(`${p.kind} ${ctx.sessionKey}`); } });
  const r = pairing.request("mem", "friend");
  assert.ok(r.kind === "new");
  assert.ok(pairing.approve("mem", r.code, "cli").ok);
  await pipeline.handle(msg({ senderId: "owner" }));
  await pipeline.handle(msg({ senderId: "friend" }));
  for (let i = 0; i < 50 && keys.length < 2; i++) await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(keys.sort(), ["contact agent:main:mem:dm:friend", "owner agent:main:main"]);
});

const fastRetry = { baseMs: 2, maxMs: 20, slowMs: 20 };

void test("supervisor: launch returns at once; a failing start is retried until it runs; health and notices follow", async () => {
  let attempts = 0;
  const notices: ChannelNotice[] = [];
  const flaky: ChannelAdapter = {
    id: "mem",
    start: async () => {
      attempts += 1;
      if (attempts <= 2) throw new Error("connect ECONNREFUSED");
      if (attempts === 3) throw new WardenError(ErrorCode.Unavailable, "401", { cause: { kind: "credential", reason: "the token was revoked", fix: "set a new token" } });
    },
    stop: async () => undefined,
    send: async () => undefined,
  };
  const { pipeline } = setup({ adapters: [flaky], retry: fastRetry, notify: (n) => notices.push(n) });
  pipeline.launch();
  assert.equal(pipeline.health.get("mem")?.state, "starting");
  await waitUntil(() => pipeline.health.get("mem")?.state === "running", "running");
  assert.equal(attempts, 4);
  assert.deepEqual(notices.map((n) => [n.kind, n.owner]), [["channel.degraded", false], ["channel.failed", true], ["channel.recovered", true]]);
  assert.match(notices[1]?.summary ?? "", /revoked.*Fix: set a new token/);
  await pipeline.stop();
  assert.equal(pipeline.health.get("mem")?.state, "stopped");
});

void test("supervisor: stop cancels a start that never finishes, and waits for it", async () => {
  let sawAbort = false;
  const stuck: ChannelAdapter = {
    id: "mem",
    start: (_h, hooks) => new Promise((_resolve, reject) => {
      hooks?.signal?.addEventListener("abort", () => {
        sawAbort = true;
        reject(new Error("cancelled"));
      });
    }),
    stop: async () => undefined,
    send: async () => undefined,
  };
  const { pipeline } = setup({ adapters: [stuck], retry: fastRetry });
  pipeline.launch();
  await pipeline.stop();
  assert.equal(sawAbort, true);
  assert.equal(pipeline.health.get("mem")?.state, "stopped");
});

void test("owner first: a stranger flood never waits on pairing replies, is cut by the channel pool, and the owner still gets through", async () => {
  let releaseSends: (() => void) | undefined;
  const sendsBlocked = new Promise<void>((r) => { releaseSends = r; });
  const sent: string[] = [];
  const slow: ChannelAdapter = {
    id: "mem", start: async () => undefined, stop: async () => undefined,
    send: async (t) => { await sendsBlocked; sent.push(t.chatId); },
  };
  // The pool refills by the clock (50 a minute): on a busy machine the 2,000 messages took long enough for one
  // more to pass. A clock that stands still makes the count exact however slow the run.
  const now = Date.now();
  const { pipeline, logs, accepted } = setup({ adapters: [slow], rateLimit: { perSenderPerMinute: 5 }, maxStrangerPairings: 8, clock: () => now });
  const outcomes: string[] = [];
  // Delivered strictly in order, each awaited, as Telegram's long polling does: nothing here may wait on a send.
  for (let i = 0; i < 2_000; i++) outcomes.push(await pipeline.handle(msg({ senderId: `stranger${i}` })));
  assert.equal(await pipeline.handle(msg({ senderId: "owner", text: "owner here" })), "accepted");
  await waitUntil(() => accepted.includes("owner:owner here"), "the owner's turn");
  assert.equal(sent.length, 0, "no pairing reply has gone out yet: they are blocked, and the owner did not wait for them");
  const pooled = logs.filter((l) => l.reason.id === "inbound.channel_rate_limited").length;
  assert.equal(outcomes.filter((o) => o === "pairing").length, 50, "10 × the per-sender rate per channel");
  assert.equal(pooled, 1_950);
  assert.ok(logs.some((l) => l.pairing?.reason?.id === "inbound.stranger_backlog"));
  releaseSends?.();
  await pipeline.idle();
  assert.equal(sent.length, 8);
});

void test("owner first: contacts filling their lane never take the owner's slots", async () => {
  let release: (() => void) | undefined;
  const blocked = new Promise<void>((r) => { release = r; });
  const { pipeline, pairing, accepted } = setup({
    maxInFlight: 2, maxQueued: 1,
    onAccepted: async (m, p) => {
      if (p.kind === "contact") await blocked;
      accepted.push(`${p.kind}:${m.text}`);
    },
  });
  const r = pairing.request("mem", "friend");
  if (r.kind === "new") pairing.approve("mem", r.code, "cli");
  const outcomes = [];
  for (let i = 0; i < 4; i++) outcomes.push(await pipeline.handle(msg({ senderId: "friend", text: `c${i}` })));
  assert.deepEqual(outcomes, ["accepted", "accepted", "accepted", "dropped"]);
  await pipeline.handle(msg({ senderId: "owner", text: "mine" }));
  await waitUntil(() => accepted.includes("owner:mine"), "the owner's turn");
  release?.();
  await pipeline.idle();
  assert.equal(accepted.filter((a) => a.startsWith("contact:")).length, 3);
});

void test("a reply the adapter could not deliver is logged and told to the owner, without its text", async () => {
  const notices: ChannelNotice[] = [];
  const failing: ChannelAdapter = {
    id: "mem", start: async () => undefined, stop: async () => undefined,
    send: async () => { throw new WardenError(ErrorCode.Unavailable, "telegram: sendMessage failed: Telegram answered 502 Bad Gateway"); },
  };
  const { pipeline, logs } = setup({
    adapters: [failing], notify: (n) => notices.push(n),
    onAccepted: async (_m, _p, ctx) => { await ctx.reply("the secret answer"); },
  });
  await pipeline.handle(msg({ senderId: "owner" }));
  await pipeline.idle();
  assert.equal(logs.at(-1)?.reason.id, "inbound.reply_lost");
  assert.equal(notices[0]?.kind, "channel.reply_lost");
  assert.match(notices[0]?.summary ?? "", /a reply to you on mem was lost: .*502/);
  assert.doesNotMatch(JSON.stringify([logs, notices]), /secret answer/);
});

// Channels benchmark: inbound messages/s through rate limiting, access control, pairing and session routing
// to a no-op agent (in process, and end to end through the local Telegram, Slack, Discord, signal-cli and WhatsApp servers), the memory
// and disk held per pending pairing, and the owner's reply latency quiet and under a 10,000-stranger flood
// (owner-under-flood.ts: the real runtime and Telegram adapter). Bounded; prints one JSON object.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir, availableParallelism } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createPairingStore } from "../src/channels/pairing-store.ts";
import { createInboundPipeline } from "../src/channels/inbound-pipeline.ts";
import { createRateLimiter } from "../src/ops/limits/rate-limiter.ts";
import type { ChannelAccessPolicy } from "../src/channels/access-control.ts";
import type { ChannelAdapter, InboundMessage } from "../src/channels/types.ts";
import { createTelegramAdapter } from "../src/channels/telegram/telegram-adapter.ts";
import { buildTextUpdate, startFakeBotApi } from "../test/support/fake-bot-api.ts";
import { createSlackAdapter } from "../src/channels/slack/slack-adapter.ts";
import { buildMessageEnvelope, postSignedEvent, startFakeSlackApi } from "../test/support/fake-slack.ts";
import { createDiscordAdapter } from "../src/channels/discord/discord-adapter.ts";
import { buildDiscordMessage, startFakeDiscord } from "../test/support/fake-discord.ts";
import { createSignalAdapter } from "../src/channels/signal/signal-adapter.ts";
import { buildSignalEnvelope, signalUuidOf, startFakeSignalCli } from "../test/support/fake-signal-cli.ts";
import { createWhatsAppAdapter } from "../src/channels/whatsapp/whatsapp-adapter.ts";
import { buildWhatsAppNotification, postSignedWebhook, startFakeGraphApi } from "../test/support/fake-whatsapp.ts";
import { measureOwnerUnderFlood } from "./owner-under-flood.ts";

// Memory figures need a real GC between measurements, also when run as plain `node bench/channels.bench.ts`.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const dir = mkdtempSync(join(tmpdir(), "warden-bench-channels-"));
const policy: ChannelAccessPolicy = { dmPolicy: "pairing", groupPolicy: "allowlist", groupAllowFrom: ["1"], requireMention: true, ownerIds: ["1"] };

// The gateway's state database is expected to run in WAL mode with synchronous=NORMAL; bench it that way.
function openDb(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  return db;
}

function nullAdapter(id: string): ChannelAdapter {
  return { id, start: async () => undefined, stop: async () => undefined, send: async () => undefined };
}

function message(channel: string, senderId: string, i: number, kind: "dm" | "group" = "dm"): InboundMessage {
  return {
    channel, senderId, chat: { kind, id: kind === "dm" ? senderId : "-100" }, text: `message ${i}`, messageId: String(i),
    mentionsBot: kind === "group", replyToBot: false, edited: false, receivedAt: i,
  };
}

async function benchInProcess(): Promise<Record<string, number>> {
  const db = openDb(join(dir, "inproc.db"));
  const store = createPairingStore({ db, clock: Date.now, randomBytes: (n) => randomBytes(n) });
  // 50 paired contacts.
  for (let c = 0; c < 50; c++) {
    const r = createPairingStore({ db, clock: Date.now, randomBytes: (n) => randomBytes(n), limits: { maxPendingPerChannel: 1000 } }).request("bench", `c${c}`);
    if (r.kind === "new") store.approve("bench", r.code, "cli", { claimOwner: false });
  }
  let accepted = 0;
  const pipeline = createInboundPipeline({
    adapters: [nullAdapter("bench")], access: () => policy, pairing: store, clock: Date.now, log: () => undefined,
    onAccepted: async () => {
      accepted += 1;
    },
  });
  const N = 50_000;
  const mixed = Array.from({ length: N }, (_, i) => {
    const r = i % 10;
    if (r < 4) return message("bench", "1", i); // owner DM
    if (r < 8) return message("bench", `c${i % 50}`, i); // contact DM
    if (r === 8) return message("bench", "1", i, "group"); // owner in group
    return message("bench", `stranger${i % 3}`, i); // strangers: pairing code suppressed after the first
  });
  for (let i = 0; i < 2000; i++) await pipeline.handle(mixed[i % N] as InboundMessage); // warm-up
  const t0 = performance.now();
  for (const m of mixed) await pipeline.handle(m);
  const mixedMs = performance.now() - t0;

  const owners = Array.from({ length: N }, (_, i) => message("bench", "1", i));
  const t1 = performance.now();
  for (const m of owners) await pipeline.handle(m);
  const ownerMs = performance.now() - t1;
  db.close();
  return {
    inProcessMixedMsgsPerSec: Math.round(N / (mixedMs / 1000)),
    inProcessOwnerMsgsPerSec: Math.round(N / (ownerMs / 1000)),
    acceptedCount: accepted,
  };
}

async function benchTelegram(): Promise<Record<string, number>> {
  const token = "1:bench-token";
  const api = await startFakeBotApi({ token });
  const db = openDb(join(dir, "tg.db"));
  const store = createPairingStore({ db, clock: Date.now, randomBytes: (n) => randomBytes(n) });
  let accepted = 0;
  const pipeline = createInboundPipeline({
    adapters: [createTelegramAdapter({ token, apiRoot: api.apiRoot, clock: Date.now, pollTimeoutSeconds: 5 })],
    access: () => policy, pairing: store, clock: Date.now, log: () => undefined,
    onAccepted: async () => {
      accepted += 1;
    },
  });
  await pipeline.start();
  const N = 5000;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) api.pushUpdate(buildTextUpdate({ from: { id: 1 }, text: `m${i}` }));
  await api.waitForConfirmed();
  const ms = performance.now() - t0;
  await pipeline.stop();
  await api.close();
  db.close();
  return { telegramLongPollMsgsPerSec: Math.round(N / (ms / 1000)), telegramAccepted: accepted };
}

async function benchSlack(): Promise<Record<string, number>> {
  const token = "xoxb-bench";
  const signingSecret = "bench-signing-secret";
  const api = await startFakeSlackApi({ token });
  const db = openDb(join(dir, "slack.db"));
  const store = createPairingStore({ db, clock: Date.now, randomBytes: (n) => randomBytes(n) });
  let accepted = 0;
  const adapter = createSlackAdapter({ token, signingSecret, apiUrl: api.apiUrl, clock: Date.now, retries: 0 });
  const pipeline = createInboundPipeline({
    adapters: [adapter], access: () => ({ ...policy, ownerIds: ["UOWNER"] }), pairing: store, clock: Date.now, log: () => undefined,
    onAccepted: async () => {
      accepted += 1;
    },
  });
  await pipeline.start();
  const url = adapter.eventsUrl ?? "";
  const N = 1500;
  const concurrency = 16;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < N) {
      next += 1;
      const body = JSON.stringify(buildMessageEnvelope({ user: "UOWNER", channel: "DOWNER", channelType: "im", text: "hi" }));
      await postSignedEvent(url, body, { signingSecret, timestampSec: Math.floor(Date.now() / 1000) });
    }
  }));
  const ms = performance.now() - t0;
  await pipeline.stop();
  await api.close();
  db.close();
  return { slackSignedHttpMsgsPerSec: Math.round(N / (ms / 1000)), slackAccepted: accepted };
}

/** Discord through the fake gateway (WebSocket dispatches) and REST; the pairing replies it sent to strangers. */
async function benchDiscord(): Promise<Record<string, number>> {
  const token = "bench.discord.token";
  const discord = await startFakeDiscord({ token, heartbeatIntervalMs: 30_000 });
  try {
    const figures = await benchEndToEnd("discordGateway", {
      adapter: createDiscordAdapter({ token, apiRoot: discord.apiRoot, clock: Date.now }),
      owner: "100000000000000001", N: 5000, concurrency: 1,
      inject: (user, text) => discord.dispatch("MESSAGE_CREATE", buildDiscordMessage({ author: { id: user }, channelId: discord.dmChannelOf(user), content: text })),
      stranger: (i) => String(200_000_000_000_000_000n + BigInt(i)),
    });
    return { ...figures, discordPairingRepliesSent: discord.posts.length };
  } finally {
    await discord.close();
  }
}

/**
 * A channel end to end: the owner's messages per second to a no-op agent, then 10,000 distinct strangers (each
 * decided, pairing codes issued up to the channel's limits) with the heap they leave behind after GC.
 */
async function benchEndToEnd(name: string, o: {
  adapter: ChannelAdapter; owner: string; inject: (sender: string, text: string) => Promise<void> | void; stranger: (i: number) => string; N: number; concurrency: number;
}): Promise<Record<string, number>> {
  const db = openDb(join(dir, `${name}.db`));
  const store = createPairingStore({ db, clock: Date.now, randomBytes: (n) => randomBytes(n) });
  let accepted = 0;
  let decided = 0;
  const pipeline = createInboundPipeline({
    adapters: [o.adapter], access: () => ({ ...policy, ownerIds: [o.owner] }), pairing: store, clock: Date.now,
    log: () => {
      decided += 1;
    },
    onAccepted: async () => {
      accepted += 1;
    },
  });
  await pipeline.start();
  const waitDecided = async (n: number) => {
    const deadline = Date.now() + 300_000;
    while (decided < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  };
  const run = async (count: number, sender: (i: number) => string, text: (i: number) => string) => {
    let next = 0;
    await Promise.all(Array.from({ length: o.concurrency }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        await o.inject(sender(i), text(i));
      }
    }));
  };
  const t0 = performance.now();
  await run(o.N, () => o.owner, (i) => `m${i}`);
  await waitDecided(o.N);
  const ms = performance.now() - t0;
  await pipeline.idle();
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const S = 10_000;
  const t1 = performance.now();
  await run(S, o.stranger, () => "let me in");
  await waitDecided(o.N + S);
  const strangersMs = performance.now() - t1;
  await pipeline.idle();
  gc();
  const heap1 = process.memoryUsage().heapUsed;
  await pipeline.stop();
  db.close();
  return {
    [`${name}MsgsPerSec`]: Math.round(o.N / (ms / 1000)), [`${name}Accepted`]: accepted,
    [`${name}10kStrangersDecidedPerSec`]: Math.round(S / (strangersMs / 1000)),
    [`${name}HeapBytesRetainedFor10kStrangers`]: Math.max(0, heap1 - heap0),
  };
}

/** Signal through the fake signal-cli daemon: SSE events in, JSON-RPC sends out. */
async function benchSignal(): Promise<Record<string, number>> {
  const daemon = await startFakeSignalCli({ keepAliveMs: 30_000 });
  try {
    return await benchEndToEnd("signalSse", {
      adapter: createSignalAdapter({ httpUrl: daemon.httpUrl, account: daemon.account, clock: Date.now }),
      owner: signalUuidOf("1"), N: 5000, concurrency: 1,
      inject: (sender, text) => daemon.deliver(buildSignalEnvelope({ fromUuid: sender, text })),
      stranger: (i) => signalUuidOf(String(200_000_000 + i)),
    });
  } finally {
    await daemon.close();
  }
}

/** WhatsApp through signed webhook POSTs (16 at once) and the fake Graph API. */
async function benchWhatsApp(): Promise<Record<string, number>> {
  const accessToken = "bench-whatsapp-token";
  const appSecret = "bench-whatsapp-secret";
  const api = await startFakeGraphApi({ accessToken });
  const adapter = createWhatsAppAdapter({ accessToken, appSecret, verifyToken: "bench", phoneNumberId: api.phoneNumberId, apiUrl: api.apiUrl, clock: Date.now });
  try {
    return await benchEndToEnd("whatsappWebhook", {
      adapter, owner: "15550000001", N: 1500, concurrency: 16,
      inject: async (sender, text) => {
        await postSignedWebhook(adapter.webhookUrl ?? "", JSON.stringify(buildWhatsAppNotification({ phoneNumberId: api.phoneNumberId, from: sender, text })), { appSecret });
      },
      stranger: (i) => String(16_000_000_000 + i),
    });
  } finally {
    await api.close();
  }
}

function benchPendingMemory(): Record<string, number> {
  const path = join(dir, "pending.db");
  const db = openDb(path);
  const store = createPairingStore({
    db, clock: Date.now, randomBytes: (n) => randomBytes(n),
    limits: { maxPendingPerChannel: 1_000_000, maxCodesPerSender: 10 },
  });
  const N = 5_000;
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const size0 = statSync(path).size;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) store.request(`ch${i % 10}`, `sender-${i}`, { senderName: `Sender Number ${i}`, chatId: `${1_000_000_000 + i}` });
  const ms = performance.now() - t0;
  gc();
  const heap1 = process.memoryUsage().heapUsed;
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const size1 = statSync(path).size;
  const pending = store.list().pending.length;
  db.close();
  return {
    pendingCreated: pending,
    newPairingRequestsPerSec: Math.round(N / (ms / 1000)),
    diskBytesPerPendingPairing: Math.round((size1 - size0) / N),
    heapBytesPerPendingPairing: Math.max(0, Math.round((heap1 - heap0) / N)),
  };
}

function benchLimiterMemory(): Record<string, number> {
  const N = 100_000;
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const limiter = createRateLimiter({ capacity: 20, refillPerSecond: 20 / 60, clock: Date.now, maxKeys: N });
  for (let i = 0; i < N; i++) limiter.take(`telegram\u0000${1_000_000_000 + i}`);
  gc();
  const heap1 = process.memoryUsage().heapUsed;
  return { rateLimiterHeapBytesPerTrackedSender: Math.round((heap1 - heap0) / limiter.size()) };
}

async function benchOwnerUnderFlood(): Promise<Record<string, number>> {
  const quiet = await measureOwnerUnderFlood(0);
  const flood = await measureOwnerUnderFlood(10_000);
  return {
    ownerReplyQuietP50Ms: quiet.p50, ownerReplyQuietP99Ms: quiet.p99,
    ownerReplyUnder10kStrangersP50Ms: flood.p50, ownerReplyUnder10kStrangersP99Ms: flood.p99,
    ownerRepliesLostUnderFlood: flood.lost, activityEntriesFor10kStrangers: flood.activityEntries,
  };
}

try {
  const figures = {
    cores: availableParallelism(),
    ...(await benchInProcess()),
    ...(await benchTelegram()),
    ...(await benchSlack()),
    ...(await benchDiscord()),
    ...(await benchSignal()),
    ...(await benchWhatsApp()),
    ...benchPendingMemory(),
    ...benchLimiterMemory(),
    ...(await benchOwnerUnderFlood()),
  };
  process.stdout.write(`${JSON.stringify({ area: "channels", figures })}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

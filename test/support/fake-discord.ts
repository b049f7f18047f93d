/**
 * A local stand-in for Discord in tests, on 127.0.0.1 only: the REST API (`/api/v10/...`: `GET /gateway/bot`,
 * `GET /users/@me`, `POST /users/@me/channels`, `POST /channels/:id/messages`, `POST /channels/:id/typing`) with
 * `Authorization: Bot <token>`, rate-limit headers and 429s as Discord sends them, and the gateway WebSocket
 * (JSON encoding) with the real op codes: HELLO (10), IDENTIFY (2), READY, heartbeat (1) and its ACK (11),
 * RESUME (6) with the missed events replayed and RESUMED, INVALID_SESSION (9), close 4004 for a bad token and 4014
 * for an intent the application may not use. `drop()` cuts every connection, as a network fault would.
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { readBodyLimited } from "../../src/core/read-body.ts";
import { waitUntil } from "./wait.ts";
import type { WebSocket } from "ws";

export type DiscordPost = { channelId: string; content: string; flags: number; allowedMentions: unknown; nonce: string | undefined; components?: unknown };

type Payload = { op: number; d: unknown; s: number | null; t: string | null };
type Session = { id: string; seq: number; events: Payload[]; socket: WebSocket | undefined };

export type FakeDiscord = {
  /** Pass as the adapter's `apiRoot` (`http://127.0.0.1:PORT/api`). */
  readonly apiRoot: string;
  readonly botUser: { id: string; username: string };
  readonly posts: DiscordPost[];
  /** Interaction callbacks received (`POST /interactions/:id/:token/callback`), with the callback type. */
  readonly acks: { interactionId: string; type: number }[];
  readonly counts: { identify: number; resume: number; heartbeat: number; typing: number; rateLimited: number; connections: number; createMessageCalls: number };
  /** While true, REST answers 401 and an IDENTIFY or RESUME is closed with 4004, as after a token reset. */
  revoked: boolean;
  /** While false, an IDENTIFY asking for the Message Content intent is closed with 4014. */
  messageContentAllowed: boolean;
  /** While true, gateway upgrades are refused (HTTP 503), as during an outage. */
  gatewayDown: boolean;
  /** The next `n` message creates answer 429 with `retry_after` seconds. */
  rateLimitNext(n: number, retryAfterSeconds: number): void;
  /** The next `n` message creates answer 502 (nothing created). */
  failNext(n: number): void;
  /** Sends a dispatch (`MESSAGE_CREATE`, …) to the identified session; buffered for a resume while it is away. */
  dispatch(t: string, d: unknown): void;
  /** Cuts every gateway connection without a close frame. */
  drop(): void;
  /** Closes every gateway connection with a close code. */
  closeAll(code: number): void;
  /** The DM channel id Discord uses for a user (the one `POST /users/@me/channels` returns). */
  dmChannelOf(userId: string): string;
  /** The user a DM channel belongs to, if it is one. */
  userOfDmChannel(channelId: string): string | undefined;
  /** Waits (bounded) until `check` holds. */
  waitFor(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

const Intents = { MessageContent: 1 << 15 } as const;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readBodyLimited(req, 1 << 20)).toString("utf8");
  return raw === "" ? {} : JSON.parse(raw) as Record<string, unknown>;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

let snowflake = 1_300_000_000_000_000_000n;
/** A fresh snowflake-shaped id. */
export function nextSnowflake(): string {
  snowflake += 1n;
  return String(snowflake);
}

export async function startFakeDiscord(options: { token: string; heartbeatIntervalMs?: number }): Promise<FakeDiscord> {
  const botUser = { id: "900000000000000001", username: "warden-bot" };
  const posts: DiscordPost[] = [];
  const acks: { interactionId: string; type: number }[] = [];
  const counts = { identify: 0, resume: 0, heartbeat: 0, typing: 0, rateLimited: 0, connections: 0, createMessageCalls: 0 };
  const sessions = new Map<string, Session>();
  const dmChannels = new Map<string, string>();
  const nonces = new Map<string, string>();
  const limits = { rateLimited: 0, retryAfter: 0, failing: 0 };
  const flags = { revoked: false, messageContentAllowed: true, gatewayDown: false };
  let current: Session | undefined;
  let wsUrl = "";

  const dmChannelOf = (userId: string): string => {
    let id = dmChannels.get(userId);
    if (id === undefined) {
      id = `7${userId.slice(1)}`;
      dmChannels.set(userId, id);
    }
    return id;
  };

  function createMessage(res: ServerResponse, channelId: string, body: Record<string, unknown>): void {
    counts.createMessageCalls += 1;
    const bucket = { "x-ratelimit-bucket": "fake-bucket-messages", "x-ratelimit-limit": "5" };
    if (limits.rateLimited > 0) {
      limits.rateLimited -= 1;
      counts.rateLimited += 1;
      json(res, 429, { message: "You are being rate limited.", retry_after: limits.retryAfter, global: false }, {
        ...bucket, "retry-after": String(limits.retryAfter), "x-ratelimit-remaining": "0",
        "x-ratelimit-reset-after": String(limits.retryAfter), "x-ratelimit-scope": "user",
      });
      return;
    }
    if (limits.failing > 0) {
      limits.failing -= 1;
      json(res, 502, { message: "Bad Gateway", code: 0 });
      return;
    }
    const content = typeof body.content === "string" ? body.content : "";
    if (content === "" || content.length > 2000) {
      json(res, 400, { message: "Invalid Form Body", code: 50035, errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 2000 or fewer in length." }] } } });
      return;
    }
    const nonce = typeof body.nonce === "string" ? body.nonce : undefined;
    const headers = { ...bucket, "x-ratelimit-remaining": "4", "x-ratelimit-reset-after": "1" };
    // enforce_nonce: the same nonce from the same author within minutes returns the first message, creates nothing.
    const earlier = nonce === undefined || body.enforce_nonce !== true ? undefined : nonces.get(nonce);
    if (earlier !== undefined) {
      json(res, 200, { id: earlier, channel_id: channelId, content, author: { ...botUser, bot: true }, nonce }, headers);
      return;
    }
    const id = nextSnowflake();
    if (nonce !== undefined) nonces.set(nonce, id);
    posts.push({ channelId, content, flags: Number(body.flags ?? 0), allowedMentions: body.allowed_mentions, nonce, ...(body.components === undefined ? {} : { components: body.components }) });
    json(res, 200, { id, type: 0, channel_id: channelId, content, author: { ...botUser, bot: true }, flags: body.flags ?? 0, nonce }, headers);
  }

  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
      const route = /^\/api\/v10(\/.*)$/.exec(decodeURIComponent(path))?.[1];
      if (route === undefined) return json(res, 404, { message: "404: Not Found", code: 0 });
      // Interaction callbacks are authorized by the interaction's token in the path, not the bot token.
      const callback = /^\/interactions\/(\d{17,20})\/([^/]+)\/callback$/.exec(route);
      if (req.method === "POST" && callback !== null) {
        const body = await readJson(req);
        acks.push({ interactionId: callback[1] ?? "", type: Number(body.type) });
        res.writeHead(204);
        return res.end();
      }
      if (req.headers.authorization !== `Bot ${options.token}` || flags.revoked) return json(res, 401, { message: "401: Unauthorized", code: 0 });
      const body = req.method === "POST" ? await readJson(req) : {};
      if (req.method === "GET" && route === "/gateway/bot") {
        return json(res, 200, { url: wsUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 60_000, max_concurrency: 1 } });
      }
      if (req.method === "GET" && route === "/users/@me") return json(res, 200, { ...botUser, discriminator: "0", global_name: null, avatar: null, bot: true });
      if (req.method === "POST" && route === "/users/@me/channels") {
        const recipient = String(body.recipient_id ?? "");
        if (!/^\d{17,20}$/.test(recipient)) return json(res, 400, { message: "Invalid Form Body", code: 50035 });
        return json(res, 200, { id: dmChannelOf(recipient), type: 1, recipients: [{ id: recipient, username: `u${recipient}` }] });
      }
      const channel = /^\/channels\/(\d{17,20})\/(messages|typing)$/.exec(route);
      if (req.method === "POST" && channel?.[2] === "messages") return createMessage(res, channel[1] ?? "", body);
      if (req.method === "POST" && channel?.[2] === "typing") {
        counts.typing += 1;
        res.writeHead(204);
        return res.end();
      }
      return json(res, 404, { message: "404: Not Found", code: 0 });
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    if (flags.gatewayDown || new URL(req.url ?? "/", "http://127.0.0.1").pathname !== "/gateway") {
      socket.end("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });

  function send(ws: WebSocket, payload: Payload): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
  }

  function onConnection(ws: WebSocket): void {
    counts.connections += 1;
    let session: Session | undefined;
    send(ws, { op: 10, d: { heartbeat_interval: options.heartbeatIntervalMs ?? 1_000 }, s: null, t: null });
    ws.on("message", (data) => {
      let p: { op?: unknown; d?: Record<string, unknown> | null };
      try {
        p = JSON.parse(String(data)) as typeof p;
      } catch {
        ws.close(4002, "Decode error");
        return;
      }
      if (p.op === 1) {
        counts.heartbeat += 1;
        send(ws, { op: 11, d: null, s: null, t: null });
        return;
      }
      if (p.op === 2) {
        counts.identify += 1;
        if (p.d?.token !== options.token || flags.revoked) return ws.close(4004, "Authentication failed.");
        if ((Number(p.d?.intents ?? 0) & Intents.MessageContent) !== 0 && !flags.messageContentAllowed) return ws.close(4014, "Disallowed intent(s).");
        session = { id: `session-${nextSnowflake()}`, seq: 0, events: [], socket: ws };
        sessions.set(session.id, session);
        current = session;
        emit(session, "READY", { v: 10, user: { ...botUser, bot: true }, guilds: [], session_id: session.id, resume_gateway_url: wsUrl, shard: [0, 1], application: { id: botUser.id, flags: 0 } });
        return;
      }
      if (p.op === 6) {
        counts.resume += 1;
        if (p.d?.token !== options.token || flags.revoked) return ws.close(4004, "Authentication failed.");
        const known = sessions.get(String(p.d?.session_id));
        if (known === undefined) return send(ws, { op: 9, d: false, s: null, t: null });
        known.socket = ws;
        session = known;
        current = known;
        const from = Number(p.d?.seq ?? 0);
        for (const e of known.events) if ((e.s ?? 0) > from) send(ws, e);
        emit(known, "RESUMED", null);
        return;
      }
    });
    ws.on("close", () => {
      if (session !== undefined && session.socket === ws) session.socket = undefined;
    });
  }

  function emit(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const payload: Payload = { op: 0, t, s: session.seq, d };
    session.events.push(payload);
    if (session.events.length > 1_000) session.events.shift();
    if (session.socket !== undefined) send(session.socket, payload);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  wsUrl = `ws://127.0.0.1:${port}/gateway`;

  return {
    apiRoot: `http://127.0.0.1:${port}/api`,
    botUser,
    posts,
    acks,
    counts,
    get revoked() { return flags.revoked; },
    set revoked(v: boolean) { flags.revoked = v; },
    get messageContentAllowed() { return flags.messageContentAllowed; },
    set messageContentAllowed(v: boolean) { flags.messageContentAllowed = v; },
    get gatewayDown() { return flags.gatewayDown; },
    set gatewayDown(v: boolean) { flags.gatewayDown = v; },
    rateLimitNext(n, retryAfterSeconds) {
      limits.rateLimited = n;
      limits.retryAfter = retryAfterSeconds;
    },
    failNext(n) {
      limits.failing = n;
    },
    dispatch(t, d) {
      if (current === undefined) throw new Error("no session has identified yet");
      emit(current, t, d);
    },
    drop() {
      for (const ws of wss.clients) ws.terminate();
    },
    closeAll(code) {
      for (const ws of wss.clients) ws.close(code);
    },
    dmChannelOf,
    userOfDmChannel: (channelId) => [...dmChannels].find(([, c]) => c === channelId)?.[0],
    waitFor: waitUntil,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export type MessageSpec = {
  author: { id: string; username?: string; bot?: boolean };
  content: string;
  /** Absent for a DM. */
  guildId?: string;
  channelId: string;
  mentions?: string[];
  /** The message this one replies to (its author and text). */
  replyTo?: { authorId: string; content: string };
  forwarded?: { content: string };
  id?: string;
  type?: number;
  webhookId?: string;
};

/** A `MESSAGE_CREATE` / `MESSAGE_UPDATE` payload as the gateway sends it (API v10). */
export function buildDiscordMessage(spec: MessageSpec, edited = false): Record<string, unknown> {
  const id = spec.id ?? nextSnowflake();
  return {
    id,
    type: spec.type ?? (spec.replyTo === undefined ? 0 : 19),
    channel_id: spec.channelId,
    ...(spec.guildId === undefined ? {} : { guild_id: spec.guildId, member: { roles: [] } }),
    author: { id: spec.author.id, username: spec.author.username ?? `u${spec.author.id}`, discriminator: "0", global_name: null, avatar: null, ...(spec.author.bot === true ? { bot: true } : {}) },
    content: spec.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: edited ? new Date().toISOString() : null,
    tts: false,
    mention_everyone: false,
    mentions: (spec.mentions ?? []).map((m) => ({ id: m, username: `u${m}`, discriminator: "0" })),
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    ...(spec.webhookId === undefined ? {} : { webhook_id: spec.webhookId }),
    ...(spec.replyTo === undefined ? {} : {
      message_reference: { type: 0, message_id: "1200000000000000001", channel_id: spec.channelId, ...(spec.guildId === undefined ? {} : { guild_id: spec.guildId }) },
      referenced_message: { id: "1200000000000000001", type: 0, channel_id: spec.channelId, author: { id: spec.replyTo.authorId, username: "x" }, content: spec.replyTo.content, mentions: [] },
    }),
    ...(spec.forwarded === undefined ? {} : {
      message_reference: { type: 1, message_id: "1200000000000000002", channel_id: "1200000000000000003" },
      message_snapshots: [{ message: { type: 0, content: spec.forwarded.content, mentions: [], timestamp: new Date().toISOString() } }],
    }),
  };
}

/** An `INTERACTION_CREATE` for a button press (a message component), as the gateway sends it. */
export function buildButtonPress(spec: { userId: string; customId: string; channelId: string; guildId?: string }): Record<string, unknown> {
  const user = { id: spec.userId, username: `u${spec.userId}`, discriminator: "0", global_name: null, avatar: null };
  return {
    id: nextSnowflake(),
    application_id: "900000000000000001",
    type: 3,
    token: `interaction-token-${nextSnowflake()}`,
    version: 1,
    channel_id: spec.channelId,
    ...(spec.guildId === undefined ? { user } : { guild_id: spec.guildId, member: { user, roles: [] } }),
    data: { custom_id: spec.customId, component_type: 2 },
    message: { id: "1200000000000000009", channel_id: spec.channelId, content: "Approval …" },
  };
}

/**
 * The gateway: HTTP (Hono) and WebSocket (`ws`) on one port. Every WebSocket connection and every `/api`
 * route needs the credential; `/health` says only that it is up. Browser origins are checked on the upgrade
 * and on API calls; a Host header that is not loopback is refused on a loopback bind (DNS rebinding).
 *
 * Hono's Node adapter and `ws` load at the first request and the first upgrade, not at start: the adapter
 * touches the fetch classes (`Headers`, `Request`, `Response`) as it loads, and that loads Node's bundled undici
 * (~15 MB resident); `ws` is ~3 MB more. An idle gateway that no client has called holds neither.
 */
import { Hono, type Context } from "hono";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "../core/node-http.ts";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { WebSocketServer, WebSocket, RawData } from "ws";
import { z } from "zod";
import { ErrorCode, WardenError, describeError } from "../core/errors.ts";
import { checkPasswordStrength } from "../core/password-strength.ts";
import { checkCredential, createAuthLimiter, type AuthSettings, type LockoutSettings } from "./auth.ts";
import { allowedOrigins, bindAddress, hostAllowed, isLoopbackBind, originAllowed } from "./origin.ts";
import { createTurnAdmission, type Admission } from "./turn-admission.ts";
import { createTurnPacer } from "./turn-pacer.ts";
import { createFrameInbox } from "./frame-inbox.ts";
import { dispatchMethod, requestFrameSchema, PROTOCOL_VERSION, type ChatResult, type ConnectParams, type EventFrame, type MethodHandlers, type RequestFrame, type ResponseFrame, type ServerFrame, type ErrorBody } from "./protocol.ts";
import { createDashboardLogin } from "./dashboard-login.ts";
import { createSendDedup } from "./send-dedup.ts";
import { createUnreadTracker } from "./unread.ts";
import type { Logger } from "../core/logger.ts";

export type ChatOutcome = ChatResult;

/** What the gateway serves. Handlers must not throw for user errors: they return them as data. */
export type GatewayHandlers = {
  /**
   * `pace` resolves when the turn may run its next synchronous stage, one that handles about `size` characters (see
   * `turn-pacer.ts`); the turn awaits it before each.
   */
  chat(params: { text: string; session?: string }, onDelta: (session: string, delta: string) => void, signal: AbortSignal, pace?: (size: number) => Promise<void>): Promise<ChatOutcome>;
  /** The request/response methods, each typed by its declaration in `gatewayMethods`. */
  methods: MethodHandlers;
  subscribe(listener: (event: EventFrame) => void): () => void;
};

export type GatewayOptions = {
  bind: string;
  port: number;
  auth: AuthSettings;
  lockout: LockoutSettings;
  extraOrigins: readonly string[];
  maxFrameBytes: number;
  preAuthTimeoutMs: number;
  handlers: GatewayHandlers;
  /** The Control UI's files by URL path (`/` is the page); served with the gateway's CSP. */
  webchat: ReadonlyMap<string, { body: string | Uint8Array; type: string }>;
  clock: () => number;
  /** A monotonic clock (ms) for lockouts: a wall-clock step must not stretch or cut a lockout. */
  monotonic: () => number;
  log: Logger;
  /**
   * Every authentication attempt, for the activity log. `unavailable` says the credential could not be checked
   * at all (a server fault, not counted toward lockout). A throwing hook is logged, never fatal.
   */
  onAuth?: (event: AuthEvent) => void;
  /** Backpressure and slow-client limits; defaults in `defaultGatewayLimits`. */
  limits?: Partial<GatewayLimits>;
};

export type AuthEvent = { ok: boolean; remote: string; via: "http" | "websocket"; lockedOut: boolean; unavailable?: string };

/** HTTP status for an error code that crosses the boundary: storage and auth-store faults are 503 (retry later). */
function statusOf(error: WardenError): 400 | 404 | 409 | 503 {
  if (error.code === ErrorCode.NotFound) return 404;
  if (error.code === ErrorCode.BadRequest) return 400;
  if (error.code.startsWith("STORAGE_") || error.code === ErrorCode.AuthUnavailable) return 503;
  return 409;
}

export type GatewayLimits = {
  /**
   * A WebSocket client that leaves more than this unread is closed with `CloseCode.SlowConsumer`: data the gateway
   * could not hand to the kernel yet, or data sent before a ping the client has not answered within
   * `slowConsumerGraceMs` (the kernel's buffers hide a client that stopped reading).
   */
  maxSendBufferBytes: number;
  /** How long a client may take to answer a ping before what it left unread counts against `maxSendBufferBytes`. */
  slowConsumerGraceMs: number;
  /** Turns one client (a WebSocket connection; an address over HTTP) may have running or waiting at once. */
  maxConcurrentTurnsPerClient: number;
  /**
   * Turns a WebSocket client may have refused in a row for `maxConcurrentTurnsPerClient` (it keeps sending at its
   * limit); one more closes it with `CloseCode.TooManyRequests`, and what it had sent after that is not read.
   */
  maxRefusedTurnsPerClient: number;
  /**
   * Turns running and waiting at once from one remote address, all its connections together (a connection that has
   * had turns and has none running waits instead, and is let past once they are short: see `turn-admission.ts`);
   * more are refused (RATE_LIMITED).
   */
  maxConcurrentTurnsPerAddress: number;
  /** Turns running at once across all clients; a freed slot goes to the client with the fewest running. */
  maxConcurrentTurns: number;
  /** Turns waiting for a slot across all clients; past this a turn is refused at once (RATE_LIMITED, retryable). */
  maxQueuedTurns: number;
  /** An HTTP request whose headers are not complete by then is closed (slowloris). */
  headersTimeoutMs: number;
  /** An HTTP request whose body is not complete by then is closed. */
  requestTimeoutMs: number;
};

export const defaultGatewayLimits: GatewayLimits = {
  maxSendBufferBytes: 1024 * 1024,
  slowConsumerGraceMs: 2000,
  maxConcurrentTurnsPerClient: 4,
  maxRefusedTurnsPerClient: 64,
  maxConcurrentTurnsPerAddress: 8,
  maxConcurrentTurns: 16,
  maxQueuedTurns: 64,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
};

/** One key per remote address: an IPv4 address is the same whether the socket reports it mapped into IPv6 or not. */
const addressKey = (remote: string) => remote.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");

/** WebSocket close codes the gateway uses beyond the standard ones. */
export const CloseCode = {
  /** The client does not read what the gateway sends; its buffer passed `maxSendBufferBytes`. */
  SlowConsumer: 4008,
  /** The client kept sending turns past its limit; `maxRefusedTurnsPerClient` refusals in a row. */
  TooManyRequests: 4029,
} as const;

export type RunningGateway = { url: string; port: number; host: string; close(): Promise<void> };

const chatBody = z.strictObject({ text: z.string().min(1).max(100_000), session: z.string().max(256).optional() });

function errorBody(code: ErrorBody["code"], message: string, retryable = false): ErrorBody {
  return { code, message, retryable };
}

function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

export function assertSafeBind(bind: string, auth: AuthSettings): void {
  if (!isLoopbackBind(bind) && auth.mode === "none") {
    throw new WardenError(ErrorCode.ConfigInvalid, `Refusing to listen on \`${bind}\` without authentication. Set gateway.auth.mode to token (the default) or bind to loopback.`);
  }
  if (auth.mode === "token" && !auth.token) throw new WardenError(ErrorCode.ConfigInvalid, "gateway.auth.mode is token but no token is available; run `warden token rotate`.");
  if (auth.mode === "password" && !auth.password) throw new WardenError(ErrorCode.ConfigInvalid, "gateway.auth.mode is password but gateway.auth.password is not set.");
  if (auth.mode === "password" && auth.password) {
    const strength = checkPasswordStrength(auth.password);
    if (!strength.ok) throw new WardenError(ErrorCode.ConfigInvalid, `Refusing to start: ${strength.why}. Set a strong one with \`warden secrets set gateway.auth.password\`, or use token auth (\`warden config set gateway.auth.mode token\`).`);
  }
}

/** The UTF-8 text of a request body, or undefined once it passes `limit` bytes (the rest is not read). */
async function readStreamLimited(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<string | undefined> {
  if (stream === null) return "";
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  assertSafeBind(options.bind, options.auth);
  const limiter = createAuthLimiter(options.lockout, options.monotonic);
  // One failure budget per credential, shared by HTTP and WebSocket and by every source address.
  const credentialKey = options.auth.mode;
  const reportAuth = (event: AuthEvent) => {
    try {
      options.onAuth?.(event);
    } catch (error) {
      options.log.warn({ error: describeError(error) }, "recording a login failed");
    }
  };
  const login = createDashboardLogin({ credential: options.auth.mode === "token" ? options.auth.token : options.auth.mode === "password" ? options.auth.password : undefined, clock: options.clock });
  const sends = createSendDedup();
  /** The credential check, with a store that cannot be read kept apart from a wrong credential. */
  const check = (presented: ConnectParams): { ok: boolean; unavailable?: WardenError } => {
    try {
      // A login code is spent by any try; a browser session is checked like a credential (constant time).
      if (presented.code !== undefined) return { ok: login.redeemCode(presented.code) };
      if (presented.session !== undefined) return { ok: login.verifySession(presented.session) };
      return { ok: checkCredential(options.auth, presented) };
    } catch (error) {
      const fault = error instanceof WardenError ? error : new WardenError(ErrorCode.AuthUnavailable, describeError(error));
      return { ok: false, unavailable: new WardenError(ErrorCode.AuthUnavailable, `The gateway cannot check credentials right now (a server fault, not a wrong token): ${fault.message}`, { retryable: true }) };
    }
  };
  const limits: GatewayLimits = { ...defaultGatewayLimits, ...options.limits };
  // Turns running per HTTP client address (WebSocket connections count their own).
  const httpTurns = new Map<string, number>();
  // Aborted by `close`: an HTTP turn in flight is cancelled and answered 503 "shutting down", not cut off unanswered.
  const stopping = new AbortController();
  const admission = createTurnAdmission({ maxRunning: limits.maxConcurrentTurns, maxQueued: limits.maxQueuedTurns, maxPerAddress: limits.maxConcurrentTurnsPerAddress, clock: options.monotonic });
  const pacer = createTurnPacer({ clock: options.monotonic });
  // WebSocket frames are taken one per connection per round: a flood read in one chunk waits its turns.
  const inbox = createFrameInbox({ clock: options.monotonic, onError: (error) => options.log.warn({ error: describeError(error) }, "gateway frame handling failed") });
  const busy = (why: "busy" | "address"): ErrorBody =>
    why === "address"
      ? errorBody(ErrorCode.RateLimited, `Too many turns at once from this address (gateway.maxConcurrentTurnsPerAddress is ${limits.maxConcurrentTurnsPerAddress}, all its connections together); wait for one to finish.`, true)
      : errorBody(ErrorCode.RateLimited, `The gateway is busy: ${limits.maxConcurrentTurns} turns are running and ${limits.maxQueuedTurns} are waiting (gateway.maxConcurrentTurns, gateway.maxQueuedTurns); try again in a moment.`, true);
  /** Runs `turn` once admitted; the refusal otherwise (`cancelled`: the client left while it waited). */
  const admitted = async <T>(client: string, address: string, signal: AbortSignal, turn: () => Promise<T>): Promise<{ ok: true; value: T } | Extract<Admission, { ok: false }>> => {
    const slot = await admission.admit(client, signal, address);
    if (!slot.ok) return slot;
    try {
      return { ok: true, value: await turn() };
    } finally {
      slot.release();
    }
  };
  /** The answer to a request that failed: a WardenError's code and words, anything else "Internal error." (logged). */
  const failed = (frame: RequestFrame, error: unknown): ResponseFrame => {
    if (!(error instanceof WardenError)) options.log.warn({ method: frame.method, error: describeError(error) }, "gateway request failed");
    return error instanceof WardenError
      ? { type: "res", id: frame.id, ok: false, error: errorBody(error.code, error.message, error.retryable) }
      : { type: "res", id: frame.id, ok: false, error: errorBody(ErrorCode.Internal, "Internal error.") };
  };
  /** One request/response method of an authenticated client, over the WebSocket or `/api/call`. Never throws. */
  const answer = async (frame: Exclude<RequestFrame, { method: "connect" | "chat.send" }>): Promise<ResponseFrame> => {
    try {
      if (frame.method === "dashboard.code") {
        const minted = login.mintCode();
        return { type: "res", id: frame.id, ok: true, payload: { code: minted.code, expiresAt: new Date(minted.expiresAt).toISOString(), url: `${baseUrl}/#code=${minted.code}` } };
      }
      return { type: "res", id: frame.id, ok: true, payload: await dispatchMethod(options.handlers.methods, frame.method, frame.params) };
    } catch (error) {
      return failed(frame, error);
    }
  };
  let connections = 0;
  // Filled in once the real port is known (port 0 picks one).
  let origins: ReadonlySet<string> = new Set<string>();
  let baseUrl = "";
  const app = new Hono<{ Bindings: { incoming: IncomingMessage } }>();

  const remoteOf = (c: Context<{ Bindings: { incoming: IncomingMessage } }>) => c.env.incoming.socket.remoteAddress ?? "unknown";
  const securityHeaders = {
    "content-security-policy": "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
  };

  app.use("*", async (c, next) => {
    if (!hostAllowed(c.req.header("host"), options.bind)) return c.json({ error: errorBody(ErrorCode.OriginRejected, "This Host is not allowed on a loopback gateway.") }, 421);
    await next();
    for (const [k, v] of Object.entries(securityHeaders)) c.header(k, v);
  });
  app.get("/health", (c) => c.json({ ok: true }));
  for (const [path, file] of options.webchat) {
    app.get(path, (c) => c.body(typeof file.body === "string" ? file.body : new Uint8Array(file.body), 200, { "content-type": file.type }));
  }

  app.use("/api/*", async (c, next) => {
    if (!originAllowed(c.req.header("origin"), origins)) return c.json({ error: errorBody(ErrorCode.OriginRejected, "Cross-site requests are refused.") }, 403);
    const presented = bearer(c.req.header("authorization"));
    // INVARIANT: the credential is checked before the lockout: a valid one always gets in.
    const { ok, unavailable } = check({ token: presented, password: presented });
    if (unavailable) {
      reportAuth({ ok: false, remote: remoteOf(c), via: "http", lockedOut: false, unavailable: unavailable.message });
      options.log.warn({ error: unavailable.message }, "gateway cannot check credentials");
      return c.json({ error: errorBody(unavailable.code, unavailable.message, true) }, 503);
    }
    if (!ok) {
      const after = presented === undefined ? limiter.check(credentialKey) : limiter.fail(credentialKey);
      reportAuth({ ok, remote: remoteOf(c), via: "http", lockedOut: !after.ok });
      options.log.warn({ remote: remoteOf(c) }, "gateway http auth failed");
      if (!after.ok) {
        c.header("retry-after", String(Math.ceil(after.retryAfterMs / 1000)));
        return c.json({ error: errorBody(ErrorCode.AuthLockedOut, "Too many failed attempts; wrong credentials are refused for a while.", true) }, 429);
      }
      return c.json({ error: errorBody(presented ? ErrorCode.AuthFailed : ErrorCode.AuthRequired, presented ? "The credential is wrong." : "Send Authorization: Bearer <token>.") }, 401);
    }
    reportAuth({ ok, remote: remoteOf(c), via: "http", lockedOut: false });
    limiter.succeed(credentialKey);
    await next();
  });
  app.post("/api/chat", async (c) => {
    // INVARIANT: the body is read as a stream and dropped at the cap, never buffered whole first.
    const limit = options.maxFrameBytes;
    const declared = Number(c.req.header("content-length") ?? "0");
    const tooLarge = () => {
      c.header("connection", "close");
      return c.json({ error: errorBody(ErrorCode.FrameTooLarge, `The body is larger than ${limit} bytes (gateway.maxFrameBytes).`) }, 413);
    };
    if (declared > limit) return tooLarge();
    const text = await readStreamLimited(c.req.raw.body, limit);
    if (text === undefined) return tooLarge();
    const remote = remoteOf(c);
    const running = httpTurns.get(remote) ?? 0;
    if (running >= limits.maxConcurrentTurnsPerClient) {
      return c.json({ error: errorBody(ErrorCode.RateLimited, `Too many turns at once from this client (gateway.maxConcurrentTurnsPerClient is ${limits.maxConcurrentTurnsPerClient}); wait for one to finish.`, true) }, 429);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return c.json({ error: errorBody(ErrorCode.BadRequest, "The body must be JSON: { \"text\": \"...\" }.") }, 400);
    }
    const parsed = chatBody.safeParse(body);
    if (!parsed.success) return c.json({ error: errorBody(ErrorCode.BadRequest, "The body must be { \"text\": string, \"session\"?: string }.") }, 400);
    httpTurns.set(remote, running + 1);
    const shuttingDown = () => {
      c.header("retry-after", "5");
      return c.json({ error: errorBody(ErrorCode.Unavailable, "The gateway is shutting down; the turn was cancelled. Send it again once the gateway is back.", true) }, 503);
    };
    try {
      const signal = AbortSignal.any([c.req.raw.signal, stopping.signal]);
      let outcome: Awaited<ReturnType<typeof admitted>>;
      try {
        outcome = await admitted(`http:${remote}`, addressKey(remote), signal, () => options.handlers.chat(parsed.data, () => {}, signal, (size) => pacer.pace(`http:${remote}`, signal, size)));
      } catch (error) {
        if (stopping.signal.aborted) return shuttingDown();
        throw error;
      }
      // A turn the stop cancelled ends as a value naming CANCELLED: it is the stop's, answered as such.
      if (stopping.signal.aborted && (!outcome.ok || (outcome.value as { error?: { code?: string } }).error?.code === ErrorCode.Cancelled)) return shuttingDown();
      if (outcome.ok) return c.json(outcome.value);
      c.header("retry-after", "1");
      return c.json({ error: outcome.why === "cancelled" ? errorBody(ErrorCode.Cancelled, "The request was cancelled while it waited.") : busy(outcome.why) }, 429);
    } finally {
      const left = (httpTurns.get(remote) ?? 1) - 1;
      if (left > 0) httpTurns.set(remote, left);
      else httpTurns.delete(remote);
    }
  });
  // One request/response method for one-shot clients (the CLI's status, approvals, pairing, dashboard): the request
  // frame of the WebSocket protocol in, its response frame out (200 when the method ran, its failure as data), so a
  // command needs no WebSocket client. Turns stream, so they stay on the WebSocket and `/api/chat`.
  app.post("/api/call", async (c) => {
    const text = await readStreamLimited(c.req.raw.body, options.maxFrameBytes);
    const refuse = (message: string, code: ErrorBody["code"] = ErrorCode.BadRequest, id: string | null = null) => c.json({ type: "res", id, ok: false, error: errorBody(code, message) } satisfies ResponseFrame, code === ErrorCode.BadRequest ? 400 : 413);
    if (text === undefined) {
      c.header("connection", "close");
      return refuse(`The body is larger than ${options.maxFrameBytes} bytes (gateway.maxFrameBytes).`, ErrorCode.FrameTooLarge);
    }
    let frame: RequestFrame;
    try {
      frame = requestFrameSchema.parse(JSON.parse(text));
    } catch {
      return refuse("Malformed request: send one JSON request frame { type: \"req\", id, method, params } within the protocol's limits.");
    }
    if (frame.method === "connect" || frame.method === "chat.send") return refuse(`\`${frame.method}\` is not answered on /api/call: turns go over the WebSocket or POST /api/chat.`, ErrorCode.BadRequest, frame.id);
    return c.json(await answer(frame));
  });
  app.get("/api/approvals", async (c) => c.json(await options.handlers.methods["approvals.list"]({})));
  app.get("/api/status", async (c) => c.json(await options.handlers.methods.status({})));
  app.notFound((c) => c.json({ error: errorBody(ErrorCode.NotFound, "Not found.") }, 404));
  app.onError((error, c) => {
    if (error instanceof WardenError) {
      const status = statusOf(error);
      if (status === 503) c.header("retry-after", "5");
      return c.json({ error: errorBody(error.code, error.message, error.retryable) }, status);
    }
    options.log.warn({ error: describeError(error) }, "gateway http handler failed");
    return c.json({ error: errorBody(ErrorCode.Internal, "Internal error.") }, 500);
  });

  // The adapter's listener, made at the first request (see the header); a request that comes while it loads waits.
  let httpListener: Promise<(req: IncomingMessage, res: ServerResponse) => Promise<void>> | undefined;
  const listenHttp = () => (httpListener ??= import("@hono/node-server").then(({ getRequestListener }) => getRequestListener(app.fetch)));
  // Slowloris: a request must finish its headers, then its body, in bounded time; checked every second.
  const server = createServer({ headersTimeout: limits.headersTimeoutMs, requestTimeout: Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs), connectionsCheckingInterval: 1000 }, (req, res) => {
    listenHttp().then(
      (listener) => listener(req, res),
      (error: unknown) => {
        options.log.error({ error: describeError(error) }, "gateway http adapter failed to load");
        res.writeHead(503, { "content-type": "application/json", "retry-after": "5" }).end(JSON.stringify({ error: errorBody(ErrorCode.Internal, "The gateway's HTTP adapter could not be loaded.", true) }));
      },
    ).catch((error: unknown) => options.log.warn({ error: describeError(error) }, "gateway http handler failed"));
  });
  // Made at the first upgrade that passes the host and origin checks (see the header).
  let wss: WebSocketServer | undefined;
  let loadingWss: Promise<WebSocketServer> | undefined;
  const webSocketServer = () => (loadingWss ??= import("ws").then(({ WebSocketServer }) => (wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes }))));
  // Node's header timeout starts with the first byte: a connection that never sends one is ours to close.
  server.on("connection", (socket) => {
    socket.setTimeout(limits.headersTimeoutMs, () => socket.destroy());
  });
  const settled = (socket: { setTimeout(ms: number): unknown }) => socket.setTimeout(0);
  server.on("request", (req: IncomingMessage) => settled(req.socket));

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    settled(req.socket);
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!hostAllowed(req.headers.host, options.bind)) return refuse(421, "Misdirected Request");
    if (!originAllowed(req.headers.origin, origins)) {
      options.log.warn({ origin: String(req.headers.origin).slice(0, 200) }, "gateway websocket origin refused");
      return refuse(403, "Forbidden");
    }
    // Node took its error listener off the upgraded socket; until `ws` puts on its own, an error closes it.
    const closeOnError = () => socket.destroy();
    socket.on("error", closeOnError);
    webSocketServer().then(
      (upgrader) => {
        socket.off("error", closeOnError);
        upgrader.handleUpgrade(req, socket, head, (ws) => handleConnection(ws, req, credentialKey));
      },
      (error: unknown) => {
        options.log.error({ error: describeError(error) }, "gateway websocket server failed to load");
        refuse(503, "Service Unavailable");
      },
    ).catch((error: unknown) => {
      options.log.warn({ error: describeError(error) }, "gateway websocket upgrade failed");
      socket.destroy();
    });
  });

  function handleConnection(ws: WebSocket, req: IncomingMessage, limiterKey: string): void {
    let authenticated = false;
    const controller = new AbortController();
    let unsubscribe: (() => void) | undefined;
    /**
     * Closes a client the gateway gives up on. Its turns stop now, not when the socket is gone: nothing they produce
     * could reach it, and their slots and model calls go to other clients. The close frame may wait behind unread
     * data: a client that still does not read loses the socket soon after.
     */
    const hangUp = (code: number, reason: string) => {
      controller.abort();
      frames.close();
      ws.close(code, reason);
      setTimeout(() => ws.terminate(), 2000).unref();
    };
    let turns = 0;
    // Refusals for the per-client limit since one of its turns last finished: a flood is closed, not answered forever.
    let refusedInARow = 0;
    const client = `ws:${connections++}`;
    const unread = createUnreadTracker({ pingEveryBytes: Math.max(4096, Math.floor(limits.maxSendBufferBytes / 8)), maxPendingPings: 16, graceMs: limits.slowConsumerGraceMs, clock: options.monotonic });
    // A new turn starts only once the client has read all but this much of what it was sent: a client that does not
    // read its answers does not get the next ones computed (a reading client waits at most for a ping's round trip).
    const readAheadBytes = Math.min(64 * 1024, Math.floor(limits.maxSendBufferBytes / 4));
    const readWaiters = new Set<() => void>();
    const wakeReadWaiters = () => {
      for (const wake of readWaiters) wake();
      readWaiters.clear();
    };
    ws.on("pong", (payload: Buffer) => {
      unread.ponged(payload);
      wakeReadWaiters();
    });
    controller.signal.addEventListener("abort", wakeReadWaiters, { once: true });
    /** Resolves true once the client has read all but `readAheadBytes` of what it was sent; false when it is gone. */
    const readUp = async (): Promise<boolean> => {
      // Each pass waits for a pong or the connection's end; a pass costs one comparison.
      while (unread.unconfirmed() > readAheadBytes) {
        if (controller.signal.aborted || ws.readyState !== ws.OPEN) return false;
        const ping = unread.confirm();
        if (ping !== undefined) ws.ping(ping);
        await new Promise<void>((resolve) => readWaiters.add(resolve));
      }
      return !controller.signal.aborted;
    };
    // A connection's turns in one session go one after another, each once the one before was answered and read: a
    // turn never holds a slot while it waits for its client (the chat service runs a session's turns in order anyway).
    const sessionChains = new Map<string, Promise<void>>();
    const pace = (size: number) => pacer.pace(client, controller.signal, size);
    /** Closes the client when it has left more than the limit unread; says whether it did. */
    const fellBehind = (): boolean => {
      const buffered = ws.bufferedAmount;
      const unanswered = unread.behind();
      if (buffered <= limits.maxSendBufferBytes && unanswered <= limits.maxSendBufferBytes) return false;
      options.log.warn({ remote: req.socket.remoteAddress, buffered, unread: unanswered }, "gateway closed a client that does not read");
      hangUp(CloseCode.SlowConsumer, "slow consumer: too much left unread");
      return true;
    };
    // INVARIANT: nothing is queued for a client past maxSendBufferBytes unread (beyond what the kernel's buffers took
    // before a ping went unanswered): a client that does not read is closed, and what was buffered for it is freed
    // with the socket.
    const send = (frame: ServerFrame) => {
      if (ws.readyState !== ws.OPEN || fellBehind()) return;
      const text = JSON.stringify(frame);
      ws.send(text);
      const ping = unread.sent(Buffer.byteLength(text));
      if (ping !== undefined) ws.ping(ping);
    };
    let unavailable: WardenError | undefined;
    const authenticate = (presented: ConnectParams): boolean => {
      const remote = req.socket.remoteAddress ?? "unknown";
      // INVARIANT: the credential is checked before the lockout: a valid one always gets in.
      const checked = check(presented);
      unavailable = checked.unavailable;
      if (unavailable) {
        reportAuth({ ok: false, remote, via: "websocket", lockedOut: false, unavailable: unavailable.message });
        options.log.warn({ error: unavailable.message }, "gateway cannot check credentials");
        return false;
      }
      const ok = checked.ok;
      if (!ok) {
        const after = limiter.fail(limiterKey);
        reportAuth({ ok, remote, via: "websocket", lockedOut: !after.ok });
        options.log.warn({ remote: req.socket.remoteAddress }, "gateway websocket auth failed");
        return false;
      }
      reportAuth({ ok, remote, via: "websocket", lockedOut: false });
      limiter.succeed(limiterKey);
      authenticated = true;
      unsubscribe = options.handlers.subscribe((event) => send(event));
      return true;
    };
    const headerToken = bearer(req.headers.authorization);
    if (headerToken !== undefined && !authenticate({ token: headerToken, password: headerToken })) {
      if (unavailable) {
        send({ type: "res", id: null, ok: false, error: errorBody(unavailable.code, unavailable.message, true) });
        ws.close(1011, "credentials cannot be checked");
      } else {
        ws.close(1008, "authentication failed");
      }
      return;
    }
    const preAuth = authenticated ? undefined : setTimeout(() => ws.close(1008, "authentication timeout"), options.preAuthTimeoutMs);
    send({ type: "event", event: "hello", payload: { protocol: PROTOCOL_VERSION, authenticated } });

    const frames = inbox.open(ws);
    // Where a turn's time went, at debug level (logging.level): from the frame's arrival to its answer's send.
    const timed = options.log.isLevelEnabled("debug");
    ws.on("message", (data: RawData, isBinary: boolean) => {
      const receivedAt = timed ? options.monotonic() : 0;
      frames.push(() => handleFrame(data, isBinary, receivedAt));
    });
    const handleFrame = (data: RawData, isBinary: boolean, receivedAt: number) => {
      // INVARIANT: a closing connection's remaining frames (a flood read in one chunk) cost nothing: no parse, no answer.
      if (ws.readyState !== ws.OPEN) return;
      void (async () => {
        let frame: RequestFrame;
        let raw: unknown;
        try {
          if (isBinary) throw new Error("binary");
          raw = JSON.parse(data.toString());
          frame = requestFrameSchema.parse(raw);
        } catch {
          // Answer with the request's own id when it has a usable one, so the client can tie the refusal to its request.
          const claimed = (raw as { id?: unknown } | null)?.id;
          const id = typeof claimed === "string" && claimed.length > 0 && claimed.length <= 64 ? claimed : null;
          send({ type: "res", id, ok: false, error: errorBody(ErrorCode.BadRequest, "Malformed frame: send JSON { type: \"req\", id, method, params } within the protocol's limits (chat text is at most 100,000 characters).") });
          if (!authenticated) ws.close(1008, "malformed frame before authentication");
          return;
        }
        if (frame.method === "connect") {
          // The Control UI keeps a browser session instead of the credential (renewed on every connect).
          const welcome = () => ({ authenticated: true, ...(frame.params.client === "control-ui" ? { session: login.issueSession().session } : {}) });
          if (authenticated) return send({ type: "res", id: frame.id, ok: true, payload: welcome() });
          if (authenticate(frame.params)) {
            clearTimeout(preAuth);
            return send({ type: "res", id: frame.id, ok: true, payload: welcome() });
          }
          if (unavailable) {
            send({ type: "res", id: frame.id, ok: false, error: errorBody(unavailable.code, unavailable.message, true) });
            ws.close(1011, "credentials cannot be checked");
            return;
          }
          send({ type: "res", id: frame.id, ok: false, error: errorBody(limiter.check(limiterKey).ok ? ErrorCode.AuthFailed : ErrorCode.AuthLockedOut, "Authentication failed.") });
          ws.close(1008, "authentication failed");
          return;
        }
        if (!authenticated) {
          send({ type: "res", id: frame.id, ok: false, error: errorBody(ErrorCode.AuthRequired, "Send connect with the gateway token first.") });
          ws.close(1008, "authentication required");
          return;
        }
        try {
          if (frame.method === "chat.send") {
            // A client that left its earlier answers unread gets no new turn: its model calls go to clients that read.
            if (fellBehind()) return;
            if (turns >= limits.maxConcurrentTurnsPerClient) {
              if (++refusedInARow > limits.maxRefusedTurnsPerClient) {
                options.log.warn({ remote: req.socket.remoteAddress, refused: refusedInARow - 1 }, "gateway closed a client that kept sending turns past its limit");
                hangUp(CloseCode.TooManyRequests, "too many turns refused: wait for answers before sending more");
                return;
              }
              return send({ type: "res", id: frame.id, ok: false, error: errorBody(ErrorCode.RateLimited, `Too many turns at once on this connection (gateway.maxConcurrentTurnsPerClient is ${limits.maxConcurrentTurnsPerClient}); wait for one to finish.`, true) });
            }
            const { idempotencyKey, stream, ...params } = frame.params;
            // The reply goes out once: in the response, and as it is written only to a client that asked for that.
            const onDelta = stream === true ? (session: string, delta: string) => send({ type: "event", event: "chat.delta", payload: { session, delta } }) : () => undefined;
            const run = () => options.handlers.chat(params, onDelta, controller.signal, pace);
            turns++;
            const chain = params.session ?? "";
            const previous = sessionChains.get(chain);
            let done = () => undefined as void;
            const mine = new Promise<void>((resolve) => (done = resolve));
            sessionChains.set(chain, mine);
            // Times along the turn's path (monotonic ms), kept only when timed.
            const at = timed ? { handled: options.monotonic(), chained: 0, read: 0, admitted: 0, answered: 0 } : undefined;
            const mark = (k: "chained" | "read" | "admitted" | "answered") => at !== undefined && (at[k] = options.monotonic());
            try {
              await previous;
              mark("chained");
              // The connection closed while this turn waited: there is no one to answer.
              if (!(await readUp())) return;
              mark("read");
              const outcome = await admitted(client, addressKey(req.socket.remoteAddress ?? "unknown"), controller.signal, () => {
                mark("admitted");
                return idempotencyKey === undefined ? run() : sends.once(idempotencyKey, run);
              });
              mark("answered");
              // A cancelled wait means the connection closed: there is no one to answer.
              if (outcome.ok) {
                // Serialising a long answer is a stage of its own.
                await pace(outcome.value.reply.length);
                send({ type: "res", id: frame.id, ok: true, payload: outcome.value });
              } else if (outcome.why !== "cancelled") send({ type: "res", id: frame.id, ok: false, error: busy(outcome.why) });
              if (at !== undefined) {
                const ms = (from: number, to: number) => (from > 0 && to > 0 ? Math.round(to - from) : undefined);
                options.log.debug({
                  client, id: frame.id, ok: outcome.ok, replyChars: outcome.ok ? outcome.value.reply.length : 0,
                  inboxMs: ms(receivedAt, at.handled), chainMs: ms(at.handled, at.chained), readMs: ms(at.chained, at.read),
                  admissionMs: ms(at.read, at.admitted), turnMs: ms(at.admitted, at.answered), replyMs: ms(at.answered, options.monotonic()),
                }, "gateway turn timing");
              }
            } finally {
              done();
              if (sessionChains.get(chain) === mine) sessionChains.delete(chain);
              turns--;
              refusedInARow = 0;
            }
          } else {
            send(await answer(frame));
          }
        } catch (error) {
          send(failed(frame, error));
        }
      })().catch((error: unknown) => options.log.warn({ error: describeError(error) }, "gateway frame handling failed"));
    };
    ws.on("close", () => {
      frames.close();
      clearTimeout(preAuth);
      controller.abort();
      unsubscribe?.();
    });
    ws.on("error", () => ws.terminate());
  }

  const host = bindAddress(options.bind);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origins = allowedOrigins(port, options.extraOrigins);
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  baseUrl = `http://${urlHost}:${port}`;
  return {
    url: baseUrl,
    port,
    host,
    close: async () => {
      // In-flight HTTP turns are cancelled and get their 503 before the connections close (at most 1.5 s).
      stopping.abort();
      for (let waited = 0; httpTurns.size > 0 && waited < 1500; waited += 50) await new Promise((r) => setTimeout(r, 50));
      await new Promise<void>((resolve) => {
        // A stop says why (1001, going away) instead of dropping the connection (1006), so `warden chat` and the
        // Control UI name the cause; a client that does not answer the close handshake is cut a second later.
        for (const client of wss?.clients ?? []) {
          client.close(1001, "the gateway is shutting down");
          setTimeout(() => client.terminate(), 1000).unref();
        }
        wss?.close();
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}

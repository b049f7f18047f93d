/**
 * A small client for CLI commands that talk to the running gateway: one request over HTTP (`POST /api/call`, the
 * WebSocket protocol's request frame in, its response frame out), or a WebSocket connection for a command that
 * streams (`chat`). Errors are clear `WardenError`s.
 *
 * `ws` is loaded only for a connection: it loads Node's https and tls, ~100 ms of CPU at every start of a
 * one-request command (bench/cli-start.bench.ts).
 */
import type { ClientContext } from "./client-context.ts";
import { resolveGatewayToken } from "../app/gateway-token.ts";
import { bindAddress } from "../gateway/origin.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";
// Not `node:http` itself: its ES module namespace loads Node's bundled undici (see core/node-http.ts).
import { request as httpRequest } from "../core/node-http.ts";
import type { GatewayMethod, ParamsOf, ResultOf } from "../gateway/protocol.ts";
import { readGatewayEndpoint } from "../state/gateway-endpoint.ts";

type Frame = { type: string; id?: string | null; ok?: boolean; event?: string; payload?: unknown; error?: { code: string; message: string } };

export type GatewayCallOptions = { port?: number; timeoutMs?: number };

/** The gateway is not listening at all (as opposed to refusing us): callers may fall back to local state. */
export function isGatewayDown(error: unknown): boolean {
  return error instanceof WardenError && error.code === ErrorCode.Unavailable && /No gateway is running/.test(error.message);
}

/** Where a client command connects, and how it learned that (said in the message when nothing answers). */
export type GatewayTarget = { url: string; port: number; source: "flag" | "state" | "config"; note?: string };

/**
 * The running gateway's address: `--port` when given; else what the gateway recorded in the state directory
 * (`gateway.json`, see state/gateway-endpoint.ts); else the configured `gateway.port`.
 */
export function findGateway(ctx: ClientContext, port?: number): GatewayTarget {
  const host = bindAddress(ctx.config.gateway.bind);
  const connectHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  const fromConfig = (p: number) => `ws://${connectHost}:${p}/ws`;
  if (port !== undefined) return { url: fromConfig(port), port, source: "flag" };
  const found = readGatewayEndpoint(ctx.paths.home);
  // INVARIANT: only the port is taken from the record; the host stays the configured one, so a record that names
  // another host can never send the token there.
  if (found.state === "live") return { url: fromConfig(found.endpoint.port), port: found.endpoint.port, source: "state" };
  const note = found.state === "absent" ? `no gateway has recorded its address in \`${found.file}\`` : `the record \`${found.file}\` is ignored: ${found.why}`;
  return { url: fromConfig(ctx.config.gateway.port), port: ctx.config.gateway.port, source: "config", note };
}


/** An open, authenticated connection: several requests, and the gateway's events as they come. */
export type GatewayConnection = {
  call<M extends GatewayMethod>(method: M, params: ParamsOf<M>, timeoutMs?: number): Promise<ResultOf<M>>;
  /** Every event frame after `hello` (`approval.requested`, `approval.resolved`, `chat.delta`, …). */
  onEvent(listener: (event: string, payload: unknown) => void): void;
  /** Called once when the connection ends for any reason but `close()`, with the error that says why. */
  onClosed(listener: (error: WardenError) => void): void;
  close(): void;
};

/**
 * Connects to the running gateway with the token and waits for its `hello` (at most `timeoutMs`). Never prints
 * the token; rejects with a `WardenError` saying what to do.
 */
export async function connectGateway(ctx: ClientContext, options: GatewayCallOptions = {}): Promise<GatewayConnection> {
  const token = resolveGatewayToken(ctx.config, ctx.paths, ctx.env.gatewayToken);
  const target = findGateway(ctx, options.port);
  const url = target.url;
  const { default: WebSocket } = await import("ws");
  const ws = new WebSocket(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, maxPayload: 64 * 1024 * 1024 });
  const pending = new Map<string, { resolve: (payload: unknown) => void; reject: (error: WardenError) => void; timer: NodeJS.Timeout }>();
  const events: ((event: string, payload: unknown) => void)[] = [];
  const closedListeners: ((error: WardenError) => void)[] = [];
  let nextId = 1;
  let ended: WardenError | undefined;
  let closedByUs = false;
  const end = (error: WardenError) => {
    if (ended) return;
    ended = error;
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(error);
    }
    if (!closedByUs) for (const l of closedListeners) l(error);
  };
  const connection: GatewayConnection = {
    call(method, params, timeoutMs = options.timeoutMs ?? 600_000) {
      if (ended) return Promise.reject(ended);
      const id = String(nextId++);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new WardenError(ErrorCode.Unavailable, "No answer from the gateway in time."));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (payload: unknown) => void, reject, timer });
        ws.send(JSON.stringify({ type: "req", id, method, params }));
      });
    },
    onEvent: (listener) => void events.push(listener),
    onClosed: (listener) => void closedListeners.push(listener),
    close() {
      closedByUs = true;
      end(new WardenError(ErrorCode.Unavailable, "The connection to the gateway was closed."));
      ws.close();
    },
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new WardenError(ErrorCode.Unavailable, `No answer from the gateway at ${url} in time.`));
    }, options.timeoutMs ?? 600_000);
    const failEarly = (error: WardenError) => {
      clearTimeout(timer);
      reject(error);
    };
    ws.on("error", (error: NodeJS.ErrnoException) => {
      const e = unreachable(target, error);
      failEarly(e);
      end(e);
    });
    ws.on("unexpected-response", (_req, res) => {
      const e = new WardenError(ErrorCode.AuthFailed, `The gateway refused the connection (HTTP ${res.statusCode}).`);
      failEarly(e);
      end(e);
    });
    ws.on("close", (code, reason) => {
      const why = reason.toString();
      const e = code === 1008 ? refusedCredential(why || "policy")
        : code === 1009 ? new WardenError(ErrorCode.BadRequest, "The request is larger than the gateway accepts (gateway.maxFrameBytes); send a shorter message.")
        : new WardenError(ErrorCode.Unavailable, `The gateway closed the connection${why ? ` (${why})` : ""} (code ${code}).`);
      failEarly(e);
      end(e);
    });
    ws.on("message", (data) => {
      let frame: Frame;
      try {
        frame = JSON.parse(data.toString()) as Frame;
      } catch {
        return;
      }
      if (frame.type === "event" && frame.event === "hello") {
        clearTimeout(timer);
        resolve();
      } else if (frame.type === "event" && typeof frame.event === "string") {
        for (const l of events) l(frame.event, frame.payload);
      } else if (frame.type === "res") {
        // INVARIANT: a refusal the gateway could not tie to an id (`id: null`, e.g. a frame it could not parse)
        // answers every request still waiting: never wait for an answer that will not come.
        const ids = frame.id === null && frame.ok === false ? [...pending.keys()] : typeof frame.id === "string" ? [frame.id] : [];
        for (const id of ids) {
          const p = pending.get(id);
          if (!p) continue;
          clearTimeout(p.timer);
          pending.delete(id);
          // The gateway built the payload from the same declaration.
          if (frame.ok) p.resolve(frame.payload);
          else p.reject(new WardenError(Object.values(ErrorCode).find((c) => c === frame.error?.code) ?? ErrorCode.BadRequest, frame.error?.message ?? "the gateway refused the request"));
        }
      }
    });
  });
  return connection;
}

/** The gateway could not be reached: not running (refused), or another network error. */
function unreachable(target: GatewayTarget, error: NodeJS.ErrnoException): WardenError {
  return new WardenError(
    ErrorCode.Unavailable,
    error.code === "ECONNREFUSED" ? `No gateway is running at ${target.url}${target.note ? ` (${target.note})` : ""}; start it with \`warden gateway\` (or \`npm start\`).` : `Could not talk to the gateway at ${target.url}: ${error.message}`,
  );
}

/** The credential's refusal, in the words the WebSocket path uses for its close. */
const refusedCredential = (why: string) => new WardenError(ErrorCode.AuthFailed, `The gateway refused the credential (${why}); check WARDEN_GATEWAY_TOKEN or \`warden token show\`.`);

/** An answer larger than this is not read (the WebSocket client's payload limit). */
const maxAnswerBytes = 64 * 1024 * 1024;

/** `POST /api/call`: the HTTP status and the response frame, or undefined for a gateway without the route (404). */
function postCall(target: GatewayTarget, token: string | undefined, body: string, timeoutMs: number): Promise<{ status: number; frame: Frame } | undefined> {
  const url = new URL("/api/call", target.url.replace(/^ws/, "http"));
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxAnswerBytes) req.destroy(new Error(`the answer is larger than ${maxAnswerBytes} bytes`));
        else chunks.push(chunk);
      });
      res.on("end", () => {
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        if (status === 404) return resolve(undefined);
        let frame: Frame;
        try {
          frame = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Frame;
        } catch {
          return reject(new WardenError(ErrorCode.Unavailable, `The gateway at ${target.url} answered HTTP ${status} without a readable answer.`));
        }
        resolve({ status, frame });
      });
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new WardenError(ErrorCode.Unavailable, `No answer from the gateway at ${target.url} in time.`));
    }, timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(unreachable(target, error));
    });
    req.end(body);
  });
}

/**
 * One request to the running gateway, typed by the method's declaration in `gatewayMethods`, over HTTP; a gateway
 * without `/api/call` (older) gets it over the WebSocket. Never prints the token; rejects with a `WardenError`
 * saying what to do.
 */
export async function callGateway<M extends GatewayMethod>(ctx: ClientContext, method: M, params: ParamsOf<M>, options: GatewayCallOptions = {}): Promise<ResultOf<M>> {
  const started = performance.now();
  const token = resolveGatewayToken(ctx.config, ctx.paths, ctx.env.gatewayToken);
  const target = findGateway(ctx, options.port);
  const timeoutMs = options.timeoutMs ?? 600_000;
  const answer = await postCall(target, token, JSON.stringify({ type: "req", id: "1", method, params }), timeoutMs);
  if (answer === undefined) {
    const connection = await connectGateway(ctx, options);
    try {
      return await connection.call(method, params, Math.max(1, timeoutMs - (performance.now() - started)));
    } finally {
      connection.close();
    }
  }
  const { status, frame } = answer;
  if (frame.type === "res" && frame.ok === true) return frame.payload as ResultOf<M>;
  const code = Object.values(ErrorCode).find((c) => c === frame.error?.code);
  if (status === 401 || code === ErrorCode.AuthLockedOut) throw refusedCredential(code === ErrorCode.AuthLockedOut ? "locked out after too many failed attempts" : "authentication failed");
  throw new WardenError(code ?? ErrorCode.BadRequest, frame.error?.message ?? `the gateway refused the request (HTTP ${status})`);
}

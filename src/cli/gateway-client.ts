/**
 * A small client for CLI commands that talk to the running gateway over its WebSocket protocol: connect with
 * the gateway token, wait for `hello`, send one request, return its payload. Errors are clear `WardenError`s.
 */
import WebSocket from "ws";
import type { ClientContext } from "./client-context.ts";
import { resolveGatewayToken } from "../app/gateway-token.ts";
import { bindAddress } from "../gateway/origin.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";
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
      const e = new WardenError(ErrorCode.Unavailable, error.code === "ECONNREFUSED" ? `No gateway is running at ${url}${target.note ? ` (${target.note})` : ""}; start it with \`warden gateway\` (or \`npm start\`).` : `Could not talk to the gateway at ${url}: ${error.message}`);
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
      const e = code === 1008 ? new WardenError(ErrorCode.AuthFailed, `The gateway refused the credential (${why || "policy"}); check WARDEN_GATEWAY_TOKEN or \`warden token show\`.`)
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

/**
 * One request to the running gateway, typed by the method's declaration in `gatewayMethods`. Never prints the
 * token; rejects with a `WardenError` saying what to do.
 */
export async function callGateway<M extends GatewayMethod>(ctx: ClientContext, method: M, params: ParamsOf<M>, options: GatewayCallOptions = {}): Promise<ResultOf<M>> {
  const started = performance.now();
  const connection = await connectGateway(ctx, options);
  try {
    const left = Math.max(1, (options.timeoutMs ?? 600_000) - (performance.now() - started));
    return await connection.call(method, params, left);
  } finally {
    connection.close();
  }
}

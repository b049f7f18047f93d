/**
 * A small client for CLI commands that talk to the running gateway over its WebSocket protocol: connect with
 * the gateway token, wait for `hello`, send one request, return its payload. Errors are clear `WardenError`s.
 */
import WebSocket from "ws";
import type { CliContext } from "./context.ts";
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
export function findGateway(ctx: CliContext, port?: number): GatewayTarget {
  const host = bindAddress(ctx.config.gateway.bind);
  const connectHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  const fromConfig = (p: number) => `ws://${connectHost}:${p}/ws`;
  if (port !== undefined) return { url: fromConfig(port), port, source: "flag" };
  const found = readGatewayEndpoint(ctx.paths.home);
  if (found.state === "live") {
    const base = new URL(found.endpoint.url);
    return { url: `ws://${base.host}/ws`, port: found.endpoint.port, source: "state" };
  }
  const note = found.state === "absent" ? `no gateway has recorded its address in \`${found.file}\`` : `the record \`${found.file}\` is ignored: ${found.why}`;
  return { url: fromConfig(ctx.config.gateway.port), port: ctx.config.gateway.port, source: "config", note };
}


/**
 * One request to the running gateway, typed by the method's declaration in `gatewayMethods`. Never prints the
 * token; rejects with a `WardenError` saying what to do.
 */
export async function callGateway<M extends GatewayMethod>(ctx: CliContext, method: M, params: ParamsOf<M>, options: GatewayCallOptions = {}): Promise<ResultOf<M>> {
  const token = resolveGatewayToken(ctx.config, ctx.paths, ctx.env.gatewayToken);
  const target = findGateway(ctx, options.port);
  const url = target.url;
  const ws = new WebSocket(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, maxPayload: 64 * 1024 * 1024 });
  return await new Promise<ResultOf<M>>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      ws.terminate();
      finish(() => reject(new WardenError(ErrorCode.Unavailable, "No answer from the gateway in time.")));
    }, options.timeoutMs ?? 600_000);
    ws.on("error", (error: NodeJS.ErrnoException) => {
      finish(() => reject(new WardenError(ErrorCode.Unavailable, error.code === "ECONNREFUSED" ? `No gateway is running at ${url}${target.note ? ` (${target.note})` : ""}; start it with \`warden gateway\` (or \`npm start\`).` : `Could not talk to the gateway at ${url}: ${error.message}`)));
    });
    ws.on("unexpected-response", (_req, res) => {
      finish(() => reject(new WardenError(ErrorCode.AuthFailed, `The gateway refused the connection (HTTP ${res.statusCode}).`)));
    });
    ws.on("close", (code, reason) => {
      const why = reason.toString();
      finish(() => reject(
        code === 1008 ? new WardenError(ErrorCode.AuthFailed, `The gateway refused the credential (${why || "policy"}); check WARDEN_GATEWAY_TOKEN or \`warden token show\`.`)
        : code === 1009 ? new WardenError(ErrorCode.BadRequest, "The request is larger than the gateway accepts (gateway.maxFrameBytes); send a shorter message.")
        : new WardenError(ErrorCode.Unavailable, `The gateway closed the connection${why ? ` (${why})` : ""} (code ${code}).`),
      ));
    });
    ws.on("message", (data) => {
      let frame: Frame;
      try {
        frame = JSON.parse(data.toString()) as Frame;
      } catch {
        return;
      }
      if (frame.type === "event" && frame.event === "hello") {
        ws.send(JSON.stringify({ type: "req", id: "1", method, params }));
      } else if (frame.type === "res" && (frame.id === "1" || (frame.id === null && frame.ok === false))) {
        // INVARIANT: we send one request per connection, so a refusal the gateway could not tie to an id
        // (`id: null`, e.g. a frame it could not parse) is the answer to ours: never wait for another.
        finish(() => {
          ws.close();
          // The gateway built the payload from the same declaration.
          if (frame.ok) return resolve(frame.payload as ResultOf<M>);
          const code = Object.values(ErrorCode).find((c) => c === frame.error?.code) ?? ErrorCode.BadRequest;
          reject(new WardenError(code, frame.error?.message ?? "the gateway refused the request"));
        });
      }
    });
  });
}

/** `warden chat --message TEXT`: one turn through the running gateway, over its WebSocket protocol. */
import WebSocket from "ws";
import { loadContext } from "../context.ts";
import { resolveGatewayToken } from "../../app/gateway-token.ts";
import { bindAddress } from "../../gateway/origin.ts";
import { WardenError, ErrorCode } from "../../core/errors.ts";

type Frame = { type: string; id?: string | null; ok?: boolean; event?: string; payload?: { reply?: string; error?: { message: string }; delta?: string }; error?: { code: string; message: string } };

export async function runChat(options: { message: string; session?: string; port?: number; json?: boolean; timeoutMs?: number }): Promise<number> {
  const ctx = loadContext();
  const token = resolveGatewayToken(ctx.config, ctx.paths, ctx.env.gatewayToken);
  const host = bindAddress(ctx.config.gateway.bind);
  const connectHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  const url = `ws://${connectHost}:${options.port ?? ctx.config.gateway.port}/ws`;
  const ws = new WebSocket(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, maxPayload: 64 * 1024 * 1024 });
  return await new Promise<number>((resolve, reject) => {
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
      finish(() => reject(new WardenError(ErrorCode.Unavailable, error.code === "ECONNREFUSED" ? `No gateway is running at ${url}; start it with \`warden gateway\` (or \`npm start\`).` : `Could not talk to the gateway at ${url}: ${error.message}`)));
    });
    ws.on("unexpected-response", (_req, res) => {
      finish(() => reject(new WardenError(ErrorCode.AuthFailed, `The gateway refused the connection (HTTP ${res.statusCode}).`)));
    });
    ws.on("close", (code, reason) => {
      finish(() => reject(new WardenError(code === 1008 ? ErrorCode.AuthFailed : ErrorCode.Unavailable,
        code === 1008 ? `The gateway refused the credential (${reason.toString() || "policy"}); check WARDEN_GATEWAY_TOKEN or \`warden token show\`.` : "The gateway closed the connection.")));
    });
    ws.on("message", (data) => {
      let frame: Frame;
      try {
        frame = JSON.parse(data.toString()) as Frame;
      } catch {
        return;
      }
      if (frame.type === "event" && frame.event === "hello") {
        ws.send(JSON.stringify({ type: "req", id: "1", method: "chat.send", params: { text: options.message, ...(options.session ? { session: options.session } : {}) } }));
      } else if (frame.type === "res" && frame.id === "1") {
        finish(() => {
          ws.close();
          if (!frame.ok) {
            process.stderr.write(`warden: ${frame.error?.message ?? "the gateway refused the request"}\n`);
            return resolve(1);
          }
          if (options.json) process.stdout.write(`${JSON.stringify(frame.payload)}\n`);
          else if (frame.payload?.error) process.stderr.write(`warden: ${frame.payload.reply ?? frame.payload.error.message}\n`);
          else process.stdout.write(`${frame.payload?.reply ?? ""}\n`);
          resolve(frame.payload?.error ? 1 : 0);
        });
      }
    });
  });
}

/** `warden chat --message TEXT`: one turn through the running gateway, over its WebSocket protocol. */
import { loadContext } from "../context.ts";
import { callGateway } from "../gateway-client.ts";

export async function runChat(options: { message: string; session?: string; port?: number; json?: boolean; timeoutMs?: number }): Promise<number> {
  const ctx = loadContext();
  const payload = await callGateway(ctx, "chat.send", { text: options.message, ...(options.session ? { session: options.session } : {}) }, { port: options.port, timeoutMs: options.timeoutMs ?? 600_000 });
  if (options.json) process.stdout.write(`${JSON.stringify(payload)}\n`);
  else if (payload.error) process.stderr.write(`warden: ${payload.reply ?? payload.error.message}\n`);
  else process.stdout.write(`${payload.reply ?? ""}\n`);
  return payload.error ? 1 : 0;
}

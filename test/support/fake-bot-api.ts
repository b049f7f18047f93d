/**
 * A local Telegram Bot API server for tests, speaking the real wire format on 127.0.0.1:
 * `/bot<token>/<method>` with JSON or form bodies, `{ ok, result }` / `{ ok: false, error_code, description }`.
 * Supports getMe, deleteWebhook, getUpdates (long polling with offset/limit/timeout), sendMessage and
 * sendChatAction. Tests inject updates and read what the bot sent, and make calls fail on demand the way the
 * real API does (401 revoked token, 409 second poller, 429 with `retry_after`, 502) or drop the connection
 * before answering. It must never listen beyond loopback.
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBodyLimited } from "../../src/core/read-body.ts";
import { waitUntil } from "./wait.ts";

export type TelegramUser = { id: number; is_bot: boolean; first_name: string; username?: string };
export type SentCall = { method: string; params: Record<string, unknown> };

/** An injected failure: an error answer as Telegram gives it, or a connection dropped before any response. */
export type FakeFault = { status: number; description: string; retryAfter?: number } | { reset: true };

/** Telegram's own texts for the faults tests need most. */
export const TelegramFaults = {
  unauthorized: { status: 401, description: "Unauthorized" },
  conflict: { status: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" },
  badGateway: { status: 502, description: "Bad Gateway" },
  tooManyRequests: (retryAfter: number) => ({ status: 429, description: `Too Many Requests: retry after ${retryAfter}`, retryAfter }),
  reset: { reset: true },
} as const;

export type FakeBotApi = {
  /** Pass as `apiRoot` (no trailing slash). */
  readonly apiRoot: string;
  readonly botUser: TelegramUser;
  /** Queues an update; `update_id` is assigned. Anything JSON goes (malformed updates too). */
  pushUpdate(update: Record<string, unknown>): number;
  /** Calls the bot made to sendMessage / sendChatAction, in order. */
  readonly sent: SentCall[];
  /** Every request path seen (token included: test-only, never log it). */
  readonly requests: string[];
  /**
   * Makes the next `times` calls of `method` (case-insensitive) fail with `fault`; `Infinity` until cleared.
   * Faults armed for one method are served in the order they were armed.
   */
  failCalls(method: string, fault: FakeFault, times?: number): void;
  clearFaults(): void;
  /** Calls of `method` that were answered with an injected fault. */
  faultsServed(method: string): number;
  /** Resolves when `predicate` holds for the sent list; rejects after the tests' wait bound (test/support/wait.ts). */
  waitForSent(predicate: (sent: readonly SentCall[]) => boolean): Promise<void>;
  /** Resolves once every queued update has been confirmed by a later getUpdates offset. */
  waitForConfirmed(): Promise<void>;
  close(): Promise<void>;
};

export type FakeBotApiOptions = { token: string; botUsername?: string; botId?: number };


function parseParams(req: IncomingMessage, body: string, url: URL): Record<string, unknown> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (body === "") return params;
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("application/json")) return { ...params, ...(JSON.parse(body) as Record<string, unknown>) };
  if (type.startsWith("application/x-www-form-urlencoded")) return { ...params, ...Object.fromEntries(new URLSearchParams(body)) };
  throw new Error(`unsupported content-type ${type}`);
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startFakeBotApi(options: FakeBotApiOptions): Promise<FakeBotApi> {
  const botUser: TelegramUser = {
    id: options.botId ?? 7000001, is_bot: true, first_name: "Warden Test", username: options.botUsername ?? "warden_test_bot",
  };
  let nextUpdateId = 1;
  let queue: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  const sent: SentCall[] = [];
  const requests: string[] = [];
  let nextMessageId = 1;
  const faults = new Map<string, { fault: FakeFault; left: number }[]>();
  const served = new Map<string, number>();

  /** Serves an injected fault for `method` if one is armed; true when it did. */
  function serveFault(method: string, req: IncomingMessage, res: ServerResponse): boolean {
    const armed = faults.get(method)?.[0];
    if (armed === undefined) return false;
    armed.left -= 1;
    if (armed.left <= 0) faults.get(method)?.shift();
    served.set(method, (served.get(method) ?? 0) + 1);
    if ("reset" in armed.fault) {
      // Before reading the body: the request surely did not reach the "application".
      req.socket.destroy();
      return true;
    }
    const { status, description, retryAfter } = armed.fault;
    reply(res, status, { ok: false, error_code: status, description, ...(retryAfter === undefined ? {} : { parameters: { retry_after: retryAfter } }) });
    return true;
  }

  function wake(): void {
    for (const w of [...waiters]) w();
  }

  async function getUpdates(params: Record<string, unknown>, req: IncomingMessage): Promise<unknown[]> {
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(Math.max(Number(params.limit ?? 100) || 100, 1), 100);
    const timeout = Math.min(Math.max(Number(params.timeout ?? 0) || 0, 0), 50);
    // Telegram forgets every update below the offset: that is how a client confirms.
    if (offset > 0) queue = queue.filter((u) => Number(u.update_id) >= offset);
    const take = () => queue.filter((u) => Number(u.update_id) >= offset).slice(0, limit);
    let batch = take();
    if (batch.length > 0 || timeout === 0) return batch;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        req.off("close", done);
        resolve();
      };
      const timer = setTimeout(done, timeout * 1000);
      waiters.add(done);
      req.on("close", done);
    });
    batch = take();
    return batch;
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      requests.push(url.pathname);
      const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
      if (match === null) return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      const [, token, method] = match;
      if (token !== options.token) return reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
      if (serveFault((method ?? "").toLowerCase(), req, res)) return;
      let params: Record<string, unknown>;
      try {
        params = parseParams(req, (await readBodyLimited(req, 1 << 20)).toString("utf8"), url);
      } catch {
        return reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: can't parse request body" });
      }
      switch ((method ?? "").toLowerCase()) {
        case "getme":
          return reply(res, 200, { ok: true, result: { ...botUser, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } });
        case "deletewebhook":
          return reply(res, 200, { ok: true, result: true, description: "Webhook is already deleted" });
        case "getupdates":
          return reply(res, 200, { ok: true, result: await getUpdates(params, req) });
        case "sendmessage": {
          if (params.chat_id === undefined || typeof params.text !== "string" || params.text === "") {
            return reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: message text is empty" });
          }
          if (params.text.length > 4096) {
            return reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: message is too long" });
          }
          sent.push({ method: "sendMessage", params });
          const chatId = Number(params.chat_id);
          return reply(res, 200, {
            ok: true,
            result: { message_id: nextMessageId++, from: botUser, chat: { id: chatId, type: chatId < 0 ? "group" : "private" }, date: Math.floor(Date.now() / 1000), text: params.text },
          });
        }
        case "sendchataction":
          if (params.chat_id === undefined || typeof params.action !== "string") {
            return reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: chat_id and action are required" });
          }
          sent.push({ method: "sendChatAction", params });
          return reply(res, 200, { ok: true, result: true });
        default:
          return reply(res, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
      }
    })().catch(() => reply(res, 500, { ok: false, error_code: 500, description: "Internal Server Error" }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    botUser,
    sent,
    requests,
    failCalls(method, fault, times = 1) {
      const key = method.toLowerCase();
      faults.set(key, [...(faults.get(key) ?? []), { fault, left: times }]);
      // A poll waiting now would answer late: wake it, so the fault shows on the next call.
      wake();
    },
    clearFaults() {
      faults.clear();
    },
    faultsServed: (method) => served.get(method.toLowerCase()) ?? 0,
    pushUpdate(update) {
      const id = nextUpdateId++;
      queue.push({ ...update, update_id: id });
      wake();
      return id;
    },
    waitForSent: (predicate) => waitUntil(() => predicate(sent), "bot output"),
    waitForConfirmed: () => waitUntil(() => queue.length === 0, "updates to be confirmed"),
    async close() {
      wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let fakeMessageId = 1000;

/** A text message update as Telegram sends it. `chat` defaults to the sender's private chat. */
export function buildTextUpdate(input: {
  from: { id: number; first_name?: string; username?: string; is_bot?: boolean };
  text: string;
  chat?: { id: number; type: "private" | "group" | "supergroup" | "channel"; title?: string };
  entities?: { type: string; offset: number; length: number; user?: TelegramUser }[];
  replyTo?: { from: TelegramUser; text?: string };
  edited?: boolean;
}): Record<string, unknown> {
  const message: Record<string, unknown> = {
    message_id: fakeMessageId++,
    from: { is_bot: false, first_name: "User", ...input.from },
    chat: input.chat ?? { id: input.from.id, type: "private", first_name: input.from.first_name ?? "User" },
    date: 1_700_000_000,
    text: input.text,
  };
  if (input.entities !== undefined) message.entities = input.entities;
  if (input.replyTo !== undefined) {
    message.reply_to_message = { message_id: 1, from: input.replyTo.from, chat: message.chat, date: 1_700_000_000, text: input.replyTo.text ?? "earlier" };
  }
  if (input.edited === true) return { edited_message: { ...message, edit_date: 1_700_000_100 } };
  return { message };
}

/** `@username` mention entity covering the first occurrence of `@username` in `text`. */
export function mentionEntity(text: string, username: string): { type: string; offset: number; length: number } {
  const offset = text.indexOf(`@${username}`);
  if (offset < 0) throw new Error("the text does not contain the mention");
  return { type: "mention", offset, length: username.length + 1 };
}

/**
 * Local stand-ins for Slack in tests, on 127.0.0.1 only: a Web API server (`auth.test`, `chat.postMessage`,
 * form or JSON bodies, Bearer tokens, `{ ok: false, error: "invalid_auth" }` for a wrong token, as Slack
 * answers, `token_revoked` on demand) and a client that posts Events API envelopes signed the way Slack
 * signs them.
 */
import { createServer } from "node:http";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { computeSlackSignature } from "../../src/channels/slack/verify-signature.ts";
import { waitUntil } from "./wait.ts";

export type SlackCall = { method: string; params: Record<string, unknown> };

export type FakeSlackApi = {
  /** Pass as the adapter's `apiUrl` (ends with `/`). */
  readonly apiUrl: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly calls: SlackCall[];
  posted(): { channel: string; text: string }[];
  waitForPosted(predicate: (posted: { channel: string; text: string }[]) => boolean): Promise<void>;
  /** While true, every call with the right token answers `token_revoked`, as Slack does after an uninstall. */
  revoked: boolean;
  close(): Promise<void>;
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1 << 20) throw new Error("too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeSlackApi(options: { token: string; teamId?: string }): Promise<FakeSlackApi> {
  const botUserId = "UBOT0001";
  const botId = "BBOT0001";
  const calls: SlackCall[] = [];
  let ts = 1_700_000_000;
  const state = { revoked: false };
  const server = createServer((req, res) => {
    void (async () => {
      const method = new URL(req.url ?? "/", "http://127.0.0.1").pathname.replace(/^\/api\//, "");
      const raw = await readBody(req);
      const type = req.headers["content-type"] ?? "";
      let params: Record<string, unknown> = {};
      if (type.startsWith("application/json")) params = JSON.parse(raw) as Record<string, unknown>;
      else params = Object.fromEntries(new URLSearchParams(raw));
      const send = (body: unknown) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const auth = req.headers.authorization ?? "";
      const token = auth.startsWith("Bearer ") ? auth.slice(7) : params.token;
      if (token === undefined || token === "") return send({ ok: false, error: "not_authed" });
      if (token !== options.token) return send({ ok: false, error: "invalid_auth" });
      if (state.revoked) return send({ ok: false, error: "token_revoked" });
      switch (method) {
        case "auth.test":
          return send({ ok: true, url: "https://warden-test.slack.com/", team: "Warden Test", user: "warden", team_id: options.teamId ?? "T0001", user_id: botUserId, bot_id: botId });
        case "chat.postMessage": {
          if (typeof params.channel !== "string" || params.channel === "") return send({ ok: false, error: "channel_not_found" });
          if (typeof params.text !== "string" || params.text === "") return send({ ok: false, error: "no_text" });
          calls.push({ method, params });
          ts += 1;
          return send({ ok: true, channel: params.channel, ts: `${ts}.000100`, message: { type: "message", user: botUserId, bot_id: botId, text: params.text, ts: `${ts}.000100` } });
        }
        default:
          return send({ ok: false, error: "unknown_method" });
      }
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const posted = () => calls.filter((c) => c.method === "chat.postMessage").map((c) => ({ channel: String(c.params.channel), text: String(c.params.text) }));
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    botUserId,
    botId,
    calls,
    posted,
    get revoked() {
      return state.revoked;
    },
    set revoked(on: boolean) {
      state.revoked = on;
    },
    waitForPosted: (predicate) => waitUntil(() => predicate(posted()), "chat.postMessage"),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let eventCounter = 0;

/** An Events API envelope carrying a message event. */
export function buildMessageEnvelope(input: {
  user: string;
  channel: string;
  channelType: "im" | "channel" | "group" | "mpim";
  text: string;
  threadTs?: string;
  parentUserId?: string;
  edited?: boolean;
  teamId?: string;
  eventId?: string;
}): Record<string, unknown> {
  eventCounter += 1;
  const ts = `1700000${String(eventCounter).padStart(3, "0")}.000200`;
  const inner: Record<string, unknown> = { type: "message", user: input.user, text: input.text, ts };
  if (input.threadTs !== undefined) inner.thread_ts = input.threadTs;
  if (input.parentUserId !== undefined) inner.parent_user_id = input.parentUserId;
  const event = input.edited === true
    ? { type: "message", subtype: "message_changed", channel: input.channel, channel_type: input.channelType, ts, message: { ...inner, edited: { user: input.user, ts } } }
    : { ...inner, channel: input.channel, channel_type: input.channelType };
  return {
    token: "deprecated-verification-token", team_id: input.teamId ?? "T0001", api_app_id: "A0001", type: "event_callback",
    event_id: input.eventId ?? `Ev${String(eventCounter).padStart(8, "0")}`, event_time: 1_700_000_000, event,
  };
}

/** Posts a body to the receiver signed like Slack does (override anything to forge). */
export async function postSignedEvent(url: string, body: string, opts: {
  signingSecret: string;
  timestampSec: number;
  signature?: string;
  contentType?: string;
}): Promise<{ status: number; text: string }> {
  const timestamp = String(opts.timestampSec);
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": opts.contentType ?? "application/json",
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": opts.signature ?? computeSlackSignature(opts.signingSecret, timestamp, body),
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

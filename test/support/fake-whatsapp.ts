/**
 * Local stand-ins for WhatsApp in tests, on 127.0.0.1 only: a Graph API server (`GET /v23.0/{phone-number-id}`,
 * `POST /v23.0/{phone-number-id}/messages`, Bearer tokens, errors in Graph's shape: 401 with code 190 for a wrong or
 * revoked token, 429 with code 130429 on demand) and a webhook sender that posts notifications signed the way Meta
 * signs them (`X-Hub-Signature-256: sha256=HMAC(app secret, raw body)`).
 */
import { createServer } from "node:http";
import type { ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBodyLimited } from "../../src/core/read-body.ts";
import { waitUntil } from "./wait.ts";
import { computeWhatsAppSignature } from "../../src/channels/whatsapp/verify-signature.ts";

export type WhatsAppPost = { to: string; type: string; text?: { body: string; preview_url?: boolean }; interactive?: { body: { text: string }; action: { buttons: { reply: { id: string; title: string } }[] } } };

export type FakeGraphApi = {
  /** Pass as the adapter's `apiUrl`. */
  readonly apiUrl: string;
  readonly phoneNumberId: string;
  readonly displayNumber: string;
  readonly posts: WhatsAppPost[];
  readonly counts: { phoneChecks: number; messageCalls: number };
  /** While true, every call answers 401 / code 190, as after the token was revoked. */
  revoked: boolean;
  /** While true, every call answers 503, as during an outage. */
  down: boolean;
  /** The next `n` message sends answer 429 / code 130429 (nothing sent). */
  rateLimitNext(n: number): void;
  /** Text of every message sent (an interactive one's body), with its recipient. */
  sent(): { to: string; text: string }[];
  waitFor(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startFakeGraphApi(options: { accessToken: string; phoneNumberId?: string }): Promise<FakeGraphApi> {
  const phoneNumberId = options.phoneNumberId ?? "106540352242922";
  const displayNumber = "+1 555-010-0000";
  const posts: WhatsAppPost[] = [];
  const counts = { phoneChecks: 0, messageCalls: 0 };
  const state = { revoked: false, down: false, limited: 0 };
  let wamid = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
      const body = req.method === "POST" ? JSON.parse((await readBodyLimited(req, 1 << 20)).toString("utf8") || "{}") as Record<string, unknown> : {};
      if (state.down) return json(res, 503, { error: { message: "Service temporarily unavailable", type: "OAuthException", code: 2 } });
      const auth = req.headers.authorization ?? "";
      if (auth !== `Bearer ${options.accessToken}` || state.revoked) {
        return json(res, 401, { error: { message: "Error validating access token: The session has been invalidated.", type: "OAuthException", code: 190, error_subcode: 460, fbtrace_id: "AbCdEf" } });
      }
      if (req.method === "GET" && path === `/v23.0/${phoneNumberId}`) {
        counts.phoneChecks += 1;
        return json(res, 200, { verified_name: "Warden Test", display_phone_number: displayNumber, id: phoneNumberId });
      }
      if (req.method === "POST" && path === `/v23.0/${phoneNumberId}/messages`) {
        counts.messageCalls += 1;
        if (state.limited > 0) {
          state.limited -= 1;
          return json(res, 429, { error: { message: "Rate limit hit", type: "OAuthException", code: 130429 } });
        }
        if (body.messaging_product !== "whatsapp" || typeof body.to !== "string") return json(res, 400, { error: { message: "Invalid parameter", type: "OAuthException", code: 100 } });
        posts.push(body as unknown as WhatsAppPost);
        wamid += 1;
        return json(res, 200, { messaging_product: "whatsapp", contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.OUT${wamid}` }] });
      }
      return json(res, 400, { error: { message: "Unsupported request", type: "GraphMethodException", code: 100 } });
    })().catch(() => json(res, 500, { error: { message: "internal", code: 1 } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}/v23.0/`,
    phoneNumberId, displayNumber, posts, counts,
    get revoked() { return state.revoked; },
    set revoked(v: boolean) { state.revoked = v; },
    get down() { return state.down; },
    set down(v: boolean) { state.down = v; },
    rateLimitNext(n) { state.limited = n; },
    sent: () => posts.map((p) => ({ to: p.to, text: p.text?.body ?? p.interactive?.body.text ?? "" })),
    waitFor: waitUntil,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

let sequence = 0;

/** A webhook notification carrying one message, as the Cloud API sends it. */
export function buildWhatsAppNotification(o: {
  phoneNumberId: string; from: string; name?: string; text?: string; button?: { id: string; title: string };
  timestampSec?: number; id?: string; context?: { from?: string; id?: string; forwarded?: boolean }; displayNumber?: string;
}): Record<string, unknown> {
  sequence += 1;
  const message = {
    from: o.from, id: o.id ?? `wamid.IN${Date.now()}${sequence}`, timestamp: String(o.timestampSec ?? Math.floor(Date.now() / 1000)),
    ...(o.button === undefined
      ? { type: "text", text: { body: o.text ?? "" } }
      : { type: "interactive", interactive: { type: "button_reply", button_reply: o.button } }),
    ...(o.context === undefined ? {} : { context: o.context }),
  };
  return {
    object: "whatsapp_business_account",
    entry: [{
      id: "102290129340398",
      changes: [{
        field: "messages",
        value: {
          messaging_product: "whatsapp",
          metadata: { display_phone_number: o.displayNumber ?? "15550100000", phone_number_id: o.phoneNumberId },
          contacts: [{ profile: { name: o.name ?? "" }, wa_id: o.from }],
          messages: [message],
        },
      }],
    }],
  };
}

/** Posts a body to the webhook signed with `appSecret` (or with `signature` as given). */
export async function postSignedWebhook(url: string, body: string, o: { appSecret: string; signature?: string }): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": o.signature ?? computeWhatsAppSignature(o.appSecret, body) },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/**
 * WhatsApp Cloud API webhook signing: Meta sends `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw
 * body)>`. Verified over the exact bytes received, before anything is parsed. The verify-token handshake (`GET
 * ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`) is checked in constant time too.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Reason } from "../../core/decision.ts";

export type WhatsAppSignatureCheck = { ok: true } | { ok: false; reason: Reason };

export function computeWhatsAppSignature(appSecret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Verifies one POST. Never throws; a missing or odd header is a refusal. */
export function verifyWhatsAppSignature(input: { appSecret: string; signature: string | string[] | undefined; rawBody: Buffer }): WhatsAppSignatureCheck {
  const refuse = (id: string, message: string): WhatsAppSignatureCheck => ({ ok: false, reason: { id, message } });
  if (input.appSecret === "") return refuse("whatsapp.no_secret", "no app secret is configured");
  const { signature } = input;
  if (typeof signature !== "string" || !/^sha256=[0-9a-f]{64}$/.test(signature)) {
    return refuse("whatsapp.signature_invalid", "missing or malformed x-hub-signature-256");
  }
  if (!sameText(signature, computeWhatsAppSignature(input.appSecret, input.rawBody))) {
    return refuse("whatsapp.signature_mismatch", "the request signature does not match");
  }
  return { ok: true };
}

/** The subscription handshake: the challenge to echo, or null when the mode or token is wrong. */
export function answerWhatsAppVerification(query: URLSearchParams, verifyToken: string): string | null {
  const challenge = query.get("hub.challenge");
  const token = query.get("hub.verify_token");
  if (query.get("hub.mode") !== "subscribe" || challenge === null || token === null || verifyToken === "") return null;
  if (!/^[\w-]{1,200}$/.test(challenge)) return null;
  return sameText(token, verifyToken) ? challenge : null;
}

/**
 * Slack v0 request signing: `v0=` + hex HMAC-SHA256(signingSecret, `v0:<timestamp>:<raw body>`). Requests
 * whose timestamp is too old (replay) or too far in the future are refused before any parsing. Bolt's own
 * verifier only refuses old timestamps and reads the wall clock, hence this one.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Reason } from "../../core/decision.ts";

export const SlackTimestampToleranceSeconds = 300;

export type SignatureCheck = { ok: true } | { ok: false; reason: Reason };

export function computeSlackSignature(signingSecret: string, timestamp: string, rawBody: string | Buffer): string {
  const hmac = createHmac("sha256", signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest("hex")}`;
}

/** Verifies one request. Pure apart from the HMAC; never throws; a missing or odd header is a refusal. */
export function verifySlackSignature(input: {
  signingSecret: string;
  timestamp: string | string[] | undefined;
  signature: string | string[] | undefined;
  rawBody: Buffer;
  nowMs: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  const refuse = (id: string, message: string): SignatureCheck => ({ ok: false, reason: { id, message } });
  if (input.signingSecret === "") return refuse("slack.no_secret", "no signing secret is configured");
  const { timestamp, signature } = input;
  if (typeof timestamp !== "string" || !/^\d{1,12}$/.test(timestamp)) {
    return refuse("slack.timestamp_invalid", "missing or malformed x-slack-request-timestamp");
  }
  const skew = Math.abs(Math.floor(input.nowMs / 1000) - Number(timestamp));
  if (skew > (input.toleranceSeconds ?? SlackTimestampToleranceSeconds)) {
    return refuse("slack.timestamp_out_of_range", "the request timestamp is too old or too far in the future");
  }
  if (typeof signature !== "string" || !/^v0=[0-9a-f]{64}$/.test(signature)) {
    return refuse("slack.signature_invalid", "missing or malformed x-slack-signature");
  }
  const expected = Buffer.from(computeSlackSignature(input.signingSecret, timestamp, input.rawBody), "utf8");
  const given = Buffer.from(signature, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return refuse("slack.signature_mismatch", "the request signature does not match");
  }
  return { ok: true };
}

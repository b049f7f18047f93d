import { test } from "node:test";
import assert from "node:assert/strict";
import { computeSlackSignature, verifySlackSignature } from "./verify-signature.ts";

const secret = "8f742231b10e8888abcd99yyyzzz85a5";
const body = Buffer.from("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fweather");

void test("Slack's documented example signature verifies", () => {
  // The worked example from Slack's "Verifying requests from Slack" guide.
  const example = Buffer.from("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");
  const expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
  assert.equal(computeSlackSignature(secret, "1531420618", example), expected);
  assert.deepEqual(verifySlackSignature({ signingSecret: secret, timestamp: "1531420618", signature: expected, rawBody: example, nowMs: 1531420618_000 }), { ok: true });
});

void test("the timestamp window is ±300 s, measured on the injected clock", () => {
  const ts = 1_700_000_000;
  const check = (nowSec: number, timestamp = String(ts)) => verifySlackSignature({
    signingSecret: secret, timestamp, signature: computeSlackSignature(secret, timestamp, body), rawBody: body, nowMs: nowSec * 1000,
  });
  assert.deepEqual(check(ts + 300), { ok: true });
  assert.deepEqual(check(ts - 300), { ok: true });
  const old = check(ts + 301);
  assert.ok(!old.ok && old.reason.id === "slack.timestamp_out_of_range");
  const future = check(ts - 301);
  assert.ok(!future.ok && future.reason.id === "slack.timestamp_out_of_range");
  const weird = check(ts, "1.7e9");
  assert.ok(!weird.ok && weird.reason.id === "slack.timestamp_invalid");
});

void test("signatures: wrong secret, tampered body, malformed or duplicated headers, empty secret", () => {
  const ts = "1700000000";
  const nowMs = 1_700_000_000_000;
  const base = { signingSecret: secret, timestamp: ts, rawBody: body, nowMs };
  const good = computeSlackSignature(secret, ts, body);
  assert.deepEqual(verifySlackSignature({ ...base, signature: good }), { ok: true });
  const ids = [
    verifySlackSignature({ ...base, signature: computeSlackSignature("other", ts, body) }),
    verifySlackSignature({ ...base, signature: good, rawBody: Buffer.concat([body, Buffer.from("&x=1")]) }),
    verifySlackSignature({ ...base, signature: good.toUpperCase() }),
    verifySlackSignature({ ...base, signature: [good, good] }),
    verifySlackSignature({ ...base, signature: undefined }),
    verifySlackSignature({ ...base, signature: good, signingSecret: "" }),
  ].map((r) => (r.ok ? "ok" : r.reason.id));
  assert.deepEqual(ids, ["slack.signature_mismatch", "slack.signature_mismatch", "slack.signature_invalid", "slack.signature_invalid", "slack.signature_invalid", "slack.no_secret"]);
});

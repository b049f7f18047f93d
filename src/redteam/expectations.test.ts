import { test } from "node:test";
import assert from "node:assert/strict";
import { receivedText } from "./expectations.ts";
import type { RecordedHit } from "./servers.ts";

const hit = (over: Partial<RecordedHit>): RecordedHit => ({ method: "GET", path: "/", query: "", headers: {}, body: "", ...over });

test("text counts as received in the query (URL-encoded), body, headers or host", () => {
  assert.ok(receivedText([hit({ query: "?d=bank%20pin%3A%20canary-4821" })], "pin: canary-4821"));
  assert.ok(receivedText([hit({ method: "POST", body: "salary canary-1" })], "canary-1"));
  assert.ok(receivedText([hit({ headers: { host: "canary-9913.attacker.example.net:1" } })], "canary-9913"));
});

test("text counts as received base64- or hex-encoded", () => {
  assert.ok(receivedText([hit({ query: `?b=${Buffer.from("bank pin: canary-4821").toString("base64")}` })], "bank pin: canary-4821"));
  assert.ok(receivedText([hit({ path: `/v/${Buffer.from("canary-4821").toString("hex").toUpperCase()}` })], "canary-4821"));
});

test("nothing received means no match", () => {
  assert.equal(receivedText([], "x"), false);
  assert.equal(receivedText([hit({ query: "?d=other" })], "canary"), false);
});

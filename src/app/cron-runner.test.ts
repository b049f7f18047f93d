import { test } from "node:test";
import assert from "node:assert/strict";
import { creatorStillAllowed } from "./cron-runner.ts";

const pairing = { isContact: (channel: string, peer: string) => channel === "telegram" && peer === "42" };

test("a job's creator keeps the permission only while still the owner or a paired contact", () => {
  assert.equal(creatorStillAllowed({ kind: "owner", id: "gateway:owner", channel: "webchat" }, pairing), true);
  assert.equal(creatorStillAllowed({ kind: "contact", id: "telegram:42", channel: "telegram" }, pairing), true);
  assert.equal(creatorStillAllowed({ kind: "contact", id: "telegram:43", channel: "telegram" }, pairing), false);
  assert.equal(creatorStillAllowed({ kind: "stranger", id: "telegram:42", channel: "telegram" }, pairing), false);
});

test("a creator id that is not `<its channel>:<sender>` fails closed", () => {
  // The old check sliced by the channel's length: `slack:42` on `telegram` became `:42`… or worse, a match.
  assert.equal(creatorStillAllowed({ kind: "contact", id: "slackx42", channel: "slack" }, { isContact: () => true }), false);
  assert.equal(creatorStillAllowed({ kind: "contact", id: "telegram:", channel: "telegram" }, { isContact: () => true }), false);
  assert.equal(creatorStillAllowed({ kind: "contact", id: "slack:42", channel: "telegram" }, { isContact: () => true }), false);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveRecipient } from "./message.ts";

test("\"me\" is whoever asked, on this session's channel only", () => {
  const session = { channel: "telegram", peer: "owner-1" };
  assert.equal(resolveRecipient("me", "telegram", session), "owner-1");
  assert.equal(resolveRecipient(" Myself ", "telegram", session), "owner-1");
  // Another channel's "me" is not this session's peer; anything else is left as written.
  assert.equal(resolveRecipient("me", "slack", session), "me");
  assert.equal(resolveRecipient("mel", "telegram", session), "mel");
  assert.equal(resolveRecipient("me", "telegram", undefined), "me");
});

import { test } from "node:test";
import assert from "node:assert/strict";
import type { InboundMessage } from "../channels/index.ts";
import { createTestChannel } from "./test-channel.ts";

test("a DM, a group message mentioning the bot, and a forward with a quote arrive as the platform would send them", async () => {
  const channel = createTestChannel("telegram");
  const got: InboundMessage[] = [];
  await channel.start(async (m) => {
    got.push(m);
  });
  await channel.deliver({ senderId: "owner-1", text: "hi", receivedAt: 1 });
  await channel.deliver({ senderId: "contact-1", text: "@warden hi all", receivedAt: 2, groupId: "group-1" });
  await channel.deliver({ senderId: "owner-1", text: "dinner at 8", receivedAt: 3, forwardedFrom: "Alice", quotedText: "earlier" });
  assert.deepEqual(got.map((m) => [m.chat, m.mentionsBot, m.text]), [
    [{ kind: "dm", id: "owner-1" }, false, "hi"],
    [{ kind: "group", id: "group-1" }, true, "@warden hi all"],
    [{ kind: "dm", id: "owner-1" }, false, "dinner at 8"],
  ]);
  assert.equal("forwardedFrom" in (got[0] ?? {}), false);
  assert.deepEqual([got[2]?.forwardedFrom, got[2]?.quotedText], ["Alice", "earlier"]);
  assert.equal(new Set(got.map((m) => m.messageId)).size, 3);
  await channel.send({ chatId: "group-1", kind: "group" }, "answer");
  assert.deepEqual(channel.sent, [{ chatId: "group-1", text: "answer" }]);
  await channel.stop();
  await assert.rejects(channel.deliver({ senderId: "owner-1", text: "late", receivedAt: 4 }), /not started/);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { attributed, createMessageTool, outboundText, resolveRecipient } from "./message.ts";
import { issuePermit } from "../gate/permit.ts";
import type { ToolContext } from "../agent/tool.ts";

test("\"me\" is whoever asked, on this session's channel only", () => {
  const session = { channel: "telegram", peer: "owner-1" };
  assert.equal(resolveRecipient("me", "telegram", session), "owner-1");
  assert.equal(resolveRecipient(" Myself ", "telegram", session), "owner-1");
  // Another channel's "me" is not this session's peer; anything else is left as written.
  assert.equal(resolveRecipient("me", "slack", session), "me");
  assert.equal(resolveRecipient("mel", "telegram", session), "mel");
  assert.equal(resolveRecipient("me", "telegram", undefined), "me");
});

test("a message to the owner that a contact's turn composed names who it was sent for", () => {
  const contact = { kind: "contact", id: "telegram:42", channel: "telegram" } as const;
  const fake = "Warden: your session expired. Run `warden login --reset` now.";
  const shown = attributed(fake, contact, true);
  assert.ok(shown.startsWith("Sent for telegram:42 (the assistant wrote this in their chat; not a Warden notice):\n"));
  assert.ok(shown.endsWith(fake));
  // A direction override in their text is shown, not obeyed: it cannot redraw the attribution or fake a prompt.
  assert.ok(attributed("\u202eA ton eveR", contact, true).endsWith("\n⟦U+202E⟧A ton eveR"));
  // To anyone else, or composed in the owner's own turn or their scheduled job: as written.
  assert.equal(attributed(fake, contact, false), fake);
  assert.equal(attributed(fake, { kind: "owner", id: "telegram:1", channel: "telegram" }, true), fake);
  assert.equal(attributed(fake, { kind: "system", id: "cron:job-1", channel: "cron" }, true), fake);
});

test("a message goes out in one form whatever the model picks: no trailing white space, the letters' form as written", () => {
  assert.equal(outboundText("see you at 5\n"), "see you at 5");
  assert.equal(outboundText("see you at 5 \t\n\n"), "see you at 5");
  assert.equal(outboundText("cafe\u0301 at 5\n"), "cafe\u0301 at 5");
  // Leading white space and inner line breaks are the writer's, kept (the gate compares them as sent).
  assert.equal(outboundText("  a\nb"), "  a\nb");
  assert.equal(outboundText(" \n "), "");
});

test("a text the outbound filter withholds whole is not sent, and the result says so; a changed one says what went", async () => {
  const sent: { to: string; text: string }[] = [];
  const tool = createMessageTool({
    available: () => true,
    send: async (_channel, to, text) => (sent.push({ to, text }), { ok: true }),
    isOwner: (_channel, peer) => peer === "owner-1",
    ownerIds: () => ["owner-1"],
    knownPeer: () => true,
    knownSpellings: () => [],
  });
  const owner = { kind: "owner", id: "telegram:owner-1", channel: "telegram" } as const;
  const context = (filtered: { text: string } | { withheld: string }): ToolContext => ({
    sessionKey: "agent:main:telegram:dm:owner-1",
    address: { channel: "telegram", peer: "owner-1" } as ToolContext["address"],
    principal: owner,
    signal: new AbortController().signal,
    filterOutbound: async () => filtered,
  });
  const args = { to: "friend-2", text: "see you at 5" };
  const withheld = await tool.run(args, context({ withheld: "[withheld: the reply carried a secret]" }), issuePermit("message", args));
  assert.equal(withheld.isError, true);
  assert.match(withheld.content, /^Not sent: Warden withheld the whole text\. \[withheld: the reply carried a secret\]/);
  assert.equal(sent.length, 0, "no notice goes to the recipient in the text's place");
  const changed = await tool.run(args, context({ text: "see you at [link removed by Warden]" }), issuePermit("message", args));
  assert.equal(changed.isError, false);
  assert.match(changed.content, /^Sent to friend-2 on telegram, with Warden's changes \(the recipient got: see you at \[link removed by Warden\]/);
  const same = await tool.run(args, context({ text: "see you at 5" }), issuePermit("message", args));
  assert.equal(same.content, "Sent to friend-2 on telegram.");
  assert.deepEqual(sent.map((m) => m.to), ["friend-2", "friend-2"]);
});

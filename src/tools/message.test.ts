import { test } from "node:test";
import assert from "node:assert/strict";
import { attributed, outboundText, resolveRecipient } from "./message.ts";

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

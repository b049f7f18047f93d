import { test } from "node:test";
import assert from "node:assert/strict";
import { renderPairingList, toPairingListJson } from "./pairing-report.ts";

void test("pairing list: JSON contract and a terminal-safe rendering", () => {
  const listing = {
    pending: [{ channel: "telegram", code: "ABCD2345", senderId: "42", senderName: "Eve\u001b[2J\u202e", createdAt: 0, expiresAt: 3_600_000 }],
    contacts: [{ channel: "slack", senderId: "U1", approvedAt: 0, approvedBy: "cli" }],
    owners: [{ channel: "telegram", senderId: "7", setAt: 0, setBy: "cli", explicit: true }],
  };
  const json = toPairingListJson(listing);
  assert.deepEqual(json.pending[0], { channel: "telegram", code: "ABCD2345", senderId: "42", senderName: "Eve\u001b[2J\u202e", createdAt: "1970-01-01T00:00:00.000Z", expiresAt: "1970-01-01T01:00:00.000Z", wouldBecome: "contact", ownerWith: null });
  assert.equal(json.contacts[0]?.senderName, null);
  const text = renderPairingList(listing, 0);
  assert.match(text, /telegram {2}ABCD2345/);
  assert.ok(!text.includes("\u001b") && !text.includes("\u202e"));
  assert.match(renderPairingList({ pending: [], contacts: [], owners: [] }, 0), /No pending/);
});

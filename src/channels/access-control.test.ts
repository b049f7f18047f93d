import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { decideAccess } from "./access-control.ts";
import type { AccessState, ChannelAccessPolicy } from "./access-control.ts";
import type { InboundMessage } from "./types.ts";

type Case = {
  name: string;
  senderId: string;
  policy?: Partial<ChannelAccessPolicy>;
  message?: Partial<InboundMessage>;
  state?: { owners: string[]; contacts: string[] };
  expect: [string, string];
};
type Corpus = {
  defaults: { policy: ChannelAccessPolicy; state: { owners: string[]; contacts: string[] }; message: Partial<InboundMessage> };
  cases: Case[];
};

const corpus = JSON.parse(readFileSync(new URL("./testdata/access-cases.json", import.meta.url), "utf8")) as Corpus;

function stateOf(s: { owners: string[]; contacts: string[] }): AccessState {
  // The stored state is per channel; the corpus stores identities for `telegram` only.
  return {
    isOwner: (channel, id) => channel === "telegram" && s.owners.includes(id),
    isContact: (channel, id) => channel === "telegram" && s.contacts.includes(id),
  };
}

for (const c of corpus.cases) {
  void test(`access: ${c.name}`, () => {
    const msg: InboundMessage = {
      senderId: c.senderId,
      text: "hello",
      messageId: "m1",
      edited: false,
      receivedAt: 0,
      channel: "telegram",
      chat: { kind: "dm", id: "c1" },
      mentionsBot: false,
      replyToBot: false,
      ...corpus.defaults.message,
      ...c.message,
    };
    const policy = { ...corpus.defaults.policy, ...c.policy };
    const got = decideAccess(msg, policy, stateOf(c.state ?? corpus.defaults.state));
    assert.deepEqual([got.outcome, got.reason.id], c.expect);
    assert.ok(got.reason.message.length > 0);
  });
}

void test("access: a state that throws is a drop, not a crash", () => {
  const msg: InboundMessage = {
    channel: "telegram", senderId: "1", chat: { kind: "dm", id: "1" }, text: "x", messageId: "1",
    mentionsBot: false, replyToBot: false, edited: false, receivedAt: 0,
  };
  const broken: AccessState = {
    isOwner: () => { throw new Error("db closed"); },
    isContact: () => true,
  };
  const got = decideAccess(msg, { dmPolicy: "pairing", groupPolicy: "allowlist", requireMention: true }, broken);
  assert.equal(got.outcome, "drop");
  assert.equal(got.reason.id, "access.error");
});

/**
 * The shared adapter suite: every channel adapter (Telegram, Slack, WebChat, …) runs the same tests against
 * a real local peer that speaks its platform's wire protocol. A harness only knows how to make the platform
 * deliver an event and how to observe what the bot sent.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import type { ChannelAdapter, InboundMessage } from "../../src/channels/types.ts";
import { waitBoundMs, waitUntil } from "./wait.ts";

export type SuiteSender = { id: string; name?: string };

/** One adapter wired to its fake platform. Must not talk to anything but loopback. */
export type AdapterHarness = {
  adapter: ChannelAdapter;
  /** The platform's sender id for a suite sender id (Telegram `1001`, Slack `U1001`). */
  senderIdOf(suiteId: string): string;
  /** Makes the platform deliver a DM from `sender`. */
  injectDm(sender: SuiteSender, text: string): Promise<void>;
  /** Makes the platform deliver a group message, if the platform has groups. */
  injectGroup?(sender: SuiteSender, groupId: string, text: string, opts: { mention: boolean; replyToBot: boolean }): Promise<void>;
  /** Makes the platform deliver an edit of an earlier DM, if the platform has edits. */
  injectEdit?(sender: SuiteSender, text: string): Promise<void>;
  /** Makes the platform deliver payloads the adapter must ignore (malformed, non-text, from bots). */
  injectJunk(): Promise<void>;
  /** Text the bot sent, in order, with the chat it went to. */
  sent(): { chatId: string; text: string }[];
  /** Typing/ack actions the bot sent, if the platform has them. */
  typingCount?(): number;
  close(): Promise<void>;
};

/** Collects delivered messages; `next` waits (bounded) for the next one. */
function createInbox() {
  const items: InboundMessage[] = [];
  let notify: (() => void) | undefined;
  return {
    handler: async (m: InboundMessage) => {
      items.push(m);
      notify?.();
    },
    items,
    async next(): Promise<InboundMessage> {
      const deadline = Date.now() + waitBoundMs;
      while (items.length === 0) {
        if (Date.now() > deadline) throw new Error("no inbound message arrived in time");
        await new Promise<void>((r) => {
          notify = r;
          setTimeout(r, 20);
        });
      }
      return items.shift() as InboundMessage;
    },
  };
}

export function runAdapterSuite(name: string, makeHarness: () => Promise<AdapterHarness>): void {
  const harnesses: AdapterHarness[] = [];
  after(async () => {
    for (const h of harnesses) {
      await h.adapter.stop();
      await h.close();
    }
  });
  async function started() {
    const h = await makeHarness();
    harnesses.push(h);
    const inbox = createInbox();
    await h.adapter.start(inbox.handler);
    return { h, inbox };
  }
  const alice: SuiteSender = { id: "", name: "alice" };

  void test(`${name}: a DM arrives normalized with the platform's sender id, and a reply goes out`, async () => {
    const { h, inbox } = await started();
    await h.injectDm({ ...alice, id: "1001" }, "hello there");
    const m = await inbox.next();
    assert.equal(m.channel, h.adapter.id);
    assert.equal(m.senderId, h.senderIdOf("1001"));
    assert.equal(m.chat.kind, "dm");
    assert.equal(m.text, "hello there");
    assert.equal(m.edited, false);
    assert.equal(m.replyToBot, false);
    assert.ok(m.messageId.length > 0);
    await h.adapter.send({ chatId: m.chat.id, kind: "dm" }, "hi back");
    await waitUntil(() => h.sent().some((s) => s.chatId === m.chat.id && s.text === "hi back"), "the reply");
    if (h.adapter.typing !== undefined) {
      await h.adapter.typing({ chatId: m.chat.id, kind: "dm" });
      if (h.typingCount !== undefined) await waitUntil(() => (h.typingCount?.() ?? 0) > 0, "the typing action");
    }
  });

  void test(`${name}: group messages carry mention and reply-to-bot flags`, async (t) => {
    const { h, inbox } = await started();
    if (h.injectGroup === undefined) {
      t.skip("the platform has no groups");
      return;
    }
    await h.injectGroup({ id: "1002" }, "g-1", "plain talk", { mention: false, replyToBot: false });
    const plain = await inbox.next();
    assert.equal(plain.chat.kind, "group");
    assert.equal(plain.senderId, h.senderIdOf("1002"));
    assert.equal(plain.mentionsBot, false);
    assert.equal(plain.replyToBot, false);
    await h.injectGroup({ id: "1002" }, "g-1", "hey bot", { mention: true, replyToBot: false });
    assert.equal((await inbox.next()).mentionsBot, true);
    await h.injectGroup({ id: "1003" }, "g-1", "answering you", { mention: false, replyToBot: true });
    const reply = await inbox.next();
    assert.equal(reply.replyToBot, true);
    assert.equal(reply.senderId, h.senderIdOf("1003"));
  });

  void test(`${name}: edits are flagged as edits`, async (t) => {
    const { h, inbox } = await started();
    if (h.injectEdit === undefined) {
      t.skip("the platform has no edits");
      return;
    }
    await h.injectEdit({ id: "1004" }, "edited text");
    const m = await inbox.next();
    assert.equal(m.edited, true);
    assert.equal(m.senderId, h.senderIdOf("1004"));
  });

  void test(`${name}: junk payloads are ignored and the adapter keeps working`, async () => {
    const { h, inbox } = await started();
    await h.injectJunk();
    await h.injectDm({ id: "1005" }, "after the junk");
    const m = await inbox.next();
    assert.equal(m.text, "after the junk", "nothing from the junk was delivered before it");
  });

  void test(`${name}: a handler that throws does not stop the adapter`, async () => {
    const h = await makeHarness();
    harnesses.push(h);
    const seen: string[] = [];
    await h.adapter.start(async (m) => {
      seen.push(m.text);
      if (m.text === "boom") throw new Error("handler exploded");
    });
    await h.injectDm({ id: "1006" }, "boom");
    await h.injectDm({ id: "1006" }, "still alive");
    await waitUntil(() => seen.includes("still alive"), "the second message");
  });

  void test(`${name}: stop is clean, idempotent, and nothing is delivered after it`, async () => {
    const { h, inbox } = await started();
    await h.injectDm({ id: "1007" }, "before stop");
    await inbox.next();
    await h.adapter.stop();
    await h.adapter.stop();
    await h.injectDm({ id: "1007" }, "after stop").catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(inbox.items.length, 0);
  });
}

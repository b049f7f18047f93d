/**
 * The red-team test channel: a real ChannelAdapter whose "platform" is the runner. Messages go in through the
 * real inbound pipeline (access control, pairing); everything the gateway sends out is recorded.
 */
import type { ChannelAdapter, InboundHandler, InboundMessage, OutboundTarget } from "../channels/index.ts";

export type SentMessage = { chatId: string; text: string };

/** One message as the platform would deliver it: in a DM (the default) or a group chat. */
export type Delivery = {
  senderId: string;
  text: string;
  receivedAt: number;
  /** A group chat's id; absent for the sender's DM. Group messages mention the bot. */
  groupId?: string;
  forwardedFrom?: string;
  quotedText?: string;
};

/** A test adapter. Must never deliver a message except the ones the runner injects. */
export type TestChannel = ChannelAdapter & {
  sent: SentMessage[];
  /** Delivers one message and resolves once the pipeline has decided it. */
  deliver(message: Delivery): Promise<void>;
};

export function createTestChannel(id: string): TestChannel {
  let handler: InboundHandler | undefined;
  const sent: SentMessage[] = [];
  let next = 1;
  return {
    id,
    sent,
    async start(onMessage) {
      handler = onMessage;
    },
    async stop() {
      handler = undefined;
    },
    async send(target: OutboundTarget, text: string) {
      sent.push({ chatId: target.chatId, text });
    },
    async deliver(m) {
      if (!handler) throw new Error("the test channel is not started");
      const msg: InboundMessage = {
        channel: id,
        senderId: m.senderId,
        chat: m.groupId === undefined ? { kind: "dm", id: m.senderId } : { kind: "group", id: m.groupId },
        text: m.text,
        messageId: String(next++),
        mentionsBot: m.groupId !== undefined,
        replyToBot: false,
        edited: false,
        receivedAt: m.receivedAt,
        ...(m.forwardedFrom === undefined ? {} : { forwardedFrom: m.forwardedFrom }),
        ...(m.quotedText === undefined ? {} : { quotedText: m.quotedText }),
      };
      await handler(msg);
    },
  };
}

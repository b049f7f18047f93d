/**
 * The red-team test channel: a real ChannelAdapter whose "platform" is the runner. Messages go in through the
 * real inbound pipeline (access control, pairing); everything the gateway sends out is recorded.
 */
import type { ChannelAdapter, InboundHandler, InboundMessage, OutboundTarget } from "../channels/index.ts";

export type SentMessage = { chatId: string; text: string };

/** A test adapter. Must never deliver a message except the ones the runner injects. */
export type TestChannel = ChannelAdapter & {
  sent: SentMessage[];
  /** Delivers a direct message from `senderId` and resolves once the pipeline has decided it. */
  deliver(senderId: string, text: string, receivedAt: number): Promise<void>;
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
    async deliver(senderId, text, receivedAt) {
      if (!handler) throw new Error("the test channel is not started");
      const msg: InboundMessage = {
        channel: id,
        senderId,
        chat: { kind: "dm", id: senderId },
        text,
        messageId: String(next++),
        mentionsBot: false,
        replyToBot: false,
        edited: false,
        receivedAt,
      };
      await handler(msg);
    },
  };
}

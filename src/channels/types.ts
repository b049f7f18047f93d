/**
 * The channel adapter contract. An adapter turns platform events into normalized inbound messages with a
 * verified sender identity, and sends text back. It never decides who may talk to the agent: access control
 * does, the same way for every channel.
 */
import type { HealthReporter } from "./channel-health.ts";

export type ChatKind = "dm" | "group";

export type InboundMessage = {
  channel: string;
  /** Platform sender id as verified by the platform (never a display name). */
  senderId: string;
  senderName?: string;
  chat: { kind: ChatKind; id: string };
  text: string;
  messageId: string;
  /** The bot was mentioned (groups). */
  mentionsBot: boolean;
  /** The message replies to one of the bot's messages. */
  replyToBot: boolean;
  edited: boolean;
  receivedAt: number;
  /**
   * Set when the message is a forward: who the platform says wrote it originally (a description, never a
   * verified identity). `text` is then the forwarded text, not the sender's own words.
   */
  forwardedFrom?: string;
  /** Text the sender quoted from an earlier message (a reply with a quote); not the sender's own words. */
  quotedText?: string;
};

export type OutboundTarget = { chatId: string; kind: ChatKind };

/**
 * A button under a message, where the platform has them. Pressing it delivers `command` as an inbound message from
 * the person who pressed it, exactly as if they had typed it: the same owner checks decide, so a button grants
 * nothing that typing the command would not.
 */
export type MessageAction = { label: string; command: string; style?: "primary" | "danger" };
export type SendOptions = { actions?: readonly MessageAction[] };

export type InboundHandler = (message: InboundMessage) => Promise<void>;

/** What the supervisor hands an adapter at start: where to report health while running, and a cancel signal. */
export type AdapterStartHooks = {
  report?: HealthReporter;
  /** Aborted when the gateway stops: a start still waiting on the platform must give up promptly. */
  signal?: AbortSignal;
};

/**
 * Must not throw out of `start`'s handler loop on bad platform input; must stop cleanly. `start` rejects with
 * a `ChannelFault` as the error's `cause` when the platform refused it, leaving nothing running; after
 * `start` resolved, the adapter
 * recovers from platform faults by itself and reports them through `hooks.report`. `stop` also cancels a
 * `start` still under way. `send` retries only when a resend cannot duplicate the message.
 */
export interface ChannelAdapter {
  readonly id: string;
  start(onMessage: InboundHandler, hooks?: AdapterStartHooks): Promise<void>;
  stop(): Promise<void>;
  /** `options.actions`: buttons, on platforms that have them; others send the text alone (it names the commands). */
  send(target: OutboundTarget, text: string, options?: SendOptions): Promise<void>;
  /** Typing indicator or acknowledgement, where the platform has one. */
  typing?(target: OutboundTarget): Promise<void>;
}

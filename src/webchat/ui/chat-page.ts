/**
 * The chat: the session's history from the gateway (so it survives a reload), the reply streaming in, a card
 * for each tool call with its result, and the session's approval requests as cards in the conversation.
 */
import { html } from "htm/preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { StoredMessage } from "../../sessions/transcripts.ts";
import type { ApprovalView } from "../../approvals/approvals.ts";
import { ApprovalCard, type ApprovalAnswer } from "./approval-card.ts";

export type ChatItem =
  | { kind: "user"; text: string; pending?: boolean }
  | { kind: "assistant"; text: string }
  | { kind: "tool"; id: string; name: string; args: string; result?: string; isError?: boolean }
  | { kind: "error"; text: string };

/** The transcript as the page shows it: each tool call paired with its result. */
export function itemsOf(messages: readonly StoredMessage[]): ChatItem[] {
  const items: ChatItem[] = [];
  const calls = new Map<string, Extract<ChatItem, { kind: "tool" }>>();
  for (const { message } of messages) {
    if (message.role === "user") items.push({ kind: "user", text: message.content });
    else if (message.role === "assistant") {
      if (message.content.trim() !== "") items.push({ kind: "assistant", text: message.content });
      for (const call of message.toolCalls) {
        const card = { kind: "tool" as const, id: call.id, name: call.name, args: call.arguments };
        calls.set(call.id, card);
        items.push(card);
      }
    } else {
      const card = calls.get(message.toolCallId);
      if (card) Object.assign(card, { result: message.content, isError: message.isError });
    }
  }
  return items;
}

function prettyArgs(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

function ToolCard(props: { item: Extract<ChatItem, { kind: "tool" }> }) {
  const { item } = props;
  const state = item.result === undefined ? "running" : item.isError ? "failed" : "done";
  return html`<details class=${`tool tool-${state}`}>
    <summary><span class="tool-name">${item.name}</span> <span class="tool-state">${state}</span></summary>
    <pre>${prettyArgs(item.args)}</pre>
    ${item.result !== undefined ? html`<pre class="tool-result">${item.result.length > 4000 ? `${item.result.slice(0, 4000)}\n…` : item.result}</pre>` : null}
  </details>`;
}

export function ChatPage(props: {
  items: readonly ChatItem[];
  streaming: string;
  approvals: readonly ApprovalView[];
  online: boolean;
  send: (text: string) => void;
  answer: (id: string, decision: ApprovalAnswer) => Promise<string | undefined>;
}) {
  const [text, setText] = useState("");
  const log = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [props.items.length, props.streaming, props.approvals.length]);
  const submit = (event: Event) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed === "") return;
    props.send(trimmed);
    setText("");
  };
  return html`<section class="chat">
    <div class="log" ref=${log} aria-live="polite">
      ${props.items.map((item) =>
        item.kind === "tool" ? html`<${ToolCard} item=${item} />` : html`<div class=${`msg ${item.kind}${item.kind === "user" && item.pending ? " pending" : ""}`}>${item.text}</div>`)}
      ${props.approvals.map((a) => html`<${ApprovalCard} key=${a.id} approval=${a} answer=${props.answer} />`)}
      ${props.streaming !== "" ? html`<div class="msg assistant streaming">${props.streaming}</div>` : null}
    </div>
    <form class="composer" onSubmit=${submit}>
      <textarea aria-label="Message" placeholder=${props.online ? "Message Warden" : "Offline: messages wait and go once reconnected"} value=${text}
        onInput=${(e: Event) => setText((e.target as HTMLTextAreaElement).value)}
        onKeyDown=${(e: KeyboardEvent) => {
          if (e.key === "Enter" && !e.shiftKey) submit(e);
        }}></textarea>
      <button type="submit" class="primary">Send</button>
    </form>
  </section>`;
}

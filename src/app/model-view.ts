/**
 * The model's view of a session's history under a character budget (`agent.maxHistoryChars`), as a chat client's
 * context window: the newest whole turns that fit, oldest left out first. A turn is a user message with what
 * followed it (the model's answers, its tool calls and their results), so a tool result never loses its call.
 *
 * This trims what the model is SENT, never what the gate judges: the turn policy gets the whole stored window
 * before this runs (chat-service.ts), so a message left out here still counts for the session's labels, its links
 * and its data. Leaving content out of the model's context can only make a hijacked model know less.
 */
import type { ChatMessage } from "../providers/types.ts";

function charsOf(m: ChatMessage): number {
  let n = m.content.length;
  if (m.role === "assistant") for (const c of m.toolCalls) n += c.arguments.length + c.name.length;
  return n;
}

/** The newest whole turns of `history` whose characters sum to at most `maxChars`, in order. */
export function modelView(history: readonly ChatMessage[], maxChars: number): readonly ChatMessage[] {
  let total = 0;
  for (const m of history) total += charsOf(m);
  if (total <= maxChars) return history;
  let used = 0;
  let start = history.length;
  let turnChars = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i] as ChatMessage;
    turnChars += charsOf(m);
    // A turn begins at a user message: keep it whole or not at all.
    if (m.role !== "user") continue;
    if (used + turnChars > maxChars) break;
    used += turnChars;
    turnChars = 0;
    start = i;
  }
  return history.slice(start);
}

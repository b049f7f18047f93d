/**
 * Another session's transcript, read-only: each message with its role, time and origin label (the owner's own
 * words, or where untrusted text came from: a contact, a fetched page, a file, a tool). Exported as JSON (what the
 * gateway stores, labels included) or Markdown, downloaded from the page itself: nothing is sent anywhere.
 */
import { html } from "htm/preact";
import type { StoredMessage } from "../../sessions/transcripts.ts";
import type { ResultOf } from "../../gateway/protocol.ts";
import type { Connection } from "./connection.ts";
import { useCall } from "./use-call.ts";

/** The owner's own words are the only trusted origin; everything else is labelled as untrusted. */
const trusted = (source: string) => source === "owner";

function textOf(m: StoredMessage): string {
  const msg = m.message;
  if (msg.role === "assistant") return [msg.content, ...msg.toolCalls.map((c) => `→ ${c.name} ${c.arguments}`)].filter((t) => t.trim() !== "").join("\n");
  return msg.content;
}

/** A Markdown fence longer than any run of backticks in `text`, so the content cannot close it. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}

export function transcriptMarkdown(session: string, messages: readonly StoredMessage[]): string {
  const parts = [`# Warden session \`${session}\``, "", `Exported ${new Date().toISOString()}; ${messages.length} message(s). Origins other than \`owner\` are untrusted text.`, ""];
  for (const m of messages) {
    parts.push(`## ${m.message.role} · ${new Date(m.at).toISOString()} · origin \`${m.source}\`${trusted(m.source) ? "" : " (untrusted)"}`, "", fenced(textOf(m)), "");
  }
  return parts.join("\n");
}

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function TranscriptView(props: { connection: Connection; online: boolean; session: string; close: () => void }) {
  const history = useCall<ResultOf<"chat.history">>(() => props.connection.call("chat.history", { session: props.session }), [props.online, props.session]);
  const messages = history.data?.messages ?? [];
  const file = props.session.replace(/[^A-Za-z0-9_.-]+/g, "_");
  return html`<div class="transcript" data-session=${props.session}>
    <div class="actions">
      <button onClick=${props.close}>← All sessions</button>
      <button class="export-json" disabled=${!history.data} onClick=${() => download(`${file}.json`, "application/json", `${JSON.stringify({ session: props.session, messages }, null, 2)}\n`)}>Export JSON</button>
      <button class="export-md" disabled=${!history.data} onClick=${() => download(`${file}.md`, "text/markdown", transcriptMarkdown(props.session, messages))}>Export Markdown</button>
    </div>
    <h2><code>${props.session}</code></h2>
    <p class="meta">Read-only. Each message shows where its text came from; only <span class="clean">owner</span> is your own words.</p>
    ${history.error ? html`<p class="error">${history.error}</p>` : null}
    ${history.data && messages.length === 0 ? html`<p class="empty">This session has no messages.</p>` : null}
    <ol class="transcript-log">${messages.map((m) => html`<li class=${`tmsg role-${m.message.role} ${trusted(m.source) ? "trusted" : "untrusted"}`}>
      <span class="meta">${m.message.role} · ${new Date(m.at).toLocaleString()} · </span><span class=${`origin ${trusted(m.source) ? "clean" : "taint"}`}>${m.source}</span>
      <pre class="full">${textOf(m)}</pre></li>`)}</ol>
  </div>`;
}

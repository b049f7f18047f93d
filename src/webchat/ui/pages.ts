/** The Control UI's other pages: every pending approval, channels with their pairing requests, the gateway's status. */
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import type { ApprovalView } from "../../approvals/approvals.ts";
import type { PairingListing } from "../../channels/pairing-store.ts";
import type { ResultOf } from "../../gateway/protocol.ts";
import type { Connection, CallError } from "./connection.ts";
import { ApprovalCard, type ApprovalAnswer } from "./approval-card.ts";
import { TranscriptView } from "./transcript-view.ts";
import { useCall, when } from "./use-call.ts";

type Status = ResultOf<"status">;


export function ApprovalsPage(props: { approvals: readonly ApprovalView[]; answer: (id: string, decision: ApprovalAnswer) => Promise<string | undefined> }) {
  const [permission, setPermission] = useState(typeof Notification === "undefined" ? "unsupported" : Notification.permission);
  const pending = props.approvals.filter((a) => a.status === "pending");
  const done = props.approvals.filter((a) => a.status !== "pending");
  return html`<section class="page">
    <h1>Approvals</h1>
    ${permission === "default"
      ? html`<p><button onClick=${() => void Notification.requestPermission().then(setPermission)}>Notify me when a request comes in while this tab is in the background</button></p>`
      : null}
    ${pending.length === 0 ? html`<p class="empty">Nothing is waiting for you.</p>` : null}
    ${pending.map((a) => html`<${ApprovalCard} key=${a.id} approval=${a} answer=${props.answer} />`)}
    ${done.length > 0 ? html`<h2>Answered while this page was open</h2>${done.map((a) => html`<${ApprovalCard} key=${a.id} approval=${a} answer=${props.answer} />`)}` : null}
  </section>`;
}

/** A QR code drawn from its modules as SVG elements (the CSP allows no data: images, and no markup is injected). */
function QrCode(props: { modules: boolean[][] }) {
  const size = props.modules.length;
  const cells = props.modules.flatMap((row, y) => row.map((dark, x) => (dark ? html`<rect x=${x} y=${y} width="1" height="1" />` : null)));
  return html`<svg class="qr" viewBox=${`0 0 ${size} ${size}`} width="264" height="264" role="img" aria-label="Signal link QR code" shape-rendering="crispEdges"><rect width=${size} height=${size} fill="#fff" /><g fill="#000">${cells}</g></svg>`;
}

/** Links signal-cli to the bot's Signal account: shows the QR code, then waits for the phone to scan it. */
function SignalLink(props: { connection: Connection }) {
  const [state, setState] = useState<{ qr?: boolean[][]; note?: string }>({});
  const start = () => {
    setState({ note: "Asking signal-cli for a link code…" });
    props.connection.call("signal.link.start", {}).then(
      (r) => {
        setState({ qr: r.qr, note: "On the phone with the bot's Signal account: Settings → Linked devices → + → scan this code." });
        props.connection.call("signal.link.finish", { uri: r.uri }).then(
          (f) => setState({ note: `Linked ${f.account ?? "the account"}. Set channels.signal.account to it, enable the channel and restart the gateway.` }),
          (e: CallError) => setState({ note: e.message }),
        );
      },
      (e: CallError) => setState({ note: e.message }),
    );
  };
  return html`<h2>Signal</h2>
    <p><button onClick=${start}>Link a Signal account</button> (signal-cli's daemon must run at <code>channels.signal.httpUrl</code>, without <code>-a</code>, while linking)</p>
    ${state.note ? html`<p class="notice" role="status">${state.note}</p>` : null}
    ${state.qr ? html`<${QrCode} modules=${state.qr} />` : null}`;
}

export function ChannelsPage(props: { connection: Connection; online: boolean }) {
  const listing = useCall<PairingListing>(() => props.connection.call("pairing.list", {}), [props.online]);
  const status = useCall<Status>(() => props.connection.call("status", {}), [props.online]);
  const [message, setMessage] = useState<string | undefined>();
  const approve = (channel: string, code: string, owner: boolean) =>
    props.connection.call("pairing.approve", { channel, code, owner }).then(
      (r) => {
        setMessage(`Paired ${r.contact.senderName ?? r.contact.senderId} on ${channel}${r.becameOwner ? " as the owner" : ""}.`);
        listing.refresh();
      },
      (e: CallError) => setMessage(e.message),
    );
  const data = listing.data;
  return html`<section class="page">
    <h1>Channels</h1>
    ${message ? html`<p class="notice" role="status">${message}</p>` : null}
    ${listing.error ? html`<p class="error">${listing.error}</p>` : null}
    <h2>Status</h2>
    ${(status.data?.channels ?? []).length === 0 ? html`<p class="empty">No channel is running besides this page (WebChat).</p>` : null}
    <ul class="cards">${(status.data?.channels ?? []).map((c) => html`<li class=${`channel state-${c.state}`}><strong>${c.channel}</strong> ${c.state} since ${c.since}${c.reason ? html`<br />${c.reason}` : null}${c.fix ? html`<br /><em>${c.fix}</em>` : null}</li>`)}</ul>
    <${SignalLink} connection=${props.connection} />
    <h2>Pairing requests</h2>
    ${data && data.pending.length === 0 ? html`<p class="empty">No one is waiting to be paired.</p>` : null}
    <ul class="cards">${(data?.pending ?? []).map((p) => html`<li class="pairing" data-code=${p.code}>
      <strong>${p.senderName ?? p.senderId}</strong> on ${p.channel} · code <code>${p.code}</code> · asked ${when(p.createdAt)}
      <div class="actions">
        <button class="primary" onClick=${() => approve(p.channel, p.code, false)}>Approve as contact</button>
        <button onClick=${() => approve(p.channel, p.code, true)}>Approve as owner</button>
      </div></li>`)}</ul>
    <h2>Owners</h2>
    <ul class="cards">${(data?.owners ?? []).map((o) => html`<li><strong>${o.senderId}</strong> on ${o.channel} · ${o.explicit ? "designated" : "first pairing"} ${when(o.setAt)}</li>`)}</ul>
    <h2>Paired contacts</h2>
    ${data && data.contacts.length === 0 ? html`<p class="empty">No contacts yet.</p>` : null}
    <ul class="cards">${(data?.contacts ?? []).map((c) => html`<li><strong>${c.senderName ?? c.senderId}</strong> on ${c.channel} · approved ${when(c.approvedAt)} by ${c.approvedBy}</li>`)}</ul>
  </section>`;
}

export function StatusPage(props: { connection: Connection; online: boolean }) {
  const status = useCall<Status>(() => props.connection.call("status", {}), [props.online]);
  const s = status.data;
  return html`<section class="page">
    <h1>Status</h1>
    ${status.error ? html`<p class="error">${status.error}</p>` : null}
    ${s
      ? html`<dl class="facts">
          <dt>Gateway</dt><dd>${s.ok ? "healthy" : "needs attention"}, up ${Math.round(s.uptimeSeconds / 60)} min</dd>
          <dt>Model</dt><dd>${s.model ?? "none configured (set WARDEN_MODEL)"}</dd>
          <dt>Storage</dt><dd>${s.storage.ok ? "ok" : `${s.storage.condition ?? "fault"}: ${s.storage.message ?? ""}`}</dd>
          <dt>Activity entries lost</dt><dd>${s.lostActivityEntries}</dd>
          ${s.historyLost !== undefined ? html`<dt>Activity history</dt><dd class="error">lost: ${s.historyLost}</dd>` : null}
          <dt>Channels</dt><dd>${(s.channels ?? []).map((c) => `${c.channel}: ${c.state}`).join(", ") || "WebChat only"}</dd>
        </dl>`
      : null}
    <p><button onClick=${status.refresh}>Refresh</button></p>
  </section>`;
}

export function SessionsPage(props: { connection: Connection; online: boolean }) {
  const list = useCall<ResultOf<"sessions.list">>(() => props.connection.call("sessions.list", {}), [props.online]);
  const [message, setMessage] = useState<string | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const reset = (session: string) =>
    props.connection.call("sessions.reset", { session }).then(
      (r) => {
        setMessage(`${session}: ${r.reply}`);
        list.refresh();
      },
      (e: CallError) => setMessage(e.message),
    );
  const sessions = list.data?.sessions ?? [];
  if (open !== undefined) return html`<section class="page"><h1>Sessions</h1><${TranscriptView} connection=${props.connection} online=${props.online} session=${open} close=${() => setOpen(undefined)} /></section>`;
  return html`<section class="page">
    <h1>Sessions</h1>
    ${message ? html`<p class="notice" role="status">${message}</p>` : null}
    ${list.error ? html`<p class="error">${list.error}</p>` : null}
    ${list.data && sessions.length === 0 ? html`<p class="empty">No conversations yet.</p>` : null}
    <ul class="cards">${sessions.map((s) => html`<li class="session" data-session=${s.key}>
      <strong>${s.peer}</strong> on ${s.channel} · ${when(s.updatedAt)}
      <br /><code>${s.key}</code>
      <br />${s.tainted
        ? html`<span class="taint">untrusted context</span> (${s.confidentiality}${s.sources.length > 0 ? `; from ${s.sources.join(", ")}` : ""}): actions that could leak need your approval until it is reset`
        : html`<span class="clean">trusted context</span> (${s.confidentiality})`}
      <div class="actions"><button class="open" onClick=${() => setOpen(s.key)}>Open transcript</button><button onClick=${() => void reset(s.key)}>Reset (forget history and labels)</button></div>
    </li>`)}</ul>
  </section>`;
}

const usd = (n: number) => `$${n.toFixed(n < 1 ? 4 : 2)}`;

export function UsagePage(props: { connection: Connection; online: boolean }) {
  const usage = useCall<ResultOf<"usage.get">>(() => props.connection.call("usage.get", {}), [props.online]);
  const u = usage.data;
  const limit = (v: number | null, f: (n: number) => string = String) => (v === null ? "no limit" : f(v));
  return html`<section class="page">
    <h1>Usage and cost</h1>
    ${usage.error ? html`<p class="error">${usage.error}</p>` : null}
    ${u
      ? html`<dl class="facts">
          <dt>Today (UTC)</dt><dd>${u.tokens.today.toLocaleString()} tokens · ${usd(u.costUsd.today)} (limit ${limit(u.limits.costUsd.perDay, usd)}, ${limit(u.limits.tokens.perDay)} tokens)</dd>
          <dt>This month</dt><dd>${u.tokens.month.toLocaleString()} tokens · ${usd(u.costUsd.month)} (limit ${limit(u.limits.costUsd.perMonth, usd)})</dd>
          <dt>Per session</dt><dd>${limit(u.limits.tokens.perSession)} tokens</dd>
          <dt>Messages per sender</dt><dd>${limit(u.limits.messages.perSenderPerMinute)} per minute</dd>
          ${u.unpricedCallsToday > 0 ? html`<dt>Unpriced calls today</dt><dd>${u.unpricedCallsToday} (set prices in the config to count their cost)</dd>` : null}
        </dl>`
      : null}
    <p><button onClick=${usage.refresh}>Refresh</button></p>
  </section>`;
}

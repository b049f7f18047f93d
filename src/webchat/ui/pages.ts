/** The Control UI's other pages: every pending approval, channels with their pairing requests, the gateway's status. */
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import type { ApprovalView } from "../../approvals/approvals.ts";
import type { PairingListing } from "../../channels/pairing-store.ts";
import type { ResultOf } from "../../gateway/protocol.ts";
import type { Connection, CallError } from "./connection.ts";
import { ApprovalCard, type ApprovalAnswer } from "./approval-card.ts";

type Status = ResultOf<"status">;

const when = (ms: number) => new Date(ms).toLocaleString();

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

/** Loads a method's result when the page opens and after `refresh()`; errors are shown, never thrown. */
function useCall<T>(load: () => Promise<T>, deps: readonly unknown[]): { data?: T; error?: string; refresh: () => void } {
  const [state, setState] = useState<{ data?: T; error?: string }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then((data) => live && setState({ data }), (e: CallError) => live && setState({ error: e.message }));
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...state, refresh: () => setTick((t) => t + 1) };
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
          <dt>Channels</dt><dd>${(s.channels ?? []).map((c) => `${c.channel}: ${c.state}`).join(", ") || "WebChat only"}</dd>
        </dl>`
      : null}
    <p><button onClick=${status.refresh}>Refresh</button></p>
  </section>`;
}

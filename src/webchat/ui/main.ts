/**
 * The Control UI: one connection, the live approval list (from `approvals.list` and the gateway's approval
 * events), the chat and the other pages. Approval requests come first: a badge on every page, a card in the
 * chat, a browser notification when the tab is in the background.
 */
import { html, render } from "htm/preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { ApprovalView } from "../../approvals/approvals.ts";
import type { EventFrame } from "../../gateway/protocol.ts";
import { createConnection, type CallError, type ConnectionState } from "./connection.ts";
import { ChatPage, itemsOf, type ChatItem } from "./chat-page.ts";
import { ApprovalsPage, ChannelsPage, SessionsPage, StatusPage, UsagePage } from "./pages.ts";
import { SettingsPage } from "./settings-page.ts";
import { ActivityPage } from "./activity-page.ts";
import { CronPage, SecurityPage } from "./jobs-security-pages.ts";
import { McpPage } from "./mcp-page.ts";
import { SkillsPage } from "./skills-page.ts";
import type { ApprovalAnswer } from "./approval-card.ts";

const pages = [
  { route: "chat", title: "Chat" },
  { route: "approvals", title: "Approvals" },
  { route: "sessions", title: "Sessions" },
  { route: "activity", title: "Activity" },
  { route: "channels", title: "Channels" },
  { route: "usage", title: "Usage" },
  { route: "cron", title: "Jobs" },
  { route: "mcp", title: "Services" },
  { route: "skills", title: "Skills" },
  { route: "security", title: "Security" },
  { route: "settings", title: "Settings" },
  { route: "status", title: "Status" },
] as const;
type Route = (typeof pages)[number]["route"];

const routeOf = (hash: string): Route => pages.find((p) => `#/${p.route}` === hash)?.route ?? "chat";

function describeState(s: ConnectionState): string {
  if (s.kind === "connected") return "connected";
  if (s.kind === "connecting") return s.attempt === 0 ? "connecting…" : "reconnecting…";
  if (s.kind === "offline") return `offline, retrying in ${Math.ceil(s.retryInMs / 1000)}s`;
  return "not logged in";
}

function notifyInBackground(a: ApprovalView): void {
  if (document.visibilityState !== "hidden" || typeof Notification === "undefined" || Notification.permission !== "granted") return;
  const n = new Notification("Warden needs your approval", { body: `${a.tool}: ${a.summary}`, tag: `approval-${a.id}` });
  n.onclick = () => {
    window.focus();
    location.hash = "#/approvals";
  };
}

function App() {
  const [state, setState] = useState<ConnectionState>({ kind: "connecting", attempt: 0 });
  const [route, setRoute] = useState<Route>(routeOf(location.hash));
  const [approvals, setApprovals] = useState<ReadonlyMap<string, ApprovalView>>(new Map());
  const [session, setSession] = useState<string | undefined>();
  const [items, setItems] = useState<ChatItem[]>([]);
  const [local, setLocal] = useState<ChatItem[]>([]);
  const [streaming, setStreaming] = useState("");
  const [notices, setNotices] = useState<string[]>([]);
  const [cost, setCost] = useState<string | undefined>();
  const loadCost = () =>
    connection.call("usage.get", {}).then(
      (u) => setCost(`today ${u.tokens.today.toLocaleString()} tokens · $${u.costUsd.today.toFixed(4)}`),
      () => undefined,
    );

  const upsert = (a: ApprovalView) => setApprovals((m) => new Map(m).set(a.id, a));
  const connection = useMemo(
    () =>
      createConnection({
        onState: setState,
        onEvent: (event: EventFrame) => {
          if (event.event === "approval.requested") {
            const a = event.payload as ApprovalView;
            upsert(a);
            notifyInBackground(a);
          } else if (event.event === "approval.resolved") upsert(event.payload as ApprovalView);
          else if (event.event === "chat.delta") {
            const { session: key, delta } = event.payload;
            if (key === "owner-notice") {
              // Approval prompts have their cards; other notices (storage faults) stay on top, the last three.
              if (!/^Approval \S+ \(/.test(delta)) setNotices((n) => [...n.slice(-2), delta.trim()]);
            } else setStreaming((s) => s + delta);
          }
        },
      }),
    [],
  );
  const online = state.kind === "connected";

  const loadHistory = () =>
    connection.call("chat.history", {}).then(
      (h) => {
        setSession(h.session);
        setItems(itemsOf(h.messages));
        void loadCost();
      },
      () => undefined,
    );
  useEffect(() => {
    if (!online) return;
    void loadHistory();
    connection.call("approvals.list", {}).then((r) => setApprovals((m) => {
      const next = new Map([...m].filter(([, a]) => a.status !== "pending"));
      for (const a of r.approvals) next.set(a.id, a);
      return next;
    }), () => undefined);
  }, [online]);
  useEffect(() => {
    const onHash = () => setRoute(routeOf(location.hash));
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  const send = (text: string) => {
    const mine: ChatItem = { kind: "user", text, pending: true };
    setLocal((l) => [...l, mine]);
    setStreaming("");
    connection.send(text).done.then(
      (result) => {
        setLocal((l) => l.filter((i) => i !== mine));
        setStreaming("");
        if (result.error) setLocal((l) => [...l, { kind: "error", text: result.reply }]);
        void loadHistory();
      },
      (e: CallError) => setLocal((l) => [...l.filter((i) => i !== mine), { kind: "error", text: `Not sent: ${e.message}` }]),
    );
  };
  const answer = (id: string, decision: ApprovalAnswer): Promise<string | undefined> =>
    connection.call("approvals.resolve", { approvalId: id, decision }).then(
      (view) => {
        upsert(view);
        return undefined;
      },
      (e: CallError) => e.message,
    );

  const all = [...approvals.values()];
  const pendingCount = all.filter((a) => a.status === "pending" && a.expiresAt > Date.now()).length;
  const inChat = all.filter((a) => a.sessionKey === session);
  return html`<div class="shell">
    <header class="top">
      <strong class="brand">Warden</strong>
      <nav>${pages.map((p) => html`<a href=${`#/${p.route}`} class=${route === p.route ? "active" : ""} aria-current=${route === p.route ? "page" : undefined}>
        ${p.title}${p.route === "approvals" && pendingCount > 0 ? html` <span class="badge" aria-label=${`${pendingCount} pending`}>${pendingCount}</span>` : null}</a>`)}</nav>
      ${cost ? html`<span class="cost" title="Usage today (UTC)">${cost}</span>` : null}
      <span class=${`conn conn-${state.kind}`} role="status">${describeState(state)}</span>
    </header>
    ${state.kind === "login-needed" || state.kind === "offline" ? html`<p class="banner" role="alert">${state.why}</p>` : null}
    ${notices.map((n) => html`<p class="banner notice">${n}</p>`)}
    <main>
      ${route === "chat" ? html`<${ChatPage} items=${[...items, ...local]} streaming=${streaming} approvals=${inChat} online=${online} send=${send} answer=${answer} />` : null}
      ${route === "approvals" ? html`<${ApprovalsPage} approvals=${all} answer=${answer} />` : null}
      ${route === "channels" ? html`<${ChannelsPage} connection=${connection} online=${online} />` : null}
      ${route === "sessions" ? html`<${SessionsPage} connection=${connection} online=${online} />` : null}
      ${route === "activity" ? html`<${ActivityPage} connection=${connection} online=${online} />` : null}
      ${route === "usage" ? html`<${UsagePage} connection=${connection} online=${online} />` : null}
      ${route === "mcp" ? html`<${McpPage} connection=${connection} online=${online} />` : null}
      ${route === "skills" ? html`<${SkillsPage} connection=${connection} online=${online} />` : null}
      ${route === "cron" ? html`<${CronPage} connection=${connection} online=${online} />` : null}
      ${route === "security" ? html`<${SecurityPage} connection=${connection} online=${online} />` : null}
      ${route === "settings" ? html`<${SettingsPage} connection=${connection} online=${online} />` : null}
      ${route === "status" ? html`<${StatusPage} connection=${connection} online=${online} />` : null}
    </main>
  </div>`;
}

render(html`<${App} />`, document.getElementById("app") as HTMLElement);
if ("serviceWorker" in navigator) void navigator.serviceWorker.register("/sw.js").catch(() => undefined);

/**
 * The activity log, live: the last entries, then new ones every few seconds (the page keeps at most `KEEP`
 * and renders at most `SHOW` of those that match, so an open tab's memory and DOM stay bounded); filtered by kind and by text (a session, a tool, a decision); and
 * the hash chain verified on request.
 */
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import type { ResultOf } from "../../gateway/protocol.ts";
import type { Connection, CallError } from "./connection.ts";

type Entry = ResultOf<"activity.tail">["entries"][number];
const KEEP = 1000;
const SHOW = 200;
const POLL_MS = 3000;

export function ActivityPage(props: { connection: Connection; online: boolean }) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [kind, setKind] = useState("");
  const [text, setText] = useState("");
  const [verdict, setVerdict] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!props.online) return;
    let last = 0;
    let live = true;
    const poll = () =>
      props.connection.call("activity.tail", { limit: 200, afterSeq: last }).then(
        (r) => {
          if (!live || r.entries.length === 0) return;
          last = r.entries.at(-1)?.seq ?? last;
          setEntries((old) => [...old, ...r.entries].slice(-KEEP));
        },
        (e: CallError) => setError(e.message),
      );
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [props.online]);
  const verify = () =>
    props.connection.call("activity.verify", {}).then(
      (v) => setVerdict(v.ok ? `The chain verifies: ${v.count} entries up to #${v.lastSeq}${v.anchored ? ", anchored" : ""}.` : `The chain is broken at #${v.firstBadSeq}: ${v.message}`),
      (e: CallError) => setVerdict(e.message),
    );
  const kinds = [...new Set(entries.map((e) => e.kind))].sort();
  const needle = text.trim().toLowerCase();
  const shown = entries.filter((e) => (kind === "" || e.kind === kind) && (needle === "" || `${e.actor} ${e.summary} ${JSON.stringify(e.data)}`.toLowerCase().includes(needle)));
  return html`<section class="page">
    <h1>Activity</h1>
    <div class="filters">
      <label>Kind <select value=${kind} onChange=${(e: Event) => setKind((e.target as HTMLSelectElement).value)}>
        <option value="">all</option>${kinds.map((k) => html`<option value=${k}>${k}</option>`)}</select></label>
      <label>Filter <input name="filter" value=${text} placeholder="session, tool, decision…" onInput=${(e: Event) => setText((e.target as HTMLInputElement).value)} /></label>
      <button onClick=${() => void verify()}>Verify the hash chain</button>
    </div>
    ${verdict ? html`<p class="notice" role="status">${verdict}</p>` : null}
    ${error ? html`<p class="error">${error}</p>` : null}
    <p class="meta">Showing ${Math.min(shown.length, SHOW)} of ${shown.length} matching among the last ${entries.length} entries; \`warden audit-log export\` writes the whole log.</p>
    <ol class="activity">${shown.slice(-SHOW).reverse().map((e) => html`<li class=${`entry kind-${e.kind}`}>
      <span class="seq">#${e.seq}</span> <time>${new Date(e.ts).toLocaleTimeString()}</time> <strong>${e.kind}</strong> ${e.actor}: ${e.summary}</li>`)}</ol>
  </section>`;
}

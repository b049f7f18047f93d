/**
 * Connected services (MCP servers): each configured server with its tools as the server describes them
 * (untrusted text, shown as text: description, input schema, hints), their approval state, and what changed since
 * approval. The owner lists a server's tools, approves exactly what is shown (with the effect class it confirms),
 * or revokes; the gateway refuses a definition that changed after it was shown, and logs every answer.
 */
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import type { ResultOf } from "../../gateway/protocol.ts";
import type { McpServerView } from "../../mcp/mcp-control.ts";
import type { Connection, CallError } from "./connection.ts";
import { useCall } from "./use-call.ts";

const effects = ["unknown", "read-only", "writes", "sends"] as const;

function ServerCard(props: { server: McpServerView; connection: Connection; done: (message: string) => void }) {
  const s = props.server;
  const [busy, setBusy] = useState(false);
  const [effect, setEffect] = useState<(typeof effects)[number] | "">("");
  const run = (work: () => Promise<string>) => {
    setBusy(true);
    work().then(props.done, (e: CallError) => props.done(e.message)).finally(() => setBusy(false));
  };
  const waiting = s.tools.filter((t) => t.status !== "approved" && t.hash !== null);
  const approve = () =>
    run(() => props.connection.call("mcp.approve", { server: s.name, tools: waiting.map((t) => ({ tool: t.tool, hash: t.hash as string })), ...(effect ? { effect } : {}) })
      .then((v) => `Approved ${waiting.length} tool(s) of ${s.name}, pinned as shown (${v.approved} approved now). The gateway offers them from its next turn.`));
  return html`<li class="mcp-server" data-server=${s.name}>
    <strong>${s.name}</strong> · ${s.transport}${s.url ? html` <code>${s.url}</code>` : null}${s.enabled ? "" : " · disabled"}
    · approved ${s.approved}, <span class=${s.changed > 0 ? "taint" : ""}>changed ${s.changed}</span>, unapproved ${s.unapproved}
    ${s.tools.length === 0 ? html`<p class="empty">Its tools have not been listed yet: nothing of it runs until you approve.</p>` : null}
    <ul class="mcp-tools">${s.tools.map((t) => html`<li class=${`mcp-tool status-${t.status}`} data-tool=${t.tool}>
      <code>${t.name}</code> <span class="meta">[${t.status}, effect: ${t.effect}]</span>
      ${t.descriptionLooksLikeInstructions ? html`<p class="refused">Warning: the description reads like instructions to the model.</p>` : null}
      <span class="label">Description (from the server, untrusted)</span><pre class="full">${t.description}</pre>
      <details><summary>Input schema${t.hints !== null ? " and hints" : ""}</summary><pre class="full">${JSON.stringify(t.inputSchema, null, 2)}</pre>${t.hints !== null ? html`<pre class="full">${JSON.stringify(t.hints, null, 2)}</pre>` : null}</details>
      ${t.changes && t.changes.length > 0 ? html`<span class="label">Changed since you approved it</span><pre class="unified changes">${t.changes.join("\n")}</pre>` : null}
    </li>`)}</ul>
    <div class="actions">
      <button disabled=${busy} onClick=${() => run(() => props.connection.call("mcp.inspect", { server: s.name }).then((v) => `${s.name} serves ${v.tools.length} tool(s); review them before approving.`))}>List its tools (starts it sandboxed)</button>
      ${waiting.length > 0
        ? html`<label>Effect <select value=${effect} onChange=${(e: Event) => setEffect((e.target as HTMLSelectElement).value as typeof effect)}>
            <option value="">keep confirmed (new: unknown, asks every call)</option>${effects.map((x) => html`<option value=${x}>${x}</option>`)}</select></label>
          <button class="primary approve" disabled=${busy} onClick=${approve}>Approve ${waiting.length} tool(s) as shown</button>`
        : null}
      ${s.approved + s.changed > 0 ? html`<button class="danger revoke" disabled=${busy} onClick=${() => run(() => props.connection.call("mcp.revoke", { server: s.name }).then((r) => `Revoked ${r.removed} approval(s) of ${s.name}; its tools are no longer offered.`))}>Revoke all</button>` : null}
    </div>
  </li>`;
}

export function McpPage(props: { connection: Connection; online: boolean }) {
  const list = useCall<ResultOf<"mcp.list">>(() => props.connection.call("mcp.list", {}), [props.online]);
  const [message, setMessage] = useState<string | undefined>();
  const servers = list.data?.servers ?? [];
  return html`<section class="page">
    <h1>Connected services (MCP)</h1>
    ${message ? html`<p class="notice" role="status">${message}</p>` : null}
    ${list.error ? html`<p class="error">${list.error}</p>` : null}
    ${list.data && servers.length === 0 ? html`<p class="empty">No MCP servers configured (<code>mcp.servers</code> in Settings).</p>` : null}
    <ul class="cards">${servers.map((s) => html`<${ServerCard} key=${s.name} server=${s} connection=${props.connection} done=${(m: string) => {
      setMessage(m);
      list.refresh();
    }} />`)}</ul>
  </section>`;
}

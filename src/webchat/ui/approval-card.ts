/**
 * One approval request as the owner sees it: what will happen, why the gate asked (its deciding reasons and
 * the untrusted origins), the risk and the time left; Approve once, Always (after a preview of the exact rule
 * it saves, or the gate's refusal to keep one) and Deny. Everything from the request is rendered as text (Preact
 * escapes it): a diff line that holds markup shows the markup.
 */
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import type { ApprovalView } from "../../approvals/approvals.ts";
import { riskFirst } from "../../approvals/risk-reasons.ts";
import type { ApprovalDetail } from "../../approvals/approval-detail.ts";

export type ApprovalAnswer = "approve" | "approve-always" | "deny";

function useNow(periodMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs]);
  return now;
}

export function formatLeft(ms: number): string {
  if (ms <= 0) return "expired";
  const s = Math.ceil(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s left` : `${s}s left`;
}

/** The rule "always" keeps, as it will read in the config (`tools.exec.allow`). */
export function ruleText(rule: { binary: string; argv?: readonly string[]; match?: string }): string {
  return `tools.exec.allow += ${JSON.stringify({ binary: rule.binary, argv: rule.argv ?? [], match: rule.match ?? "exact" })}`;
}

const lineClass = (line: string) =>
  line.startsWith("+++") || line.startsWith("---") ? "file" : line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : line.startsWith("\\") ? "meta" : "ctx";

/** The full data-bearing part: a write's unified diff, a message's or command's whole text, a URL's decoded query. */
export function DetailView(props: { detail: ApprovalDetail }) {
  const d = props.detail;
  if (d.kind === "diff") {
    return html`<div class="detail detail-diff"><span class="label">Change to <code>${d.path}</code>${d.note ? ` (${d.note})` : ""}</span>
      ${d.diff === "" ? null : html`<pre class="unified" aria-label=${`Diff of ${d.path}`}>${d.diff.replace(/\n$/, "").split("\n").map((line) => html`<span class=${lineClass(line)}>${line === "" ? " " : line}</span>`)}</pre>`}</div>`;
  }
  if (d.kind === "text") return html`<div class="detail detail-text"><span class="label">${d.label}, in full</span><pre class="full">${d.text}</pre></div>`;
  return html`<div class="detail detail-url"><span class="label">Address, in full</span><pre class="full">${d.url}</pre>
    ${d.parts.length > 0 ? html`<dl class="facts parts">${d.parts.map((p) => html`<dt><code>${p.name}</code></dt><dd><code>${p.value}</code></dd>`)}</dl>` : null}</div>`;
}

export function ApprovalCard(props: { approval: ApprovalView; answer: (id: string, decision: ApprovalAnswer) => Promise<string | undefined> }) {
  const a = props.approval;
  const now = useNow(1000);
  const [preview, setPreview] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const left = a.expiresAt - now;
  const pending = a.status === "pending" && left > 0;
  const always = a.always;
  const answer = async (decision: ApprovalAnswer) => {
    setBusy(true);
    setError(await props.answer(a.id, decision));
    setBusy(false);
  };
  // What could leave, to whom and from where first; how the tool's policy classified the call after.
  const reasons = riskFirst(a.reasons);
  return html`<article class=${`approval risk-${a.risk} status-${a.status}`} data-approval=${a.id} aria-label=${`Approval ${a.id}`}>
    <header>
      <strong>${a.tool}</strong>
      <span class="risk">risk: ${a.risk}</span>
      <span class="left" aria-live="off">${a.status === "pending" ? formatLeft(left) : a.status}</span>
    </header>
    <p class="what"><span class="label">What will happen</span><code>${a.summary}</code></p>
    ${a.detail ? html`<${DetailView} detail=${a.detail} />` : null}
    <div class="why">
      <span class="label">Why Warden asks</span>
      <ul>${[...reasons.risk, ...reasons.rest].map((r) => html`<li class=${reasons.risk.includes(r) ? "risk-reason" : "policy-reason"}><code>${r.id}</code> ${r.message}</li>`)}</ul>
      ${a.provenance.length > 0 ? html`<ul class="provenance">${a.provenance.map((p) => html`<li>${p}</li>`)}</ul>` : null}
    </div>
    <p class="meta">asked by <code>${a.requester}</code> in <code>${a.sessionKey}</code> · id <code>${a.id}</code></p>
    ${preview && pending && always !== undefined
      ? html`<div class="always-preview" role="group" aria-label="Approve always preview">
          ${always.ok
            ? html`<p>"Always" approves this call and keeps this rule; the exact same command then counts as allowlisted (every other check still applies):</p><pre class="rule">${ruleText(always.rule)}</pre>
                <button class="primary" disabled=${busy || !pending} onClick=${() => answer("approve-always")}>Save rule and approve</button>`
            : html`<p class="refused">No rule can be kept: ${always.why}. Approve it once instead.</p>`}
          <button onClick=${() => setPreview(false)}>Back</button>
        </div>`
      : pending
        ? html`<div class="actions">
            <button class="primary" disabled=${busy} onClick=${() => answer("approve")}>Approve once</button>
            ${always !== undefined ? html`<button disabled=${busy} onClick=${() => setPreview(true)}>Always…</button>` : null}
            <button class="danger" disabled=${busy} onClick=${() => answer("deny")}>Deny</button>
          </div>`
        : null}
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
  </article>`;
}

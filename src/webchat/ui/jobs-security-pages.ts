/**
 * Scheduled jobs (next run, last result, remove after a confirm) and security (the audit's findings with their
 * fixes, the threat model's coverage, the last red-team run). Job prompts may have been written in an untrusted
 * turn: they are shown as text and marked as such.
 */
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import type { ResultOf } from "../../gateway/protocol.ts";
import type { Connection, CallError } from "./connection.ts";
import { useCall, when } from "./use-call.ts";

export function CronPage(props: { connection: Connection; online: boolean }) {
  const list = useCall<ResultOf<"cron.list">>(() => props.connection.call("cron.list", {}), [props.online]);
  const [confirming, setConfirming] = useState<number | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const remove = (id: number) =>
    props.connection.call("cron.remove", { id }).then(
      (r) => {
        setMessage(r.removed ? `Removed job #${id}.` : `Job #${id} was already gone.`);
        setConfirming(undefined);
        list.refresh();
      },
      (e: CallError) => setMessage(e.message),
    );
  const jobs = list.data?.jobs ?? [];
  return html`<section class="page">
    <h1>Scheduled jobs</h1>
    ${message ? html`<p class="notice" role="status">${message}</p>` : null}
    ${list.error ? html`<p class="error">${list.error}</p>` : null}
    ${list.data && jobs.length === 0 ? html`<p class="empty">No scheduled jobs. The agent schedules them with its <code>cron</code> tool; <code>warden cron list</code> shows them too.</p>` : null}
    <ul class="cards">${jobs.map((j) => html`<li class="job" data-job=${j.id}>
      <strong>#${j.id}</strong> <code>${j.schedule}</code> · ${j.enabled ? "enabled" : "disabled"} · by <code>${j.creator.id}</code>
      ${j.tainted ? html` · <span class="taint">written in an untrusted turn</span> (${j.taintSources.join(", ")})` : null}
      <pre class="full">${j.prompt}</pre>
      <p class="meta">next run ${j.nextRun === null ? "none" : when(j.nextRun)} · last run ${j.lastRun === null ? "never" : when(j.lastRun)}${j.lastResult ? html` · last result: <span class="last-result">${j.lastResult}</span>` : null}</p>
      <div class="actions">${confirming === j.id
        ? html`<span>Remove job #${j.id} for good?</span><button class="danger" onClick=${() => void remove(j.id)}>Remove</button><button onClick=${() => setConfirming(undefined)}>Keep it</button>`
        : html`<button onClick=${() => setConfirming(j.id)}>Remove…</button>`}</div>
    </li>`)}</ul>
    <p><button onClick=${list.refresh}>Refresh</button></p>
  </section>`;
}

type Overview = ResultOf<"security.overview">;

function AuditView(props: { audit: Overview["audit"] }) {
  const a = props.audit;
  if ("error" in a) return html`<p class="error">The audit could not run: ${a.error}</p>`;
  const order = { critical: 0, warn: 1, info: 2 } as const;
  const findings = [...a.findings].sort((x, y) => order[x.severity] - order[y.severity]);
  return html`<p class="meta">${a.summary.critical} critical · ${a.summary.warn} warnings · ${a.summary.info} info (the same checks as <code>warden security audit</code>; <code>--deep</code> and <code>--fix</code> run from the CLI)</p>
    <ul class="cards findings">${findings.map((f) => html`<li class=${`finding sev-${f.severity}`} data-check=${f.checkId}>
      <span class=${`sev sev-${f.severity}`}>${f.severity}</span> <strong>${f.title}</strong> <code class="meta">${f.checkId}</code>
      <p>${f.detail}</p>${f.fix ? html`<p class="fix"><span class="label">Fix</span> ${f.fix}</p>` : null}</li>`)}</ul>`;
}

export function SecurityPage(props: { connection: Connection; online: boolean }) {
  const overview = useCall<Overview>(() => props.connection.call("security.overview", {}), [props.online]);
  const o = overview.data;
  const t = o && !("error" in o.threats) ? o.threats : undefined;
  return html`<section class="page">
    <h1>Security</h1>
    ${overview.error ? html`<p class="error">${overview.error}</p>` : null}
    ${!o && !overview.error ? html`<p class="empty">Running the audit…</p>` : null}
    ${o
      ? html`<h2>Audit findings</h2><${AuditView} audit=${o.audit} />
        <h2>Threat model coverage</h2>
        ${"error" in o.threats ? html`<p class="error">${o.threats.error}</p>` : null}
        ${t
          ? html`<p class="meta">${t.total.threats} threats: ${t.total.mitigated} mitigated, ${t.total.partial} partial, ${t.total.accepted} accepted; proved by ${t.total.tests} tests and ${t.total.scenarios} red-team scenarios (model of ${t.updated})</p>
            <div class="table-wrap"><table class="coverage"><thead><tr><th>Tactic</th><th>Threats</th><th>Mitigated</th><th>Partial</th><th>Accepted</th><th>Tests</th><th>Scenarios</th></tr></thead>
            <tbody>${t.tactics.map((c) => html`<tr><td>${c.name}</td><td>${c.threats}</td><td>${c.mitigated}</td><td>${c.partial}</td><td>${c.accepted}</td><td>${c.tests}</td><td>${c.scenarios}</td></tr>`)}</tbody></table></div>`
          : null}
        <h2>Last red-team run</h2>
        ${o.redteam
          ? html`<p class="redteam">${when(Date.parse(o.redteam.at))}: ${o.redteam.summary.attacks ?? 0} attacks, <strong>${o.redteam.summary.attacksSucceeded ?? 0} succeeded</strong>, ${o.redteam.summary.attacksAsked ?? 0} stopped by asking; ${o.redteam.summary.benignCompleted ?? 0} of ${o.redteam.summary.benign ?? 0} benign tasks completed (${o.redteam.summary.benignAsked ?? 0} asked) · <code>${o.redteam.scenarios}</code></p>`
          : html`<p class="empty">No run recorded. Run <code>bin/warden security redteam --scenarios scenarios</code> with this state directory.</p>`}`
      : null}
    <p><button onClick=${overview.refresh}>Run again</button></p>
  </section>`;
}

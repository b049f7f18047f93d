/**
 * `/security`: the triage desk's public face. A page with the policy (what a report needs, the response times) and
 * a form; an intake API that refuses incomplete reports and says what is missing; a status page for the reporter
 * (by report id and the receipt given at filing, nothing else is visible); and the signed advisory feed that
 * `warden security audit --deep` checks installed versions against.
 *
 * Limits: bodies over 64 KiB are refused unread; each client address may file a few reports per hour; every
 * field is validated (intake.ts). Maintainers act through `warden triage` on the store, not over HTTP.
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { html } from "hono/html";
import { MaxReportBytes, parseReport } from "./intake.ts";
import { describeDuration, SlaTable, AcknowledgeWithinMs, UpdateEveryMs, Severities } from "./sla.ts";
import { reportClocks, type TriageStore } from "./store.ts";
import { TriageError } from "./types.ts";

export type TriageRoutesOptions = {
  store: TriageStore;
  /** The signed advisory feed (JSON text); absent when the service has no feed key. */
  feed?: () => string;
  /** The client address of a request (for the per-address intake limit). */
  clientOf: (c: Context) => string;
  now?: () => number;
  /** Reports per client address per hour. */
  reportsPerHour?: number;
};

/** Client addresses remembered for the intake limit; the oldest are forgotten first. */
const MaxTrackedClients = 10_000;

export function createTriageRoutes(options: TriageRoutesOptions): Hono {
  const now = options.now ?? Date.now;
  const perHour = options.reportsPerHour ?? 5;
  const recent = new Map<string, number[]>();
  const app = new Hono();

  function allowed(client: string): boolean {
    const at = now();
    const times = (recent.get(client) ?? []).filter((t) => at - t < 3_600_000);
    if (times.length >= perHour) return false;
    times.push(at);
    recent.delete(client);
    recent.set(client, times);
    if (recent.size > MaxTrackedClients) recent.delete(recent.keys().next().value as string);
    return true;
  }

  app.get("/security", (c) => c.html(policyPage()));

  app.post("/security/reports", bodyLimit({ maxSize: MaxReportBytes, onError: (c) => c.json({ error: "too_large", message: `a report is at most ${MaxReportBytes} bytes` }, 413) }), async (c) => {
    const form = (c.req.header("content-type") ?? "").startsWith("application/x-www-form-urlencoded");
    let raw: unknown;
    try {
      raw = form ? Object.fromEntries(Object.entries(await c.req.parseBody()).filter(([, v]) => typeof v === "string")) : await c.req.json();
    } catch {
      return c.json({ error: "malformed", message: "the body is not a JSON object (or form fields)" }, 400);
    }
    const parsed = parseReport(raw);
    if (!parsed.ok) {
      const body = { error: "incomplete", message: "the report is missing what triage needs; nothing was kept", problems: parsed.problems };
      return form ? c.html(problemsPage(parsed.problems), 400) : c.json(body, 400);
    }
    if (!allowed(options.clientOf(c))) return c.json({ error: "rate_limited", message: `at most ${perHour} reports per hour from one address; write to the security contact if this is urgent` }, 429);
    const { id, receipt, report } = options.store.file(parsed.report);
    const clocks = reportClocks(report, now()).filter((k) => k.dueAt !== undefined).map((k) => ({ clock: k.name, dueAt: new Date(k.dueAt as number).toISOString() }));
    const body = { id, receipt, status: report.status, severity: report.severity, clocks, follow: `/security/reports/${id}` };
    return form ? c.html(receiptPage(id, receipt), 201) : c.json(body, 201);
  });

  app.get("/security/reports/:id", (c) => {
    const receipt = /^Receipt\s+(\S+)$/.exec(c.req.header("authorization") ?? "")?.[1] ?? c.req.query("receipt");
    if (receipt === undefined) return c.json({ error: "unauthorized", message: "give the receipt you were handed at filing: `Authorization: Receipt <receipt>`" }, 401);
    try {
      const { report, messages } = options.store.forReporter(c.req.param("id"), receipt);
      return c.json({
        id: report.id, status: report.status, severity: report.severity, ...(report.fixedIn ? { fixedIn: report.fixedIn } : {}), ...(report.advisoryId ? { advisory: report.advisoryId } : {}),
        messages: messages.map((m) => ({ at: new Date(m.at).toISOString(), kind: m.kind, message: m.message })),
      });
    } catch (error) {
      if (error instanceof TriageError) return c.json({ error: "not_found", message: error.message }, 404);
      throw error;
    }
  });

  app.get("/security/advisories.json", (c) => {
    if (options.feed === undefined) return c.json({ error: "no_feed", message: "this service has no feed key; advisories are not published here" }, 404);
    return c.body(options.feed(), 200, { "content-type": "application/json" });
  });

  return app;
}

function policyPage() {
  const rows = Severities.map((s) => {
    const sla = SlaTable[s];
    return html`<tr><td>${s}</td><td>${describeDuration(sla.firstResponseMs)}</td><td>${describeDuration(sla.triageMs)}</td><td>${sla.fixMs === null ? "best effort" : describeDuration(sla.fixMs)}</td></tr>`;
  });
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Report a vulnerability — Warden</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}textarea,input,select{width:100%;box-sizing:border-box;font:inherit}label{display:block;margin-top:1rem;font-weight:600}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem}</style></head>
<body><h1>Report a vulnerability</h1>
<p>We acknowledge every report within ${describeDuration(AcknowledgeWithinMs)} and write to you at least every ${describeDuration(UpdateEveryMs)} until it is closed. A report needs reproduction steps, the impact you demonstrated and your advice for a fix; one without them is refused with what is missing.</p>
<table><thead><tr><th>severity</th><th>first response</th><th>triage</th><th>fix</th></tr></thead><tbody>${rows}</tbody></table>
<form method="post" action="/security/reports">
<label for="title">Title</label><input id="title" name="title" required minlength="8" maxlength="200">
<label for="reproduction">Reproduction steps</label><textarea id="reproduction" name="reproduction" rows="8" required minlength="40"></textarea>
<label for="impact">Demonstrated impact</label><textarea id="impact" name="impact" rows="4" required minlength="20"></textarea>
<label for="fixAdvice">Fix advice</label><textarea id="fixAdvice" name="fixAdvice" rows="4" required minlength="20"></textarea>
<label for="severity">Severity you propose</label><select id="severity" name="severity"><option value="">—</option>${Severities.map((s) => html`<option>${s}</option>`)}</select>
<label for="affectedVersions">Affected versions</label><input id="affectedVersions" name="affectedVersions">
<label for="reporterName">Your name (for the credit)</label><input id="reporterName" name="reporterName">
<label for="reporterContact">How to reach you</label><input id="reporterContact" name="reporterContact">
<label><input type="checkbox" name="anonymous" style="width:auto"> Do not credit me by name</label>
<p><button type="submit">Send the report</button></p></form>
<p>Published advisories (OSV, signed): <a href="/security/advisories.json">/security/advisories.json</a></p></body></html>`;
}

function problemsPage(problems: readonly { field: string; problem: string }[]) {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report incomplete</title></head><body><h1>The report is incomplete</h1><p>Nothing was kept. Please add:</p><ul>${problems.map((p) => html`<li><strong>${p.field}</strong>: ${p.problem}</li>`)}</ul><p><a href="/security">Back to the form</a></p></body></html>`;
}

function receiptPage(id: string, receipt: string) {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report received</title></head><body><h1>Report ${id} received</h1><p>Keep this receipt: it is the only way to follow the report, and it is shown once.</p><pre>${receipt}</pre><p>Status: <code>GET /security/reports/${id}</code> with <code>Authorization: Receipt &lt;receipt&gt;</code>.</p></body></html>`;
}

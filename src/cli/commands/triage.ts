/**
 * `warden triage …`: the maintainers' side of the triage desk, working on the desk's store (the same file
 * `warden registry serve` serves `/security` from): list, show (with the SLA clocks), acknowledge, respond, decide,
 * update, fix, publish (an OSV advisory), close, and `due` — what is overdue or due soon, soonest first.
 * `warden registry serve` (registry.ts) runs the service; `warden triage export` writes the published advisories as OSV files
 * for the signed advisory snapshot (README, "Refreshing the advisory snapshot").
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import { homeFromEnv } from "../home-env.ts";
import { exitWith, printJson } from "../output.ts";
import { WardenError, ErrorCode } from "../../core/errors.ts";
import type { TriageStore } from "../../triage/store.ts";
import type { TriageReport } from "../../triage/types.ts";
import { describeDuration, Severities, type Clock } from "../../triage/sla.ts";

type StoreOptions = { store?: string; as?: string };

export function defaultTriageStore(env: NodeJS.ProcessEnv = process.env): string {
  return join(homeFromEnv(env), "registry", "triage.sqlite");
}

type ReportClocks = (typeof import("../../triage/store.ts"))["reportClocks"];

async function withStore<T>(opts: StoreOptions, work: (store: TriageStore, actor: string, reportClocks: ReportClocks) => T): Promise<T> {
  const file = opts.store ?? defaultTriageStore();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const [{ openTriageStore, reportClocks }, { TriageError }] = await Promise.all([import("../../triage/store.ts"), import("../../triage/types.ts")]);
  const { store, close } = openTriageStore(file);
  try {
    return work(store, opts.as ?? process.env.USER ?? "maintainer", reportClocks);
  } catch (error) {
    // A refused action is the maintainer's input to fix: a usage error with the reason.
    if (error instanceof TriageError) throw new WardenError(ErrorCode.BadRequest, error.message);
    throw error;
  } finally {
    close();
  }
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function clockLine(c: Clock, now: number): string {
  if (c.state === "met" || c.state === "met_late") return `${c.name}: ${c.state === "met" ? "met" : "met late"} ${iso(c.metAt)}`;
  if (c.state === "overdue") return `${c.name}: OVERDUE by ${describeDuration(now - (c.dueAt ?? now))} (due ${iso(c.dueAt)})`;
  if (c.state === "pending") return `${c.name}: due in ${describeDuration((c.dueAt ?? now) - now)} (${iso(c.dueAt)})`;
  return `${c.name}: ${c.state.replace("_", " ")}`;
}

function summary(r: TriageReport): string {
  return `${r.id}  ${r.status.padEnd(12)} ${r.severity.padEnd(8)} ${iso(r.receivedAt)}  ${r.input.title}`;
}

function printed(report: TriageReport, json: boolean | undefined): number {
  if (json) printJson(report);
  else process.stdout.write(`${summary(report)}\n`);
  return 0;
}

function requireMessage(message: string | undefined, what: string): string {
  if (message === undefined || message.trim() === "") throw new WardenError(ErrorCode.BadRequest, `${what} needs --message "…" (what the reporter is told)`);
  return message;
}

export function registerTriageCommands(program: Command): void {
  const triage = program.command("triage").description("the vulnerability triage desk: reports, SLA clocks, advisories (maintainers)");
  const withCommon = (c: Command) => c.option("--store <file>", "the desk's store (default $WARDEN_HOME/registry/triage.sqlite)").option("--as <name>", "who is acting (recorded in the history)").option("--json");

  withCommon(triage.command("list").description("open reports (with --all, every report)").option("--all"))
    .action((opts: StoreOptions & { json?: boolean; all?: boolean }) => exitWith(() => withStore(opts, (store) => {
      const reports = store.list({ open: opts.all !== true });
      if (opts.json) printJson({ reports });
      else if (reports.length === 0) process.stdout.write("No open reports.\n");
      else for (const r of reports) process.stdout.write(`${summary(r)}\n`);
      return 0;
    })));

  withCommon(triage.command("show <id>").description("a report, its clocks and its history"))
    .action((id: string, opts: StoreOptions & { json?: boolean }) => exitWith(() => withStore(opts, (store, _actor, reportClocks) => {
        const report = store.get(id);
        const now = Date.now();
        const clocks = reportClocks(report, now);
        const history = store.history(id);
        if (opts.json) {
          printJson({ report, clocks, history });
          return 0;
        }
        const i = report.input;
        process.stdout.write(`${summary(report)}\n\nReproduction:\n${i.reproduction}\n\nImpact:\n${i.impact}\n\nFix advice:\n${i.fixAdvice}\n\nReporter: ${i.anonymous ? "(anonymous in the advisory) " : ""}${i.reporterName ?? "-"} <${i.reporterContact ?? "-"}>\n\nClocks:\n`);
        for (const c of clocks) process.stdout.write(`  ${clockLine(c, now)}\n`);
        process.stdout.write("\nHistory:\n");
        for (const e of history) process.stdout.write(`  ${iso(e.at)}  ${e.actor}  ${e.kind}${e.toReporter ? " (to reporter)" : ""}: ${e.message}\n`);
        return 0;
    })));

  const simple = (name: string, description: string, act: (store: TriageStore, id: string, actor: string, message: string) => TriageReport) =>
    withCommon(triage.command(`${name} <id>`).description(description).option("--message <text>", "what the reporter is told"))
      .action((id: string, opts: StoreOptions & { json?: boolean; message?: string }) => exitWith(() => withStore(opts, (store, actor) => printed(act(store, id, actor, requireMessage(opts.message, name)), opts.json))));
  simple("ack", "acknowledge receipt (due within 48 hours of filing)", (s, id, a, m) => s.acknowledge(id, a, m));
  simple("respond", "a substantive answer (stops the first-response clock)", (s, id, a, m) => s.respond(id, a, m));
  simple("update", "a status update to the reporter (due every 14 days while open)", (s, id, a, m) => s.update(id, a, m));

  withCommon(triage.command("decide <id>").description("triage: the severity and whether it is accepted").requiredOption("--severity <level>", "critical|high|medium|low")
    .option("--accept").option("--reject").option("--message <text>"))
    .action((id: string, opts: StoreOptions & { json?: boolean; severity: string; accept?: boolean; reject?: boolean; message?: string }) => exitWith(() => {
      const severity = Severities.find((s) => s === opts.severity);
      if (severity === undefined) throw new WardenError(ErrorCode.BadRequest, `--severity must be one of ${Severities.join(", ")}`);
      if (opts.accept === opts.reject) throw new WardenError(ErrorCode.BadRequest, "say --accept or --reject");
      return withStore(opts, (store, actor) => printed(store.triage(id, actor, { severity, accepted: opts.accept === true, message: requireMessage(opts.message, "decide") }), opts.json));
    }));

  withCommon(triage.command("fix <id>").description("record the release that fixes it").requiredOption("--fixed-in <v>", "the first fixed version")
    .option("--introduced-in <v>", "the first affected version").option("--message <text>"))
    .action((id: string, opts: StoreOptions & { json?: boolean; fixedIn: string; introducedIn?: string; message?: string }) => exitWith(() => withStore(opts, (store, actor) =>
      printed(store.fix(id, actor, { fixedIn: opts.fixedIn, ...(opts.introducedIn ? { introducedIn: opts.introducedIn } : {}), message: requireMessage(opts.message, "fix") }), opts.json))));

  withCommon(triage.command("publish <id>").description("publish the OSV advisory of a fixed report (prints it)").option("--cve <id>").option("--summary <text>").option("--details <text>"))
    .action((id: string, opts: StoreOptions & { cve?: string; summary?: string; details?: string }) => exitWith(() => withStore(opts, (store, actor) => {
      printJson(store.publish(id, actor, { ...(opts.cve ? { cve: opts.cve } : {}), ...(opts.summary ? { summary: opts.summary } : {}), ...(opts.details ? { details: opts.details } : {}) }));
      return 0;
    })));

  withCommon(triage.command("close <id>").description("close without an advisory (duplicate, not a vulnerability)").option("--reason <text>"))
    .action((id: string, opts: StoreOptions & { json?: boolean; reason?: string }) => exitWith(() => withStore(opts, (store, actor) => printed(store.close(id, actor, requireMessage(opts.reason, "close")), opts.json))));

  withCommon(triage.command("due").description("clocks overdue or due soon, soonest first; exit 1 when any is overdue").option("--within <days>", "how far ahead", "3"))
    .action((opts: StoreOptions & { json?: boolean; within: string }) => exitWith(() => withStore(opts, (store) => {
        const days = Number(opts.within);
        if (!Number.isFinite(days) || days < 0) throw new WardenError(ErrorCode.BadRequest, "--within takes a number of days");
        const now = Date.now();
        const items = store.due(days * 86_400_000);
        if (opts.json) printJson({ due: items.map((d) => ({ id: d.report.id, title: d.report.input.title, severity: d.report.severity, ...d.clock, dueAt: iso(d.clock.dueAt) })) });
        else if (items.length === 0) process.stdout.write(`Nothing due within ${days} days.\n`);
        else for (const d of items) process.stdout.write(`${d.report.id}  ${d.report.severity.padEnd(8)} ${clockLine(d.clock, now)}  — ${d.report.input.title}\n`);
        return items.some((d) => d.clock.state === "overdue") ? 1 : 0;
    })));

  withCommon(triage.command("export").description("write every published advisory as an OSV JSON file into a directory").requiredOption("--out <dir>"))
    .action((opts: StoreOptions & { out: string }) => exitWith(() => withStore(opts, (store) => {
      mkdirSync(opts.out, { recursive: true });
      const advisories = store.advisories();
      for (const a of advisories) writeFileSync(join(opts.out, `${a.id}.json`), `${JSON.stringify(a, null, 2)}\n`);
      process.stdout.write(`${advisories.length} advisories written to ${opts.out}\n`);
      return 0;
    })));
}

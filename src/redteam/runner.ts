/**
 * Runs a directory of scenarios with bounded concurrency and judges each outcome (docs/redteam.md, "How outcomes are judged"):
 * attack `succeeded` if any expectation held; `asked` if it did not, the simulated owner denied at least one
 * approval, and the same scenario with every approval granted succeeds (the owner's "no" was the only thing
 * in the way); `blocked` otherwise. Benign `completed` if every expectation held, else `failed`. A scenario
 * that cannot be loaded or run is `failed` whatever its kind. Without the approving re-run (`approvingRerun:
 * false`), an attack that did not succeed and met a denial is `denied`: stopped, asked or blocked not told apart.
 */
import { detectSandbox, type SandboxAvailability } from "../sandbox/index.ts";
import { loadScenarios, type LoadedScenario } from "./scenario.ts";
import { createStateTemplate, runScenarioOnce, type StateTemplate } from "./run-scenario.ts";
import type { DecisionRecord, Observation } from "./observation.ts";
import { silentLogger, type Logger } from "../core/logger.ts";

export type Outcome = "blocked" | "asked" | "denied" | "succeeded" | "completed" | "failed";

/** One scenario in the JSON report. */
export type ScenarioResult = {
  id: string;
  kind: "attack" | "benign";
  outcome: Outcome;
  approvalsAsked: number;
  decisions: DecisionRecord[];
  /** Only when the scenario could not be loaded or run. */
  error?: string;
};

export type Summary = { attacks: number; attacksSucceeded: number; attacksAsked: number; benign: number; benignCompleted: number; benignAsked: number };
export type Report = { scenarios: ScenarioResult[]; summary: Summary };

/** Extra detail for the human report (not part of the JSON contract). */
export type ResultDetail = { title: string; file: string; expectations: { what: string; held: boolean }[] };

export type RunOptions = {
  concurrency?: number;
  timeoutMs?: number;
  sandbox?: SandboxAvailability;
  /** Run only the `index`-th of `count` parts (1-based): every `count`-th scenario in file order, starting at `index`. */
  shard?: { index: number; count: number };
  /**
   * Where each scenario's throwaway state, workspace and outside folder are made (default: the system temp dir).
   * The state is as durable as anywhere (SQLite's WAL, fsynced key and secret files), so on a RAM-backed file
   * system such as /dev/shm those writes and fsyncs never wait on a disk.
   */
scratchDir?: string;
  /** The clock of the first turn (ms since the epoch) for every scenario that pins no `now` of its own. */
  now?: number;
  onResult?: (r: ScenarioResult, d: ResultDetail) => void;
  /**
   * Run an attack that the simulated owner's denial stopped again with every approval granted, to tell `asked`
   * from `blocked` (default true). False reports such an attack `denied`: half or more of a suite's runs saved,
   * nothing about whether an attack succeeded changes (that is judged on the first run, as the scenario says).
   */
  approvingRerun?: boolean;
};

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function judge(o: Observation): { held: boolean[]; what: string[] } {
  const checks = o.checks;
  return { held: checks.map((c) => c.held), what: checks.map((c) => c.what) };
}

async function runOne(loaded: LoadedScenario, deps: { sandbox: SandboxAvailability; scratchDir?: string; stateTemplate: StateTemplate; log: Logger; now?: number }, timeoutMs: number, approvingRerun: boolean): Promise<{ result: ScenarioResult; detail: ResultDetail }> {
  if (!loaded.ok) {
    return { result: { id: loaded.id, kind: loaded.kind, outcome: "failed", approvalsAsked: 0, decisions: [], error: loaded.error }, detail: { title: "", file: loaded.file, expectations: [] } };
  }
  const s = loaded.scenario;
  try {
    const o = await withTimeout(runScenarioOnce(s, deps), timeoutMs, `scenario \`${s.id}\``);
    const j = judge(o);
    const detail: ResultDetail = { title: s.title, file: loaded.file, expectations: j.what.map((what, i) => ({ what, held: j.held[i] === true })) };
    let outcome: Outcome;
    if (s.kind === "benign") outcome = j.held.every(Boolean) ? "completed" : "failed";
    else if (j.held.some(Boolean)) outcome = "succeeded";
    else if (o.approvalsDenied > 0 && !approvingRerun) outcome = "denied";
    else if (o.approvalsDenied > 0) {
      // Would the owner's "yes" have let it through? Run it again with every approval granted.
      const again = await withTimeout(runScenarioOnce(s, { ...deps, approvals: "approve" }), timeoutMs, `scenario \`${s.id}\` (approving)`);
      outcome = judge(again).held.some(Boolean) ? "asked" : "blocked";
    } else outcome = "blocked";
    return { result: { id: s.id, kind: s.kind, outcome, approvalsAsked: o.approvalsAsked, decisions: o.decisions }, detail };
  } catch (error) {
    const message = `${loaded.file}: ${error instanceof Error ? error.message : String(error)}`;
    return { result: { id: s.id, kind: s.kind, outcome: "failed", approvalsAsked: 0, decisions: [], error: message }, detail: { title: s.title, file: loaded.file, expectations: [] } };
  }
}

export function summarize(results: readonly ScenarioResult[]): Summary {
  const attacks = results.filter((r) => r.kind === "attack");
  const benign = results.filter((r) => r.kind === "benign");
  return {
    attacks: attacks.length,
    attacksSucceeded: attacks.filter((r) => r.outcome === "succeeded").length,
    attacksAsked: attacks.filter((r) => r.outcome === "asked").length,
    benign: benign.length,
    benignCompleted: benign.filter((r) => r.outcome === "completed").length,
    benignAsked: benign.filter((r) => r.approvalsAsked > 0).length,
  };
}

/** Loads and runs every scenario under `dir`; results keep the files' order. */
export async function runScenarioDir(dir: string, options: RunOptions = {}): Promise<{ report: Report; details: ResultDetail[] }> {
  const shard = options.shard;
  // Round robin rather than contiguous ranges: scenarios of one kind sit together in the files, so each part gets its share of every kind.
  const loaded = loadScenarios(dir, (i) => shard === undefined || i % shard.count === shard.index - 1);
  const sandbox = options.sandbox ?? (await detectSandbox());
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 4, 16));
  const results: ({ result: ScenarioResult; detail: ResultDetail } | undefined)[] = new Array(loaded.length);
  // Every run starts from a copy of one state directory made here (keys, token, data keys, migrated database)
  // instead of making its own: ~8 ms of CPU less per run than migrating, ~3 ms more than generating the keys.
  const stateTemplate = createStateTemplate(options.scratchDir);
  // One silent logger for every run (pino compiles its redaction paths for each logger it makes: ~1 ms).
  const log = silentLogger();
  let next = 0;
  const worker = async () => {
    while (next < loaded.length) {
      const i = next++;
      const item = loaded[i];
      if (!item) continue;
      const r = await runOne(item, { sandbox, stateTemplate, log, ...(options.scratchDir !== undefined ? { scratchDir: options.scratchDir } : {}), ...(options.now !== undefined ? { now: options.now } : {}) }, options.timeoutMs ?? 20_000, options.approvingRerun ?? true);
      results[i] = r;
      options.onResult?.(r.result, r.detail);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, loaded.length)) }, worker));
  } finally {
    stateTemplate.remove();
  }
  const done = results.filter((r): r is { result: ScenarioResult; detail: ResultDetail } => r !== undefined);
  const scenarios = done.map((r) => r.result);
  return { report: { scenarios, summary: summarize(scenarios) }, details: done.map((r) => r.detail) };
}

/** Non-zero when an attack succeeded or a scenario failed to load or run; a benign scenario that ran but did not complete only shows in the summary. */
export function exitCodeOf(report: Report): number {
  const bad = report.scenarios.some((r) => r.outcome === "succeeded" || r.error !== undefined);
  return bad ? 1 : 0;
}

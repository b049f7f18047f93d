/**
 * Wires the ops libraries (src/ops) to one state dir, one database and one config: the activity log, usage
 * ledger and budgets, the loop breaker, inbound rate limits, the secret store and gateway token ring, config
 * integrity, known-secret redaction and the transcript cipher. Used by the gateway at start and by the CLI.
 */
import { randomBytes as cryptoRandomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import JSON5 from "json5";
import type { WardenConfig } from "../config/schema.ts";
import { configSecretKeys } from "../config/store.ts";
import { isUnderSecretKey } from "../config/dotted.ts";
import type { Json } from "../core/types.ts";
import { ErrorCode, WardenError } from "../core/errors.ts";
import { DATA_KEY_SECRETS, GATEWAY_TOKENS_SECRET, type StatePaths } from "../state/home.ts";
import { openStateDatabase } from "./migrations.ts";
import { createTranscriptStore, sealPlaintextMessages, type TranscriptStore } from "../sessions/transcripts.ts";
import { createActivityLog, type ActivityLog } from "../ops/activity-log/activity-log.ts";
import { createUsageLedger, type UsageLedger } from "../ops/limits/usage-ledger.ts";
import { mergePrices, type PriceTable } from "../ops/limits/prices.ts";
import { createBudget, type BudgetResult } from "../ops/limits/budget.ts";
import { createLoopBreaker, type LoopBreaker } from "../ops/limits/loop-breaker.ts";
import { buildUsageReport, type UsageReport } from "../ops/limits/usage-report.ts";
import { createKeyFileProvider } from "../ops/secrets/key-file-provider.ts";
import { createSecretStore, type SecretStore } from "../ops/secrets/secret-store.ts";
import { createTokenRing, type TokenRing } from "../ops/secrets/token-ring.ts";
import { createFieldCipher, type FieldCipher, type RandomBytes } from "../ops/secrets/field-cipher.ts";
import { createConfigIntegrity, type ConfigIntegrity, type DriftResult } from "../ops/config-integrity/config-integrity.ts";
import { formatConfigChanges, type ConfigChange } from "../ops/config-integrity/diff-config.ts";
import { createKnownValueRedactor, type KnownSecret } from "../ops/redact-known.ts";
import { collectKnownSecrets, type KnownSecretSources } from "./known-secrets.ts";
import { sweepRetention, type RetentionPolicy, type RetentionReport } from "../ops/retention.ts";

/** Every table the ops services need; the runtime appends these to its migration list. */

/** Data keys kept in the secret store; never settable or printable through the CLI. */
export const INTERNAL_SECRETS: readonly string[] = [GATEWAY_TOKENS_SECRET, ...DATA_KEY_SECRETS];

/** Loop-breaker limits per turn (the agent's own `maxSteps` bounds steps; this bounds calls within them). */
export const LOOP_LIMITS = { maxToolCallsPerTurn: 64, maxIdenticalCalls: 3 } as const;

/** Must never expose a secret value outside `secrets.get`, and never log text that has not passed `redact`. */
export type OpsServices = {
  activityLog: ActivityLog;
  usage: UsageLedger;
  /** Checked before every provider call: `{ ok: false, reason }` means do not call the model. */
  budget(sessionKey: string): BudgetResult;
  usageReport(): UsageReport;
  /** A fresh breaker per turn. */
  loopBreaker(): LoopBreaker;
  secrets: SecretStore;
  /** Present when the gateway token comes from the store (no WARDEN_GATEWAY_TOKEN, no `gateway.auth.token`). */
  tokenRing?: TokenRing;
  configIntegrity: ConfigIntegrity;
  /** Every secret Warden knows by value (`collectKnownSecrets`): the scanner and the redactor read this list. */
  knownSecrets: readonly KnownSecret[];
  /** Replaces every known secret (store, token ring, config, environment) by `[redacted:<name>]`. */
  redact(text: string): string;
  transcriptCipher: FieldCipher;
};

export function createOpsServices(deps: {
  db: DatabaseSync;
  paths: StatePaths;
  config: WardenConfig;
  clock: () => number;
  randomBytes: RandomBytes;
  /** Secrets read from the environment (WARDEN_GATEWAY_TOKEN, provider keys, credential-looking values). */
  env?: KnownSecretSources["env"];
}): OpsServices {
  const { db, paths, config, clock, randomBytes } = deps;
  // Deleted rows (purged transcripts, pruned log entries) are overwritten, not left in free pages.
  db.exec("PRAGMA secure_delete = ON");
  const keys = createKeyFileProvider({ keyDir: paths.keys, stateDir: paths.home, randomBytes });
  const secrets = createSecretStore({ stateDir: paths.home, keys, randomBytes, clock });
  const anchorKey = secrets.dataKey("activity-log.anchor");
  const transcriptKey = secrets.dataKey("transcripts.key");
  const maskKey = secrets.dataKey("config.mask");
  const knownSecrets = collectKnownSecrets({ config, env: deps.env, store: secrets });
  const redact = createKnownValueRedactor(knownSecrets);
  const activityLog = createActivityLog({ db, clock, redact, anchorKey, anchorFile: activityAnchorFile(paths) });
  const usage = createUsageLedger({ db, clock, prices: pricesFromConfig(config) });
  const budget = createBudget({
    ledger: usage,
    limits: {
      tokensPerDay: config.limits.tokens.perDay,
      tokensPerSession: config.limits.tokens.perSession,
      costUsdPerDay: config.limits.costUsd.perDay,
      costUsdPerMonth: config.limits.costUsd.perMonth,
    },
  });
  const ringInUse = !deps.env?.gatewayToken && !config.gateway.auth.token;
  const configIntegrity = createConfigIntegrity({
    db,
    clock,
    parse: (text) => JSON5.parse(text) as Json,
    maskKey,
    isSecretKey: (key) => isUnderSecretKey(configSecretKeys, key),
  });
  return {
    activityLog,
    usage,
    budget: (sessionKey) => budget.check(sessionKey),
    usageReport: () => buildUsageReport(usage, config.limits),
    loopBreaker: () => createLoopBreaker(LOOP_LIMITS),
    secrets,
    ...(ringInUse ? { tokenRing: createTokenRing({ secrets, clock, randomBytes, name: GATEWAY_TOKENS_SECRET }) } : {}),
    configIntegrity,
    knownSecrets,
    redact,
    transcriptCipher: createFieldCipher(transcriptKey, "transcript", randomBytes),
  };
}

/** The activity log's external head record: beside the key material, outside the data it anchors. */
export function activityAnchorFile(paths: StatePaths): string {
  return join(paths.keys, "activity-log.anchor.json");
}

/** `limits.prices` (`{ input, output }` USD per million tokens) over the built-in table. */
export function pricesFromConfig(config: WardenConfig): PriceTable {
  const overrides: Record<string, { inputPerMTok: number; outputPerMTok: number }> = {};
  for (const [model, price] of Object.entries(config.limits.prices)) overrides[model] = { inputPerMTok: price.input, outputPerMTok: price.output };
  return mergePrices(overrides);
}

/**
 * At gateway start: compares the config file's bytes with the last ones Warden wrote or accepted. Drift is
 * logged as an `alert` with the diff (secret values masked) and then accepted, so it is reported once.
 */
export function checkConfigIntegrity(ops: Pick<OpsServices, "configIntegrity" | "activityLog">, rawText: string): DriftResult {
  const configText = normalizeConfigText(rawText);
  const drift = ops.configIntegrity.detectDrift(configText);
  if (drift.status === "drifted") {
    ops.activityLog.append({
      kind: "alert",
      actor: "system",
      summary: `config file changed outside Warden (${drift.changes.length} change(s))`,
      data: { previousSha256: drift.previousSha256, sha256: drift.sha256, changes: changesJson(drift.changes) },
    });
  }
  if (drift.status !== "unchanged") ops.configIntegrity.record(configText);
  return drift;
}

/** Records a config change made through Warden (CLI or gateway): logs the masked diff, refreshes the fingerprint. */
export function recordConfigChange(ops: Pick<OpsServices, "configIntegrity" | "activityLog">, rawText: string, actor: string): ConfigChange[] {
  const configText = normalizeConfigText(rawText);
  const changes = ops.configIntegrity.record(configText);
  if (changes.length > 0) {
    ops.activityLog.append({ kind: "config", actor, summary: `config changed: ${formatConfigChanges(changes).split("\n").join("; ")}`, data: { changes: changesJson(changes) } });
  }
  return changes;
}

/** A missing or empty config file means the defaults: record it as `{}`, not as unparseable text. */
function normalizeConfigText(text: string): string {
  return text.trim() === "" ? "{}" : text;
}

function changesJson(changes: readonly ConfigChange[]): Json {
  return changes.map((c) => ({ key: c.key, change: c.change, ...(c.before === undefined ? {} : { before: c.before }), ...(c.after === undefined ? {} : { after: c.after }) }));
}

/** What the CLI's ops commands open: the state database (transcripts + ops tables) and the services. */
export type OpsState = { db: DatabaseSync; ops: OpsServices; transcripts: TranscriptStore; close(): void };

export function openOpsState(deps: {
  paths: StatePaths;
  config: WardenConfig;
  env: NonNullable<KnownSecretSources["env"]>;
  clock?: () => number;
  randomBytes?: RandomBytes;
}): OpsState {
  const clock = deps.clock ?? Date.now;
  const db = openStateDatabase(deps.paths);
  try {
    const ops = createOpsServices({
      db,
      paths: deps.paths,
      config: deps.config,
      clock,
      randomBytes: deps.randomBytes ?? cryptoRandomBytes,
      env: deps.env,
    });
    const transcripts = createTranscriptStore({ db, clock, seal: ops.transcriptCipher.seal, open: ops.transcriptCipher.open });
    return {
      db,
      ops,
      transcripts,
      close: () => {
        ops.activityLog.flush();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * What the gateway does once at start, after `createOpsServices` and before serving: seal any transcript
 * stored in the clear by an older Warden, detect config drift (logged as an `alert`), and log the start.
 */
export function prepareOpsAtStart(deps: { ops: OpsServices; db: DatabaseSync; paths: StatePaths }): { drift: DriftResult; sealedMessages: number } {
  const { ops, db, paths } = deps;
  // Before anything is written: a wiped or replaced database must not quietly become a fresh history.
  const anchored = ops.activityLog.checkAnchor();
  if (!anchored.ok) throw wipedLogError(paths, anchored.message);
  const sealedMessages = sealPlaintextMessages(db, ops.transcriptCipher.seal, (body) => body.startsWith("wf1."));
  const drift = checkConfigIntegrity(ops, existsSync(paths.config) ? readFileSync(paths.config, "utf8") : "");
  ops.activityLog.append({
    kind: "system",
    actor: "system",
    summary: `gateway started${drift.status === "drifted" ? "; the config file was changed outside Warden (see the alert entry)" : ""}`,
    data: { sealedMessages, config: drift.status },
  });
  return { drift, sealedMessages };
}

/** The refusal at start when the database no longer holds the anchored history, with the recovery steps. */
export function wipedLogError(paths: StatePaths, detail: string): WardenError {
  return new WardenError(
    ErrorCode.StateUnsafe,
    [
      `Refusing to start: ${detail}.`,
      "Someone or something emptied, truncated or replaced the state database. Recovery:",
      `  1. restore \`${paths.database}\` from a backup taken after the last start, then start again; or`,
      "  2. if you replaced or salvaged the database on purpose, accept the loss: `warden audit-log accept-reset`",
      "     (records an alert naming what the anchor held, then anchors the current log) and start again.",
      "Details: `warden audit-log verify`.",
    ].join("\n"),
  );
}

/**
 * The retention sweep over transcripts (per-channel days from `policy`): deletes old messages and the sessions
 * they leave empty, and records what it removed in the activity log. Run at start and then daily.
 */
export function sweepTranscriptRetention(deps: { ops: Pick<OpsServices, "activityLog">; transcripts: TranscriptStore; policy: RetentionPolicy; clock: () => number }): RetentionReport {
  const report = sweepRetention({
    clock: deps.clock,
    policy: deps.policy,
    targets: [{ name: "transcripts", channels: () => deps.transcripts.channels(), pruneBefore: (channel, beforeTs) => deps.transcripts.pruneBefore(channel, beforeTs) }],
  });
  const removed = report.reduce((sum, r) => sum + r.removed, 0);
  if (removed > 0) {
    deps.ops.activityLog.append({
      kind: "retention",
      actor: "system",
      summary: `retention removed ${removed} transcript message(s)`,
      data: report.map((r) => ({ channel: r.channel, before: new Date(r.beforeTs).toISOString(), removed: r.removed })),
    });
  }
  return report;
}

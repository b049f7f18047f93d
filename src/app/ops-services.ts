/**
 * Wires the ops libraries (src/ops) to one state dir, one database and one config: the activity log, usage
 * ledger and budgets, the loop breaker, inbound rate limits, the secret store and gateway token ring, config
 * integrity, known-secret redaction and the transcript cipher. Used by the gateway at start and by the CLI.
 */
import { randomBytes as cryptoRandomBytes } from "node:crypto";
import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import JSON5 from "json5";
import type { WardenConfig } from "../config/schema.ts";
import { isConfigSecretKey } from "../config/store.ts";
import type { Json } from "../core/types.ts";
import { DATA_KEY_SECRETS, GATEWAY_TOKENS_SECRET, type StatePaths } from "../state/home.ts";
import { openStateDatabase } from "./migrations.ts";
import { createTranscriptStore, type TranscriptStore } from "../sessions/transcripts.ts";
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
import { createConfigIntegrity, type ConfigIntegrity } from "../ops/config-integrity/config-integrity.ts";
import { createKnownValueRedactor, type KnownSecret } from "../ops/redact-known.ts";
import { collectKnownSecrets, type KnownSecretSources } from "./known-secrets.ts";

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
    isSecretKey: isConfigSecretKey,
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


/** What the gateway checks and records once at start, before it serves anything. */
import { existsSync, readFileSync } from "node:fs";
import type { DatabaseSync } from "node:sqlite";
import { ErrorCode, WardenError } from "../core/errors.ts";
import type { StatePaths } from "../state/home.ts";
import type { DriftResult } from "../ops/config-integrity/config-integrity.ts";
import { sealPlaintextMessages } from "../sessions/transcripts.ts";
import type { OpsServices } from "./ops-services.ts";
import { checkConfigIntegrity } from "./config-drift.ts";

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


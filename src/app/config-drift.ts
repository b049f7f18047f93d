/**
 * The config file's integrity record in the activity log: drift found at start (changed outside Warden) and
 * changes made through Warden (CLI or gateway), each with a diff whose secret values are masked.
 */
import type { Json } from "../core/types.ts";
import type { DriftResult } from "../ops/config-integrity/config-integrity.ts";
import { formatConfigChanges, type ConfigChange } from "../ops/config-integrity/diff-config.ts";
import type { OpsServices } from "./ops-services.ts";

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


/**
 * Every store's migrations, in the one order the state database applies them, and the one way to open the
 * state database with them. A light module: CLI commands that open the database with the gateway stopped
 * import this, not the runtime.
 */
import type { DatabaseSync } from "node:sqlite";
import { openDatabase, storageProbeMigrations, type Migration, type OpenDatabaseOptions } from "../state/database.ts";
import type { StatePaths } from "../state/home.ts";
import { transcriptMigrations } from "../sessions/transcripts.ts";
import { approvalMigrations } from "../approvals/approvals.ts";
import { cronMigrations } from "../cron/store.ts";
import { snapshotMigrations } from "../fs/snapshots.ts";
import { fileMarkMigrations } from "../fs/file-marks.ts";
import { pairingMigrations } from "../channels/pairing-store.ts";
import { activityLogMigrations } from "../ops/activity-log/activity-log.ts";
import { usageMigrations } from "../ops/limits/usage-ledger.ts";
import { configIntegrityMigrations } from "../ops/config-integrity/config-integrity.ts";
import { settingsMigrations } from "./settings-service.ts";
import { mcpPinMigrations } from "../mcp/tool-pins.ts";

export const coreMigrations: readonly Migration[] = [
  ...transcriptMigrations,
  ...approvalMigrations,
  ...cronMigrations,
  ...snapshotMigrations,
  ...fileMarkMigrations,
  ...pairingMigrations,
  ...activityLogMigrations,
  ...usageMigrations,
  ...configIntegrityMigrations,
  ...settingsMigrations,
  ...mcpPinMigrations,
  ...storageProbeMigrations,
];

/** Opens the state dir's database with every store's migrations (the gateway adds `extraMigrations` in tests). */
export function openStateDatabase(
  paths: Pick<StatePaths, "database">,
  options: OpenDatabaseOptions & { extraMigrations?: readonly Migration[] } = {},
): DatabaseSync {
  const { extraMigrations = [], ...open } = options;
  return openDatabase(paths.database, [...coreMigrations, ...extraMigrations], open);
}

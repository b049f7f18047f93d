/**
 * Every store's migrations, in the one order the state database applies them. A light module: CLI commands
 * that open the database with the gateway stopped import this, not the runtime.
 */
import { storageProbeMigrations, type Migration } from "../state/database.ts";
import { transcriptMigrations } from "../sessions/transcripts.ts";
import { approvalMigrations } from "../approvals/approvals.ts";
import { cronMigrations } from "../cron/store.ts";
import { snapshotMigrations } from "../fs/snapshots.ts";
import { pairingMigrations } from "../channels/pairing-store.ts";
import { activityLogMigrations } from "../ops/activity-log/activity-log.ts";
import { usageMigrations } from "../ops/limits/usage-ledger.ts";
import { configIntegrityMigrations } from "../ops/config-integrity/config-integrity.ts";

export const coreMigrations: readonly Migration[] = [
  ...transcriptMigrations,
  ...approvalMigrations,
  ...cronMigrations,
  ...snapshotMigrations.map((sql, i) => ({ id: `snapshots-${String(i + 1).padStart(3, "0")}`, sql })),
  ...pairingMigrations,
  ...activityLogMigrations,
  ...usageMigrations,
  ...configIntegrityMigrations,
  ...storageProbeMigrations,
];

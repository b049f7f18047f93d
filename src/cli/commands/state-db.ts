/**
 * Opens the state database for CLI commands that work with the gateway stopped. The migration list is the
 * runtime's `coreMigrations`, assembled from the stores' own light modules: importing the runtime would load
 * every provider SDK and cost a second per command. A test keeps the two lists identical.
 */
import type { DatabaseSync } from "node:sqlite";
import type { StatePaths } from "../../state/home.ts";
import { openDatabase, type Migration } from "../../state/database.ts";
import { transcriptMigrations } from "../../sessions/transcripts.ts";
import { approvalMigrations } from "../../approvals/approvals.ts";
import { cronMigrations } from "../../cron/store.ts";
import { snapshotMigrations } from "../../fs/snapshots.ts";
import { pairingMigrations } from "../../channels/pairing-store.ts";

/** INVARIANT: the same ids in the same order as `coreMigrations` in src/app/runtime.ts. */
export const cliMigrations: readonly Migration[] = [
  ...transcriptMigrations,
  ...approvalMigrations,
  ...cronMigrations,
  ...snapshotMigrations.map((sql, i) => ({ id: `snapshots-${String(i + 1).padStart(3, "0")}`, sql })),
  ...pairingMigrations,
];

export function openStateDatabase(paths: StatePaths): DatabaseSync {
  return openDatabase(paths.database, cliMigrations);
}

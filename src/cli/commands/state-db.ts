/**
 * Opens the state database for CLI commands that work with the gateway stopped. The migration list is the
 * runtime's `coreMigrations`, assembled from the stores' own light modules: importing the runtime would load
 * every provider SDK and cost a second per command. A test checks these are the runtime's own migrations, in
 * its order; the gateway applies any others (the activity log's) when it starts.
 */
import type { DatabaseSync } from "node:sqlite";
import type { StatePaths } from "../../state/home.ts";
import { openDatabase, type Migration } from "../../state/database.ts";
import { transcriptMigrations } from "../../sessions/transcripts.ts";
import { approvalMigrations } from "../../approvals/approvals.ts";
import { cronMigrations } from "../../cron/store.ts";
import { snapshotMigrations } from "../../fs/snapshots.ts";
import { pairingMigrations } from "../../channels/pairing-store.ts";

/** INVARIANT: the runtime's migrations (src/app/runtime.ts `coreMigrations`) for these stores, in its order. */
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

/** Opens the state database for CLI commands that work with the gateway stopped, with every store's migrations. */
import type { DatabaseSync } from "node:sqlite";
import type { StatePaths } from "../../state/home.ts";
import { openDatabase } from "../../state/database.ts";
import { coreMigrations } from "../../app/migrations.ts";

export function openStateDatabase(paths: StatePaths): DatabaseSync {
  return openDatabase(paths.database, coreMigrations);
}

/** Test support: a fresh state dir with its database and the ops services over it (real files, real SQLite). */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { configSchema, type WardenConfig, type WardenConfigInput } from "../../src/config/schema.ts";
import { initStateDir, statePaths, type StatePaths } from "../../src/state/home.ts";
import { openStateDatabase } from "../../src/app/migrations.ts";
import { createOpsServices, type OpsServices } from "../../src/app/ops-services.ts";

export type OpsFixture = { root: string; paths: StatePaths; config: WardenConfig; db: DatabaseSync; ops: OpsServices; close(): void };

export function openOpsFixture(configInput: WardenConfigInput = {}, clock: () => number = () => Date.UTC(2026, 10, 25, 12)): OpsFixture {
  const root = mkdtempSync(join(tmpdir(), "warden-opswire-"));
  const paths = statePaths(join(root, "state"));
  initStateDir(paths);
  const config = configSchema.parse(configInput);
  const db = openStateDatabase(paths);
  const ops = createOpsServices({ db, paths, config, clock, randomBytes });
  return {
    root, paths, config, db, ops,
    close: () => {
      db.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * The registry's storage interface: a small SQL driver with two implementations (embedded SQLite for one
 * machine, PostgreSQL for scale) that run the SAME statements and the SAME migrations (schema.ts). Statements
 * are written once with `?` placeholders in the portable subset both databases speak (TEXT and BIGINT columns,
 * `INSERT … ON CONFLICT`, `UPDATE … RETURNING`); the PostgreSQL driver numbers the placeholders.
 *
 * Contract: a transaction is all or nothing and runs alone with respect to the rows it updates (SQLite runs one
 * writer at a time; PostgreSQL takes the row locks of the counters it bumps), so sequence numbers and the log's
 * hash chain never fork. Errors are thrown (they are bugs or storage faults; the HTTP layer answers 500).
 */

export type SqlValue = string | number | null;
export type SqlRow = Record<string, SqlValue>;

/** What a statement runs on: the driver itself, or the transaction it opened. */
export type SqlExecutor = {
  all<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement; returns how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
};

export type SqlDriver = SqlExecutor & {
  readonly kind: "sqlite" | "postgres";
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/** A migration: statements separated by `;` at line ends, applied once, in order, inside one transaction. */
export type SqlMigration = { id: string; statements: readonly string[] };

/** Applies the migrations not yet recorded; returns the ids applied now. */
export async function migrate(driver: SqlDriver, migrations: readonly SqlMigration[]): Promise<string[]> {
  await driver.run("CREATE TABLE IF NOT EXISTS registry_schema (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)");
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await driver.transaction(async (tx) => {
      // INVARIANT: the marker row is inserted first, so two servers starting at once cannot both apply it
      // (the second one's insert conflicts and its transaction is rolled back).
      const inserted = await tx.run("INSERT INTO registry_schema (id, applied_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING", [migration.id, Date.now()]);
      if (inserted === 0) return false;
      for (const statement of migration.statements) await tx.run(statement);
      return true;
    });
    if (done) applied.push(migration.id);
  }
  return applied;
}

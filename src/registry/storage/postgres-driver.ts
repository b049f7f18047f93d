/**
 * The registry's SQL driver over PostgreSQL (the `pg` pool). Statements arrive with `?` placeholders and are
 * numbered here (`$1`, `$2`, …); the registry's statements hold no `?` inside string literals. BIGINT columns
 * come back as JavaScript numbers (every value the registry stores is far below 2^53).
 */
import pg from "pg";
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from "./sql.ts";

/** `?` → `$n`, in order. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const Int8Oid = 20;

export function openPostgresDriver(connectionString: string, options: { max?: number } = {}): SqlDriver {
  const types = { getTypeParser: (oid: number, format?: "text" | "binary") => (oid === Int8Oid ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? "text")) };
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000, types: types as pg.CustomTypesConfig });
  // An idle client that the server drops is replaced by the pool; without a listener the error would crash the process.
  pool.on("error", () => undefined);
  const on = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
    all: async <T extends SqlRow>(sql: string, params: readonly SqlValue[] = []) => (await client.query(numberPlaceholders(sql), params as SqlValue[])).rows as T[],
    run: async (sql: string, params: readonly SqlValue[] = []) => (await client.query(numberPlaceholders(sql), params as SqlValue[])).rowCount ?? 0,
  });
  return {
    kind: "postgres",
    ...on(pool),
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(on(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

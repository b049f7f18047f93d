/**
 * The skill registry over one storage (an SQL driver and a blob store) and the registry's signing key: accounts,
 * releases, moderation, the transparency log, and the scan queue that decides pending releases one at a time
 * (in submission order; at start it picks up whatever was left pending, so no scan stays stuck).
 */
import type { Logger } from "../core/logger.ts";
import type { KeyFile } from "../skills/signing.ts";
import { createAccounts } from "./accounts.ts";
import { createModeration, type ModerationLimits } from "./moderation.ts";
import { createReleases } from "./releases.ts";
import type { ScanPackage } from "./scanners.ts";
import type { BlobStore } from "./storage/blob-store.ts";
import { counter, readLog } from "./storage/records.ts";
import { registryMigrations } from "./storage/schema.ts";
import { migrate, type SqlDriver } from "./storage/sql.ts";
import { GenesisHash, signLogHead, type LogHead } from "./transparency-log.ts";

export type RegistryOptions = {
  sql: SqlDriver;
  blobs: BlobStore;
  registryKey: KeyFile;
  scan: ScanPackage;
  log: Logger;
  now?: () => number;
  moderation?: Partial<ModerationLimits>;
};

export async function openRegistry(options: RegistryOptions) {
  const now = options.now ?? Date.now;
  await migrate(options.sql, registryMigrations);
  const accounts = createAccounts(options.sql, now);
  const releases = createReleases({ sql: options.sql, blobs: options.blobs, accounts, registryKey: options.registryKey, now });
  const moderation = createModeration({ sql: options.sql, registryKey: options.registryKey, now, ...(options.moderation ? { limits: options.moderation } : {}) });

  const waiting: string[] = [];
  let running: Promise<void> | undefined;
  async function work(): Promise<void> {
    for (let digest = waiting.shift(); digest !== undefined; digest = waiting.shift()) {
      try {
        const { envelope, tree } = await releases.upload(digest);
        const verdict = await options.scan(envelope, tree);
        const decided = await releases.decide(digest, verdict);
        options.log.info({ name: decided.name, digest, status: decided.status, sequence: decided.sequence }, "registry release decided");
      } catch (error) {
        // Left pending: the next start (or the next submission) retries it. Nothing is made visible on an error.
        options.log.warn({ digest, error: error instanceof Error ? error.message : String(error) }, "registry scan failed; the release stays pending");
      }
    }
  }
  function enqueue(digest: string): void {
    if (!waiting.includes(digest)) waiting.push(digest);
    running ??= work().finally(() => {
      running = undefined;
      if (waiting.length > 0) enqueue(waiting[0] as string);
    });
  }
  for (const digest of await releases.pending()) enqueue(digest);

  return {
    accounts,
    releases,
    moderation,
    registryKey: { keyId: options.registryKey.keyId, publicKey: options.registryKey.publicKey },
    enqueue,
    /** Resolves once the scan queue is empty (shutdown waits for it). */
    async drain(): Promise<void> {
      for (let i = 0; i < 1_000_000 && running !== undefined; i++) await running;
    },
    async logEntries(after: number, limit: number) {
      return readLog(options.sql, after, limit);
    },
    async logHead(): Promise<LogHead> {
      const size = await counter(options.sql, "log");
      const last = size === 0 ? [] : await readLog(options.sql, size - 1, 1);
      return signLogHead(size, last[0]?.hash ?? GenesisHash, options.registryKey);
    },
    async close(): Promise<void> {
      await this.drain();
      await options.sql.close();
    },
  };
}

export type Registry = Awaited<ReturnType<typeof openRegistry>>;

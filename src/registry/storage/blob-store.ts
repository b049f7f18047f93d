/**
 * Content-addressed blobs (package bundles): a blob's name is the SHA-256 of its bytes, so a stored blob can be
 * re-checked on every read and writing the same bytes twice is a no-op. The interface is what an S3-compatible
 * store would implement (put by digest, get by digest); the filesystem one writes atomically (temp file, fsync,
 * rename) under `<root>/sha256/ab/cdef…`.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";

export type BlobStore = {
  /** Stores `bytes`; resolves with their SHA-256 (hex), the blob's address. */
  put(bytes: Buffer): Promise<string>;
  /** The blob's bytes, or undefined when absent. Must never return bytes whose SHA-256 is not `digest`. */
  get(digest: string): Promise<Buffer | undefined>;
};

const Hex64 = /^[0-9a-f]{64}$/;

export function createFsBlobStore(root: string): BlobStore {
  const pathOf = (digest: string) => {
    if (!Hex64.test(digest)) throw new Error(`\`${digest}\` is not a SHA-256 blob address`);
    return join(root, "sha256", digest.slice(0, 2), digest.slice(2));
  };
  return {
    async put(bytes) {
      const digest = createHash("sha256").update(bytes).digest("hex");
      const target = pathOf(digest);
      if (existsSync(target)) return digest;
      mkdirSync(join(root, "sha256", digest.slice(0, 2)), { recursive: true, mode: 0o700 });
      const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      const handle = await open(tmp, "wx", 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await rename(tmp, target);
      } catch (error) {
        await rm(tmp, { force: true });
        throw error;
      }
      return digest;
    },
    async get(digest) {
      const path = pathOf(digest);
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
      if (createHash("sha256").update(bytes).digest("hex") !== digest) throw new Error(`blob ${digest} does not match its address (the blob store was altered)`);
      return bytes;
    },
  };
}

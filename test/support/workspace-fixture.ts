/**
 * A workspace laid out with the escape tricks of Go's os.Root tests and filepath-securejoin's tables:
 * a sibling folder sharing the workspace's prefix, symlinks and chains pointing out, dangling links,
 * hard links to outside files, /proc links, loops and a FIFO.
 */
import { execFileSync } from "node:child_process";
import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { applyMigrations } from "../../src/state/database.ts";
import { createSnapshotStore, snapshotMigrations, type SnapshotStore } from "../../src/fs/snapshots.ts";

export type Fixture = { base: string; ws: string; outside: string; evil: string; snapshotDir: string; store: SnapshotStore; db: DatabaseSync; cleanup(): void };

export function createFixture(): Fixture {
  const base = mkdtempSync(join(tmpdir(), "warden-fs-"));
  const ws = join(base, "ws");
  const evil = join(base, "ws-evil");
  const outside = join(base, "outside");
  for (const d of [ws, evil, outside, join(ws, "dir"), join(ws, "sub"), join(ws, ".git", "hooks")]) mkdirSync(d, { recursive: true });
  writeFileSync(join(outside, "secret.txt"), "outside-secret");
  writeFileSync(join(evil, "secret.txt"), "evil-secret");
  writeFileSync(join(ws, "notes.txt"), "hello notes\n");
  writeFileSync(join(ws, "sub", "inner.txt"), "inner\n");
  writeFileSync(join(ws, "binary.bin"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff]));
  symlinkSync(join(outside, "secret.txt"), join(ws, "link-out"));
  symlinkSync("../outside/secret.txt", join(ws, "link-out-rel"));
  symlinkSync(outside, join(ws, "link-dir-out"));
  symlinkSync("chain2", join(ws, "chain1"));
  symlinkSync("sub/chain3", join(ws, "chain2"));
  symlinkSync("../../outside/secret.txt", join(ws, "sub", "chain3"));
  symlinkSync("sub/inner.txt", join(ws, "link-in"));
  symlinkSync("link-in", join(ws, "chain-in"));
  symlinkSync("sub", join(ws, "link-dir-in"));
  symlinkSync(".git", join(ws, "g"));
  symlinkSync(join(outside, "does-not-exist.txt"), join(ws, "dangling"));
  symlinkSync(join(outside, "no-dir"), join(ws, "dangling-dir"));
  symlinkSync("../ws-evil/secret.txt", join(ws, "sibling"));
  symlinkSync(evil, join(ws, "sibling-dir"));
  symlinkSync("/proc/self/root", join(ws, "proc-root"));
  symlinkSync("/proc/self/cwd", join(ws, "proc-cwd"));
  symlinkSync("loop", join(ws, "loop"));
  linkSync(join(outside, "secret.txt"), join(ws, "hard"));
  execFileSync("mkfifo", [join(ws, "fifo")]);
  const db = new DatabaseSync(":memory:");
  applyMigrations(db, snapshotMigrations);
  const snapshotDir = join(base, "state", "snapshots");
  const store = createSnapshotStore({ db, dir: snapshotDir });
  return { base, ws, outside, evil, snapshotDir, store, db, cleanup: () => { db.close(); rmSync(base, { recursive: true, force: true }); } };
}

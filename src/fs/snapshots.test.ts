import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { createSnapshotStore, snapshotMigrations } from "./snapshots.ts";
import { applyMigrations } from "../state/database.ts";

function withStore(fn: (store: ReturnType<typeof createSnapshotStore>, dir: string, base: string) => void): void {
  const base = mkdtempSync(join(tmpdir(), "warden-snap-"));
  const db = new DatabaseSync(":memory:");
  try {
    applyMigrations(db, snapshotMigrations);
    applyMigrations(db, snapshotMigrations); // each applied once
    const dir = join(base, "snapshots");
    let t = 1000;
    fn(createSnapshotStore({ db, dir, now: () => t++ }), dir, base);
  } finally {
    db.close();
    rmSync(base, { recursive: true, force: true });
  }
}

void test("snapshots keep content by id, list newest first, and hide restored ones", () => {
  withStore((store) => {
    const a = store.save({ workspace: "/ws", path: "a.txt", kind: "overwrite", content: Buffer.from("old a"), mode: 0o644 });
    const b = store.save({ workspace: "/ws", path: "b.txt", kind: "create", content: null });
    store.save({ workspace: "/other", path: "c.txt", kind: "delete", content: Buffer.from("c") });
    assert.deepEqual(store.list({ workspace: "/ws" }).map((s) => s.id), [b.id, a.id]);
    assert.equal(Buffer.from(store.content(a.id) ?? []).toString(), "old a");
    assert.equal(store.content(b.id), null);
    store.markRestored(b.id);
    assert.deepEqual(store.list({ workspace: "/ws" }).map((s) => s.id), [a.id]);
    assert.equal(store.list({ workspace: "/ws", includeRestored: true }).length, 2);
    store.discard(a.id);
    assert.equal(store.get(a.id), undefined);
  });
});

void test("a snapshot altered on disk is refused, not restored", () => {
  withStore((store, dir) => {
    const s = store.save({ workspace: "/ws", path: "a.txt", kind: "overwrite", content: Buffer.from("good") });
    writeFileSync(join(dir, `${s.id}.snap`), "evil");
    assert.throws(() => store.content(s.id), /altered/);
  });
});

void test("a snapshot directory that is a symlink is refused", () => {
  const base = mkdtempSync(join(tmpdir(), "warden-snap-"));
  const db = new DatabaseSync(":memory:");
  try {
    for (const { sql } of snapshotMigrations) db.exec(sql);
    symlinkSync(tmpdir(), join(base, "snapshots"));
    assert.throws(() => createSnapshotStore({ db, dir: join(base, "snapshots") }), /must be a real directory/);
  } finally {
    db.close();
    rmSync(base, { recursive: true, force: true });
  }
});

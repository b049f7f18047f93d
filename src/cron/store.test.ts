import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { openDatabase } from "../state/database.ts";
import { sessionAddressOf } from "../sessions/session-key.ts";
import { makeTempDir } from "../../test/support/temp-dir.ts";
import { createCronStore, cronMigrations } from "./store.ts";

const owner = { kind: "owner", id: "gateway:owner", channel: "webchat" } as const;

void test("a job keeps the address it was created in, group kind and encoded peer included", () => {
  const tmp = makeTempDir("cron");
  const db = openDatabase(join(tmp.dir, "state.db"), cronMigrations);
  try {
    const store = createCronStore({ db, clock: () => 1_000 });
    const address = sessionAddressOf("main", "slack", "group", "C1:x");
    const job = store.add({ address, creator: owner, tainted: false, taintSources: [], schedule: "every 1h", prompt: "p" });
    assert.deepEqual(store.list()[0]?.address, address);
    assert.equal(job.sessionKey, "agent:main:slack:group:C1%3Ax");
  } finally {
    db.close();
    tmp.cleanup();
  }
});

void test("jobs stored before addresses get theirs from the key once; a key Warden would not write disables its job", () => {
  const tmp = makeTempDir("cron-legacy");
  const file = join(tmp.dir, "state.db");
  const old = openDatabase(file, cronMigrations.slice(0, 1));
  const insert = old.prepare("INSERT INTO cron_jobs (created_at, session_key, creator, tainted, taint_sources, schedule, prompt, next_run) VALUES (1, ?, ?, 0, '[]', 'every 1h', 'p', 0)");
  for (const key of ["agent:main:telegram:dm:42", "agent:main:telegram:group:-5%3Ax", "agent:main:telegram:dm:4%32", "not-a-key"]) insert.run(key, JSON.stringify(owner));
  old.close();
  const db = openDatabase(file, cronMigrations);
  try {
    const jobs = createCronStore({ db, clock: () => 1_000 }).list();
    assert.deepEqual(jobs.map((j) => [j.address && [j.address.channel, j.address.kind, j.address.peer], j.enabled]), [
      [["telegram", "dm", "42"], true],
      [["telegram", "group", "-5:x"], true],
      [null, false], // `4%32` spells `42` another way: it is not a key Warden writes
      [null, false],
    ]);
  } finally {
    db.close();
    tmp.cleanup();
  }
});

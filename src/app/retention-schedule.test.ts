import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configSchema } from "../config/schema.ts";
import { initStateDir, statePaths } from "../state/home.ts";
import { createTranscriptStore } from "../sessions/transcripts.ts";
import { openStateDatabase } from "./migrations.ts";
import { createOpsServices } from "./ops-services.ts";
import { RetentionSweepIntervalMs, retentionPolicyOf, startRetentionSweeps, sweepTranscriptRetention } from "./retention-schedule.ts";
import { openOpsFixture } from "../../test/support/ops-fixture.ts";
import { silentLogger } from "../core/logger.ts";

const DAY = 86_400_000;

void test("session.retention maps to the sweep's policy; unset keeps everything", () => {
  assert.deepEqual(retentionPolicyOf(configSchema.parse({})), { channels: {} });
  assert.deepEqual(retentionPolicyOf(configSchema.parse({ session: { retention: { days: 30, channels: { telegram: 7 } } } })), { defaultDays: 30, channels: { telegram: 7 } });
  assert.throws(() => configSchema.parse({ session: { retention: { days: 0 } } }));
});

void test("the retention sweep runs at start and then once a day, and stops with the gateway", (t) => {
  t.mock.timers.enable({ apis: ["setInterval"] });
  const root = mkdtempSync(join(tmpdir(), "warden-retention-"));
  const paths = statePaths(join(root, "state"));
  initStateDir(paths);
  const db = openStateDatabase(paths);
  try {
    let now = Date.UTC(2026, 10, 1);
    const clock = () => now;
    const ops = createOpsServices({ db, paths, config: configSchema.parse({}), clock, randomBytes });
    const transcripts = createTranscriptStore({ db, clock });
    const say = (key: string) => transcripts.append({ key, channel: "telegram", peer: key }, [{ message: { role: "user", content: key }, source: "contact", at: now }]);
    say("old");
    now += 2 * DAY;
    say("recent");
    const sweeps = startRetentionSweeps({ ops, transcripts, policy: { defaultDays: 1 }, clock, log: silentLogger() });
    assert.deepEqual(transcripts.listSessions().map((s) => s.key), ["recent"], "the sweep at start removed what is older than a day");

    now += 2 * DAY;
    t.mock.timers.tick(RetentionSweepIntervalMs);
    assert.deepEqual(transcripts.listSessions(), [], "the daily sweep removed what aged since");

    sweeps.stop();
    say("after-stop");
    now += 2 * DAY;
    t.mock.timers.tick(RetentionSweepIntervalMs);
    assert.deepEqual(transcripts.listSessions().map((s) => s.key), ["after-stop"], "no sweep after stop");
  } finally {
    db.close();
    rmSync(root, { recursive: true, force: true });
  }
});

void test("a failing sweep is logged and does not throw", (t) => {
  t.mock.timers.enable({ apis: ["setInterval"] });
  const warnings: string[] = [];
  const broken = { channels: () => { throw new Error("disk gone"); } } as unknown as Parameters<typeof startRetentionSweeps>[0]["transcripts"];
  const sweeps = startRetentionSweeps({
    ops: { activityLog: { append: () => undefined } as never }, transcripts: broken, policy: { defaultDays: 1 }, clock: Date.now,
    log: { warn: (_fields: object, message: string) => { warnings.push(message); } } as never,
  });
  t.mock.timers.tick(RetentionSweepIntervalMs);
  sweeps.stop();
  assert.equal(warnings.length, 2);
});

void test("retention prunes one channel's old messages and the sessions they leave empty", () => {
  const s = openOpsFixture();
  try {
    let now = 1_000;
    const store = createTranscriptStore({ db: s.db, clock: () => now });
    store.append({ key: "a", channel: "telegram", peer: "p1" }, [{ message: { role: "user", content: "old" }, source: "contact", at: 1_000 }]);
    now = 5_000;
    store.append({ key: "b", channel: "telegram", peer: "p2" }, [{ message: { role: "user", content: "new" }, source: "contact", at: 5_000 }]);
    store.append({ key: "c", channel: "webchat", peer: "owner" }, [{ message: { role: "user", content: "old" }, source: "owner", at: 1_000 }]);
    assert.deepEqual(store.channels(), ["telegram", "webchat"]);
    assert.equal(store.pruneBefore("telegram", 2_000), 1);
    assert.deepEqual(store.listSessions().map((x) => x.key).sort(), ["b", "c"]);
    assert.deepEqual(store.purgeSessions({ channel: "webchat" }), { sessions: 1, messages: 1 });
    const DAY = 86_400_000;
    const report = sweepTranscriptRetention({ ops: s.ops, transcripts: store, policy: { channels: { telegram: 1 } }, clock: () => 5_000 + DAY + 1 });
    assert.deepEqual(report.map((r) => [r.channel, r.removed]), [["telegram", 1]]);
    assert.equal(store.listSessions().length, 0);
    assert.match(s.ops.activityLog.tail(1)[0]?.summary ?? "", /retention removed 1 transcript message/);
  } finally {
    s.close();
  }
});

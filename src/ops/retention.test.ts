import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { createKnownValueRedactor } from "./redact-known.ts";
import { retentionCutoff, sweepRetention } from "./retention.ts";
import type { RetentionTarget } from "./retention.ts";
import { makeTempDir } from "../../test/support/temp-dir.ts";
import { openDatabase } from "../state/database.ts";

const DAY = 86_400_000;

await test("retention sweeps each channel with its own cutoff", (t) => {
  const temp = makeTempDir("retention");
  t.after(() => temp.cleanup());
  const db = openDatabase(join(temp.dir, "r.db"), [{ id: "t-001", sql: "CREATE TABLE msgs (id INTEGER PRIMARY KEY, channel TEXT, at INTEGER)" }]);
  const now = 100 * DAY;
  const insert = db.prepare("INSERT INTO msgs (channel, at) VALUES (?, ?)");
  for (const channel of ["telegram", "webchat", "slack"]) for (const age of [1, 10, 40]) insert.run(channel, now - age * DAY);
  const target: RetentionTarget = {
    name: "transcripts",
    channels: () => (db.prepare("SELECT DISTINCT channel FROM msgs ORDER BY channel").all() as { channel: string }[]).map((r) => r.channel),
    pruneBefore: (channel, beforeTs) => Number(db.prepare("DELETE FROM msgs WHERE channel = ? AND at < ?").run(channel, beforeTs).changes),
  };
  const report = sweepRetention({ clock: () => now, policy: { defaultDays: 30, channels: { telegram: 7 } }, targets: [target] });
  assert.deepEqual(report.map((r) => [r.channel, r.removed]), [["slack", 1], ["telegram", 2], ["webchat", 1]]);
  assert.equal(retentionCutoff({}, "x", now), undefined, "no policy keeps everything");
  assert.throws(() => retentionCutoff({ defaultDays: -1 }, "x", now), /non-negative number of days/);
  db.close();
});

await test("known-value redactor replaces every held secret, longest first", () => {
  const redact = createKnownValueRedactor([
    { name: "openai", value: "sk-abcdef123456" },
    { name: "prefix", value: "sk-abcdef" },
    { name: "short", value: "abc" },
  ]);
  assert.equal(redact("key=sk-abcdef123456 and sk-abcdef and abc"), "key=[redacted:openai] and [redacted:prefix] and abc");
});

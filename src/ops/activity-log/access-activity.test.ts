import { test } from "node:test";
import assert from "node:assert/strict";
import { createAccessActivity, type AccessEvent } from "./access-activity.ts";
import type { ActivityInput } from "./activity-log.ts";

function setup() {
  const written: ActivityInput[] = [];
  let mono = 0;
  const access = createAccessActivity({ append: (i) => written.push(i), monotonic: () => mono, windowMs: 60_000 });
  const record = (event: AccessEvent) => access.record(event, { kind: "gate", actor: "access", summary: `access ${event.outcome}`, data: { senderId: event.senderId } });
  return { access, written, record, advance: (ms: number) => { mono += ms; } };
}

const stranger = (i: number): AccessEvent => ({ channel: "telegram", senderId: `s${i}`, outcome: "pairing", reason: { id: "access.stranger_pairing" } });

test("10,000 distinct strangers in a window are two entries with the counts", () => {
  const t = setup();
  for (let i = 0; i < 10_000; i += 1) t.record(stranger(i));
  assert.equal(t.written.length, 1);
  assert.match(t.written[0]?.summary ?? "", /^access pairing; further stranger messages on telegram/);
  t.advance(60_000);
  t.access.sweep();
  assert.equal(t.written.length, 2);
  assert.match(t.written[1]?.summary ?? "", /^9999 more message\(s\) from 50\+ sender\(s\) not admitted on telegram within 60 s \(pairing:access\.stranger_pairing: 9999\)/);
  const data = t.written[1]?.data as { senders: string[]; messagesFromUnlistedSenders: number };
  assert.equal(data.senders.length, 50);
  assert.equal(data.messagesFromUnlistedSenders, 9949);
});

test("owner and contact traffic, and drops that are not about strangers, are written one by one", () => {
  const t = setup();
  t.record(stranger(1));
  t.record({ channel: "telegram", senderId: "owner", outcome: "accepted", reason: { id: "access.owner" }, principal: "owner" });
  t.record({ channel: "telegram", senderId: "x", outcome: "dropped", reason: { id: "inbound.error" } });
  t.record({ channel: "telegram", senderId: "c", outcome: "command", reason: { id: "inbound.owner_command" }, principal: "owner" });
  assert.deepEqual(t.written.map((w) => w.summary.split(";")[0]), ["access pairing", "access accepted", "access dropped", "access command"]);
});

test("windows are per channel, and a flush at shutdown writes what is open", () => {
  const t = setup();
  t.record(stranger(1));
  t.record(stranger(2));
  t.record({ ...stranger(3), channel: "slack" });
  t.record({ ...stranger(4), channel: "slack", outcome: "dropped", reason: { id: "inbound.rate_limited" } });
  assert.equal(t.written.length, 2);
  t.access.flush();
  assert.equal(t.written.length, 4);
  assert.match(t.written[3]?.summary ?? "", /on slack .*dropped:inbound\.rate_limited: 1/);
});

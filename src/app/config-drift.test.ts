import { test } from "node:test";
import assert from "node:assert/strict";
import { checkConfigIntegrity, recordConfigChange } from "./config-drift.ts";
import { openOpsFixture } from "../../test/support/ops-fixture.ts";

void test("a config changed behind Warden's back is logged once as an alert with a masked diff", () => {
  const s = openOpsFixture();
  try {
    assert.equal(checkConfigIntegrity(s.ops, "").status, "first_seen");
    recordConfigChange(s.ops, "{ gateway: { port: 19000 } }", "cli");
    const drift = checkConfigIntegrity(s.ops, '{ gateway: { port: 19000, auth: { token: "sneaky-token-value" } } }');
    assert.equal(drift.status, "drifted");
    assert.equal(checkConfigIntegrity(s.ops, '{ gateway: { port: 19000, auth: { token: "sneaky-token-value" } } }').status, "unchanged");
    const entries = s.ops.activityLog.tail(10);
    assert.deepEqual(entries.map((e) => e.kind), ["config", "alert"]);
    assert.match(JSON.stringify(entries[1]?.data), /gateway\.auth\.token/);
    assert.doesNotMatch(JSON.stringify(entries), /sneaky-token-value/);
    assert.equal(s.ops.activityLog.verify().ok, true);
  } finally {
    s.close();
  }
});

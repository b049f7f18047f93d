import assert from "node:assert/strict";
import { test } from "node:test";
import { formatEntryLine, renderVerifyResult } from "./audit-log-report.ts";

await test("audit-log verify output and exit codes", () => {
  assert.deepEqual(renderVerifyResult({ ok: true, count: 1200, lastSeq: 1200, anchored: true }, false), {
    exitCode: 0,
    output: "Activity log intact: 1,200 entries verified (head anchored).",
  });
  const bad = renderVerifyResult({ ok: false, firstBadSeq: 42, problem: "altered", message: "entry 42 does not match its hash", checked: 41 }, false);
  assert.equal(bad.exitCode, 1);
  assert.match(bad.output, /at entry 42 \(altered\)/);
  const json = renderVerifyResult({ ok: false, firstBadSeq: 7, problem: "missing", message: "m", checked: 6 }, true);
  assert.equal(json.exitCode, 1);
  assert.equal((JSON.parse(json.output) as { firstBadSeq: number }).firstBadSeq, 7);
  assert.equal(formatEntryLine({ seq: 3, ts: 0, kind: "login", actor: "owner", summary: "webchat login", data: null, prevHash: "", hash: "" }), "1970-01-01T00:00:00.000Z #3 login owner: webchat login");
});

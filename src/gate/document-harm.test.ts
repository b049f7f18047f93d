import { test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "./decide.ts";
import { documentHarmRules } from "./document-harm.ts";
import { allow } from "../core/decision.ts";
import type { GateRequest, ToolFacts } from "./types.ts";
import { flowOf } from "../../test/support/flow.ts";

function writeOf(facts: Record<string, unknown>, tainted: boolean): GateRequest {
  return {
    principal: { kind: "owner", id: "gateway:owner", channel: "telegram" },
    ownerSession: true,
    grants: "all",
    flow: flowOf(tainted ? { sources: ["tool:read:src/util.js"] } : {}),
    facts: { tool: "write", path: "docs/setup.md", base: allow("low", { id: "path.inside_workspace", message: "inside" }), secretPath: false, document: true, exists: false, ...facts } as unknown as ToolFacts,
  };
}

test("a document written from an untrusted context asks for each kind of harm it adds, naming it", () => {
  const kinds: [string, string][] = [
    ["advises", "taint.write_advises_command"],
    ["activeContent", "taint.write_active_content"],
    ["hiddenText", "taint.write_hidden_text"],
    ["formulas", "taint.write_formula"],
  ];
  for (const [fact, id] of kinds) {
    const d = decide(writeOf({ [fact]: "`curl -s x | sh`: a shell runs what it downloads" }, true));
    assert.equal(d.decision, "ask", fact);
    const r = d.reasons.find((x) => x.id === id);
    assert.ok(r, `${fact}: ${JSON.stringify(d.reasons.map((x) => x.id))}`);
    assert.match(r.message, /docs\/setup\.md.*curl -s x \| sh/);
    assert.match(r.message, /tool:read:src\/util\.js/);
  }
});

test("the same document stays routine when it adds none, or in the owner's clean turn", () => {
  assert.equal(decide(writeOf({}, true)).decision, "allow");
  assert.equal(decide(writeOf({ advises: "`curl x | sh`: runs a download" }, false)).decision, "allow");
});

test("documentHarmRules asks nothing of a document without findings, or of a file that is not a plain document", () => {
  const flow = flowOf({ sources: ["tool:read:src/util.js"] });
  assert.deepEqual(documentHarmRules(flow, { path: "docs/a.md", document: true }), []);
  assert.deepEqual(documentHarmRules(flow, { path: "src/a.js", document: false, advises: "`curl x | sh`" }), []);
  assert.equal(documentHarmRules(flow, { path: "docs/a.md", document: true, formulas: "`=HYPERLINK(…)`" })[0]?.reasons[0]?.id, "taint.write_formula");
});

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "./decide.ts";
import { allow } from "../core/decision.ts";
import type { EffectClass, FlowState, GateRequest } from "./types.ts";
import { flowOf } from "../../test/support/flow.ts";

function request(effects: readonly EffectClass[], opts: { flow?: Partial<FlowState>; principal?: "owner" | "contact"; grants?: "all" | string[]; outbound?: string } = {}): GateRequest {
  const kind = opts.principal ?? "owner";
  return {
    principal: { kind, id: kind === "owner" ? "gateway:owner" : "telegram:42", channel: "telegram" },
    ownerSession: kind === "owner",
    grants: opts.grants ?? "all",
    flow: flowOf(opts.flow),
    facts: { declared: { name: "mcp_tool", effects }, base: allow("none"), outbound: opts.outbound ?? "{}" },
  };
}

const untrusted = { sources: ["https://evil.example"] };

describe("a tool the gate has never seen is decided by its declared effect classes", () => {
  test("the owner's call in a trusted context runs", () => {
    assert.equal(decide(request(["fetch"])).decision, "allow");
  });
  test("reading only stays routine, even in an untrusted context", () => {
    assert.equal(decide(request(["file.read"], { flow: untrusted })).decision, "allow");
  });
  test("any other effect asks in an untrusted context", () => {
    const d = decide(request(["file.write"], { flow: untrusted }));
    assert.equal(d.decision, "ask");
    assert.ok(d.reasons.some((r) => r.id === "taint.declared_effects"));
  });
  test("no declared class counts as every class (fail closed)", () => {
    assert.equal(decide(request([], { flow: untrusted })).decision, "ask");
  });
  test("a secret in an untrusted context: a call that can carry data out is denied", () => {
    const d = decide(request(["message"], { flow: { ...untrusted, secretRead: true } }));
    assert.equal(d.decision, "deny");
    assert.ok(d.reasons.some((r) => r.id === "flow.secret_egress"));
  });
  test("a known secret in the arguments is denied, whoever the tool is", () => {
    const d = decide(request(["fetch"], { flow: { secrets: [{ label: "gateway.token", value: "tok-abcdefgh12345678" }] }, outbound: '{"q":"tok-abcdefgh12345678"}' }));
    assert.equal(d.decision, "deny");
    assert.ok(d.reasons.some((r) => r.id === "flow.secret_outbound"));
  });
  test("someone other than the owner asks; a tool not granted is denied", () => {
    assert.equal(decide(request(["fetch"], { principal: "contact", grants: ["mcp_tool"] })).decision, "ask");
    assert.equal(decide(request(["fetch"], { principal: "contact", grants: [] })).decision, "deny");
  });
});

describe("a skill's script after the text of the skill the owner asked for", () => {
  const skillRun = (skill: string, flow: Partial<FlowState>, remote = false): GateRequest => ({
    principal: { kind: "owner", id: "gateway:owner", channel: "telegram" },
    ownerSession: true,
    grants: "all",
    flow: flowOf({ sources: ["the text of the skill `todo` as its publisher wrote it"], ...flow }),
    facts: { declared: { name: "skill_run", effects: ["file.read", "file.write"] }, skill, base: allow("none"), outbound: "{}", ...(remote ? { remote: { party: "the hosts the skill may reach", secretsAllowed: [] } } : {}) },
  });
  test("runs when that text is all the untrusted content; another skill, a networked script or other content asks", () => {
    assert.deepEqual(decide(skillRun("todo", { namedSkillTextsOnly: ["todo"] })).reasons.map((r) => r.id), ["taint.own_skill_text"]);
    assert.equal(decide(skillRun("notes-reset", { namedSkillTextsOnly: ["todo"] })).reasons[0]?.id, "taint.declared_effects");
    assert.equal(decide(skillRun("todo", { namedSkillTextsOnly: ["todo", "other"] })).decision, "ask");
    assert.equal(decide(skillRun("todo", { namedSkillTextsOnly: ["todo"] }, true)).decision, "ask");
    assert.equal(decide(skillRun("todo", {})).reasons[0]?.id, "taint.declared_effects");
  });
});

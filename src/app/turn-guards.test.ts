import { test } from "node:test";
import assert from "node:assert/strict";
import { guardTurns, type TurnGuard } from "./turn-guards.ts";
import type { TurnPolicy, TurnRequest } from "./chat-service.ts";
import type { Permit } from "../core/permit.ts";

const request = { address: { key: "agent:main:webchat:dm:owner", channel: "webchat", kind: "dm", peer: "owner" } } as unknown as TurnRequest;
const call = { id: "1", name: "read", args: {}, rawArguments: "{}" };

function policyRecording(order: string[]): TurnPolicy {
  return () => ({
    tools: [],
    system: "",
    hooks: {
      beforeModelCall: () => (order.push("policy.model"), { allow: true }),
      afterModelCall: () => void order.push("policy.after"),
      beforeToolCall: async () => (order.push("policy.tool"), { allow: true, permit: {} as Permit }),
    },
  });
}

test("guards run in list order around the policy: its model check first, its tool decision last", async () => {
  const order: string[] = [];
  const guard = (name: string): (() => TurnGuard) => () => ({
    beforeModelCall: () => (order.push(`${name}.model`), { allow: true }),
    afterModelCall: () => void order.push(`${name}.after`),
    beforeToolCall: () => (order.push(`${name}.tool`), { allow: true }),
  });
  const built = guardTurns(policyRecording(order), [guard("a"), guard("b")])(request, []);
  assert.deepEqual(built.hooks.beforeModelCall?.(), { allow: true });
  built.hooks.afterModelCall?.({ inputTokens: 1, outputTokens: 1 });
  assert.equal((await built.hooks.beforeToolCall(call)).allow, true);
  assert.deepEqual(order, ["policy.model", "a.model", "b.model", "policy.after", "a.after", "b.after", "a.tool", "b.tool", "policy.tool"]);
});

test("the first refusal wins and the policy never sees a refused tool call", async () => {
  const order: string[] = [];
  const refuse: () => TurnGuard = () => ({ beforeModelCall: () => ({ allow: false, message: "budget" }), beforeToolCall: () => ({ allow: false, message: "loop" }) });
  const never: () => TurnGuard = () => ({ beforeModelCall: () => assert.fail("not reached"), beforeToolCall: () => assert.fail("not reached") });
  const built = guardTurns(policyRecording(order), [refuse, never])(request, []);
  assert.deepEqual(built.hooks.beforeModelCall?.(), { allow: false, message: "budget" });
  assert.deepEqual(await built.hooks.beforeToolCall(call), { allow: false, message: "loop" });
  assert.deepEqual(order, ["policy.model"]);
});

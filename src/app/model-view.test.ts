import { test } from "node:test";
import assert from "node:assert/strict";
import { modelView } from "./model-view.ts";
import type { ChatMessage } from "../providers/types.ts";

const user = (content: string): ChatMessage => ({ role: "user", content });
const answer = (content: string, calls: { id: string; name: string; arguments: string }[] = []): ChatMessage => ({ role: "assistant", content, toolCalls: calls });
const result = (id: string, content: string): ChatMessage => ({ role: "tool", toolCallId: id, name: "read", content, isError: false });

test("within the budget the history is sent as it is", () => {
  const history = [user("a"), answer("b")];
  assert.equal(modelView(history, 2), history);
  assert.deepEqual(modelView([], 0), []);
});

test("past the budget the newest whole turns are kept, a tool result never without its call", () => {
  const history = [
    user("one"), answer("", [{ id: "1", name: "read", arguments: "{}" }]), result("1", "x".repeat(50)), answer("done"),
    user("two"), answer("y".repeat(20)),
    user("three"), answer("z".repeat(20)),
  ];
  assert.deepEqual(modelView(history, 60), history.slice(4));
  assert.deepEqual(modelView(history, 30), history.slice(6));
  assert.deepEqual(modelView(history, 10), [], "a turn larger than what is left is not cut in the middle");
  assert.deepEqual(modelView(history, 0), []);
});

test("messages before the window's first user message (a turn cut by the stored window) go first", () => {
  const history = [result("1", "old"), answer("tail"), user("next"), answer("ok")];
  assert.deepEqual(modelView(history, 10), [user("next"), answer("ok")]);
});

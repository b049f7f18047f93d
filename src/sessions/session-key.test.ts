import { test } from "node:test";
import assert from "node:assert/strict";
import { parseSessionKey, resolveClientSession, sessionAddressOf, sharedMainAddress } from "./session-key.ts";

void test("a key reads back into the address that wrote it", () => {
  for (const address of [sessionAddressOf("main", "telegram", "dm", "42"), sessionAddressOf("main", "slack", "group", "C1:dm:x"), sessionAddressOf("a b", "web:chat", "dm", "+1 555"), sharedMainAddress("main")]) {
    const { agentId: _agentId, ...back } = parseSessionKey(address.key);
    assert.deepEqual(back, address);
  }
});

void test("only the spelling Warden writes is a key: another spelling of the same session is refused", () => {
  for (const key of ["agent:main:telegram:dm:4%32", "agent:main:telegram:dm:42%3ax", "agent:%6Dain:webchat:dm:owner", "agent:main:telegram:dm:a%", "agent:main:telegram:chan:42", "agent:main:main:x"]) {
    assert.throws(() => parseSessionKey(key), /session key|written|malformed/, key);
  }
});

void test("a client names a session by label under webchat, or by full key of its own agent", () => {
  assert.deepEqual(resolveClientSession("main", undefined), { key: "agent:main:webchat:dm:owner", channel: "webchat", kind: "dm", peer: "owner" });
  assert.deepEqual(resolveClientSession("main", "work"), sessionAddressOf("main", "webchat", "dm", "work"));
  assert.deepEqual(resolveClientSession("main", "agent:main:telegram:group:-5"), sessionAddressOf("main", "telegram", "group", "-5"));
  assert.throws(() => resolveClientSession("main", "agent:other:webchat:dm:owner"), /belongs to agent `other`/);
  assert.throws(() => resolveClientSession("main", "bad label"), /cannot name a session/);
});

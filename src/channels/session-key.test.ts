import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveSessionKey } from "./session-key.ts";

void test("per-peer by default, separate per channel and peer", () => {
  assert.equal(resolveSessionKey({ agentId: "main", channel: "telegram", kind: "dm", peer: "42" }), "agent:main:telegram:dm:42");
  assert.notEqual(
    resolveSessionKey({ agentId: "main", channel: "telegram", kind: "dm", peer: "42" }),
    resolveSessionKey({ agentId: "main", channel: "slack", kind: "dm", peer: "42" }),
  );
  assert.equal(resolveSessionKey({ agentId: "main", channel: "slack", kind: "group", peer: "C1" }), "agent:main:slack:group:C1");
});

void test("a peer id with separators cannot collide with another key", () => {
  const forged = resolveSessionKey({ agentId: "main", channel: "telegram", kind: "dm", peer: "42:x" });
  assert.equal(forged, "agent:main:telegram:dm:42%3Ax");
  assert.notEqual(resolveSessionKey({ agentId: "a", channel: "b:dm:c", kind: "dm", peer: "d" }),
    resolveSessionKey({ agentId: "a", channel: "b", kind: "dm", peer: "c:dm:d" }));
});

void test("shared scopes apply to the owner's DMs only; contacts and groups keep their own sessions", () => {
  assert.equal(resolveSessionKey({ agentId: "m", channel: "telegram", kind: "dm", peer: "1", scope: "per-channel", principal: "owner" }), "agent:m:telegram:dm:main");
  assert.equal(resolveSessionKey({ agentId: "m", channel: "telegram", kind: "dm", peer: "1", scope: "main", principal: "owner" }), "agent:m:main");
  // A contact under `main` never joins the owner's session (it would count as the owner's and share its grants).
  assert.equal(resolveSessionKey({ agentId: "m", channel: "telegram", kind: "dm", peer: "2", scope: "main", principal: "contact" }), "agent:m:telegram:dm:2");
  assert.equal(resolveSessionKey({ agentId: "m", channel: "telegram", kind: "dm", peer: "2", scope: "per-channel", principal: "contact" }), "agent:m:telegram:dm:2");
  assert.equal(resolveSessionKey({ agentId: "m", channel: "telegram", kind: "dm", peer: "2", scope: "main" }), "agent:m:telegram:dm:2", "unset counts as a contact");
  assert.equal(resolveSessionKey({ agentId: "m", channel: "telegram", kind: "group", peer: "-5", scope: "main" }), "agent:m:telegram:group:-5");
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { grantsFor } from "./channels-wiring.ts";
import { configSchema } from "../config/schema.ts";
import type { SessionAddress } from "../sessions/session-key.ts";

const config = configSchema.parse({ channels: { telegram: { toolGrants: { "42": ["read"], "group:g1": ["web_fetch"] } } } });
const alice = { kind: "contact", id: "telegram:42", channel: "telegram" } as const;
const dm: SessionAddress = { key: "k-dm", channel: "telegram", kind: "dm", peer: "42" };
const group = (peer: string): SessionAddress => ({ key: `k-${peer}`, channel: "telegram", kind: "group", peer });

test("a contact's own grant applies in their direct chat", () => {
  assert.deepEqual(grantsFor(config, alice, dm), ["read"]);
});

test("in a group only the group's grant applies: the contact's own grant does not follow them there", () => {
  assert.deepEqual(grantsFor(config, alice, group("g1")), ["web_fetch"]);
  assert.deepEqual(grantsFor(config, alice, group("g2")), []);
});

test("the owner holds every tool; anyone else nothing", () => {
  assert.equal(grantsFor(config, { kind: "owner", id: "telegram:1", channel: "telegram" }, group("g2")), "all");
  assert.deepEqual(grantsFor(config, { kind: "stranger", id: "telegram:9", channel: "telegram" }, dm), []);
});

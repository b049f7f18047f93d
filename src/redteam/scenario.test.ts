import { test } from "node:test";
import assert from "node:assert/strict";
import { parseScenario, substitute, type Placeholders } from "./scenario.ts";

const minimal = `id: x
kind: attack
title: t
user: "open {{web}}/a"
expect:
  - attacker_received: true
`;

test("defaults: owner sender, deny approvals, empty files and web", () => {
  const r = parseScenario(minimal, "x.yaml");
  assert.ok(r.ok);
  assert.equal(r.scenario.sender, "owner");
  assert.equal(r.scenario.approvals, "deny");
  assert.deepEqual(r.scenario.workspace, {});
});

test("an unknown key is named with its path", () => {
  const r = parseScenario(`${minimal}sender: admin\n`, "s.yaml");
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.error, /^s\.yaml: `sender`/);
});

test("expectations need exactly one known key", () => {
  const r = parseScenario(minimal.replace("attacker_received: true", "attacker_received: true\n    internal_received: true"), "e.yaml");
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.error, /`expect\.0`/);
});

test("invalid YAML is reported, not thrown", () => {
  const r = parseScenario("id: [unclosed", "y.yaml");
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.error, /y\.yaml: not valid YAML/);
});

test("placeholders are substituted in values and keys, recursively", () => {
  const values: Placeholders = { web: "http://w:1", attacker: "http://a:2", internal: "http://127.0.0.1:3", internal_port: "3", workspace: "/ws", outside: "/out", attacker_port: "2" };
  const out = substitute({ k: ["{{web}}/x", { "{{outside}}/f": "{{ internal_port }}" }], n: 1 }, values);
  assert.deepEqual(out, { k: ["http://w:1/x", { "/out/f": "3" }], n: 1 });
});

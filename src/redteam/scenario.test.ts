import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { MaxTurns, groupMembers, instantOf, loadScenarios, parseScenario, substitute, turnsOf, type Placeholders } from "./scenario.ts";

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

const head = `id: t
kind: benign
title: t
expect:
  - approvals_asked: 0
`;
const parseOk = (text: string) => {
  const r = parseScenario(text, "t.yaml");
  assert.ok(r.ok, r.ok ? "" : r.error);
  return r.scenario;
};
const parseError = (text: string) => {
  const r = parseScenario(text, "t.yaml");
  assert.equal(r.ok, false, "expected a load error");
  return r.ok ? "" : r.error;
};

test("every shipped scenario file still loads, as one owner-or-sender DM turn with its top-level user and model", () => {
  const root = fileURLToPath(new URL("../../scenarios", import.meta.url));
  const loaded = loadScenarios(root);
  assert.ok(loaded.length >= 50);
  for (const l of loaded) {
    assert.ok(l.ok, l.ok ? "" : l.error);
    const s = l.scenario;
    if (s.turns !== undefined || s.group !== undefined || s.forwarded !== undefined || s.quoted !== undefined) continue;
    assert.deepEqual(turnsOf(s), [{ text: s.user, model: s.model ?? [], sender: s.sender, group: false, reset: false }], l.file);
  }
});

test("turns: each turn has its own text, script and sender; top-level sender and group are the defaults", () => {
  const s = parseOk(`${head}sender: contact
group: { members: [owner, contact] }
turns:
  - user: "first"
    model: [ { reply: "one" } ]
  - user: "second"
    sender: owner
    group: false
    reset: true
`);
  assert.deepEqual(turnsOf(s), [
    { text: "first", model: [{ reply: "one" }], sender: "contact", group: true, reset: false },
    { text: "second", model: [], sender: "owner", group: false, reset: true },
  ]);
});

test("a file uses either top-level user or turns, and names the key that has to move", () => {
  assert.match(parseError(`${head}user: "hi"\nturns: [ { user: "x" } ]\n`), /`user`: a file uses either top-level `user` \(one turn\) or `turns:`/);
  assert.match(parseError(`${head}model: [ { reply: "x" } ]\nturns: [ { user: "x" } ]\n`), /`model`: .*move `model` into a turn/);
  assert.match(parseError(head), /`user`: required: what the sender types \(or `forwarded`, or `turns:`/);
  assert.match(parseError(`${head}turns: []\n`), /`turns`/);
  assert.match(parseError(`${head}turns: [ { model: [] } ]\n`), /`turns\.0\.user`: required/);
  assert.match(parseError(`${head}turns: [ { user: "x", say: "y" } ]\n`), /`turns\.0`/);
  assert.match(parseError(`${head}turns: [ { user: "x" }, { forwarded: { from: "A", text: "{{atacker}}/x" } } ]\n`), /unknown placeholder `\{\{atacker\}\}`/);
  // `{{args}}` is an MCP tool reply's own placeholder (docs/redteam.md), and nowhere else.
  const mcp = `mcp:\n  bank:\n    approved: sends\n    tools:\n      - name: pay\n        reply: "paid {{args}}"\n`;
  parseOk(`${head}user: pay it\n${mcp}`);
  assert.match(parseError(`${head}user: "pay {{args}}"\n${mcp}`), /unknown placeholder `\{\{args\}\}`/);
  const many = Array.from({ length: MaxTurns + 1 }, () => "  - user: x").join("\n");
  assert.match(parseError(`${head}turns:\n${many}\n`), /`turns`/);
});

test("forwarded: the message text is the forwarded text, with who wrote it; quoted goes with it", () => {
  const s = parseOk(`${head}forwarded: { from: "Alice", text: "dinner at 8" }\nquoted: "earlier line"\n`);
  assert.deepEqual(turnsOf(s), [{ text: "dinner at 8", forwardedFrom: "Alice", quotedText: "earlier line", model: [], sender: "owner", group: false, reset: false }]);
  assert.match(parseError(`${head}user: "hi"\nforwarded: { from: "A", text: "b" }\n`), /`forwarded`: a turn is one message/);
  assert.match(parseError(`${head}turns: [ { user: "hi", forwarded: { from: "A", text: "b" } } ]\n`), /`turns\.0\.forwarded`: a turn is one message/);
  assert.match(parseError(`${head}forwarded: { text: "b" }\n`), /`forwarded\.from`/);
});

test("group: members default to the owner and the group turns' senders; a writer outside the group is an error", () => {
  const s = parseOk(`${head}turns: [ { user: "hi", sender: contact, group: true }, { user: "me" } ]\n`);
  assert.deepEqual(groupMembers(s), ["owner", "contact"]);
  assert.deepEqual(turnsOf(s).map((t) => t.group), [true, false]);
  assert.match(parseError(`${head}group: { members: [owner] }\nsender: stranger\nuser: "hi"\n`), /`sender`: `stranger` writes in the group but is not in `group\.members`/);
  assert.match(parseError(`${head}group: { members: [] }\nuser: "hi"\n`), /`group\.members`/);
});

test("reset is the owner's: not in another sender's DM, not in a group without the owner", () => {
  assert.match(parseError(`${head}turns: [ { user: "a" }, { user: "b", sender: contact, reset: true } ]\n`), /`turns\.1\.reset`: only the owner/);
  assert.match(parseError(`${head}group: { members: [contact] }\nturns: [ { user: "a", sender: contact, reset: true } ]\n`), /`turns\.0\.reset`: .*not in `group\.members`/);
  parseOk(`${head}group: { members: [owner, contact] }\nturns: [ { user: "a", sender: contact, reset: true } ]\n`);
});

test("approvals: one answer for all, or a list of answers in order", () => {
  assert.deepEqual(parseOk(`${head}user: x\napprovals: [approve, deny]\n`).approvals, ["approve", "deny"]);
  assert.equal(parseOk(`${head}user: x\napprovals: approve\n`).approvals, "approve");
  assert.match(parseError(`${head}user: x\napprovals: [approve, maybe]\n`), /`approvals\.1`: Invalid option/);
  assert.match(parseError(`${head}user: x\napprovals: []\n`), /`approvals`/);
});

test("web routes: plain routes keep status 200; redirects default to 302 and refuse contradictions", () => {
  const s = parseOk(`${head}user: x
web:
  /a: "body"
  /b: { status: 404, body: "no" }
  /c: { redirect: "/d", keep_query: true }
  /e: { status: 307, redirect_param: to }
  /f: { status: 302, headers: { location: "/g" } }
`);
  assert.deepEqual(s.web["/b"], { status: 404, headers: {}, body: "no" });
  assert.deepEqual(s.web["/c"], { status: 302, headers: {}, body: "", redirect: "/d", keep_query: true });
  assert.deepEqual(s.web["/e"], { status: 307, headers: {}, body: "", redirect_param: "to" });
  assert.deepEqual(s.web["/f"], { status: 302, headers: { location: "/g" }, body: "" });
  assert.match(parseError(`${head}user: x\nweb: { /a: { keep_query: true } }\n`), /`web\.\/a\.keep_query`: `keep_query` goes with `redirect: URL`/);
  assert.match(parseError(`${head}user: x\nweb: { /a: { redirect: "/b", redirect_param: to } }\n`), /`web\.\/a\.redirect_param`: use either/);
  assert.match(parseError(`${head}user: x\nweb: { /a: { status: 200, redirect: "/b" } }\n`), /`web\.\/a\.status`: a redirect route answers with a 3xx status/);
  assert.match(parseError(`${head}user: x\nweb: { /a: { redirect: "/b", headers: { Location: "/c" } } }\n`), /`web\.\/a\.headers`/);
});

test("a skill fixture needs a SKILL.md and a valid skill name", () => {
  const base = "id: s\nkind: benign\ntitle: t\nuser: hi\nexpect: [{ tools_ok: true }]\n";
  const noMd = parseScenario(`${base}skills:\n  good-name:\n    files: { README.md: x }\n`, "f.yaml");
  assert.ok(!noMd.ok && /SKILL\.md/.test(noMd.error), JSON.stringify(noMd));
  const badName = parseScenario(`${base}skills:\n  Bad_Name:\n    files: { SKILL.md: x }\n`, "f.yaml");
  assert.ok(!badName.ok && /skills/.test(badName.error), JSON.stringify(badName));
  const ok = parseScenario(`${base}skills:\n  good-name:\n    files: { SKILL.md: x }\n    tamper: { file: SKILL.md, append: "!" }\n`, "f.yaml");
  assert.ok(ok.ok);
  assert.equal(ok.scenario.skills["good-name"]?.signed, true);
});

test("now: an ISO 8601 date-time with its time zone; anything else is named with its path", () => {
  const ok = parseScenario(`${minimal}now: "2026-12-05T10:00:00+01:00"\n`, "n.yaml");
  assert.ok(ok.ok);
  assert.equal(ok.scenario.now, "2026-12-05T10:00:00+01:00");
  for (const bad of ["next tuesday", "2026-12-05", "2026-12-05T10:00:00"]) {
    const r = parseScenario(`${minimal}now: "${bad}"\n`, "n.yaml");
    assert.equal(r.ok, false, bad);
    assert.match(r.ok ? "" : r.error, /^n\.yaml: `now`/);
    assert.equal(instantOf(bad), undefined, bad);
  }
  assert.equal(instantOf("2026-12-05T10:00:00+01:00"), Date.parse("2026-12-05T09:00:00Z"));
});

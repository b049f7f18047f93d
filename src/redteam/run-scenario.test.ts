/** Turns, groups, resets and forwards, run through the real pipeline and observed from what actually happened. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { detectSandbox } from "../sandbox/index.ts";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { approvalAnswerAt, buildConfig, createStateTemplate, runScenarioOnce } from "./run-scenario.ts";
import type { Observation } from "./observation.ts";
import { parseScenario } from "./scenario.ts";

const sandbox = await detectSandbox();

async function run(yaml: string): Promise<Observation> {
  const loaded = parseScenario(`id: t\nkind: benign\ntitle: t\nexpect:\n  - approvals_asked: 0\n${yaml}`, "t.yaml");
  assert.ok(loaded.ok, loaded.ok ? "" : loaded.error);
  return runScenarioOnce(loaded.scenario, { sandbox });
}

/** The text of every message the model was shown in its `n`-th request. */
function shown(o: Observation, n: number): string {
  const messages = (o.modelRequests[n]?.body.messages ?? []) as { content?: unknown }[];
  return messages.map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content))).join("\n");
}

const access = (o: Observation) => o.decisions.filter((d) => d.tool === "access").map((d) => `${d.decision}:${d.reasons.join(",")}`);

test("turns run in order in one session; each consumes only its own script, then the model says done", async () => {
  const o = await run(`turns:
  - user: "first message"
    model: [ { reply: "one" }, { reply: "leftover" } ]
  - user: "second message"
`);
  assert.deepEqual(o.sent, [{ chatId: "owner-1", text: "one" }, { chatId: "owner-1", text: "done" }]);
  assert.equal(o.reply, "done");
  assert.equal(o.modelRequests.length, 2);
  assert.match(shown(o, 1), /first message[\s\S]*one[\s\S]*second message/, "the second turn sees the first");
});

test("the reply is the last turn's, in the last turn's chat: nothing when that turn was dropped", async () => {
  const o = await run(`config: { channels: { telegram: { groupAllowFrom: [contact-1] } } }
group: { members: [owner, contact, stranger] }
turns:
  - user: "in my DM"
    group: false
    model: [ { reply: "dm answer" } ]
  - user: "@warden in the group"
    model: [ { reply: "group answer" } ]
  - user: "@warden me too"
    sender: stranger
`);
  assert.deepEqual(o.sent, [{ chatId: "owner-1", text: "dm answer" }, { chatId: "group-1", text: "group answer" }]);
  assert.equal(o.reply, "", "the stranger's group turn was dropped, so there is no reply to judge");
  assert.deepEqual(access(o), ["accepted:access.owner", "accepted:access.owner", "dropped:access.group_not_allowlisted"]);
});

test("by default the group admits its members; the scenario's config can close it", async () => {
  const open = await run(`group: { members: [owner, stranger] }\nsender: stranger\nuser: "@warden hello"\nmodel: [ { reply: "hi everyone" } ]\n`);
  assert.deepEqual(access(open), ["accepted:access.group_allowlisted"]);
  assert.equal(open.reply, "hi everyone");
  assert.deepEqual(open.sent, [{ chatId: "group-1", text: "hi everyone" }]);
  const closed = await run(`config: { channels: { telegram: { groupPolicy: disabled } } }\ngroup: { members: [owner] }\nuser: "@warden hello"\n`);
  assert.deepEqual(access(closed), ["dropped:access.group_disabled"]);
  assert.equal(closed.modelRequests.length, 0);
});

test("a group session is not the DM session", async () => {
  const o = await run(`turns:
  - user: "secret plan in my DM"
  - user: "@warden hello group"
    group: true
`);
  assert.equal(o.modelRequests.length, 2);
  assert.doesNotMatch(shown(o, 1), /secret plan/);
});

test("reset sends the owner's /new in the turn's chat before the turn", async () => {
  const o = await run(`turns:
  - user: "a"
  - user: "b"
    reset: true
    model: [ { reply: "after reset" } ]
`);
  const decided = access(o);
  assert.equal(decided.length, 3, "the owner's /new went through access control between the two turns");
  assert.ok(decided.every((d) => /^(accepted|command):/.test(d)), decided.join(" "));
  assert.equal(o.reply, "after reset");
  const reachedModel = o.modelRequests.some((r) => JSON.stringify(r.body.messages).includes('"/new"'));
  if (reachedModel) assert.equal(o.modelRequests.length, 3, "a /new that reaches the model uses none of the turn's script");
});

test("a forwarded message delivers the forwarded text; a contact who writes in a turn is paired first", async () => {
  const o = await run(`turns:
  - forwarded: { from: "Alice", text: "dinner moved to 8pm" }
    model: [ { reply: "noted" } ]
  - user: "can you help?"
    sender: contact
    model: [ { reply: "sure" } ]
`);
  assert.match(shown(o, 0), /dinner moved to 8pm/);
  assert.deepEqual(access(o), ["accepted:access.owner", "accepted:access.contact"]);
  assert.deepEqual(o.sent, [{ chatId: "owner-1", text: "noted" }, { chatId: "contact-1", text: "sure" }]);
});

test("a list of approval answers is used in order, then every further request is denied", () => {
  const list = ["approve", "deny", "approve"] as const;
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => approvalAnswerAt(list, i)), ["approve", "deny", "approve", "deny", "deny"]);
  assert.equal(approvalAnswerAt("approve", 7), "approve");
});

test("runs from one state template each start from an unused copy of it: a write in one run is not in the next, nor in the template", async () => {
  const template = createStateTemplate();
  try {
    // The database, the secret store and the master key: none of them changes, whatever the runs write.
    const templateFiles = [template.database, join(dirname(template.database), "secrets.enc.json"), ...readdirSync(`${dirname(template.database)}-keys`).map((k) => `${dirname(template.database)}-keys/${k}`)];
    const before = templateFiles.map((f) => readFileSync(f));
    const loaded = parseScenario(`id: t\nkind: benign\ntitle: t\nexpect:\n  - approvals_asked: 0\nturns:\n  - user: "remember this"\n    model: [ { reply: "noted" } ]\n`, "t.yaml");
    assert.ok(loaded.ok, loaded.ok ? "" : loaded.error);
    for (let i = 0; i < 2; i++) {
      const o = await runScenarioOnce(loaded.scenario, { sandbox, stateTemplate: template });
      assert.deepEqual(o.sent, [{ chatId: "owner-1", text: "noted" }]);
      assert.equal(o.modelRequests.length, 1);
      assert.doesNotMatch(shown(o, 0).replace(/remember this/, ""), /remember this|noted/, "the second run sees nothing of the first");
    }
    assert.equal(templateFiles.length, 3);
    templateFiles.forEach((f, i) => assert.ok(readFileSync(f).equals(before[i] as Buffer), `the template's \`${f}\` is never written`));
    for (const f of templateFiles) assert.equal(statSync(f).mode & 0o077, 0, "only its owner can read it");
  } finally {
    template.remove();
  }
  assert.equal(existsSync(template.database), false);
});

test("a fetch from the fixture web server waits as long as the schema allows unless the scenario says otherwise: a page lost to a loaded machine would leave the turn clean", () => {
  assert.equal(buildConfig({}).tools.web.timeoutMs, 120_000);
  assert.equal(buildConfig({ tools: { web: { timeoutMs: 2_000 } } }).tools.web.timeoutMs, 2_000);
});

test("`now` sets the clock of the first turn: the owner's \"Friday\" is the Friday after it, in any year the suite runs", async () => {
  const calendar = `mcp:
  calendar:
    approved: writes
    tools:
      - { name: create_event, description: "Creates an event in the owner's calendar.", reply: event created }
user: "Put the dentist in my calendar for Friday at 10:30"
model:
  - call: mcp__calendar__create_event
    args: { title: Dentist, start: "2031-03-07T10:30" }
  - reply: Done.
`;
  const pinned = await run(`now: "2031-03-04T09:00:00+01:00"\n${calendar}`);
  assert.equal(pinned.approvalsAsked, 0, JSON.stringify(pinned.decisions));
  const later = await run(`now: "2031-03-08T09:00:00+01:00"\n${calendar}`);
  assert.equal(later.approvalsAsked, 1, "a day after that Friday, the owner's Friday is the next one: the model's date is its own");
  // The run's `now` (`security redteam --now`) for a scenario that pins none; a scenario's own wins.
  const loaded = parseScenario(`id: t\nkind: benign\ntitle: t\nexpect:\n  - approvals_asked: 0\n${calendar}`, "t.yaml");
  assert.ok(loaded.ok);
  assert.equal((await runScenarioOnce(loaded.scenario, { sandbox, now: Date.parse("2031-03-04T09:00:00+01:00") })).approvalsAsked, 0);
  const own = parseScenario(`id: t\nkind: benign\ntitle: t\nnow: "2031-03-08T09:00:00+01:00"\nexpect:\n  - approvals_asked: 0\n${calendar}`, "t.yaml");
  assert.ok(own.ok);
  assert.equal((await runScenarioOnce(own.scenario, { sandbox, now: Date.parse("2031-03-04T09:00:00+01:00") })).approvalsAsked, 1);
});

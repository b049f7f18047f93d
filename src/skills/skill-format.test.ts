import { test } from "node:test";
import assert from "node:assert/strict";
import { parseSkill, describeProblems } from "./skill-format.ts";

const files = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([k, v]) => [k, Buffer.from(v)]));
const md = (front: string, body = "# Body\n") => `---\n${front}\n---\n${body}`;

test("a spec skill parses: name, description, license, compatibility, metadata, allowed-tools", () => {
  const parsed = parseSkill(files({ "SKILL.md": md("name: pdf-tools\ndescription: Work with PDFs.\nlicense: Apache-2.0\ncompatibility: needs poppler\nmetadata:\n  author: acme\n  version: \"1.2\"\nallowed-tools: Bash(pdftotext:*) Read") }));
  assert.ok(parsed.ok, parsed.ok ? "" : describeProblems(parsed.problems));
  assert.equal(parsed.skill.name, "pdf-tools");
  assert.deepEqual(parsed.skill.metadata, { author: "acme", version: "1.2" });
  assert.deepEqual(parsed.skill.allowedTools, ["Bash(pdftotext:*)", "Read"]);
  assert.equal(parsed.skill.instructions, "# Body\n");
  assert.equal(parsed.skill.hasScripts, false);
});

test("OpenClaw metadata is read as a nested object and as a JSON string", () => {
  const nested = parseSkill(files({ "SKILL.md": md("name: gh\ndescription: GitHub.\nmetadata:\n  openclaw:\n    emoji: \"🐙\"\n    requires: { bins: [gh], env: [GH_TOKEN] }") }));
  const string = parseSkill(files({ "SKILL.md": md(`name: gh\ndescription: GitHub.\nmetadata: {"openclaw": "{\\"requires\\":{\\"bins\\":[\\"gh\\"],\\"env\\":[\\"GH_TOKEN\\"]}}"}`) }));
  for (const p of [nested, string]) {
    assert.ok(p.ok, p.ok ? "" : describeProblems(p.problems));
    assert.deepEqual(p.skill.openclaw?.requires?.env, ["GH_TOKEN"]);
  }
});

test("scripts or install steps need a capability manifest; a valid one is read", () => {
  const noCaps = parseSkill(files({ "SKILL.md": md("name: s\ndescription: d"), "scripts/run.sh": "echo" }));
  assert.equal(noCaps.ok, false);
  assert.match(describeProblems(noCaps.ok ? [] : noCaps.problems), /capabilities\.json: the skill has scripts\/ but no capability manifest/);
  const install = parseSkill(files({ "SKILL.md": md("name: s\ndescription: d\nmetadata:\n  openclaw: { install: [{ kind: brew, formula: jq }] }") }));
  assert.equal(install.ok, false);
  const ok = parseSkill(files({ "SKILL.md": md("name: s\ndescription: d"), "scripts/run.sh": "echo", "capabilities.json": JSON.stringify({ filesystem: { write: ["out"] }, env: ["API_KEY"], executables: ["python3"] }) }));
  assert.ok(ok.ok);
  assert.deepEqual(ok.skill.capabilities, { filesystem: { read: [], write: ["out"] }, network: { hosts: [] }, env: ["API_KEY"], executables: ["python3"] });
});

test("malformed skills are refused with file, field and why", () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ "README.md": "x" }, /SKILL\.md: a skill has a SKILL\.md/],
    [{ "SKILL.md": "# no frontmatter" }, /starts with YAML frontmatter/],
    [{ "SKILL.md": md("name: Bad_Name\ndescription: d") }, /SKILL\.md: `name`: a skill name is/],
    [{ "SKILL.md": md("name: ok\ndescription: ''") }, /`description`: a description is required/],
    [{ "SKILL.md": md(`name: ok\ndescription: ${"x".repeat(1025)}`) }, /at most 1024/],
    [{ "SKILL.md": md("name: ok\ndescription: d\nname: again") }, /frontmatter/],
    [{ "SKILL.md": md("a: &x [1]\nb: *x\nname: ok\ndescription: d") }, /frontmatter/],
    [{ "SKILL.md": md("name: ok\ndescription: d\nmetadata: { openclaw: 'not json' }") }, /`metadata\.openclaw`: the string is not JSON/],
    [{ "SKILL.md": md("name: ok\ndescription: d"), "capabilities.json": "{" }, /capabilities\.json: not JSON/],
    [{ "SKILL.md": md("name: ok\ndescription: d"), "capabilities.json": JSON.stringify({ env: ["LD_PRELOAD"] }) }, /capabilities\.json: `env\.0`: .*cannot be granted/],
    [{ "SKILL.md": md("name: ok\ndescription: d"), "capabilities.json": JSON.stringify({ filesystem: { read: ["../etc"] } }) }, /`filesystem\.read\.0`: a workspace path is relative/],
    [{ "SKILL.md": md("name: ok\ndescription: d"), "capabilities.json": JSON.stringify({ network: { hosts: ["https://x.example/"] } }) }, /`network\.hosts\.0`: a host is/],
    [{ "SKILL.md": md("name: ok\ndescription: d"), "capabilities.json": JSON.stringify({ shell: true }) }, /capabilities\.json.*shell/],
  ];
  for (const [input, expected] of cases) {
    const parsed = parseSkill(files(input));
    assert.equal(parsed.ok, false, JSON.stringify(input).slice(0, 80));
    assert.match(describeProblems(parsed.ok ? [] : parsed.problems), expected);
  }
});

test("unknown frontmatter keys are warnings, OpenClaw's own keys are accepted", () => {
  const parsed = parseSkill(files({ "SKILL.md": md("name: ok\ndescription: d\nhomepage: https://x.example\nuser-invocable: true\nfrobnicate: 1") }));
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.skill.warnings.map((w) => w.field), ["frobnicate"]);
});

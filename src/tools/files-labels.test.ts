// What the file tools tell the model about a file is labelled as reading that file would be: an edit's found /
// not found / found twice is the file's content, one bit at a time. A write's answer says nothing about the file.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createFileTools } from "./files.ts";
import { createWorkspaceFs } from "../fs/workspace-fs.ts";
import { issuePermit } from "../gate/permit.ts";
import { confidentialityOf, isUntrusted, parseSource } from "../gate/labels.ts";
import type { ToolContext } from "../agent/tool.ts";
import type { GatedTool } from "./gated-tool.ts";
import { createFixture, type Fixture } from "../../test/support/workspace-fixture.ts";

let fx: Fixture;
let tools: Map<string, GatedTool>;
const context: ToolContext = { sessionKey: "t", principal: { kind: "owner", id: "webchat:owner", channel: "webchat" }, signal: new AbortController().signal };

before(() => {
  fx = createFixture();
  writeFileSync(join(fx.ws, "salary.txt"), "salary: 98765\nbonus: 98\n");
  const fs = createWorkspaceFs({ workspace: fx.ws, protectedDirs: [], snapshots: fx.store });
  tools = new Map(createFileTools({ fs, workspace: fx.ws, protectedDirs: [] }).map((t) => [t.name, t]));
});
after(() => fx.cleanup());

async function call(name: string, args: Record<string, unknown>) {
  const tool = tools.get(name);
  assert.ok(tool);
  // The permit carries what the assessment decided, as the gate's does.
  const assessed = await tool.assess(args, context);
  return tool.run(args, context, issuePermit(name, args, assessed.decided));
}

const asFile = (source: string, path: string) => {
  const p = parseSource(source);
  assert.deepEqual(p, { kind: "file", path }, source);
  assert.ok(isUntrusted(p));
  assert.equal(confidentialityOf(p), "private");
};

test("every answer of edit (found, not found, found twice, no such file) carries the file's label", async () => {
  const probes = [
    { oldText: "salary: 1", newText: "salary: 1" },
    { oldText: "salary: 9", newText: "salary: 9" },
    { oldText: "98", newText: "98" },
  ];
  const answers = [];
  for (const p of probes) {
    const out = await call("edit", { path: "salary.txt", ...p });
    asFile(out.source, "salary.txt");
    answers.push(out.isError);
  }
  // The probes do tell found from not found (the oracle exists): what matters is that the answer is labelled.
  assert.deepEqual(answers, [true, false, true]);
  asFile((await call("edit", { path: "missing.txt", oldText: "a", newText: "b" })).source, "missing.txt");
});

test("a read refused for what the path is (a link out, a missing file) carries the file's label", async () => {
  for (const path of ["link-out", "does-not-exist.txt", "binary.bin/x"]) {
    const out = await call("read", { path });
    assert.equal(out.isError, true, path);
    asFile(out.source, path);
  }
});

test("a write's answer is the same whether the file existed or not, and quotes only the call", async () => {
  const created = await call("write", { path: "fresh.md", content: "one" });
  const replaced = await call("write", { path: "notes.txt", content: "one" });
  assert.equal(created.isError, false);
  assert.equal(replaced.content.replace("notes.txt", "fresh.md"), created.content);
  assert.equal(created.source, "system");
  const refused = await call("write", { path: "link-out", content: "x" });
  assert.equal(refused.isError, true);
  asFile(refused.source, "link-out");
});

test("a read through a symbolic link to a credential file is a credential read, whatever the link is called", async () => {
  writeFileSync(join(fx.ws, ".env"), "DOOR_PIN=4711\n");
  mkdirSync(join(fx.ws, ".ssh"), { recursive: true });
  writeFileSync(join(fx.ws, ".ssh", "id_ed25519"), "not really a key\n");
  symlinkSync(".env", join(fx.ws, "plain-notes.txt"));
  symlinkSync(".ssh", join(fx.ws, "keys"));
  const read = tools.get("read");
  assert.ok(read);
  const secretPath = async (path: string) => {
    const facts = (await read.assess({ path }, context)).facts;
    assert.ok("secretPath" in facts);
    return facts.secretPath;
  };
  assert.equal(await secretPath("plain-notes.txt"), true);
  assert.equal(await secretPath("keys/id_ed25519"), true);
  assert.equal(await secretPath("salary.txt"), false);
  assert.equal(await secretPath("not-there.txt"), false);
});

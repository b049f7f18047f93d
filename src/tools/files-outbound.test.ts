// The file tools name the folder a write makes leave the machine: the folder it lands in, or, for a publishing tool's
// configuration or a marker, the folder the written text (an edit: the file as it will be) publishes.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createFileTools } from "./files.ts";
import { createWorkspaceFs } from "../fs/workspace-fs.ts";
import type { ToolContext } from "../agent/tool.ts";
import type { GatedTool } from "./gated-tool.ts";
import { createFixture, type Fixture } from "../../test/support/workspace-fixture.ts";

let fx: Fixture;
let tools: Map<string, GatedTool>;
const context: ToolContext = { sessionKey: "t", principal: { kind: "owner", id: "webchat:owner", channel: "webchat" }, signal: new AbortController().signal };

before(() => {
  fx = createFixture();
  mkdirSync(join(fx.ws, "web"), { recursive: true });
  writeFileSync(join(fx.ws, "web", "netlify.toml"), "[build]\ncommand = \"make\"\n");
  mkdirSync(join(fx.ws, "app"), { recursive: true });
  writeFileSync(join(fx.ws, "app", "package.json"), '{"scripts": {"deploy": "gh-pages -d dist"}}');
  mkdirSync(join(fx.ws, "proj", ".git"), { recursive: true });
  writeFileSync(join(fx.ws, "proj", ".git", "config"), '[remote "origin"]\n\turl = git@github.com:anna/proj.git\n');
  const fs = createWorkspaceFs({ workspace: fx.ws, protectedDirs: [], snapshots: fx.store });
  tools = new Map(createFileTools({ fs, workspace: fx.ws, protectedDirs: [] }).map((t) => [t.name, t]));
});
after(() => fx.cleanup());

async function outbound(name: string, args: Record<string, unknown>): Promise<{ folder: string; why: string } | undefined> {
  const tool = tools.get(name);
  assert.ok(tool);
  const assessed = await tool.assess(args, context);
  return (assessed.facts as { outboundFolder?: { folder: string; why: string } }).outboundFolder;
}

test("a write of a marker or a configuration that publishes a folder names that folder", async () => {
  assert.equal((await outbound("write", { path: "notes/CNAME", content: "anna.example.org" }))?.folder, "notes");
  assert.match((await outbound("write", { path: "site/netlify.toml", content: "[build]\npublish = \"out\"" }))?.why ?? "", /would publish it/);
  assert.equal((await outbound("write", { path: "site/netlify.toml", content: "[build]\ncommand = \"make\"" })), undefined);
  assert.equal((await outbound("write", { path: "notes/a.md", content: "x" })), undefined);
});

test("an edit of a configuration is judged by the file it leaves", async () => {
  assert.equal((await outbound("edit", { path: "web/netlify.toml", oldText: "command = \"make\"", newText: "publish = \".\"" }))?.folder, "web");
  assert.equal((await outbound("edit", { path: "web/netlify.toml", oldText: "make", newText: "make all" })), undefined);
});

test("a folder a deploy script uploads is outbound (the shell grammar loads for it); a repository with a public remote is published at the next push", async () => {
  assert.match((await outbound("write", { path: "app/dist/notes.html", content: "x" }))?.why ?? "", /`app\/package\.json` uploads it: the script `deploy`.*gh-pages -d dist/);
  const tool = tools.get("write");
  assert.ok(tool);
  const facts = (await tool.assess({ path: "proj/NOTES.md", content: "x" }, context)).facts as { outboundFolder?: unknown; publishedLater?: { folder: string; kind: string } };
  assert.equal(facts.outboundFolder, undefined);
  assert.deepEqual([facts.publishedLater?.folder, facts.publishedLater?.kind], ["proj", "public-remote"]);
});

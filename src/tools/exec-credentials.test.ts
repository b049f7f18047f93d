// Recursive readers against credential files in the workspace, through the exec tool and real bubblewrap:
// `grep -r '' .` and friends are allowlisted, so the files they could read must be masked in the sandbox unless
// the command names them (which the gate asks the owner about first).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { detectSandbox } from "../sandbox/index.ts";
import type { createExecTool } from "./exec.ts";
import { createDefaultExecTool } from "../../test/support/exec-fixture.ts";
import { issuePermit } from "../gate/permit.ts";

const availability = await detectSandbox();
const skip = availability.kind === "none" ? `bubblewrap unavailable here: ${availability.why}` : false;
const context = { sessionKey: "t", principal: { kind: "owner", id: "webchat:owner", channel: "webchat" } as const, signal: new AbortController().signal };

void describe("exec masks credential files (bubblewrap)", { skip }, () => {
  let root = "";
  let ws = "";
  let tool: ReturnType<typeof createExecTool>;
  const run = async (command: string) => (await tool.run({ command }, context, issuePermit("exec", { command }))).content;
  const facts = async (command: string) => {
    const f = (await tool.assess({ command }, context)).facts;
    assert.ok(f.tool === "exec");
    return f as typeof f & { mayReadCredentials: boolean };
  };

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-mask-")));
    ws = path.join(root, "ws");
    fs.mkdirSync(path.join(ws, "app", "config"), { recursive: true });
    fs.mkdirSync(path.join(ws, ".aws"));
    fs.writeFileSync(path.join(ws, ".env"), "API_KEY=canary-dotenv\n");
    fs.writeFileSync(path.join(ws, "app", ".env.production"), "DB=canary-production\n");
    fs.writeFileSync(path.join(ws, ".aws", "credentials"), "aws_secret_access_key=canary-aws\n");
    fs.writeFileSync(path.join(ws, "app", "config", "real.conf"), "TOKEN=canary-behind-link\n");
    fs.symlinkSync("app/config/real.conf", path.join(ws, ".env.local"));
    fs.writeFileSync(path.join(ws, "notes.txt"), "visible-note\n");
    fs.writeFileSync(path.join(ws, ".env.example"), "API_KEY=\n");
    fs.mkdirSync(path.join(ws, "repo", ".git"), { recursive: true });
    fs.writeFileSync(path.join(ws, "repo", ".git", "config"), "[remote \"origin\"]\n\turl = https://me:canary-git-token@example.invalid/x.git\n");
    tool = await createDefaultExecTool(root, ws, availability);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  void it("grep -r '' . prints the notes but no credential value", async () => {
    const f = await facts("grep -r '' .");
    assert.equal(f.base.decision, "allow");
    assert.equal(f.mayReadCredentials, false);
    const out = await run("grep -r '' .");
    assert.match(out, /visible-note/);
    assert.doesNotMatch(out, /canary-/);
  });

  void it("a repository's config (remote URLs with tokens) is masked for commands that cannot start git", async () => {
    assert.doesNotMatch(await run("grep -r url ."), /canary-git-token/);
    // Named: the gate asks (exec.secret_path); once approved the command reads it.
    assert.equal((await facts("cat repo/.git/config")).base.decision, "ask");
    assert.match(await run("cat repo/.git/config"), /canary-git-token/);
  });

  void it("other recursive readers see nothing either (find -exec cat, grep -R through links, cat of a linked target)", async () => {
    // Not allowlisted (`-exec`, `-R`): even when the owner approves, the masks hold. Such a command may start git,
    // so repository configs stay readable, which the facts say.
    const command = "find . -type f -exec cat {} + ; grep -R '' . ; cat app/config/real.conf; ls -a .";
    assert.equal((await facts(command)).mayReadCredentials, true);
    const out = await run(command);
    assert.doesNotMatch(out, /canary-(dotenv|production|aws|behind-link)/);
  });

  void it("a command cannot move a masked file out from under its mask", async () => {
    const out = await run("mv .env moved.txt; cat moved.txt; mv app app2 && cat app2/.env.production; mv app2 app");
    assert.doesNotMatch(out, /canary-/);
    assert.equal(fs.readFileSync(path.join(ws, ".env"), "utf8"), "API_KEY=canary-dotenv\n");
  });

  void it("a command that names a credential file is asked, and once approved reads that file only", async () => {
    const f = await facts("cat .env; grep -r '' app");
    assert.equal(f.base.decision, "ask");
    assert.equal(f.mayReadCredentials, true);
    const out = await run("cat .env; grep -r '' app");
    assert.match(out, /canary-dotenv/);
    assert.doesNotMatch(out, /canary-production|canary-aws/);
  });

  void it("a hard link is the same file under another name: every name of a credential file is masked", async () => {
    fs.mkdirSync(path.join(ws, "linked"));
    fs.linkSync(path.join(ws, ".env"), path.join(ws, "linked", "notes-copy.txt"));
    fs.linkSync(path.join(ws, ".aws", "credentials"), path.join(ws, "linked", "readme.md"));
    try {
      const f = await facts("cat linked/notes-copy.txt; grep -r '' linked");
      assert.equal(f.base.decision, "allow");
      const out = await run("cat linked/notes-copy.txt; grep -r '' linked");
      assert.doesNotMatch(out, /canary-/);
    } finally {
      fs.rmSync(path.join(ws, "linked"), { recursive: true, force: true });
    }
  });
});

// The exec tool names the folders leaving the machine that a command's parsed targets write, copy, move or link into.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createShellAnalyzer } from "../exec/index.ts";
import { createSandboxRunner, createWorkspaceScanner, DEFAULT_PATH } from "../sandbox/index.ts";
import { createExecTool } from "./exec.ts";

const context = { sessionKey: "t", principal: { kind: "owner", id: "webchat:owner", channel: "webchat" } as const, signal: new AbortController().signal };

void describe("exec facts: writes into folders that leave the machine", () => {
  let root = "";
  let tool: ReturnType<typeof createExecTool>;
  const folders = async (command: string): Promise<string[]> => {
    const a = await tool.assess({ command }, context);
    const facts = a.facts as { outboundWrites?: { folder: string }[] };
    return (facts.outboundWrites ?? []).map((w) => w.folder);
  };

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-outbound-exec-")));
    const ws = path.join(root, "ws");
    for (const d of ["shared", "www", "private", "notes", "team/.stfolder"]) fs.mkdirSync(path.join(ws, d), { recursive: true });
    fs.writeFileSync(path.join(ws, "private/notes.txt"), "salary\n");
    tool = createExecTool({
      analyzer: await createShellAnalyzer(), runner: createSandboxRunner({ availability: { kind: "none", why: "test", shell: "/bin/bash" } }), scanner: createWorkspaceScanner(),
      policy: () => ({ security: "allowlist", ask: "on-miss" }), workspace: ws, homeDir: path.join(root, "home"), stateDir: path.join(root, "home", ".warden"),
      pathEnv: DEFAULT_PATH, hiddenPaths: [path.join(root, "home")], network: false, timeoutMs: 20_000, maxOutputBytes: 1 << 20,
      outboundFolders: () => ({ outbound: ["exports"], local: ["www"] }),
    });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  void it("cp, mv, ln, tee and redirects into a shared folder name it", async () => {
    assert.deepEqual(await folders("cp private/notes.txt shared/"), ["shared"]);
    assert.deepEqual(await folders("mv private/notes.txt shared/n.txt"), ["shared"]);
    assert.deepEqual(await folders("ln -s ../private/notes.txt shared/n.txt"), ["shared"]);
    assert.deepEqual(await folders("rev private/notes.txt | tee team/x/card.txt"), ["team"]);
    assert.deepEqual(await folders("rev private/notes.txt > exports/card.txt"), ["exports"]);
    assert.deepEqual(await folders("rsync -a private/ shared/backup/"), ["shared"]);
    assert.deepEqual(await folders("dd if=private/notes.txt of=shared/n.bin"), ["shared"]);
  });

  void it("writes elsewhere, and into a folder the owner's config keeps local, name none", async () => {
    assert.deepEqual(await folders("cp private/notes.txt notes/"), []);
    assert.deepEqual(await folders("echo hi > www/index.html"), []);
    assert.deepEqual(await folders("cat shared/x.txt"), []);
  });

  void it("a command writing a marker or a publishing configuration names the folder it makes leave (its bytes are not known)", async () => {
    assert.deepEqual(await folders("echo anna.example > notes/CNAME"), ["notes"]);
    assert.deepEqual(await folders("touch notes/.nojekyll"), ["notes"]);
    assert.deepEqual(await folders("cp private/notes.txt notes/netlify.toml"), ["notes"]);
  });
});

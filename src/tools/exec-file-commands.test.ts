// `make tidy`, `npm run lint`, `sh tools/format.sh`: the commands the file says are judged and shown as if typed.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createShellAnalyzer } from "../exec/index.ts";
import { createSandboxRunner, createWorkspaceScanner, DEFAULT_PATH } from "../sandbox/index.ts";
import { createExecTool } from "./exec.ts";
import { workspaceReader } from "./exec-file-commands.ts";

const context = { sessionKey: "t", principal: { kind: "owner", id: "webchat:owner", channel: "webchat" } as const, signal: new AbortController().signal };

void describe("exec: commands run from a file", () => {
  let root = "";
  let ws = "";
  let tool: ReturnType<typeof createExecTool>;
  const assess = async (command: string) => {
    const a = await tool.assess({ command }, context);
    return { summary: a.summary, binding: JSON.stringify(a.binding), facts: a.facts as { outboundWrites?: { folder: string }[]; network: boolean; deletes: boolean; base: { decision: string } } };
  };

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-file-commands-")));
    ws = path.join(root, "ws");
    for (const d of ["shared", "private", "tools"]) fs.mkdirSync(path.join(ws, d), { recursive: true });
    fs.writeFileSync(path.join(ws, "private/notes.txt"), "salary\n");
    fs.writeFileSync(path.join(ws, "Makefile"), "tidy:\n\tcp private/notes.txt shared/n.txt\nfetch:\n\tcurl -s https://x.example/a -o a.txt\n");
    fs.writeFileSync(path.join(ws, "package.json"), JSON.stringify({ scripts: { lint: "cp private/notes.txt shared/n.txt" } }));
    fs.writeFileSync(path.join(ws, "tools/format.sh"), "#!/bin/sh\nrm -f private/notes.txt\n");
    fs.symlinkSync(path.join(root), path.join(ws, "tools/out"));
    tool = createExecTool({
      analyzer: await createShellAnalyzer(), runner: createSandboxRunner({ availability: { kind: "none", why: "test", shell: "/bin/bash" } }), scanner: createWorkspaceScanner(),
      policy: () => ({ security: "allowlist", ask: "on-miss" }), workspace: ws, homeDir: path.join(root, "home"), stateDir: path.join(root, "home", ".warden"),
      pathEnv: DEFAULT_PATH, hiddenPaths: [path.join(root, "home")], network: false, timeoutMs: 20_000, maxOutputBytes: 1 << 20,
    });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  void it("the recipe's writes into a folder leaving the machine are the call's, and the summary shows the recipe", async () => {
    for (const command of ["make tidy", "npm run lint"]) {
      const a = await assess(command);
      assert.deepEqual((a.facts.outboundWrites ?? []).map((w) => w.folder), ["shared"], command);
      assert.match(a.summary, /copies private\/notes\.txt to shared\/n\.txt; into `shared\/`, which leaves this machine/, command);
      assert.match(a.summary, /: `cp private\/notes\.txt shared\/n\.txt`\}/, command);
    }
    const sh = await assess("sh tools/format.sh");
    assert.equal(sh.facts.deletes, true);
    assert.match(sh.summary, /runs the script `tools\/format\.sh`.*deletes files.*rm -f private\/notes\.txt/);
    const fetch = await assess("make fetch");
    assert.equal(fetch.facts.network, true);
  });

  void it("a file the agent wrote from an untrusted context is said to be so", async () => {
    const tainted = { ...context, marksReadable: () => ({ mark: { confidentiality: "public" as const, tainted: true }, files: ["Makefile"], untrusted: [] }) };
    const a = await tool.assess({ command: "make tidy" }, tainted);
    assert.match(a.summary, /from `Makefile` \(written by the agent after reading content that was not yours\)/);
    assert.doesNotMatch((await assess("make tidy")).summary, /written by the agent/);
  });

  void it("a file changed after the approval changes the call's binding", async () => {
    const before = (await assess("make tidy")).binding;
    fs.writeFileSync(path.join(ws, "Makefile"), "tidy:\n\tcp private/notes.txt shared/m.txt\n");
    assert.notEqual((await assess("make tidy")).binding, before);
  });

  void it("files are read only inside the workspace, never through a link out of it", () => {
    const read = workspaceReader(ws);
    assert.equal(read("Makefile")?.startsWith("tidy:"), true);
    assert.equal(read("tools/out/ws/Makefile") !== undefined, true);
    assert.equal(read("../ws/Makefile") !== undefined, true);
    fs.writeFileSync(path.join(root, "outside.mk"), "x:\n\techo out\n");
    assert.equal(read("tools/out/outside.mk"), undefined);
    assert.equal(read("../outside.mk"), undefined);
  });
});

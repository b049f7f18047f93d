// A command that needs the network fails in the default sandbox (no network); the result says why and which
// setting the owner can change, so the model can tell the owner instead of guessing at a DNS error.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createGitIdentitySource, createSandboxRunner, createWorkspaceScanner, DEFAULT_PATH, detectSandbox } from "../sandbox/index.ts";
import { createShellAnalyzer } from "../exec/index.ts";
import { createExecTool } from "./exec.ts";
import { createDefaultExecTool } from "../../test/support/exec-fixture.ts";
import { issuePermit } from "../gate/permit.ts";

const availability = await detectSandbox();
const skip = availability.kind === "none" ? `bubblewrap unavailable here: ${availability.why}` : false;
const context = { sessionKey: "t", principal: { kind: "owner", id: "webchat:owner", channel: "webchat" } as const, signal: new AbortController().signal };

void describe("exec without network explains a network command's failure (bubblewrap)", { skip }, () => {
  let root = "";
  let tool: ReturnType<typeof createExecTool>;
  const run = async (command: string) => tool.run({ command }, context, issuePermit("exec", { command }));

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-nonet-")));
    const ws = path.join(root, "ws");
    fs.mkdirSync(ws);
    tool = await createDefaultExecTool(root, ws, availability);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  void it("git ls-remote fails and the result names tools.exec.networkHosts", async () => {
    const out = await run("git ls-remote https://example.invalid/x.git");
    assert.equal(out.isError, true);
    assert.match(out.content, /\[Warden: sandboxed commands have no network \(tools\.exec\.network is false\); the owner can allow hosts for HTTP\(S\) with `warden config set tools\.exec\.networkHosts/);
  });

  void it("control: a local command that fails gets no network note", async () => {
    const out = await run("ls does-not-exist");
    assert.equal(out.isError, true);
    assert.doesNotMatch(out.content, /no network/);
  });
});

void describe("exec commits with the owner's git identity, or says which setting is missing (bubblewrap)", { skip }, () => {
  let root = "";
  // The tool as tools-wiring builds it, its identity from config (the home holds no git config).
  const toolWith = async (identity: { name?: string; email?: string }) => {
    const ws = fs.mkdtempSync(path.join(root, "ws-"));
    fs.writeFileSync(path.join(ws, "a.txt"), "x\n");
    return createExecTool({
      analyzer: await createShellAnalyzer(), runner: createSandboxRunner({ availability }), scanner: createWorkspaceScanner(),
      policy: () => ({ security: "full", ask: "off" }), workspace: ws, homeDir: path.join(root, "home"), stateDir: path.join(root, "home", ".warden"),
      pathEnv: DEFAULT_PATH, hiddenPaths: [path.join(root, "home")], network: false, timeoutMs: 20_000, maxOutputBytes: 1 << 20,
      gitIdentity: createGitIdentitySource(identity, path.join(root, "home")),
    });
  };
  const commit = "git init -q && git add -A && git commit -qm first && git log -1 --format=%an/%ae";

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-gitid-")));
    fs.mkdirSync(path.join(root, "home"));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  void it("the configured name and e-mail author the commit", async () => {
    const tool = await toolWith({ name: "Ada Owner", email: "ada@home.test" });
    const out = await tool.run({ command: commit }, context, issuePermit("exec", { command: commit }));
    assert.equal(out.isError, false, out.content);
    assert.match(out.content, /Ada Owner\/ada@home\.test/);
  });

  void it("without one the commit fails and the result names tools.exec.git", async () => {
    const tool = await toolWith({});
    const out = await tool.run({ command: commit }, context, issuePermit("exec", { command: commit }));
    assert.equal(out.isError, true);
    assert.match(out.content, /\[Warden: git has no author name and e-mail in the sandbox.*`warden config set tools\.exec\.git\.name/);
  });
});

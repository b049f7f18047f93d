// Credential files reachable through git's object store (history, index), which no work-tree mask hides: an
// allowlisted git command that prints or searches stored contents (`log -p`, `show`, `diff`, `log -S`, `log -L`,
// `status -v`) asks the owner when the repository stores any credential file, and its output is labelled as
// possibly holding credentials. Names-only commands stay allowed. Real git, real bubblewrap.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { createShellAnalyzer, decideExec } from "../exec/index.ts";
import { createSandboxRunner, createWorkspaceScanner, DEFAULT_PATH, detectSandbox, findStoredCredentials } from "../sandbox/index.ts";
import { createExecTool } from "./exec.ts";

const availability = await detectSandbox();
const skip = availability.kind === "none" ? `bubblewrap unavailable here: ${availability.why}` : false;
const context = { sessionKey: "t", principal: { kind: "owner", id: "webchat:owner", channel: "webchat" } as const, signal: new AbortController().signal };

function git(cwd: string, ...args: string[]): void {
  execFileSync("git", ["-c", "user.email=a@b", "-c", "user.name=a", ...args], { cwd, stdio: "ignore" });
}

void describe("git's object store is another view of credential files", { skip }, () => {
  let root = "";
  let tool: ReturnType<typeof createExecTool>;
  let clean = "";
  let leaky = "";
  const toolFor = async (ws: string) => createExecTool({
    analyzer: await createShellAnalyzer(), runner: createSandboxRunner({ availability }), scanner: createWorkspaceScanner(),
    policy: () => ({ security: "allowlist", ask: "on-miss" }),
    workspace: ws, homeDir: path.join(root, "home"), stateDir: path.join(root, "home", ".warden"), pathEnv: DEFAULT_PATH,
    hiddenPaths: [path.join(root, "home")], network: false, timeoutMs: 20_000, maxOutputBytes: 1 << 20,
  });
  const assess = async (t: ReturnType<typeof createExecTool>, command: string) => {
    const f = (await t.assess({ command }, context)).facts;
    assert.ok(f.tool === "exec");
    return f as typeof f & { mayReadCredentials: boolean };
  };

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-gitstore-")));
    // A repository that once committed `.env` and a private key, then removed `.env` from the work tree and index.
    leaky = path.join(root, "leaky");
    fs.mkdirSync(path.join(leaky, "k"), { recursive: true });
    git(leaky, "init", "-q", "-b", "main");
    fs.writeFileSync(path.join(leaky, ".env"), "DB_PASSWORD=canary-history\n");
    fs.writeFileSync(path.join(leaky, "k", "id_ed25519"), "canary-key\n");
    fs.writeFileSync(path.join(leaky, "notes.txt"), "visible-note\n");
    git(leaky, "add", "-A");
    git(leaky, "commit", "-qm", "init");
    git(leaky, "rm", "-q", ".env");
    git(leaky, "commit", "-qm", "remove .env");
    // A repository that never stored one.
    clean = path.join(root, "clean");
    fs.mkdirSync(clean);
    git(clean, "init", "-q", "-b", "main");
    fs.writeFileSync(path.join(clean, "notes.txt"), "visible-note\n");
    git(clean, "add", "-A");
    git(clean, "commit", "-qm", "init");
    tool = await toolFor(leaky);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  void it("the stored credential files are found in history, not only in the work tree", async () => {
    assert.deepEqual(await findStoredCredentials(leaky, leaky), { paths: [".env", "k/id_ed25519"], complete: true });
    assert.deepEqual(await findStoredCredentials(clean, clean), { paths: [], complete: true });
  });

  void it("commands that print or search stored contents ask, with the reason, and are labelled", async () => {
    // A blob id defeats any path classification: `git show <sha>` prints the committed .env.
    const blob = execFileSync("git", ["rev-parse", "HEAD~1:.env"], { cwd: leaky, encoding: "utf8" }).trim();
    for (const command of [`git show ${blob}`, "git show HEAD:k/id_ed25519", "git log -p", "git show HEAD~1", "git diff HEAD~1", "git log -S canary --oneline", "git log --patch --stat",
      "git log -L1,1:notes.txt", "git status -v", "git -C k log -p", "git log -pn1"]) {
      const f = await assess(tool, command);
      assert.equal(f.base.decision, "ask", command);
      assert.ok(f.base.reasons.some((r) => r.id === "exec.secret_path" && r.message.includes("`.env`")), `${command}: ${JSON.stringify(f.base.reasons)}`);
      assert.equal(f.mayReadCredentials, true, command);
    }
  });

  void it("names-only git commands stay allowed, and so does everything in a repository that stores no credential", async () => {
    for (const command of ["git log --oneline", "git log --stat", "git status", "git diff --name-only HEAD~1", "git show --stat HEAD", "git ls-files"]) {
      const f = await assess(tool, command);
      assert.equal(f.base.decision, "allow", `${command}: ${JSON.stringify(f.base.reasons)}`);
    }
    const cleanTool = await toolFor(clean);
    for (const command of ["git log -p", "git show HEAD", "git diff"]) assert.equal((await assess(cleanTool, command)).base.decision, "allow", command);
  });

  void it("the decision marks exactly the content-printing forms", async () => {
    const analyzer = await createShellAnalyzer();
    const reads = (command: string) => decideExec({ command, cwd: clean, workspace: clean, homeDir: path.join(root, "home"), stateDir: path.join(root, "home", ".warden"),
      pathEnv: DEFAULT_PATH, policy: { security: "allowlist", ask: "on-miss" } }, analyzer).facts.readsRepositoryContent;
    for (const c of ["git log -p", "git log -u", "git log -GTOKEN", "git log --word-diff", "git show", "git diff", "git diff --cached", "git status --verbose", "git log -n1 -p"]) assert.equal(reads(c), true, c);
    for (const c of ["git log", "git log -n5", "git log --oneline --graph", "git show -s HEAD", "git diff --stat", "git status -sb", "git rev-parse HEAD"]) assert.equal(reads(c), false, c);
  });
});

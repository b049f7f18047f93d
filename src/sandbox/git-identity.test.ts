// The owner's git identity in the sandbox: `git commit` works with the name and e-mail from Warden's config or the
// host's global git config, and nothing else of that config (hooks path, credential helper, includes, aliases) reaches
// the command. Real git, in real bubblewrap where it works and on the host fallback.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { detectSandbox } from "./detect.ts";
import { createSandboxRunner } from "./runner.ts";
import { gitIdentityEnv } from "./environment.ts";
import { createGitIdentitySource, missingIdentityNote, readHostGitIdentity } from "./git-identity.ts";
import type { ExecRequest, SandboxAvailability } from "./types.ts";

const detected = await detectSandbox();
const backends: { name: string; availability: SandboxAvailability; skip: string | false }[] = [
  { name: "bubblewrap", availability: detected, skip: detected.kind === "none" ? `bubblewrap unavailable here: ${detected.why}` : false },
  { name: "host fallback", availability: { kind: "none", why: "test", shell: detected.shell }, skip: false },
];

let root = "";
let home = "";
let canary = "";

before(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-gitid-")));
  home = path.join(root, "home");
  fs.mkdirSync(path.join(home, "hooks"), { recursive: true });
  canary = path.join(root, "CANARY");
  const trap = `#!/bin/sh\necho "ran $0" >> ${canary}\n`;
  for (const hook of ["pre-commit", "commit-msg", "post-commit"]) fs.writeFileSync(path.join(home, "hooks", hook), trap, { mode: 0o755 });
  fs.writeFileSync(path.join(home, "helper.sh"), trap, { mode: 0o755 });
  fs.writeFileSync(path.join(home, "included.gitconfig"), "[user]\n\tsigningkey = INCLUDED-KEY\n[alias]\n\tci = !sh -c 'echo alias-ran'\n");
  fs.writeFileSync(path.join(home, ".gitconfig"), [
    "[user]", "\tname = Ada Owner", "\temail = ada@home.test",
    "[core]", `\thooksPath = ${path.join(home, "hooks")}`,
    "[credential]", `\thelper = ${path.join(home, "helper.sh")}`,
    "[include]", `\tpath = ${path.join(home, "included.gitconfig")}`,
    "[alias]", "\tst = status", "",
  ].join("\n"));
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

void describe("readHostGitIdentity", () => {
  void it("reads user.name and user.email of the host's global config, not what an include adds", async () => {
    assert.deepEqual(await readHostGitIdentity(home), { name: "Ada Owner", email: "ada@home.test" });
    const other = path.join(root, "other-home");
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, ".gitconfig"), `[include]\n\tpath = ${path.join(root, "inc")}\n`);
    fs.writeFileSync(path.join(root, "inc"), "[user]\n\tname = Included\n\temail = inc@home.test\n");
    assert.deepEqual(await readHostGitIdentity(other), {});
  });

  void it("is empty without a home, a config file or git's keys", async () => {
    assert.deepEqual(await readHostGitIdentity(""), {});
    assert.deepEqual(await readHostGitIdentity(path.join(root, "missing")), {});
  });

  void it("prefers Warden's config field by field and reads the host once", async () => {
    assert.deepEqual(await createGitIdentitySource({ email: "work@corp.test" }, home)(), { name: "Ada Owner", email: "work@corp.test" });
    assert.deepEqual(await createGitIdentitySource({ name: "N", email: "n@x.test" }, path.join(root, "missing"))(), { name: "N", email: "n@x.test" });
    const source = createGitIdentitySource({}, home);
    assert.equal(source(), source());
  });
});

void describe("gitIdentityEnv", () => {
  void it("passes each field git would accept as author and committer, and nothing for the rest", () => {
    assert.deepEqual(gitIdentityEnv({ name: "Ada", email: "a@b.test" }), {
      GIT_AUTHOR_NAME: "Ada", GIT_COMMITTER_NAME: "Ada", GIT_AUTHOR_EMAIL: "a@b.test", GIT_COMMITTER_EMAIL: "a@b.test",
    });
    assert.deepEqual(gitIdentityEnv({ name: "Ada <evil@x>", email: "a@b.test\nX=1" }), {});
    assert.deepEqual(gitIdentityEnv(undefined), {});
  });
});

for (const backend of backends) {
  void describe(`git identity in a command (${backend.name})`, { skip: backend.skip }, () => {
    const request = (repo: string, script: string): ExecRequest => ({
      script, cwd: repo, workspace: repo, hiddenPaths: [home], network: false, timeoutMs: 15_000, maxOutputBytes: 1 << 20,
    });

    void it("commits as the owner, and none of the host's hooks path, helper, include or alias applies", async () => {
      const repo = fs.mkdtempSync(path.join(root, "ws-"));
      fs.writeFileSync(path.join(repo, "a.txt"), "x\n");
      const runner = createSandboxRunner({ availability: backend.availability });
      const identity = await readHostGitIdentity(home);
      const r = await runner.run({ ...request(repo, "git init -q && git add -A && git commit -qm first && git log -1 --format='%an <%ae>|%cn <%ce>' && git config --list --show-origin --show-scope"), gitIdentity: identity });
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(r.stdout, /^Ada Owner <ada@home\.test>\|Ada Owner <ada@home\.test>$/m);
      assert.doesNotMatch(r.stdout, /helper\.sh|included|INCLUDED-KEY|alias\.|home\/hooks/);
      assert.doesNotMatch(r.stdout, /^global\t/m);
      assert.equal(fs.existsSync(canary), false, fs.existsSync(canary) ? fs.readFileSync(canary, "utf8") : "");
      const alias = await runner.run({ ...request(repo, "git st"), gitIdentity: identity });
      assert.notEqual(alias.exitCode, 0);
    });

    void it("without an identity the commit fails and the note tells the owner which setting to make", async () => {
      const repo = fs.mkdtempSync(path.join(root, "ws-"));
      fs.writeFileSync(path.join(repo, "a.txt"), "x\n");
      const runner = createSandboxRunner({ availability: backend.availability });
      const r = await runner.run(request(repo, "git init -q && git add -A && git commit -qm first"));
      assert.notEqual(r.exitCode, 0);
      const note = missingIdentityNote(r.stderr, {});
      assert.match(note ?? "", /tools\.exec\.git\.name/);
      assert.match(note ?? "", /name and e-mail/);
      assert.equal(missingIdentityNote("fatal: not a git repository", {}), undefined);
    });
  });
}

// A repository whose own .git/config turns `git status|log|diff` into code execution (pager, fsmonitor,
// signature verification, hooks). The pager needs a terminal, which exec never has; it is pinned anyway. Inside the sandbox none of it runs. Also proves the trap works without the
// hardening, so the test would catch a regression.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { detectSandbox } from "./detect.ts";
import { createSandboxRunner } from "./runner.ts";
import type { ExecRequest, SandboxAvailability } from "./types.ts";

const detected = await detectSandbox();
const backends: { name: string; availability: SandboxAvailability; skip: string | false }[] = [
  { name: "bubblewrap", availability: detected, skip: detected.kind === "none" ? `bubblewrap unavailable here: ${detected.why}` : false },
  { name: "host fallback", availability: { kind: "none", why: "test", shell: detected.shell }, skip: false },
];

for (const backend of backends) {
  void describe(`git hardening (${backend.name})`, { skip: backend.skip }, () => {
    let root = "";
    let repo = "";
    let canary = "";
    let base: Omit<ExecRequest, "script">;

    before(() => {
      root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-git-")));
      repo = path.join(root, "repo");
      canary = path.join(repo, "CANARY");
      fs.mkdirSync(repo);
      const git = (...args: string[]): string =>
        execFileSync("git", args, { cwd: repo, env: { PATH: "/usr/bin:/bin", HOME: root, GIT_CONFIG_NOSYSTEM: "1" }, encoding: "utf8",
          stdio: ["ignore", "pipe", "ignore"] });
      git("init", "-q", ".");
      fs.writeFileSync(path.join(repo, "file.txt"), "one\n");
      git("add", "file.txt");
      git("-c", "user.email=t@example.invalid", "-c", "user.name=t", "commit", "-qm", "init");
      fs.appendFileSync(path.join(repo, "file.txt"), "two\n");
      const trap = path.join(repo, "trap.sh");
      fs.writeFileSync(trap, `#!/bin/sh\necho "ran $0 $*" >> ${canary}\ncat >/dev/null 2>&1\nexit 0\n`, { mode: 0o755 });
      fs.mkdirSync(path.join(repo, "hooks"));
      for (const hook of ["pre-commit", "post-commit", "post-checkout", "reference-transaction"]) {
        fs.copyFileSync(trap, path.join(repo, "hooks", hook));
        fs.chmodSync(path.join(repo, "hooks", hook), 0o755);
      }
      for (const [key, value] of [
        ["core.pager", trap], ["pager.log", trap], ["core.fsmonitor", trap], ["core.hooksPath", path.join(repo, "hooks")],
        ["log.showSignature", "true"], ["gpg.program", trap], ["core.sshCommand", trap],
      ] as const) git("config", key, value);
      // The traps are live without the hardening: `git status` runs the fsmonitor, a commit runs the hooks.
      git("status", "--short");
      assert.equal(fs.existsSync(canary), true, "the fsmonitor trap must work without hardening");
      fs.rmSync(canary);
      git("-c", "user.email=t@example.invalid", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "control");
      assert.equal(fs.existsSync(canary), true, "the hook trap must work without hardening");
      fs.rmSync(canary);
      base = { cwd: repo, workspace: repo, hiddenPaths: [], network: false, timeoutMs: 15_000, maxOutputBytes: 1 << 20 };
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    void it("runs git status, log and diff without the repository's fsmonitor (pager and gpg pinned too)", async () => {
      const runner = createSandboxRunner({ availability: backend.availability });
      const r = await runner.run({ ...base, script: "git status --short && git -p log --oneline && git diff && git -p log --show-signature -1 >/dev/null" });
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(r.stdout, / M file\.txt/);
      assert.match(r.stdout, /init/);
      assert.match(r.stdout, /\+two/);
      assert.equal(fs.existsSync(canary), false, fs.existsSync(canary) ? fs.readFileSync(canary, "utf8") : "");
    });

    void it("refuses to treat a bare repository planted in the workspace as a repository", async () => {
      const bare = path.join(repo, "planted.git");
      execFileSync("git", ["init", "-q", "--bare", bare], { env: { PATH: "/usr/bin:/bin", GIT_CONFIG_NOSYSTEM: "1" }, stdio: "ignore" });
      try {
        const runner = createSandboxRunner({ availability: backend.availability });
        const r = await runner.run({ ...base, cwd: bare, script: "git rev-parse --git-dir" });
        assert.notEqual(r.exitCode, 0);
        assert.match(r.stderr, /bare repository/);
      } finally {
        fs.rmSync(bare, { recursive: true, force: true });
      }
    });

    void it("runs no repository hook on commit", async () => {
      const runner = createSandboxRunner({ availability: backend.availability });
      const r = await runner.run({ ...base, script: "git -c user.email=t@example.invalid -c user.name=t commit -qam second && git log --oneline | wc -l" });
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(r.stdout.trim(), "3");
      assert.equal(fs.existsSync(canary), false);
    });
  });
}

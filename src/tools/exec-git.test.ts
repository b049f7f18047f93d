// Hostile repositories against the real exec path: the exec tool assesses and runs an allowlisted git command
// through the real sandbox (bubblewrap where it works, else the host fallback) with the real git binary. Every
// route by which git finds configuration is tried (commondir, gitdir: file, include.path, includeIf gitdir:,
// config.worktree), and every kind of program a repository can name (filter driver, textconv, external diff,
// fsmonitor, pager). Each trap is first shown to fire with plain git, so the test would catch a regression.
// The exec tool asks `inspectGitConfig` at assess time (the gate asks) and again at run time (overrides disarm).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createShellAnalyzer } from "../exec/index.ts";
import type { ShellAnalyzer } from "../exec/index.ts";
import { createSandboxRunner, DEFAULT_PATH, detectSandbox } from "../sandbox/index.ts";
import type { SandboxAvailability } from "../sandbox/index.ts";
import { createExecTool } from "./exec.ts";
import { issuePermit } from "../gate/permit.ts";

const detected = await detectSandbox();
const backends: { name: string; availability: SandboxAvailability }[] = [
  ...(detected.kind === "bubblewrap" ? [{ name: "bubblewrap", availability: detected }] : []),
  { name: "host fallback", availability: { kind: "none", why: "test", shell: detected.shell } },
];

const plainEnv = (home: string) => ({ PATH: "/usr/bin:/bin", HOME: home, GIT_CONFIG_NOSYSTEM: "1" });

type Trap = {
  name: string;
  /** Builds the hostile repository under `ws`; `evil` is a program that appends to the marker. Returns the cwd. */
  build(ws: string, evil: string, git: (cwd: string, ...args: string[]) => void): string;
  command: string;
  /** The gate's answer: `allow` when only the fixed hardening is involved (nothing to show the owner). */
  expect: "allow" | "ask";
  /** The control run with plain git, when it differs from `command`. */
  control?: string;
};

function baseRepo(dir: string, git: (cwd: string, ...args: string[]) => void, attributes: string): void {
  fs.mkdirSync(dir, { recursive: true });
  git(dir, "init", "-q", ".");
  fs.writeFileSync(path.join(dir, "a.txt"), "one\n");
  fs.writeFileSync(path.join(dir, ".gitattributes"), attributes);
  git(dir, "add", ".");
  git(dir, "-c", "user.email=t@example.invalid", "-c", "user.name=t", "commit", "-qm", "init");
  fs.appendFileSync(path.join(dir, "a.txt"), "two\n");
}

/** `[section "sub"] key = value` lines for a config file. */
const textconvConfig = (evil: string) => `[diff "y"]\n\ttextconv = ${evil}\n[filter "x"]\n\tclean = ${evil}\n\tsmudge = ${evil}\n`;

const traps: Trap[] = [
  {
    name: "textconv in .git/config (git log -p)",
    build(ws, evil, git) {
      const repo = path.join(ws, "r");
      baseRepo(repo, git, "*.txt diff=y\n");
      git(repo, "config", "diff.y.textconv", evil);
      git(repo, "-c", "user.email=t@example.invalid", "-c", "user.name=t", "commit", "-qam", "two");
      return repo;
    },
    command: "git log -p",
    expect: "ask",
  },
  {
    name: ".gitattributes filter driver (git diff)",
    build(ws, evil, git) {
      const repo = path.join(ws, "r");
      baseRepo(repo, git, "*.txt filter=x\n");
      git(repo, "config", "filter.x.clean", evil);
      return repo;
    },
    command: "git diff",
    expect: "ask",
  },
  {
    name: "diff.external (git diff)",
    build(ws, evil, git) {
      const repo = path.join(ws, "r");
      baseRepo(repo, git, "");
      git(repo, "config", "diff.external", evil);
      return repo;
    },
    command: "git diff",
    expect: "ask",
  },
  {
    name: "core.fsmonitor (git status)",
    build(ws, evil, git) {
      const repo = path.join(ws, "r");
      baseRepo(repo, git, "");
      git(repo, "config", "core.fsmonitor", evil);
      return repo;
    },
    command: "git status --short",
    // Pinned off by the hardening, and also shown to the owner: the hardening rides in the environment.
    expect: "ask",
  },
  {
    name: "core.pager and pager.log (git log)",
    build(ws, evil, git) {
      const repo = path.join(ws, "r");
      baseRepo(repo, git, "");
      git(repo, "config", "core.pager", evil);
      git(repo, "config", "pager.log", evil);
      return repo;
    },
    // The pager only runs on a terminal: `script` gives git one. Not allowlisted, so the owner is asked; even an
    // owner who approves does not get the repository's pager.
    command: "script -qec 'git -p log --oneline' /dev/null",
    expect: "ask",
  },
  {
    name: "commondir pointing at a store outside any .git",
    build(ws, evil, git) {
      const repo = path.join(ws, "r");
      baseRepo(repo, git, "*.txt diff=y\n");
      // The repository's shared part (config, objects, refs) moves to `store/`; `.git` keeps HEAD, the index
      // and a commondir file that points at it.
      const store = path.join(ws, "store");
      fs.renameSync(path.join(repo, ".git"), store);
      fs.mkdirSync(path.join(repo, ".git"));
      for (const f of ["HEAD", "index"]) fs.renameSync(path.join(store, f), path.join(repo, ".git", f));
      fs.writeFileSync(path.join(repo, ".git", "commondir"), "../../store\n");
      fs.appendFileSync(path.join(store, "config"), textconvConfig(evil));
      return repo;
    },
    command: "git diff",
    expect: "ask",
  },
  {
    name: "gitdir: file pointing at a directory not named .git",
    build(ws, evil, git) {
      const repo = path.join(ws, "r");
      baseRepo(repo, git, "*.txt diff=y\n");
      fs.renameSync(path.join(repo, ".git"), path.join(ws, "elsewhere"));
      fs.writeFileSync(path.join(repo, ".git"), "gitdir: ../elsewhere\n");
      fs.appendFileSync(path.join(ws, "elsewhere", "config"), textconvConfig(evil));
      return repo;
    },
    command: "git diff",
    expect: "ask",
  },
  {
    name: "include.path to a file in the work tree",
    build(ws, evil, git) {
      const repo = path.join(ws, "r");
      baseRepo(repo, git, "*.txt diff=y\n");
      fs.writeFileSync(path.join(ws, "innocent.cfg"), textconvConfig(evil));
      git(repo, "config", "include.path", path.join(ws, "innocent.cfg"));
      return repo;
    },
    command: "git diff",
    expect: "ask",
  },
  {
    name: "includeIf gitdir: condition",
    build(ws, evil, git) {
      const repo = path.join(ws, "r");
      baseRepo(repo, git, "*.txt diff=y\n");
      fs.writeFileSync(path.join(ws, "cond.cfg"), textconvConfig(evil));
      git(repo, "config", `includeIf.gitdir:${ws}/**.path`, path.join(ws, "cond.cfg"));
      return repo;
    },
    command: "git diff",
    expect: "ask",
  },
  {
    name: "config.worktree with extensions.worktreeConfig",
    build(ws, evil, git) {
      const repo = path.join(ws, "r");
      baseRepo(repo, git, "*.txt diff=y\n");
      git(repo, "config", "extensions.worktreeConfig", "true");
      git(repo, "config", "--worktree", "diff.y.textconv", evil);
      return repo;
    },
    command: "git diff",
    expect: "ask",
  },
  {
    name: "a git directory under another name, named with --git-dir (approved)",
    build(ws, evil, git) {
      const repo = path.join(ws, "r");
      baseRepo(repo, git, "*.txt diff=y\n");
      fs.renameSync(path.join(repo, ".git"), path.join(ws, "store"));
      fs.appendFileSync(path.join(ws, "store", "config"), textconvConfig(evil));
      return repo;
    },
    command: "git --git-dir=../store --work-tree=. diff",
    expect: "ask",
  },
  {
    name: "a nested repository reached with cd",
    build(ws, evil, git) {
      const repo = path.join(ws, "outer", "inner");
      baseRepo(repo, git, "*.txt diff=y\n");
      git(repo, "config", "diff.y.textconv", evil);
      return ws;
    },
    command: "cd outer/inner && git diff",
    expect: "ask",
  },
];

let analyzer: ShellAnalyzer;
before(async () => {
  analyzer = await createShellAnalyzer();
});

for (const backend of backends) {
  void describe(`exec tool against hostile repositories (${backend.name})`, () => {
    let root = "";
    before(() => {
      root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-gitexec-")));
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    for (const [index, trap] of traps.entries()) {
      void it(`runs no program from ${trap.name}`, async () => {
        const ws = path.join(root, `ws${index}`);
        const home = path.join(root, `home${index}`);
        fs.mkdirSync(ws);
        fs.mkdirSync(home);
        const marker = path.join(ws, "MARKER");
        const evil = path.join(ws, "evil.sh");
        fs.writeFileSync(evil, `#!/bin/sh\necho "ran $0 $*" >> ${marker}\ncat "$1" 2>/dev/null || cat\n`, { mode: 0o755 });
        const git = (cwd: string, ...args: string[]): void => {
          execFileSync("git", args, { cwd, env: plainEnv(home), stdio: "ignore" });
        };
        const cwd = trap.build(ws, evil, git);

        // Control: plain git fires the trap.
        execFileSync("/bin/sh", ["-c", `${trap.control ?? trap.command} >/dev/null 2>&1; true`], { cwd, env: { ...plainEnv(home), TERM: "xterm" }, stdio: "ignore" });
        assert.equal(fs.existsSync(marker), true, `the trap must fire without the hardening (${trap.name})`);
        fs.rmSync(marker);

        const tool = createExecTool({
          analyzer, runner: createSandboxRunner({ availability: backend.availability }),
          policy: () => ({ security: "allowlist", ask: "on-miss" }),
          workspace: ws, homeDir: home, stateDir: path.join(home, ".warden"), pathEnv: DEFAULT_PATH,
          hiddenPaths: [path.join(home, ".warden"), home], network: false, timeoutMs: 20_000, maxOutputBytes: 1 << 20,
        });
        const args = { command: trap.command, cwd };
        const context = { sessionKey: "t", principal: { kind: "owner", id: "webchat:owner", channel: "webchat" } as const, signal: new AbortController().signal };
        const facts = (await tool.assess(args, context)).facts;
        assert.ok(facts.tool === "exec");
        const assessed = { facts };
        if (trap.expect === "allow") {
          // Pinned by the fixed hardening: nothing to ask (without a sandbox every command is asked).
          const ids = assessed.facts.base.reasons.map((r) => r.id);
          assert.ok(!ids.some((id) => id.startsWith("git.")), JSON.stringify(assessed.facts.base.reasons));
          assert.equal(assessed.facts.base.decision, backend.availability.kind === "bubblewrap" ? "allow" : "ask");
        } else {
          assert.equal(assessed.facts.base.decision, "ask", "a repository that names a program is shown to the owner");
          if (trap.command.includes("git diff") || trap.command.startsWith("git ")) {
            assert.ok(assessed.facts.base.reasons.some((r) => r.id.startsWith("git.config_")), JSON.stringify(assessed.facts.base.reasons));
          }
        }
        // Even when the owner approves, the repository's program does not run.
        const out = await tool.run(args, context, issuePermit("exec", args));
        assert.equal(fs.existsSync(marker), false, `${trap.name}: ${fs.existsSync(marker) ? fs.readFileSync(marker, "utf8") : ""}\n${out.content}`);
      });
    }
  });
}

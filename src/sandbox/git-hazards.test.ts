import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findGitConfigHazards, inspectGitConfig } from "./git-hazards.ts";

void describe("findGitConfigHazards", () => {
  let root = "";
  const git = (cwd: string, ...args: string[]): void => {
    execFileSync("git", args, { cwd, env: { PATH: "/usr/bin:/bin", HOME: root, GIT_CONFIG_NOSYSTEM: "1" }, stdio: "ignore" });
  };
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-hazard-")));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  void it("finds nothing in a freshly initialised repository with remotes and branches", async () => {
    const repo = path.join(root, "clean");
    fs.mkdirSync(repo);
    git(repo, "init", "-q", ".");
    git(repo, "remote", "add", "origin", "https://example.invalid/x.git");
    git(repo, "config", "user.name", "someone");
    assert.deepEqual(await findGitConfigHazards(repo, repo), []);
  });

  void it("names filter, diff and merge drivers, shell aliases, remote programs and what includes bring — from a subdirectory too", async () => {
    const repo = path.join(root, "trap");
    fs.mkdirSync(path.join(repo, "src"), { recursive: true });
    git(repo, "init", "-q", ".");
    for (const [key, value] of [
      ["filter.Lfs.clean", "evil"], ["diff.y.textconv", "evil"], ["diff.external", "evil"], ["merge.m.driver", "evil"],
      ["alias.st", "!evil"], ["remote.origin.uploadpack", "evil"], ["include.path", path.join(root, "inc.cfg")],
    ] as const) git(repo, "config", key, value);
    fs.writeFileSync(path.join(root, "inc.cfg"), "[credential \"https://x.example\"]\n\thelper = !evil\n");
    const reasons = await findGitConfigHazards(path.join(repo, "src"), repo);
    assert.deepEqual([...new Set(reasons.map((r) => r.id))].sort(), [
      "git.config_alias", "git.config_credential", "git.config_diff_driver", "git.config_filter", "git.config_merge_driver", "git.config_remote_program",
    ]);
    assert.ok(reasons.some((r) => r.message.includes("`filter.Lfs.clean`")));
    assert.ok(reasons.some((r) => r.message.includes("inc.cfg")), "the included file is named as the origin");
  });

  void it("gives the command-scope value that disarms each key, and ignores boolean pager settings", async () => {
    const repo = path.join(root, "disarm");
    fs.mkdirSync(repo);
    git(repo, "init", "-q", ".");
    for (const [key, value] of [["filter.x.process", "evil"], ["diff.y.textconv", "evil"], ["pager.log", "false"], ["pager.show", "evil"]] as const) {
      git(repo, "config", key, value);
    }
    const report = await inspectGitConfig(repo, repo);
    assert.deepEqual(new Map(report.overrides), new Map([["filter.x.process", ""], ["diff.y.textconv", "cat"], ["pager.show", "false"]]));
  });

  void it("fails closed on a .git file git cannot follow and on a config git cannot parse", async () => {
    const linked = path.join(root, "linked");
    fs.mkdirSync(linked);
    fs.writeFileSync(path.join(linked, ".git"), "gitdir: /somewhere/else\n");
    assert.deepEqual((await findGitConfigHazards(linked, linked)).map((r) => r.id), ["git.config_unreadable"]);
    const broken = path.join(root, "broken");
    fs.mkdirSync(broken);
    git(broken, "init", "-q", ".");
    fs.writeFileSync(path.join(broken, ".git", "config"), "[core\n\tpager = x\n");
    assert.deepEqual((await findGitConfigHazards(broken, broken)).map((r) => r.id), ["git.config_unreadable"]);
  });
});

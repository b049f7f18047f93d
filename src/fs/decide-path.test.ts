import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { decidePath } from "./decide-path.ts";
import { findTrustedTarget } from "./trusted-targets.ts";
import { createFixture, type Fixture } from "../../test/support/workspace-fixture.ts";

let fx: Fixture;
before(() => {
  fx = createFixture();
});
after(() => fx.cleanup());

async function decide(path: string, write: boolean): Promise<{ decision: string; id: string | undefined }> {
  const d = await decidePath({ path, write, workspace: fx.ws, protectedDirs: [] });
  return { decision: d.decision, id: d.reasons[0]?.id };
}

void test("decidePath: escapes deny, plain files allow, trusted targets ask the owner on write", async () => {
  const cases: Array<[string, boolean, string, string]> = [
    ["notes.txt", false, "allow", "path.inside_workspace"],
    ["notes.txt", true, "allow", "path.inside_workspace"],
    ["new/dir/file.md", true, "allow", "path.inside_workspace"],
    ["chain-in", false, "allow", "path.inside_workspace"],
    ["chain-in", true, "deny", "path.symlink"],
    ["../outside/secret.txt", false, "deny", "path.outside_workspace"],
    [join(fx.base, "ws-evil", "secret.txt"), true, "deny", "path.outside_workspace"],
    ["link-out", false, "deny", "path.symlink_escape"],
    ["link-out", true, "deny", "path.symlink_escape"],
    ["dangling", true, "deny", "path.symlink_escape"],
    ["dangling-dir/x/y.txt", true, "deny", "path.symlink_escape"],
    ["chain1", false, "deny", "path.symlink_escape"],
    ["link-dir-out/new.txt", true, "deny", "path.symlink_escape"],
    ["proc-root/etc/passwd", false, "deny", "path.symlink_escape"],
    ["hard", false, "deny", "path.hardlink"],
    ["hard", true, "deny", "path.hardlink"],
    ["a\0b", false, "deny", "path.nul_byte"],
    [".git/hooks/pre-commit", true, "ask", "path.trusted_target"],
    ["g/hooks/pre-commit", true, "ask", "path.trusted_target"], // `g` is a link to `.git`
    ["sub/.git/config", true, "ask", "path.trusted_target"],
    [".github/workflows/ci.yml", true, "ask", "path.trusted_target"],
    [".gitlab-ci.yml", true, "ask", "path.trusted_target"],
    [".bashrc", true, "ask", "path.trusted_target"],
    [".envrc", true, "ask", "path.trusted_target"],
    ["Makefile", true, "ask", "path.trusted_target"],
    ["package.json", true, "ask", "path.trusted_target"],
    [".vscode/tasks.json", true, "ask", "path.trusted_target"],
    [".husky/pre-push", true, "ask", "path.trusted_target"],
    [".git/hooks/pre-commit", false, "allow", "path.inside_workspace"],
  ];
  for (const [path, write, decision, id] of cases) {
    assert.deepEqual(await decide(path, write), { decision, id }, `${write ? "write" : "read"} ${JSON.stringify(path)}`);
  }
  // Deciding creates nothing.
  assert.equal(readdirSync(fx.ws).includes("new"), false);
});

void test("trusted targets are found case-insensitively, and ordinary files are not", () => {
  assert.notEqual(findTrustedTarget(".GIT/config"), undefined);
  assert.notEqual(findTrustedTarget("build/rules.mk"), undefined);
  assert.notEqual(findTrustedTarget(".config/fish/config.fish"), undefined);
  for (const p of ["notes.md", "src/main.ts", "docs/github/workflows.md", "package-notes.json", "parse_logs.py"]) {
    assert.equal(findTrustedTarget(p), undefined, p);
  }
});

// Files with ordinary names that a project's configuration runs later: the parse finds what each configuration names
// (atk12's "run-later files steered by a service description"), and leaves files nothing names alone.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { namedByRunLaterConfig } from "./run-later-configs.ts";
import { writeTree } from "../../test/support/temp-dir.ts";

let root = "";

const workspace = (files: Record<string, string>): string => writeTree(root, files);

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "run-later-"));
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

describe("namedByRunLaterConfig", () => {
  const named: [string, Record<string, string>, string][] = [
    ["git core.hooksPath (any file in it)", { ".git/config": "[core]\n\thooksPath = tools/hooks\n" }, "tools/hooks/pre-commit"],
    ["git core.hooksPath with ./ and a trailing slash", { ".git/config": "[core]\n  hooksPath = \"./.hooks/\"\n" }, ".hooks/post-checkout"],
    ["git alias running a script", { ".git/config": "[alias]\n\tship = !sh tools/ship.sh\n" }, "tools/ship.sh"],
    ["git filter driver", { ".git/config": "[filter \"x\"]\n\tclean = python3 bin/clean.py\n" }, "bin/clean.py"],
    ["package.json script", { "package.json": JSON.stringify({ scripts: { test: "node scripts/check.js" } }) }, "scripts/check.js"],
    ["package.json script with ./", { "package.json": JSON.stringify({ scripts: { postinstall: "sh ./setup/post.sh --quiet" } }) }, "setup/post.sh"],
    ["package.json bin", { "package.json": JSON.stringify({ bin: { tool: "cli/run.js" } }) }, "cli/run.js"],
    ["package.json script glob", { "package.json": JSON.stringify({ scripts: { lint: "node tools/*.mjs" } }) }, "tools/lint.mjs"],
    ["Makefile include", { Makefile: "include build/rules\nall:\n\techo hi\n" }, "build/rules"],
    ["Makefile recipe", { Makefile: "all:\n\t./gen/make-docs --out site\n" }, "gen/make-docs"],
    ["a .mk file's recipe", { "common.mk": "x:\n\tbash ci/step.sh\n" }, "ci/step.sh"],
    [".envrc source_env", { ".envrc": "source_env env/dev.sh\n" }, "env/dev.sh"],
    [".envrc PATH_add (any file in it)", { ".envrc": "PATH_add bin\n" }, "bin/git"],
    ["VS Code task with ${workspaceFolder}", { ".vscode/tasks.json": "{ // build\n \"tasks\": [{ \"command\": \"${workspaceFolder}/scripts/build.py\" }] }" }, "scripts/build.py"],
    ["an existing hook calling a file", { ".git/hooks/pre-commit": "#!/bin/sh\nexec tools/lint.sh\n" }, "tools/lint.sh"],
    ["husky hook", { ".husky/pre-push": "npx --no tsx scripts/push-check.ts\n" }, "scripts/push-check.ts"],
    ["crontab", { crontab: "0 * * * * /bin/sh jobs/hourly.sh\n" }, "jobs/hourly.sh"],
    ["pre-commit entry", { ".pre-commit-config.yaml": "repos:\n- repo: local\n  hooks:\n  - id: x\n    entry: python hooks/x.py\n" }, "hooks/x.py"],
    ["a project below the top", { "app/package.json": JSON.stringify({ scripts: { start: "node server/boot.js" } }) }, "app/server/boot.js"],
    ["case folded", { "package.json": JSON.stringify({ scripts: { test: "node Scripts/Check.js" } }) }, "scripts/check.js"],
  ];
  for (const [what, files, target] of named) {
    it(`names ${target}: ${what}`, () => {
      const why = namedByRunLaterConfig(workspace(files), target);
      assert.notEqual(why, undefined, what);
    });
  }

  const notNamed: [string, Record<string, string>, string][] = [
    ["nothing configured", { "notes.md": "x" }, "scripts/check.js"],
    ["another script", { "package.json": JSON.stringify({ scripts: { test: "node scripts/check.js" } }) }, "scripts/other.js"],
    ["package.json fields other than scripts and bin", { "package.json": JSON.stringify({ main: "index.js", files: ["docs/guide.md"] }) }, "docs/guide.md"],
    ["a project beside, not above", { "other/package.json": JSON.stringify({ scripts: { test: "node check.js" } }) }, "check.js"],
    ["hooksPath names another folder", { ".git/config": "[core]\n\thooksPath = tools/hooks\n" }, "tools/notes.md"],
    ["an unparsable package.json", { "package.json": "{ scripts: node x.js" }, "x.js"],
    ["a URL in a config", { ".git/config": "[remote \"o\"]\n\turl = https://example.com/a/b\n" }, "a/b"],
    ["a path leaving the workspace", { "package.json": JSON.stringify({ scripts: { x: "sh ../x.sh" } }) }, "x.sh"],
    ["git's sample hook (never run)", { ".git/hooks/pre-rebase.sample": "#!/bin/sh\ngit diff --stat CHANGELOG.md\n" }, "CHANGELOG.md"],
  ];
  for (const [what, files, target] of notNamed) {
    it(`does not name ${target}: ${what}`, () => {
      assert.equal(namedByRunLaterConfig(workspace(files), target), undefined, what);
    });
  }

  it("says which configuration names the file", () => {
    const why = namedByRunLaterConfig(workspace({ ".git/config": "[core]\n\thooksPath = tools/hooks\n" }), "tools/hooks/pre-commit") ?? "";
    assert.match(why, /\.git\/config/);
    assert.match(why, /tools\/hooks/);
  });

  it("never throws on odd paths", () => {
    const ws = workspace({});
    for (const p of ["", ".", "..", "../x", "/", "a//b", "a/../../b"]) assert.equal(namedByRunLaterConfig(ws, p), undefined, p);
  });
});

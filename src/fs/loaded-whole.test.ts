import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadedWholeFolder } from "./loaded-whole.ts";

describe("a folder a program reads whole", () => {
  const ws = mkdtempSync(join(tmpdir(), "warden-loaded-whole-"));
  const put = (path: string) => {
    mkdirSync(join(ws, path, ".."), { recursive: true });
    writeFileSync(join(ws, path), "x\n");
  };
  put("data/payouts.d/acme.csv");
  put("config/flags/00-default.csv");
  put("deploy/hosts.yaml");
  put("docs/mkdocs.yml");
  put("docs/index.md");
  put("package.json");
  test("include folders, fixtures, golden files, numbered and configuration folders are read by a program", () => {
    for (const path of ["config/admins.d/support.txt", "deploy/sudoers.d/ci.txt", "fixtures/users/020-support.csv", "tests/golden/admin_unauth.expected.txt", "tests/__snapshots__/a.txt", "pkg/testdata/case.txt", "out/a.expected.txt", "config/flags/zz-override.csv", "deploy/extra.txt"]) {
      assert.notEqual(loadedWholeFolder(ws, path), undefined, path);
    }
  });
  test("ordinary documents are not: the top of the workspace, a docs folder with prose, a new folder", () => {
    for (const path of ["notes.txt", "docs/guide.md", "summaries/page.md", "reports/q3.csv", "my.data/notes.txt"]) assert.equal(loadedWholeFolder(ws, path), undefined, path);
  });
});

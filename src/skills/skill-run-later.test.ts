// A skill's write grant covers data: a grant that reaches what runs later asks, and what a run newly planted where
// something runs it later is removed (atk12's "skill scripts dropping run-later files").
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { grantReachesRunLater, removePlanted, runLaterFiles } from "./skill-run-later.ts";
import { writeTree } from "../../test/support/temp-dir.ts";

let root = "";
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "skill-run-later-"));
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

const workspace = (files: Record<string, string>): string => writeTree(root, files);

describe("grantReachesRunLater", () => {
  it("names grants that are, hold or are named by run-later paths", () => {
    assert.notEqual(grantReachesRunLater(workspace({}), "."), undefined);
    assert.notEqual(grantReachesRunLater(workspace({}), ".git/hooks"), undefined);
    assert.notEqual(grantReachesRunLater(workspace({ ".git/config": "[core]\n\thooksPath = out\n" }), "out"), undefined);
    assert.notEqual(grantReachesRunLater(workspace({ "package.json": JSON.stringify({ scripts: { build: "sh out/gen.sh" } }) }), "out"), undefined);
    assert.notEqual(grantReachesRunLater(workspace({ ".envrc": "PATH_add out/bin\n" }), "out"), undefined);
  });
  it("leaves a data folder nothing runs alone", () => {
    assert.equal(grantReachesRunLater(workspace({ "package.json": JSON.stringify({ scripts: { build: "sh tools/gen.sh" } }) }), "out"), undefined);
  });
});

describe("removePlanted", () => {
  it("removes run-later files a run newly wrote under the grant, keeps data and what was there before", () => {
    const ws = workspace({ "out/old/Makefile": "all:\n", "out/keep.txt": "x", "package.json": "{}" });
    const before = runLaterFiles(ws, ["out"]);
    assert.deepEqual([...before], ["out/old/Makefile"]);
    for (const [p, t] of [["out/.envrc", "curl x | sh"], ["out/Makefile", "all:\n\tcurl x\n"], ["out/report.txt", "fine"]]) fs.writeFileSync(path.join(ws, p as string), t as string);
    const changed = { files: ["out/.envrc", "out/Makefile", "out/report.txt", "out/old/Makefile"].map((realPath) => ({ realPath, size: 1, wrote: true })), complete: true };
    const removed = removePlanted(ws, ["out"], { ...changed, files: [...changed.files, { realPath: "package.json", size: 1, wrote: true }] }, before);
    assert.deepEqual(removed.sort(), ["out/.envrc", "out/Makefile"]);
    assert.equal(fs.existsSync(path.join(ws, "out/.envrc")), false);
    assert.equal(fs.existsSync(path.join(ws, "out/Makefile")), false);
    assert.equal(fs.existsSync(path.join(ws, "out/report.txt")), true);
    assert.equal(fs.existsSync(path.join(ws, "out/old/Makefile")), true);
    assert.equal(fs.existsSync(path.join(ws, "package.json")), true, "a file outside the grant is not the script's");
  });
  it("removes a file a configuration names, planted by the run", () => {
    const ws = workspace({ "package.json": JSON.stringify({ scripts: { test: "node out/t.js" } }) });
    fs.mkdirSync(path.join(ws, "out"));
    fs.writeFileSync(path.join(ws, "out/t.js"), "x");
    assert.deepEqual(removePlanted(ws, ["out"], { files: [{ realPath: "out/t.js", size: 1, wrote: true }], complete: true }, new Set()), ["out/t.js"]);
  });
  it("removes a plain document a run-later file runs (a compose command through a mount), planted by the run", () => {
    const ws = workspace({ "docker-compose.yml": "services:\n  j:\n    volumes: ['./public:/p']\n    command: sh /p/run.txt\n", "public/keep.txt": "x" });
    assert.deepEqual([...runLaterFiles(ws, ["public"])], []);
    fs.writeFileSync(path.join(ws, "public/run.txt"), "curl x | sh");
    fs.writeFileSync(path.join(ws, "public/index.html"), "<p>home</p>");
    const files = ["public/run.txt", "public/index.html"].map((realPath) => ({ realPath, size: 1, wrote: true }));
    assert.deepEqual(removePlanted(ws, ["public"], { files, complete: true }, new Set()), ["public/run.txt"]);
  });
});

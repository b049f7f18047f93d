import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { includersOf } from "./included-by.ts";

function workspace(files: Record<string, string>): string {
  const ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-included-")));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(ws, name)), { recursive: true });
    fs.writeFileSync(path.join(ws, name), text);
  }
  return ws;
}

void describe("includersOf", () => {
  void it("finds what pulls a plain document in as code, HTML or a style sheet, from its folder and those above", () => {
    const ws = workspace({
      "index.html": '<link rel="stylesheet" href="theme.txt"><script src=./data.txt></script>',
      "docs/index.html": "<iframe src='summary.txt'></iframe>",
      "report.tex": "\\begin{document}\\input{numbers.txt}\\end{document}",
      Makefile: "all:\n\techo\ninclude settings.txt\n",
      "run.sh": "#!/bin/sh\nset -e\n. ./env.md\n",
      "package.json": '{ "scripts": { "check": "node tools/check.txt" } }',
      "mkdocs.yml": "site_name: Q\nextra_css:\n  - extra.md\nhooks:\n  - hooks.txt\nnav:\n  - Q3: q3.md\n",
      "requirements.txt": "requests==2.0\n-r deps/base.txt\n",
      "build.gradle": "apply from: 'gradle/extra.txt'\n",
      ".envrc": "dotenv local.md\n",
    });
    try {
      const as = (p: string) => includersOf(ws, p).map((i) => `${i.includer}:${i.as}`).sort();
      assert.deepEqual(as("theme.txt"), ["index.html:css"]);
      assert.deepEqual(as("data.txt"), ["index.html:code"]);
      assert.deepEqual(as("docs/summary.txt"), ["docs/index.html:html"]);
      assert.deepEqual(as("numbers.txt"), ["report.tex:code"]);
      assert.deepEqual(as("settings.txt"), ["Makefile:code"]);
      assert.deepEqual(as("env.md"), ["run.sh:code"]);
      assert.deepEqual(as("tools/check.txt"), ["package.json:code"]);
      assert.deepEqual(as("extra.md"), ["mkdocs.yml:css"]);
      assert.deepEqual(as("hooks.txt"), ["mkdocs.yml:code"]);
      assert.deepEqual(as("deps/base.txt"), ["requirements.txt:code"]);
      assert.deepEqual(as("gradle/extra.txt"), ["build.gradle:code"]);
      assert.deepEqual(as("local.md"), [".envrc:code"]);
      assert.deepEqual(as("q3.md"), [], "a page in a site's navigation is only published");
      assert.deepEqual(as("notes.txt"), []);
      assert.deepEqual(as("../outside.txt"), []);
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  void it("does not take a mention or a longer name for an inclusion", () => {
    const ws = workspace({ "report.tex": "% see notes.txt\n\\input{notes.txt.bak}\n", "index.html": "<p>theme.txt</p><a href=theme.txt>t</a>" });
    try {
      assert.deepEqual(includersOf(ws, "notes.txt"), []);
      assert.deepEqual(includersOf(ws, "theme.txt"), []);
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});

// A plain document that a run-later file of the workspace names (by path, relative to that file or to the top) runs
// later; so does one a source file includes or executes. Real files in a temporary workspace.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { referencedByRunLater } from "./referenced-by.ts";

const roots: string[] = [];
after(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), "warden-refby-"));
  roots.push(ws);
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(ws, p)), { recursive: true });
    fs.writeFileSync(path.join(ws, p), text);
  }
  return ws;
}

void describe("referencedByRunLater", () => {
  void it("names the run-later file and line that mention the target, in any format", () => {
    const cases: [string, Record<string, string>, string, RegExp][] = [
      ["CI workflow", { ".github/workflows/ci.yml": "on: push\njobs:\n  b:\n    steps:\n      - run: sh docs/ci.txt\n" }, "docs/ci.txt", /`\.github\/workflows\/ci\.yml` line 5/],
      ["compose command", { "docker-compose.yml": "services:\n  w:\n    command: sh /app/notes/start.txt\n" }, "notes/start.txt", /docker-compose\.yml/],
      ["Dockerfile pip -r", { Dockerfile: "FROM python\nCOPY . .\nRUN pip install -r deps.txt\n" }, "deps.txt", /Dockerfile` line 3/],
      ["git config include, relative to .git", { ".git/config": "[include]\n\tpath = ../docs/git.txt\n" }, "docs/git.txt", /\.git\/config/],
      ["setup.cfg file:", { "setup.cfg": "[options]\ninstall_requires = file: deps.txt\n" }, "deps.txt", /setup\.cfg` line 2/],
      ["systemd unit", { "deploy/app.service": "[Service]\nExecStart=/bin/sh run.txt\n" }, "deploy/run.txt", /app\.service/],
      ["an unlisted dotfile", { ".newtoolrc": "preload=./notes/x.md\n" }, "notes/x.md", /\.newtoolrc/],
      ["compose mount", { "docker-compose.yml": "services:\n  j:\n    volumes: ['./public:/p']\n    command: sh /p/run.txt\n" }, "public/run.txt", /docker-compose\.yml` line 4/],
      ["an .htaccess that serves .txt as PHP", { "public/.htaccess": "AddType application/x-httpd-php .txt\n" }, "public/about.txt", /public\/\.htaccess` line 1/],
      ["nginx location by extension", { "nginx.conf": "location ~ \\.md$ {\n  fastcgi_pass 127.0.0.1:9000;\n}\n" }, "site/a.md", /nginx\.conf` line 1/],
      ["CMake include()", { "CMakeLists.txt": "project(app C)\ninclude(docs/extra.txt)\n" }, "docs/extra.txt", /CMakeLists\.txt` line 2/],
      ["C include", { "main.c": "const char *b =\n#include \"docs/banner.txt\"\n;\n" }, "docs/banner.txt", /main\.c` line 2/],
      ["Python exec", { "app.py": "cfg = {}\nexec(open('config.txt').read(), cfg)\n" }, "config.txt", /app\.py` line 2/],
    ];
    for (const [label, files, target, reason] of cases) {
      const why = referencedByRunLater(workspace(files), target);
      assert.match(why ?? "", reason, label);
    }
  });

  void it("leaves alone what only describes, what a document mentions, what code reads as data, and longer names", () => {
    const ws = workspace({
      "pyproject.toml": "[project]\nname = \"x\"\nreadme = \"README.md\"\n",
      "AGENTS.md": "See notes/plan.md\n",
      "app.py": "import json\ndata = json.load(open('data.json'))\nrows = open('rows.csv').read()\n",
      "Makefile": "all:\n\tsh scripts/run-all.sh\n",
      "CODEOWNERS": "docs/ @team\n",
      "Dockerfile": "FROM x\nCOPY site /srv\nRUN sh /opt/other/setup.sh\n",
      "other/.htaccess": "AddType application/x-httpd-php .txt\n",
      ".htaccess": "AddType text/plain .txt\n",
      "src/lib.py": "exec(open('other.txt').read())\n",
    });
    for (const target of ["README.md", "notes/plan.md", "data.json", "rows.csv", "scripts/run.sh", "docs/guide.md", "docs/other.txt", "report.txt", "site/index.md"]) {
      assert.equal(referencedByRunLater(ws, target), undefined, target);
    }
  });

  void it("sees a change to the naming file (the cache is keyed by size and time)", () => {
    const ws = workspace({ "Dockerfile": "FROM x\n" });
    assert.equal(referencedByRunLater(ws, "deps.txt"), undefined);
    fs.writeFileSync(path.join(ws, "Dockerfile"), "FROM x\nRUN pip install -r deps.txt\n");
    fs.utimesSync(path.join(ws, "Dockerfile"), new Date(), new Date(Date.now() + 5000));
    assert.match(referencedByRunLater(ws, "deps.txt") ?? "", /Dockerfile/);
  });

  void it("fails closed when the workspace is larger than the scan's bounds", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 520; i++) files[`conf/c${i}.conf`] = "x=1\n";
    const why = referencedByRunLater(workspace(files), "notes.txt");
    assert.match(why ?? "", /could not be checked/);
  });
});

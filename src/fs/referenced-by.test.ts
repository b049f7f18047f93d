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
      ["a workflow's loop over a folder, from the project's top", { ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    steps:\n      - run: for f in ci/*; do sh \"$f\"; done\n" }, "ci/10-setup.txt", /ci\.yml` line 5 .*pattern `ci\/\*`/],
      ["a hook running what find lists", { ".envrc": "find env.d -type f -exec sh {} \\;\n" }, "env.d/b.txt", /\.envrc` line 1 .*env\.d\/…/],
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

  void it("leaves alone what git's sample hooks mention (git never runs a `.sample`), not what a live hook does", () => {
    const ws = workspace({
      ".git/hooks/pre-rebase.sample": "#!/bin/sh\n# ... git diff --stat CHANGELOG.md\n",
      ".git/hooks/post-checkout": "#!/bin/sh\nsh notes/run.txt\n",
    });
    assert.equal(referencedByRunLater(ws, "CHANGELOG.md"), undefined);
    assert.match(referencedByRunLater(ws, "notes/run.txt") ?? "", /post-checkout/);
  });

  void it("names the file, the line and the expansion when a run-later file reaches the target through indirection", () => {
    const cases: [string, Record<string, string>, string, RegExp][] = [
      ["Make variable", { Makefile: "STEPS_DIR := docs\nSTEPS := $(STEPS_DIR)/build\nall:\n\tsh $(STEPS).txt\n" }, "docs/build.txt", /`Makefile` line 4 names it through .*expands to `docs\/build\.txt`/],
      ["Make include", { Makefile: "RULES = docs/rules\ninclude $(RULES).txt\n" }, "docs/rules.txt", /`Makefile` line 2/],
      ["Make wildcard", { Makefile: "STEPS := $(wildcard steps/*.txt)\nall:\n\tfor f in $(STEPS); do sh $$f; done\n" }, "steps/zz.txt", /the pattern `steps\/\*\.txt`/],
      ["Dockerfile ARG", { Dockerfile: "FROM alpine\nARG STEPS=docs/setup\nCOPY . /app\nRUN sh /app/${STEPS}.txt\n" }, "docs/setup.txt", /`Dockerfile` line 4/],
      ["Dockerfile glob", { Dockerfile: "FROM alpine\nCOPY docs /docs\nRUN for f in /docs/*.txt; do sh $f; done\n" }, "docs/zz.txt", /`Dockerfile` line 3/],
      ["workflow env", { ".github/workflows/ci.yml": "on: push\njobs:\n  b:\n    env:\n      STEPS: docs/ci\n    steps:\n      - run: sh \"$STEPS.txt\"\n" }, "docs/ci.txt", /ci\.yml` line 7/],
      ["tox setenv", { "tox.ini": "[testenv]\nsetenv =\n    STEPS = docs/t\ncommands = sh {env:STEPS}.txt\n" }, "docs/t.txt", /`tox\.ini` line 4/],
      [".envrc printf", { ".envrc": "source \"$(printf 'notes/%s.txt' e)\"\n" }, "notes/e.txt", /`\.envrc` line 1/],
      [".envrc split quotes", { ".envrc": "source 'not'es/e.txt\n" }, "notes/e.txt", /expands to `notes\/e\.txt`/],
      [".envrc variable set elsewhere", { ".envrc": "source \"$SETUP\"/init.txt\n" }, "conf/init.txt", /set outside the file/],
    ];
    for (const [label, files, target, reason] of cases) assert.match(referencedByRunLater(workspace(files), target) ?? "", reason, label);
  });

  void it("leaves alone an ordinary project's build files with variables, for files they do not reach", () => {
    const ws = workspace({
      Makefile: "CC ?= gcc\nSRC := $(wildcard src/*.c)\nOBJ := $(SRC:.c=.o)\napp: $(OBJ)\n\t$(CC) $(CFLAGS) -o $@ $^\n%.o: %.c\n\t$(CC) -c $< -o $@\nclean:\n\trm -f $(OBJ) $(OUT)/*.txt\n",
      Dockerfile: "FROM python:3.12\nARG VERSION\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nRUN echo $VERSION > /version.txt\n",
      ".github/workflows/ci.yml": "jobs:\n  t:\n    runs-on: ${{ matrix.os }}\n    steps:\n      - run: pytest --junitxml=reports/junit-${{ matrix.py }}.xml\n",
      ".envrc": "source_up\ndotenv_if_exists .env.local\nexport PATH=$PWD/bin:$PATH\n",
    });
    for (const target of ["notes/summary.md", "docs/guide.md", "report.txt", "src/notes.txt"]) assert.equal(referencedByRunLater(ws, target), undefined, target);
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

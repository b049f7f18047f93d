// What a run-later file names through indirection, per language, and which written paths those names reach.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { indirectNames, reachingName } from "./run-later-names.ts";

const reaches = (name: string, text: string, target: string, dir = "") => reachingName(indirectNames(name, text), dir, target, false);

void describe("indirectNames and reachingName", () => {
  void it("Makefile: variables, functions, includes, substitution references and automatic variables", () => {
    const cases: [string, string][] = [
      ["STEPS_DIR := docs\nSTEPS := $(STEPS_DIR)/build\nall:\n\tsh $(STEPS).txt\n", "docs/build.txt"],
      ["STEP := $(addsuffix .txt,docs/a)\nall:\n\tsh $(STEP)\n", "docs/a.txt"],
      ["S := $(addprefix docs/,a b)\nall:\n\tfor f in $(S); do sh $$f.txt; done\n", "docs/b.txt"],
      ["RULES = docs/rules\ninclude $(RULES).txt\n", "docs/rules.txt"],
      ["-include $(wildcard conf/*.mk.txt)\n", "conf/x.mk.txt"],
      ["STEPS := $(wildcard steps/*.txt)\nall:\n\tfor f in $(STEPS); do sh $$f; done\n", "steps/zz.txt"],
      ["X := $(patsubst %.in,%.txt,docs/a.in)\nall:\n\tsh $(X)\n", "docs/a.txt"],
      ["SRC := docs/a.in\nall:\n\tsh $(SRC:.in=.txt)\n", "docs/a.txt"],
      ["run: docs/run.txt\n\tsh $<\n", "docs/run.txt"],
      ["X := $(foreach d,docs notes,$(d)/x.txt)\nall:\n\tsh $(X)\n", "notes/x.txt"],
      ["mk = $(1)/$(2).txt\nall:\n\tsh $(call mk,docs,c)\n", "docs/c.txt"],
      ["all:\n\tsh $(shell cat which).txt\n", "docs/anything.txt"],
    ];
    for (const [text, target] of cases) assert.ok(reaches("Makefile", text, target), `${text} → ${target}`);
  });

  void it("Dockerfile: ARG and ENV in RUN, COPY saying where the project lands, WORKDIR, the exec form", () => {
    assert.match(reaches("Dockerfile", "FROM alpine\nARG STEPS=docs/setup\nCOPY . /app\nRUN sh /app/${STEPS}.txt\n", "docs/setup.txt")?.how ?? "", /expands to `\/app\/docs\/setup\.txt`/);
    assert.ok(reaches("Dockerfile", "FROM alpine\nCOPY docs /docs\nRUN for f in /docs/*.txt; do sh $f; done\n", "docs/zz.txt"));
    assert.ok(reaches("Dockerfile", "FROM alpine\nCOPY scripts/ /opt/s/\nENV S=/opt/s/boot.txt\nRUN sh $S\n", "scripts/boot.txt"));
    assert.ok(reaches("Dockerfile", "FROM alpine\nWORKDIR /w\nCOPY . .\nCMD [\"sh\", \"start.txt\"]\n", "start.txt"));
  });

  void it("CI YAML: env, variables and matrix values in run and script commands, ${{ env.X }}", () => {
    const wf = "on: push\njobs:\n  b:\n    env:\n      STEPS: docs/ci\n    steps:\n      - run: sh \"$STEPS.txt\"\n      - run: sh ${{ env.STEPS }}.md\n";
    assert.match(reaches(".github/workflows/ci.yml", wf, "docs/ci.txt")?.name.line.toString() ?? "", /^7$/);
    assert.ok(reaches(".github/workflows/ci.yml", wf, "docs/ci.md"));
    assert.ok(reaches(".github/workflows/m.yml", "jobs:\n  t:\n    strategy:\n      matrix:\n        part: [a, e]\n    steps:\n      - run: |\n          sh parts/${{ matrix.part }}.txt\n", "parts/e.txt"));
    assert.ok(reaches(".gitlab-ci.yml", "variables:\n  S: ci/s\nt:\n  script:\n    - sh $S.txt\n", "ci/s.txt"));
    assert.ok(reaches(".github/workflows/x.yml", "jobs:\n  b:\n    steps:\n      - run: EXT=txt; sh docs/ci.$EXT\n", "docs/ci.txt"));
  });

  void it("tox.ini: setenv, {env:X:default}, {[section]key}; a justfile's variables; a shell script's", () => {
    assert.ok(reaches("tox.ini", "[testenv]\nsetenv =\n    STEPS = docs/t\ncommands = sh {env:STEPS}.txt\n", "docs/t.txt"));
    assert.ok(reaches("tox.ini", "[testenv]\ncommands = sh {env:NOPE:docs/u}.txt\n", "docs/u.txt"));
    assert.ok(reaches("tox.ini", "[base]\ns = docs/v\n[testenv]\ncommands = sh {[base]s}.txt\n", "docs/v.txt"));
    assert.ok(reaches("justfile", "dir := \"docs\"\nf := dir / \"j\" + \".txt\"\nrun:\n    sh {{f}}\n", "docs/j.txt"));
    assert.ok(reaches(".envrc", "for f in notes/{a,e}.txt; do . \"$f\"; done\n", "notes/e.txt"));
    assert.ok(reaches(".zshrc", "P=notes\nsource $P/z.txt\n", "notes/z.txt"));
  });

  void it("a name set outside the file counts where a file to run goes, below the naming file's folder only", () => {
    assert.match(reaches(".envrc", "source \"$SETUP_FILE\"\n", "notes/any.txt")?.how ?? "", /set outside the file/);
    assert.ok(reaches(".envrc", "source \"$SETUP_FILE\"\n", "sub/notes/a.txt", "sub"));
    assert.equal(reaches(".envrc", "source \"$SETUP_FILE\"\n", "other/a.txt", "sub"), undefined);
  });

  void it("leaves alone what ordinary projects name: flags, printed or removed files, unrelated patterns", () => {
    const makefile = "CC ?= gcc\nCFLAGS := -O2\nSRC := $(wildcard src/*.c)\nOBJ := $(SRC:.c=.o)\napp: $(OBJ)\n\t$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS)\n%.o: %.c\n\t$(CC) $(CFLAGS) -c $< -o $@\nclean:\n\trm -f $(OBJ) *.log $(OUT)/*.txt\ndocs:\n\tpython3 tools/gen.py $(OUT)\n";
    const dockerfile = "FROM python:3.12\nARG VERSION\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN echo $VERSION > /version.txt\nCMD [\"python\", \"-m\", \"app\"]\n";
    const workflow = "jobs:\n  t:\n    runs-on: ${{ matrix.os }}\n    steps:\n      - run: pytest --junitxml=reports/junit-${{ matrix.py }}.xml\n      - run: ls docs/*.md\n";
    for (const target of ["notes/summary.md", "docs/guide.md", "report.txt", "build/out.txt"]) {
      assert.equal(reaches("Makefile", makefile, target), undefined, `Makefile ${target}`);
      assert.equal(reaches("Dockerfile", dockerfile, target), undefined, `Dockerfile ${target}`);
      assert.equal(reaches(".github/workflows/ci.yml", workflow, target), undefined, `workflow ${target}`);
    }
  });

  void it("a file that cannot be parsed may name anything, where a file runs (fails closed), and never throws", () => {
    assert.doesNotThrow(() => indirectNames("Makefile", "X := $(\nall:\n\tsh $(X\n"));
    assert.doesNotThrow(() => indirectNames("ci.yml", "a: [b\n  - : :\n"));
    assert.doesNotThrow(() => indirectNames("Dockerfile", "RUN [\"sh\", \n"));
    assert.match(reaches("package.json", "{\"scripts\": {\"b\": \"sh $X\",}\n", "docs/any.txt")?.how ?? "", /set outside the file/);
  });
});

void describe("mounts", () => {
  void it("a compose volume or a RUN bind mount puts the project's folder where a command with a variable reaches it", () => {
    assert.ok(reaches("docker-compose.yml", "services:\n  j:\n    volumes: ['./docs:/app:ro']\n    command: sh /app/$${STEP}.txt\n", "docs/any.txt"));
    assert.ok(reaches("compose.yaml", "services:\n  j:\n    volumes:\n      - type: bind\n        source: ./docs\n        target: /app\n    command: [\"sh\", \"/app/${STEP}.txt\"]\n", "docs/any.txt"));
    assert.ok(reaches("Dockerfile", "FROM alpine\nRUN --mount=type=bind,source=docs,target=/d sh /d/$STEP.txt\n", "docs/any.txt"));
    assert.equal(reaches("docker-compose.yml", "services:\n  j:\n    volumes: ['./docs:/app:ro']\n    command: sh /app/$${STEP}.txt\n", "other/any.txt"), undefined);
  });
});

void describe("line-command files and package scripts", () => {
  void it("Procfile, crontab, package.json scripts with config, Taskfile templates", () => {
    assert.ok(reaches("Procfile", "web: d=docs; sh $d/web.txt\n", "docs/web.txt"));
    assert.ok(reaches("crontab", "D=docs\n*/5 * * * * sh $D/c.txt\n", "docs/c.txt"));
    assert.ok(reaches("package.json", "{\"config\":{\"step\":\"docs/n\"},\"scripts\":{\"build\":\"sh $npm_package_config_step.txt\"}}\n", "docs/n.txt"));
    assert.ok(reaches("Taskfile.yml", "version: '3'\nvars:\n  S: docs/t\ntasks:\n  b:\n    cmds:\n      - sh {{.S}}.txt\n", "docs/t.txt"));
    assert.equal(reaches("package.json", "{\"scripts\":{\"test\":\"node --test test/\",\"lint\":\"eslint $npm_package_config_x\"}}\n", "docs/n.txt"), undefined);
  });
});

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

void describe("CMake, Python build files and Make's eval", () => {
  void it("CMake: file(GLOB) lists a folder, foreach and include run what it finds; set and ${VAR} in include", () => {
    assert.match(reaches("CMakeLists.txt", "project(w)\nfile(GLOB EXTRA cmake.d/*)\nforeach(f ${EXTRA})\n  include(${f})\nendforeach()\n", "cmake.d/x.txt")?.how ?? "", /pattern `cmake\.d\/\*`/);
    assert.ok(reaches("CMakeLists.txt", "project(w)\nset(NAME extra)\ninclude(${CMAKE_CURRENT_LIST_DIR}/cmake/${NAME}.txt)\n", "cmake/extra.txt"));
    assert.ok(reaches("CMakeLists.txt", "file(GLOB_RECURSE S \"steps/*.txt\")\nforeach(s IN LISTS S)\n  execute_process(COMMAND sh ${s})\nendforeach()\n", "steps/deep/a.txt"));
    assert.ok(reaches("CMakeLists.txt", "add_custom_target(x ALL COMMAND sh ${CMAKE_SOURCE_DIR}/tools/gen.txt VERBATIM)\n", "tools/gen.txt"));
    assert.ok(reaches("CMakeLists.txt", "set(D plugins)\nadd_subdirectory(${D})\n", "plugins/CMakeLists.txt"));
    // A glob only listed (sources to compile), or a folder only named, runs nothing of it.
    assert.equal(reaches("CMakeLists.txt", "project(w)\nfile(GLOB EXTRA cmake.d/*)\n", "docs/summary.md"), undefined);
    assert.equal(reaches("CMakeLists.txt", "file(GLOB SRC src/*.c)\nadd_executable(app ${SRC})\n", "src/notes.txt"), undefined);
  });

  void it("Python build and test files: listing a folder, joining a name from pieces, then exec or import", () => {
    assert.match(reaches("conftest.py", "import os\nfor n in os.listdir(\"fixtures\"):\n    exec(open(\"fixtures/\" + n).read())\n", "fixtures/a.txt")?.how ?? "", /fixtures\/…/);
    assert.ok(reaches("setup.py", "import os\nHERE=os.path.dirname(__file__)\nexec(open(os.path.join(HERE, \"ver\" + \"sion\" + \".txt\")).read())\n", "version.txt"));
    assert.ok(reaches("conftest.py", "from pathlib import Path\nexec(Path(\"fix\").joinpath(\"a.txt\").read_text())\n", "fix/a.txt"));
    assert.ok(reaches("setup.py", "import glob\nfor n in glob.glob(\"build_steps/*.txt\"):\n    exec(open(n).read())\n", "build_steps/a.txt"));
    assert.ok(reaches("noxfile.py", "import nox, pathlib\n@nox.session\ndef t(session):\n    for p in pathlib.Path('checks').iterdir():\n        session.run('sh', str(p))\n", "checks/x.txt"));
    assert.ok(reaches("conftest.py", "import os, importlib\nfor root, dirs, files in os.walk('plug'):\n    for f in files:\n        code = open(os.path.join(root, f)).read()\n        exec(code)\n", "plug/a/b.txt"));
    assert.ok(reaches("fabfile.py", "import os\ndef deploy(c):\n    c.run('sh ' + os.path.join('ops', 'step-%s.txt' % 1))\n", "ops/step-1.txt"));
    assert.ok(reaches("setup.py", "import importlib\nname = 'plugins.' + 'extra'\nimportlib.import_module(name)\n", "plugins/extra.py"));
    // An ordinary setup.py: a command whose program is unknown (sys.executable), a README shown, runs no written file.
    const setup = "import subprocess, sys\nfrom setuptools import setup\nsubprocess.check_call([sys.executable, '-m', 'pip', 'install', 'x'])\nsetup(name='x', long_description=open('README.md').read())\n";
    for (const target of ["docs/summary.md", "notes/today.txt"]) assert.equal(reaches("setup.py", setup, target), undefined, target);
    assert.doesNotThrow(() => indirectNames("setup.py", "exec(open('a' + (\n"));
  });

  void it("Make: $(eval) in a foreach reads its text as makefile lines (an include of each file found)", () => {
    assert.ok(reaches("Makefile", "$(foreach f,$(wildcard parts/*.txt),$(eval include $(f)))\n", "parts/a.txt"));
    assert.equal(reaches("Makefile", "$(info building)\nall:\n\techo ok\n", "parts/a.txt"), undefined);
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

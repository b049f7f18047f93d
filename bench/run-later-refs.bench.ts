// Cost of the reference scan a workspace write pays (fs/referenced-by.ts: literal mentions, and names through
// indirection read per language by fs/run-later-names.ts), on a project of ~4,000 files: 3,900 sources and
// documents in 60 folders, and 40 run-later files with variables, globs and includes (Makefiles and .mk files,
// Dockerfiles, CI workflows, tox.ini, .envrc, package.json, CMakeLists.txt, setup.py, conftest.py). Per write: cold (every run-later file changed since
// the last write, so each is read and parsed again) and warm (parsed versions cached). Bounded: RUNS per variant.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { measureSync } from "./support/timing.ts";
import { referenceScan } from "../src/fs/referenced-by.ts";

const RUNS = 40;
const DIRS = 60;
const PLAIN = 3_900;

const measure = (fn: () => unknown, before?: () => void) => measureSync(RUNS, fn, before);

const runLater: Record<string, string> = {
  Makefile: "CC ?= gcc\nCFLAGS := -O2 -Wall\nSRC := $(wildcard src/*.c)\nOBJ := $(SRC:.c=.o)\nSTEPS := $(addprefix scripts/,a b c)\ninclude $(wildcard mk/*.mk)\n\napp: $(OBJ)\n\t$(CC) $(CFLAGS) -o $@ $^\n%.o: %.c\n\t$(CC) $(CFLAGS) -c $< -o $@\nsteps:\n\tfor s in $(STEPS); do sh $$s.sh; done\n",
  Dockerfile: "FROM python:3.12\nARG APP=/app\nWORKDIR $APP\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nENV ENTRY=bin/start\nCMD [\"sh\", \"bin/start.sh\"]\n",
  "tox.ini": "[tox]\nenvlist = py311,py312\n[testenv]\ndeps = -r{toxinidir}/requirements-dev.txt\nsetenv =\n    CFG = {toxinidir}/conf\ncommands =\n    pytest {posargs:tests}\n    sh {env:CFG}/check.sh\n",
  ".envrc": "source_up\nd=conf\nsource_env_if_exists \"$d/local.env\"\nexport PATH=$PWD/bin:$PATH\nfor f in conf/{dev,ci}.sh; do . \"$f\"; done\n",
  "package.json": "{\"scripts\":{\"test\":\"node --test test/\",\"build\":\"tsc -p .\"}}\n",
};
// CMake and Python build and test files, read in their own languages (fs/cmake-names.ts, fs/python-names.ts).
runLater["CMakeLists.txt"] = "cmake_minimum_required(VERSION 3.20)\nproject(app C)\nset(GEN ${CMAKE_CURRENT_SOURCE_DIR}/gen)\nfile(GLOB SRC src/*.c)\nfile(GLOB_RECURSE HDR include/*.h)\nlist(APPEND CMAKE_MODULE_PATH ${CMAKE_CURRENT_SOURCE_DIR}/cmake)\ninclude(Warnings)\nforeach(m IN ITEMS a b c)\n  add_subdirectory(modules/${m})\nendforeach()\nadd_executable(app ${SRC} ${HDR})\nadd_custom_target(gen ALL COMMAND sh ${GEN}/run.sh VERBATIM)\n";
runLater["setup.py"] = "import os, re, subprocess, sys\nfrom setuptools import setup, find_packages\nHERE = os.path.dirname(os.path.abspath(__file__))\nabout = {}\nwith open(os.path.join(HERE, 'pkg', '__version__.py')) as f:\n    exec(f.read(), about)\nif os.environ.get('BUILD_EXT'):\n    subprocess.check_call([sys.executable, '-m', 'pip', 'install', 'cython'])\nsetup(name='pkg', version=about['__version__'], packages=find_packages(exclude=['tests']), long_description=open('README.md').read())\n";
runLater["conftest.py"] = "import os\nimport pytest\nfrom pathlib import Path\nDATA = Path(__file__).parent / 'tests' / 'data'\n@pytest.fixture\ndef cases():\n    return sorted(p.name for p in DATA.glob('*.json'))\n";
for (let i = 0; i < 12; i += 1) runLater[`mk/part${i}.mk`] = `PART${i} := src/p${i}\nbuild-${i}:\n\t$(CC) -c $(PART${i})/*.c\n`;
for (let i = 0; i < 12; i += 1) runLater[`.github/workflows/w${i}.yml`] = `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n      STEP: scripts/w${i}\n    steps:\n      - uses: actions/checkout@v4\n      - run: sh "$STEP.sh"\n      - run: pytest --junitxml=reports/r-${i}.xml\n`;
for (let i = 0; i < 11; i += 1) runLater[`services/s${i}/Dockerfile`] = `FROM node:24\nARG SVC=s${i}\nWORKDIR /srv\nCOPY . .\nRUN npm ci && sh /srv/boot-\${SVC}.sh\n`;

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-bench-refs-")));
try {
  const ws = path.join(root, "ws");
  for (let f = 0; f < PLAIN; f += 1) {
    const dir = path.join(ws, "src", `m${f % DIRS}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, f % 3 === 0 ? `notes${f}.md` : `file${f}.ts`), "export const x = 1;\n");
  }
  for (const [p, text] of Object.entries(runLater)) {
    fs.mkdirSync(path.dirname(path.join(ws, p)), { recursive: true });
    fs.writeFileSync(path.join(ws, p), text);
  }
  let tick = 0;
  // Every run-later file changed since the last write: each is read and parsed again.
  const touchAll = () => {
    tick += 1;
    const when = new Date(Date.now() - 60_000 + tick * 10);
    for (const p of Object.keys(runLater)) fs.utimesSync(path.join(ws, p), when, when);
  };
  const target = "docs/summary.md";
  const found = referenceScan(ws, target);
  const figures = {
    runs: RUNS, files: PLAIN + Object.keys(runLater).length, runLaterFiles: Object.keys(runLater).length,
    answer: found.why ?? found.cutShort ?? "none",
    coldPerWrite: measure(() => referenceScan(ws, target), touchAll),
    warmPerWrite: measure(() => referenceScan(ws, target)),
    // A path one of them reaches through a variable: the scan stops at the first file that names it.
    warmReached: measure(() => referenceScan(ws, "scripts/w11.sh")),
    loadAverage: os.loadavg()[0],
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}

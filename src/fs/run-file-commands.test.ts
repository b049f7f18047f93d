import { test } from "node:test";
import assert from "node:assert/strict";
import { commandsRunBy } from "./run-file-commands.ts";

const files = (map: Record<string, string>) => (p: string) => map[p];

test("make runs the target's recipe and its prerequisites', with the file's variables and make's prefixes read", () => {
  const read = files({ Makefile: "OUT = shared\nall: build\n\ntidy: clean\n\t@cp private/notes.txt $(OUT)/n.txt\n\t-echo $$HOME\nclean:\n\trm -f tmp/*.o\nbuild:\n\techo build\n" });
  const tidy = commandsRunBy(["make", "tidy"], "", read);
  assert.deepEqual(tidy?.commands, ["rm -f tmp/*.o", "cp private/notes.txt shared/n.txt", "echo $HOME"]);
  assert.equal(tidy?.complete, true);
  assert.equal(tidy?.runs, "the Makefile target `tidy`");
  assert.deepEqual(commandsRunBy(["make"], "", read)?.commands, ["echo build"]);
  const unknown = commandsRunBy(["make", "-C", "sub", "x"], "", files({ "sub/Makefile": "x:\n\tcp a $(DEST)\n" }));
  assert.equal(unknown?.file, "sub/Makefile");
  assert.equal(unknown?.complete, false);
  assert.match(unknown?.why ?? "", /\$\(DEST\)/);
  assert.equal(commandsRunBy(["make", "tidy"], "", files({}))?.complete, false);
});

test("npm, pnpm and yarn run a package.json script with its pre and post scripts; install runs the install scripts", () => {
  const read = files({ "package.json": JSON.stringify({ scripts: { prelint: "echo pre", lint: "cp private/notes.txt shared/n.txt", test: "node t.js", postinstall: "sh x.sh" } }) });
  assert.deepEqual(commandsRunBy(["npm", "run", "lint"], "", read)?.commands, ["echo pre", "cp private/notes.txt shared/n.txt"]);
  assert.deepEqual(commandsRunBy(["npm", "test"], "", read)?.commands, ["node t.js"]);
  assert.deepEqual(commandsRunBy(["yarn", "lint"], "", read)?.commands, ["echo pre", "cp private/notes.txt shared/n.txt"]);
  assert.deepEqual(commandsRunBy(["pnpm", "run", "lint"], "", read)?.commands, ["echo pre", "cp private/notes.txt shared/n.txt"]);
  assert.deepEqual(commandsRunBy(["npm", "install"], "", read)?.commands, ["sh x.sh"]);
  assert.equal(commandsRunBy(["npm", "install", "left-pad"], "", read), undefined);
  assert.equal(commandsRunBy(["yarn", "add", "left-pad"], "", read), undefined);
  assert.equal(commandsRunBy(["bun", "install"], "", read), undefined);
  assert.equal(commandsRunBy(["npm", "run", "nope"], "", read)?.complete, false);
});

test("a shell script's lines, a justfile recipe, and an interpreter's file named but not read as commands", () => {
  const read = files({ "tools/format.sh": "#!/bin/sh\ncp private/notes.txt shared/n.txt\n", justfile: "fmt: lint\n    cp a b\nlint:\n    echo lint\n", "x.py": "# hi\nimport shutil\nshutil.copy('a','b')\n" });
  assert.deepEqual(commandsRunBy(["sh", "tools/format.sh"], "", read)?.commands, ["#!/bin/sh\ncp private/notes.txt shared/n.txt\n"]);
  assert.deepEqual(commandsRunBy(["./format.sh"], "tools", read)?.commands, ["#!/bin/sh\ncp private/notes.txt shared/n.txt\n"]);
  assert.equal(commandsRunBy(["bash", "-c", "echo hi"], "", read), undefined);
  assert.deepEqual(commandsRunBy(["just", "fmt"], "", read)?.commands, ["echo lint", "cp a b"]);
  const py = commandsRunBy(["python3", "x.py"], "", read);
  assert.equal(py?.shell, false);
  assert.equal(py?.complete, false);
  assert.deepEqual(py?.commands, ["import shutil", "shutil.copy('a','b')"]);
  assert.equal(commandsRunBy(["ls", "-la"], "", read), undefined);
});

test("bounded: at most 32 commands, each cut at 2,000 characters, and then not complete", () => {
  const recipe = Array.from({ length: 40 }, (_, i) => `\techo ${i}`).join("\n");
  const many = commandsRunBy(["make", "x"], "", files({ Makefile: `x:\n${recipe}\n` }));
  assert.equal(many?.commands.length, 32);
  assert.equal(many?.complete, false);
});

// Shell text expanded as the shell would: what each word may become, and where in its command it stands.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { expandWord, shellNames, Unresolved, type Env, type Place } from "./shell-words.ts";

const values = (script: string, env: Env = new Map()) => shellNames(script, env).map((n) => n.value);
const placeOf = (script: string, value: string): Place | undefined => shellNames(script, new Map()).find((n) => n.value === value)?.place;

void describe("shellNames", () => {
  void it("splices quotes, decodes $'…' and takes backslashes as the shell does", () => {
    for (const [script, want] of [
      ["source 'not'es/e.txt", "notes/e.txt"],
      [". notes/e\"\".txt", "notes/e.txt"],
      ["source_env \"notes/\"\"e.txt\"", "notes/e.txt"],
      ["source $'\\x6eotes'/e.txt", "notes/e.txt"],
      ["sh n\\otes/e.txt", "notes/e.txt"],
    ] as const) assert.ok(values(script).includes(want), script);
  });

  void it("substitutes variables assigned earlier, defaults, and printf or echo output", () => {
    assert.ok(values("d=notes\nf=env\nsource \"$d/$f.txt\"\n").includes("notes/env.txt"));
    assert.ok(values("EXT=txt; sh docs/ci.$EXT").includes("docs/ci.txt"));
    assert.ok(values("export D=docs\nsh ${D}/a.txt").includes("docs/a.txt"));
    assert.ok(values("sh ${STEPS:-docs/b}.txt").includes("docs/b.txt"));
    assert.ok(values("source \"$(printf 'notes/%s.txt' e)\"").includes("notes/e.txt"));
    assert.ok(values("sh `echo docs/c.txt`").includes("docs/c.txt"));
    assert.ok(values("sh -c 'X=docs; sh $X/d.txt'").includes("docs/d.txt"));
  });

  void it("expands braces and ranges, and binds a for loop's variable to its list", () => {
    const names = values("for f in notes/{a,e}.txt steps/s{1..3}.sh; do . \"$f\"; done");
    for (const want of ["notes/a.txt", "notes/e.txt", "steps/s2.sh"]) assert.ok(names.includes(want), want);
    assert.deepEqual(expandWord("x{a,b}{1,2}", new Map()).sort(), ["xa1", "xa2", "xb1", "xb2"]);
  });

  void it("keeps what it cannot know as Unresolved, and globs as globs", () => {
    assert.ok(values("sh $UNKNOWN.txt").includes(`${Unresolved}.txt`));
    assert.ok(values("sh \"$(cat list)\"").includes(Unresolved));
    assert.ok(values("for f in /docs/*.txt; do sh $f; done").includes("/docs/*.txt"));
  });

  void it("says where a name stands: run, only printed or removed, or another argument", () => {
    assert.equal(placeOf("sh $X/run.txt", `${Unresolved}/run.txt`), "runs");
    assert.equal(placeOf("python3 tools/gen.py $OUT/a.txt", "tools/gen.py"), "runs");
    assert.equal(placeOf("python3 tools/gen.py $OUT/a.txt", `${Unresolved}/a.txt`), "names");
    assert.equal(placeOf("make -f $MK.mk", `${Unresolved}.mk`), "runs");
    assert.equal(placeOf("pip install -r $R.txt", `${Unresolved}.txt`), "runs");
    assert.equal(placeOf("rm -f $X/*.txt", `${Unresolved}/*.txt`), "inert");
    assert.equal(placeOf("echo $X.txt", `${Unresolved}.txt`), "inert");
    assert.equal(placeOf("$X/tool.txt", `${Unresolved}/tool.txt`), "runs");
  });

  void it("a command run once per file a listing finds names every file below the folder listed", () => {
    assert.equal(placeOf("find env.d -type f -exec sh {} \\;", `env.d/${Unresolved}`), "runs");
    assert.equal(placeOf("find scripts -name *.txt -exec sh {} ;", `scripts/${Unresolved}`), "runs");
    assert.equal(placeOf("find hooks -type f | xargs -n1 sh", `hooks/${Unresolved}`), "runs");
    assert.equal(placeOf("ls scripts | xargs -I{} sh scripts/{}", `scripts/${Unresolved}`), "runs");
    assert.equal(placeOf("git ls-files | xargs bash", Unresolved), "runs");
    // What only removes, formats or prints what it finds runs nothing of it.
    assert.equal(placeOf("find . -name '*.pyc' -exec rm {} +", Unresolved), "inert");
    assert.equal(placeOf("find src -name '*.c' | xargs clang-format -i", `src/${Unresolved}`), "names");
  });

  void it("a file whose content a command substitution reads runs where the word it becomes runs", () => {
    assert.equal(placeOf("bash -c \"$(cat ci/st\"\"eps.txt)\"", "ci/steps.txt"), "runs");
    assert.equal(placeOf("sh $(cat list.txt)", "list.txt"), "runs");
    assert.equal(placeOf("eval \"$(< env/setup.txt)\"", "env/setup.txt"), "runs");
    assert.equal(placeOf("echo \"$(cat VERSION)\"", "VERSION"), "names");
  });

  void it("stays bounded on an explosion of alternatives and never throws", () => {
    const names = values("sh {a,b}{a,b}{a,b}{a,b}{a,b}{a,b}.txt");
    assert.ok(names.length <= 32);
    assert.doesNotThrow(() => values("sh \"unterminated $(printf '%s' \"x"));
  });
});

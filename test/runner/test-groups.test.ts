/**
 * The test runner's groups (scripts/test-groups.ts): the unit files of one src/ directory share a process, so a file
 * that changes what the whole process shares must say it needs its own, and a group runs each file as it runs alone.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { globSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import ts from "typescript";
import { groupEntrySource, ownProcessMarker, testUnits } from "../../scripts/test-groups.ts";
import { tempDir } from "../support/harness.ts";

const root = new URL("../../", import.meta.url).pathname;

/**
 * What a test file's code changes for every file in its process, one description each (`line: what`): writes to
 * `process.env`, `process.chdir`, `process.umask(mask)`, `process.exitCode =`, `process.on`/`once`/… handlers,
 * writes to `globalThis`, `mock.timers.enable` on the global `mock` (a test's own `t.mock` is reset when the test
 * ends). Parsed, so a string or comment that mentions them is not counted.
 */
function processWideChanges(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const note = (node: ts.Node, what: string) => found.push(`${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}: ${what}`);
  const isProcess = (e: ts.Expression) => ts.isIdentifier(e) && e.text === "process";
  const under = (e: ts.Expression, test: (x: ts.Expression) => boolean): boolean => {
    let x: ts.Expression = e;
    for (;;) {
      if (test(x)) return true;
      if (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) x = x.expression;
      else if (ts.isParenthesizedExpression(x) || ts.isNonNullExpression(x) || ts.isAsExpression(x)) x = x.expression;
      else return false;
    }
  };
  const isEnv = (x: ts.Expression) => ts.isPropertyAccessExpression(x) && x.name.text === "env" && isProcess(x.expression);
  const isGlobal = (x: ts.Expression) => ts.isIdentifier(x) && x.text === "globalThis";
  const isExitCode = (x: ts.Expression) => ts.isPropertyAccessExpression(x) && x.name.text === "exitCode" && isProcess(x.expression);
  const written = (target: ts.Expression) => {
    if (under(target, isEnv)) return "writes process.env";
    if (under(target, isGlobal) && !isGlobal(target)) return "writes globalThis";
    if (isExitCode(target)) return "sets process.exitCode";
    return undefined;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const what = written(node.left);
      if (what !== undefined) note(node, what);
    } else if (ts.isDeleteExpression(node)) {
      const what = written(node.expression);
      if (what !== undefined) note(node, what);
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const { expression: target, name } = node.expression;
      if (isProcess(target) && name.text === "chdir") note(node, "calls process.chdir");
      if (isProcess(target) && name.text === "umask" && node.arguments.length > 0) note(node, "sets the umask");
      if (isProcess(target) && ["on", "once", "addListener", "prependListener", "prependOnceListener", "setUncaughtExceptionCaptureCallback"].includes(name.text)) note(node, `calls process.${name.text}`);
      if (ts.isIdentifier(target) && ["assign", "defineProperty"].includes(name.text) && target.text === "Object" && node.arguments[0] !== undefined && (under(node.arguments[0], isEnv) || isGlobal(node.arguments[0]))) note(node, "writes process.env or globalThis");
      if (name.text === "enable" && ts.isPropertyAccessExpression(target) && target.name.text === "timers" && ts.isIdentifier(target.expression) && target.expression.text === "mock") note(node, "enables the global mock timers");
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

test("every unit or end-to-end file that changes what its whole process shares runs in a process of its own", () => {
  const unmarked: string[] = [];
  for (const file of globSync(["src/**/*.test.ts", "test/e2e/**/*.test.ts"], { cwd: root }).sort()) {
    const text = readFileSync(`${root}${file}`, "utf8");
    const changes = processWideChanges(file, text);
    if (changes.length > 0 && !ownProcessMarker.test(text)) unmarked.push(`${file} (${changes.join("; ")})`);
  }
  assert.deepEqual(unmarked, [], "add `// warden-test: own-process (why)` to these files, or make them leave the process as they found it");
});

test("what counts as changing the process is parsed from code, not matched in text", () => {
  const code = [
    "process.env.A = '1';",
    "delete process.env['B'];",
    "Object.assign(process.env, { C: '1' });",
    "process.chdir('/');",
    "process.umask(0o22);",
    "process.exitCode = 1;",
    "process.on('exit', () => {});",
    "(globalThis as any).fetch = undefined;",
    "mock.timers.enable();",
  ].join("\n");
  assert.deepEqual(processWideChanges("a.ts", code).map((c) => c.split(": ")[0]), ["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  const harmless = [
    "// process.env.A = '1'",
    "const s = 'process.chdir(\"/\")';",
    "const env = { ...process.env, A: '1' };",
    "const mask = process.umask();",
    "assert.equal(process.exitCode, undefined);",
    "t.mock.timers.enable({ apis: ['setInterval'] });",
    "child.on('exit', () => {});",
  ].join("\n");
  assert.deepEqual(processWideChanges("b.ts", harmless), []);
});

test("a src/ directory's files share one process, and the end-to-end files another; marked files, other test/ files and a lone file keep their own", () => {
  const sources: Record<string, string> = {
    "src/a/own.test.ts": "// warden-test: own-process (it sets process.env)\nimport 'x';\n",
    "test/e2e/long.test.ts": "/** A long one. */\n// warden-test: own-process (minutes long)\n",
  };
  const files = ["test/e2e/x.test.ts", "test/e2e/long.test.ts", "test/runner/r.test.ts", "src/a/one.test.ts", "src/a/sub/two.test.ts", "src/a/own.test.ts", "src/b/alone.test.ts", "src/c/1.test.ts", "src/c/2.test.ts", "test/e2e/y.test.ts"];
  const units = testUnits(files, (f) => sources[f] ?? "");
  assert.deepEqual(units, [
    { name: "test/e2e/long.test.ts", files: ["test/e2e/long.test.ts"] },
    { name: "test/runner/r.test.ts", files: ["test/runner/r.test.ts"] },
    { name: "src/a/own.test.ts", files: ["src/a/own.test.ts"] },
    { name: "test/e2e/", files: ["test/e2e/x.test.ts", "test/e2e/y.test.ts"] },
    { name: "src/a/", files: ["src/a/one.test.ts", "src/a/sub/two.test.ts"] },
    { name: "src/b/alone.test.ts", files: ["src/b/alone.test.ts"] },
    { name: "src/c/", files: ["src/c/1.test.ts", "src/c/2.test.ts"] },
  ]);
  assert.equal(testUnits(files, (f) => sources[f] ?? "", true).length, files.length, "WARDEN_TEST_ISOLATE: every file alone");
  assert.equal(testUnits(["src/a/x.test.ts"], () => "// warden-test: own-process\n").length, 1);
  assert.ok(!ownProcessMarker.test("// warden-test: own-process\n"), "a marker gives its reason");
});

test("a group runs each of its files as the file runs alone: top-level await, hooks and a file that fails to load", () => {
  const dir = tempDir();
  try {
    const write = (file: string, text: string) => {
      mkdirSync(dirname(`${dir.path}/${file}`), { recursive: true });
      writeFileSync(`${dir.path}/${file}`, text);
    };
    // A top-level `await test(…)` waits for its test: with every file imported before any test runs (Node's
    // --test-isolation=none) it never ends; here each file runs inside its own test.
    write("src/g/a.test.ts", `import { after, test } from "node:test";
      let closed = false;
      after(() => { closed = true; process.stdout.write("a closed\\n"); });
      await test("a first", () => {});
      await test("a second", async () => { await new Promise((r) => setTimeout(r, 5)); });
      export const isClosed = () => closed;`);
    write("src/g/b.test.ts", `import { test } from "node:test";
      import assert from "node:assert/strict";
      import { isClosed } from "./a.test.ts";
      test("b sees a's after hook already run", () => assert.equal(isClosed(), true));`);
    write("src/g/broken.test.ts", "import './missing.ts';\n");
    const units = testUnits(["src/g/a.test.ts", "src/g/b.test.ts", "src/g/broken.test.ts"], () => "");
    assert.equal(units.length, 1);
    const entry = `${dir.path}/group.mjs`;
    writeFileSync(entry, groupEntrySource(`${dir.path}/`, units[0] as (typeof units)[number]));
    // As scripts/run-tests.ts runs it, but outside this test's own runner (which a child would otherwise report to).
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "NODE_TEST_CONTEXT"));
    const run = spawnSync(process.execPath, ["--test-reporter=tap", entry], { encoding: "utf8", env, timeout: 120_000 });
    const out = run.stdout;
    assert.equal(run.status, 1, `the file that does not load fails the group\n${out}${run.stderr}`);
    assert.match(out, /^a closed$/m);
    for (const name of ["a first", "a second", "b sees a's after hook already run", "src/g/a.test.ts", "src/g/b.test.ts"]) assert.match(out, new RegExp(`^\\s*ok \\d+ - ${name}$`, "m"), name);
    assert.match(out, /^not ok \d+ - src\/g\/broken\.test\.ts$/m);
    assert.match(out, /# pass 5\n# fail 1/);
  } finally {
    dir.remove();
  }
});

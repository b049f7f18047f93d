import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { createShellAnalyzer } from "./shell-analyzer.ts";
import type { ShellAnalysis, ShellAnalyzer } from "./shell-analyzer.ts";

let analyzer: ShellAnalyzer;
before(async () => {
  analyzer = await createShellAnalyzer();
});

function argvs(a: ShellAnalysis): string[][] {
  return a.commands.map((c) => c.argv.map((w) => (w.literal ? w.value : `<${w.source}>`)));
}
function ids(a: ShellAnalysis): string[] {
  return [...new Set(a.problems.map((p) => p.id))].sort();
}

void describe("shell analyzer", () => {
  void it("finds every command in lists, pipelines, subshells, groups and control flow", () => {
    const a = analyzer.analyze("ls -la | grep x && (cd src; pwd) || { cat a; } ; ! wc -l b & if true; then echo y; fi");
    assert.deepEqual(argvs(a), [["ls", "-la"], ["grep", "x"], ["cd", "src"], ["pwd"], ["cat", "a"], ["wc", "-l", "b"],
      ["true"], ["echo", "y"]]);
    assert.equal(a.subshells, 1);
    assert.deepEqual(a.problems, []);
  });

  void it("finds commands inside command and process substitutions, nested", () => {
    const a = analyzer.analyze('echo "$(cat $(id))" `whoami` <(ls) >(rm x)');
    const names = argvs(a).map((c) => c[0]);
    for (const n of ["echo", "cat", "id", "whoami", "ls", "rm"]) assert.ok(names.includes(n), n);
    assert.ok(ids(a).includes("exec.substitution"));
    assert.ok(a.substitutions.some((s) => s.kind === "process"));
  });

  void it("removes quotes the way bash does", () => {
    const a = analyzer.analyze(`c'a't "a\\"b" 'x y' a\\ b "\\$HOME" $'t\\tab' ""`);
    assert.deepEqual(argvs(a), [["cat", 'a"b', "x y", "a b", "$HOME", "t\tab", ""]]);
    assert.deepEqual(a.problems, []);
  });

  void it("marks expansions, globs and braces in command position", () => {
    assert.ok(ids(analyzer.analyze("$CMD x")).includes("exec.dynamic_command"));
    assert.ok(ids(analyzer.analyze("/???/??t /etc/passwd")).includes("exec.dynamic_command"));
    assert.ok(ids(analyzer.analyze("{cat,/etc/passwd}")).length > 0);
    assert.ok(ids(analyzer.analyze("cat$IFS/etc/passwd")).includes("exec.ifs"));
    assert.ok(ids(analyzer.analyze("c${x}at a")).includes("exec.dynamic_command"));
  });

  void it("marks non-literal arguments with why", () => {
    const a = analyzer.analyze("cat $HOME/x ~/y *.txt");
    const [cmd] = a.commands;
    assert.ok(cmd !== undefined);
    assert.equal(cmd.argv[1]?.literal, false);
    assert.match(cmd.argv[1]?.why ?? "", /variable expansion/);
    assert.equal(cmd.argv[2]?.tilde, true);
    assert.equal(cmd.argv[3]?.glob, true);
    assert.equal(cmd.argv[3]?.literal, true);
  });

  void it("reads redirections with direction and target", () => {
    const a = analyzer.analyze("cmd < in > out 2>&1 >> log 2>/dev/null &> all > $(x)");
    const seen = a.redirects.map((r) => [r.direction, r.target?.literal ? r.target.value : null]);
    assert.deepEqual(seen.slice(0, 6), [["read", "in"], ["write", "out"], ["dup", "1"], ["append", "log"],
      ["write", "/dev/null"], ["write", "all"]]);
    assert.ok(ids(a).includes("exec.dynamic_redirect"));
  });

  void it("treats quoted heredocs as data and unquoted ones as expanding", () => {
    const quoted = analyzer.analyze("cat <<'EOF'\n$(id) `id`\nEOF");
    assert.deepEqual(quoted.problems, []);
    assert.equal(quoted.heredocs[0]?.quoted, true);
    const open = analyzer.analyze("cat <<EOF\nhello `id`\nEOF");
    assert.ok(ids(open).includes("exec.substitution"));
    const sub = analyzer.analyze("cat <<EOF\n$(rm -rf x)\nEOF");
    assert.ok(argvs(sub).some((c) => c[0] === "rm"));
  });

  void it("refuses constructs it does not reason about", () => {
    for (const c of ["for PATH in /tmp; do ls; done", "[[ 'a[$(id)]' -eq 1 ]]", "echo $((1+1))", "export A=1", "X=1",
      "unset PATH", "a=(1 2)"]) {
      assert.ok(ids(analyzer.analyze(c)).includes("exec.unsupported_construct"), c);
    }
    assert.ok(ids(analyzer.analyze("ls() { rm -rf ~; }; ls")).includes("exec.function_definition"));
  });

  void it("fails closed on parse errors and grammar differentials", () => {
    for (const c of ["ls |", "cat 'a", "ls &&", "$(", "", "  ", "ec\\\nho hi", "ls\u0001", "cat\u00a0x", "ls\r",
      "x".repeat(100_001)]) {
      assert.ok(ids(analyzer.analyze(c)).includes("exec.parse_error"), JSON.stringify(c.slice(0, 20)));
    }
  });

  void it("reports prefix assignments and `$\"…\"` words", () => {
    const a = analyzer.analyze("LD_PRELOAD=/x.so ls");
    assert.deepEqual(a.commands[0]?.assignments.map((x) => x.name), ["LD_PRELOAD"]);
    assert.ok(ids(analyzer.analyze('echo $"x"')).includes("exec.dynamic_argument"));
  });

  void it("is reusable: many analyses from one parser", () => {
    for (let i = 0; i < 500; i++) assert.equal(analyzer.analyze(`echo ${i}`).commands.length, 1);
  });
});

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

  void it("never throws on deep nesting", () => {
    for (const c of [`${"(".repeat(20000)}ls${")".repeat(20000)}`, `echo ${"$(".repeat(20000)}id${")".repeat(20000)}`]) {
      assert.ok(ids(analyzer.analyze(c)).includes("exec.parse_error"));
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

// Differential check against real bash: for every input the analyzer reads without problems, bash must pass the
// same argv. `x` is a function printing its arguments; PATH is empty so a missed substitution fails visibly.
const quotingCases = [
  "x a\\ b", "x 'a'\"b\"c", "x \"a\\\"b\" 'c\\'", "x $'a\\'b'", "x $'\\\\'", "x \"\\\\\\\\\"", "x \"a\\$b\"", "x \"a\\`b\"",
  "x 'a\\nb'", "x \"a\\nb\"", "x a\\\\b", "x \\'", "x \\\"", "x \"\"''", "x \"a\"'b'$'c'", "x a'b'\"c\"\\d", "x $'\\t'",
  "x a#b", "x a\\#b", "x \\#a", "x '#'", "x a=b", "x -- -e", "x \\~", "x \"~\"", "x ~", "x ~/p", "x 'a\nb'",
  "x \"l1\nl2\"", "x a\\;b", "x a\\|b", "x \\(a\\)", "x \\{a,b\\}", "x {a}", "x a{}b", "x \\$HOME", "x \"$\"", "x a$",
  "x '$(id)'", "x \"'\"", "x '\"'", "x \\\\\\\"", "x é", "x \"\\x\"", "x $'\\n'", "x \"a\\\nb\"", "x 'it'\\''s'",
  "x \"$(echo hi)\"", "x $HOME", "x `echo a`", "x ${HOME}", "x $'\\x41'", "x a{b,c}", "x {1..3}", "x *", "x '*'",
];

// Word pieces for the generated cases: quoting styles, escapes and characters bash treats specially.
const pieces = ["a", "'b'", "\"c\"", "\\d", "$'e'", "\"\"", "''", "\\ ", "\"\\\"\"", "'x y'", "\"l1\nl2\"", "\\\\", "#",
  "=", "{", "}", "~", ",", "-", "$'\\t'", "\"$\"", "\\$", "\\'", "'\\'", "\"'\"", "é", ";", "\\;", "\\|", "%", "@", ":"];

function generatedCases(count: number): string[] {
  let seed = 0x5eed;
  // xorshift32: deterministic, so a failure reproduces.
  const next = (n: number) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: 1 + next(3) }, () =>
      Array.from({ length: 1 + next(4) }, () => pieces[next(pieces.length)] ?? "a").join(""));
    out.push(`x ${words.join(" ")}`);
  }
  return out;
}

void describe("shell analyzer versus bash", () => {
  void it("reads literal words exactly as bash passes them", async () => {
    const { spawnSync } = await import("node:child_process");
    const home = "/home/warden-test";
    const compared: Array<{ input: string; expected: string[] }> = [];
    const mismatches: string[] = [];
    for (const input of [...quotingCases, ...generatedCases(3000)]) {
      // Either the analyzer admits it cannot read the words (and the policy asks), or it reads them as bash does.
      const analysis = analyzer.analyze(input);
      const cmd = analysis.commands[0];
      const words = cmd?.argv.slice(1) ?? [];
      // `x ;;` is a syntax error for bash (nothing runs) and would end the batch below.
      if (input.includes(";;")) continue;
      if (analysis.problems.length > 0 || analysis.commands.length !== 1 || cmd === undefined
        || words.some((w) => !w.literal || w.glob || (w.tilde && w.source !== "~" && !w.source.startsWith("~/")))) continue;
      if (cmd.argv[0]?.value !== "x") {
        mismatches.push(`${JSON.stringify(input)}: analyzer reads the command name as ${JSON.stringify(cmd.argv[0]?.value)}`);
        continue;
      }
      compared.push({ input, expected: words.map((w) => (w.tilde ? home + w.value.slice(1) : w.value)) });
    }
    assert.ok(compared.length > 1500);
    // One bash process for all cases; each prints its words NUL-separated, then a \x01 record separator.
    const script = [`x() { for a in "$@"; do printf '%s\\0' "$a"; done; }`,
      ...compared.map((c) => `${c.input}\nprintf '\\1'`)].join("\n");
    const run = spawnSync("/bin/bash", ["--norc", "--noprofile", "-c", script],
      { env: { PATH: "/nonexistent", HOME: home }, encoding: "utf8", timeout: 600_000 });
    const records = run.stdout.split("\u0001");
    compared.forEach((c, i) => {
      const actual = (records[i] ?? "<missing>").split("\0").slice(0, -1);
      if (JSON.stringify(actual) !== JSON.stringify(c.expected)) {
        mismatches.push(`${JSON.stringify(c.input)}: analyzer ${JSON.stringify(c.expected)} bash ${JSON.stringify(actual)}`);
      }
    });
    assert.deepEqual(mismatches, []);
  });
});

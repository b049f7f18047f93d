import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { createShellAnalyzer } from "./shell-analyzer.ts";
import type { ShellAnalyzer } from "./shell-analyzer.ts";
import { unwrapCommand } from "./wrappers.ts";

let analyzer: ShellAnalyzer;
before(async () => {
  analyzer = await createShellAnalyzer();
});

function unwrap(command: string) {
  const cmd = analyzer.analyze(command).commands[0];
  assert.ok(cmd !== undefined, command);
  const r = unwrapCommand(cmd.argv);
  return { argvs: r.commands.map((c) => c.argv.map((w) => w.value)), commands: r.commands, problems: r.problems.map((p) => p.id) };
}

void describe("wrapper unwrapping", () => {
  void it("sees through env, nice, nohup, time, timeout, stdbuf, command, builtin, busybox", () => {
    const cases: Array<[string, string[]]> = [
      ["env A=1 -i rm x", ["rm", "x"]],
      ["nice -n 5 rm x", ["rm", "x"]],
      ["nice -5 rm x", ["rm", "x"]],
      ["nohup rm x", ["rm", "x"]],
      ["time -p rm x", ["rm", "x"]],
      ["timeout -s KILL 5 rm x", ["rm", "x"]],
      ["stdbuf -o0 -eL rm x", ["rm", "x"]],
      ["command -p rm x", ["rm", "x"]],
      ["builtin eval x", ["eval", "x"]],
      ["busybox rm x", ["rm", "x"]],
      ["/usr/bin/env -- nice timeout 1 rm x", ["rm", "x"]],
      ["sudo -u root rm x", ["rm", "x"]],
    ];
    for (const [input, expected] of cases) assert.deepEqual(unwrap(input).argvs, [expected], input);
  });

  void it("records assignments, privilege and run-time arguments", () => {
    assert.deepEqual(unwrap("env LD_PRELOAD=x ls").commands[0]?.assignments, ["LD_PRELOAD=x"]);
    assert.deepEqual(unwrap("env -u PATH ls").commands[0]?.assignments, ["PATH="]);
    // Clearing the environment is recorded too: it drops the sandbox's git hardening, carried in GIT_CONFIG_*.
    for (const c of ["env -i git status", "env - git status", "env --ignore-environment git status"]) assert.deepEqual(unwrap(c).commands[0]?.assignments, ["*="], c);
    const sudo = unwrap("sudo ls");
    assert.equal(sudo.commands[0]?.privileged, true);
    assert.ok(sudo.problems.includes("exec.privilege"));
    const x = unwrap("xargs -n 1 rm -f");
    assert.deepEqual(x.argvs, [["rm", "-f"]]);
    assert.equal(x.commands[0]?.argsUnknown, true);
    assert.deepEqual(unwrap("xargs").argvs, [["echo"]]);
  });

  void it("adds the commands find runs", () => {
    const r = unwrap("find . -name x -exec sh -c id \\; -execdir rm {} +");
    assert.deepEqual(r.argvs, [["find", ".", "-name", "x", "-exec", "sh", "-c", "id", ";", "-execdir", "rm", "{}", "+"],
      ["sh", "-c", "id"], ["rm", "{}"]]);
    assert.equal(r.commands[1]?.argsUnknown, true);
  });

  void it("refuses wrapper options it does not understand", () => {
    for (const c of ["env -S 'sh -c id'", "env -C / ls", "timeout --weird 1 ls", "xargs -a list rm", "su -c id", "time -o f ls",
      "nice $X ls"]) {
      assert.ok(unwrap(c).problems.length > 0, c);
    }
  });

  void it("stops at a nesting bound", () => {
    const r = unwrap(`${"nice ".repeat(40)}ls`);
    assert.ok(r.problems.includes("exec.wrapper"));
  });
});

// Command lines a read-only tool is given (atk18 class 9), parsed with the exec allowlist's rules: for a program Warden
// can name, only options known to read; for one it cannot, a named option that acts in a reader it knows is unclear.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { commandLineVerdict } from "./read-command-lines.ts";

describe("commandLineVerdict", () => {
  const table: [string[], string[], string][] = [
    [[".", "-name", "*.md"], ["find"], "reads"], [["find", ".", "-type", "f", "-name", "*.log"], ["repo"], "reads"],
    [[".", "-name", "x", "-delete"], ["find"], "acts"], [[".", "-name", "*.log", "-exec", "rm", "{}", ";"], ["find"], "acts"],
    [[".", "-execdir", "sh", "-c", "id", ";"], ["find"], "acts"], [[".", "-fprint", ".git/hooks/pre-commit"], ["find"], "acts"],
    [[".", "-newermt", "x", "-frobnicate"], ["find"], "unclear"],
    [["-o", "notes.txt", "notes.txt"], ["sort"], "acts"], [["-i", "s/a/b/", "f.md"], ["sed"], "acts"], [["-u", "f.txt"], ["sort"], "reads"],
    [["rg", "--pre=./tools/p", "x"], ["search", "files"], "acts"], [["--pre=sh", "x"], ["ripgrep"], "acts"], [["-n", "TODO", "src"], ["rg"], "reads"],
    [["--pre", "sh", "x"], ["search", "files"], "unclear"], [["--pre=sh", "x"], ["search", "files"], "unclear"], [[".", "-delete"], ["list", "things"], "unclear"],
    [["-xf", "a.tar", "--to-command=sh"], ["tar", "list"], "acts"], [["-tzf", "a.tar"], ["tar", "list"], "reads"], [["tvf", "a.tar"], ["tar", "list"], "reads"],
    [["-tf", "a.tar", "--to-command=sh"], ["tar", "list"], "acts"], [["-tf", "a.tar", "--checkpoint-action=exec=sh"], ["tar", "list"], "acts"],
    [["-tf", "a.tar", "-I", "sh"], ["tar", "list"], "acts"], [["-f", "a.tar"], ["tar", "list"], "unclear"], [["-x", "a.tar", "--to-command=sh"], ["archive"], "unclear"],
    [["get", "pods", "-n", "prod"], ["kubectl", "get"], "none"], [["get", "pods", "-o", "wide"], ["kubectl", "get"], "none"], [["get", "pods", "-A"], ["kubectl", "get"], "none"],
    [["status", "--short"], ["git", "status"], "reads"], [[], ["find"], "none"],
  ];
  for (const [argv, words, kind] of table) it(`${words.join("_")} ${JSON.stringify(argv)} ${kind}`, () => assert.equal(commandLineVerdict(argv, words).kind, kind));
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { checkArithmetic } from "./arith-rules.ts";

test("python and node code that only computes and prints is read-only", () => {
  for (const [name, args] of [
    ["python3", ["-c", "print(round((360-310)/310*100,1))"]],
    ["python3.11", ["-c", "print(146.5*0.18); print(max(3, 4) // 2 % 3)"]],
    ["python3", ["-I", "-c", "print(int(1e3) - float(.5))"]],
    ["node", ["-e", "console.log((146.5*0.18).toFixed(2))"]],
    ["node", ["--eval", "console.log(Math.round(1234.5 / 12 * 100) / 100, Math.sqrt(2))"]],
  ] as const) {
    assert.equal(checkArithmetic(name, args)?.ok, true, `${name} ${args.join(" ")}`);
  }
});

test("any other name, a string, a power, another option or operand leaves it code", () => {
  for (const [name, args] of [
    ["python3", ["-c", "print(__import__('os').system('id'))"]],
    ["python3", ["-c", "print(open('notes.txt').read())"]],
    ["python3", ["-c", "print(9**9**9)"]],
    ["python3", ["-c", "print(1); import os"]],
    ["python3", ["-c", "print(round.__self__)"]],
    ["python3", ["-c", "print(1) if 1 else 0"]],
    ["python3", ["-c", "1"]],
    ["python3", ["-c", "print(1)", "evil.py"]],
    ["python3", ["-m", "evil", "-c", "print(1)"]],
    ["python2", ["-c", "print(1)"]],
    ["node", ["-e", "console.log(require('fs'))"]],
    ["node", ["-e", "console.log(process.env)"]],
    ["node", ["-e", "console.log(1);fetch('http://x.example/')"]],
    ["node", ["-e", "console.log(Math.constructor)"]],
    ["node", ["-e", "console.log(1)(2)"]],
    ["node", ["-p", "1"]],
    ["node", ["-r", "./evil.js", "-e", "console.log(1)"]],
    ["perl", ["-e", "print(1)"]],
  ] as const) {
    assert.equal(checkArithmetic(name, args), undefined, `${name} ${args.join(" ")}`);
  }
});

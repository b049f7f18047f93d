import { test } from "node:test";
import assert from "node:assert/strict";
import { classifyBinary, gitSubcommand } from "./binary-classes.ts";

const ids = (args: string[]) => classifyBinary("git", args).map((e) => `${e.id}:${e.fact}`);

test("git's subcommand is found past its global options", () => {
  assert.equal(gitSubcommand(["-C", "proj", "checkout", "--", "."]).sub, "checkout");
  assert.equal(gitSubcommand(["-c", "core.x=y", "--git-dir", "g", "push"]).sub, "push");
  assert.equal(gitSubcommand(["--no-pager", "log"]).sub, "log");
  assert.equal(gitSubcommand(["-C"]).sub, undefined);
  assert.deepEqual(ids(["-C", "proj", "checkout", "--", "."]), ["exec.destructive:deletes"]);
  assert.deepEqual(ids(["-C", "proj", "push"]), ["exec.network:network"]);
});

test("creating a branch is told as a write, not as discarding work; every other checkout form still can discard", () => {
  assert.deepEqual(ids(["checkout", "-b", "fix-cart"]), ["exec.writes:writes"]);
  assert.deepEqual(ids(["checkout", "-b", "fix-cart", "main"]), ["exec.writes:writes"]);
  assert.deepEqual(ids(["switch", "-c", "fix-cart"]), ["exec.writes:writes"]);
  assert.match(classifyBinary("git", ["checkout", "-b", "x"])[0]?.message ?? "", /creates a branch/);
  for (const args of [["checkout", "--", "."], ["checkout", "-B", "main"], ["checkout", "-b", "x", "--", "f"], ["checkout", "-f", "-b", "x"], ["checkout", "-b", "x", "-f"], ["checkout", "main", "src/a.js"], ["checkout", "-b"]]) {
    assert.deepEqual(ids(args), ["exec.destructive:deletes"], args.join(" "));
  }
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { checkSed, sedScriptEffect } from "./sed-rules.ts";

test("scripts that only print, substitute, delete or branch reach nothing", () => {
  for (const script of ["2,3p", "s/a/b/g", "/^#/d;/^$/d", ":a;N;$!ba;s/\\n/ /g", "$=", "1i header", "y/abc/xyz/", "/x/{p;q}",
    "0~4 s/$/;/", "\\%/usr%s%/usr%/opt%2", "s/a/b/I;s/c/d/3p", "/x/,+2!d", "1a text with w and e and r in it"]) {
    assert.equal(sedScriptEffect(script), undefined, script);
  }
});

test("commands and flags that run, write or read a named file are named", () => {
  assert.equal(sedScriptEffect("1e id")?.id, "exec.inline_code");
  assert.equal(sedScriptEffect("s/.*/id/e")?.id, "exec.inline_code");
  assert.equal(sedScriptEffect("s/x/y/gw out")?.id, "exec.writes");
  assert.equal(sedScriptEffect("/x/{s/a/b/\nW out\n}")?.id, "exec.writes");
  assert.equal(sedScriptEffect("$r /etc/passwd")?.id, "exec.inline_code");
  assert.equal(sedScriptEffect("s|a|b|;1e id")?.id, "exec.inline_code");
  assert.equal(sedScriptEffect("s/a/b/ i;e id")?.id, "exec.inline_code", "a flag after a blank is a flag, not the `i` command's text");
  assert.equal(sedScriptEffect("s/a/b/g w out")?.id, "exec.writes");
  assert.equal(sedScriptEffect("s/[/]/x/;w out")?.id, "exec.writes", "a delimiter inside a bracket expression is a member");
  assert.equal(sedScriptEffect("s/[[:alpha:]/]/#/;e id")?.id, "exec.inline_code", "a class inside a bracket expression does not end it");
  assert.equal(sedScriptEffect(":l w out")?.id, "exec.writes", "a label ends at a blank");
});

test("what the reader cannot read to its end is refused, never guessed", () => {
  for (const script of ["s😀a😀b😀e", "s a b ", "s/a/b", "s/a/b/q", "k", "{p", "}", "/unterminated"]) {
    assert.equal(sedScriptEffect(script)?.id, "exec.argument_rule", script);
  }
});

test("options: -i and -f are effects, -e scripts are joined, file operands are read paths", () => {
  // A plain `-i` with a read-only script writes the files it is given, and only them: listed for the caller to judge.
  assert.deepEqual(checkSed("sed", ["-i", "s/a/b/", "f"]), { ok: true, reasons: [], readPaths: ["f"], writePaths: ["f"] });
  assert.equal(checkSed("sed", ["-i", "s/a/b/e", "f"]).reasons[0]?.id, "exec.inline_code");
  assert.equal(checkSed("sed", ["-i", "s/a/b/w out", "f"]).reasons[0]?.id, "exec.writes");
  assert.equal(checkSed("sed", ["-i", "s/a/b/"]).reasons[0]?.id, "exec.writes");
  assert.equal(checkSed("sed", ["-i.bak", "s/a/b/", "f"]).reasons[0]?.id, "exec.writes");
  assert.equal(checkSed("sed", ["-ni", "p", "f"]).reasons[0]?.id, "exec.writes");
  assert.equal(checkSed("sed", ["-f", "x.sed", "f"]).reasons[0]?.id, "exec.inline_code");
  assert.deepEqual(checkSed("sed", ["-ne", "2p", "a.txt", "b.txt"]).readPaths, ["a.txt", "b.txt"]);
  assert.equal(checkSed("sed", ["-e", "s/a/b/", "-e", "w out", "f"]).reasons[0]?.id, "exec.writes");
  assert.equal(checkSed("sed", ["--posix", "-E", "s/(a)/\\1/", "f"]).ok, true);
  assert.equal(checkSed("sed", ["--unknown", "p", "f"]).reasons[0]?.id, "exec.argument_rule");
});

test("against GNU sed itself: every generated script its --sandbox mode refuses (e, r, w) the rule names too", (t) => {
  const probe = spawnSync("sed", ["--sandbox", "-n", "p", "/dev/null"], { encoding: "utf8" });
  if (probe.status !== 0) {
    t.skip("no GNU sed with --sandbox here");
    return;
  }
  const tokens = ["s/a/b/", "s|a|b|", "s/[/]/x/", "s/[]/]/x/", "s/[[:alpha:]/]/x/", "s/[\\]/x/", "s/a/b/ i", "s/a/b/w x",
    "s/a/b/e", "e", "e id", "w x", "W x", "r x", "R x", "1", "$", "/a/", "\\%a%", "2,3", "/x/,+2", "!", "{", "}", ";", "\n",
    " ", "p", "d", "a text", "i text", "c text", "a\\\n", "y/a/b/", ":l", "b l", "t l", "#c", "q", "=", "0~2", "I", "M",
    "s#a#b#w x", "s/a/b/2", "s/a/b/ #", "\\", "[", "]"];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const missed: string[] = [];
  for (let i = 0; i < 150; i++) {
    const script = Array.from({ length: 1 + next(6) }, () => tokens[next(tokens.length)]).join("");
    const r = spawnSync("sed", ["--sandbox", "-n", script, "/dev/null"], { encoding: "utf8" });
    if (r.stderr.includes("disabled in sandbox mode") && sedScriptEffect(script) === undefined) missed.push(script);
  }
  assert.deepEqual(missed, []);
});

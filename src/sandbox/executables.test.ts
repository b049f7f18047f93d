import { test } from "node:test";
import assert from "node:assert/strict";
import { buildSystemView, findSystemProgram, parseLddOutput, scriptInterpreter } from "./executables.ts";

test("ldd output is parsed line by line; a library the loader cannot find is named", () => {
  const text = "/usr/bin/jq:\n\tlinux-vdso.so.1 (0x00007f4babce1000)\n\tlibjq.so.1 => /lib/x86_64-linux-gnu/libjq.so.1 (0x00007f4babc79000)\n\tlibgone.so.2 => not found\n\t/lib64/ld-linux-x86-64.so.2 (0x00007f4babce3000)\n";
  assert.deepEqual(parseLddOutput(text), { libs: ["/lib/x86_64-linux-gnu/libjq.so.1", "/lib64/ld-linux-x86-64.so.2"], missing: ["libgone.so.2"] });
  assert.deepEqual(parseLddOutput("\tnot a dynamic executable\n"), { libs: [], missing: [] });
});

test("a script's interpreter is its #! program, or what env is asked to start", () => {
  assert.equal(scriptInterpreter(Buffer.from("#!/usr/bin/env python3\nprint(1)\n")), "python3");
  assert.equal(scriptInterpreter(Buffer.from("#!/usr/bin/perl -w\n")), "/usr/bin/perl");
  assert.equal(scriptInterpreter(Buffer.from("#! /bin/sh\n")), "/bin/sh");
  assert.equal(scriptInterpreter(Buffer.from("echo no shebang\n")), undefined);
});

test("executables are found only among the system's programs, never in a workspace, /tmp or by a relative path", () => {
  assert.match(findSystemProgram("sh") ?? "", /^\/(usr\/)?bin\/sh$/);
  assert.equal(findSystemProgram("/tmp/evil"), undefined);
  assert.equal(findSystemProgram("../bin/sh"), undefined);
  assert.equal(findSystemProgram("/usr/bin/../../tmp/x"), undefined);
  assert.equal(findSystemProgram("no-such-program-here"), undefined);
  const refused = buildSystemView(["no-such-program-here"], []);
  assert.equal(refused.ok, false);
  assert.match(refused.ok ? "" : refused.why, /`no-such-program-here` is not a program in the system's folders/);
});

test("the view for one program holds it, the shells, their libraries and the links to them, and nothing else from the program folders", () => {
  const sh = findSystemProgram("sh");
  const view = buildSystemView(["sh"], []);
  assert.ok(view.ok, view.ok ? "" : view.why);
  assert.ok(sh !== undefined && view.resolved.sh === sh);
  const programs = view.binds.filter((b) => /\/s?bin\//.test(b));
  assert.ok(programs.length <= 3, `only sh and env (and what they link to): ${programs.join(", ")}`);
  assert.ok(view.binds.some((b) => /\/libc\.so/.test(b)), "the C library is there");
});

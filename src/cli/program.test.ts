import { test } from "node:test";
import assert from "node:assert/strict";
import { Command } from "commander";
import { buildProgram, commandGroups } from "./program.ts";

const names = (program: Command) => program.commands.map((c) => c.name());

test("each command group declares exactly the top-level commands it names", async () => {
  for (const group of commandGroups) {
    const program = new Command();
    (await group.load())(program);
    assert.deepEqual(names(program).sort(), [...group.names].sort(), group.names.join(" "));
  }
});

test("a command line that names a command reaches it as the whole program would", async () => {
  const all = await buildProgram(["node", "warden"]);
  const path = (program: Command, words: readonly string[]): Command | undefined =>
    words.reduce<Command | undefined>((at, word) => at?.commands.find((c) => c.name() === word), program);
  const signature = (c: Command | undefined) => c && JSON.stringify([c.name(), c.description(), c.options.map((o) => o.flags), c.registeredArguments.map((a) => a.name()), c.commands.map((s) => s.name())]);
  for (const top of all.commands) {
    const lean = await buildProgram(["node", "warden", top.name()]);
    assert.equal(signature(path(lean, [top.name()])), signature(top), top.name());
    for (const sub of top.commands) assert.equal(signature(path(lean, [top.name(), sub.name()])), signature(sub), `${top.name()} ${sub.name()}`);
  }
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { clip, summaryMax, whole } from "./gated-tool.ts";

test("an approval summary shows a long command whole: what it acts on is never behind a silent cut", () => {
  const command = `git log --format="${"checking repository health ".repeat(8)}" -1 && git config core.hooksPath hooks`;
  assert.ok(command.length > 200);
  assert.equal(whole(command), command);
  // clip, for listings, would have hidden it.
  assert.ok(!clip(command).includes("hooksPath"));
});

test("past the summary's room, it says how much is cut and where the rest is", () => {
  const command = `echo ${"a".repeat(summaryMax + 500)} && rm -rf ~`;
  const shown = whole(command);
  assert.ok(shown.endsWith(`… [${command.length - summaryMax} more characters: the approval's detail shows all of it]`));
  assert.ok(shown.length < 2000, "the approvals store keeps 2,000 characters of a summary");
});

test("line breaks and invisible characters stay visible, as in clip", () => {
  assert.equal(whole("ls # tidy\ncurl x | sh"), "ls # tidy ⏎ curl x | sh");
  assert.equal(whole("a\u200bb"), "a⟦U+200B⟧b");
  assert.equal(whole("a\n\ufeffb\u202ec"), "a ⏎ ⟦U+FEFF⟧b⟦U+202E⟧c");
  assert.equal(whole("see  you\tat\u00a05\u034f"), "see ⟦2 spaces⟧ you⟦U+0009⟧at⟦U+00A0⟧5⟦U+034F⟧");
});

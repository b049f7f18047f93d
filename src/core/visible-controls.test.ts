import { test } from "node:test";
import assert from "node:assert/strict";
import { blankControls, showControls } from "./visible-controls.ts";

const tricky = "rm -rf ~/ #\u202etxt.gpj\u200b\r\nnext\ttab\u{e0041}";

test("showControls marks every hidden character and keeps newlines and tabs", () => {
  assert.equal(showControls(tricky), "rm -rf ~/ #⟦U+202E⟧txt.gpj⟦U+200B⟧⟦U+000D⟧\nnext\ttab⟦U+E0041⟧");
});

test("blankControls replaces the same characters, and with oneLine newlines and tabs too", () => {
  assert.equal(blankControls(tricky, "?", { oneLine: false }), "rm -rf ~/ #?txt.gpj??\nnext\ttab?");
  assert.equal(blankControls(tricky, " ", { oneLine: true }), "rm -rf ~/ # txt.gpj   next tab ");
});

test("ordinary text, including other scripts and emoji, passes unchanged", () => {
  const text = "Envoie à bob — 送って 👋🏽 café";
  assert.equal(showControls(text), text);
  assert.equal(blankControls(text, "?", { oneLine: true }), text);
});

test("combining marks that overlay a letter (a strike-through) are marked; accents are not", () => {
  assert.equal(showControls("# d\u0336o\u0336"), "# d⟦U+0336⟧o⟦U+0336⟧");
  assert.equal(showControls("cafe\u0301 Tiê\u0301ng"), "cafe\u0301 Tiê\u0301ng");
});

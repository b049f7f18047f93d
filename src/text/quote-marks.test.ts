import { test } from "node:test";
import assert from "node:assert/strict";
import { quotedSpans } from "./quote-marks.ts";

const quoted = (text: string) => quotedSpans(text).map((s) => text.slice(s.from, s.to));

test("every quotation-mark pair Unicode defines sets words off, and an apostrophe inside a word does not", () => {
  for (const [text, want] of [
    ["tell bob `running late` now", ["`running late`"]],
    ["tell bob ‹running late› now", ["‹running late›"]],
    ["tell bob 《running late》", ["《running late》"]],
    ["sig til bob » kommer sent « nu", ["» kommer sent «"]],
    ["säg till bob ” jag är sen ”", ["” jag är sen ”"]],
    ["＂running late＂", ["＂running late＂"]],
    ["『遅れます』と伝えて", ["『遅れます』"]],
    ["〝遅れます〟", ["〝遅れます〟"]],
    ["｢late｣ and 【late】", ["｢late｣", "【late】"]],
    ["„Hallo“ und ‚hi‘", ["„Hallo“", "‚hi‘"]],
    ["I can't say 'it’s fine' today", ["'it’s fine'"]],
  ] as const) {
    assert.deepEqual(quoted(text), want, text);
  }
  assert.deepEqual(quoted("an unclosed “quote and 〒 a postal mark"), []);
});

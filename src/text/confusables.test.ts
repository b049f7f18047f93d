import assert from "node:assert/strict";
import { test } from "node:test";
import { confusableSkeleton, latinLookalikes } from "./confusables.ts";

test("a name reads as its Latin skeleton: fullwidth, invisible characters, accents, other scripts' look-alikes, dashes, case", () => {
  const cases: [string, string][] = [["\u0420ublic", "public"], ["ＢＯＢ\u20117\u034f", "bob-7"], ["bοb-7", "bob-7"], ["Pub\u200blic", "public"], ["Publiç", "public"], ["ᏴOB", "bob"], ["sʜared", "shared"], ["Straße", "strasse"]];
  for (const [name, skeleton] of cases) {
    assert.equal(confusableSkeleton(name), skeleton, name);
  }
  // Letters with no Latin look-alike stay as they are, in lower case (`г`).
  assert.equal(confusableSkeleton("Гёте"), "гete");
});

test("the scanner's table keeps case: only the letters drawn like Latin ones change", () => {
  assert.equal(latinLookalikes("\u0420\u0430ssw\u043erd"), "Password");
  assert.equal(latinLookalikes("plain"), "plain");
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { findSecretLeaks } from "./leaks.ts";
import type { LabelledData } from "./types.ts";

const code: LabelledData[] = [{ label: "key safe", value: "3185", wholeToken: true }];

test("a short code told in pieces a few words apart is carried", () => {
  for (const text of ["Key safe starts with 31 and ends with 85.", "Schlüsselsafe: vorne 31, hinten 85.", "first 3, then 18, then 5", "3 1 8 5"]) {
    assert.equal(findSecretLeaks(text, code).length, 1, text);
  }
});

test("a short code as letters standing for its digits (A is 1, or A is 0) is carried", () => {
  assert.equal(findSecretLeaks("Key safe: C A H E (A=1).", code).length, 1);
  assert.equal(findSecretLeaks("Key safe: d-b-i-f", code).length, 1);
});

test("numbers far apart or out of order, and ordinary words, carry no code", () => {
  for (const text of ["room 731, 905 EUR", "at 7:31 on 9/05", "Bins on the 31st; the recycling centre closes at 8:50 on the other side of town, far from here, 85 km.", "85 then 31", "Bins: Tuesday paper, Friday rest.", "I am a bad cafe"]) {
    assert.equal(findSecretLeaks(text, code).length, 0, text);
  }
});

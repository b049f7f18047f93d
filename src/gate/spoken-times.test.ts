import assert from "node:assert/strict";
import { test } from "node:test";
import { spokenTimes } from "./spoken-times.ts";

const times = (text: string) => spokenTimes(text).flatMap((s) => s.values);

test("a clock time said in words is read as both halves of the day, in the languages the number words are read in", () => {
  for (const [text, time] of [
    ["doors open quarter to seven", "18:45"], ["half past six", "18:30"], ["twenty past 7", "19:20"], ["a quarter after nine", "09:15"],
    ["Einlass halb acht abends", "19:30"], ["Viertel nach sieben", "07:15"], ["zehn vor acht", "19:50"], ["dreiviertel acht", "07:45"],
    ["sept heures et demie", "19:30"], ["sept heures moins le quart", "18:45"], ["à sept heures trente", "07:30"],
    ["las siete y cuarto", "19:15"], ["le sette e mezza", "19:30"], ["kwart over acht", "20:15"], ["half acht", "07:30"],
  ] as const) assert.ok(times(text).includes(time), `${text} → ${time}: ${times(text).join(" ")}`);
});

test("words that only look like a time are not one", () => {
  for (const text of ["Room 12 to the left", "I paid two for the tickets", "we need ten for dinner", "one after another", "back to back at five", "half of them came"]) {
    assert.deepEqual(times(text), [], text);
  }
});

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

test("a clock time said with its numbers, where a word says it is one: 24-hour words, p.m., military hours, CJK, ten more languages", () => {
  for (const [text, time] of [
    ["Pickup at eighteen forty-five hours", "18:45"], ["six forty-five p.m.", "18:45"], ["Pickup at 1845 hours", "18:45"], ["at eighteen hundred forty-five", "18:45"],
    ["1125 minutes after midnight", "18:45"], ["six hours and forty-five minutes after noon", "18:45"], ["Abholung um achtzehn Uhr fünfundvierzig", "18:45"],
    ["alle sette meno un quarto di sera", "18:45"], ["alle diciotto e quarantacinque", "18:45"], ["a las dieciocho cuarenta y cinco", "18:45"],
    ["às dezoito e quarenta e cinco", "18:45"], ["à dix-huit heures quarante-cinq", "18:45"], ["om achttien uur vijfenveertig", "18:45"],
    ["в восемнадцать сорок пять", "18:45"], ["o osiemnastej czterdzieści pięć", "18:45"], ["saat on sekiz kırk beş", "18:45"],
    ["kvart i sju på kvällen", "18:45"], ["halv åtta", "19:30"], ["受け取りは十八時四十五分", "18:45"], ["午後七時半", "19:30"],
    ["下午六点四十五分", "18:45"], ["晚上七点一刻", "19:15"], ["오후 여섯 시 사십오 분", "18:45"], ["오후 일곱 시 반", "19:30"], ["2130 hrs", "21:30"],
  ] as const) assert.ok(times(text).includes(time), `${text} → ${time}: ${times(text).join(" ")}`);
});

test("numbers no word makes a time are not one: lengths, years, street numbers, durations in CJK", () => {
  for (const text of ["It takes 2 hours 30 minutes", "in twenty twenty-seven", "meet at 1845 Main street", "two and three", "十八時間かかる", "세 시간", "one thousand"]) {
    assert.deepEqual(times(text), [], text);
  }
});

test("quarters, halves and minutes before or after an hour in Russian, Polish, Turkish and Greek", () => {
  for (const [text, time] of [
    ["без четверти семь", "18:45"], ["в половине седьмого", "18:30"], ["четверть седьмого", "18:15"], ["десять минут седьмого", "18:10"],
    ["za kwadrans siódma", "18:45"], ["za piętnaście siódma", "18:45"], ["wpół do siódmej", "18:30"], ["kwadrans po szóstej", "18:15"],
    ["saat altıyı çeyrek geçe", "18:15"], ["yediye çeyrek var", "18:45"], ["altı buçuk", "18:30"],
    ["επτά παρά τέταρτο", "18:45"], ["έξι και μισή", "18:30"], ["στις έξι και σαράντα πέντε", "18:45"],
  ] as const) assert.ok(times(text).includes(time), `${text} → ${time}: ${times(text).join(" ")}`);
  for (const text of ["δύο και τρία", "ona bir şey var", "jeden po drugim", "za dwa tygodnie"]) assert.deepEqual(times(text), [], text);
});

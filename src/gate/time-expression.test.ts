import { test } from "node:test";
import assert from "node:assert/strict";
import { comparedAway, notYet, nowRuledOut, segmentWords, timeReferences } from "./time-expression.ts";

const words = (text: string): string[] => text.toLowerCase().replace(/(?<!\p{N})[./]|[./](?!\p{N})/gu, " ").split(/[^\p{L}\p{M}\p{N}'’:./-]+/u).filter((w) => w !== "");
const refs = (text: string) => timeReferences(words(text)).map((r) => `${r.when}:${r.words}`);

test("a later time by category, in nine languages: relative days, parts of the day, weekdays, dates, clock times, offsets, period ends", () => {
  for (const [text, said] of [["pay it tomorrow morning", "tomorrow morning"], ["pay it EOW", "eow"], ["pay it by end of week", "end of week"], ["pay it at the end of the month", "end of the month"],
    ["pay it next Friday", "next friday"], ["pay it on the 20th", "20th"], ["pay it on the 20", "20"], ["pay it on 3 March", "3 march"], ["pay it March 3rd", "march 3rd"], ["pay it at 5pm", "5pm"],
    ["pay it at 17:30", "17:30"], ["pay it on 2027-01-02", "2027-01-02"], ["pay it am 24.12.", "24.12"], ["pay it in two weeks", "in two weeks"], ["pay it in the evening", "evening"],
    ["pay it on the due date", "due date"], ["pay it every month", "every month"], ["zahl es morgen früh", "morgen"], ["zahl es heute Abend", "abend"], ["zahl es am Freitag", "freitag"],
    ["zahl es Ende des Monats", "ende des monats"], ["paie-le ce soir", "soir"], ["paie-le la semaine prochaine", "semaine prochaine"], ["paie-le le 20", "20"], ["paie-le plus tard", "tard"],
    ["paga mañana por la tarde", "mañana"], ["paga el 3 de marzo", "3 de marzo"], ["paga domani sera", "domani sera"], ["paga amanhã de manhã", "amanhã"], ["paga mais tarde", "tarde"],
    ["betaal morgenochtend", "morgenochtend"], ["betaal volgende week", "volgende week"], ["заплати завтра", "завтра"], ["заплати в пятницу", "пятницу"], ["заплати через неделю", "через неделю"],
    ["заплати вечером", "вечером"], ["заплати 3 марта", "3 марта"], ["заплати завтра вранці", "завтра"], ["заплати в кінці місяця", "кінці місяця"]] as const) {
    assert.ok(refs(text).some((r) => r.startsWith("later:") && r.includes(said)), `${text} → ${refs(text).join(", ")}`);
  }
});

test("now and past are not later: now, today, right away, сейчас; yesterday, last Friday, two days ago", () => {
  for (const text of ["pay it now", "pay it today", "pay it right away", "zahl es sofort", "paie-le tout de suite", "заплати сейчас", "заплати сьогодні"]) {
    assert.deepEqual(refs(text).map((r) => r.split(":")[0]), ["now"], text);
  }
  for (const text of ["the notes from yesterday", "the repair last Friday", "two days ago", "вчера"]) {
    assert.ok(refs(text).every((r) => r.startsWith("past:")), `${text} → ${refs(text).join(", ")}`);
  }
  // "heute Abend", "today evening": a part of today that is later than now, read from the day on.
  assert.deepEqual(refs("zahl es heute Abend"), ["later:heute abend"]);
});

test("numbers that are no time: amounts, a morning that is a noun's, an ambiguous month word, a ratio", () => {
  for (const text of ["pay 480 EUR", "pay 4.80 EUR", "pay the morning shift", "you may pay it", "march to the bank", "a 12/20 split", "pay 20 EUR on the 20 EUR bill"]) {
    assert.deepEqual(refs(text), [], text);
  }
});

test("the end of a period said another way: month-end, year-end, the last day of the month; last week stays past", () => {
  assert.deepEqual(refs("pay it at month-end"), ["later:month-end"]);
  assert.deepEqual(refs("pay it at year-end"), ["later:year-end"]);
  assert.deepEqual(refs("pay it on the last day of the month"), ["later:last day of the month"]);
  assert.deepEqual(refs("paie-le le dernier jour du mois"), ["later:dernier jour du mois"]);
  assert.deepEqual(refs("the invoice from last week"), ["past:last week"]);
});

const segmented = (text: string): string[] => words(text).flatMap(segmentWords);
const segRefs = (text: string) => timeReferences(segmented(text)).map((r) => `${r.when}:${r.words}`);

test("abbreviated weekdays, ordinal days, quarters, points of the month and events, after a preposition of time", () => {
  for (const [text, said] of [["pay it on Fri", "fri"], ["pay it next Tue", "tue"], ["zahl es am Fr.", "fr"], ["zahl es bis Mi.", "mi"], ["zahl es am Ersten", "ersten"],
    ["pay it on the first", "first"], ["paie-le le premier du mois", "premier"], ["paga el primero", "primero"], ["pay it in Q1", "q1"], ["pay it by H2", "h2"],
    ["zahl es im 3. Quartal", "3 quartal"], ["pay it in the second quarter", "second quarter"], ["zahl es per Ultimo", "per ultimo"], ["betaal het per medio", "per medio"],
    ["paga en la quincena", "quincena"], ["zahl es nach meinem Urlaub", "nach meinem urlaub"], ["betaal na mijn vakantie", "na mijn vakantie"], ["paie après mes vacances", "après mes vacances"],
    ["zapłać po urlopie", "po urlopie"], ["betala efter semestern", "efter semestern"]] as const) {
    assert.ok(refs(text).some((r) => r.startsWith("later:") && r.includes(said)), `${text} → ${refs(text).join(", ")}`);
  }
});

test("the same words with no time: a name's ordinal, a quarter of a thing, a fortnight paid for, a trip paid for", () => {
  for (const text of ["pay the first invoice", "pay the Q1 invoice", "pay one quarter of it", "paga por la quincena de enero", "pay for the trip to Rome", "pay it for the holiday flat",
    "fri chicken", "the second half of the bill"]) {
    assert.deepEqual(refs(text).filter((r) => r.startsWith("later:")), [], text);
  }
});

test("Japanese, Chinese, Korean (segmented), Arabic, Hindi, Turkish, Swedish calendar words, alone or inside another language's sentence", () => {
  for (const text of ["pay it 明日", "pay it 月末に", "pay it 25日に", "pay it 来週の金曜日に", "pay it 給料日に", "pay it 明天", "pay it 下周五", "pay it 月底", "pay it 下个月",
    "pay it 내일", "pay it 월말에", "pay it 다음 주 금요일에", "pay it 휴가 후에", "pay it غداً", "pay it في نهاية الشهر", "pay it الأسبوع القادم", "pay it يوم الجمعة",
    "pay it महीने के अंत में", "pay it अगले हफ्ते", "pay it yarın", "pay it ay sonunda", "pay it tatilden sonra", "pay it haftaya", "pay it cuma günü", "betala i slutet av månaden", "betala i morgon", "betala på fredag",
    "betala om två veckor"]) {
    assert.ok(segRefs(text).some((r) => r.startsWith("later:")), `${text} → ${segRefs(text).join(", ")} (${segmented(text).join("|")})`);
  }
  for (const text of ["今すぐ払って", "现在付款", "지금 보내줘", "ادفع الآن", "अभी भेजो", "şimdi öde", "betala nu", "今日払って", "今天付款", "오늘 보내줘", "اليوم", "bugün öde", "betala idag"]) {
    assert.ok(segRefs(text).some((r) => r.startsWith("now:")) && !segRefs(text).some((r) => r.startsWith("later:")), `${text} → ${segRefs(text).join(", ")}`);
  }
});

test("a segmented word joins back a calendar word the segmenter split, and a Korean particle comes off", () => {
  assert.deepEqual(segmentWords("給料日に"), ["給料日", "に"]);
  assert.deepEqual(segmentWords("월말에"), ["월말", "에"]);
  assert.deepEqual(segmentWords("غداً"), ["غدا"]);
  assert.deepEqual(segmentWords("Kern"), ["Kern"]);
});

test("tomorrow in Czech, Slovak, Danish/Norwegian, Finnish and Hungarian (their pay words are read since the acts lexicon grew)", () => {
  for (const word of ["zítra", "zajtra", "imorgen", "huomenna", "holnap"]) assert.equal(timeReferences(["zaplať", "480", "eur", word])[0]?.when, "later", word);
});

test("holidays, CJK clock and date counters, Korean events with 'after', Turkish day parts and locatives (relworld38)", () => {
  const seg = (text: string) => timeReferences(words(text).flatMap(segmentWords)).map((r) => `${r.when}:${r.words}`);
  for (const [text, said] of [["추석 지나고 보내 줘", "추석"], ["크리스마스에 보내 줘", "크리스마스"], ["12월 25일에 보내 줘", "12월 25일"], ["오후 5시에 보내 줘", "5시"],
    ["저녁에 보내 줘", "저녁"], ["퇴근하고 나서 보내 줘", "퇴근하고"], ["어린이날 보내 줘", "어린이날"], ["Akşam Kern'e gönder", "akşam"], ["Ayın 15'inde gönder", "15 'inde"],
    ["Saat 5'te gönder", "5 'te"], ["Yılbaşında gönder", "yılbaşında"], ["bayramdan sonra gönder", "bayramdan"], ["Noel'de gönder", "noel 'de"], ["pay it at Christmas", "christmas"], ["paie-le à Noël", "noël"],
    ["paga no Natal", "natal"], ["заплати на Різдво", "різдво"], ["クリスマスに払って", "クリスマス"], ["春节转给他", "春节"], ["بعد العيد حوّل", "العيد"], ["दिवाली पर भेजो", "दिवाली"],
    ["Bayar setelah lebaran", "lebaran"]] as const) {
    assert.ok(seg(text).includes(`later:${said}`), `${text}: ${seg(text).join(", ")}`);
  }
  // Names and purposes stay no time: a payee called Noel or Natal, a gift for Christmas, "akşam yemeği", an amount.
  for (const text of ["pay Noel 480 EUR", "send Natal 50 EUR", "send mom 50 EUR for Christmas", "Akşam yemeği için 480 EUR gönder", "480유로 보내 줘", "Kern'e 480 EUR'yu gönder", "Bayram'a 480 EUR gönder", "480유로 보내 줘, 메모: 11월 청구서", "Ramazan Bey'e 480 EUR gönder"]) {
    assert.deepEqual(seg(text).filter((r) => !r.startsWith("later:akşam")), [], text);
  }
});

test("'not now' and 'not yet' read from a negation and a now or a yet-word, in more languages; a now compared away; a point of the day after a preposition", () => {
  const w = (text: string) => text.toLowerCase().split(/[\s,]+/u).filter((x) => x !== "").flatMap(segmentWords);
  const no = () => false;
  for (const text of ["not now", "ei nyt", "לא עכשיו", "όχι τώρα", "si sasa", "teď ne", "ne most", "không phải bây giờ", "şimdi değil", "don't send it now", "今じゃなくて今夜"]) {
    assert.ok(nowRuledOut(w(text), (ws, i) => ws[i] === "don't") !== undefined, text);
  }
  for (const text of ["send it now", "nu meteen", "the most recent one", "the NYT piece"]) assert.equal(nowRuledOut(w(text), no), undefined, text);
  for (const text of ["don't send yet", "nog niet versturen", "jeszcze nie wysyłaj", "ei vielä", "今はまだ送らないで"]) {
    assert.ok(notYet(w(text), (ws, i) => ["don't", "niet", "nie", "ei", "ない"].includes(ws[i] ?? "")) !== undefined, text);
  }
  assert.equal(notYet(w("yet another reminder"), no), undefined);
  assert.ok(comparedAway(w("tomorrow instead of now"), 3, 4));
  assert.ok(comparedAway(w("şimdi yerine yarın"), 0, 1));
  assert.ok(!comparedAway(w("send it now"), 2, 3));
  assert.deepEqual(refs("tell her at noon"), ["later:noon"]);
  assert.deepEqual(refs("the noon train"), []);
});

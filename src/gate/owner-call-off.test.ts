import assert from "node:assert/strict";
import { test } from "node:test";
import { actRequests, recipientNaming, wordsOf } from "./naming.ts";
import { callOffIn, endsRefused, struckAt } from "./owner-call-off.ts";

const naming = (text: string, ...later: string[]) => recipientNaming("contact-1", { ownerTexts: [text, ...later] });
const acts = (text: string) => actRequests(text, (w) => w === "delete" || w === "remind", []).requests.length;

test("a clause of call-offs, postponements and fillers calls the act off, in any language; one with other words does not", () => {
  for (const c of ["ach nee", "lass mal", "Lieber später", "a nie", "nieważne", "låt bli", "ei sittenkään", "mégse", "άσ' το", "انسَ الأمر", "ولش کن", "रहने दो",
    "huwag na pala", "Maybe later", "Let's not", "Don't bother", "hold that thought", "(don't send it though)", "Not now though", "I'll tell her myself",
    "Actually I'll do it myself tomorrow", "Let me think about it first", "ไม่ต้องแล้ว", "됐어", "하지 마", "やっぱやめとく", "やっぱいいや", "やっぱなしで", "ちょっと待って", "🚫", "👎🏽", "🙅‍♀️"]) {
    assert.notEqual(callOffIn(c, wordsOf(c)), undefined, c);
  }
  for (const c of ["No rush for a reply", "Thanks!", "I'll bring the wine myself", "see you later", "not the other logs though", "danke, ich rufe später an", "👍", "let's meet at 9", "ありがとう"]) {
    assert.equal(callOffIn(c, wordsOf(c)), undefined, c);
  }
  // In a later message a bare "no" answers the agent's question; "ei sittenkään" (no, after all) still takes the act back.
  assert.equal(callOffIn("nej", ["nej"], true), undefined);
  assert.notEqual(callOffIn("ei sittenkään", ["ei", "sittenkään"], true), undefined);
});

test("struck-through words outside quotes, and an emoji of refusal ending a clause", () => {
  assert.equal(struckAt('. ~~send it~~')?.text, "~~send it~~");
  assert.notEqual(struckAt(" <del>send</del>"), undefined);
  assert.notEqual(struckAt(". s̶e̶n̶d̶"), undefined);
  assert.equal(struckAt(' "price is ~~50~~ 40 EUR"'), undefined);
  assert.equal(endsRefused("delete logs/app-old.log ❌"), true);
  assert.equal(endsRefused("delete logs/app-old.log 👍"), false);
});

test("a dictated send called off after its quoted words names no destination; the same words inside the quotes do (neg49)", () => {
  for (const t of ['Tell contact-1 "dinner at 9" — ach nee, lass mal.', 'Tell contact-1 "dinner at 9" — just kidding.', 'Tell contact-1 "dinner at 9". Maybe later.',
    'Tell contact-1 "dinner at 9" (don\'t send it though)', 'Tell contact-1 "dinner at 9" ❌', 'Tell contact-1 "dinner at 9". ~~send it~~', 'Tell contact-1 "dinner at 9"…やっぱりやめて。',
    'Tell contact-1 "dinner at 9". 됐어, 하지 마.', 'Tell contact-1 "dinner at 9" — ไม่ต้องแล้ว']) {
    assert.equal(naming(t), "mention", t);
  }
  assert.equal(naming('Tell contact-1 "dinner at 9"', "ei sittenkään. Summarize the page instead"), "mention");
  for (const t of ['Tell contact-1 "no rush, maybe later"', 'Tell contact-1 "let\'s not forget the wine". Thanks!', 'Tell contact-1 "price is ~~50~~ 40 EUR"',
    'Tell contact-1 "dinner at 9". I\'ll bring the wine myself.', 'Tell contact-1 "dinner at 9" 👍', "Text contact-1: nope, not today", "remind me to email contact-1 tomorrow",
    "contact-1に返信:\n\n明日は行けません\n\nまた今度"]) {
    assert.equal(naming(t), "destination", t);
  }
});

test("a delete or a reminder called off in its sentence or the next is no request (neg49)", () => {
  for (const t of ["Delete logs/app-old.log — ach nee, lass mal.", "Delete logs/app-old.log ❌", "Delete logs/app-old.log. Nej, låt bli.", "Delete logs/app-old.log. ~~do it~~",
    "Every day at 9 remind me to call mum. Not now though.", "Every day at 9 remind me to call mum。やっぱやめとく。"]) {
    assert.equal(acts(t), 0, t);
  }
  // A retraction followed by a new request in the sentence corrects it: the act is still asked for.
  assert.equal(actRequests("text contact-1: dinner at 8 — no wait, send that to mallory-7", (w) => w === "text", []).requests.length, 1);
  for (const t of ["Delete logs/app-old.log. Not the other logs though.", "Delete logs/app-old.log, thanks 👍", "Starting tomorrow, every day at 9 remind me to call mum."]) assert.equal(acts(t), 1, t);
});

test("a later message whose clause cancels the message, or negates its sending, governing only it, a pronoun or its recipient calls it off (cancel51)", () => {
  const dictated = "Tell contact-1 'the code is 4471' tonight at 8.";
  for (const later of ["Actually, cancel that message.", "Forget the message to contact-1.", "never mind the text", "Scratch the message.", "Vergiss die Nachricht an contact-1.",
    "Lass die Nachricht sein.", "Laat dat bericht maar zitten.", "Lascia perdere il messaggio.", "Al final no lo envíes.", "Finalement, n'envoie rien.", "Ne l'envoie pas.",
    "Deixa, não manda mais.", "Не надо ничего отправлять.", "Отмени сообщение.", "Nie wysyłaj tego.", "Mesajı iptal et.", "Don't message her after all.", "Olvídate del mensaje a contact-1."]) {
    assert.equal(naming(dictated, later), "mention", later);
  }
  // Another object, another recipient, a time that holds the act, a reminder, a second request, "no need to reply" (the recipient's answer).
  for (const later of ["forget the milk, tell her 7 instead", "no worries, send it", "Don't forget to send it.", "Don't send it before 8.", "Don't send the photos to contact-2.",
    "Oh and drop a note to contact-2 too.", "Leave a message for contact-2 as well.", "Vergiss nicht, die Nachricht zu schicken.", "No te olvides de mandarlo.", "Cancel my 3pm meeting.",
    "No need to reply.", "Tell her not to worry."]) {
    assert.equal(naming(dictated, later), "destination", later);
  }
});

test("in the message that asks: a cancel after the dictated words, or in a closing aside, calls the send off; the words dictated do not (cancel51)", () => {
  for (const t of ["Schreib contact-1: der Code ist 4471. Lösch das einfach.", "Dile a contact-1: el código es 4471. Bórralo.", "contact-1に「コードは4471」と送って（やっぱいいや）",
    "Napisz dla contact-1: kod to 4471 (a zresztą nie)", "Cancel the message to contact-1.", "Forget the text to contact-1"]) {
    assert.equal(naming(t), "mention", t);
  }
  for (const t of ["text contact-1 forget it, I found it", "schick contact-1 ne Nachricht: pickup moved to 15:10 today", "Tell contact-1 to cancel the booking",
    "Tell contact-1 \"dinner at 8\". No need to reply.", "forget the milk, tell contact-1 7 instead"]) {
    assert.equal(naming(t), "destination", t);
  }
});

test("a bare \"no\" after the agent said what it would do, not a question, refuses it; after a question it answers (cancel51)", () => {
  const dictated = "Tell contact-1 'the code is 4471' tonight at 8.";
  const reading = (answer: string, said: string) => recipientNaming("contact-1", { ownerTexts: [dictated, answer], repliedBefore: ["", said] });
  for (const answer of ["no", "No.", "nope", "Nein.", "нет"]) assert.equal(reading(answer, "OK, I'll send it at 8 tonight."), "mention", answer);
  assert.equal(reading("No.", "Done! Anything else?"), "destination");
  assert.equal(reading("ok", "OK, I'll send it at 8 tonight."), "destination");
  assert.equal(recipientNaming("contact-1", { ownerTexts: [dictated, "No."] }), "destination");
});

test("an answer to the agent's \"Send …?\" is read clause by clause: a negation governing its own clause leaves the yes; a hedge, a no after, another recipient do not (cancel51)", () => {
  const reading = (answer: string) => recipientNaming("contact-1", { ownerTexts: ["Tell contact-1 'dinner is at 8'.", answer], askedBefore: ["", "Shall I send it now?"] });
  for (const a of ["no worries, send it", "Yes, and forget the milk, I bought it already.", "yes, no worries", "send it, no rush"]) assert.equal(reading(a), "destination", a);
  for (const a of ["Send it? no", "hmm, send it... actually no", "yes, but to mallory-7", "yes, for mallory-7", "Yes, mallory-7", "Yes. No wait.", "да, но потом", "ja, aber erst morgen", "sí, pero mañana"]) {
    assert.equal(reading(a), "mention", a);
  }
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { actRequests, caseFormOf, hostNaming, hostReading, passWithDative, recipientNaming, recipientReading } from "./naming.ts";

const naming = (name: string, ...ownerTexts: string[]) => recipientNaming(name, { ownerTexts });
const strictHost = (host: string, ...ownerTexts: string[]) => hostNaming(host, { ownerTexts }, true);

describe("the owner's request names a destination, in the languages owners write", () => {
  test("imperatives and polite requests in English and other languages", () => {
    for (const text of [
      "Can you send the summary to bob?", "Could you please forward this to bob", "I want you to send this to bob", "I'd like to send the report to bob",
      "I think you should send it to bob", "Send it to bob, ok?", "Let's send this to bob", "The report should be sent to bob", "Please make sure it gets sent to bob",
      "When you're done, send it to bob", "Once I confirm, send it to bob", "I'd appreciate it if you sent it to bob", "We should send this to bob", "If you could forward this to bob, that would be great",
      "Now I need the summary sent to bob",
      "Envoie le résumé de notes.txt à bob.", "Peux-tu envoyer le fichier à bob ?", "Schick die Zusammenfassung von notes.txt an bob.",
      "Kannst du die Datei an bob schicken?", "Envía el resumen a bob", "Mándale el resumen a bob", "Invia il riassunto a bob", "Envia o resumo para bob",
      "Stuur de samenvatting naar bob", "Envie o resumo de notes.txt para bob.", "Envoie le fichier en format PDF à bob", "Отправь файл на bob", "notes.txtの要約をbobに送って。", "请把摘要发给bob。", "bob에게 요약을 보내줘", "bob에게 도착했다고 보내줘.",
      "notes.txt dosyasını bob'a gönder.", "Lütfen özeti bob'a yolla", "bob'a notları gönderir misin?",
    ]) assert.equal(naming("bob", text), "destination", text);
  });
  test("Turkish: the dative on the name with a negative or past verb is no request", () => {
    for (const text of ["notes.txt dosyasını bob'a gönderme.", "bob'a asla yollama", "bob'a notları gönderdin mi?"]) assert.equal(naming("bob", text), "mention", text);
  });
  test("a name given for one the owner named as a destination, in a later message", () => {
    assert.equal(naming("bob-13", "Summarise notes.txt and send it to my manager.", "My manager is bob-13."), "destination");
    assert.equal(naming("bob-13", "Summarise notes.txt and send it to my manager.", "bob-13 is my manager"), "destination");
    assert.equal(naming("mallory-5", "Never send anything to my manager.", "My manager is mallory-5."), "mention");
  });
  test("a French request to check a host is where a request goes (strict)", () => {
    assert.equal(strictHost("x.example", "Vérifie x.example et dis-moi s'il marche"), "destination");
    assert.equal(strictHost("x.example", "x.example を確認して"), "destination");
    assert.equal(strictHost("x.example", "打开x.example看看"), "destination");
    assert.equal(strictHost("x.example", "不要打开x.example"), "mention");
    assert.equal(strictHost("x.example", "http://x.example:8080/status を確認して、動いているか教えて"), "destination");
  });
});

describe("questions, reports, retractions and pasted material name nobody", () => {
  test("questions that are not requests", () => {
    for (const text of ["Should I ever send notes.txt to bob? No, right?", "Send notes.txt to bob? Nope.", "Did you send it to bob?", "Send it to bob?", "bobに送ってもいいですか？"]) {
      assert.equal(naming("bob", text), "mention", text);
    }
    assert.equal(strictHost("x.example", "Should I post my code to x.example? Probably not."), "mention");
    assert.match(recipientReading("bob", { ownerTexts: ["Should I ever send notes.txt to bob?"] }).note ?? "", /question/);
  });
  test("a question mark in the words the owner dictates is the message's; a sentence that asks before the name still asks", () => {
    for (const text of ["text bob: lunch at 12:30?", "text bob: 'Lunch at Luigi's, 12:30?'", 'Read the page, then message bob: "are you free?"', "Schreib bob: kommst du heute?"]) {
      assert.equal(naming("bob", text), "destination", text);
    }
    // Words between the name and the dictated ones ("a message", the time of a scheduled one) change nothing.
    for (const text of ["Every Friday at 5pm send bob a message: pizza night at 7?", "Schick bob jeden Freitag um 17 Uhr: Pizzaabend um 7?", "Envoie à bob chaque vendredi : « pizza à 19h ? »"]) {
      assert.equal(naming("bob", text), "destination", text);
    }
    for (const text of ["Did you text bob: 'hi'?", "why did you tell bob: 'see you'?", "should I text bob: lunch at 12?", "Hast du bob geschrieben: 'hallo'?", "Did you send bob a message every Friday: pizza?"]) {
      assert.equal(naming("bob", text), "mention", text);
    }
  });
  test("reports of a send done or planned", () => {
    for (const text of ["I was going to send notes.txt to bob but changed my mind.", "I sent the file to bob yesterday", "Posted my CV to bob last year", "J'ai envoyé le fichier à bob hier", "Ich habe die Datei an bob geschickt", "bobに送った", "Check the mail I sent to bob"]) {
      assert.equal(naming("bob", text), "mention", text);
    }
    assert.equal(strictHost("x.example", "Last year I posted my CV to x.example and regretted it."), "mention");
    assert.match(recipientReading("bob", { ownerTexts: ["I was going to send notes.txt to bob"] }).note ?? "", /report/);
  });
  test("a send taken back, in this message or the next, in any language the reader knows", () => {
    for (const texts of [
      ["Send notes.txt to bob. Just kidding, summarise it for me."], ["Send notes.txt to bob. Wait, no - summarise it."], ["Send it to bob. On second thought, hold off."],
      ["Send it to bob. Scratch that."], ["Send it to bob jk"], ["Send it to bob 😜"], ["Send it to bob.", "never mind"], ["Send it to bob. Actually, don't."],
      ["Envía el resumen a bob. Es broma, olvídalo."], ["Schick es an bob. Doch nicht."], ["Invia il file a bob. Anzi no, lascia perdere."], ["Manda para bob. Brincadeira!"],
      ["Stuur het naar bob. Laat maar."], ["Envoie-le à bob. Laisse tomber."], ["bobに送って。冗談です。"],
    ]) assert.equal(naming("bob", ...texts), "mention", texts.join(" / "));
    assert.equal(recipientReading("bob", { ownerTexts: ["Send notes.txt to bob. Just kidding, summarise it for me."] }).note, "you then wrote “Just kidding”");
    // What only looks like a retraction: a new object, or another clause.
    for (const text of ["Send it to bob. Never mind the typo.", "Send it to bob. No rush.", "Send it to bob, then tell alice.", "Send it to bob. Don't send it to alice.", "Send it to bob. Stop by the office later.", "Summarise the posts and send them to bob"]) {
      assert.equal(naming("bob", text), "destination", text);
    }
    // The clause the owner dictates to the name is the message's, its negation too; a later clause that takes it back,
    // or a correction naming another id, still takes it back.
    for (const text of ["tell bob-7: never mind, I found it", "reply to bob-7: no thanks!", "tell bob-7: No. 5 is our room", "ответь bob-7: нет, спасибо", "responde a bob-7: no, gracias",
      "text bob-7: nope, not today", "send bob-7 a message: no thanks", "发给 bob-7：不用了", "bob-7 に送って：今日は行けません", "tell bob-7 not to bring wine", "Text bob-7:\nNo thanks!"]) {
      assert.equal(naming("bob-7", text), "destination", text);
    }
    for (const text of ["text bob-7: hi — never mind", "text bob-7: no, alice-2", "send it to bob-7: no wait, alice-2", "send it to bob-7 — no, never mind", "发给 bob-7：不对，是 alice-2：明天见", "Text bob-7:\nhi\nnever mind"]) {
      assert.equal(naming("bob-7", text), "mention", text);
    }
    // A send taken back and then asked for again is asked for.
    assert.equal(naming("bob", "Send it to bob. No wait, scratch that. OK, send it to bob after all."), "destination");
  });
  test("forms beyond the scenarios: sarcasm tags, hidden characters, hypotheses, struck-out text, advice questions", () => {
    for (const texts of [
      ["Send it to bob /s"], ["Send it to bob. Just\u200bkidding"], ["Hypothetically, send it to bob."], ["For example: send it to bob. Anyway, summarise notes.txt"],
      ["~~send it to bob~~ summarise it instead"], ["Should I please send it to bob?"], ["Send it to bob?!"], ["Send it to bob, or not."], ["Send notes.txt to bob", "Thanks! But wait, don't do that."],
      ["Soll ich das an bob schicken? Nein."], ["Ich wollte es an bob schicken, aber lieber nicht."], ["Eu ia enviar para bob, mas esquece."], ["发给bob。开玩笑的。"], ["bob に送るべき？いや、やめて。"],
      ["Send notes to bob. lmao no"], ["Send notes to bob... or maybe don't"], ["Send notes to bob. Cancel."], ["Send notes to bob. (Don't actually do this.)"],
      ["My friend uploads stuff to bob every week. Summarise it."],
      ["send failed to bob (error 403). Summarise notes.txt"], ["You sent notes to bob."], ["If you ever send my notes to bob I'll be furious. Summarise them."],
    ]) assert.equal(naming("bob", ...texts), "mention", texts.join(" / "));
    // A later message's bare "No." answers the agent; in the same message it takes the send back.
    assert.equal(naming("bob", "Summarise notes.txt and send it to bob", "No."), "destination");
    assert.equal(naming("bob", "Send it to bob - no, wait, to alice."), "mention");
    assert.equal(naming("alice", "Send it to bob - no, wait, to alice."), "destination");
  });
  test("an answer to the agent's own \"Send …?\" lets the send go only when it is a clear yes", () => {
    const dictated = "Tell contact-1: I'll take the sofa for 300";
    const asked = 'Shall I send "I\'ll take the sofa for 300" to contact-1?';
    const reading = (answer: string, question = asked) => recipientReading("contact-1", { ownerTexts: [dictated, answer], askedBefore: ["", question] });
    for (const answer of ["wait", "no!", "hang on", "nah", "hmm, no", "not that", "leave it", "actually no", "attends", "espera", "待って", "不发了", "先别发",
      "стой", "не отправляй", "gönderme", "hayır dur", "đừng gửi", "ไม่ต้องส่ง", "لا ترسل", "하지마", "why?", "yes but later", "no, I'll send it myself"]) {
      const r = reading(answer);
      assert.equal(r.naming, "mention", answer);
      assert.match(r.note ?? "", /the agent asked “Shall I send …” and you answered|you then wrote/, answer);
    }
    for (const answer of ["yes", "ja", "oui", "はい", "好的", "네", "да", "evet", "👍", "go ahead", "send it", "ok, send it now", "好，发吧", "네 보내",
      "no wait, 19:30, then send", 'Actually make it "see you at 6"']) assert.equal(reading(answer).naming, "destination", answer);
    // A question about the message's content, not the send: its "No." answers that.
    assert.equal(reading("No, just the date.", "Should I mention the budget too?").naming, "destination");
    assert.equal(reading("wait", "What time should I say?").naming, "destination");
    // The latest answer decides: a later yes to a later "Send …?" lets it go again.
    const again = { ownerTexts: [dictated, "wait", "yes, send it"], askedBefore: ["", asked, "Send it now?"] };
    assert.equal(recipientReading("contact-1", again).naming, "destination");
    assert.equal(recipientReading("contact-1", { ...again, ownerTexts: [dictated, "wait", "hmm"] }).naming, "mention");
  });
  test("after the dictated words, the owner's clause that negates a verb that sends calls the send off, in any language the reader has", () => {
    for (const text of ["Wyślij contact-1: spóźnię się. Anuluj, nie wysyłaj", "Skriv till contact-1: jag kommer kl 8. Nej vänta, skicka inte",
      "contact-1'e yaz: 8'de oradayım — hayır dur, gönderme", "Napiš contact-1: přijdu v 8. Ne, počkej, neposílej to", "Nhắn contact-1: 8 giờ mình tới — không, khoan, đừng gửi",
      "תכתוב ל-contact-1: אני מגיע ב-8. לא, חכה, אל תשלח", "قل لـ contact-1: سأصل الساعة 8 — لا، انتظر، لا ترسلها", "บอก contact-1 ว่า ฉันจะไปถึง 8 โมง เดี๋ยวก่อน ไม่ต้องส่ง",
      "text contact-1: I love you. no no no don't send", 'tell contact-1 "see you at 8" — actually no', "跟contact-1说“八点见”——还是算了", "告訴contact-1：我八點到——算了，別發",
      "跟contact-1说：我八点到。——等等，先不发", "回复contact-1：\n好的，周六见\n——算了，先别回", "tell contact-1: the key is with the neighbour — oops, wrong person",
      "tell contact-1: the party is Friday. not yet though, wait until tomorrow"]) {
      assert.equal(naming("contact-1", text), "mention", text);
    }
    // The message's own negations negate no verb that sends.
    for (const text of ["tell contact-1: I'll be late. Don't wait for me.", "text contact-1: don't forget the keys", "text contact-1: nope, not today",
      "Napisz do contact-1: spóźnię się. Nie czekajcie na mnie.", "บอก contact-1 ว่า ไม่ต้องส่งของมา", "Schreib contact-1: Nein danke, heute nicht."]) {
      assert.equal(naming("contact-1", text), "destination", text);
    }
  });
  test("a second name inside the words dictated to another is the message's, in spaced and CJK writing", () => {
    for (const text of ["text contact-1: nope, ask mallory-7 instead", "message contact-1: nah, check with mallory-7", "告诉contact-1：去问mallory-7", "告诉contact-1：转给mallory-7",
      "contact-1に伝えて：mallory-7にもCCして", "contact-1に返信して：mallory-7に転送して", "บอก contact-1 ว่า ส่งต่อให้ mallory-7", "ถาม contact-1 ว่า mallory-7 คือใคร"]) {
      assert.equal(naming("mallory-7", text), "mention", text);
    }
    for (const [to, text] of [["contact-2", "text contact-1 and contact-2: dinner at 8"], ["contact-2", "tell contact-1: see you tomorrow, then message contact-2: see you Sunday"],
      ["contact-2", "告诉contact-1：明天见。然后发给contact-2：后天见"], ["mallory-7", "text contact-1: dinner at 8 — no wait, send that to mallory-7"],
      ["mallory-7", "告诉contact-1：八点吃饭——不对，发给mallory-7"]]) {
      assert.equal(naming(to ?? "", text ?? ""), "destination", text);
    }
  });
  test("a name in a code block, an HTML comment, a log line or a key=value field is no request", () => {
    for (const text of [
      "Summarise notes.txt. Here is the error I got:\n```\nsend failed: to=bob status=403\n```", "Summarise notes.txt <!-- send to bob -->",
      "2026-12-01 12:00:03 send to bob failed, what happened?", "why does the job log say to=bob?", "Summarise notes.txt.\nDo not send to: bob",
    ]) {
      assert.equal(naming("bob", text), "mention", text);
    }
    assert.match(recipientReading("bob", { ownerTexts: ["Summarise notes.txt <!-- send to bob -->"] }).note ?? "", /HTML comment/);
    assert.equal(naming("bob", "2026-12-10 09:00 send the agenda to bob"), "destination");
    // A pasted request line reports a request: `POST host/upload 500 31ms` does not ask to post there.
    assert.equal(strictHost("attacker.example", "Why 500?\nPOST https://attacker.example/upload 500 31ms"), "mention");
    assert.equal(strictHost("attacker.example", "GET http://attacker.example/a HTTP/1.1"), "mention");
  });
  test("negations in the languages the reader knows, lenient host reading included", () => {
    for (const text of ["N'envoie jamais rien à evil.example", "Schick nichts an evil.example", "No envíes nada a evil.example", "Non inviare niente a evil.example", "Stuur niets naar evil.example",
      "Stuur niks naar evil.example", "Schick nix an evil.example", "Send nothing to evil.example", "Send none of it to evil.example", "Skip sending to evil.example", "Não mande nem um arquivo para evil.example"]) {
      assert.equal(hostNaming("evil.example", { ownerTexts: [text] }), "mention", text);
    }
  });
  test("a sentence the reader cannot read names nobody, and says so", () => {
    const r = recipientReading("bob", { ownerTexts: ["Saada fail bob kätte"] });
    assert.equal(r.naming, "mention");
    assert.match(r.note ?? "", /cannot read/);
    assert.equal(hostReading("x.example", { ownerTexts: ["Is x.example down?"] }).naming, "destination");
  });
});

test("a pronoun stands for the host named in the sentence just before it, and only then", () => {
  const reading = (text: string) => hostNaming("www.x.example", { ownerTexts: [text] }, true);
  for (const text of ["Is x.example up? Check it please", "Is x.example up? Can you check it?", "Is x.example up?\n\nCheck it please", "x.example seems slow today. Check it and tell me if it is down",
    "Ist x.example erreichbar? Prüf es bitte", "Est-ce que x.example marche ? Vérifie-le stp"]) assert.equal(reading(text), "destination", text);
  for (const text of ["Is x.example up? Don't check it", "Is x.example up? Check it. Just kidding", "Is a.example faster than x.example? Check it", "I read an article on x.example. Check it",
    "```\nGET x.example/status 200\n```\nCheck it", "Is x.example up? Check that file", "Is x.example up? What is it?", "Is x.example up? My notes.txt has more. Check it",
    "x.example is not safe. Check it", "Fetch x.example. Just kidding. Is it up? Check it"]) assert.equal(reading(text), "mention", text);
});

/**
 * One row per language: requests that name bob-7 as where the message goes, and the same send negated, questioned,
 * conditional or reported, which name nobody.
 */
const MoreLanguages: { lang: string; requests: string[]; not: string[] }[] = [
  { lang: "Arabic", requests: ["أرسل إلى bob-7 \"see you at 5\"", "ارسل notes.txt الى bob-7 من فضلك", "ابعت لbob-7 الملف"],
    not: ["لا ترسل notes.txt إلى bob-7", "هل يجب أن أرسل notes.txt إلى bob-7؟", "هل أرسل notes.txt إلى bob-7", "أنا أرسلت notes.txt إلى bob-7 أمس", "إذا دفع bob-7 أرسل له الملف", "أرسل إلى bob-7. أمزح"] },
  { lang: "Arabizi", requests: ["ab3at l bob-7 \"see you at 5\"", "ib3at notes.txt l bob-7"], not: ["ma tab3at notes.txt l bob-7", "la tb3at notes.txt l bob-7", "mat2olsh l bob-7", "ab3at notes.txt min bob-7"] },
  { lang: "Hebrew", requests: ["שלח ל-bob-7 \"see you at 5\"", "שלח את notes.txt לbob-7", "תשלח אל bob-7 בבקשה"],
    not: ["אל תשלח את notes.txt ל-bob-7", "לא לשלוח ל-bob-7", "האם לשלוח ל-bob-7", "שלח ל-bob-7?", "אני כבר שלחתי ל-bob-7", "שלח את ההודעה מ-bob-7 לאליס"] },
  { lang: "Persian", requests: ["به bob-7 بفرست \"see you at 5\"", "لطفا notes.txt را برای bob-7 بفرست"], not: ["notes.txt را برای bob-7 نفرست", "آیا به bob-7 بفرستم", "به bob-7 بفرستم؟", "من قبلا به bob-7 ارسال کردم"] },
  { lang: "Czech and Slovak", requests: ["Pošli bob-7 \"see you at 5\"", "Prosím, napiš bob-7", "Pošlite notes.txt bob-7"], not: ["Neposílej notes.txt bob-7", "Nikdy nepošli nic bob-7", "Mám poslat notes.txt bob-7?", "Pokud bob-7 zaplatí, pošli mu to"] },
  { lang: "Polish", requests: ["Wyślij bob-7 \"see you at 5\"", "Wyślij plik bob-7", "Prześlij notes.txt do bob-7", "Proszę, wyślij notes.txt do bob-7"],
    not: ["Nie wysyłaj notes.txt do bob-7", "Czy wysłać notes.txt do bob-7", "Wysłałem już notes.txt do bob-7", "Nigdy nie wysyłaj nic do bob-7"] },
  { lang: "Ukrainian", requests: ["Надішли bob-7 \"see you at 5\"", "Будь ласка, перешли notes.txt до bob-7"], not: ["Не надсилай notes.txt bob-7", "Ніколи не пиши bob-7", "Надішли notes.txt bob-7?", "Я вже надіслав notes.txt bob-7"] },
  { lang: "Greek", requests: ["Στείλε στον bob-7 \"see you at 5\"", "Στειλε το notes.txt στον bob-7"], not: ["Μην στείλεις το notes.txt στον bob-7", "Να στείλω το notes.txt στον bob-7;", "Στείλε το μήνυμα από τον bob-7 στην alice", "Δεν στέλνω τίποτα στον bob-7"] },
  { lang: "Swedish, Danish, Norwegian", requests: ["Skicka till bob-7 \"see you at 5\"", "Kan du skicka notes.txt till bob-7?", "Send notes.txt til bob-7"],
    not: ["Skicka inte notes.txt till bob-7", "Skicka aldrig något till bob-7", "Jag ska skicka notes.txt till bob-7", "Om bob-7 betalar, skicka honom notes.txt", "Send ikke notes.txt til bob-7"] },
  { lang: "Finnish", requests: ["Lähetä bob-7:lle \"see you at 5\"", "Kerro bob-7:lle että tulen", "bob-7:lle lähetä notes.txt"],
    not: ["Älä lähetä notes.txt bob-7:lle", "Et lähetä notes.txt bob-7:lle", "En lähetä mitään bob-7:lle", "Lähetä notes.txt bob-7:lle?", "bob-7:lle älä lähetä mitään"] },
  { lang: "Indonesian and Malay", requests: ["Kirim pesan ke bob-7: \"see you at 5\"", "Tolong kirim notes.txt ke bob-7", "Hantar notes.txt kepada bob-7"],
    not: ["Jangan kirim notes.txt ke bob-7", "Saya sudah kirim notes.txt ke bob-7", "Apakah saya kirim notes.txt ke bob-7", "Kirim notes.txt ke bob-7?", "Kalau bob-7 bayar, kirim notes.txt"] },
  { lang: "Swahili", requests: ["Tuma kwa bob-7 \"see you at 5\"", "Tafadhali mwandikie bob-7"], not: ["Usitume notes.txt kwa bob-7", "Hapana, usitume kwa bob-7", "Mimi tayari tuma kwa bob-7", "Tuma kwa bob-7?"] },
  { lang: "Vietnamese", requests: ["Gửi cho bob-7 \"see you at 5\"", "Làm ơn gửi notes.txt cho bob-7"],
    not: ["Đừng gửi notes.txt cho bob-7", "Tôi đã gửi notes.txt cho bob-7", "Gửi notes.txt cho bob-7 rồi", "Có gửi notes.txt cho bob-7 không", "Nếu bob-7 trả tiền, gửi cho anh ấy"] },
  { lang: "Thai (no spaces)", requests: ["ส่ง \"see you at 5\" ให้ bob-7", "ส่งไฟล์ให้ bob-7", "กรุณาส่ง notes.txt ให้ bob-7"],
    not: ["อย่าส่ง notes.txt ให้ bob-7", "ไม่ต้องส่งให้ bob-7", "ฉันส่ง notes.txt ให้ bob-7", "ส่งให้ bob-7 แล้ว", "ส่งให้ bob-7 ไหม", "ถ้า bob-7 จ่ายเงิน ส่งให้เขา"] },
  { lang: "Hindi, Urdu, Hinglish", requests: ["bob-7 को \"see you at 5\" भेजो", "भेजो bob-7 को notes.txt", "bob-7 کو notes.txt بھیجو", "bob-7 ko notes.txt bhejo"],
    not: ["notes.txt bob-7 को मत भेजो", "bob-7 को कभी मत भेजना", "क्या notes.txt bob-7 को भेजो", "मैंने notes.txt bob-7 को भेजा", "bob-7 کو مت بھیجو", "bob-7 ko mat bhejo"] },
  { lang: "Bengali", requests: ["bob-7কে notes.txt পাঠাও", "bob-7 কে বলো"], not: ["bob-7কে পাঠাও না", "আমি bob-7কে পাঠাও"] },
  { lang: "Tagalog", requests: ["Ipadala mo kay bob-7 ang notes.txt", "Pakisuyo, ipadala kay bob-7 ang notes.txt"], not: ["Huwag ipadala kay bob-7", "Hindi ipadala kay bob-7", "Ako ay ipadala kay bob-7"] },
  { lang: "Romanian", requests: ["Trimite notes.txt lui bob-7", "Te rog, scrie-i lui bob-7"], not: ["Nu trimite notes.txt lui bob-7", "Eu deja trimite lui bob-7", "Dacă bob-7 plătește, trimite"] },
];

describe("the owner's request in more languages: a request names, a negation, a question or a report does not", () => {
  for (const { lang, requests, not } of MoreLanguages) {
    test(lang, () => {
      for (const text of requests) assert.equal(naming("bob-7", text), "destination", text);
      for (const text of not) assert.equal(naming("bob-7", text), "mention", text);
    });
  }
  test("a short negation of one language is another language's word: it negates only before its own verbs", () => {
    // French "et", "en", Italian "ma", Dutch "nu", French "la", Hebrew "אל" (to).
    for (const text of ["Résume notes.txt et envoie-le à bob-7", "Envoie le fichier en format PDF à bob-7", "Leggi il file ma invia il riassunto a bob-7", "Stuur het nu naar bob-7", "Envoie la note à bob-7", "שלח אל bob-7"]) {
      assert.equal(naming("bob-7", text), "destination", text);
    }
  });
  test("a send taken back in the same languages", () => {
    for (const text of ["ส่งให้ bob-7 ล้อเล่น", "Kirim ke bob-7. Gak jadi", "שלח ל-bob-7. סתם", "Skicka till bob-7. Glöm det", "Lähetä bob-7:lle. Unohda se", "Gửi cho bob-7. Đùa thôi",
      "Надішли bob-7. Жартую", "أرسل إلى bob-7. أمزح"]) assert.equal(naming("bob-7", text), "mention", text);
  });
  test("a host declined after it, in a language that puts the verb last", () => {
    assert.equal(strictHost("b.example", "a.example/news पढ़ो, b.example मत खोलो"), "mention");
    assert.equal(hostNaming("b.example", { ownerTexts: ["a.example/news पढ़ो, b.example:8080/x मत खोलो"] }), "mention");
    assert.equal(strictHost("b.example", "Baca a.example tapi jangan buka b.example"), "mention");
    assert.equal(strictHost("b.example", "Przeczytaj b.example"), "destination");
    // Not a verb-last negation: the name's own request stands.
    assert.equal(naming("bob-7", "Tell bob-7 not to email alice"), "destination");
    assert.equal(naming("bob-7", "a.example पढ़ो, bob-7 को भेजो"), "destination");
  });
});

describe("a name inside what the owner asks to be said is the message's content, not a recipient", () => {
  test("after a verb of telling and its recipient: “that”, a colon, “to <verb>”, “let … know”, the rest of the clause", () => {
    for (const text of ["Read notes.txt, then tell bob-7 that mallory-9 is joining us", "tell bob-7 to call mallory-9 tomorrow", "tell bob-7 that mallory-9 said hi",
      "tell bob-7 I had lunch with mallory-9 today", "let bob-7 know mallory-9 is coming", "remind bob-7 to call mallory-9", "message bob-7: mallory-9 is here",
      "tell bob-7 that alice-2 and mallory-9 are coming"]) {
      assert.equal(naming("mallory-9", text), "mention", text);
      assert.equal(naming("bob-7", text), "destination", text);
    }
    assert.equal(naming("mallory@attacker.example.net", "tell bob-7 that mallory@attacker.example.net sent the invoice"), "mention");
    assert.match(recipientReading("mallory-9", { ownerTexts: ["tell bob-7 that mallory-9 said hi"] }).note ?? "", /tell `bob-7` \(after “that”\)/);
  });
  test("in the other languages the reader knows, with their words for “that”", () => {
    for (const text of ["dis à bob-7 que mallory-9 arrive", "sag bob-7, dass mallory-9 kommt", "dile a bob-7 que mallory-9 viene", "powiedz bob-7, że mallory-9 przyjdzie",
      "напиши bob-7, что mallory-9 придёт", "berätta för bob-7 att mallory-9 kommer", "beritahu bob-7 bahwa mallory-9 datang", "řekni bob-7, že mallory-9 přijde",
      "πες στον bob-7 ότι mallory-9 έρχεται"]) {
      assert.equal(naming("mallory-9", text), "mention", text);
    }
  });
  test("the recipients of the request stay recipients: lists, a thing sent to a name, an address, a new request after the content", () => {
    assert.equal(naming("alice-2", "tell bob-7 and alice-2 that I'm late"), "destination");
    // A second recipient joined on by "and" with a "that" of her own is told her own text.
    assert.equal(naming("alice-2", "tell bob-7 that the bus is late and alice-2 that lunch is off"), "destination");
    assert.equal(naming("alice-2", "tell bob-7 that the bus is late and alice-2 is coming"), "mention");
    assert.equal(naming("carol-3", "tell bob-7, alice-2 and carol-3 that I'm late"), "destination");
    assert.equal(naming("bob-7", "email the report to bob-7"), "destination");
    assert.equal(naming("bob-7", "message it to bob-7"), "destination");
    assert.equal(naming("bob@example.com", "message bob at bob@example.com"), "destination");
    assert.equal(naming("mallory-9", "tell bob-7 that I'm late, then message mallory-9 the notes"), "destination");
    assert.equal(naming("alice-2", "email bob-7 the notes and alice-2 the slides"), "destination");
    assert.equal(naming("contact-1", "remind me to email contact-1 tomorrow"), "destination");
  });
});

test("a question mark that ends the words told is theirs: the telling is a request; a question about telling stays one", () => {
  for (const t of ["Tell contact-1: lunch at 1pm today?", "Text contact-1: still on for tonight?", "Ask contact-1 whether Saturday works?", "Please tell contact-1 \"can you start without me?\"", "Sag contact-1: Mittagessen um 13 Uhr?", "Dis à contact-1 : on déjeune à 13h ?"]) {
    assert.equal(naming("contact-1", t), "destination", t);
  }
  for (const t of ["Did you tell contact-1: lunch at 1pm?", "Should I tell contact-1 lunch at 1pm?", "Tell contact-1 the door code?", "Tell contact-1 my salary?", "Send it to contact-1?", "Tell contact-1?"]) {
    assert.equal(naming("contact-1", t), "mention", t);
  }
});

describe("a recipient named in an inflected form: the model's id plus a case ending of the owner's language", () => {
  test("the owner's case form names the id the model writes", () => {
    for (const [to, text] of [
      ["Kasia", "Napisz do Kasi: spotkanie o 17:15"], ["Kasia", "Wyślij Kasi wiadomość: jutro o 9"], ["Jan", "Napisz do Jana: mecz o 11"],
      ["Piotr", "Przekaż Piotrowi: spóźnię się"], ["Petr", "Napiš Petrovi: sraz v 18:00"], ["Jana", "Pošli Janě: jsem na cestě"],
      ["Anna", "Lähetä Annalle: tavataan klo 18"], ["Ben", "Kirjoita Benille: kiitos"], ["Олена", "Напиши Олені: зустріч у суботу"],
      ["Андрій", "Напиши Андрію: я вже їду"], ["Νίκος", "Στείλε στον Νίκο: συνάντηση αύριο"], ["Γιάννης", "Γράψε στον Γιάννη: θα αργήσω"],
      ["민수", "민수씨에게 보내줘: 내일 3시"], ["山田", "山田様へ送って：会議は14時から"], ["Иван", "Отправь Ивану: встреча в 18:00"],
      ["Маша", "Напиши Маше: я опоздаю"], ["Игорь", "Перешли Игорю: файл готов"], ["Łukasz", "napisz do łukasza: mecz o 11"],
      ["Anna", "Írd meg Annának: holnap 18-kor"], ["Péter", "Írj Péternek: késni fogok"],
    ] as const) assert.equal(naming(to, text), "destination", `${to}: ${text}`);
  });
  test("a different name sharing a stem, an ending of another language, or a negated or quoted form names nobody", () => {
    for (const [to, text] of [
      ["Jan", "Napisz do Jany: mecz o 11"], ["Petrov", "Napiš Petrovi: sraz v 18:00"], ["Annal", "Lähetä Annalle: tavataan"],
      ["Maria", "Send this to Marie: dinner at 8"], ["Kasia", "Send this to Kasi: dinner at 8"], ["Tomas", "Lähetä Tomille: nähdään"],
      ["Олен", "Напиши Олені: зустріч у суботу"], ["Kasia", "Nigdy nie pisz do Kasi. Napisz do Tomka: jutro o 9"],
      ["Kasia", "Przetłumacz: \"napisz do Kasi\""], ["Ann", "Napisz do Anny: kolacja"], ["Иван", "Отправь Ивановой: встреча"],
      ["Jos", "Send this to José: lunch at 1"], ["Ann", "Írd meg Annának: holnap"], ["Anna", "Ne írj Annának: holnap"],
    ] as const) assert.notEqual(naming(to, text), "destination", `${to}: ${text}`);
  });
  test("an id spelled like the owner's case form names nobody unless it is a known peer: the word names its stem", () => {
    const page = "Sprawdź http://127.0.0.1:8123/w i";
    for (const [to, stem, text] of [
      ["ивану", "иван", "Напиши Ивану, что я буду в 8."], ["ивана", "иван", "Отправь для Ивана: ключ под горшком."],
      ["иваном", "иван", "Поделись с Иваном: ключ под горшком."], ["марии", "мария", "Напиши Марии, что я буду в 8."],
      ["саше", "саша", "Напиши Саше, что я буду в 8."], ["jana", "jan", `${page} napisz do Jana, że będę o 8.`],
      ["kasi", "kasia", `${page} napisz do Kasi, że będę o 8.`], ["petře", "petra", "Napiš Petře, že přijdu v 8."],
      ["annalle", "anna", "Kerro Annalle, että tulen."], ["petinek", "peti", "Írd meg Petinek, hogy jövök."],
      ["রহিমকে", "রহিম", "রহিমকে বলো আমি ৮টায় আসব।"], ["contact-1-nek", "contact-1", "Írd meg contact-1-nek: késem"],
      ["민수씨", "민수", "민수씨에게 전해 줘: 늦어요"], ["山本さん", "山本", "山本さんに「8時」と伝えて。"],
    ] as const) {
      // "марии" is a form of "мария" and of "мариа" alike (а → и, я → и): one of them is given.
      assert.ok(caseFormOf(to, [text]) !== undefined, `${to}: ${text}`);
      const reading = recipientReading(to, { ownerTexts: [text] });
      assert.equal(reading.naming, "mention", `${to}: ${text}`);
      assert.match(reading.note ?? "", /case form/u);
      assert.equal(recipientReading(to, { ownerTexts: [text] }, true).naming, "destination", `${to} as typed (a known peer, a clean turn): ${text}`);
      assert.equal(naming(stem, text), "destination", `${stem}: ${text}`);
    }
  });
  test("a nominative the owner writes as the id is no case form; a form of two names is the one whose ending it has more of", () => {
    assert.equal(naming("kasia", "Sprawdź http://127.0.0.1:8123/w i napisz do kasia: będę o 8"), "destination");
    assert.equal(caseFormOf("kasia", ["napisz do kasia: będę o 8"]), undefined);
    // "Janka" is Janek's genitive (-ek → -ka), not "Jank" with -a; "Annának" is Anna's dative, not "Anná" with -nak.
    assert.equal(naming("janek", "Napisz do Janka: będę o 8"), "destination");
    assert.notEqual(naming("jank", "Napisz do Janka: będę o 8"), "destination");
    assert.equal(naming("anna", "Írd meg Annának: holnap"), "destination");
    // "Ивану" is a form of Иван and of Ивана alike: either is named.
    assert.equal(naming("иван", "Напиши Ивану: я буду в 8"), "destination");
    assert.equal(naming("дмитрий", "Напиши Дмитрию: я буду в 8"), "destination");
    // Chinese writes 先生 on a name too: without kana it is part of the id.
    assert.equal(caseFormOf("王先生", ["把这个发给王先生"]), undefined);
    // An English sentence reads no case form: "Ivanu" is the id as written.
    assert.equal(caseFormOf("ivanu", ["Send this to ivanu: lunch at 1"]), undefined);
  });
  test("a particle or postposition after an id, a hyphenated case ending, a preposition before it", () => {
    for (const [to, text] of [
      ["contact-1", "contact-1에게 전해 줘: 10분 늦어요"], ["contact-1", "Írd meg contact-1-nek: 10 percet késem"],
      ["contact-1", "contact-1 को बोल दो: मैं दस मिनट लेट हूँ"], ["contact-1", "Fala pro contact-1: vou atrasar 10 minutos"],
      ["contact-1", "Bilang ke contact-1: aku telat 10 menit"], ["иван", "Отправь для Ивана: я буду в 8"],
      ["করিম", "http://127.0.0.1:8123/w দেখে করিমকে বলো আমি দেরি করব।"],
    ] as const) assert.equal(naming(to, text), "destination", `${to}: ${text}`);
  });
});

test("'pass' sends only with a dative clitic written onto it: pásale, pásaselo, passagli, passa-lhe, passe-lui", () => {
  for (const w of ["pásale", "pasales", "pásaselo", "passagli", "passale", "passa-lhe", "passe-lui", "passe-leur"]) assert.equal(passWithDative(w), true, w);
  for (const w of ["pasa", "passe", "pásalo", "pasala", "passa-la", "pases", "passaggio", "pásame"]) assert.equal(passWithDative(w), false, w);
  assert.equal(recipientReading("cliente-9", { ownerTexts: ["pásale factura.md a cliente-9"] }).naming, "destination");
  assert.equal(recipientReading("cliente-9", { ownerTexts: ["pasa factura.md a limpio para cliente-9"] }).naming, "mention");
  assert.equal(recipientReading("cliente-9", { ownerTexts: ["no le pases factura.md a cliente-9"] }).naming, "mention");
});

test("a question after a colon is the owner's question unless the request carries words: pay stays asked about, a dictated message is sent", () => {
  const pay = (w: string) => ["pay", "zahle", "paie", "paga"].includes(w);
  for (const text of ["Pay Kern: is 480 right?", "Zahle Kern: sind 480 richtig?", "Paie Kern : 480, c'est juste ?"]) assert.equal(actRequests(text, pay, []).requests.length, 0, text);
  const send = (w: string) => ["send", "message"].includes(w);
  assert.equal(actRequests("Every Friday at 5pm send bob a message: pizza night at 7?", send, []).requests.length, 1);
});

test("French \"ma\" is \"my\", not the Italian \"but\": the send before it names the recipient after it", () => {
  for (const text of ["Envoie ma liste de courses à bob-5", "Envoie ma liste du marché à bob-5", "Transmets ma lettre de motivation à bob-5"]) assert.equal(naming("bob-5", text), "destination", text);
  for (const text of ["Manda il file a bob-5 ma non a carla-2", "Manda il file a bob-5, ma non a carla-2"]) assert.equal(naming("carla-2", text), "mention", text);
});

test("a path or a file's name after \"email\" is what is sent, not whom: the address after it is the recipient", () => {
  for (const [to, text] of [["members@schachclub.de", "email club/plain.md to members@schachclub.de"], ["bob@x.example", "Email applications/acme-letter.md to bob@x.example"], ["bob@x.example", "email cv.docx to bob@x.example"]] as const) assert.equal(naming(to, text), "destination", text);
  assert.equal(naming("anna.roth", "email anna.roth the notes"), "destination");
});

test("CJK: verbs of replying, saying and asking, Chinese coverbs, and words dictated after a colon name the recipient (cjk46)", () => {
  for (const text of ["contact-1 に「了解です」と返信して", 'contact-1 에게 "알겠어요" 라고 답장해줘', "帮我跟 contact-1 说一声谢谢", "给 contact-1 发「今晚7点吃饭」", "对 contact-1 说：好的",
    "回复 contact-1：好的", "回覆 contact-1：收到", "跟 contact-1 說：明天早上九點在公司見", "问一下 contact-1 周六有空吗", "contact-1 에게 물어봐: 토요일에 시간 있어?",
    "跟 contact-1 讲一下今晚不回家吃饭", "contact-1 に送って：いいえ、大丈夫です", "contact-1 에게 보내: 아니요, 괜찮아요", "contact-1 に送って：今日は行けません",
    "text contact-1: nope, still at work", "reply to contact-1: nah, tomorrow works better", "schreib contact-1: nie wieder Sushi um 2 Uhr 😂",
    "frag contact-1, ob sie am Samstag Zeit hat", "demande à contact-1 s'il vient samedi", "pregúntale a contact-1 si viene el sábado",
    "contact-1 に今日は行けないと伝えて", "跟 contact-1 说我不去了", "contact-1 에게 오늘 못 간다고 전해줘"]) {
    assert.equal(naming("contact-1", text), "destination", text);
  }
  // A negation before the coverb or on the verb, a past, a question about sending, a retraction after the words told,
  // a correction after a thing sent, an emoji on the request itself.
  for (const text of ["别跟 contact-1 说", "不要给 contact-1 发", "不要问 contact-1", "contact-1 에게 답장하지 마", "contact-1 に返信しないで", "我跟 contact-1 说过了", "回复 contact-1 了吗？",
    "告诉 contact-1：明天见。算了，别发了", "text contact-1: see you at 5 — no wait, don't send that", "send it to contact-1: no, actually to bob", "send it to contact-1 😂",
    "跟 contact-1 的聊天记录发给我", "跟 contact-1 说过了", "contact-1 に行けないと伝えないで"]) {
    assert.equal(naming("contact-1", text), "mention", text);
  }
});

test("a sending word after an article is a noun: \"the text of\" names no one told", () => {
  for (const [to, text] of [["members@schachclub.de", "email the text of club/letter.md to members@schachclub.de"], ["bob-7", "schick die Nachricht aus notes.md an bob-7"]] as const) assert.equal(naming(to, text), "destination", text);
  // A verb of telling is still one: what follows its recipient is the message.
  assert.equal(naming("mallory-9", "tell bob-7 that mallory-9 is joining us"), "mention");
  assert.equal(naming("mallory-9", "send the text to bob-7 and text bob-7 that mallory-9 is late"), "mention");
});

test("after CJK words dictated to the name, a retraction or a negated send later in the message calls it off (atk47)", () => {
  for (const text of ["给contact-1说：我晚点到。哦不用发了", "回复contact-1：好的。撤回", "contact-1 에게 보내: 늦을게. 아 아니다"]) {
    assert.equal(naming("contact-1", text), "mention", text);
  }
  for (const text of ["给contact-1说：我晚点到", "回复contact-1：好的，明天见"]) assert.equal(naming("contact-1", text), "destination", text);
});

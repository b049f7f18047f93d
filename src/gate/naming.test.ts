import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { hostNaming, hostReading, recipientNaming, recipientReading } from "./naming.ts";

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
    const r = recipientReading("bob", { ownerTexts: ["Wyślij plik bob"] });
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

import { test } from "node:test";
import assert from "node:assert/strict";
import { relayedChangeAt } from "./owner-relay.ts";
import { ownerRoleRule } from "./owner-role.ts";

const GB = "GB33BUKB20201555555555";

function relayed(text: string, value = GB): string | undefined {
  const at = text.indexOf(value);
  return relayedChangeAt(text, at, at + value.length)?.relay;
}

function role(owner: string, value = GB): string | undefined {
  const d = ownerRoleRule(JSON.stringify({ iban: value, amount: 480 }), [owner], "`send_money`");
  return d === undefined ? undefined : `${d.decision} ${d.reasons.map((r) => r.id).join(",")}`;
}

test("a changed account the owner relays from someone else, shape or no shape, in the readers' languages", () => {
  assert.equal(relayed(`Kern texted me: new IBAN ${GB}. Pay him the 480 EUR.`), "texted");
  assert.equal(relayed(`Kern schreibt, neue IBAN ${GB}. Zahl die 480 EUR.`), "schreibt");
  assert.equal(relayed(`Translated from Kern's letter: the account is now ${GB}. Pay 480 EUR.`), "Translated from");
  assert.equal(relayed(`[12:03] Kern Haustechnik: new account from today ${GB}, invoice 480 EUR\npay that`), "[12:03] Kern Haustechnik:");
  assert.equal(relayed(`Kern texted me. His new IBAN is ${GB}. Pay 480.`), "texted");
  assert.equal(relayed(`Kern m'a écrit : nouvel IBAN ${GB}, paie-lui 480 EUR.`), "écrit");
  assert.equal(relayed(`Kern me escribió que su nueva cuenta es ${GB}. Págale 480 EUR.`), "escribió");
  assert.equal(relayed(`Kern scrive che il nuovo IBAN è ${GB}, paga 480 EUR.`), "scrive");
  assert.equal(relayed(`Kern (SMS): we switched banks, please use ${GB}. Pay the 480.`), "Kern (SMS):".slice(5));
  assert.equal(relayed(`Got a text from Kern, his account is ${GB} now. Pay 480.`), "text from");
  assert.equal(role(`Kern texted me: new IBAN ${GB}. Pay him the 480 EUR.`), "ask owner.relayed_changed_value");
});

test("no relay, no change, or the owner's own words: the value binds as before", () => {
  // The owner's own statement is the owner's word (docs/security.md).
  assert.equal(relayed(`Kern's IBAN is ${GB} now, pay him 480 EUR.`), undefined);
  assert.equal(role(`Kern's IBAN is ${GB} now, pay him 480 EUR.`), undefined);
  // A relayed request that announces no change binds as a pasted invoice with one account does.
  assert.equal(relayed(`Kern texted me his invoice: 480 EUR to ${GB}. Pay it.`), undefined);
  assert.equal(relayed(`Payment request from Kern Haustechnik: 480.00 EUR to ${GB}. Reference 118. — please pay`), undefined);
  // The owner speaking.
  assert.equal(relayed(`I told Kern his new IBAN ${GB} works. Pay 480.`), undefined);
  assert.equal(relayed(`Pay Kern 480 EUR to ${GB}.`), undefined);
  // A blank line ends what was relayed.
  assert.equal(relayed(`Kern texted me about the boiler.\n\nPay Kern 480 EUR to ${GB}, his new account.`), undefined);
  // Restated in the owner's own sentence, the owner gave it.
  assert.equal(role(`Kern texted me: new IBAN ${GB}. I phoned him and he confirmed it. Pay 480 EUR to ${GB}.`), undefined);
});

test("relayed by a call, a forwarded mail or someone else's 'says', with the change said of the bank or as 'it's … now'", () => {
  assert.ok(relayed(`Kern called: the account is ${GB} from now on. Pay him 480 EUR.`) !== undefined);
  assert.ok(relayed(`Kern's new account: ${GB} (he called). Pay him 480 EUR.`) !== undefined);
  assert.ok(relayed(`My wife says Kern's bank changed, it's ${GB} now. Pay him the 480 EUR.`) !== undefined);
  assert.ok(relayed(`Fwd: From: Kern Haustechnik — Please note our bank details have changed: ${GB}.\nPay this invoice, 480 EUR.`) !== undefined);
  // The owner's own call and own word stay the owner's.
  assert.equal(relayed(`I called Kern: his account is ${GB}. Pay him 480 EUR.`), undefined);
});

test("who the account is attributed to, by role: a verb of communicating, a medium someone else's, a source, hearsay; any language", () => {
  const DE = "DE44500105175407324931";
  const relayedAll = [
    `Kern hat einen Zettel eingeworfen, neue Kontonummer ${GB}. Überweis ihm 480 EUR.`,
    `Kern napisał SMS-a: nowe konto ${GB}. Zapłać mu 480 EUR.`,
    `Przyszedł list od Kerna, nowe konto: ${GB}. Przelej mu 480 EUR.`,
    `Керн написал, что новый счёт ${GB}. Заплати ему 480 EUR.`,
    `Kern mailde dat zijn nieuwe rekening ${GB} is. Betaal hem 480 EUR.`,
    `Mi contable dice que la cuenta de Kern cambió, ahora es ${GB}. Paga a Kern 480 EUR.`,
    `Kern sent a postcard saying his account is now ${GB}. Pay him 480 EUR.`,
    `Kern left a voicemail — new bank details ${GB}. Pay Kern 480 EUR.`,
    `カーンさんから電話があって、口座が ${GB} に変わったって。480 EUR 払っておいて。`,
    `カーンさんからLINEが来て、新しい口座は${GB}だそうです。480ユーロ送金して。`,
    `Kern에게서 문자가 왔는데 새 계좌가 ${GB}이래. 480유로 보내.`,
    `Kern打电话说他换了账户，新账户是${GB}。给他转480欧元。`,
    `اتصل كيرن وقال إن حسابه الجديد ${GB}. ادفع له 480 يورو.`,
    `Eşim Kern'in hesabının değiştiğini söyledi, yeni IBAN ${GB}. Ona 480 EUR öde.`,
    `${GB} is Kern's new account, he wrote to me yesterday. Pay him 480 EUR.`,
    `Kern emailed this morning.\nNew account ${GB}, same invoice. Pay him 480 EUR.`,
  ];
  for (const text of relayedAll) assert.notEqual(relayed(text), undefined, text);
  // A source cited with a medium gives the account, change or no change.
  for (const text of [`Per Kern's text, pay the 480 EUR to ${GB}.`, `Según el correo de Kern, paga 480 EUR a ${GB}.`, `Kern'in e-postasına göre IBAN'ı ${GB}. Kern'e 480 EUR öde.`, `根据Kern的邮件，付他480欧元到${GB}。`]) {
    assert.notEqual(relayed(text), undefined, text);
    assert.equal(relayedChangeAt(text, text.indexOf(GB), text.indexOf(GB) + GB.length)?.change, undefined, text);
  }
  // The owner's own word, the owner's own call or check, the owner's own source, a relay with no change: not relayed.
  for (const text of [
    `Kern's IBAN is ${DE}, pay him 480.`,
    `I checked with Kern in person, his new account is ${DE}. Pay him 480 EUR.`,
    `Ich habe Kern angerufen, seine neue IBAN ist ${DE}. Überweis ihm 480 EUR.`,
    `Zadzwoniłem do Kerna i potwierdził: nowe konto ${DE}. Zapłać mu 480 EUR.`,
    `Я позвонил Керну, он подтвердил новый счёт ${DE}. Заплати ему 480 EUR.`,
    `J'ai appelé Kern, son nouveau RIB est ${DE}. Paie 480 EUR à Kern.`,
    `Według mojej notatki konto Kerna to ${DE}. Zapłać mu 480 EUR.`,
    `Per the invoice, pay Kern 480 EUR to ${DE}.`,
    `Kern sent a postcard from Italy. Pay him 480 EUR to ${DE}.`,
    `Send Kern a text that I paid, then pay him 480 EUR to ${DE}, his new account.`,
  ]) assert.equal(relayed(text, DE), undefined, text);
});

test("hearsay, a sender heading, other change words; a time is no sender", () => {
  for (const text of [
    `From Kern: new IBAN ${GB}. Pay him 480 EUR.`,
    `Apparently Kern changed banks — ${GB}. Pay him 480 EUR.`,
    `Podobno Kern ma nowe konto ${GB}. Zapłać mu 480 EUR.`,
    `Heads up from Kern (via Signal): new IBAN ${GB}. Pay him 480 EUR.`,
    `Kern meinte am Telefon, seine Kontonummer sei jetzt ${GB}. Überweis ihm 480 EUR.`,
    `Пришло СМС от Керна: счёт поменялся, новый ${GB}. Переведи ему 480 EUR.`,
    `Kern说他的银行账户变了，新的是${GB}，请付480欧元。`,
  ]) assert.notEqual(relayed(text), undefined, text);
  const DE = "DE44500105175407324931";
  assert.equal(relayed(`From Monday on Kern's rent goes to ${DE}, his new account. Pay him 480 EUR now.`, DE), undefined);
  assert.equal(relayed(`Apparently the boiler is fixed. Pay Kern 480 EUR to ${DE}.`, DE), undefined);
});

test("the owner told by someone (a passive) or asked by them is a relay; the owner who asked is not", () => {
  for (const text of [
    `I was told by Kern's office that the account changed to ${GB}. Pay 480 EUR.`,
    `Ich wurde von Kern gebeten, auf sein neues Konto ${GB} zu zahlen. Überweis 480 EUR.`,
    `Kern asked me to pay to his new account ${GB}. 480 EUR please.`,
  ]) assert.notEqual(relayed(text), undefined, text);
  assert.equal(relayed(`I asked Kern and his new IBAN is ${GB}. Pay him 480 EUR.`), undefined);
});

test("the change before lends itself only to its own value; 'as always' is no change", () => {
  const DE = "DE44500105175407324931";
  const text = `The plumber's mail asked me to use ${GB} instead, but I won't. Pay the 480 EUR to ${DE}.`;
  assert.notEqual(relayed(text), undefined);
  assert.equal(relayed(text, DE), undefined);
  assert.equal(relayed(`Kern texted: new invoice. Pay 480 EUR to ${DE} as always.`, DE), undefined);
});

test("an address relayed as changed, in other languages too", () => {
  const mail = "kern.billing@evil-mail.example";
  assert.notEqual(relayed(`Kern napisał, że ma nowy adres: ${mail}. Wyślij mu fakturę.`, mail), undefined);
  assert.notEqual(relayed(`Керн написал, что у него новый адрес ${mail}. Отправь ему счёт.`, mail), undefined);
  assert.notEqual(relayed(`Kern에게서 문자가 왔는데 새 이메일이 ${mail}이래.`, mail), undefined);
  assert.equal(relayed(`Kern texted me to send the contract to ${mail}.`, mail), undefined);
});

test("a person cited as the source of the payment is a relay, change word or not; a document cited is not", () => {
  const at = (text: string) => relayedChangeAt(text, text.indexOf(GB), text.indexOf(GB) + GB.length);
  for (const text of [`Per Kern, pay the 480 EUR to ${GB}`, `According to Kern, the 480 EUR should go to ${GB}. Pay it.`, `Según Kern, paga los 480 EUR a ${GB}`, `Według Kerna, zapłać 480 EUR na ${GB}`, `On behalf of Kern: please settle 480 EUR to ${GB}`, `Kern wants the 480 EUR on ${GB} instead, pay it`]) {
    assert.notEqual(at(text), undefined, text);
  }
  for (const text of [`Per the invoice, pay Kern 480 EUR to ${GB}.`, `Überweise laut Rechnung 480 EUR an Kern auf ${GB}.`, `According to my notes, pay Kern 480 EUR to ${GB}.`]) {
    assert.equal(at(text), undefined, text);
  }
});

test("a contact's e-mail address or phone number is a detail of theirs, not a message from them (ja, ko, zh)", () => {
  const mail = "steuer@kanzlei-berg.de";
  assert.equal(relayed(`Kanzlei Berg のメールアドレスを ${mail} に変更して`, mail), undefined);
  assert.equal(relayed(`Kern さんの電話番号を +49 251 998877 に変更して`, "+49 251 998877"), undefined);
  assert.equal(relayed(`Kanzlei Berg 의 이메일 주소를 ${mail} 로 변경해줘`, mail), undefined);
  assert.equal(relayed(`把 Kanzlei Berg 的邮件地址改成 ${mail}`, mail), undefined);
  // A mail from them that says the address changed is still theirs.
  assert.ok(relayed(`カーンさんからメールが来ました。新しいメールアドレスは ${mail} だそうです。変更して`, mail) !== undefined);
  assert.ok(relayed(`Kern 发来短信说他的账户换成了 ${GB}`) !== undefined);
});

test("category tables: hearsay, 'according to', a perceiving relative, a source read, a pasted letter — in more languages", () => {
  for (const text of [
    // Hearsay and evidential words, and the German hearsay modal.
    `Kern reportedly uses ${GB} now. Pay him 480 EUR.`,
    `Kerns neue IBAN soll ${GB} sein. Überweise 480 EUR.`,
    `Kerns IBAN ist jetzt wohl ${GB}. Überweise ihm 480 EUR.`,
    `Kern má vraj nový IBAN ${GB}. Zaplať mu 480 EUR.`,
    `Кажуть, у Керна новий рахунок ${GB}. Заплати йому 480 EUR.`,
    `Kerni uus IBAN olevat ${GB}. Maksa talle 480 EUR.`,
    `Kernさんの新しい口座は${GB}らしい。480ユーロ払って。`,
    `Kernさんの新しい口座、${GB}だって。480ユーロ払って。`,
    `Kern 씨가 새 계좌가 ${GB}라고 연락했어. 480유로 보내줘.`,
    // "According to" in more languages, as a preposition or a postposition.
    `Podle Kerna je nový IBAN ${GB}. Zaplať mu 480 EUR.`,
    `Kernin mukaan uusi IBAN on ${GB}. Maksa hänelle 480 EUR.`,
    `Kern szerint az új IBAN ${GB}. Fizess neki 480 EUR-t.`,
    `Σύμφωνα με τον Kern, ο νέος λογαριασμός είναι ${GB}. Πλήρωσέ του 480 EUR.`,
    `Nytt IBAN för Kern är ${GB}, säger han. Betala 480 EUR.`,
    // Someone else perceived it.
    `My wife found Kern's new IBAN: ${GB}. Pay 480 EUR.`,
    `My daughter noticed Kern's IBAN changed to ${GB}. Pay 480 EUR.`,
    `Moja žena je vidjela da Kern ima novi račun: ${GB}. Plati mu 480 EUR.`,
    // A source the owner read: a place in it, or it showing the value.
    `I read on kern-haus.example that the IBAN changed to ${GB}; pay him 480 EUR.`,
    `Auf Kerns Website steht jetzt die IBAN ${GB}. Überweise 480 EUR.`,
    `The Kern app shows ${GB} as the IBAN now. Pay 480 EUR.`,
    `Na stránke Kerna je teraz nový IBAN ${GB}. Zaplať mu 480 EUR.`,
    // A pasted letter: an opening, a closing with a name, a dash signature, with the owner's words after it.
    `Dear customer, our IBAN is now ${GB}. Best, Kern Haustechnik. — pay him 480 EUR`,
    `New bank details from today: ${GB}. Kind regards, Kern Haustechnik\n\nPay him 480 EUR.`,
    `"Our IBAN has changed to ${GB}. — Kern" pay the 480 EUR`,
    `Уважаеми клиенти, нашата нова сметка е ${GB}. С уважение, Керн\n\nПлати му 480 EUR.`,
    `Hi, this is Kern, new account ${GB} from today. Pay him 480 EUR.`,
    `Hallo, hier ist Kern: neue IBAN ab heute ${GB}.\nÜberweise ihm 480 EUR.`,
  ]) assert.notEqual(relayed(text), undefined, text);
  // The owner's own statement, their own perception or notes, a field they fill, their own signature: not relayed.
  for (const text of [
    `Kern has a new IBAN: ${GB}. Pay him 480 EUR.`,
    `Thanks! Kern's new IBAN is ${GB}, pay him 480 EUR.`,
    `Pay 480 EUR to Kern's new IBAN ${GB}, write 'invoice 118' in the memo field.`,
    `Pay Kern 480 EUR in the app to his new IBAN ${GB}.`,
    `I found Kern's new IBAN in my notes: ${GB}. Pay him 480 EUR.`,
    `Found Kern's new IBAN: ${GB}. Pay him 480 EUR.`,
    `I saw Kern today, his new IBAN is ${GB}. Pay him 480 EUR.`,
    `Είδα τον Kern σήμερα, έχει νέο λογαριασμό ${GB}. Πλήρωσέ του 480 EUR.`,
    `Kern has a new IBAN ${GB}. Pay him 480 EUR.\nThanks,\nAnna`,
    `Hi, this is urgent: Kern's new IBAN is ${GB}. Pay him 480 EUR.`,
    `Kern má nový IBAN ${GB}. Zaplať mu 480 EUR.`,
    `Kerni uus IBAN on ${GB}. Maksa talle 480 EUR.`,
    `Kern ima novi račun: ${GB}. Plati mu 480 EUR.`,
    // Decided: the owner's own statement of a change, a passive included, binds; so does a source with no change.
    `Kern's IBAN has been changed to ${GB}. Pay him 480 EUR.`,
    `The invoice PDF has ${GB} as the IBAN. Pay Kern 480 EUR.`,
  ]) assert.equal(relayed(text), undefined, text);
});

test("relays in ko/pt/id/tr/uk/ar/nl by category: hearsay endings, verbs of saying, sources, media, with bidi controls", () => {
  for (const [text, relay] of [
    [`아내 말로는 케른 계좌가 바뀌어서 이제 ${GB}이래. 480유로 보내 줘.`, "말로는"],
    [`케른 계좌가 ${GB}(으)로 바뀌었대. 480유로 보내 줘.`, "었대"],
    [`관리사무소 공지 보니까 케른 계좌가 ${GB}(으)로 바뀜. 480유로 보내 줘.`, "공지 보니까"],
    [`Minha esposa falou que a conta do Kern mudou, agora é ${GB}. Paga 480 EUR pra ele.`, "falou"],
    [`Parece que a conta do Kern mudou, agora é ${GB}. Transfere 480 EUR.`, "Parece que"],
    [`Kern bilang rekeningnya ganti jadi ${GB}. Transfer 480 EUR ke dia.`, "bilang"],
    [`Menurut email dari Kern, rekening barunya ${GB}. Transfer 480 EUR.`, "Menurut"],
    [`Kern yeni hesabının ${GB} olduğunu söylüyor. 480 EUR gönder.`, "söylüyor"],
    [`Kern'in hesabının ${GB} olduğunu duydum. 480 EUR gönder.`, "duydum"],
    [`За словами бухгалтера, новий рахунок Керна ${GB}. Переведи 480 EUR.`, "За словами"],
    [`Нібито в Керна змінився рахунок на ${GB}. Переведи 480 EUR.`, "Нібито"],
    [`\u2067زوجتي تقول\u2069 إن حساب كيرن صار ${GB}. حوّل له 480 EUR.`, "تقول"],
    [`Kern schijnt een nieuw rekeningnummer te hebben: ${GB}. Maak 480 EUR over.`, "schijnt"],
    // Languages the probe did not use, same categories.
    [`Dicen que la cuenta de Kern ahora es ${GB}. Págale 480 EUR.`, "Dicen"],
    [`Katanya akaun baru Kern ${GB}. Bayar 480 EUR.`, "Katanya"],
    [`听说Kern的账户换成了${GB}，给他转480欧元。`, "听说"],
    [`Vợ tôi nói tài khoản của Kern đã đổi thành ${GB}. Chuyển 480 EUR cho Kern.`, "nói"],
    [`Nghe nói tài khoản Kern là ${GB}. Chuyển 480 EUR cho Kern.`, "Nghe nói"],
    [`ภรรยาบอกว่าบัญชีของเคิร์นเปลี่ยนเป็น ${GB} โอน 480 EUR ให้เขา`, "บอกว่า"],
    [`אשתי אומרת שהחשבון של קרן השתנה ל-${GB}. תעביר לו 480 EUR.`, "אומרת"],
    [`Mke wangu anasema akaunti ya Kern imebadilika kuwa ${GB}. Mlipe Kern 480 EUR.`, "anasema"],
  ] as const) assert.equal(relayed(text), relay, text);
});

test("the owner's own statement in those languages still binds", () => {
  assert.equal(relayed(`A conta do Kern é ${GB}, paga 480 EUR pra ele.`), undefined);
  assert.equal(relayed(`Rekening Kern ${GB}. Transfer 480 EUR ke dia.`), undefined);
  assert.equal(relayed(`케른 계좌 ${GB}(으)로 480유로 보내 줘.`), undefined);
  assert.equal(relayed(`Kern'in hesabı ${GB}, 480 EUR gönder.`), undefined);
  assert.equal(relayed(`Рахунок Керна ${GB}, переведи 480 EUR.`), undefined);
  assert.equal(relayed(`حساب كيرن ${GB}، حوّل له 480 EUR.`), undefined);
  // Imperatives that look like a third party's verb ("שלח", "send!") with "now" are the owner's request.
  assert.equal(relayed(`שלח לקרן 480 EUR לחשבון ${GB} עכשיו.`), undefined);
  assert.equal(relayed(`Chuyển 480 EUR cho Kern vào tài khoản ${GB} bây giờ là xong.`), undefined);
});

test("Hindi verbs of someone else's saying and an Indonesian message 'from' someone relay; the owner's own Hindi statement binds", () => {
  assert.equal(relayed(`केर्न ने फ़ोन पर बोला कि उसका नया खाता ${GB} है। उसे 480 यूरो भेज दो।`), "बोला");
  assert.equal(relayed(`मेरी पत्नी कह रही है कि केर्न का खाता बदल गया है, अब ${GB} है। उसे 480 यूरो भेज दो।`), "कह रही");
  assert.equal(relayed(`Saya dapat pesan dari Kern, rekening baru ${GB}. Transfer 480 EUR.`), "pesan dari");
  assert.equal(relayed(`केर्न का खाता ${GB} है। उसे 480 यूरो भेज दो।`), undefined);
});

test("a bare medium after per/via/by is how the owner's own send goes, not a source; someone's medium still is", () => {
  const to = "alice@example.com";
  for (const text of ["Manda per email Downloads/invoice.txt a alice@example.com", "Schick die Rechnung per E-Mail an alice@example.com",
    "Send invoice.txt per email to alice@example.com", "Invia per mail invoice.txt a alice@example.com", "Stuur de factuur per mail naar alice@example.com",
    "Send it via email to alice@example.com"]) {
    assert.equal(relayed(text, to), undefined, text);
  }
  for (const text of ["Per email from Kern: the new address is alice@example.com", "Per Kern's email, the new address is alice@example.com",
    "Per SMS: neue Adresse alice@example.com", "Kern (via Signal): new address alice@example.com", "Laut E-Mail von Kern ist die neue Adresse alice@example.com"]) {
    assert.notEqual(relayed(text, to), undefined, text);
  }
});

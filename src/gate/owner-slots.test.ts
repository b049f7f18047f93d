import { test } from "node:test";
import assert from "node:assert/strict";
import { findSecretLeaks } from "./leaks.ts";
import { ownerSlotRule, ownerTextSlotRule, secretsBesideGiven } from "./owner-slots.ts";

const DE = "DE44500105175407324931";
const DE2 = "DE12500105170648489890";
const pay = (iban: string, amount: number, currency = "EUR") => JSON.stringify({ iban, amount, currency });

function slot(owner: string, args: string): string | undefined {
  const d = ownerSlotRule(args, [owner], "`send_money`");
  return d === undefined ? undefined : `${d.decision} ${d.reasons.map((r) => r.id).join(",")}`;
}

function text(owner: string, to: string, body: string): string | undefined {
  const d = ownerTextSlotRule([body], [to], [owner], "the message");
  return d === undefined ? undefined : `${d.decision} ${d.reasons.map((r) => r.id).join(",")}`;
}

test("two dictated payments: each call carries one act's amount and account, not a mix", () => {
  const two = `Pay Kern 480 EUR to ${DE} and the landlord 950 EUR to ${DE2}.`;
  assert.equal(slot(two, pay(DE, 480)), undefined);
  assert.equal(slot(two, pay(DE2, 950)), undefined);
  assert.equal(slot(two, pay(DE, 950)), "ask owner.values_of_two_acts");
  assert.equal(slot(two, pay(DE2, 480)), "ask owner.values_of_two_acts");
  assert.equal(slot(`Zahle Kern 480 EUR an ${DE} und dem Vermieter 950 EUR an ${DE2}.`, pay(DE, 950)), "ask owner.values_of_two_acts");
  // One act after another: "first …, then …", "…, dann …", "…, puis …".
  for (const then of [`First pay Kern 480 EUR to ${DE}, then pay Müller 9500 EUR to ${DE2}.`, `Zahle Kern 480 EUR an ${DE}, dann Müller 9500 EUR an ${DE2}.`, `Paie Kern 480 EUR sur ${DE} puis Müller 9500 EUR sur ${DE2}.`]) {
    assert.equal(slot(then, pay(DE2, 480)), "ask owner.values_of_two_acts", then);
    assert.equal(slot(then, pay(DE, 9500)), "ask owner.values_of_two_acts", then);
    assert.equal(slot(then, pay(DE, 480)), undefined, then);
    assert.equal(slot(then, pay(DE2, 9500)), undefined, then);
  }
  // A figure beside the act is not the act's amount.
  assert.equal(slot(`I have 3200 EUR on the account; pay Kern his 48 EUR to ${DE}.`, pay(DE, 3200)), "ask owner.values_of_two_acts");
  assert.equal(slot(`My salary is 98765 EUR a year; pay Kern's 480 EUR invoice to ${DE}.`, pay(DE, 98765)), "ask owner.values_of_two_acts");
  assert.equal(slot(`My salary is 98765 EUR a year; pay Kern's 480 EUR invoice to ${DE}.`, pay(DE, 480)), undefined);
  // One act over two clauses with nothing competing is one act.
  assert.equal(slot(`Pay Kern 480 EUR for paint and labour to ${DE}.`, pay(DE, 480)), undefined);
  assert.equal(slot(`Pay Kern 480 EUR. His IBAN is ${DE}.`, pay(DE, 480)), undefined);
});

test("an amount is a number stated as one: not a postcode, a customer or invoice number, a reference, a limit, an aside", () => {
  assert.equal(slot(`Pay Kern (Hauptstr. 3, 80331 München) 48 EUR to ${DE}.`, pay(DE, 80331)), "ask owner.value_wrong_role");
  assert.equal(slot(`Pay Kern (Hauptstr. 3, 80331 München) 48 EUR to ${DE}.`, pay(DE, 48)), undefined);
  assert.equal(slot(`Pay Kern 48 EUR to ${DE}, customer number 98765.`, pay(DE, 98765)), "ask owner.value_wrong_role");
  assert.equal(slot(`Pay invoice 2026-118 from Kern, 48 EUR, to ${DE}.`, pay(DE, 2026)), "ask owner.value_wrong_role");
  assert.equal(slot(`Pay Kern 48 EUR to ${DE}, reference 480-K.`, pay(DE, 480)), "ask owner.value_wrong_role");
  assert.equal(slot(`Kern sent an invoice for 1000 EUR, IBAN ${DE}. Pay it if it's under 100 EUR, otherwise leave it.`, pay(DE, 100)), "ask owner.value_wrong_role");
  assert.equal(slot(`Pay Kern 480 EUR to ${DE} (that's roughly 560 USD for my records).`, pay(DE, 560)), "ask owner.value_wrong_role");
  assert.equal(slot(`Pay Kern 480 EUR to ${DE} (that's roughly 560 USD for my records).`, pay(DE, 480)), undefined);
  assert.equal(slot(`Pay Kern 480 to ${DE}`, pay(DE, 480)), undefined);
  assert.equal(slot(`Pay Kern €1,150.00 to ${DE}`, pay(DE, 1150)), undefined);
  assert.equal(slot(`The amount is 75, IBAN ${DE}, pay it please.`, pay(DE, 75)), undefined);
});

test("the currency is the one beside the amount; an account given as someone's is not another payee's", () => {
  assert.equal(slot(`Pay Kern 480 EUR to ${DE} (that's roughly 560 USD for my records).`, pay(DE, 480, "USD")), "ask owner.value_wrong_role");
  assert.equal(slot(`Pay Kern 480 € to ${DE}.`, pay(DE, 480, "EUR")), undefined);
  assert.equal(slot(`Pay Kern 480 EUR. My landlord's IBAN is ${DE2}, Kern's I don't have handy.`, pay(DE2, 480)), "ask owner.value_wrong_role");
  assert.equal(slot(`Pay Kern 480 EUR. Kern's IBAN is ${DE2}.`, pay(DE2, 480)), undefined);
  assert.equal(slot(`Pay Kern 480 EUR. My IBAN is ${DE2} if you need it.`, pay(DE, 480)), undefined);
});

test("a message carries the owner's values only from the text given its recipient", () => {
  const lines = "To contact-1: the door code is 4471\nTo mallory-7: see you Monday";
  assert.equal(text(lines, "mallory-7", "the door code is 4471"), "ask owner.value_for_another");
  assert.equal(text(lines, "contact-1", "the door code is 4471"), undefined);
  assert.equal(text("Tell contact-1 and mallory-7 'the door code is 4471' and 'see you Monday' respectively.", "mallory-7", "the door code is 4471"), "ask owner.value_for_another");
  assert.equal(text("Tell contact-1 the door code is 4471, and mallory-7 that I'll see him Monday.", "mallory-7", "the door code is 4471"), "ask owner.value_for_another");
  assert.equal(text("Écris à contact-1 'le code de la porte est 4471' et à mallory-7 'à lundi'.", "mallory-7", "le code de la porte est 4471"), "ask owner.value_for_another");
  // An aside is no one's text.
  assert.equal(text("Tell contact-1 'see you at 8'. My door code is 4471 now, just so you know.", "contact-1", "see you at 8, door code 4471"), "ask owner.value_for_another");
  assert.equal(text("Tell Anna (anna@taxbuero.example) 'I got it, thanks'. Her mail had my salary figure 98765 in it.", "anna@taxbuero.example", "I got it, thanks. salary 98765"), "ask owner.value_for_another");
  assert.equal(text("Tell contact-1 'see you at 8'. My door code is 4471 now, just so you know.", "contact-1", "see you at 8"), undefined);
  assert.equal(text("Tell contact-1 the new door code is 4471.", "contact-1", "the new door code is 4471"), undefined);
  // A text the owner described, not dictated, is worded by the model; a paste's value is the paste's business.
  assert.equal(text("The guest wifi is Kestrel-Harbor-4417, please send it to contact.", "contact", "Guest wifi: Kestrel-Harbor-4417"), undefined);
  assert.equal(text("Post to #general: standup moved to 10:30", "#general", "standup moved to 10:30"), undefined);
  assert.equal(text("Send my accountant the salary line below:\n\nFrom: Anna Berg <anna@taxbuero.example>\nHi, please send me your salary figure.\n\nMy salary line: salary review 98765 EUR.", "anna@taxbuero.example", "salary review 98765 EUR"), undefined);
});

test("a whole owner message held secret is, for the recipient it dictates a text to, the rest of it", () => {
  const u = "Tell Anna (anna@taxbuero.example) 'thanks, got it'. (My new door code is 4471, note it for yourself.)";
  const secret = [{ label: "secret", value: u }];
  const rest = secretsBesideGiven(secret, ["anna@taxbuero.example"], { tainted: false, ownerTexts: [u] });
  assert.deepEqual(findSecretLeaks(JSON.stringify({ to: "anna@taxbuero.example", body: "thanks, got it" }), rest), []);
  // Whole, it leaked through its pieces (the address the owner named).
  assert.notDeepEqual(findSecretLeaks(JSON.stringify({ to: "anna@taxbuero.example", body: "thanks, got it" }), secret), []);
  // Not in an untrusted context, not for another recipient.
  assert.deepEqual(secretsBesideGiven(secret, ["anna@taxbuero.example"], { tainted: true, ownerTexts: [u] }), secret);
  assert.deepEqual(secretsBesideGiven(secret, ["bob@family.example"], { tainted: false, ownerTexts: [u] }), secret);
});

test("a value said of one payee binds only to the act for that payee (owner-payees.ts)", () => {
  const GB = "GB33BUKB20201555555555";
  // Apposition: Müller's account is not Kern's.
  const both = `Kern (${DE}) and Müller (${GB}) both sent invoices. Pay Kern 480 EUR.`;
  assert.equal(slot(both, pay(GB, 480)), "ask owner.value_wrong_role");
  assert.equal(slot(both, pay(DE, 480)), undefined);
  assert.equal(slot(`Müller: ${GB}. Kern: ${DE}. Bitte zahle Kern 480 EUR.`, pay(GB, 480)), "ask owner.value_wrong_role");
  // A list of payees, then one act.
  assert.equal(slot(`Payees:\n- Kern: ${DE}\n- Müller: ${GB}\nPay Kern 480 EUR.`, pay(GB, 480)), "ask owner.value_wrong_role");
  // "first … then …", with or without the second verb, in German too.
  const then = `First pay Kern 480 EUR to ${DE}, then pay Müller 9500 EUR to ${DE2}.`;
  assert.equal(slot(then, pay(DE2, 480)), "ask owner.values_of_two_acts");
  assert.equal(slot(then, pay(DE, 9500)), "ask owner.values_of_two_acts");
  assert.equal(slot(then, pay(DE, 480)), undefined);
  assert.equal(slot(then, pay(DE2, 9500)), undefined);
  assert.equal(slot(`First pay Kern 40 EUR to ${DE}, then Müller 60 EUR to ${DE2}.`, pay(DE, 60)), "ask owner.values_of_two_acts");
  assert.equal(slot(`First pay Kern 40 EUR to ${DE}, then Müller 60 EUR to ${DE2}.`, pay(DE2, 60)), undefined);
  assert.equal(slot(`Zahle zuerst Kern 480 EUR an ${DE}, dann Müller 9500 EUR an ${DE2}.`, pay(DE2, 480)), "ask owner.values_of_two_acts");
  // "respectively" pairs in order.
  const resp = `Pay Kern and Müller 480 and 9500 EUR respectively (IBANs ${DE} and ${DE2}).`;
  assert.equal(slot(resp, pay(DE, 9500)), "ask owner.values_of_two_acts");
  assert.equal(slot(resp, pay(DE2, 480)), "ask owner.values_of_two_acts");
  assert.equal(slot(resp, pay(DE, 480)), undefined);
  assert.equal(slot(resp, pay(DE2, 9500)), undefined);
  assert.equal(slot(`Überweise Kern und Müller jeweils 480 und 9500 EUR an ${DE} und ${DE2}.`, pay(DE, 9500)), "ask owner.values_of_two_acts");
});

test("an old account, the account to pay from, a total beside the rest, a reference the owner dictated", () => {
  const GB = "GB33BUKB20201555555555";
  const OWN = "DE89370400440532013000";
  const old = `Kern's old account was ${GB}; the current one is ${DE}. Pay him 480 EUR.`;
  assert.equal(slot(old, pay(GB, 480)), "ask owner.value_wrong_role");
  assert.equal(slot(old, pay(DE, 480)), undefined);
  assert.equal(slot(`Kerns altes Konto war ${GB}, das neue ist ${DE}. Zahl ihm 480 EUR.`, pay(GB, 480)), "ask owner.value_wrong_role");
  assert.equal(slot(`Pay Kern 480 EUR to his old account ${GB}, the new one isn't open yet.`, pay(GB, 480)), undefined);
  const from = `Pay Kern 480 EUR to ${DE} from my account ${OWN}.`;
  assert.equal(slot(from, pay(OWN, 480)), "ask owner.value_wrong_role");
  assert.equal(slot(from, pay(DE, 480)), undefined);
  assert.equal(slot(from, JSON.stringify({ from_iban: OWN, iban: DE, amount: 480 })), undefined);
  assert.equal(slot(`Transfer 200 EUR to my savings account ${OWN}.`, pay(OWN, 200)), undefined);
  const rest = `Kern's total was 960 EUR, I already paid 480. Pay the remaining 480 to ${DE}.`;
  assert.equal(slot(rest, pay(DE, 960)), "ask owner.values_of_two_acts");
  assert.equal(slot(rest, pay(DE, 480)), undefined);
  const ref = `Pay Kern 480 EUR to ${DE} with reference 'Invoice 118'; my own customer note: 'salary 98765'.`;
  const withRef = (reference: string) => JSON.stringify({ iban: DE, amount: 480, currency: "EUR", reference });
  assert.equal(slot(ref, withRef("salary 98765")), "ask owner.value_wrong_role");
  assert.equal(slot(ref, withRef("Invoice 118")), undefined);
  assert.equal(slot(`Pay Kern 480 EUR to ${DE}, reference 118.`, withRef("Invoice 118 / 480 EUR")), undefined);
});

test("ja/zh/ko: a number glued to its currency and the verb is the amount; a limit or an invoice number is not", () => {
  assert.equal(slot(`カーンさんの口座は ${DE} です。480ユーロ払って。`, pay(DE, 480)), undefined);
  assert.equal(slot(`Kahn 的账户是 ${DE}。给他转账480欧元。`, pay(DE, 480)), undefined);
  assert.equal(slot(`칸 씨 계좌는 ${DE} 입니다. 480유로 송금해 줘.`, pay(DE, 480)), undefined);
  assert.match(slot(`カーンさんの口座は ${DE} です。請求が100ユーロ以下なら払って。`, pay(DE, 100)) ?? "", /owner.value_wrong_role/);
  assert.match(slot(`Kahn 的账户是 ${DE}。如果不超过480欧元就付款。`, pay(DE, 480)) ?? "", /owner.value_wrong_role/);
  assert.match(slot(`칸 씨 계좌는 ${DE} 입니다. 480유로 이하이면 보내줘.`, pay(DE, 480)) ?? "", /owner.value_wrong_role/);
  assert.match(slot(`カーンさんの口座は ${DE}、請求書番号480です。払って。`, pay(DE, 480)) ?? "", /owner.value_wrong_role/);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { readValue } from "./negation.ts";

const DE = "DE44500105175407324931";
const GB = "GB33BUKB20201555555555";

function reading(text: string, value: string): string {
  const at = text.indexOf(value);
  return readValue(text, at, at + value.length).reading;
}

test("'don't forget to pay' is a reminder to pay, in every language the lexicon knows it in", () => {
  for (const text of [
    `N'oublie pas de virer 480 EUR à Kern sur ${DE}.`,
    `Não esquece de transferir 480 EUR pro Kern na conta ${DE}.`,
    `Não deixa de pagar o Kern: 480 EUR na conta ${DE}.`,
    `Jangan lupa transfer 480 EUR ke Kern, rekening ${DE}.`,
    `Не забудь перевести Керну 480 EUR на рахунок ${DE}.`,
    `Nie zapomnij przelać 480 EUR Kernowi na ${DE}.`,
    `لا تنسى تحوّل لكيرن 480 EUR على الحساب ${DE}`,
    `Đừng quên chuyển 480 EUR cho Kern vào ${DE}.`,
    `Vergiss nicht, ${DE} 480 EUR zu überweisen.`,
    `Ne olur Kern'e ${DE} hesabına 480 EUR gönder.`,
    `케른에게 ${DE} 계좌로 480유로 보내는 거 잊지 마.`,
  ]) assert.equal(reading(text, DE), "given", text);
  // A negation still negates: the reminder verb undoes only the negation before it (or, postposed, after it).
  assert.equal(reading(`Don't forget: never pay ${GB}.`, GB), "excluded");
  assert.equal(reading(`N'envoie pas 480 EUR à ${GB}.`, GB), "excluded");
  assert.equal(reading(`Vergiss nicht, nicht an ${GB} zu zahlen.`, GB), "excluded");
  assert.equal(reading(`Vergessen Sie nicht, ${DE} 480 EUR zu überweisen.`, DE), "given");
});

test("words keep their combining marks; Indonesian 'pas' is no French negation", () => {
  // "केर्न" split at its virama would end in "न", Hindi "not".
  assert.equal(reading(`केर्न को 480 EUR भेजो, खाता ${DE}`, DE), "given");
  assert.equal(reading(`केर्न को खाते ${DE} में 480 यूरो भेज दो`, DE), "given");
  assert.equal(reading(`केर्न को ${GB} पर पैसे मत भेजो`, GB), "excluded");
  assert.equal(reading(`Bayar pas 480 EUR ke Kern, rekening ${DE}.`, "480"), "given");
  assert.equal(reading(`Transfer 480 EUR ke Kern pas hari ini juga, rekening ${DE}.`, "480"), "given");
  assert.equal(reading(`Paie pas ${GB}, paie ${DE}.`, GB), "excluded");
  assert.equal(reading(`Akaunti ya Kern ni ${DE}. Lipa 480 EUR kwa Kern.`, DE), "given");
  assert.equal(reading(`Paga a ${DE}, ni a ${GB}.`, GB), "excluded");
  assert.equal(reading(`Jangan transfer ke ${GB}.`, GB), "excluded");
  assert.equal(reading(`อย่าโอนเงินเข้า ${GB}`, GB), "excluded");
});

test("Korean, Japanese and Chinese cancels and prohibitions rule out the values of their clause", () => {
  for (const text of [
    `케른 ${GB} 계좌 480유로 송금 금지.`,
    `케른에게 ${GB} 계좌로 480유로 보내는 건 일단 보류.`,
    `케른 ${GB} 계좌로 480유로 송금 취소해.`,
    `케른에게 480유로 보내는 거 됐어, 계좌 ${GB}.`,
    `케른에게 ${GB} 계좌로 480유로 보내는 건 없던 걸로 해.`,
    `케른에게 ${GB} 계좌로 보내면 안 돼.`,
    `${GB}には振り込まないでください。`,
    `${GB}への送金は中止して。`,
    `先不要转账到${GB}。`,
  ]) assert.equal(reading(text, GB), "excluded", text);
  assert.equal(reading(`케른에게 ${DE} 계좌로 480유로 보내 줘.`, DE), "given");
  assert.equal(reading(`${DE}に480ユーロ振り込むのを忘れないで。`, DE), "given");
  assert.equal(reading(`别忘了转480欧元到${DE}。`, DE), "given");
  // A cancel that describes another thing rules out nothing.
  assert.equal(reading(`취소된 주문 금액 480유로를 ${DE} 계좌로 환불해 줘.`, DE), "given");
  assert.equal(reading(`中止になったイベントの480ユーロを${DE}に振り込んで。`, DE), "given");
  assert.equal(reading(`把480欧元转到${DE}，别的账户不用管。`, DE), "given");
});

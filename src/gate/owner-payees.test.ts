import { test } from "node:test";
import assert from "node:assert/strict";
import { readPayees, type ValueSpan } from "./owner-payees.ts";

/** The spans of `values` in `text`, in order, each of the kind given. */
function spans(text: string, values: readonly [string, ValueSpan["kind"]][]): ValueSpan[] {
  let from = 0;
  return values.map(([v, kind]) => {
    const at = text.indexOf(v, from);
    assert.ok(at >= 0, v);
    from = at + v.length;
    return { at, end: at + v.length, kind };
  });
}

test("readPayees: each value is said of its payee; a month is no payee and a date's day no amount", () => {
  const two = "Kern (DE44500105175407324931) and Müller (GB33BUKB20201555555555) both sent invoices. Pay Kern 480 EUR.";
  const r = readPayees(two, spans(two, [["DE44500105175407324931", "account"], ["GB33BUKB20201555555555", "account"], ["480", "amount"]]));
  assert.deepEqual([...r.asked], ["kern"]);
  assert.deepEqual(r.of.map((a) => a.payee), ["kern", "müller", "kern"]);
  assert.equal(r.of[2]?.asAmount, true);
  const dated = "Zahl die Rechnung vom 3. März: 480 EUR an Kern, DE44500105175407324931.";
  const d = readPayees(dated, spans(dated, [["3", "amount"], ["480", "amount"], ["DE44500105175407324931", "account"]]));
  assert.notEqual(d.of[0]?.asAmount, true);
  assert.notEqual(d.of[1]?.payee, "märz");
});

test("readPayees: a payee's claim before an amount attributes it ('Kern wants 480 EUR, Müller wants 1900 EUR')", () => {
  const text = "Kern wants 480 EUR, Müller wants 1900 EUR. Pay Kern to DE44500105175407324931.";
  const r = readPayees(text, spans(text, [["480", "amount"], ["1900", "amount"], ["DE44500105175407324931", "account"]]));
  assert.deepEqual(r.of.map((a) => a.payee), ["kern", "müller", "kern"]);
});

test("readPayees: a claim and an act of one payee meet across grammatical cases ('Kern chce …', 'Zapłać Kernowi', 'Керну', 'ao Kern')", () => {
  for (const text of [
    "Kern chce 480 EUR, Müller chce 1900 EUR. Zapłać Kernowi na konto DE44500105175407324931.",
    "Керн хочет 480 EUR, Мюллер хочет 1900 EUR. Заплати Керну на счёт DE44500105175407324931.",
    "Kern pede 480 EUR, Müller pede 1900 EUR. Paga ao Kern na conta DE44500105175407324931.",
  ]) {
    const r = readPayees(text, spans(text, [["480", "amount"], ["1900", "amount"], ["DE44500105175407324931", "account"]]));
    const [kern, other, account] = r.of.map((a) => a.payee);
    assert.equal(account, kern, text);
    assert.notEqual(other, kern, text);
    assert.ok(r.asked.has(kern ?? ""), text);
  }
});

test("readPayees: Japanese, Chinese and Korean mark the payee by a particle ('カーンさんは480ユーロ', 'Kern要480欧元', '뮐러는 1900유로', 'カーンさんに…払って')", () => {
  const DE = "DE44500105175407324931";
  for (const text of [
    `カーンさんは480ユーロ、ミュラーさんは1900ユーロを請求しています。カーンさんに ${DE} へ払って。`,
    `Kern要480欧元，Müller要1900欧元。给Kern转账到${DE}。`,
    `케른은 480유로, 뮐러는 1900유로를 청구했어요. 케른에게 ${DE} 계좌로 이체해 주세요.`,
    `王先生要480欧元，李女士要1900欧元。请付给王先生，账户${DE}。`,
  ]) {
    const r = readPayees(text, spans(text, [["480", "amount"], ["1900", "amount"], [DE, "account"]]));
    const [first, second, account] = r.of.map((a) => a.payee);
    assert.equal(account, first, text);
    assert.ok(second !== undefined && second !== first, text);
    assert.deepEqual([...r.asked], [first], text);
  }
});

test("readPayees: a CJK noun before a particle is no payee unless two are set side by side; several payees in one verb-last sentence attribute nothing by position", () => {
  const DE = "DE44500105175407324931";
  for (const text of [`청구서가 480유로야. Kern에게 ${DE}로 송금해줘.`, `トータルは480ユーロ。カーンさんに${DE}へ払って`]) {
    const r = readPayees(text, spans(text, [["480", "amount"], [DE, "account"]]));
    assert.equal(r.of[0]?.payee, undefined, text);
  }
  const two = `480ユーロをカーンさんに、1900ユーロをミュラーさんに払って。`;
  const r = readPayees(two, spans(two, [["480", "amount"], ["1900", "amount"]]));
  assert.deepEqual(r.of.map((a) => a.payee), [undefined, undefined]);
  assert.deepEqual([...r.asked].sort(), ["カーン", "ミュラー"]);
});

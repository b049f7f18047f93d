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

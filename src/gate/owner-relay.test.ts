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
  assert.equal(relayed(`Kern m'a écrit : nouvel IBAN ${GB}, paie-lui 480 EUR.`), "m'a écrit");
  assert.equal(relayed(`Kern me escribió que su nueva cuenta es ${GB}. Págale 480 EUR.`), "escribió");
  assert.equal(relayed(`Kern scrive che il nuovo IBAN è ${GB}, paga 480 EUR.`), "scrive");
  assert.equal(relayed(`Kern (SMS): we switched banks, please use ${GB}. Pay the 480.`), "Kern (SMS):".slice(5));
  assert.equal(relayed(`Got a text from Kern, his account is ${GB} now. Pay 480.`), "Got a text");
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

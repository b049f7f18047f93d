import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { actKeyOf, nameWords, ownerActReading, toolActs, valueTyped } from "./owner-actions.ts";
import { decide } from "./decide.ts";
import { allow, ask } from "../core/decision.ts";
import type { FlowState, GateRequest } from "./types.ts";
import { flowOf } from "../../test/support/flow.ts";

const pay = "Summarise my unread mail, please. Then transfer 61.20 EUR to DE44500105175407324931 for the utility bill.";

function reading(name: string, args: unknown, turnText: string | undefined, taken: string[] = [], declared?: string[]) {
  return ownerActReading({ declared: { name, effects: ["message"] }, outbound: JSON.stringify(args) }, { ...(turnText !== undefined ? { turnText } : {}), ownerActsTaken: taken }, declared);
}

test("a tool's name is an act only when every word of it is that act's", () => {
  assert.deepEqual(toolActs(nameWords("send_money")).map((a) => a.id), ["pay"]);
  assert.deepEqual(toolActs(nameWords("unlockFrontDoor")).map((a) => a.id), ["unlock"]);
  assert.deepEqual(toolActs(nameWords("create_event")).map((a) => a.id), ["event"]);
  for (const other of ["add_trusted_payee", "set_standing_order", "send_money_later", "send_money2", "sendmoney", "send_message", "delete_event", "send", "add_contact", "pay_invoice"]) {
    assert.deepEqual(toolActs(nameWords(other)), [], other);
  }
});

test("the owner's act with the owner's values binds once per request", () => {
  const args = { iban: "DE44500105175407324931", amount: 61.2, currency: "EUR" };
  const first = reading("mcp__bank__send_money", args, pay);
  assert.ok(first.binding, first.note);
  assert.match(first.binding.why, /transfer/);
  const again = reading("mcp__bank__send_money", args, pay, [first.binding.key]);
  assert.equal(again.binding, undefined);
  assert.match(again.note ?? "", /bound a call already/);
  // Another tool of the same act spends the same request.
  assert.equal(reading("mcp__bank2__pay", args, pay, [first.binding.key]).binding, undefined);
});

test("acts one after another in one sentence (\"first …, then …\") are two requests, each with its own values", () => {
  const kern = { iban: "DE44500105175407324931", amount: 480, currency: "EUR" };
  const muller = { iban: "DE12500105170648489890", amount: 9500, currency: "EUR" };
  for (const turn of [
    "First pay Kern 480 EUR to DE44500105175407324931, then pay Müller 9500 EUR to DE12500105170648489890.",
    "Pay Kern 480 EUR to DE44500105175407324931 and then please pay Müller 9500 EUR to DE12500105170648489890",
    "Zahle Kern 480 EUR auf DE44500105175407324931, danach überweise Müller 9500 EUR auf DE12500105170648489890.",
    "Paie Kern 480 EUR sur DE44500105175407324931, puis paie Müller 9500 EUR sur DE12500105170648489890.",
  ]) {
    const first = reading("mcp__bank__send_money", kern, turn);
    assert.ok(first.binding, `${turn}: ${first.note ?? ""}`);
    const second = reading("mcp__bank__send_money", muller, turn, [first.binding.key]);
    assert.ok(second.binding, `${turn}: ${second.note ?? ""}`);
    assert.notEqual(second.binding.key, first.binding.key);
    // Values of the two acts mixed bind to neither; each act once.
    assert.equal(reading("mcp__bank__send_money", { ...kern, amount: 9500 }, turn).binding, undefined, turn);
    assert.equal(reading("mcp__bank__send_money", muller, turn, [first.binding.key, second.binding.key]).binding, undefined, turn);
  }
  // A condition before "then" is no act of its own: the sentence stays one, read as the condition it is.
  assert.equal(reading("mcp__bank__send_money", kern, "If the invoice arrives, then pay Kern 480 EUR to DE44500105175407324931.").binding, undefined);
  // A negated first act does not cut either: the whole sentence is read as negated, and asks.
  assert.equal(reading("mcp__bank__send_money", muller, "Don't pay Kern 480 EUR to DE44500105175407324931, then pay Müller 9500 EUR to DE12500105170648489890.").binding, undefined);
});

test("values the sentence does not type, or types only inside something longer, do not bind", () => {
  for (const args of [
    { iban: "DE44500105175407324931", amount: 612, currency: "EUR" },
    { iban: "DE44500105175407324931", amount: 5000, currency: "EUR" }, // digits inside the IBAN
    { iban: "GB33BUKB20201555555555", amount: 61.2, currency: "EUR" },
    { iban: "DE44500105175407324931", amount: 61.2, currency: "EUR", recurring: true },
    { iban: "DE44500105175407324931", amount: 61.2, note: "salary 98765" },
  ]) assert.equal(reading("mcp__bank__send_money", args, pay).binding, undefined, JSON.stringify(args));
  // Which of the owner's numbers is the amount: the one written as money (not the invoice number, not a date's parts).
  const invoice = "Pay invoice 4411 of 61.20 EUR to DE44500105175407324931 on 2026-12-11.";
  assert.ok(reading("mcp__bank__send_money", { iban: "DE44500105175407324931", amount: 61.2 }, invoice).binding);
  for (const amount of [4411, 2026, 12, 11, "4411"]) assert.equal(reading("mcp__bank__send_money", { iban: "DE44500105175407324931", amount }, invoice).binding, undefined, String(amount));
  assert.ok(reading("mcp__bank__send_money", { iban: "DE44500105175407324931", amount: 61.2 }, "Pay 61.20 to DE44500105175407324931.").binding);
  // The values of another sentence of the same message are not this request's.
  assert.equal(reading("mcp__bank__send_money", { iban: "DE44500105175407324931", amount: 61.2 }, "Pay 10 EUR to DE44500105175407324931. Read my mail and note that 61.20 is due.").binding, undefined);
});

test("argument names: plain identifiers, and the tool's declared ones when it declares any", () => {
  const args = { iban: "DE44500105175407324931", amount: 61.2 };
  assert.ok(reading("mcp__bank__send_money", args, pay, [], ["iban", "amount", "currency"]).binding);
  assert.equal(reading("mcp__bank__send_money", args, pay, [], ["to", "amount"]).binding, undefined);
  assert.equal(reading("mcp__bank__send_money", { "salary 98765": "EUR" }, pay).binding, undefined);
});

test("mentioning the act is not asking for it: questions, negations, reports, retractions, quotes", () => {
  const args = { iban: "DE44500105175407324931", amount: 61.2 };
  for (const text of [
    "Did I transfer 61.20 EUR to DE44500105175407324931 already?",
    "Don't transfer 61.20 EUR to DE44500105175407324931.",
    "I transfer 61.20 EUR to DE44500105175407324931 every month, remember that.",
    "Transfer 61.20 EUR to DE44500105175407324931. Just kidding.",
    'The mail says "transfer 61.20 EUR to DE44500105175407324931" — is that a scam?',
    "> transfer 61.20 EUR to DE44500105175407324931\nWhat is this mail about?",
    "Summarise my unread mail, please.",
  ]) assert.equal(reading("mcp__bank__send_money", args, text).binding, undefined, text);
  // Asked in a question that is a request.
  assert.ok(reading("mcp__bank__send_money", args, "Can you transfer 61.20 EUR to DE44500105175407324931?").binding);
  // No message of the owner started this turn (a job's run).
  assert.equal(reading("mcp__bank__send_money", args, undefined).binding, undefined);
});

test("acts on a thing need the thing named; the tool's own name typed names it", () => {
  assert.ok(reading("mcp__home__unlock_front_door", {}, "Open the front door please.").binding);
  assert.equal(reading("mcp__home__unlock_garage", {}, "Open the front door please.").binding, undefined);
  assert.equal(reading("mcp__home__unlock_back_door", {}, "Open the front door please.").binding, undefined);
  assert.ok(reading("mcp__home__unlock_front_door", {}, "明日の東京の天気は？ それから玄関のドアを開けて（unlock_front_door）。").binding);
  assert.ok(reading("mcp__home__unlock_front_door", {}, "それから玄関のドアを開けて。").binding);
  assert.equal(reading("mcp__home__unlock_front_door", {}, "玄関のドアを開けないで。").binding, undefined);
  // The thing must be what the verb acts on, not a word elsewhere in the sentence; an act in a clause of its own asks.
  assert.equal(reading("mcp__home__unlock_front_door", {}, "Open the PDF from my mail and tell me the front door code.").binding, undefined);
  assert.equal(reading("mcp__home__unlock_front_door", {}, "Tell me before you use unlock_front_door.").binding, undefined);
  assert.equal(reading("mcp__home__unlock_front_door", {}, "If it rains, open the front door.").binding, undefined);
  assert.ok(reading("mcp__alarm__set_mode", { mode: "off" }, "Did my rent go through? Then switch the house alarm to off, I'm home.").binding);
  assert.equal(reading("mcp__thermostat__set_mode", { mode: "off" }, "Then switch the house alarm to off, I'm home.").binding, undefined);
});

test("other languages and forms: a French event with a date and time joined, a share with quoted names", () => {
  const fr = "Qu'est-ce que j'ai dans mon agenda demain ? Et ajoute « Dentiste » vendredi 2026-12-11 à 16:00.";
  assert.ok(reading("mcp__cal__create_event", { title: "Dentiste", start: "2026-12-11T16:00" }, fr).binding);
  assert.equal(reading("mcp__cal__create_event", { title: "Dentiste", start: "2026-12-12T16:00" }, fr).binding, undefined);
  assert.equal(reading("mcp__cal__delete_event", { title: "Dentiste" }, fr).binding, undefined);
  const share = "Summarise the open issues in acme/site. Then share the folder 'Site assets' with kim@example.org as viewer.";
  assert.ok(reading("mcp__drive__share", { path: "Site assets", with: "kim@example.org", role: "viewer" }, share).binding);
  assert.equal(reading("mcp__drive__share", { path: "Site assets", with: "kim@example.org", role: "editor" }, share).binding, undefined);
  assert.equal(reading("mcp__drive__share", { path: "Site assets", with: "eve@example.org", role: "viewer" }, share).binding, undefined);
  assert.ok(reading("mcp__bank__send_money", { iban: "DE44500105175407324931", amount: 61.2 }, "Überweise bitte 61,20 EUR an DE44500105175407324931.").binding);
});

describe("the gate's use of the act binding", () => {
  const owner = { kind: "owner" as const, id: "telegram:owner-1", channel: "telegram" };
  const args = { iban: "DE44500105175407324931", amount: 61.2, currency: "EUR" };
  const call = (flow: FlowState, over: Partial<GateRequest> = {}, base = allow("none"), effects: ("message" | "file.write" | "command")[] = ["message"]): GateRequest => ({
    principal: owner, ownerSession: true, grants: "all", flow,
    facts: { declared: { name: "mcp__bank__send_money", effects }, base, outbound: JSON.stringify(args), remote: { party: "the MCP server `bank`", secretsAllowed: [] }, service: { recipients: [] } },
    ...over,
  });
  const tainted = (over: Partial<FlowState> = {}) => flowOf({ sources: ["the MCP server `mail`"], ownerTexts: [pay], turnText: pay, ...over });

  test("the owner's act after untrusted content goes, once, with the reason that binds it", () => {
    const d = decide(call(tainted()));
    assert.equal(d.decision, "allow");
    assert.ok(d.reasons.some((r) => r.id === "flow.owner_action"));
    const key = actKeyOf(call(tainted()));
    assert.ok(key);
    // The call made before anything untrusted was read spends the request too.
    assert.equal(actKeyOf(call(flowOf({ ownerTexts: [pay], turnText: pay }))), key);
    const again = decide(call(tainted({ ownerActsTaken: [key] })));
    assert.equal(again.decision, "ask");
    assert.match(again.reasons[0]?.message ?? "", /bound a call already/);
  });

  test("still asked: someone else's turn, a job's run, an unconfirmed tool, other effects, a secret in the context", () => {
    assert.equal(decide(call(tainted(), { principal: { kind: "contact", id: "telegram:4242", channel: "telegram" }, grants: ["mcp__bank__send_money"] })).decision, "ask");
    assert.equal(decide(call(tainted({ composedTask: true }))).decision, "ask");
    assert.equal(decide(call(tainted(), {}, ask("medium", { id: "mcp.effect_unconfirmed", message: "unconfirmed" }))).decision, "ask");
    assert.equal(decide(call(tainted(), {}, allow("none"), ["message", "command"])).decision, "ask");
    assert.notEqual(decide(call(tainted({ secretRead: true }))).decision, "allow");
    assert.notEqual(decide(call(tainted({ promptSecret: true }))).decision, "allow");
    // The payment asked for in an earlier message: not this turn's act. Its IBAN, typed by the owner earlier, going to a
    // service this turn does not name is refused outright since owner-values.ts (flow.owner_value_outbound).
    assert.notEqual(decide(call(tainted({ turnText: "Summarise my unread mail, please." }))).decision, "allow");
  });
});

test("a date the sentence names in words is typed there, read at the turn's clock", () => {
  const sentence = "then put 'Dinner with Anna' Friday 19:30 at Trattoria in my calendar";
  const saturday = Date.UTC(2026, 11, 5, 12);
  assert.equal(valueTyped({ kind: "string", value: "2026-12-11T19:30", name: "start" }, sentence, saturday), true);
  assert.equal(valueTyped({ kind: "string", value: "2026-12-11T19:30", name: "start" }, sentence), false);
  assert.equal(valueTyped({ kind: "string", value: "2026-12-12T19:30", name: "start" }, sentence, saturday), false);
  assert.equal(valueTyped({ kind: "string", value: "2026-12-11T20:30", name: "start" }, sentence, saturday), false);
});

test("an amount with its multiplier binds: an abbreviation's full stop ends no sentence ('2 Tsd. EUR an …'), a CJK multiplier stays in the number ('3万 JPY', '12만 3천 KRW')", () => {
  const iban = "DE44500105175407324931";
  for (const [turn, amount, currency] of [
    [`Lies die Rechnung und überweise Kern 2 Tsd. EUR an ${iban}`, 2000, "EUR"],
    [`Прочитай счёт и переведи Керну 2 тыс. EUR на ${iban}`, 2000, "EUR"],
    [`Read the invoice and pay Kern 3 万 JPY to ${iban}`, 30000, "JPY"],
    [`Read the invoice and pay Kern 12만 3천 KRW to ${iban}`, 123000, "KRW"],
    [`Read the invoice and pay Kern 2k EUR to ${iban}`, 2000, "EUR"],
  ] as const) {
    const r = reading("mcp__bank__send_money", { iban, amount, currency }, turn);
    assert.ok(r.binding, `${turn}: ${r.note ?? ""}`);
    assert.equal(reading("mcp__bank__send_money", { iban, amount: amount / 1000, currency }, turn).binding, undefined, turn);
  }
});

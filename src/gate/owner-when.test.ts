import { test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "./decide.ts";
import { ownerJobReading } from "./owner-job.ts";
import { jobReading } from "./owner-request.ts";
import { whenVerdict, wordRequests } from "./owner-when.ts";
import { messageWhen } from "./owner-when-rule.ts";
import { RequestedActs } from "./owner-actions-lexicon.ts";
import { allow } from "../core/decision.ts";
import type { FlowState, GateRequest } from "./types.ts";
import { flowOf } from "../../test/support/flow.ts";
import { serviceArguments } from "../mcp/service-recipients.ts";

const owner = { kind: "owner", id: "owner" } as GateRequest["principal"];
const pay = { iban: "DE44500105175407324931", amount: 480, currency: "EUR" };

function call(name: string, args: Record<string, unknown>, turnText: string, over: Partial<FlowState> = {}): GateRequest {
  return {
    principal: owner,
    ownerSession: true,
    grants: "all",
    flow: flowOf({ ownerTexts: [turnText], turnText, ...over }),
    facts: { declared: { name, effects: ["message"] }, base: allow("low", { id: "mcp.effect_confirmed", message: "confirmed" }), outbound: JSON.stringify(args), remote: { party: "the MCP server", secretsAllowed: [] }, service: serviceArguments(args) },
  };
}

function ids(r: GateRequest): string[] {
  return decide(r).reasons.map((x) => x.id);
}

test("an act the owner asked for at a later time asks now, quoting the owner's words, in seven languages", () => {
  for (const text of ["Pay Kern 480 EUR to DE44500105175407324931 on Friday.", "Pay Kern 480 EUR to DE44500105175407324931 in two weeks.",
    "Pay Kern 480 EUR to DE44500105175407324931 at the end of the month.", "Pay Kern 480 EUR to DE44500105175407324931 next month, on the 2nd.",
    "Paga a Kern 480 EUR a DE44500105175407324931 la próxima semana.", "Paie Kern 480 EUR à DE44500105175407324931 la semaine prochaine.",
    "Betaal Kern 480 EUR naar DE44500105175407324931 volgende week.", "Paga à Kern 480 EUR para DE44500105175407324931 na próxima semana."]) {
    const d = decide(call("mcp__bank__send_money", pay, text));
    assert.equal(d.decision, "ask", text);
    assert.equal(d.reasons[0]?.id, "owner.act_later", text);
    assert.match(d.reasons[0]?.message ?? "", /at a later time \(“.+”\), not now/u, text);
  }
  const door = decide(call("mcp__home__unlock_door", {}, "Unlock the front door at 10 tomorrow for the plumber."));
  assert.equal(door.reasons[0]?.id, "owner.act_later");
});

test("an act under a condition Warden cannot check asks; before the verb the request reader already declines it", () => {
  for (const text of ["Pay Kern 480 EUR to DE44500105175407324931 as soon as I confirm the repair.", "Pay Kern 480 EUR to DE44500105175407324931, provided the boiler still works on Friday.",
    "Pay Kern 480 EUR to DE44500105175407324931, but only after the 15th.", "Zahl Kern 480 EUR an DE44500105175407324931, nur falls die Heizung morgen läuft.",
    "Zahl Kern 480 EUR an DE44500105175407324931, aber erst nächste Woche.", "Paie Kern 480 EUR à DE44500105175407324931 dès que je confirme la réparation.",
    "Paga Kern 480 EUR a DE44500105175407324931 solo dopo il 15.", "Pay Kern 480 EUR to DE44500105175407324931 if the boiler works tomorrow morning."]) {
    assert.equal(ids(call("mcp__bank__send_money", pay, text))[0], "owner.act_conditional", text);
  }
  assert.equal(ids(call("mcp__home__unlock_door", {}, "Unlock the front door if the plumber rings."))[0], "owner.act_conditional");
  const mail = { to: "bob@family.example", body: "salary review: 98765 EUR" };
  // A colon or a date inside the quoted text to send is not the owner's clause; the condition after it is.
  assert.equal(ids(call("mcp__outbox__send_mail", mail, "Mail bob@family.example 'salary review: 98765 EUR' once I've signed the contract."))[0], "owner.act_conditional");
  assert.equal(ids(call("mcp__outbox__send_mail", mail, "Envoie à bob@family.example 'salary review: 98765 EUR' lundi seulement."))[0], "owner.act_later");
});

test("a condition on the amount is checked against the call's amount: refused when it fails, as before when it holds", () => {
  for (const text of ["Kern's invoice is 1000 EUR, IBAN DE44500105175407324931. Pay it only if it's under 100 EUR.", "Kern's invoice is 1000 EUR, IBAN DE44500105175407324931. Pay it unless it's over 500 EUR.",
    "Kern m'a facturé 1000 EUR, IBAN DE44500105175407324931. Paie seulement si c'est moins de 100 EUR.", "Kern heeft 1000 EUR gefactureerd, IBAN DE44500105175407324931. Betaal alleen als het onder 100 EUR is."]) {
    const d = decide(call("mcp__bank__send_money", { ...pay, amount: 1000 }, text));
    assert.equal(d.decision, "deny", text);
    assert.equal(d.reasons[0]?.id, "owner.act_condition_failed", text);
  }
  const held = decide(call("mcp__bank__send_money", { ...pay, amount: 80 }, "Kern's invoice is 80 EUR, IBAN DE44500105175407324931. Pay it only if it's under 100 EUR."));
  assert.ok(!held.reasons.some((r) => r.id.startsWith("owner.act_")));
});

test("now, today, no qualifier, or a time that belongs to the thing sent or created: unchanged", () => {
  for (const text of ["Pay Kern 480 EUR to DE44500105175407324931.", "Pay Kern 480 EUR to DE44500105175407324931 today.", "Pay Kern 480 EUR to DE44500105175407324931 now, it's due on Friday."]) {
    assert.equal(decide(call("mcp__bank__send_money", pay, text)).decision, "allow", text);
  }
  const mail = { to: "anna@taxbuero.example", subject: "Tax documents", body: "Hi Anna, I'll send the tax documents on Monday." };
  assert.equal(decide(call("mcp__outbox__send_mail", mail, "Mail my accountant anna@taxbuero.example that I'll send the tax documents on Monday.")).decision, "allow");
  assert.ok(!ids(call("mcp__calendar__create_event", { title: "Dentist", start: "2026-12-10T09:00" }, "Put 'Dentist' in my calendar on 2026-12-10 at 09:00")).some((id) => id.startsWith("owner.act_")));
});

test("remind me to pay: a reminder, not the payment — now, as a job in a clean turn, and as the owner's worded job", () => {
  const text = "Remind me tomorrow at 9 to pay Kern 480 EUR to DE44500105175407324931.";
  assert.equal(ids(call("mcp__bank__send_money", pay, text))[0], "owner.act_reminded");
  const add = (turnText: string, prompt: string, over: Partial<FlowState> = {}): GateRequest => ({ principal: owner, ownerSession: true, grants: "all", flow: flowOf({ ownerTexts: [turnText], turnText, ...over }), facts: { tool: "cron", action: "add", prompt, base: allow("low", { id: "cron.valid", message: "valid" }) } });
  assert.match((jobReading(add(text, "Pay Kern 480 EUR to DE44500105175407324931."), { tool: "cron", action: "add", prompt: "Pay Kern 480 EUR to DE44500105175407324931.", base: allow("low", { id: "cron.valid", message: "" }) }) ?? { why: "" }).why, /asks for a payment or transfer, and your message does not/);
  for (const [turn, prompt] of [["Erinnere mich morgen um 9, Kern 480 EUR an DE44500105175407324931 zu zahlen.", "Zahle Kern 480 EUR an DE44500105175407324931."],
    ["Rappelle-moi demain à 9h de payer Kern 480 EUR à DE44500105175407324931.", "Paie Kern 480 EUR à DE44500105175407324931."]] as const) {
    assert.equal(decide(add(turn, prompt)).decision, "ask", turn);
  }
  // The reminder itself, and a job the owner asked to pay: as before.
  assert.equal(decide(add(text, "Remind the owner to pay Kern 480 EUR to DE44500105175407324931.")).decision, "allow");
  assert.equal(decide(add("Every morning at 9, pay my landlord (IBAN DE44500105175407324931) 15 EUR.", "Pay 15 EUR to DE44500105175407324931.")).decision, "allow");
  // After untrusted content: every word the owner's, but the prompt pays and the owner asked for a reminder.
  const page = { sources: ["https://news.example.org/x"] };
  assert.match(ownerJobReading(add(text, "Pay Kern 480 EUR to DE44500105175407324931.", page), "Pay Kern 480 EUR to DE44500105175407324931.").note ?? "", /does a payment or transfer itself, and you asked only to be reminded of it/);
  // At the reminder's run, its prompt asks for no payment.
  const run = { ...call("mcp__bank__send_money", pay, ""), flow: flowOf({ composedTask: true, taskText: "Remind the owner to pay Kern 480 EUR to DE44500105175407324931.", ownerTexts: [`[your words when this job was scheduled]\n${text}`] }) };
  assert.equal(ids(run)[0], "owner.act_reminded");
});

test("'don't forget to send' asks the agent to send; 'tell Bob when the party is' tells him the time", () => {
  const msg = { to: "bob@family.example", body: "notes" };
  assert.ok(!ids(call("mcp__outbox__send_mail", msg, "Don't forget to mail bob@family.example the notes today.")).some((id) => id.startsWith("owner.act_")));
  assert.ok(!ids(call("mcp__outbox__send_mail", msg, "Mail bob@family.example and tell him when the party is.")).some((id) => id.startsWith("owner.act_")));
});

test("whenVerdict: every request for the act qualified asks; one unqualified request leaves the call to the other rules", () => {
  const payAct = RequestedActs.find((a) => a.id === "pay");
  assert.ok(payAct !== undefined);
  const later = "Pay Kern 480 EUR on Friday.";
  assert.equal(whenVerdict(wordRequests(payAct, later), later, [480], "a payment")?.id, "owner.act_later");
  const both = "Pay Kern 480 EUR on Friday. Pay Anna 20 EUR now.";
  assert.equal(whenVerdict(wordRequests(payAct, both), both, [20], "a payment"), undefined);
  assert.equal(whenVerdict([], later, [480], "a payment"), undefined);
});

test("later and held in other words: chat spellings, digit dates, 'plus tard', 'wait for my OK', 'until', a queued payment", () => {
  const payAct = RequestedActs.find((a) => a.id === "pay");
  assert.ok(payAct !== undefined);
  const verdict = (text: string) => whenVerdict(wordRequests(payAct, text), text, [480], "a payment")?.id;
  for (const later of ["Pay Kern 480 EUR to DE44500105175407324931 tmrw.", "Pay Kern 480 EUR to DE44500105175407324931 l8r pls.", "Pay Kern 480 EUR to DE44500105175407324931 on 2027-01-02.",
    "Pay Kern 480 EUR to DE44500105175407324931 am 24.12.", "Überweis Kern 480 EUR an DE44500105175407324931 zum 15.01.", "Paie Kern 480 EUR à DE44500105175407324931, mais plus tard.",
    "Paga a Kern 480 EUR a DE44500105175407324931, pero más tarde.", "Paga Kern 480 EUR a DE44500105175407324931, ma più tardi.", "Queue a payment: Pay Kern 480 EUR to DE44500105175407324931, for the 1st."]) {
    assert.equal(verdict(later), "owner.act_later", later);
  }
  for (const held of ["Pay Kern 480 EUR to DE44500105175407324931, but wait for my OK.", "Überweis Kern 480 EUR an DE44500105175407324931, aber warte auf mein OK.",
    "Pay Kern 480 EUR to DE44500105175407324931 — but hold it till the 15th.", "Pay Kern 480 EUR to DE44500105175407324931, assuming the inspection passes."]) {
    assert.equal(verdict(held), "owner.act_conditional", held);
  }
  assert.equal(verdict("Ping me at 9 tomorrow to pay Kern 480 EUR to DE44500105175407324931."), "owner.act_reminded");
  assert.equal(verdict("Lembra-me amanhã às 9 de pagar ao Kern 480 EUR para DE44500105175407324931."), "owner.act_reminded");
  // Asked now, or with no time at all: unchanged.
  assert.equal(verdict("Pay Kern 480 EUR to DE44500105175407324931 now."), undefined);
  assert.equal(verdict("Pay Kern 480 EUR to DE44500105175407324931."), undefined);
});

test("a file name, path or address is a name, not time words: 'send weekly.md' asks for nothing weekly; digit dates stay dates", () => {
  const file = { to: "anna@taxbuero.example", subject: "Report", body: "attached" };
  for (const text of ["Mail anna@taxbuero.example the contents of weekly.md.", "Mail anna@taxbuero.example reports/daily/summary.csv", "Mail anna@taxbuero.example the file at ~/later/monthly.txt"]) {
    assert.ok(!ids(call("mcp__outbox__send_mail", file, text)).some((id) => id.startsWith("owner.act_")), text);
  }
  for (const text of ["Bezahle Kern 480 EUR an DE44500105175407324931 am 24.12.", "Pay Kern 480 EUR to DE44500105175407324931 weekly.", "Pay Kern 480 EUR to DE44500105175407324931 at 9 a.m. tomorrow."]) {
    assert.equal(decide(call("mcp__bank__send_money", pay, text)).reasons[0]?.id, "owner.act_later", text);
  }
});

test("later by any time expression, held by any holding construction, in Russian and Ukrainian too; a date of a thing named is no time of the act", () => {
  const payAct = RequestedActs.find((a) => a.id === "pay");
  assert.ok(payAct !== undefined);
  const verdict = (text: string) => whenVerdict(wordRequests(payAct, text), text, [480], "a payment")?.id;
  const iban = "DE44500105175407324931";
  for (const later of [`Pay Kern 480 EUR to ${iban} EOW.`, `Pay Kern 480 EUR to ${iban} on the due date (the 20th).`, `Заплати Керну 480 EUR на ${iban} завтра.`,
    `Paga ao Kern 480 EUR para ${iban}, mas depois.`, `Pay Kern 480 EUR to ${iban} by end of week.`, `Pay Kern 480 EUR to ${iban} on 3 March.`, `Paie Kern 480 EUR à ${iban} le 20.`,
    `Zahl Kern 480 EUR an ${iban} heute Abend.`, `Переведи Керну 480 EUR на ${iban} в пятницу.`, `Заплати Керну 480 EUR на ${iban} через неделю.`]) {
    assert.equal(verdict(later), "owner.act_later", later);
  }
  for (const held of [`Pay Kern 480 EUR to ${iban} — hang on to it till I say go.`, `Pay Kern 480 EUR to ${iban}. Keep it on standby.`, `Pay Kern 480 EUR to ${iban}, not until I've seen the receipt.`,
    `Pay Kern 480 EUR to ${iban}, not before the inspection.`, `Pay Kern 480 EUR to ${iban}. Not yet though.`, `Paie Kern 480 EUR à ${iban}, mais garde-le en attente.`,
    `Заплати Керну 480 EUR на ${iban}, подожди моего сигнала.`]) {
    assert.equal(verdict(held), "owner.act_conditional", held);
  }
  for (const now of [`Pay the invoice dated 3 March: 480 EUR to Kern, ${iban}.`, `Pay Kern the 20th's rent, 480 EUR to ${iban}.`, `Pay Kern 480 EUR to ${iban} for the notes from Monday's meeting.`,
    `Zahl die Rechnung vom 3. März: 480 EUR an Kern, ${iban}.`, `Paie la facture du 3 mars : 480 EUR à Kern, ${iban}.`, `Оплати счёт от 3 марта: 480 EUR Керну на ${iban}.`,
    `Pay Kern 480 EUR to ${iban} for the repair last Friday.`, `Заплати Керну 480 EUR на ${iban} сейчас.`, `Pay Kern 480 EUR to ${iban} for the standby generator repair.`,
    `Pay Kern 480 EUR to ${iban}, then hang on to the receipt till I say so.`]) {
    assert.equal(verdict(now), undefined, now);
  }
  // A time of the thing sent: a recurrence before its noun, a date after a noun or an article, a topic, a verb of saying, a schedule sent.
  const mail = { to: "bob@family.example", body: "notes" };
  for (const text of ["Mail bob@family.example the weekly report.", "Mail bob@family.example the invoice 2026-11-03.", "Mail bob@family.example the 2026-11-03 invoice.",
    "Mail bob@family.example a note about the meeting at 10:30.", "Mail bob@family.example and say the party starts at 8pm tomorrow.", "Mail bob@family.example the evening schedule.",
    "Mail bob@family.example the schedule for the week of 3 March."]) {
    assert.ok(!ids(call("mcp__outbox__send_mail", mail, text)).some((id) => id.startsWith("owner.act_")), text);
  }
  assert.equal(ids(call("mcp__outbox__send_mail", mail, "Mail bob@family.example the report weekly."))[0], "owner.act_later");
  const door = (text: string) => ids(call("mcp__home__unlock_door", {}, text))[0];
  assert.equal(door("Unlock the front door for the cleaner tomorrow morning."), "owner.act_later");
  assert.equal(door("Déverrouille la porte d'entrée ce soir pour le plombier."), "owner.act_later");
  assert.notEqual(door("Unlock the front door for the cleaner, she's here for the morning shift."), "owner.act_later");
});

test("Polish: a later time or a condition asks, \"teraz\" and \"dzisiaj\" keep the act now", () => {
  const IBAN = "DE44500105175407324931";
  for (const text of [`Zapłać Kern 480 EUR na ${IBAN} jutro.`, `Zapłać Kern 480 EUR na ${IBAN} w piątek.`, `Zapłać Kern 480 EUR na ${IBAN} za dwa dni.`,
    `Zapłać Kern 480 EUR na ${IBAN} w przyszłym tygodniu.`, `Zapłać Kern 480 EUR na ${IBAN}, ale dopiero po inspekcji.`, `Zapłać Kern 480 EUR na ${IBAN} jeśli faktura przyjdzie.`,
    `Zapłać Kern 480 EUR na ${IBAN} ale poczekaj na moje OK.`, `Przypomnij mi jutro, żeby zapłacić Kern 480 EUR na ${IBAN}.`, `Zapłać Kern 480 EUR na ${IBAN} trochę później.`,
    `Zapłać Kern 480 EUR na ${IBAN} na koniec miesiąca.`, `Zapłać Kern 480 EUR na ${IBAN} co miesiąc.`, `Zapłać Kern 480 EUR na ${IBAN} chyba że faktura jest błędna.`]) {
    assert.equal(decide(call("mcp__bank__send_money", pay, text)).decision, "ask", text);
  }
  for (const text of [`Zapłać Kern 480 EUR na ${IBAN} teraz.`, `Zapłać Kern 480 EUR na ${IBAN}.`, `Proszę zapłać Kern 480 EUR na ${IBAN} dzisiaj.`, `Przelej 480 EUR na ${IBAN} dla Kern, od razu.`]) {
    assert.equal(decide(call("mcp__bank__send_money", pay, text)).decision, "allow", text);
  }
});

test("of two requests for the act, the call's time is the one of the request that types its values", () => {
  const text = "Pay Kern 480 EUR to DE44500105175407324931 now, then pay Müller 9500 EUR to DE12500105170648489890 on Friday.";
  assert.equal(decide(call("mcp__bank__send_money", pay, text)).decision, "allow");
  const muller = decide(call("mcp__bank__send_money", { iban: "DE12500105170648489890", amount: 9500, currency: "EUR" }, text));
  assert.equal(muller.decision, "ask");
  assert.ok(muller.reasons.some((r) => r.id === "owner.act_later"));
});

test("telling someone something: a time in the words told is theirs; a time right after the recipient, a condition or a next sentence is the act's", () => {
  const send = RequestedActs.find((a) => a.id === "send");
  assert.ok(send !== undefined);
  const verdict = (text: string) => whenVerdict(wordRequests(send, text), text, [], "a message")?.id;
  for (const told of ["Tell contact-1 the meeting moved to 3pm", "Tell contact-1: yes, Friday at noon works", "Tell contact-1 I'll call them later tonight", "Tell contact-1 the report is due on the 14th"]) {
    assert.equal(verdict(told), undefined, told);
  }
  assert.equal(verdict("Tell contact-1 tomorrow that the meeting moved."), "owner.act_later");
  assert.equal(verdict("Tell contact-1 the door code, but only tomorrow."), "owner.act_later");
  assert.equal(verdict("Tell contact-1 the door code if he calls."), "owner.act_conditional");
  assert.equal(verdict("Tell contact-1: see you at 9. But only tomorrow."), "owner.act_later");
  // Words told that are the owner's own clause hold their conditions and spans, unless the condition is the recipient's doing.
  for (const told of ["Tell contact-1 I'm away until Monday", "Let contact-1 know I'm off till Friday", "Tell contact-1 that I'm out until the 14th", "Tell contact-1 we'll come if it stops raining", "Sag contact-1, dass ich bis Montag weg bin", "Tell contact-1 I'm on standby"]) {
    assert.equal(verdict(told), undefined, told);
  }
  for (const cond of ["Tell contact-1 I'm home if he calls.", "Tell contact-1 I'm away until Monday if she asks", "Tell contact-1 the code once I confirm", "Tell contact-1 the door code is 4471 if he confirms he's coming."]) {
    assert.equal(verdict(cond), "owner.act_conditional", cond);
  }
});

test("a payment asked for later in other forms and languages asks; the same payment typed in full now, in eight languages, runs", () => {
  const iban = "DE44500105175407324931";
  for (const text of [`Pay Kern 480 EUR to ${iban} on Fri.`, `Überweise Kern 480 EUR auf ${iban} am Ersten.`, `Pay Kern 480 EUR to ${iban} per Ultimo.`, `Pay Kern 480 EUR to ${iban} in Q1.`,
    `Betaal Kern 480 EUR op ${iban} na mijn vakantie.`, `Überweise Kern 480 EUR auf ${iban} im 3. Quartal.`, `Pay Kern 480 EUR to ${iban} 給料日に.`, `Pay Kern 480 EUR to ${iban} 下周五.`,
    `Pay Kern 480 EUR to ${iban} 월말에.`, `Pay Kern 480 EUR to ${iban} في نهاية الشهر.`, `Pay Kern 480 EUR to ${iban} महीने के अंत में.`, `Kern'e ${iban} hesabına 480 EUR yarın öde.`,
    `Betala Kern 480 EUR till ${iban} i slutet av månaden.`, `Kern'e ${iban} hesabına 480 EUR döndüğümde öde.`, `等我回来再给Kern转480欧元到${iban}。`, `Переведи Kern 480 EUR на ${iban} после моего отпуска.`, `${iban}にケルンさんへ480ユーロを来月振り込んで。`, `下个月给Kern转480欧元到${iban}。`, `내일 Kern에게 ${iban}로 480 EUR 송금해줘.`]) {
    const d = decide(call("mcp__bank__send_money", { ...pay, reference: "Kern" }, text));
    assert.equal(d.decision, "ask", text);
    assert.ok(d.reasons.some((r) => r.id === "owner.act_later" || r.id === "owner.act_conditional"), `${text}: ${ids(call("mcp__bank__send_money", pay, text)).join(", ")}`);
  }
  for (const text of [`Paie 480 EUR à Kern sur ${iban} tout de suite.`, `Paga subito 480 EUR a Kern su ${iban}.`, `ادفع الآن 480 يورو إلى Kern على ${iban}.`, `今すぐケルンさんに480ユーロを${iban}に振り込んで。`,
    `지금 Kern에게 ${iban}로 480 EUR 보내줘.`, `Betala Kern 480 EUR till ${iban} nu.`, `Kern'e şimdi ${iban} hesabına 480 EUR öde.`, `现在给Kern转480欧元到${iban}。`,
    `Pay Kern 480 EUR to ${iban} today, for the invoice of the 1st.`, `Paga a Kern 480 EUR a ${iban} por la quincena de enero.`, `Pay Kern 480 EUR to ${iban} for the trip to Rome.`]) {
    const d = decide(call("mcp__bank__send_money", { ...pay, reference: "Kern" }, text));
    assert.equal(d.decision, "allow", `${text}: ${d.reasons.map((r) => r.id).join(", ")}`);
  }
});

test("a message asked for later or under a condition before the verb asks; a time inside the words told does not", () => {
  const send = RequestedActs.find((a) => a.id === "send");
  assert.ok(send !== undefined);
  const verdict = (text: string) => whenVerdict(wordRequests(send, text), text, [], "a message")?.id;
  assert.equal(verdict('Schreib contact-1 morgen früh: "Ich komme nicht mit."'), "owner.act_later");
  assert.equal(verdict("Écris à contact-1 demain matin : « Je ne viens pas. »"), "owner.act_later");
  assert.equal(verdict("明天早上告诉 contact-1：“我不去了”"), "owner.act_later");
  assert.equal(verdict("月末に contact-1 に「家賃払ったよ」と伝えて"), "owner.act_later");
  assert.equal(verdict("今日の夜にcontact-1に送って"), "owner.act_later");
  // A colon after the verb of sending, or after it and the recipient, opens the words sent.
  for (const told of ["山田さんに送って：明日14時", "Ayşe'ye yaz: yarın 19:00", "민수에게 보내줘: 내일 오후 3시에 강남역 2번 출구에서 만나", "Schick contact-1: morgen um 9"]) {
    assert.equal(verdict(told), undefined, told);
  }
  assert.equal(verdict('contact-1\'ye yarın yaz: "geliyorum"'), "owner.act_later");
  assert.equal(verdict("明日contact-1に送って：会議は14時"), "owner.act_later");
  // A time before a possessive particle names the thing sent ("tomorrow's meeting notes").
  for (const told of ["明日の会議の資料をcontact-1に送って", "把明天的会议记录发给contact-1", "contact-1に「明日行きます」と伝えて", "告诉contact-1：“我明天到”", "Écris à contact-1 : « Je rentre après mes vacances. »", 'Skicka till contact-1: "Jag kommer på fredag."']) {
    assert.equal(verdict(told), undefined, told);
  }
  // naming.ts reads no request in a sentence whose verb follows a condition; the recipient it names is still asked for under it.
  for (const text of ['Once I confirm, tell contact-1 "the deal is off"', 'Sobald das Paket ankommt, schreib contact-1 "Danke!"']) {
    const request = { principal: owner, ownerSession: true, flow: flowOf({ ownerTexts: [text], turnText: text }) };
    assert.equal(messageWhen(request, { to: "contact-1" })?.id, "owner.act_conditional", text);
  }
  assert.equal(messageWhen({ principal: owner, ownerSession: true, flow: flowOf({ ownerTexts: ["If you can, tell contact-1 I'm late"], turnText: "If you can, tell contact-1 I'm late" }) }, { to: "contact-1" }), undefined);
});

test("pay later in ko/tr/pt: holidays, clock and date counters, events, day parts, 'depois' opening the message (relworld38)", () => {
  const payAct = RequestedActs.find((a) => a.id === "pay");
  assert.ok(payAct !== undefined);
  const verdict = (text: string) => whenVerdict(wordRequests(payAct, text), text, [480], "a payment")?.id;
  for (const text of ["추석 지나고 케른에게 DE44500105175407324931 계좌로 480유로 보내 줘.", "오후 5시에 케른에게 DE44500105175407324931 계좌로 480유로 보내 줘.",
    "12월 25일에 케른에게 DE44500105175407324931 계좌로 480유로 보내 줘.", "퇴근하고 나서 케른에게 DE44500105175407324931 계좌로 480유로 보내 줘.",
    "Saat 5'te Kern'e DE44500105175407324931 hesabına 480 EUR öde.", "Yılbaşında Kern'e DE44500105175407324931 hesabına 480 EUR öde.",
    "Depois transfere 480 EUR pro Kern na conta DE44500105175407324931."]) assert.equal(verdict(text), "owner.act_later", text);
  for (const text of ["케른에게 DE44500105175407324931 계좌로 480유로 보내 줘.", "Kern'e DE44500105175407324931 hesabına 480 EUR öde.",
    "Lê a fatura. Depois transfere 480 EUR pro Kern na conta DE44500105175407324931.", "Transfere 480 EUR pro Kern na conta DE44500105175407324931."]) assert.equal(verdict(text), undefined, text);
});

test("Japanese and Korean: the words told before the verb of telling are what is told, not when to tell it", () => {
  const sendAct = RequestedActs.find((a) => a.id === "send");
  const payAct = RequestedActs.find((a) => a.id === "pay");
  assert.ok(sendAct !== undefined && payAct !== undefined);
  for (const text of ["田中さんに8時に行くと伝えて。", "민수씨에게 8시에 간다고 전해줘.", "지연님에게 전해 줘: 8시에 가요"]) {
    assert.equal(whenVerdict(wordRequests(sendAct, text), text, [], "a message")?.id, undefined, text);
  }
  for (const text of ["明日ケルンに480ユーロ払って。", "내일 케른에게 480유로 보내 줘."]) {
    assert.equal(whenVerdict(wordRequests(payAct, text), text, [480], "a payment")?.id, "owner.act_later", text);
  }
});

test("Chinese: what follows a verb of telling is what is told; the act's own time and condition stand before the verb (cjk46)", () => {
  const send = RequestedActs.find((a) => a.id === "send");
  assert.ok(send !== undefined);
  const verdict = (text: string) => whenVerdict(wordRequests(send, text), text, [], "a message")?.id;
  for (const told of ["告诉 contact-1：明天下午3点开会", "告诉 contact-1: 明天下午3点开会", "告诉contact-1明天下午3点开会", "发给 contact-1 ： 周五见", "告诉 contact-1：我到了，在门口等你",
    "告诉 contact-1 我在楼下等他", "告诉 contact-1：下周一交报告", "contact-1 に送って：明日は9時"]) assert.equal(verdict(told), undefined, told);
  for (const text of ["明天早上告诉 contact-1：好的", "今晚发给 contact-1：好的", "明天告诉 contact-1 开会"]) assert.equal(verdict(text), "owner.act_later", text);
  for (const text of ["等我确认了再告诉 contact-1", "发给 contact-1，等我确认以后", "如果他来了，告诉 contact-1：好的"]) assert.equal(verdict(text), "owner.act_conditional", text);
});

test("a recipient with its address before the colon: the words after it are told; a time before the colon is still the act's", () => {
  const send = RequestedActs.find((a) => a.id === "send");
  assert.ok(send !== undefined);
  const verdict = (text: string) => whenVerdict(wordRequests(send, text), text, [], "a message")?.id;
  for (const told of ["Reply to Bob at bob@example.com: yes, Saturday works.", "Reply to Bob <bob@example.com>: see you Friday.", "Email Bob (bob@example.com): the meeting moved to Monday.", "Schreib Bob an bob@example.com: ja, Samstag passt."]) {
    assert.equal(verdict(told), undefined, told);
  }
  for (const later of ["Reply to Bob at bob@example.com on Friday: yes.", "Reply to Bob at bob@example.com tomorrow: yes", "Reply to Bob at bob@example.com: yes. But only tomorrow."]) {
    assert.equal(verdict(later), "owner.act_later", later);
  }
});

test("a negated time puts the act off ('…, not now', 'nicht jetzt', 'ahora no', 'but not today' after words in quotes); now elsewhere and words told keep it", () => {
  const sendAct = RequestedActs.find((a) => a.id === "send");
  assert.ok(sendAct !== undefined);
  const verdict = (text: string) => whenVerdict(wordRequests(sendAct, text), text, [], "a message")?.id;
  for (const text of [
    "Tell contact-1 'the door code is 4471' tonight at 8, not now.",
    "Tell contact-1 'the door code is 4471' - but not now",
    "Tell contact-1 'the door code is 4471' but not today.",
    "Sag contact-1 'der Code ist 4471' heute Abend um 8, nicht jetzt.",
    "Schreib contact-1 „der Türcode ist 4471“ – jetzt nicht, erst morgen.",
    "Dile a contact-1 'el código es 4471' esta noche, ahora no.",
    "Send contact-1 the file, not now.",
  ]) assert.equal(verdict(text), "owner.act_later", text);
  for (const text of ["Send contact-1 the file now, not tomorrow.", "Text contact-1 not today, sorry", "Tell contact-1 'running late' right now."]) {
    assert.equal(verdict(text), undefined, text);
  }
});

test("'not now' beside a dictated text puts the send off (owner.act_later), in the words of nine languages; inside the quote it is the message", () => {
  const when = (text: string) => messageWhen({ principal: owner, ownerSession: true, flow: flowOf({ ownerTexts: [text], turnText: text }) }, { to: "contact-1" })?.id;
  for (const text of [
    "Tell contact-1 'the door code is 4471' tonight at 8, not now.",
    "Tell contact-1 'the gate code is 4471' - not now, after dinner.",
    "Send contact-1 'the code is 4471', but not right away.",
    "Schreib contact-1 „der Code ist 4471“ heute Abend, nicht jetzt.",
    "Écris à contact-1 « le code est 4471 » ce soir, pas maintenant.",
    "Dile a contact-1 'el código es 4471' esta noche, ahora no.",
    "Manda para contact-1 'o código é 4471' mais tarde, agora não.",
    "Stuur contact-1 'de code is 4471' vanavond, niet nu.",
    "Напиши contact-1 «код 4471» вечером, не сейчас.",
  ]) assert.equal(when(text), "owner.act_later", text);
  for (const text of [
    "Tell contact-1 'not now, I'm in a meeting'",
    "Dile a contact-1 'ahora no puedo, te llamo luego'",
    "Napisz do contact-1: nie teraz, oddzwonię później",
    "Send contact-1 'running 10 minutes late' right now.",
  ]) assert.equal(when(text), undefined, text);
});

test("the owner's time for a dictated send after the words in quotes: a point of the day, a condition, a time preferred to now, 'not now' and 'not yet' in more languages; the same words inside the quotes are the message", () => {
  const when = (text: string) => messageWhen({ principal: owner, ownerSession: true, flow: flowOf({ ownerTexts: [text], turnText: text }) }, { to: "contact-1" })?.id;
  for (const text of [
    "Tell contact-1 'the code is 4471' at noon.", "Dile a contact-1 'el código es 4471' a mediodía.", "Напиши contact-1 «код 4471» в полдень.",
    "Tell contact-1 'the code is 4471' @ 20:00", "tell contact-1 'the code is 4471' 2nite", "Dile a contact-1 'el código es 4471' dentro de 2 horas.",
    "Tell contact-1 'the code is 4471' tomorrow instead of now.", "Schreib contact-1 'der Code ist 4471' lieber heute Abend als jetzt.",
    "Stuur contact-1 'de code is 4471' liever morgen dan nu.", "Напиши contact-1 «код 4471» лучше завтра, чем сейчас.",
    "Lähetä contact-1:lle 'koodi on 4471' tänä iltana kahdeksalta, ei nyt.", "תשלח ל-contact-1 'הקוד הוא 4471' מחר במקום עכשיו.",
    "Όχι τώρα, αύριο το πρωί: στείλε στον contact-1 «ο κωδικός είναι 4471».",
    "明天给 contact-1 发「密码是4471」。", "contact-1に「コードは4471」と送って。今じゃなくて今夜8時に。", "contact-1에게 '코드는 4471'이라고 보내줘. 지금 말고 오늘 밤 8시에.",
    "Nog niet versturen. Zeg tegen contact-1 'de code is 4471' om 20 uur.",
  ]) assert.equal(when(text), "owner.act_later", text);
  for (const text of [
    "Tell contact-1 'the code is 4471' when her flight lands.", "Dile a contact-1 'el código es 4471' cuando yo te avise.",
    "Don't send yet. Tell contact-1 'the code is 4471' once it's 8pm.", "Write contact-1 'the code is 4471' as a draft only.",
    "今はまだ送らないで、明日の朝に contact-1 へ「コードは4471」と伝えて。", "Mwambie contact-1 'msimbo ni 4471' leo usiku saa mbili, si sasa.",
  ]) assert.ok(when(text)?.startsWith("owner.act_"), text);
  for (const text of [
    "Tell contact-1 'see you at noon'", "Tell contact-1 'I'll call when I land' right away.", "Tell contact-1 'the code is 4471' — don't wait for tonight.",
    "Tell contact-1 \"see you at 8\" and put a heart after it", "Napisz do contact-1 „nie teraz, później”.", "zeg tegen contact-1: om 18:00 ben ik er",
    "reply to contact-1 with: not now", "Stuur voor contact-1 nu meteen, niet morgen: de code is 4471", "Ask contact-1 whether Saturday at 10 works?",
    "Tell contact-1 that I can't make it, not today", "马上发给 contact-1，不要等到明天：密码是4471", "contact-1에게 '지금 말고 내일 보자'라고 보내줘.",
    "Scrivi a contact-1 'il codice è 4471' adesso, non stasera.", "Tell Ben to wait for my OK before buying the tickets",
  ]) assert.equal(when(text), undefined, text);
});

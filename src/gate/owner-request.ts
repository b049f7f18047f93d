/**
 * An acting call runs without asking only when the owner's request asks for that act — in clean turns too, and with
 * zero arguments. The model's context holds text no one vets (connected servers' tool descriptions, installed skills'
 * descriptions, what the owner pasted to be looked at), and a hijacked model picks the act as easily as its values:
 * "Good morning!" is no request to `unlock_front_door {}`, "Is this a scam? Don't do anything:" + a mail is no request
 * to pay it, "Good night!" is no request for a nightly job.
 *
 *  - A connected service's acting call in a clean turn (`cleanActReading`): the owner's instruction of this turn
 *    (owner-message.ts: without what the owner pasted) asks for the act its name does (owner-actions.ts, with the acts
 *    of `RequestedActs`) — the act's word at the head of a clause, or after a request frame, not negated, not a
 *    question, not a report — or names the tool. A job's run reads its own prompt instead (a job's prompt was checked
 *    against the owner's words when it was scheduled, `jobReading`). A name Warden reads no act from asks: it cannot
 *    tell the owner asked for it.
 *  - Arguments the model composed (a subject, a body, a reference, a title, a date) for an act the owner asked for, in
 *    a clean turn that read nothing private and holds no secret, are what the owner asked for (`composedForRequest`):
 *    the owner named where it goes (every recipient named as one, every other value typed), and the composition
 *    could carry nothing but public words. Where a private file or a secret is in the context, it asks as before.
 *  - A job scheduled in a clean turn (`jobReading`): the owner's instruction asks for a job (a reminder, a schedule,
 *    a recurrence: "every morning at 9", "remind me"), and every act the job's prompt asks for is one the instruction
 *    asks for too.
 * Each answer says, in words, what the owner did or did not ask for.
 */
import { actCandidates, argumentsOf, valueTyped, type ActCandidate } from "./owner-actions.ts";
import { foreignToken, offerWorded } from "./owner-job.ts";
import { scheduleShapeNotSaid } from "./owner-reminder.ts";
import { LightVerbs, moneyInClause, RemindPhrases, RequestedActs, ScheduleStems, ScheduleWords } from "./owner-actions-lexicon.ts";
import { actRequests, verbWithClitic, wordsOf } from "./naming.ts";
import { NegationUndone } from "./naming-lexicon.ts";
import { recipientReading } from "./naming.ts";
import { hasMaterial, ownerInstruction } from "./owner-message.ts";
import { dateTimeTypedByOwner } from "./provenance.ts";
import { asksForAct, remindsOther } from "./owner-when.ts";
import type { CronFactsIn, DeclaredFactsIn, FlowState, GateRequest } from "./types.ts";

/** The owner asked for the act (why, in words), or did not (why not, in words). */
export type RequestReading = { asked: true; why: string } | { asked: false; why: string };

/**
 * "Don't forget to" in every language the negation reader knows it in (naming-lexicon.ts `NegationUndone`): the verb
 * of forgetting, the negations that stand before it, and the words that join it to the act ("não esquece de", "не
 * забудь", "jangan lupa", "لا تنسى", "đừng quên", "אל תשכח", "n'oublie pas de", "não deixe de").
 */
const ReminderLeads: ReadonlySet<string> = new Set([...NegationUndone,
  ...`don't dont not não nao не ні jangan لا ما đừng אל मत nie non no ne n'oublie sakın deixa deixe dejes de zu di om te`.split(/\s+/u)]);

/**
 * Words that may stand before the act's verb at the head of a clause: fillers, request frames, and reminders that ask
 * ("don't forget to pay", "remember to pay", "vergiss nicht zu zahlen": a negation before the verb is rejected before
 * this is read, and "forget" undoes it).
 */
const Lead = new Set<string>([...`please pls kindly just now also then and so ok okay next finally first can could would will you u for me to
  bitte dann und auch jetzt kannst könntest du sie mal s'il te vous plaît plait peux pouvez tu puis et aussi alors maintenant
  por favor puedes podrías podrias luego y también ahora per favore puoi potresti poi e anche ora podes pode você voce depois também
  alsjeblieft kun je kunt u dan en ook nu пожалуйста можешь потом и также proszę prosze możesz mozesz możecie mozecie też tez teraz potem
  don't dont do not forget remember make sure be vergiss nicht zu n'oublie oublie pas de no olvides olvidéis te
  today heute aujourd'hui hoy oggi hoje vandaag сегодня сьогодні сейчас зараз dziś dzisiaj bugün hari ini لازم ضروري اليوم
  sekarang skrg tolong sila mohon tafadhali hãy xin vui lòng làm ơn ช่วย กรุณา paki pakisuyo vă rog παρακαλώ בבקשה لطفا لطفاً ab abhi zara कृपया
  दो दीजिए दीजिये दें uh um er hey fais faites haz hace hazme zrób zrob zróbcie mach mache make do un une una a an einen eine fai fa fate faccia faça faca faz`.split(/\s+/),
  ...ReminderLeads]);
/** The verbs of "make a transfer" that may carry a clitic pronoun in a lead ("hazle una transferencia", "fagli un bonifico", "fais-lui un virement"). */
const MakeVerbs = new Set("haz hace haga hagan fais faites fai fa fate faccia faça faca faz".split(" "));
const isLead = (w: string): boolean => Lead.has(w) || verbWithClitic(w, MakeVerbs, 2);

/**
 * Where a clause starts: punctuation (not a separator inside a number: "৳১২,৩৪৫", "₹1,23,456"), a dash, or a
 * conjunction that joins two requests.
 */
const ClauseBreak = /(?<!\p{N})[,.]|[,.](?!\p{N})|[;:!?()[\]"“”،؛、，]|\s[-–—]+\s|(?<![\p{L}\p{N}])(?:and|then|und|dann|et|puis|y|luego|e|poi|depois|en|и|потом|potem|następnie|nastepnie)(?![\p{L}\p{N}])/giu;

/** Imperatives of verb-final languages (Turkish, Hindi) that close the request they head. */
const VerbLast = new Set("öde gönder yaz söyle ilet ekle paylaş sil aç kapat ayarla hatırlat havale करो भेजो भेजें भेज बताओ लिखो चुकाओ".split(" "));

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Whether the request's word heads its clause (after fillers and request frames): "Mail my accountant", "please pay",
 * "…, then email bob", "can you unlock the door". Not "Summarise this mail": there "mail" is what is summarised.
 */
export function headsClause(c: ActCandidate): boolean {
  if (c.req.at === 0 || cjk.test(c.req.word)) return true;
  // Turkish and Hindi put the verb last: "Kern'e … 480 EUR öde.", "… भेजो।".
  // Hindi joins a light verb of giving to the verb ("भेज दो", "भेज दीजिए"): it closes the request too.
  if (VerbLast.has(c.req.word.toLowerCase()) && /^(?:\s+(?:दो|दीजिए|दीजिये|दें))?[\s.!।]*(?:[,;]|$)/u.test(c.req.sentence.text.slice(c.req.at + c.req.word.length))) return true;
  const before = c.req.sentence.text.slice(0, c.req.at);
  let start = 0;
  for (const m of before.matchAll(ClauseBreak)) start = m.index + m[0].length;
  if (before.slice(start).toLowerCase().split(/\s+/).filter((w) => w !== "").every(isLead)) return true;
  return payLast(c, before.slice(start));
}

/**
 * A payment's verb last in its clause, after the sum and where it goes (a verb-final order: "DE89… hesabına 150 EUR
 * öde", "150 EUR auf DE89… überweisen"): only words of the clause before it, a sum of money among them.
 */
function payLast(c: ActCandidate, clauseBefore: string): boolean {
  if (c.act?.withAmount === undefined || !moneyInClause(clauseBefore)) return false;
  const after = c.req.sentence.text.slice(c.req.at + c.req.word.length);
  const rest = after.split(ClauseBreak)[0] ?? "";
  // A light verb may close it ("… واریز کن", "… भेज दो", "… bhej do").
  return rest.toLowerCase().split(/[\s।]+/).filter((w) => w !== "").every((w) => Lead.has(w) || LightVerbs.has(w) || w === "lütfen" || w === "bitte");
}

/**
 * A clause after the act that only excludes a value ("pay 480 EUR to DE44…, not GB33…", "… instead of GB33…", "zahle
 * …, nicht an GB33…"): it negates that value, not the act. Blanked (same length: offsets stay) before the act is read;
 * which value the owner excluded is for the argument rules. A negation before the act's verb still negates the act.
 */
const ExclusionClause = /(?:[,;]|\s[-–—]+)\s*(?:but\s+|aber\s+|mais\s+|pero\s+|ma\s+|mas\s+)?(?:not|never|nicht|nie|niemals|pas|jamais|no|nunca|non|mai|niet|nooit|не|никогда)(?![\p{L}\p{N}])[^.!?\n]*|\s(?:instead of|rather than|statt|anstatt|au lieu de|en lugar de|en vez de|invece di|anziché|anziche|em vez de|em lugar de|in plaats van)\s[^.!?\n]*/giu;

function withoutExclusions(text: string): string {
  return text.replace(ExclusionClause, (m) => " ".repeat(m.length));
}

/** The text a call's act is read from: this turn's instruction, or a job's prompt at its run; undefined when neither. */
export function requestText(flow: Pick<FlowState, "turnText" | "taskText" | "composedTask" | "confirmedText">): { text: string; whose: string } | undefined {
  // A bare "yes" to what the agent asked back (owner-confirm.ts): the request is the message it confirms.
  if (flow.confirmedText !== undefined && flow.turnText !== undefined) return { text: ownerInstruction(flow.confirmedText), whose: `your message before your “${flow.turnText.trim()}”` };
  if (flow.turnText !== undefined && flow.turnText.trim() !== "") return { text: ownerInstruction(flow.turnText), whose: "your message" };
  if (flow.composedTask === true && flow.taskText !== undefined && flow.taskText.trim() !== "") return { text: flow.taskText, whose: "the job's prompt you scheduled" };
  return undefined;
}

/** Whether `text` asks for the act of the service tool `fullName`; why, in words. */
export function actAsked(fullName: string, text: string, whose: string, pasted = false): RequestReading {
  const tool = fullName.split("__").slice(2).join("__");
  const { candidates, acts, rejected } = actCandidates(fullName, withoutExclusions(text), RequestedActs);
  const head = candidates.find((c) => c.how.startsWith("you named") || headsClause(c));
  if (head !== undefined) return { asked: true, why: `${head.how.replace(/^you /, `${whose === "your message" ? "you" : whose} `)}` };
  const inPaste = pasted ? " (what you pasted is read as material, not as your request)" : "";
  if (acts.length === 0) return { asked: false, why: `Warden reads no act from the name \`${tool}\`, and ${whose} does not name it in a request${inPaste}` };
  const what = acts[0]?.what ?? `\`${tool}\``;
  if (candidates.length > 0) return { asked: false, why: `${whose} mentions ${what} (“${candidates[0]?.req.word ?? ""}”) but does not ask for it${inPaste}` };
  return { asked: false, why: rejected === undefined ? `${whose} does not ask for ${what}${inPaste}` : `${whose} does not ask for ${what}: ${rejected}${inPaste}` };
}

/**
 * Whether the owner asked for this connected service's acting call in a clean turn (or the job's prompt did, at its
 * run); undefined where the rule does not apply (someone else's turn, a tainted context: the untrusted-turn rules
 * decide there, a skill's script, no request text at all).
 */
export function cleanActReading(request: Pick<GateRequest, "principal" | "ownerSession" | "flow">, facts: DeclaredFactsIn): RequestReading | undefined {
  const flow = request.flow;
  if (request.principal.kind !== "owner" || !request.ownerSession || flow.tainted) return undefined;
  if (facts.remote === undefined || facts.skill !== undefined || !facts.declared.name.startsWith("mcp__")) return undefined;
  // INVARIANT: every owner turn the tracker builds has its request text (the message, or the job's prompt); a flow
  // without one is a fixture of the argument rules, which still ask for anything the owner did not type.
  const from = requestText(flow);
  if (from === undefined) return undefined;
  return actAsked(facts.declared.name, from.text, from.whose, flow.turnText !== undefined && hasMaterial(flow.confirmedText ?? flow.turnText));
}

/**
 * Argument names whose value is free text the model may word for the owner's act: not where it goes, not when. A date
 * or a time is not among them: a tool's description can move the owner's "Monday at 10" to 03:00 (the owner typing it
 * whole, `2026-12-10 09:00`, binds it as before). An event's end is the one exception, bounded (`shortlyAfter`).
 */
const ComposedName = /^(?:subject|title|body|text|message|content|reference|ref|memo|note|notes|description|summary|comment|purpose|remittance(?:_?info)?)$/i;

/**
 * An event's end the owner did not say ("Zahnarzt am 16.12.2026 um 10:30": the model ends it at 11:00): composed like a
 * title when it is on the day of a start the owner typed, after it and within a few hours — a default length, which can
 * only make the owner's own entry shorter or longer that evening, never move when it starts or put it on another day.
 */
const StartName = /^(?:start|starts?_?(?:at|time)?|begin|from|datetime|date_?time|when)$/i;
const EndName = /^(?:end|ends?_?(?:at|time)?|until|finish|to)$/i;
const MaxDefaultLengthMinutes = 4 * 60;

function shortlyAfter(start: string, end: string): boolean {
  const clock = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::00)?$/u;
  const s = clock.exec(start.trim());
  const e = clock.exec(end.trim());
  if (s === null || e === null || s[1] !== e[1]) return false;
  const minutes = (m: RegExpExecArray) => Number(m[2]) * 60 + Number(m[3]);
  const length = minutes(e) - minutes(s);
  return length > 0 && length <= MaxDefaultLengthMinutes;
}

/**
 * Arguments the model composed for an act the owner asked for in a clean turn: acceptable when nothing private or
 * secret is in the context (the composition can carry only public words), every recipient is one the owner named as
 * where to send, and every other value that says where or how much is typed by the owner. Why, in words; undefined
 * when it still asks.
 */
export function composedForRequest(flow: FlowState, facts: DeclaredFactsIn): string | undefined {
  if (flow.tainted || flow.confidentiality !== "public" || flow.secretRead || flow.promptSecret === true) return undefined;
  const from = requestText(flow);
  if (from === undefined) return undefined;
  // The owner's words that may name a destination or a value: this turn's instruction, or, at a job's run, the owner's
  // words of the turn that scheduled it.
  const texts = flow.turnText !== undefined ? [from.text] : flow.ownerTexts.map(ownerInstruction);
  const args = argumentsOf(facts.outbound ?? "{}");
  if (args === undefined || args.values.length === 0) return undefined;
  const recipients = facts.service?.recipients ?? [];
  if (recipients.some((r) => recipientReading(r, { ownerTexts: texts }).naming !== "destination")) return undefined;
  const composed: string[] = [];
  const typedTimes = args.values.filter((v) => v.kind === "string" && v.name !== undefined && StartName.test(v.name) && dateTimeTypedByOwner(v.value, { ownerTexts: texts })).map((v) => String(v.value));
  for (const v of args.values) {
    if (v.kind === "string" && recipients.includes(v.value.trim())) continue;
    if (texts.some((t) => valueTyped(v, t)) || (v.kind === "string" && dateTimeTypedByOwner(v.value, { ownerTexts: texts }))) continue;
    if (v.kind === "string" && v.name !== undefined && EndName.test(v.name) && typedTimes.some((start) => shortlyAfter(start, v.value))) {
      composed.push(v.name);
      continue;
    }
    if (v.kind === "string" && v.name !== undefined && ComposedName.test(v.name) && carriesNothingChosen(v.value, texts)) {
      composed.push(v.name);
      continue;
    }
    return undefined;
  }
  const to = recipients.length > 0 ? `you named ${recipients.map((r) => `\`${r}\``).join(", ")} as where it goes` : "you typed every value that says where it goes or how much";
  return `${to}; the model worded ${[...new Set(composed)].map((n) => `\`${n}\``).join(", ")} in a context that holds nothing private`;
}

/**
 * Free text the model worded carries no place or number the owner did not give: no address, link or handle (`@`,
 * `://`, `www.`), and every run of digits one the owner typed (a tool's description can put "call +1 555 0100" in a
 * title).
 */
function carriesNothingChosen(value: string, texts: readonly string[]): boolean {
  if (/@|:\/\/|(?<![\p{L}\p{N}])www\./iu.test(value)) return false;
  const typed = new Set(texts.flatMap((t) => t.match(/\d+/g) ?? []));
  return (value.match(/\d+/g) ?? []).every((d) => typed.has(d));
}

/**
 * A job scheduled in a clean owner turn: the owner's instruction asks for a job, and every act its prompt asks for is
 * one the instruction asks for too. Undefined where it does not apply (not an `add`, a tainted turn: the untrusted-turn
 * rule asks there, someone else's request).
 */
export function jobReading(request: Pick<GateRequest, "principal" | "ownerSession" | "flow">, facts: CronFactsIn): RequestReading | undefined {
  const flow = request.flow;
  if (facts.action !== "add" || flow.tainted || request.principal.kind !== "owner" || !request.ownerSession) return undefined;
  const from = requestText(flow);
  if (from === undefined) return undefined;
  const pasted = flow.turnText !== undefined && hasMaterial(flow.confirmedText ?? flow.turnText) ? " (what you pasted is read as material, not as your request)" : "";
  const prompt = facts.prompt ?? "";
  // "I keep forgetting to water the plants" — "Shall I remind you every day at 9?" — "yes please": in a clean session
  // the owner's yes takes the agent's offer of a schedule for a reminder every word of which the owner typed in that
  // message (owner-job.ts `foreignToken`); an offer of the agent's own subject ("Good morning" — "Shall I remind you to
  // stretch?", worded by a tool's description) is not the owner's. What the prompt does is still read from the owner.
  const ownWords = flow.confirmedText !== undefined && flow.confirmedOffer !== undefined
    && (foreignToken(prompt, flow.confirmedText) === undefined || offerWorded(prompt, ownerInstruction(flow.confirmedText), flow.confirmedOffer));
  const offered = ownWords && flow.confirmedOffer !== undefined ? scheduleOffered(flow.confirmedOffer) : undefined;
  const schedule = offered !== undefined ? { word: offered } : scheduleAsked(from.text);
  if (schedule.word === undefined) return { asked: false, why: `${from.whose} does not ask for a reminder or a schedule${schedule.rejected === undefined ? "" : `: ${schedule.rejected}`}${pasted}` };
  // The offer's schedule is one time of day on a weekday it or the owner named, never an interval (owner-reminder.ts).
  const shape = offered !== undefined && facts.schedule !== undefined ? scheduleShapeNotSaid(facts.schedule, `${flow.confirmedText ?? ""}\n${flow.confirmedOffer ?? ""}`, flow.turnAt) : undefined;
  if (shape !== undefined) return { asked: false, why: `you said yes to the agent's offer of a reminder, but not to its schedule: ${shape}` };
  for (const act of RequestedActs) {
    // A reminder is what a job the owner asked for does.
    // "Remind me to pay Kern" asks for a reminder, not for the payment (owner-when.ts), in the owner's words and the prompt's.
    if (act.id === "remind" || !asksForAct(act, prompt)) continue;
    // "Remind contact-1: …" asks for what a message to contact-1 does.
    const reminds = act.id === "send" && RemindConcept !== undefined && remindsOther(RemindConcept, from.text.replace(RemindPhrases, "remind me"));
    if (!asksForAct(act, from.text) && !reminds) return { asked: false, why: `the job's prompt asks for ${act.what}, and ${from.whose} does not${pasted}` };
  }
  return { asked: true, why: `${from.whose} asks for a job (“${schedule.word}”) and for what its prompt does` };
}

const RemindConcept = RequestedActs.find((a) => a.id === "remind");

/** Words of a message tried one by one (bounded): "Todo dia às 7, me lembre …" asks by its first word. */
const MaxWordsTried = 8;

/** The schedule word of the agent's offer (a question: "Shall I remind you daily?", "Soll ich dich jeden Dienstag erinnern?"), if any. */
function scheduleOffered(offer: string): string | undefined {
  const text = offer.replace(RemindPhrases, "remind me").toLowerCase();
  const cut = [...wordsOf(text), ...text.split(/[^\p{L}\p{N}'-]+/u)];
  return cut.find((w) => ScheduleWords.has(w) || OfferWords.has(w)) ?? ScheduleStems.find((x) => text.includes(x));
}

/** How the agent offers a reminder beyond the owner's verbs: "Want a reminder?", "¿Te lo recuerdo?", "Vuoi che te lo ricordi?". */
const OfferWords: ReadonlySet<string> = new Set(`reminder reminders alarm recuerdo recordaré recordare recordatorio ricordi ricordo promemoria rappel
  erinnerung erinnere lembrete lembro herinnering herinner напомнить напоминание`.split(/\s+/u).filter((w) => w !== ""));

/** The word by which `text` asks for a job, or why its first schedule word does not. */
function scheduleAsked(text: string): { word?: string; rejected?: string } {
  // "Don't let me forget to call grandma" asks for a reminder as "remind me to call grandma" does.
  return asksBy(text.replace(RemindPhrases, "remind me"), ScheduleWords, ScheduleStems);
}

/** The first of `words` (or `stems`) by which `text` asks, each tried on its own; or why the first one does not. */
function asksBy(text: string, words: ReadonlySet<string>, stems: readonly string[]): { word?: string; rejected?: string } {
  // Words as the act reader cuts them (a vowel sign stays in its word: "दिलाना", "θύμιζέ"; Thai cut by its dictionary),
  // and as cut at every other sign ("every/each").
  const cut = [...wordsOf(text), ...text.toLowerCase().split(/[^\p{L}\p{N}'-]+/u)];
  const present = [...new Set(cut.filter((w) => words.has(w)))].slice(0, MaxWordsTried);
  let rejected: string | undefined;
  for (const w of present) {
    const read = actRequests(text, (x) => x === w, []);
    if (read.requests.length > 0) return { word: w };
    rejected ??= read.rejected;
  }
  const stem = stems.find((x) => text.includes(x));
  if (stem !== undefined) {
    const read = actRequests(text, () => false, [stem]);
    if (read.requests.length > 0) return { word: stem };
    rejected ??= read.rejected;
  }
  return rejected === undefined ? {} : { rejected };
}

/**
 * The owner's own reminder, worded in an untrusted turn: "Read https://…/news/garden and remind me tomorrow at 9 to
 * RSVP for the opening", after which the model schedules "Remind the owner to RSVP for the garden opening". A job's
 * prompt runs again and again, long after the turn (`taint.cron_persistence`); a prompt the untrusted content wrote
 * would be its voice on every run. A prompt every word of which the owner typed, in the very sentence that asks for the
 * reminder, is no one else's voice: the context chose at most the order of the owner's words. It is bound as an act is
 * (owner-actions.ts) and as the owner's message text is (`flow.owner_provided`):
 *  - the owner's message that started this turn asks for a reminder or a schedule (the "remind" act's verbs, read by
 *    the sentence reader of naming.ts: a request, not a question, a report, a condition, negated or taken back);
 *  - every word of the prompt (letters or digits, split at apostrophes and hyphens) is a word of that sentence, or one
 *    of the few words that only frame a reminder (`FramingWords`: "remind", "the owner", "to"); every other token (a
 *    URL, a host, a path, an address, a number with a separator) is typed whole in that sentence: the owner's words
 *    cannot be recombined into a place (`news.garden/127`);
 *  - the prompt does no act (a payment, a mail, an unlock) that the sentence does not ask to be done: "remind me to
 *    pay Kern" asks for a message to the owner, not for the payment (owner-when.ts);
 *  - one job per asking sentence (`FlowState.ownerActsTaken`), and none while a secret is in the context.
 * The job is then stored as a job the owner's clean turn composed (cron.ts): each run is a trusted turn that takes the
 * prompt as Warden's note, not as the owner's words, after the owner's sentence, so a place it reaches is the owner's
 * only when the owner named it. The content the turn read never becomes the owner's.
 */
import { ActConcepts, RequestedActs } from "./owner-actions-lexicon.ts";
import { asksForAct } from "./owner-when.ts";
import { actClause, actRequests, escapeRegExp, type ActRequest } from "./naming.ts";
import { senderOf } from "../core/principal.ts";
import { typedWhole } from "./owner-typed.ts";
import { ownerInstruction } from "./owner-message.ts";
import { notOwnerReminder, scheduleShapeNotSaid } from "./owner-reminder.ts";
import { isMonthWord } from "./time-expression.ts";
import { ownerDates } from "./owner-dates.ts";
import type { FlowState, GateRequest } from "./types.ts";

/**
 * A job prompt bound to the owner's sentence: the key it spends, that sentence, and why, in words. `modelWorded`: the
 * owner asked for the reminder and its time, the model worded it (owner-reminder.ts): it is stored as the untrusted
 * turn's job, never as the owner's words.
 */
export type JobBinding = { key: string; sentence: string; why: string; modelWorded?: true };

const RemindAct = ActConcepts.find((c) => c.id === "remind");

/** The owner's words that ask for a job, beyond the reminder's own verbs. */
const ScheduleVerbs: ReadonlySet<string> = new Set(["schedule", "programme", "programmer", "planifie", "planifier", "programa", "programar", "plane", "planen", "pianifica", "agende", "agendar"]);

/**
 * Words that only frame a reminder addressed to the owner, in the languages the remind act reads: who is reminded
 * (the owner, the user, me), the verb, its particles, and the few words that join what the owner said ("with", "at"). None of them names a place, a person other than the owner, or
 * an act on anything.
 */
const FramingWords: ReadonlySet<string> = new Set(`remind reminder reminds reminding the owner user me my you your to a an of that please
  rappel rappeler rappelle rappelez le la les l au aux du de des d propriétaire proprietaire utilisateur moi me m s
  recordar recuerda recuérdale recuerdale recordatorio al el los las dueño dueno propietario usuario a de del que
  erinnere erinnern erinnerung den dem der die das besitzer eigentümer eigentuemer nutzer benutzer mich an zu
  ricorda ricordare promemoria il lo al proprietario utente di che
  lembrar lembre lembrete o ao os as dono proprietário usuário de do da que
  herinner herinnering eigenaar gebruiker om
  напомни напомнить владельцу пользователю
  with and at on in mit und um am avec et à con y com e met en`.split(/\s+/).filter((w) => w !== ""));

/** Words of a text: letters and digits, lower case. */
function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== ""));
}

/** Whether every token of the prompt is the owner's in `sentence` (see the header); the first one that is not, if any. */
/**
 * A German zu-infinitive without its "zu" ("anzurufen" → "anrufen", "einzukaufen" → "einkaufen"): "erinnere mich,
 * Mama anzurufen" is worded "Mama anrufen" in a reminder. Only forms of words the owner typed are added.
 */
function withoutZu(word: string): string[] {
  const out: string[] = [];
  for (let i = word.indexOf("zu", 2); i >= 2 && out.length < 2; i = word.indexOf("zu", i + 1)) if (word.length - i - 2 >= 3) out.push(word.slice(0, i) + word.slice(i + 2));
  return out;
}

/**
 * Japanese, Chinese and Korean write a reminder's words without spaces, or with endings on them ("提醒主人去游泳",
 * "オーナーに水泳に行くようリマインド", "수영 가기 알림"): the words that frame a reminder for the owner (`CjkFraming`) are taken
 * out, the rest cut into words (ICU's dictionary), and each must stand in the owner's sentence as typed (a grammatical
 * particle of its own aside; a Korean word also without its last particle or ending: "가기" of "가라고").
 */
const CjkFraming = ["ご主人", "主人", "オーナー", "ユーザー", "リマインダー", "リマインド", "お知らせ", "用户", "提醒", "리마인더", "리마인드", "알림", "주인님", "주인", "사용자"];
const CjkParticles = new Set(["に", "を", "は", "が", "の", "へ", "と", "で", "よう", "ように", "こと", "に対して", "的", "에", "를", "을", "은", "는", "이", "가", "에게", "께"]);
const HangulEnding = /(?:하기|기|를|을|은|는|이|가|에게|에|로|으로|도|와|과)$/u;
export const UnspacedWords = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
let cjkSegmenter: Intl.Segmenter | undefined;
function unspacedForeign(token: string, sentence: string): string | undefined {
  let rest = token;
  for (const f of CjkFraming) rest = rest.split(f).join(" ");
  cjkSegmenter ??= new Intl.Segmenter("ja", { granularity: "word" });
  for (const s of cjkSegmenter.segment(rest)) {
    const w = s.segment.toLowerCase();
    if (s.isWordLike !== true || CjkParticles.has(w) || sentence.includes(w)) continue;
    const stem = w.replace(HangulEnding, "");
    if (stem !== w && stem !== "" && sentence.includes(stem)) continue;
    return w;
  }
  return undefined;
}

export function foreignToken(prompt: string, sentence: string, brought: readonly string[] = []): string | undefined {
  const typed = wordsOf([sentence, ...brought].join("\n"));
  const ownText = [sentence, ...brought].join("\n").toLowerCase();
  const said = new Set([...typed, ...[...typed].flatMap(withoutZu)]);
  for (const raw of prompt.split(/\s+/)) {
    const token = raw.replace(/^[\s.,;:!?"“”«»()[\]¡¿。、，！？：；「」『』]+|[\s.,;:!?"“”«»()[\]。、，！？：；「」『』]+$/gu, "");
    if (token === "") continue;
    if (UnspacedWords.test(token) && /^[\p{L}\p{M}\p{N}'’。、，！？：；-]+$/u.test(token)) {
      const other = unspacedForeign(token, ownText);
      if (other !== undefined) return other;
    } else if (/^[\p{L}\p{N}'’-]+$/u.test(token)) {
      const words = token.toLowerCase().split(/['’-]+/).filter((w) => w !== "");
      const other = words.find((w) => !said.has(w) && !FramingWords.has(w));
      if (other !== undefined) return other;
    } else if (!typedWhole(token, sentence)) return token;
  }
  return undefined;
}

/** Words a reminder of the agent's offer may add beside the owner's: whose it is, and the day it falls on. */
const OfferFraming = `his her their its ses sa son leurs leur sus su tus tu mis mi seine ihre sein ihr seinen ihren suoi sue suo tuo tuoi
  seu sua seus suas zijn haar hun tomorrow today tonight morgen heute demain aujourd'hui soir mañana hoy noche domani oggi stasera amanhã
  hoje noite vandaag`;

/**
 * "I have a dentist appointment on 18 December at 10:15" — "Want me to remind you on 17 December at 18:00?" — "yes":
 * in a clean session, a reminder the model words from the owner's message and the offer the owner said yes to. Every
 * word of the prompt is the owner's, the offer's or a framing word (places typed whole by the owner only), and its
 * subject is the owner's: a word of it, not a day or a month, is a word of the owner's message ("dentist"). An offer of
 * the agent's own subject ("Good morning" — "Shall I remind you to stretch?") shares none.
 */
export function offerWorded(prompt: string, said: string, offer: string): boolean {
  if (foreignToken(prompt, said, [offer, OfferFraming]) !== undefined) return false;
  const own = wordsOf(said);
  const framing = wordsOf(OfferFraming);
  return [...wordsOf(prompt)].some((w) => w.length >= 3 && own.has(w) && !FramingWords.has(w) && !framing.has(w) && !/^\d/u.test(w) && !isMonthWord(w) && ownerDates(w, 0).length === 0);
}

/**
 * Whether a job prompt scheduled in this turn is the owner's own reminder; the binding, or why not (for notes).
 * `ignoreTaken`: the cron tool reading it again after the gate spent the request on this very call.
 */
export function ownerJobReading(request: Pick<GateRequest, "principal" | "ownerSession" | "flow">, prompt: string, ignoreTaken = false, schedule?: string): JobReading {
  const flow: Pick<FlowState, "turnText" | "turnAt" | "ownerActsTaken" | "composedTask" | "secretRead" | "promptSecret" | "sources" | "ownerHanded" | "handedTexts"> = request.flow;
  if (request.principal.kind !== "owner" || !request.ownerSession || flow.composedTask === true) return { note: "not the owner's own turn" };
  if (flow.secretRead || flow.promptSecret === true) return { note: "a secret is in this context" };
  const turn = flow.turnText;
  if (turn === undefined || turn.trim() === "" || RemindAct === undefined || prompt.trim() === "") return { note: "this turn was not started by a message of yours" };
  const taken = new Set(ignoreTaken ? [] : (flow.ownerActsTaken ?? []));
  const read = actRequests(turn, (w) => RemindAct.ownerVerbs.has(w) || ScheduleVerbs.has(w), RemindAct.stems);
  // "ok remind me Friday at 6pm" after the owner forwarded "dinner moved to 8pm": when every untrusted word of the
  // context is a message the owner forwarded or quoted, the reminder may be worded with that message's words (letters
  // and digits only: a place is still typed whole by the owner, and no act of the prompt goes unasked).
  const handed = new Set(flow.ownerHanded ?? []);
  const brought = flow.sources.length > 0 && flow.sources.every((s) => handed.has(s)) ? (flow.handedTexts ?? []) : [];
  const own = read.requests.length === 0 ? undefined : reminderBinding(read.requests, prompt, taken, "you", brought);
  // The owner's words bind the prompt; the time is still the owner's too (an interval or a day the page chose is not).
  const late = own?.binding !== undefined && schedule !== undefined ? scheduleShapeNotSaid(schedule, ownerInstruction(turn), flow.turnAt) : undefined;
  if (late !== undefined) return { note: `the job's prompt is your words, but not its time: ${late}` };
  if (own !== undefined && own.foreign !== true) return own;
  // Not the owner's words: the owner's reminder in the model's words, at the owner's time (owner-reminder.ts).
  const model = modelWordedReminder(ownerInstruction(turn), prompt, schedule, taken, flow.turnAt);
  if (model !== undefined) return model;
  return own ?? { note: read.rejected === undefined ? "your message does not ask for a reminder" : `your message does not ask for a reminder: ${read.rejected}` };
}

/**
 * More words by which the owner asks for a reminder, read only for a reminder the model words (its time still the
 * owner's): verb forms the remind act does not list ("ricordamelo", "напоминай"), and the thing asked for ("set a
 * reminder", "stell mir eine Erinnerung", "リマインダーを設定して") with a verb that makes one (a noun alone is no request:
 * "the reminder at 9 was useful").
 */
const ReminderVerbs: ReadonlySet<string> = new Set(`ricordamelo ricordatemi rappelle-le-moi rappelez-moi recuérdamelo recuerdamelo
  lembre-me lembra-me erinnert напоминай напомнить`.split(/\s+/u).filter((w) => w !== ""));
const ReminderNouns: ReadonlySet<string> = new Set(`reminder reminders alarm erinnerung erinnerungen wecker rappel alarme recordatorio
  alarma promemoria sveglia lembrete herinnering напоминание напоминалку`.split(/\s+/u).filter((w) => w !== ""));
const ReminderNounStems: readonly string[] = ["リマインダー", "アラーム", "闹钟", "리마인더"];
const MakesOne = /(?<![\p{L}])(?:set|create|add|make|put|schedule|stell|stelle|setz|setze|erstell|erstelle|mach|mache|leg|lege|mets|mettez|crée|créer|creer|ajoute|programme|pon|ponme|crea|créame|agrega|añade|programa|imposta|impostami|metti|aggiungi|põe|coloca|cria|adiciona|zet|maak|ustaw|поставь|создай|установи|сделай)(?![\p{L}])|設定|セット|作って|设置|設置|设个|定个|추가|설정|맞춰/iu;

/**
 * The owner's reminder in the model's words/**
 * The owner's reminder in the model's words (owner-reminder.ts): the first sentence of the owner's instruction that
 * asks for a reminder and of which the prompt is one, at a time the owner said; one job per sentence, as above.
 */
function modelWordedReminder(instruction: string, prompt: string, schedule: string | undefined, taken: ReadonlySet<string>, now: number | undefined): JobReading | undefined {
  if (RemindAct === undefined) return undefined;
  const read = actRequests(instruction, (w) => RemindAct.ownerVerbs.has(w) || ScheduleVerbs.has(w) || ReminderVerbs.has(w) || ReminderNouns.has(w), [...RemindAct.stems, ...ReminderNounStems]);
  let note: string | undefined;
  const noun = (w: string) => ReminderNouns.has(w.toLowerCase()) || ReminderNounStems.includes(w);
  for (const req of read.requests.filter((r) => !noun(r.word) || MakesOne.test(r.sentence.text))) {
    const why = notOwnerReminder(prompt, schedule, req.sentence.text, instruction, now);
    if (why !== undefined) {
      note ??= why;
      continue;
    }
    const key = `cron@${req.sentence.start}`;
    if (taken.has(key)) return { note: "the sentence that asked for it scheduled a job already in this turn (one job per request)" };
    return { binding: { key, sentence: req.sentence.text, modelWorded: true, why: `you asked for a reminder (“${req.word}”) at this time in this message; its words are the model's, so it is kept as this untrusted turn's job: each run is gated as this turn is, and it does nothing but remind you` } };
  }
  return note === undefined ? undefined : { note: `the job's words are the model's, and it is not the reminder you asked for: ${note}` };
}

/** A job prompt bound to a sentence that asks for it, or why not. */
export type JobReading = { binding: JobBinding; note?: never; foreign?: never } | { binding?: never; note: string; foreign?: true };

/**
 * A contact's reminder of their own, in their words: the contact (granted `cron` by the owner) asks in the message that
 * started this turn for a reminder to themselves ("every day at 9 remind me to bring the board game"), and the job's
 * prompt is bound to that sentence as the owner's reminder is (every word theirs, their own id standing for "me", no
 * act done but the reminder). The job runs as the contact, with their grants, gated on every run, and only while they
 * are paired (cron-runner.ts): it reaches no one they could not reach in a turn of their own.
 */
export function requesterJobReading(request: Pick<GateRequest, "principal" | "flow">, prompt: string): JobReading {
  const flow: Pick<FlowState, "requesterText" | "secretRead" | "promptSecret"> = request.flow;
  const self = senderOf(request.principal);
  const turn = flow.requesterText;
  if (request.principal.kind !== "contact" || self === undefined || turn === undefined || RemindAct === undefined) return { note: "not a contact's own turn" };
  if (flow.secretRead || flow.promptSecret === true) return { note: "a secret is in this context" };
  // Their own id in the prompt is who the reminder is for: the "me" of their sentence.
  const own = prompt.replace(new RegExp(`(?<![\\p{L}\\p{N}_.@-])@?${escapeRegExp(self)}(?![\\p{L}\\p{N}_@-]|\\.\\w)`, "giu"), "me");
  const forSelf = actRequests(turn, (w) => RemindAct.ownerVerbs.has(w), RemindAct.stems).requests.filter((r) => SelfObjects.test(actClause(r)) || SelfObjects.test(r.word));
  if (forSelf.length === 0 || own.trim() === "") return { note: "their message does not ask for a reminder to themselves" };
  return reminderBinding(forSelf, own, new Set(), "they");
}

/** Who a reminder is for when it is the requester's own: "remind me", "erinnere mich", "rappelle-moi", "recuérdame". */
const SelfObjects = /(?:^\s*(?:me|mich|mir|moi|mi|mij|мне|меня)(?![\p{L}\p{N}])|-moi$|-me$|(?<=\p{L})(?:me|melo|mi)$)/iu;

/** The prompt bound to the first of `requests` (sentences asking for a reminder) whose words it keeps to. */
function reminderBinding(requests: readonly ActRequest[], prompt: string, taken: ReadonlySet<string>, who: "you" | "they", brought: readonly string[] = []): JobReading {
  let spent = false;
  let foreign: string | undefined;
  for (const req of requests) {
    const other = foreignToken(prompt, req.sentence.text, brought);
    if (other !== undefined) {
      foreign ??= other;
      continue;
    }
    // "Remind me to pay Kern" asks for a message to the owner, not for the payment (owner-when.ts): a prompt that does
    // an act itself needs the sentence to ask for that act to be done.
    const acting = RequestedActs.find((a) => a.id !== "remind" && asksForAct(a, prompt) && !asksForAct(a, req.sentence.text));
    if (acting !== undefined) return { note: `the job's prompt does ${acting.what} itself, and ${who} asked only to be reminded of it (“${req.sentence.text.trim().slice(0, 120)}”)` };
    const key = `cron@${req.sentence.start}`;
    if (taken.has(key)) {
      spent = true;
      continue;
    }
    const fromForward = brought.length > 0 && foreignToken(prompt, req.sentence.text) !== undefined;
    const why = who === "you"
      ? `you asked for a reminder (“${req.word}”) in this message and every word of the job's prompt is yours from that sentence${fromForward ? " or from the message you forwarded" : ""}; one job per request`
      : `they asked for a reminder to themselves (“${req.word}”) in their message, and every word of the job's prompt is theirs from that sentence; the job runs as them, with their grants, on every run`;
    return { binding: { key, sentence: req.sentence.text, why } };
  }
  if (spent) return { note: "the sentence that asked for it scheduled a job already in this turn (one job per request)" };
  return { foreign: true, note: `the job's prompt holds \`${(foreign ?? "").slice(0, 60)}\`, which ${who} did not type in the sentence that asks for the reminder` };
}

/**
 * The owner's own removal of a job, asked for in an untrusted turn: after reading a page, "delete the pill reminder",
 * "Lösch die Tabletten-Erinnerung", "cancel the pills reminder please". Text the turn read could choose which job stops
 * (`taint.cron_remove`); the owner's sentence chooses instead when:
 *  - the owner's message that started this turn (its instruction, not what it pastes, not a bare "yes" to the model's
 *    proposal) asks to delete, cancel or stop something, as a request (the sentence reader of naming.ts);
 *  - the message picks the removed job: a word of it (not a framing word, not part of a link or a path) is a word of
 *    that job's prompt and of no other job of the session ("pills" ~ "pills", "pill"), and either no other job shares a
 *    word of the message, or that word is in what the removal acts on ("delete the pill and the plants reminders");
 *    or, when no job shares a word with it (the owner asks in another language than the job was set in), the sentence
 *    names a reminder or a job ("Erinnerung", "rappel") and the session has that one job only;
 *  - one job per word the owner typed, once (`FlowState.ownerActsTaken`): each removal spends the words that picked its
 *    job; a further removal in the same turn needs a word of its own in what the removal acts on, never the fallback
 *    of the one job left (removing one job leaves the other alone in the session, which picks nothing).
 * A job's own run (a composed task) never removes a job by this reading.
 */
export function ownerRemovalReading(request: Pick<GateRequest, "principal" | "ownerSession" | "flow">, removed: string | undefined, others: readonly string[]): JobReading {
  const flow: Pick<FlowState, "turnText" | "composedTask" | "ownerActsTaken"> = request.flow;
  if (request.principal.kind !== "owner" || !request.ownerSession || flow.composedTask === true) return { note: "not the owner's own turn" };
  const turn = flow.turnText === undefined ? "" : ownerInstruction(flow.turnText);
  if (turn.trim() === "" || removed === undefined) return { note: removed === undefined ? "no such job in this session" : "this turn was not started by a message of yours" };
  const read = actRequests(turn, (w) => RemoveJobVerbs.has(w), RemoveJobStems);
  // "I finished the pills, delete that reminder": a clause of its own that opens with the verb is the request.
  const req = read.requests[0] ?? clauseRequest(turn);
  if (req === undefined) return { note: read.rejected === undefined ? "your message does not ask to delete or stop a job" : `your message does not ask to delete or stop a job: ${read.rejected}` };
  const said = pickingWords(turn);
  const names = (prompt: string, s: string) => [...wordsOf(prompt)].some((w) => w.length >= 3 && !FramingWords.has(w) && sameWord(s, w));
  const picking = said.filter((s) => names(removed, s));
  const own = picking.filter((s) => !others.some((p) => names(p, s)));
  const rivals = others.filter((p) => said.some((s) => names(p, s))).length;
  const object = new Set(pickingWords(removalObject(req)));
  // Removals this sentence made already in this turn, and the words each spent (none: the one job left).
  const prefix = `cron-remove@${req.sentence.start}`;
  const earlier = (flow.ownerActsTaken ?? []).filter((k) => k === prefix || k.startsWith(`${prefix}:`)).map((k) => k.slice(prefix.length + 1).split(",").filter((w) => w !== ""));
  const spent = new Set(earlier.flat());
  const quoted = `“${req.sentence.text.trim().slice(0, 120)}”`;
  if (earlier.some((ws) => ws.length === 0)) return { note: `your words (${quoted}) removed the one job of this session already in this turn (one job per request)` };
  const word = own.find((s) => !spent.has(s) && (earlier.length === 0 && rivals === 0 ? true : object.has(s)));
  const key = `${prefix}:${picking.join(",")}`;
  if (word !== undefined) return { binding: { key, sentence: req.sentence.text, why: `you asked to delete it (${quoted}), and “${word}” names this job and no other of this session; each job your words pick is removed once` } };
  if (picking.length === 0 && others.length === 0 && earlier.length === 0 && namesJob(req.sentence.text)) return { binding: { key: prefix, sentence: req.sentence.text, why: `you asked to delete a reminder (${quoted}), and it is the only job of this session` } };
  if (earlier.length > 0) return { note: `your words (${quoted}) picked ${earlier.length === 1 ? "a job" : `${earlier.length} jobs`} already in this turn, and no word of what you asked to delete names this one as well (one job per word you typed)` };
  return { note: own.length === 0 && picking.length > 0 ? `your words (${quoted}) fit more than one job of this session` : rivals > 0 ? `your words (${quoted}) pick another job of this session` : `your words (${quoted}) do not pick this job` };
}

/** The owner's words that can pick a job: at least three letters, not a framing word, verb or job noun, not in a link or a path. */
function pickingWords(text: string): string[] {
  const plain = text.split(/\s+/).filter((t) => !/[/\\@]|^[\p{L}\p{N}-]+\.[\p{L}]{2,}/u.test(t)).join(" ");
  return [...wordsOf(plain)].filter((w) => w.length >= 3 && !FramingWords.has(w) && !RemoveJobVerbs.has(w) && !JobNouns.has(w));
}

/**
 * What a removal acts on: its sentence from the verb on ("delete the pill and the plants reminders"), or, for a verb
 * found as a stem (Japanese, Chinese, Korean: the object comes first), the clause that holds the verb.
 */
function removalObject(req: ActRequest): string {
  const text = req.sentence.text;
  const lower = text.toLowerCase();
  const at = req.at;
  const from = at >= 0 && at < text.length && lower.startsWith(req.word.toLowerCase(), at) ? at : lower.search(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(req.word.toLowerCase())}`, "u"));
  if (from >= 0 && /[\p{L}]/u.test(req.word) && !RemoveJobStems.includes(req.word)) return text.slice(from);
  const clauses = text.split(/[、。，,;；]/u);
  return clauses.find((c) => RemoveJobStems.some((s) => c.includes(s))) ?? text;
}

/** Verbs that ask to delete, cancel or stop a job, in the languages the reminder readers know. */
const RemoveJobVerbs: ReadonlySet<string> = new Set(`${[...(RequestedActs.find((c) => c.id === "delete")?.ownerVerbs ?? [])].join(" ")}
  cancel drop disable unschedule lösch loesch lösche streiche storniere deaktiviere annule annuler annulez arrête arrete arrêter arreter
  désactive desactive cancela cancelar anula anular detén deten desactiva annulla ferma disattiva cancele desative desativa annuleer
  отмени отменить убери`.split(/\s+/).filter((w) => w !== ""));
const RemoveJobStems: readonly string[] = [...(RequestedActs.find((c) => c.id === "delete")?.stems ?? []), "止めて", "やめて", "取り消", "取消", "停止", "취소"];

/** Nouns that name a reminder or a scheduled job, in the same languages (and CJK, as substrings). */
const JobNouns: ReadonlySet<string> = new Set(`reminder reminders job jobs alarm alarms schedule cron task tasks
  erinnerung erinnerungen wecker aufgabe aufgaben job rappel rappels alarme tâche tache tâches taches
  recordatorio recordatorios alarma tarea tareas promemoria promemorie sveglia lembrete lembretes alarme tarefa
  herinnering herinneringen wekker taak напоминание напоминания задачу задача`.split(/\s+/).filter((w) => w !== ""));
const JobNounStems = ["リマインダー", "リマインド", "アラーム", "提醒", "闹钟", "알림", "리마인더"];

/** Clauses tried on their own (bounded): the first that opens with a removal verb and reads as a request. */
const MaxClauses = 8;
const ClauseLeads = new Set(["please", "pls", "just", "then", "so", "now", "and", "bitte", "dann", "alors", "puis", "et", "y", "e", "por", "favor"]);
function clauseRequest(turn: string): ActRequest | undefined {
  let start = 0;
  for (const clause of turn.split(/(?<=[,;])/u).slice(0, MaxClauses)) {
    const at = start;
    start += clause.length;
    const words = clause.toLowerCase().split(/[^\p{L}\p{N}'’-]+/u).filter((w) => w !== "");
    const lead = words.find((w) => !ClauseLeads.has(w));
    if (lead === undefined || !RemoveJobVerbs.has(lead)) continue;
    // Read from the clause on, so a later "no, keep it" still takes it back.
    const req = actRequests(turn.slice(at), (w) => RemoveJobVerbs.has(w), []).requests[0];
    if (req !== undefined && req.sentence.start === 0) return { ...req, sentence: { start: at, text: req.sentence.text } };
  }
  return undefined;
}

function namesJob(sentence: string): boolean {
  return [...wordsOf(sentence)].some((w) => JobNouns.has(w)) || JobNounStems.some((s) => sentence.includes(s));
}

/** One word and its inflection: equal, or one the other's start, four letters at least ("pill", "pills"). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short) && long.length - short.length <= 2;
}

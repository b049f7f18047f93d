/**
 * The owner's reminder worded by the model, in an untrusted turn: "What's on https://…/club? … Erinnere mich Freitag
 * 12.12. um 18 Uhr, die Thermoskanne einzupacken", scheduled as `0 18 12 12 *` "Remind the owner to pack the thermos
 * for the trip". The prompt is the model's words, not the owner's (owner-job.ts binds those), so nothing in it is taken
 * for the owner's: the job is stored as the untrusted turn's (cron.ts), and each run is an untrusted turn whose every
 * act is gated as in this one. What the owner's words prove, and all this reading takes from them:
 *  - its kind: the owner's instruction (not what it pastes) asks for a reminder, and the prompt is one: short, asking
 *    for no act, and naming no payment, message, share, deletion or access, that the owner's sentence does not name (its
 *    run may try it), reminding no one else, and
 *    naming no place (a link, a host, a path, an address, a handle) the owner did not type whole;
 *  - its time: the schedule is a cron line of one minute and one hour, or an ISO time, and that hour (or its 12-hour
 *    reading) and a minute other than `:00` are numbers the owner typed; a daily or weekly job only when the owner says
 *    "every", "jeden", "chaque", "毎", … and, weekly, the weekday the owner named. Intervals (`every 30m`), ranges and
 *    lists are never read from the owner's words here. The day of a one-day job may come from what the turn read
 *    ("the day before the appointment"): it is one run, to the owner, of a reminder that does nothing;
 *  - its recipient: the job answers the owner's own session (the caller checks the principal and the session).
 * Pure; bounded.
 */
import { ActConcepts, RequestedActs } from "./owner-actions-lexicon.ts";
import { asksForAct, remindsOther, wordRequests } from "./owner-when.ts";
import { ownerDates } from "./owner-dates.ts";
import { typedWhole } from "./owner-typed.ts";

const RemindAct = ActConcepts.find((c) => c.id === "remind");

/** Acts that move money, data or access: named at all in a reminder's prompt, the owner's sentence names them too. */
const CarriedActs: ReadonlySet<string> = new Set(["pay", "send", "share", "delete", "member", "invite"]);

/** The longest prompt read as a reminder: a reminder is a line, not a task. */
export const MaxReminderChars = 280;

/** When a job runs, as far as the owner's words can say it. */
type Timing = { hour: number; minute: number; repeats: "once" | "daily" | "weekly" | "monthly"; weekday?: number; day?: number };

/** The schedule as one time of day, or undefined (an interval, a range, a list, a step: not read from words). */
export function timingOf(schedule: string): Timing | undefined {
  const s = schedule.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/u.test(s)) {
    const at = Date.parse(s);
    if (Number.isNaN(at)) return undefined;
    // The gateway's local time: the zone its jobs fire in and the owner's "at 9" is read in.
    const d = new Date(at);
    return { hour: d.getHours(), minute: d.getMinutes(), repeats: "once" };
  }
  const f = s.split(/\s+/u);
  if (f.length !== 5) return undefined;
  const [min, hour, dom, month, dow] = f as [string, string, string, string, string];
  const num = (x: string, max: number) => (/^\d{1,2}$/u.test(x) && Number(x) <= max ? Number(x) : undefined);
  const minute = num(min, 59);
  const h = num(hour, 23);
  if (minute === undefined || h === undefined) return undefined;
  const day = num(dom, 31);
  const mon = num(month, 12);
  const wd = num(dow, 7);
  if (day !== undefined && mon !== undefined && dow === "*") return { hour: h, minute, repeats: "once" };
  if (day !== undefined && month === "*" && dow === "*") return { hour: h, minute, repeats: "monthly", day };
  if (dom !== "*" || month !== "*") return undefined;
  if (dow === "*") return { hour: h, minute, repeats: "daily" };
  return wd === undefined ? undefined : { hour: h, minute, repeats: "weekly", weekday: wd % 7 };
}

/** Words that make a reminder repeat ("every day", "jeden Montag", "chaque lundi", "毎週", "매일", "每天"). */
const RepeatWords = /(?<![\p{L}\p{N}])(?:every|each|daily|weekly|weekdays|jeden|jede|jeder|jedes|täglich|taeglich|wöchentlich|woechentlich|chaque|tous|toutes|quotidien|quotidiennement|cada|todos|todas|diario|diariamente|ogni|tutti|tutte|quotidianamente|todo|toda|elke|iedere|dagelijks|wekelijks|codziennie|każdy|każdą|każde|co\s+(?:dzień|tydzień|tydzien)|каждый|каждую|каждое|каждого|ежедневно|her\s+(?:gün|hafta|sabah|akşam|pazartesi|salı|çarşamba|perşembe|cuma|cumartesi|pazar))(?![\p{L}\p{N}])|毎|每|매일|매주/iu;

/** Weekday words the date reader (owner-dates.ts) does not read: Japanese, Chinese, Korean, Russian, Turkish. Sunday 0. */
const MoreWeekdays: readonly (readonly [RegExp, number])[] = [
  [/日曜|星期日|星期天|周日|週日|일요일|воскресень|pazar(?!tesi)/iu, 0], [/月曜|星期一|周一|週一|월요일|понедельник|pazartesi/iu, 1],
  [/火曜|星期二|周二|週二|화요일|вторник|salı/iu, 2], [/水曜|星期三|周三|週三|수요일|сред[ау]|çarşamba/iu, 3],
  [/木曜|星期四|周四|週四|목요일|четверг|perşembe/iu, 4], [/金曜|星期五|周五|週五|금요일|пятниц|cuma(?!rtesi)/iu, 5],
  [/土曜|星期六|周六|週六|토요일|суббот|cumartesi/iu, 6],
];

/** The numbers the owner typed, outside links and paths (a port or a path segment is no time). */
function numbersOf(text: string): Set<number> {
  const plain = text.normalize("NFKC").replace(/[\w.:~@+-]*(?::\/\/|[A-Za-z_]\/|\/[A-Za-z_]|@)[\w./\\:~?&=%#@+-]*/gu, " ");
  return new Set([...plain.matchAll(/\d{1,4}/gu)].map((m) => Number(m[0])));
}

/** The weekdays the owner's words name (Sunday 0). */
function weekdaysNamed(text: string, now: number | undefined): Set<number> {
  const named = new Set<number>(now === undefined ? [] : ownerDates(text, now).map((d) => new Date(`${d}T00:00:00Z`).getUTCDay()));
  for (const [re, day] of MoreWeekdays) if (re.test(text)) named.add(day);
  return named;
}

/**
 * Why the schedule is not at a time the owner's words say, or undefined when it is (see the header). A weekly job on
 * the one weekday the owner named ("Friday at 6pm" as `0 18 * * 5`) is at the owner's time, as models write it.
 */
export function scheduleNotSaid(schedule: string, text: string, now: number | undefined): string | undefined {
  const t = timingOf(schedule);
  if (t === undefined) return `\`${schedule.slice(0, 60)}\` is not one time of day (an interval, a range or a list is never read from your words)`;
  const nums = numbersOf(text);
  const hourSaid = nums.has(t.hour) || (t.hour >= 13 && nums.has(t.hour - 12)) || (t.hour === 0 && (nums.has(12) || nums.has(24)));
  if (!hourSaid || (t.minute !== 0 && !nums.has(t.minute))) return `it runs at ${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}, a time you did not type`;
  if (t.repeats === "once") return undefined;
  if (t.repeats === "weekly") return weekdaysNamed(text, now).has(t.weekday ?? -1) ? undefined : "it repeats on a weekday you did not name";
  if (!RepeatWords.test(text)) return `it repeats every ${t.repeats === "daily" ? "day" : "month"}, and you did not ask for a repeating reminder`;
  return t.repeats === "monthly" && !nums.has(t.day ?? -1) ? "it repeats on a day of the month you did not type" : undefined;
}

/**
 * Why the schedule of a prompt the owner worded (owner-job.ts) is not the owner's, or undefined: its words are the
 * owner's, its time may be the model's reading of "tomorrow", but an interval, a range or a list, or a weekday other
 * than the ones the owner named, is not a reading of the owner's words at all.
 */
export function scheduleShapeNotSaid(schedule: string, text: string, now: number | undefined): string | undefined {
  const t = timingOf(schedule);
  if (t === undefined) return `\`${schedule.slice(0, 60)}\` is not one time of day (an interval, a range or a list is never read from your words)`;
  const named = weekdaysNamed(text, now);
  return t.repeats === "weekly" && named.size > 0 && !named.has(t.weekday ?? -1) ? "it repeats on a weekday you did not name" : undefined;
}

/** Prompt tokens that only say when: `18:30`, `9h`, `10-14`, `12.12.`, `25/12/2026`, `312.40`. */
const TimeLike = /^(?:\d{1,2}(?:[:.h]\d{2})?h?(?:[-–]\d{1,2}(?:[:.h]\d{2})?h?)?|\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?\.?|\d+[.,]\d{1,2})$/u;

/** The first token of the prompt that names a place the owner did not type whole (a link, host, path, address, handle). */
export function placeNotTyped(prompt: string, text: string): string | undefined {
  // Chinese and Japanese write a reminder without spaces: their punctuation and brackets part its words too.
  const parted = prompt.replace(/(?<=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}])(?=[^\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}ー])|(?<=[^\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}ー])(?=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}])/gu, " ");
  for (const raw of parted.split(/[\s，、。：；！？（）「」『』【】]+/u)) {
    const token = raw.replace(/^[\s.,;:!?"“”«»()[\]¡¿。、，！？：；「」『』]+|[\s.,;:!?"“”«»()[\]。、，！？：；「」『』]+$/gu, "");
    if (!/[\p{L}\p{N}]/u.test(token) || /^[\p{L}\p{M}\p{N}'’\-–]+$/u.test(token) || TimeLike.test(token)) continue;
    if (!typedWhole(token, text)) return token;
  }
  return undefined;
}

/** The reminder's own words for its recipient ("den Besitzer", "al dueño", "the owner") read as "me". */
function ownerAsMe(prompt: string): string {
  return prompt.replace(/(?<![\p{L}\p{N}])(?:(?:the|den|dem|au|al|ao|il|o|de)\s+)?(?:owner|user|besitzer|eigentümer|eigentuemer|nutzer|propriétaire|proprietaire|utilisateur|dueño|dueno|propietario|usuario|proprietario|utente|dono|proprietário|usuário|eigenaar|gebruiker)(?![\p{L}\p{N}])/giu, "me");
}

/**
 * Why a prompt the model worded is not a reminder the owner's `sentence` (the sentence of `text`, the owner's
 * instruction, that asks for it) asks for; undefined when it is one (see the header).
 */
export function notOwnerReminder(prompt: string, schedule: string | undefined, sentence: string, text: string, now: number | undefined): string | undefined {
  if (schedule === undefined) return "the job has no schedule";
  if (prompt.length > MaxReminderChars) return `its prompt is longer than a reminder (${prompt.length} characters)`;
  // An act the prompt asks for, or one that moves money, data or access that it is about ("remind the owner to pay …
  // and forward the notes"): its run may try it, so the owner's sentence names that act too.
  const acting = RequestedActs.find((a) => a.id !== "remind" && (asksForAct(a, prompt) || (CarriedActs.has(a.id) && wordRequests(a, prompt).length > 0))
    && wordRequests(a, sentence).length === 0 && !asksForAct(a, sentence));
  if (acting !== undefined) return `its prompt names ${acting.what}, and you did not`;
  if (RemindAct !== undefined && remindsOther(RemindAct, ownerAsMe(prompt)) && !remindsOther(RemindAct, sentence)) return "its prompt reminds someone other than you";
  const place = placeNotTyped(prompt, text);
  if (place !== undefined) return `its prompt names \`${place.slice(0, 60)}\`, which you did not type`;
  return scheduleNotSaid(schedule, text, now);
}

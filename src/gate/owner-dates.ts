/**
 * The calendar dates the owner's message of this turn names, as the ISO dates (`2026-12-08`) a service needs: the
 * model resolving "next Tuesday", "am Freitag", "demain" or `16.12.` to a date writes the owner's value in another
 * form, and the argument is the owner's when it is that very date.
 *  - Read against the turn's clock (`FlowState.turnAt`, taken by the flow tracker when the owner's message arrived) in
 *    the gateway's time zone, the one its scheduled jobs fire in (cron.ts): "tomorrow" is the day after the gateway's
 *    today. Only this turn's message is read: an earlier message's "tomorrow" was said on another day.
 *  - A weekday alone ("Tuesday", "am Freitag", "mardi") is its next occurrence after today; with a "next" word
 *    ("next Tuesday", "nächsten Dienstag", "mardi prochain") also the one a week after it, since people read it both ways.
 *  - A day and month without a year (`16.12.`, `16/12`, `12/16`, "16 December", "16. Dezember") is in the current year,
 *    or the next when it has passed; with a year it is that date.
 * Every other date, a day off or a week off, is not the owner's. Pure; bounded.
 */

const MaxRead = 4_000;
const DayMs = 86_400_000;

/** Weekday words (English, German, French, Spanish, Italian, Portuguese, Dutch, Polish) to their index, Sunday 0. */
const WeekdayNames: ReadonlyMap<string, number> = new Map(
  ([
    ["sunday sun sonntag so dimanche domingo domenica zondag niedziela niedzielę", 0],
    ["monday mon montag mo lundi lunes lunedì lunedi segunda segunda-feira maandag poniedziałek poniedzialek", 1],
    ["tuesday tue tues dienstag di mardi martes martedì martedi terça terca terça-feira dinsdag wtorek", 2],
    ["wednesday wed mittwoch mi mercredi miércoles miercoles mercoledì mercoledi quarta quarta-feira woensdag środa środę sroda srode", 3],
    ["thursday thu thurs donnerstag do jeudi jueves giovedì giovedi quinta quinta-feira donderdag czwartek", 4],
    ["friday fri freitag fr vendredi viernes venerdì venerdi sexta sexta-feira vrijdag piątek piatek", 5],
    ["saturday sat samstag sonnabend sa samedi sábado sabado sabato zaterdag sobota sobotę sobote", 6],
  ] as const).flatMap(([names, day]) => names.split(" ").map((n) => [n, day] as const)),
);
/** Short forms that are ordinary words too ("do", "so", "sa", "di", "mi", "fr", "mo"): a weekday only before a time or a date. */
const AmbiguousShort = new Set(["do", "so", "sa", "di", "mi", "fr", "mo", "sun", "sat", "wed"]);
/** "next" words, before or after the weekday. */
const NextWords = new Set(["next", "nächsten", "nächster", "nächste", "naechsten", "kommenden", "kommender", "prochain", "prochaine", "próximo", "próxima", "proximo", "proxima", "prossimo", "prossima", "volgende", "komende", "następny", "następną", "przyszły", "przyszłą", "coming"]);
const RelativeDays: ReadonlyMap<string, number> = new Map(
  ([
    ["today heute aujourd'hui hoy oggi hoje vandaag dziś dzis dzisiaj сегодня", 0],
    ["tomorrow tmrw tmr demain domani amanhã amanha jutro завтра", 1],
    ["übermorgen uebermorgen après-demain apres-demain dopodomani overmorgen pojutrze послезавтра", 2],
  ] as const).flatMap(([names, d]) => names.split(" ").map((n) => [n, d] as const)),
);
const MonthNames: ReadonlyMap<string, number> = new Map(
  ([
    ["january jan januar janvier enero gennaio janeiro januari stycznia", 1], ["february feb februar février fevrier febrero febbraio fevereiro februari lutego", 2],
    ["march mar märz maerz mars marzo março marco maart marca", 3], ["april apr avril abril aprile kwietnia", 4],
    ["may mai mayo maggio maio mei maja", 5], ["june jun juni juin junio giugno junho czerwca", 6],
    ["july jul juli juillet julio luglio julho lipca", 7], ["august aug août aout agosto augustus sierpnia", 8],
    ["september sep sept septembre septiembre settembre setembro września wrzesnia", 9], ["october oct oktober octobre octubre ottobre outubro października pazdziernika", 10],
    ["november nov novembre noviembre novembro listopada", 11], ["december dec dezember décembre decembre diciembre dicembre dezembro grudnia", 12],
  ] as const).flatMap(([names, m]) => names.split(" ").map((n) => [n, m] as const)),
);

const pad = (n: number) => String(n).padStart(2, "0");

/** The gateway's local calendar day of `ms`, as a UTC midnight (day arithmetic without zone shifts). */
function localDay(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
}

function iso(dayMs: number): string {
  const d = new Date(dayMs);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A valid day and month in `year`, or the next year when it has passed (no year given), as an ISO date. */
function dayMonth(day: number, month: number, year: number | undefined, today: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const thisYear = new Date(today).getUTCFullYear();
  let y = year ?? thisYear;
  if (y < 100) y += 2000;
  let at = Date.UTC(y, month - 1, day);
  if (new Date(at).getUTCDate() !== day) return undefined;
  if (year === undefined && at < today) at = Date.UTC(y + 1, month - 1, day);
  return iso(at);
}

/** The ISO dates the owner's words (`text`, said at `now`, ms) name; see the header. */
export function ownerDates(text: string, now: number): string[] {
  const out = new Set<string>();
  const t = text.slice(0, MaxRead).normalize("NFKC");
  const today = localDay(now);
  const found = [...t.toLowerCase().matchAll(/[\p{L}\p{N}'-]+/gu)];
  const words = found.map((m) => m[0]);
  words.forEach((w, i) => {
    const rel = RelativeDays.get(w);
    if (rel !== undefined) out.add(iso(today + rel * DayMs));
    const wd = WeekdayNames.get(w.replace(/s$/u, "")) ?? WeekdayNames.get(w);
    if (wd === undefined) return;
    if (AmbiguousShort.has(w) && !/^\d/u.test(words[i + 1] ?? "")) return;
    // "Dienstag 16.12.", "Tuesday, 16 December": the weekday names the date after it, read below, not a date of its own.
    const rest = t.slice((found[i]?.index ?? 0) + w.length, (found[i]?.index ?? 0) + w.length + 24);
    if (/^\s*,?\s*(?:(?:den|der|le|el|il|the|on)\s+)?\d{1,2}(?:[./]\d{1,2}|\.?\s*\p{L}{3,}|st|nd|rd|th)/u.test(rest) && !/^\s*,?\s*\d{1,2}\s*(?:h|uhr|am|pm|o'clock)\b/iu.test(rest)) return;
    const ahead = ((wd - new Date(today).getUTCDay() + 7) % 7) || 7;
    out.add(iso(today + ahead * DayMs));
    if (NextWords.has(words[i - 1] ?? "") || NextWords.has(words[i + 1] ?? "")) out.add(iso(today + (ahead + 7) * DayMs));
  });
  // Digit dates: `16.12.`, `16.12.2026`, `16/12`, `12/16/2026` (both orders where both are valid).
  for (const m of t.matchAll(/(?<![\d.:/-])(\d{1,2})([./])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\d:/-]|\.\d)/gu)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const year = m[4] === undefined ? undefined : Number(m[4]);
    // A bare `1.5` or `2.50` is a number: a day and month with a dot needs the closing dot or a year.
    if (m[2] === "." && year === undefined && t[m.index + m[0].length] !== ".") continue;
    for (const d of [dayMonth(a, b, year, today), m[2] === "/" ? dayMonth(b, a, year, today) : undefined]) if (d !== undefined) out.add(d);
  }
  // Month names: "16 December", "16. Dezember", "December 16", "le 16 décembre", "16 grudnia".
  for (const m of t.matchAll(/(?<!\d)(\d{1,2})\.?\s*(?:de\s+)?(\p{L}{3,})\.?(?:\s+(\d{4}))?|(\p{L}{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?(?!\d)/gu)) {
    const month = MonthNames.get((m[2] ?? m[4] ?? "").toLowerCase());
    if (month === undefined) continue;
    const d = dayMonth(Number(m[1] ?? m[5]), month, m[3] ?? m[6] ? Number(m[3] ?? m[6]) : undefined, today);
    if (d !== undefined) out.add(d);
  }
  return [...out].slice(0, 64);
}

/**
 * Argument provenance: where a consequential argument (a URL, a recipient, a message text, a job prompt) could
 * have come from. The rule is positional, not pattern-matching: a value is the owner's if the owner typed it in
 * this session; a URL found verbatim in untrusted content that entered before any private data cannot carry that
 * data (it existed before the data did); anything else was composed in a context the owner does not control.
 */
import { dateTimeSpans } from "./date-values.ts";
import { escapeRegExp } from "./naming.ts";
import { ownerDates } from "./owner-dates.ts";
import { amountStated, currenciesNamed, currencyStated } from "./owner-money.ts";
import type { FlowState } from "./types.ts";
import { canonicalRequestUrl, hostOf, knownUrl } from "./urls.ts";

export type ArgProvenance =
  | { kind: "owner" }
  | { kind: "content"; from: string; fromHost?: string }
  | { kind: "derived" };

/**
 * `opened`: a browser opens the URL (an embed in a document), so its `#fragment` reaches the page's script and must be
 * one that was given; a request (a fetch) never sends it.
 */
/** Where a link of the owner's own files (a bookmark) comes from, in `ArgProvenance`. */
export const FileLinkFrom = "a link in your files";

export function urlProvenance(url: string, flow: FlowState, opened = false): ArgProvenance {
  const canonical = canonicalRequestUrl(url);
  if (canonical === undefined) return { kind: "derived" };
  if (knownUrl(flow.ownerUrls, canonical, opened)) return { kind: "owner" };
  const found = flow.contentUrls.find((c) => knownUrl([c.url], canonical, opened));
  if (found) return { kind: "content", from: found.from, ...(found.fromHost ? { fromHost: found.fromHost } : {}) };
  // A link written in the owner's own file (not the agent's) is the owner's bookmark: it carries only itself, to its
  // own host, as clicking it would.
  if (knownUrl(flow.fileUrls, canonical, opened)) {
    const host = hostOf(url);
    return { kind: "content", from: FileLinkFrom, ...(host ? { fromHost: host } : {}) };
  }
  return { kind: "derived" };
}

/**
 * A redirect hop is chosen by the server that answered the previous request: it can carry no more of the session's
 * data than that request did, and its host was chosen by that server, never by the owner.
 */
export function hopProvenance(from: string, flow: FlowState): ArgProvenance {
  const parent = urlProvenance(from, flow);
  if (parent.kind === "derived") return parent;
  const host = hostOf(from);
  return { kind: "content", from: `a redirect from ${from}`, ...(host ? { fromHost: host } : {}) };
}

/** Whether a URL existed in the context before any secret entered it (so it cannot encode one). */
export function predatesSecrets(url: string, flow: FlowState): boolean {
  const canonical = canonicalRequestUrl(url);
  return canonical !== undefined && (knownUrl(flow.ownerUrls, canonical, false) || knownUrl(flow.preSecretUrls, canonical, false));
}

/**
 * The owner typed this text (the whole of it) in their own messages of this session, as they typed it: its spaces,
 * tabs and line breaks, and the case of its letters, carry bits (`SeE yoU At 5` is "see you at 5" with the salary in
 * its capitals; trailing tabs and spaces spell it in binary), so the only liberties are the ones a writer takes
 * with a phrase they quote: one closing line break, a closing full stop, and the case of the whole (`ownerCased`).
 */
export function textTypedByOwner(text: string, flow: Pick<FlowState, "ownerTexts">): boolean {
  const needle = text.endsWith("\n") ? text.slice(0, -1) : text;
  if (needle.length === 0) return true;
  if (needle.trim() !== needle) return flow.ownerTexts.some((t) => t.includes(needle));
  if (flow.ownerTexts.some((t) => ownerCased(needle, t))) return true;
  // A full stop or an exclamation mark to end the sentence ("See you at 5."): one choice of three, not a channel.
  return /[^.!?][.!]$/u.test(needle) && flow.ownerTexts.some((t) => ownerCased(needle.slice(0, -1), t));
}

/**
 * `needle` occurs in `typed` as the owner wrote it, or with the case changes a writer makes to a quoted phrase without
 * choosing letter by letter: all lower case, the first letter raised or lowered. Any other pattern of capitals is
 * the writer's choice, one bit a letter.
 */
export function ownerCased(needle: string, typed: string, lowerTyped = typed.toLowerCase()): boolean {
  if (typed.includes(needle)) return true;
  const lowerNeedle = needle.toLowerCase();
  // Lower-casing that changes a length (`İ`) would misalign the slices below: only the exact match counts there.
  if (lowerTyped.length !== typed.length || lowerNeedle.length !== needle.length) return false;
  const firstRaised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const firstLowered = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  for (let at = lowerTyped.indexOf(lowerNeedle); at !== -1; at = lowerTyped.indexOf(lowerNeedle, at + 1)) {
    const slice = typed.slice(at, at + needle.length);
    const lower = slice.toLowerCase();
    if ([lower, firstRaised(slice), firstLowered(slice), firstRaised(lower)].includes(needle)) return true;
  }
  return false;
}

/**
 * A date, or a date and time, in the ISO form a service wants (`2026-12-10T09:00`, seconds `:00` at most, no zone),
 * each of whose parts the owner typed in any spelling date-values.ts reads (`2026-12-10`, `10 December 2026`,
 * `10.12.2026`, `Dec 10`; `09:00`, `9 am`, `9 Uhr`): the model only re-spelled and joined them, so the value carries
 * the owner's words and nothing of the context. The year is the one the owner wrote, or, where they wrote none, this
 * year or the next (a model must pick one for "14 March"). The date may also be one the owner's message of this turn
 * names in words ("next Tuesday", "tomorrow": owner-dates.ts, read at the turn's clock). A zone or seconds would be the
 * model's to choose.
 */
export function dateTimeTypedByOwner(value: string, flow: Pick<FlowState, "ownerTexts"> & Partial<Pick<FlowState, "turnText" | "turnAt">>, now: Date = new Date()): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::00)?)?$/.exec(value.trim());
  if (m === null) return false;
  const [, date = "", time] = m;
  const wanted = dateTimeSpans(date)[0];
  if (wanted?.kind !== "date" || wanted.year === undefined) return false;
  const year = wanted.year;
  const spans = flow.ownerTexts.map((t) => dateTimeSpans(t));
  const thisYear = now.getUTCFullYear();
  const dateTyped = spans.some((ss) => ss.some((s) => s.kind === "date" && s.value === wanted.value && (s.year ?? (year === thisYear || year === thisYear + 1 ? year : undefined)) === year))
    || (flow.turnText !== undefined && flow.turnAt !== undefined && ownerDates(flow.turnText, flow.turnAt).includes(date));
  if (!dateTyped) return false;
  if (time === undefined) return true;
  const clock = dateTimeSpans(time)[0];
  return clock?.kind === "time" && spans.some((ss) => ss.some((s) => s.kind === "time" && s.value === clock.value));
}

/**
 * Every string value in a JSON arguments text was typed by the owner (an empty set of values counts), a date and
 * time the owner typed in parts counting as typed.
 */
export function argumentsTypedByOwner(args: string, flow: Pick<FlowState, "ownerTexts" | "turnText" | "turnAt">): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return false;
  }
  const strings: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 32 || strings.length > 256) return;
    if (typeof v === "string") strings.push(v);
    // A flag carries a bit, not the context's data; a number can carry it.
    else if (typeof v === "number") strings.push(String(v));
    else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (typeof v === "object" && v !== null) for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(parsed, 0);
  // A sum the owner wrote in any convention (`1.250,00 €` is 1250 in EUR) is typed in the form the service needs
  // (owner-money.ts); which currency goes with which amount is owner-slots.ts's reading.
  return strings.length <= 256 && strings.every((s) => textTypedByOwner(s, flow) || dateTimeTypedByOwner(s, flow) || accountTypedByOwner(s, flow)
    || amountStated(s, flow.ownerTexts) || currencyStated(s, flow.ownerTexts) || currencyTypedByOwner(s, flow));
}

/** A currency code (`EUR`) the owner wrote in any form Warden reads as that currency (`ユーロ`, `€`, `euros`, `欧元`). */
export function currencyTypedByOwner(value: string, flow: Pick<FlowState, "ownerTexts">): boolean {
  return /^[A-Z]{3}$/u.test(value) && flow.ownerTexts.some((t) => currenciesNamed(t).has(value));
}

/** An IBAN as printed (groups of four, spaces) or compact. */
const AccountNumber = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/gu;

/**
 * An account number the owner typed, compared in its canonical form: `DE44 5001 0517 5407 3249 31` as printed on an
 * invoice and `DE44500105175407324931` are one IBAN (spaces are how it is written, not a choice of the writer's).
 */
export function accountTypedByOwner(value: string, flow: Pick<FlowState, "ownerTexts">): boolean {
  const canonical = value.replace(/ /gu, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/u.test(canonical)) return false;
  return flow.ownerTexts.some((t) => [...t.matchAll(AccountNumber)].some((m) => m[0].replace(/ /gu, "") === canonical));
}

/** Letters and digits only, folded: `Lindenweg 12, Utrecht` and `lindenweg-12-utrecht` are one skeleton. */
function skeletonOf(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** A window this long of the owner's skeleton, with this many digits in it, is their number or address, not a word. */
const RespelledWindow = 8;
const RespelledDigits = 2;
const MaxOwnerWindows = 20_000;

/**
 * The owner's dates in every digit order a form asks for (`1984-03-17` is also 17031984, 03171984, 19841703): a
 * reformatted birth date is the same date.
 */
function dateOrders(text: string): string[] {
  const out: string[] = [];
  const pad = (n: string) => n.padStart(2, "0");
  for (const m of text.matchAll(/(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)|(?<!\d)(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?!\d)/g)) {
    const [y, a, b] = m[1] !== undefined ? [m[1], pad(m[2] ?? ""), pad(m[3] ?? "")] : [m[6] ?? "", pad(m[4] ?? ""), pad(m[5] ?? "")];
    out.push(`${y}${a}${b}`, `${y}${b}${a}`, `${a}${b}${y}`, `${b}${a}${y}`);
  }
  return out;
}

/** A number of the owner's this many digits long is theirs (an account, a phone, a card, a date), not a quantity. */
const OwnerNumberDigits = 6;
const MaxOwnerNumbers = 1024;
const DigitWords: Record<string, string> = { zero: "0", oh: "0", nil: "0", one: "1", two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9" };

/**
 * The owner's numbers, parsed: every run of digits in their words with any separators between the digits (spaces,
 * dashes, dots, slashes: `+31 6-1234 5678` is 31612345678), and the digits of a token mixing letters and digits (an
 * IBAN's), with their dates in every order; `OwnerNumberDigits` digits or more.
 */
export function ownerNumbers(ownerTexts: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of ownerTexts) {
    const text = raw.normalize("NFKC");
    for (const m of text.matchAll(/\d(?:[^\p{L}\p{N}\n]{0,3}\d)*/gu)) {
      const digits = m[0].replace(/\D/g, "");
      if (digits.length < OwnerNumberDigits) continue;
      out.add(digits);
      // Typed in groups, the groups in any order are the same number ("55 28 91 04" as 04 91 28 55).
      const groups = m[0].split(/\D+/).filter((g) => g !== "");
      if (groups.length >= 3 && groups.length <= 5) for (const p of permutations(groups)) out.add(p.join(""));
    }
    for (const m of text.matchAll(/[\p{L}\p{N}]*\d[\p{L}\p{N}]*/gu)) {
      const digits = m[0].replace(/\D/g, "");
      if (digits.length >= OwnerNumberDigits) out.add(digits);
    }
    for (const d of dateOrders(text)) out.add(d);
    if (out.size >= MaxOwnerNumbers) break;
  }
  return [...out].slice(0, MaxOwnerNumbers);
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** The digits of a text in order, letters and separators dropped, digit words read as digits ("five five two eight"). */
function digitStream(text: string): string {
  return text.normalize("NFKC").toLowerCase()
    .replace(/\p{L}+/gu, (w) => DigitWords[w] ?? " ")
    .replace(/\D/g, "");
}

/** `n` in the other bases a form or an encoder might use. */
function otherBases(digits: string): string[] {
  if (digits.length > 30) return [];
  const n = BigInt(digits);
  return [n.toString(16), n.toString(8), n.toString(2), n.toString(36)].filter((s) => s.length >= OwnerNumberDigits && s !== digits);
}

/**
 * Whether `outbound` carries one of the owner's numbers, parsed rather than matched as a string: its digits in order
 * with anything between them (separators of any kind, letters interleaved, keys of other fields, digit words), or
 * reversed, or written in base 16, 8, 2 or 36.
 */
export function carriesOwnerNumber(outbound: string, ownerTexts: readonly string[]): boolean {
  const numbers = ownerNumbers(ownerTexts);
  if (numbers.length === 0) return false;
  const stream = digitStream(outbound);
  const reversed = [...stream].reverse().join("");
  const skeleton = skeletonOf(outbound);
  return numbers.some((d) => stream.includes(d) || reversed.includes(d) || otherBases(d).some((b) => skeleton.includes(b)));
}

/**
 * Whether `outbound` holds, however re-spelled (separators changed, cased, a slug, split across arguments, a date
 * in another order), a run of the owner's own words that carries their digits: eight letters and digits in a row,
 * two of them digits, as the owner typed them (`lindenweg12`, `nl91abna0417`, `17031984`). Words without digits
 * (a city, a name) are everyone's; a number with its neighbours is the owner's.
 */
export function carriesRespelledOwnerWords(outbound: string, ownerTexts: readonly string[]): boolean {
  const windows = new Set<string>();
  const digits = (w: string) => (w.match(/\p{N}/gu) ?? []).length >= RespelledDigits;
  for (const text of ownerTexts) {
    for (const sk of [skeletonOf(text), ...dateOrders(text)]) {
      for (let i = 0; i + RespelledWindow <= sk.length && windows.size < MaxOwnerWindows; i++) {
        const w = sk.slice(i, i + RespelledWindow);
        if (digits(w)) windows.add(w);
      }
    }
  }
  if (carriesOwnerNumber(outbound, ownerTexts)) return true;
  if (windows.size === 0) return false;
  // The whole outbound text at once: an IBAN cut in halves over two arguments still has eight in a row in one.
  const out = skeletonOf(outbound);
  for (let i = 0; i + RespelledWindow <= out.length; i++) if (windows.has(out.slice(i, i + RespelledWindow))) return true;
  return false;
}

/**
 * `text` with every run of words the owner typed in this session blanked out: what the owner wrote is the owner's
 * to send, so it is no evidence that private data is leaving (the owner's "12:30 at Cafe Luna" in a reply to the
 * mail that proposed it). Runs of two words or six characters; shorter ones stay.
 */
export function withoutOwnerWords(text: string, flow: FlowState): string {
  if (flow.ownerTexts.length === 0) return text;
  // Arguments as JSON: each string value on its own (`"body":"yes,` is not what the owner typed, `yes,` is).
  if (/^\s*[[{]/.test(text)) {
    try {
      return JSON.stringify(JSON.parse(text, (_key, value: unknown) => (typeof value === "string" ? withoutOwnerWords(value, flow) : value)));
    } catch {
      // Not JSON after all: judged as text.
    }
  }
  // Spacing is judged elsewhere (the whole text as typed, `textTypedByOwner`); a run's letters keep their case.
  const typed = flow.ownerTexts.map((t) => t.replace(/\s+/g, " ")).map((t) => ({ t, lower: t.toLowerCase() }));
  const words = text.split(/\s+/).filter((w) => w !== "");
  if (words.length > MaxWordsChecked) return text;
  const kept: string[] = [];
  for (let i = 0; i < words.length; ) {
    let end = i;
    for (let j = i + 1; j <= words.length; j++) {
      const run = words.slice(i, j).join(" ");
      if (!typed.some(({ t, lower }) => ownerCased(run, t, lower))) break;
      end = j;
    }
    const run = words.slice(i, end).join(" ");
    // A run of function words only ("do not", "it is") is everyone's: blanking it would cut the data it sits in.
    const ownersOwn = words.slice(i, end).some((w) => !FunctionWords.has(w.toLowerCase().replace(/[^\p{L}']/gu, "")));
    if ((end - i >= 2 || run.length >= 6) && ownersOwn) {
      kept.push("…");
      i = end;
    } else {
      kept.push(words[i] ?? "");
      i++;
    }
  }
  return kept.join(" ");
}

/** Words that say nothing of who wrote them. */
const FunctionWords = new Set("a an and are as at be but by do does don't for from has have i if in is it it's its me my no not of on or so that the this to was we were will with you your".split(" "));

/** Words of an outbound text compared with the owner's; a longer text is judged whole, as if the owner typed none of it. */
const MaxWordsChecked = 4000;

/** `text` mentions `name` (a path or a file name) as a whole word. */
export function mentionsName(text: string, name: string): boolean {
  return name.length >= 2 && new RegExp(`(?<![\\w./-])${escapeRegExp(name)}(?![\\w/-]|\\.\\w)`, "i").test(text);
}

/**
 * The owner named this very file in their own messages of this session: both paths resolved (`./sub/../makefile` is
 * `makefile`, the owner's `./Makefile` is `Makefile`), and spelled as the file system tells names apart — where it
 * keeps case (`caseFolds` false), `makefile`, `.ENVRC` and `Justfile` are other files than the owner's `Makefile`,
 * `.envrc` and `justfile`, and the tools read them first or instead. A file name alone names the file at the
 * workspace's top, or in a folder the same message names (`the Makefile in backend/`).
 */
export function fileNamedByOwner(path: string, flow: FlowState, caseFolds: boolean): boolean {
  const target = resolvedName(path);
  if (target === undefined) return false;
  const same = caseFolds ? (a: string, b: string) => a.toLowerCase() === b.toLowerCase() : (a: string, b: string) => a === b;
  const slash = target.lastIndexOf("/");
  const [dir, base] = slash < 0 ? ["", target] : [target.slice(0, slash), target.slice(slash + 1)];
  return flow.ownerTexts.some((t) => {
    const named = [...t.matchAll(/[^\s"'`()<>[\]{},;*|]+/g)].map((m) => resolvedName(withoutParticle(m[0].replace(/[.:!?]+$/, "")))).filter((n): n is string => n !== undefined);
    return named.some((n) => same(n, target)) || (named.some((n) => same(n, base)) && (dir === "" || named.some((n) => same(n, dir))));
  });
}

/**
 * A file's name with the Korean or Japanese particle written onto it taken off: "가계부.csv에", "jangbogi.md를",
 * "kenko.csvに" name `가계부.csv`, `jangbogi.md` and `kenko.csv` (a case ending after an apostrophe, Turkish
 * "kira.md'yi", is cut at the apostrophe already). Only after an extension: a name's own letters stay.
 */
function withoutParticle(token: string): string {
  return token.replace(/(\.[A-Za-z0-9]{1,10})[\p{Script=Hangul}\p{Script=Hiragana}]{1,3}$/u, "$1");
}

/** A workspace-relative path as the file system resolves its spelling (`.` and `..` taken), or undefined outside. */
export function resolvedName(path: string): string | undefined {
  const parts: string[] = [];
  for (const p of path.replace(/\\/g, "/").split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") {
      if (parts.pop() === undefined) return undefined;
    } else parts.push(p);
  }
  return parts.length === 0 ? undefined : parts.join("/");
}

/** Possessives before a file's name's words: the owner calling a file of theirs by what it is ("my notes"). */
const Possessives = new Set(`my our mein meine meinen meiner meinem unser unsere unseren mon ma mes notre nos mi mis nuestro nuestra nuestros nuestras
  mio mia miei mie nostro nostra nostri nostre meu minha meus minhas nosso nossa mijn onze мой моя мои моё наш наша наши mój moja moje nasz nasza nasze`.split(/\s+/u));

/**
 * The owner called this file by the words of its name after a possessive ("add a line to my notes" for
 * `private/notes.txt`, "update our shopping list" for `lists/shopping-list.md`): its base name without the extension,
 * `-` and `_` read as spaces, as whole words. Weaker than naming its path: only a change that keeps the file whole
 * (appendsOnly) rests on it.
 */
export function fileCalledByOwner(path: string, flow: Pick<FlowState, "ownerTexts">): boolean {
  const base = path.replace(/\\/g, "/").split("/").pop() ?? "";
  const stem = base.replace(/^\.+/u, "").replace(/\.[^.]*$/u, "").replace(/[-_]+/gu, " ").trim().toLowerCase();
  if (stem.length < 3 || !/\p{L}/u.test(stem)) return false;
  const words = new RegExp(`(?<![\\p{L}\\p{N}])(\\p{L}+)\\s+${escapeRegExp(stem).replace(/ /gu, "[\\s_-]+")}(?![\\p{L}\\p{N}]|\\.\\w)`, "giu");
  return flow.ownerTexts.some((t) => [...t.matchAll(words)].some((m) => Possessives.has((m[1] ?? "").toLowerCase())));
}

/** A change that keeps the file's text whole and adds to its end: nothing of what it held is replaced. */
export function appendsOnly(change: { before: string; after: string } | undefined): boolean {
  if (change === undefined) return false;
  const kept = change.before.trimEnd();
  return change.after.trimEnd().length > kept.length && change.after.startsWith(kept);
}

/** The owner mentioned this workspace path, or its file name, in their own messages of this session. */
export function pathNamedByOwner(path: string, flow: FlowState): boolean {
  const clean = path.replace(/^\.\//, "");
  const base = clean.split("/").pop() ?? clean;
  return flow.ownerTexts.some((t) => mentionsName(t, clean) || mentionsName(t, base));
}

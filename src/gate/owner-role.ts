/**
 * A value binds as the owner's only in the role the owner gave it. The owner-provided binding (an argument is the
 * owner's when it appears in their text) reads where and how it appears, for every acting value of a call (a token
 * with a digit or an `@`: an account, an address, an amount, a chat id, a time):
 *  - in the owner's own sentence, excluded (negation.ts: "never to X", "X is the scam account", "not 4800") → deny
 *    (`owner.value_excluded`), in any earlier turn too, unless a later sentence of the owner gives it; the words the
 *    owner dictates to a message's recipient are the message's, not an exclusion of it (`readOccurrence`);
 *  - only mentioned there (a question, reported words in quotation marks, a sender, a balance) → ask
 *    (`owner.value_mentioned`; not for a message's recipient, which naming.ts reads, `mentions` false);
 *  - only in pasted material (owner-message.ts: what reads as a document, wherever it sits), never in the owner's own
 *    sentences: the owner gave the material a role ("pay this invoice"), and the value has it only if it is the
 *    material's one value of its kind. Hidden in an HTML comment → ask (`owner.value_hidden_in_paste`); one of several
 *    of its kind (two IBANs, a `Reply-To` beside a `From`, an amount beside a "corrected" amount) → ask, naming them
 *    (`owner.paste_ambiguous`); in a paragraph that announces a change ("our new account", "from now on") → ask,
 *    quoting it (`owner.paste_changed_value`, the change lexicon of owner-relay.ts); in a message that asked for nothing to be done with it ("Is this a
 *    scam?" + a mail, a bare paste), in any turn → ask (`owner.paste_not_for_act`);
 *  - given in the owner's sentences, but only inside a changed account or address the owner relays from someone else
 *    ("Kern texted me: new IBAN …", "Kern napisał SMS-a: nowe konto …", a chat line's header), or cited from someone's message
 *    ("per Kern's text, pay … to …") → ask
 *    (`owner.relayed_changed_value`, owner-relay.ts);
 *  - a strict piece (≥ 8 characters) of an account or address in the owner's text → ask (`owner.value_piece`); a piece
 *    of a value the owner ruled out, or that value inside a longer argument, in any argument → deny
 *    (`owner.value_excluded`).
 * Pasted material does not taint the turn: the owner chose to paste it and asked for an act on it, and the binding above
 * is what keeps a line inside it from choosing where the act goes (a decision, docs/security.md).
 */
import { ask, deny, type Decision, type Reason } from "../core/decision.ts";
import { dictatedOpening, recipientReading } from "./naming.ts";
import { readValue, type ValueReading } from "./negation.ts";
import { materialAt, ownerMessage, type MaterialSpan } from "./owner-message.ts";
import { ChangeCues, relayedChangeAt } from "./owner-relay.ts";
import { tokenEdges, tokenMatches } from "./token-match.ts";

const MaxValues = 32;
const MaxOccurrences = 64;

type Occurrence = { text: number; at: number; end: number; material?: MaterialSpan; reading?: ValueReading };

function reason(id: string, message: string): Reason {
  return { id, message };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

/** The acting values of a call's arguments (JSON): tokens with a digit or an `@`, and numbers of two digits or more. */
export function actingValues(args: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return [];
  }
  const out = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 16 || out.size >= MaxValues) return;
    if (typeof v === "number" && Number.isFinite(v) && Math.abs(v) >= 10) out.add(String(v));
    else if (typeof v === "string") {
      const t = v.trim();
      if (t.length >= 3 && t.length <= 200 && !/\s/u.test(t) && /[\p{N}@]/u.test(t)) out.add(t);
    } else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (typeof v === "object" && v !== null) for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(parsed, 0);
  return [...out];
}

/** The kind of a value, by its shape: candidates of the same kind in a paste compete for its role. */
type Kind = { name: string; pattern: RegExp; normal: (s: string) => string };

const Kinds: readonly Kind[] = [
  { name: "bank accounts", pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/gu, normal: (s) => s.replace(/\s/gu, "").toUpperCase() },
  { name: "e-mail addresses", pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, normal: (s) => s.toLowerCase() },
  { name: "web addresses", pattern: /https?:\/\/[^\s<>"'`)]+/gu, normal: (s) => s.replace(/[.,;:]+$/u, "") },
  { name: "amounts", pattern: /(?:€|\$|£)\s?\d[\d.,']*|\d[\d.,']*\s?(?:EUR|USD|GBP|CHF|€|\$|£|euros?|dollars?)\b/giu, normal: (s) => amountOf(s) },
];

function amountOf(s: string): string {
  const digits = s.replace(/[^\d.,]/gu, "");
  // "1,150.00" / "1.150,00" / "480.00": the last separator followed by two digits is the decimal point.
  const m = /^(.*?)(?:[.,](\d{1,2}))?$/u.exec(digits);
  const whole = (m?.[1] ?? digits).replace(/[.,']/gu, "");
  const cents = m?.[2] ?? "";
  const n = Number(`${whole}.${cents === "" ? "0" : cents}`);
  return Number.isFinite(n) ? String(n) : digits;
}

/** A shape signature for any other token: letters as `a`, digits as `9`, runs folded (`mallory-7` ≡ `contact-1`). */
function shapeOf(token: string): string {
  return token.replace(/\p{L}+/gu, "a").replace(/\p{N}+/gu, "9");
}

function kindOf(value: string): Kind | undefined {
  if (/^-?\d+(?:\.\d+)?$/u.test(value)) return Kinds.find((k) => k.name === "amounts");
  return Kinds.find((k) => k.name !== "amounts" && new RegExp(`^(?:${k.pattern.source})$`, "u").test(value));
}

/** The distinct candidates of the value's kind in a stretch of material. */
function candidatesIn(material: string, value: string): string[] {
  const kind = kindOf(value);
  if (kind !== undefined) return [...new Set([...material.matchAll(kind.pattern)].map((m) => kind.normal(m[0])))];
  const shape = shapeOf(value);
  return [...new Set((material.match(/[\p{L}\p{N}][\p{L}\p{N}_.+-]*[\p{L}\p{N}]/gu) ?? []).filter((t) => shapeOf(t) === shape && /\p{N}/u.test(t)))];
}

function kindName(value: string): string {
  return kindOf(value)?.name ?? `values shaped like \`${value}\``;
}

// A number ends where digits end (`480.00` holds 480, `4800` and `480,000` do not); a token where the token ends.
const NumberEdges = tokenEdges("[\\p{L}\\p{N}@._-]", "[\\p{N}]|[.,]\\d{3}(?!\\d)", "u");
const ValueEdges = tokenEdges("[\\p{L}\\p{N}@._-]", "[\\p{L}\\p{N}@_-]|\\.[\\p{L}\\p{N}]", "iu");

/** Where the value occurs in the owner's texts, token-bounded (`480` is not in `4800`; `480` is in `480.00`). */
function occurrences(value: string, ownerTexts: readonly string[]): Occurrence[] {
  const numeric = /^-?\d+(?:\.\d+)?$/u.test(value);
  const pattern = new RegExp(escapeRegExp(value), numeric ? "gu" : "giu");
  const out: Occurrence[] = [];
  // An account is the same account spaced as printed (`GB33 BUKB 2020 …`) or compact: found in its canonical form too.
  const account = /^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/u.test(canonicalOf(value)) ? canonicalOf(value) : undefined;
  ownerTexts.forEach((text, i) => {
    for (const m of tokenMatches(text, pattern, numeric ? NumberEdges : ValueEdges)) {
      if (out.length >= MaxOccurrences) return;
      out.push({ text: i, at: m.index, end: m.index + m[0].length });
    }
    if (account === undefined) return;
    for (const m of text.matchAll(Kinds[0]?.pattern ?? /$^/gu)) {
      if (out.length >= MaxOccurrences) return;
      if (canonicalOf(m[0]) === account && !out.some((o) => o.text === i && o.at === m.index)) out.push({ text: i, at: m.index, end: m.index + m[0].length });
    }
  });
  return out;
}

/**
 * The owner-role check of one call's acting values against the owner's texts of the session, in order (see the
 * header): a refusal, a question, or undefined when every value the owner typed holds the role it was given (values
 * the owner never typed are other rules' business).
 */
export function ownerRoleRule(args: string, ownerTexts: readonly string[], what: string, mentions = true, recipient?: string): Decision | undefined {
  const decisions: Decision[] = [];
  for (const value of actingValues(args)) {
    const found = occurrences(value, ownerTexts);
    if (found.length === 0) {
      const whole = wholeOf(value, ownerTexts);
      if (whole !== undefined) decisions.push(ask("high", reason("owner.value_piece", `${what} uses \`${value}\`, a piece of \`${whole}\` in your message, not the value whole: pieces of an account or an address put together where they go are that value, chosen by whoever cut it`)));
      continue;
    }
    let state: { reading: ValueReading["reading"]; words?: string } | undefined;
    for (const o of found) {
      const text = ownerTexts[o.text] ?? "";
      o.material = materialAt(ownerMessage(text), o.at, o.end);
      if (o.material !== undefined) continue;
      const r = readOccurrence(text, o.at, o.end, recipient);
      // A later sentence that gives the value undoes an earlier exclusion; a mention never undoes one.
      if (r.reading === "given" || state === undefined || (r.reading === "excluded")) state = r;
      else if (state.reading !== "excluded" && state.reading !== "given") state = r;
    }
    if (state?.reading === "excluded") {
      decisions.push(deny("high", reason("owner.value_excluded", `${what} uses \`${value}\`, which you ruled out: ${state.words ?? "your words"}`)));
      continue;
    }
    if (state?.reading === "mentioned" && mentions) {
      decisions.push(ask("high", reason("owner.value_mentioned", `${what} uses \`${value}\`, which you only mentioned, not as a value to use: ${state.words ?? "your words"}`)));
      continue;
    }
    if (state !== undefined) {
      // Given in the owner's sentences, but each time inside a change the owner relays (owner-relay.ts).
      const own = found.filter((o) => o.material === undefined);
      const relayed = own.map((o) => relayedChangeAt(ownerTexts[o.text] ?? "", o.at, o.end));
      const first = relayed[0];
      if (first !== undefined && relayed.every((r) => r !== undefined)) {
        const said = first.change === undefined ? `as the account of their message (“${first.words}”: ${first.relay})` : `as a changed account or address (“${first.words}”: ${first.relay}, ${first.change})`;
        decisions.push(ask("high", reason("owner.relayed_changed_value", `${what} uses \`${value}\`, which you relayed from someone else ${said}: this account came from a message, not from you, and a changed account or address passed on from a message is how invoice and mail fraud redirects a payment or a reply; confirm it with them on a channel you already know`)));
      }
      continue;
    }
    // Only in material.
    const visible = found.filter((o) => o.material?.hidden === false);
    if (visible.length === 0) {
      decisions.push(ask("high", reason("owner.value_hidden_in_paste", `${what} uses \`${value}\`, which appears only inside an HTML comment of the text you pasted, not in your own words`)));
      continue;
    }
    const last = visible.at(-1) as Occurrence;
    const text = ownerTexts[last.text] ?? "";
    // The role the owner gave the paste: a message that only asks about it ("Is this a scam?" + a mail) gives it none.
    if (!ownerMessage(text).asks) {
      decisions.push(ask("high", reason("owner.paste_not_for_act", `${what} uses \`${value}\`, which appears only in ${last.material?.where ?? "the text you pasted"} in a message that asked for nothing to be done with it${instructionExcerpt(text)}`)));
      continue;
    }
    const pasted = ownerMessage(text).material.filter((s) => !s.hidden).map((s) => text.slice(s.start, s.end)).join("\n");
    const candidates = candidatesIn(pasted, value);
    if (candidates.length > 1) {
      const shown = candidates.slice(0, 4).map((c) => `\`${c}\``).join(", ");
      decisions.push(ask("high", reason("owner.paste_ambiguous", `${what} uses \`${value}\` from ${last.material?.where ?? "the text you pasted"}, which carries ${candidates.length} ${kindName(value)} (${shown}${candidates.length > 4 ? ", …" : ""}); you did not say which one, and a line of the paste could have chosen it`)));
      continue;
    }
    const changed = changeAround(text, last);
    if (changed !== undefined) {
      decisions.push(ask("high", reason("owner.paste_changed_value", `${what} uses \`${value}\` from ${last.material?.where ?? "the text you pasted"}, which announces a change: “${changed}”: a changed account or address in a pasted text is how invoice and mail fraud redirects a payment or a reply, and you did not give the new one in your own words`)));
    }
  }
  const split = excludedPieces(args, ownerTexts, what, recipient);
  if (split !== undefined) decisions.push(split);
  return decisions.length === 0 ? undefined : decisions.reduce((a, b) => (rank(b) > rank(a) ? b : a));
}

/** The change cue in the paragraph of the material around the occurrence, in the paste's words; undefined when none. */
function changeAround(text: string, o: Occurrence): string | undefined {
  const span = o.material;
  if (span === undefined) return undefined;
  const from = Math.max(span.start, text.lastIndexOf("\n\n", o.at) + 1, o.at - 400);
  const next = text.indexOf("\n\n", o.end);
  const to = Math.min(span.end, next === -1 ? text.length : next, o.end + 400);
  const paragraph = text.slice(from, to);
  const m = ChangeCues.exec(paragraph);
  if (m === null) return undefined;
  // The paste's line that says it, for the owner to read.
  const lineStart = paragraph.lastIndexOf("\n", m.index) + 1;
  const lineEnd = paragraph.indexOf("\n", m.index);
  const line = paragraph.slice(lineStart, lineEnd === -1 ? paragraph.length : lineEnd).trim();
  return line.length > 140 ? `${line.slice(0, 137)}…` : line;
}

/** The owner's instruction of a message, briefly, for a reason: ` (“Is this a scam?”)`, or nothing when it has none. */
function instructionExcerpt(text: string): string {
  const words = ownerMessage(text).instruction.trim().split(/\s+/u).filter((w) => w !== "");
  if (words.length === 0) return " (you pasted it with no words of your own)";
  return ` (“${words.slice(0, 8).join(" ")}${words.length > 8 ? " …" : ""}”)`;
}

const placeCache = new Map<string, string[]>();

/** The accounts and e-mail addresses of one owner text, canonical; cached per text. */
function placeValuesIn(text: string): string[] {
  const hit = placeCache.get(text);
  if (hit !== undefined) return hit;
  const out = [...new Set(Kinds.slice(0, 2).flatMap((k) => [...text.matchAll(k.pattern)].map((m) => canonicalOf(m[0]))))].slice(0, MaxValues);
  if (placeCache.size >= 128) placeCache.delete(placeCache.keys().next().value ?? "");
  placeCache.set(text, out);
  return out;
}

/** The account or address of the owner's texts that `value` (`MinPiece` characters or more) is a strict piece of. */
function wholeOf(value: string, ownerTexts: readonly string[]): string | undefined {
  const v = canonicalOf(value);
  if (v.length < MinPiece) return undefined;
  for (const text of ownerTexts) {
    const whole = placeValuesIn(text).find((p) => p !== v && p.includes(v));
    if (whole !== undefined) return whole;
  }
  return undefined;
}

/** Pieces of an excluded value count as the value from this length on (shorter ones are too common to tell). */
const MinPiece = 8;
const MaxExcludedPerText = 16;
const MaxTokensRead = 96;
const excludedCache = new Map<string, string[]>();

/** The distinctive values (≥ `MinPiece` characters, canonical) of one owner text that its own sentences exclude; cached per text. */
function excludedIn(text: string): string[] {
  const hit = excludedCache.get(text);
  if (hit !== undefined) return hit;
  const out: string[] = [];
  const message = ownerMessage(text);
  const tokens = [...text.matchAll(Kinds[0]?.pattern ?? /$^/gu), ...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}@._+-]*[\p{L}\p{N}]/gu)];
  for (const m of tokens.slice(0, MaxTokensRead)) {
    if (out.length >= MaxExcludedPerText) break;
    const canonical = canonicalOf(m[0]);
    if (canonical.length < MinPiece || !/\p{N}|@/u.test(canonical) || out.includes(canonical)) continue;
    if (materialAt(message, m.index, m.index + m[0].length) !== undefined) continue;
    if (readValue(text, m.index, m.index + m[0].length).reading === "excluded") out.push(canonical);
  }
  if (excludedCache.size >= 128) excludedCache.delete(excludedCache.keys().next().value ?? "");
  excludedCache.set(text, out);
  return out;
}

/** A value's canonical form for comparing pieces: letters upper case, spaces and dashes out (`GB33 BUKB…` ≡ `GB33BUKB…`). */
function canonicalOf(s: string): string {
  return s.replace(/[\s-]/gu, "").toUpperCase();
}

/** Every string and number of a call's arguments (JSON), bounded. */
function argumentStrings(args: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return [];
  }
  const out: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 16 || out.length >= 64) return;
    if (typeof v === "string") out.push(v);
    else if (typeof v === "number") out.push(String(v));
    else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (typeof v === "object" && v !== null) for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(parsed, 0);
  return out;
}

/**
 * A value the owner ruled out, carried in pieces: inside a longer text ("fwd to GB33…"), or split across arguments
 * (`iban=GB33BUKB2020`, `reference=1555555555`). Every piece of `MinPiece` characters or more that is a contiguous part
 * of an excluded value counts as the value, in any argument and in any order; so does the value written whole inside
 * an argument with spaces or dashes. Still excluded at the end of the session's texts (a later sentence that gives it
 * undoes that), read as `ownerRoleRule` reads the whole value.
 */
function excludedPieces(args: string, ownerTexts: readonly string[], what: string, recipient?: string): Decision | undefined {
  const excluded = [...new Set(ownerTexts.flatMap(excludedIn))];
  if (excluded.length === 0) return undefined;
  const strings = argumentStrings(args);
  for (const value of excluded) {
    let piece: string | undefined;
    for (const s of strings) {
      if (canonicalOf(s).includes(value)) piece = s.trim();
      else piece = (s.match(/[\p{L}\p{N}@._+]+/gu) ?? []).find((t) => t.length >= MinPiece && t.toUpperCase() !== value && value.includes(t.toUpperCase()));
      if (piece !== undefined) break;
    }
    if (piece === undefined) continue;
    // The value's standing at the end of the session: a later sentence of the owner that gives it undoes the exclusion.
    let state: ValueReading | undefined;
    ownerTexts.forEach((text) => {
      for (const m of text.matchAll(Kinds[0]?.pattern ?? /$^/gu)) if (canonicalOf(m[0]) === value) state = pick(state, readOccurrence(text, m.index, m.index + m[0].length, recipient));
      for (const o of occurrences(value, [text])) state = pick(state, readOccurrence(text, o.at, o.end, recipient));
    });
    if (state?.reading !== "excluded") continue;
    const shown = piece.length > 60 ? `${piece.slice(0, 57)}…` : piece;
    return deny("high", reason("owner.value_excluded", `${what} carries \`${shown}\`, ${piece.toUpperCase() === value ? "which holds" : "a piece of"} \`${value}\`, which you ruled out: ${state.words ?? "your words"}`));
  }
  return undefined;
}

/**
 * The owner's reading of one occurrence. For the recipient of a message (`recipient`), named in that text as someone
 * to send to (naming.ts), the clause the owner dictates to it is the message's: its negation ("text contact-1: don't
 * forget the keys", "告诉 contact-1：不要了") neither rules the recipient out nor takes it back.
 */
function readOccurrence(text: string, at: number, end: number, recipient: string | undefined): ValueReading {
  const r = readValue(text, at, end);
  if (r.reading !== "excluded" || recipient === undefined || canonicalOf(text.slice(at, end)) !== canonicalOf(recipient)) return r;
  if (recipientReading(recipient, { ownerTexts: [text] }).naming !== "destination") return r;
  return readValue(text, at, end, dictatedOpening);
}

/** The later of two readings as `ownerRoleRule` keeps them: a sentence that gives a value undoes an exclusion; a mention never does. */
function pick(state: ValueReading | undefined, r: ValueReading): ValueReading {
  if (r.reading === "given" || state === undefined || r.reading === "excluded") return r;
  return state.reading !== "excluded" && state.reading !== "given" ? r : state;
}

function rank(d: Decision): number {
  return d.decision === "deny" ? 2 : d.decision === "ask" ? 1 : 0;
}

/**
 * The owner's later word on a text they gave: cancelled or corrected.
 *
 * A text the owner gave for a recipient stays theirs only until they take it back. A clause that cancels a message
 * ("cancel / scratch / forget / delete / strike / unsend the message to alice-2 …", "oublie le message à alice-2")
 * gives nothing, in that message or withdrawing the text from an earlier one; a later message that corrects the text
 * ("*see you at 6", "actually make it "see you at 6"", "sorry, typo: …", "no wait, send "…" instead") replaces it: the
 * corrected text becomes the owner's and the old one is withdrawn. A correction whose new text cannot be read (no
 * quote, two quotes) withdraws the old text and gives none: the owner is asked. A revision is told by its signal, not
 * its phrasing (`revisionOf`): a revision word or sign with no request of its own, or a short later message repeating
 * a part of the text; read exactly it replaces the text, else it withdraws it. A cancel whose object cannot say whose
 * text it means ("forget about her") withdraws every text it could mean (`cancelClausesIn`, `unresolvedObject`).
 */
import { CallOffVerbs } from "./naming-lexicon.ts";

/** Verbs that cancel a message (imperative): those that call anything off, and those that undo a message in particular. */
export const CancelVerbs: ReadonlySet<string> = new Set([...CallOffVerbs, ...`scratch delete strike unsend discard ignore withdraw retract remove trash kill
  disregard abort revoke oubliez supprime supprimez efface lösche verwirf borra descarta cancella elimina scarta apague descarte
  verwijder schrap удали`.split(/\s+/)]);

/** Words before the cancelling verb that keep it the clause's verb ("please cancel", "oh, and forget …"). */
const Lead = new Set(["please", "pls", "and", "also", "oh", "ok", "okay", "then", "now", "actually", "wait", "no", "just", "so", "et", "und", "y", "e", "en", "и"]);

const wordsOf = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'").split(/[\s,:;()"“”«»!?.]+/).filter((w) => w !== "");

/** The clause of `text` that holds position `at`: back to a sentence end, a semicolon or a conjunction before it. */
function clauseBefore(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 2_000), at);
  const parts = before.split(/[.!?;\n。！？]\s|[;\n]|,\s*(?:and|then|but)\s+|\s+(?:and then|then|but|and|et|und|y|e|en|и)\s+/iu);
  // "cancel the message to alice-2 and bob-7": a conjunction before the name alone joins it to the clause before.
  while (parts.length > 1 && wordsOf(parts[parts.length - 1] ?? "").length === 0) parts.pop();
  return parts[parts.length - 1] ?? "";
}

/** The clause holding `at` is a cancellation: its verb, before the recipient, cancels ("Cancel the message to alice-2"). */
export function cancelledAt(text: string, at: number): boolean {
  const words = wordsOf(clauseBefore(text, at));
  const first = words.find((w) => !Lead.has(w));
  if (first === undefined) return false;
  if (CancelVerbs.has(first)) return true;
  // "don't send the message to alice-2" is a negation the naming reader reads; "never mind the message to …" is one.
  return /^(?:never ?mind|do not send|don't send|dont send|no need to send|hold off on)\b/.test(words.filter((w) => !Lead.has(w)).join(" "));
}

/** A later message that is only a cancellation of what came before ("scratch that", "forget it", "cancel that"). */
export function bareCancellation(text: string): boolean {
  const words = wordsOf(text.split(/[.!?\n。！？]/)[0] ?? "").filter((w) => !Lead.has(w));
  if (words.length === 0 || words.length > 4) return false;
  if (!CancelVerbs.has(words[0] ?? "")) return false;
  return words.slice(1).every((w) => ["that", "it", "this", "the", "message", "text", "draft", "all", "everything", "ça", "ca", "das", "es", "eso", "lo", "la", "le"].includes(w));
}

/** Words that mark a message as a correction of the text given before it, and give the new text after them. */
const StrongMarks = /(?<![\p{L}])(?:make it|make that|i meant|i mean|typo|correction|update\s*:|updated\s*:|should be|should say|should read|change it to|change that to|no wait|tippfehler|korrektur|mejor dicho)(?![\p{L}])/iu;
/** Words that mark a correction only with the new text quoted ("actually "see you at 6"", "send "…" instead"). */
const WeakMarks = /(?<![\p{L}])(?:actually|instead|rather|en fait|plutôt|plutot|au lieu|eigentlich|stattdessen|en realidad|en vez|anzi|invece|na verdade|em vez|eigenlijk|in plaats|точнее|вместо)(?![\p{L}])/iu;
const quotes = /"([^"\n]*)"|“([^”\n]*)”|«([^»\n]*)»|„([^“”\n]*)[“”]|「([^」\n]*)」|(?<![\p{L}\p{N}])'([^'\n]+)'(?![\p{L}\p{N}])|‘([^’\n]+)’/gu;

/**
 * What a message says of the text given before it: `undefined` when it is no correction; the new text; or `null`
 * when it corrects but its new text cannot be read (withdrawn, none given).
 */
export function correctionIn(text: string): string | null | undefined {
  const t = text.trim();
  // "*see you at 6": the chat convention for "I meant" (not "**bold**").
  const star = /^\*(?!\*)([^*\n]+?)\*?$/u.exec(t);
  if (star !== null) return (star[1] ?? "").trim() || null;
  const strong = StrongMarks.test(t);
  if (!strong && !WeakMarks.test(t)) return undefined;
  const found = [...t.matchAll(quotes)].map((m) => (m.slice(1).find((g) => g !== undefined) ?? "").trim());
  if (found.length === 1) return found[0] || null;
  if (found.length > 1) return null;
  if (!strong) return undefined;
  // "actually make it see you at 6", "typo: see you at 6": the rest of the line after the marker.
  const after = /(?:make it|make that|i meant|i mean|should be|should say|should read|change it to|change that to|update\s*:|updated\s*:|typo\s*:)\s*:?\s*(.+)$/iu.exec(t)?.[1]?.trim();
  return after !== undefined && after !== "" ? after.replace(/\s+instead\.?$/iu, "") : null;
}

/** What the owner's later word does to a text they gave: replaces it (read), or withdraws it (not readable); why, in words. */
export type Revision = { kind: "replace"; text: string; why: string } | { kind: "withdraw"; why: string };

/**
 * Words that say the text before is being revised, in the languages the reader knows: "make that", "change", "replace",
 * "update", "oops", "err", "I mean", "instead", "rather", "not … but", a sed command, an arrow between two parts. Not a
 * list of phrasings to read (those are below): a message holding one of these and no request of its own revises.
 */
const RevisionWords = /(?<![\p{L}])(?:make (?:that|it)|change|replace|update|updated|correction|typo|oops|whoops|err|erm|uh|um|sorry|i mean|i meant|meant|mean|instead|rather|not\b.*\bbut|wrong|mistake|should (?:be|say|read)|no wait|actually|en fait|plutôt|plutot|au lieu|pardon|je veux dire|eigentlich|stattdessen|ich meine|korrektur|tippfehler|en realidad|en vez|mejor dicho|quiero decir|anzi|invece|cioè|cioe|na verdade|em vez|quer dizer|eigenlijk|in plaats|ik bedoel|точнее|вместо|то есть)(?![\p{L}])/iu;

/** An arrow between two parts ("5 → 6", "5 -> 6"), or a sed substitution ("s/5/6/"). */
const RevisionSigns = /(?:^|\s)(?:→|->|=>|⇒)(?:\s|$)|^\s*s([/|#,])[^\n]*\1[^\n]*\1[gi]*\s*$/u;

const contentTokens = (s: string) => new Set(s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => /\p{N}/u.test(w) || w.length >= 4));

/**
 * The substitution forms an owner types to change part of a text: `s/A/B/`, "change A to B", "replace A with B", "A →
 * B", "not A but B", "B, not A", "B instead of A". The old and the new part, or undefined.
 */
function substitution(t: string): { from: string; to: string } | undefined {
  const s = t.trim().replace(/^[(\s]+|[)\s.!]+$/gu, "").replace(/^(?:(?:(?:oops|whoops|sorry|err|erm|no|wait|actually|ok|okay|and|so)(?![\p{L}])|--|—|–|-)[\s,:;.!—–-]*)+/iu, "");
  const forms: [RegExp, number, number][] = [
    [/^s([/|#,])((?:(?!\1).)+)\1((?:(?!\1).)*)\1g?$/u, 2, 3],
    [/^(?:please\s+)?(?:change|replace|switch|swap)\s+(.+?)\s+(?:to|with|by|for|into)\s+(.+)$/iu, 1, 2],
    [/^(.+?)\s*(?:→|->|=>|⇒)\s*(.+)$/u, 1, 2],
    [/^not\s+(.+?)\s*,?\s+but\s+(.+)$/iu, 1, 2],
    [/^(.+?)\s+instead\s+of\s+(.+)$/iu, 2, 1],
    [/^(.+?)\s*,?\s+not\s+(.+)$/iu, 2, 1],
  ];
  for (const [re, a, b] of forms) {
    const m = re.exec(s);
    if (m === null) continue;
    const from = (m[a] ?? "").trim().replace(/^["“'‘]|["”'’]$/gu, "");
    const to = (m[b] ?? "").trim().replace(/^["“'‘]|["”'’]$/gu, "");
    // "change it to …" names no part: a correction's new text (correctionIn), not a substitution.
    if (/^(?:it|that|this|the (?:text|message))$/iu.test(from)) return undefined;
    if (from !== "" && from.length <= 200 && to.length <= 200) return { from, to };
  }
  return undefined;
}

/** `part` in `text` as a whole word or run of words: the places it occurs (at most two are counted). */
function placesOf(text: string, part: string): number[] {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`, "giu");
  const out: number[] = [];
  for (const m of text.matchAll(re)) {
    out.push(m.index);
    if (out.length >= 2) break;
  }
  return out;
}

/**
 * What `revising` (a later message of the owner's, or the rest of the sentence after a quote they gave) does to the
 * texts `units` they gave one recipient in `givenIn`: undefined when it is no revision of them; a replacement when it
 * can be read exactly (a quoted new text after a revision word, "make that …", or a substitution whose old part occurs
 * once in the one text); a withdrawal otherwise. A revision is told by its signal, not its phrasing: a revision word or
 * sign with no request of its own besides, or (`repeats`: a later message) a short message that repeats a part of the
 * text ("not 5 but 6", "(6, not 5)"). A substitution whose old part is in another text of `givenIn` and not in these
 * is about that one.
 */
export function revisionOf(revising: string, units: readonly string[], givenIn: string, isInstruction: (s: string) => boolean, repeats: boolean): Revision | undefined {
  const t = revising.trim().slice(0, 2_000);
  if (t === "" || units.length === 0) return undefined;
  const sub = substitution(t);
  // A form with its own verb ("change A to B", `s/A/B/`) revises; "B, not A" or "A → B" only with no request besides.
  const explicit = /^\s*(?:s[/|#,]|(?:please\s+)?(?:change|replace|switch|swap)\s)/iu.test(t.replace(/^[^\p{L}]*(?:(?:oops|whoops|sorry|err|erm|no|wait|actually|ok|okay|and|so)(?![\p{L}])[^\p{L}]*)*/iu, ""));
  if (sub !== undefined && (explicit || ((RevisionSigns.test(t) || RevisionWords.test(t) || (repeats && /,?\s+not\s+/iu.test(t))) && !isInstruction(t)))) {
    const hits = units.map((u) => placesOf(u, sub.from));
    const found = hits.filter((h) => h.length > 0).length;
    // The old part only in another quote of the owner's message (another recipient's text): not about these.
    const others = [...givenIn.matchAll(quotes)].map((m) => m.slice(1).find((g) => g !== undefined) ?? "").filter((q) => !units.includes(q.trim()));
    if (found === 0 && others.some((q) => placesOf(q, sub.from).length > 0)) return undefined;
    const unit = units[0] ?? "";
    const at = hits[0] ?? [];
    if (units.length === 1 && at.length === 1) {
      const i = at[0] ?? 0;
      return { kind: "replace", text: `${unit.slice(0, i)}${sub.to}${unit.slice(i + sub.from.length)}`, why: `you changed \`${sub.from}\` to \`${sub.to}\`` };
    }
    return { kind: "withdraw", why: `you changed \`${sub.from}\`, which Warden cannot place exactly once in the text you gave` };
  }
  const fix = correctionIn(t);
  if (fix !== undefined) {
    if (fix !== null && units.length === 1) return { kind: "replace", text: fix, why: "you corrected the text" };
    return { kind: "withdraw", why: "you corrected the text and Warden cannot read the new one exactly" };
  }
  const marked = RevisionWords.exec(t)?.[0] ?? (RevisionSigns.test(t) ? "an arrow or a substitution" : undefined);
  if (marked !== undefined && !isInstruction(t)) return { kind: "withdraw", why: `you revised the text (“${marked}”) in words Warden cannot read exactly` };
  if (repeats) {
    const words = t.split(/\s+/u).filter((w) => w !== "");
    const mine = contentTokens(units.join(" "));
    const shared = [...contentTokens(t)].find((w) => mine.has(w));
    if (words.length <= 8 && shared !== undefined && !isInstruction(t)) return { kind: "withdraw", why: `your later message repeats \`${shared}\` from the text you gave, which reads as a revision Warden cannot read exactly` };
  }
  return undefined;
}

/** Words of a cancel's object that stand for a message without saying whose: the owner may mean any text they gave. */
export const UnresolvedObjects: ReadonlySet<string> = new Set(`message messages msg msgs text texts note draft drafts dm dms mail email e-mail reply one ones it that this
  these those them her him his their all everything both either
  ça ca cela celui celle lui leur tout das es ihn ihr ihm sie alles nachricht eso esa ese lo la le todo mensaje quello quella lui lei tutto messaggio
  isso essa esse tudo mensagem dat dit hem haar alles bericht это её ее его всё все сообщение`.split(/\s+/));

/** A clause that cancels a message (its verb), and its object: the words after the verb, up to the clause's end. */
export type CancelClause = { at: number; verb: string; object: string };

/**
 * The clauses of `text` that cancel a message ("forget the message to alice-2", "scratch the one to her", "never mind
 * that one"), each with its object, in order. The object ends at the sentence's end or where a conjunction opens the
 * next request ("… and message bob-7 …").
 */
export function cancelClausesIn(text: string, isVerb: (word: string) => boolean): CancelClause[] {
  const out: CancelClause[] = [];
  const t = text.slice(0, 20_000);
  const starts = [0, ...[...t.matchAll(/[.!?。！？](?=\s|$)\s*|[;\n]\s*|,\s*|\s+(?:and then|then|but|and|et|und|y|e|en|и)\s+/giu)].map((m) => m.index + m[0].length)];
  for (const start of starts.slice(0, 512)) {
    const rest = t.slice(start);
    const lead = /^(?:[\s,]*(?:please|pls|and|also|oh|ok|okay|then|now|actually|wait|no|just|so|et|und|y|e|en|и)\b)*[\s,]*/iu.exec(rest)?.[0] ?? "";
    const head = rest.slice(lead.length);
    const phrase = /^(?:never\s?mind(?:\s+about)?|do not send|don't send|dont send|no need to send|hold off on)(?![\p{L}])/iu.exec(head)?.[0];
    const verb = phrase ?? /^[\p{L}]+/u.exec(head)?.[0] ?? "";
    if (phrase === undefined && !CancelVerbs.has(verb.toLowerCase())) continue;
    let object = head.slice(verb.length).split(/[.!?。！？](?=\s|$)|[;\n]/u)[0] ?? "";
    const next = [...object.matchAll(/(?:,|\s)\s*(?:and then|then|but|and|also|et|und|y|e|en|и)\s+([\p{L}]+)/giu)].find((m) => isVerb((m[1] ?? "").toLowerCase()) || CancelVerbs.has((m[1] ?? "").toLowerCase()));
    if (next !== undefined) object = object.slice(0, next.index);
    out.push({ at: start + lead.length, verb, object });
    if (out.length >= 64) break;
  }
  return out;
}

/** The object of a cancel says no whose text it means (a pronoun, "the message", "that one", nothing). */
export function unresolvedObject(object: string): boolean {
  const words = wordsOf(object).filter((w) => !["the", "a", "an", "about", "of", "to", "for", "my", "your", "on", "le", "la", "les", "der", "die", "das", "el", "il", "o", "de", "het"].includes(w));
  return words.length === 0 || words.some((w) => UnresolvedObjects.has(w));
}

/**
 * How the owner's sentence holds one value (an account, an address, an amount, a time): given, excluded, or only
 * mentioned. One clause-level reader for every acting argument (owner-role.ts), on top of the negation lexicon the
 * recipient reader already has (naming-lexicon.ts):
 *  - excluded: a negation cue before the value in its clause ("never to X", "nicht an X", "pas à X", "instead of X"),
 *    or after it with no other value following ("my ex (X) must never learn it", "X isn't Kern's account"); a clause
 *    that is only a negation ("…, but I won't") taking back the clause before it; or a warning word anywhere in its sentence (scam, phishing,
 *    fraud, typo, closed, blocklist …): the owner named the value to keep the agent away from it;
 *  - mentioned: in a question ("is X legit?"), in quotation marks (reported words), in words the owner relays ("they
 *    say the IBAN is now X", "the mail says", "according to", "laut", "selon"), after a word that makes it a sender or a
 *    topic ("from X", "about X"), or an amount described as a balance or a limit;
 *  - given: anything else.
 * A sentence is bounded by `. ! ?` before a space, a line break, `;`, and parentheses (a parenthesis holding only the
 * value is part of its sentence); a clause by a comma and by "but" (in the languages the lexicon reads). Bounded work:
 * the reader looks at one sentence of at most `MaxSentence` characters around the value.
 */
import { cjkCancel, NegationPhrases, negatesAt, NotDestinationBefore } from "./naming-lexicon.ts";
import { quotedSpans } from "../text/quote-marks.ts";
import { rulesOutLater, saysNow } from "./time-expression.ts";

export type ValueReading = { reading: "given" | "excluded" | "mentioned"; words?: string };

const MaxSentence = 600;

/** "sur", "su" before an IBAN put the money on the account ("paie 480 EUR sur DE44…", "paga su DE44…"), not a topic. */
const OntoAccount = new Set(["sur", "su"]);
const Iban = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/u;

/** Words that mark a value as the one to avoid, wherever they stand in its sentence (English, German, French, Spanish). */
const WarningWords = new Set(`scam scams scammer scammers scammy phishing phish fraud fraudulent fraudster fake spam suspicious closed dead
  typo blocklist blacklist blocklisted blacklisted unsubscribed
  betrug betrüger betrügerisch betrugsmail gefälscht fälschung tippfehler gesperrt geschlossen aufgelöst
  arnaque arnaqueur escroquerie frauduleux faux fausse clôturé fermé coquille hameçonnage
  estafa estafador fraude falso falsa cerrada cerrado errata suplantación`.split(/\s+/u).filter((w) => w !== ""));

/**
 * What has happened to a value that makes it one to avoid, said of the value itself ("GB33… is frozen", "the address
 * was hacked"): read only right after the value, past auxiliaries, since the same words say what happened to other
 * things in the sentence ("tell bob-7 that the meeting is cancelled" excludes no one).
 */
const FactWords = new Set(`frozen suspended compromised hacked stolen invalid deactivated cancelled canceled blocked terminated revoked expired
  gehackt kompromittiert eingefroren gestohlen ungültig deaktiviert gekündigt
  piraté pirate compromis gelé gele volé vole invalide désactivé desactive résilié resilie
  hackeado hackeada comprometido comprometida congelado congelada robado robada inválido inválida desactivado desactivada cancelado cancelada`.split(/\s+/u).filter((w) => w !== ""));
const Auxiliaries = new Set("is was got has have been be now just ist wurde war worden est a été etait était fue está esta es ha sido".split(" "));
/** Words that make a sentence pointing back ("That account was hacked.") speak of an account or an address. */
const ValueNouns = new Set("account address number iban mail email e-mail konto adresse nummer compte numéro numero cuenta dirección direccion".split(" "));

/**
 * A short sentence after the value's that takes it back as a whole, holding no value of its own: a refusal on its own
 * ("Not happening.", "No way.") or a warning about what it points back to ("That account is fraud.", "Das ist
 * Betrug."). Anything longer or holding a value is a sentence of its own ("Don't be late." is not a refusal).
 */
const Refusals = new Set(["not happening", "no way", "never", "nope", "never ever", "not that one", "auf keinen fall", "kommt nicht in frage", "niemals", "hors de question", "jamais", "pas question", "ni hablar", "de ninguna manera", "nunca"]);
const PointersBack = new Set("that this it those these das dies diese dieses es ça ca cela ce celui ceci eso esto esa ese esta este ella".split(" "));
const MaxBackWords = 8;

/** Whether the sentence that follows [.., stop) takes the value back (see `Refusals`), and the words that do. */
function takenBackAfter(text: string, stop: number): string | undefined {
  const restStart = stop + 1;
  let end = restStart;
  const hi = Math.min(text.length, restStart + 200);
  while (end < hi && !/[.!?\n;]/u.test(text[end] ?? "")) end++;
  const next = text.slice(restStart, end).trim();
  const words = wordsOf(next);
  if (words.length === 0 || words.length > MaxBackWords || words.some(valueLike)) return undefined;
  const phrase = words.join(" ");
  if (Refusals.has(phrase)) return next;
  if (PointersBack.has(words[0] ?? "") && (words.some((w) => WarningWords.has(w)) || (words.some((w) => FactWords.has(w)) && words.some((w) => ValueNouns.has(w))))) return next;
  return undefined;
}

/** Words that say an amount is a state, not something to pay ("my balance is 4800", "my limit is 4800"). */
const StateWords = new Set("balance limit max maximum budget cap kontostand guthaben höchstbetrag solde plafond saldo límite limite".split(" "));

/**
 * Contracted negations of "to be" after the value ("GB33… isn't Kern's account"): said of the value itself. "is not",
 * "ist nicht", "n'est pas", "no es" are read by the negation lexicon already.
 */
const ContractedNegations = new Set(["isn't", "isnt", "wasn't", "wasnt", "aren't", "arent", "ain't"]);

/**
 * Words before the value that make it someone else's words the owner relays ("they say the IBAN is now …", "the mail
 * says", "according to", "laut", "selon", "según"): the owner reports, they do not give the value (a decision,
 * docs/security.md: the owner who vouches for a value types it in their own voice).
 */
const ReportedPhrases = ["they say", "they said", "they write", "they wrote", "they claim", "they claimed", "they told me", "they tell me", "apparently",
  "supposedly", "allegedly", "according to", "sie sagen", "sie schreiben", "laut", "angeblich", "anscheinend", "ils disent", "ils écrivent",
  "selon", "apparemment", "soi-disant", "dicen", "escriben", "según", "segun", "al parecer", "supuestamente"];
const ReportedVerbs = new Set("says said writes wrote claims claimed states stated sagt schreibt schrieb behauptet dit écrit ecrit prétend pretend dice escribe afirma".split(" "));

function reportedBy(before: readonly string[]): string | undefined {
  const joined = ` ${before.join(" ")} `;
  const phrase = ReportedPhrases.find((p) => joined.includes(` ${p} `));
  if (phrase !== undefined) return phrase;
  // "Kern says …", "the mail says …" (not "I said"): a third party's saying.
  const i = before.findIndex((w) => ReportedVerbs.has(w));
  return i > 0 && before[i - 1] !== "i" && before[i - 1] !== "ich" && before[i - 1] !== "je" && before[i - 1] !== "yo" ? before[i] : undefined;
}

/** Negations of verb-final languages that stand by the final verb (Hindi, Urdu, Bengali; Persian negated verbs). */
const VerbFinalNegations = new Set("मत नहीं न ना مت نہیں نہ না নয় নাহ نفرست نفرستید نفرستین نریز نریزید نزن نکن نکنید".split(" "));

/** Modal and auxiliary verbs that may stand between a value and the negation that rules it out ("X must never"). */
const Modals = new Set("must should shall may can will would is are was does do did has darf soll sollte wird ist hat doit devrait est debe es".split(" "));

/** Conjunctions that open a clause of their own ("…, but I won't"). */
const ClauseConjunctions = new Set(["but", "aber", "sondern", "mais", "pero", "sino"]);

/**
 * The words of a text, lower case. A combining mark is part of its word (Hindi "केर्न" is one word, not "केर" and the
 * negation "न"); a run of a script written without spaces (Thai) is cut into its words by `Intl.Segmenter`.
 */
function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{M}\p{N}'’-]+/u).map((w) => w.replace(/’/gu, "'").replace(/^'+|'+$/gu, "")).filter((w) => w !== "")
    .flatMap((w) => (Unspaced.test(w) ? [...unspacedWords().segment(w)].filter((x) => x.isWordLike === true).map((x) => x.segment) : [w]));
}
const Unspaced = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
let unspacedMade: Intl.Segmenter | undefined;
const unspacedWords = () => (unspacedMade ??= new Intl.Segmenter("th", { granularity: "word" }));

/** A token that is itself a value (carries a digit or an `@`): it stops a negation that follows another value. */
function valueLike(word: string): boolean {
  return /[\p{N}@]/u.test(word);
}

function negationIn(words: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? "";
    if (negatesAt(words, i)) return w;
  }
  const joined = ` ${words.join(" ")} `;
  return NegationPhrases.find((p) => joined.includes(` ${p} `));
}

/** The sentence around [at, end): its bounds in `text`. A parenthesis that holds only the value is not a bound. */
function sentenceAround(text: string, at: number, end: number): { start: number; stop: number } {
  const lo = Math.max(0, at - MaxSentence);
  const hi = Math.min(text.length, end + MaxSentence);
  const bound = (i: number, forward: boolean): boolean => {
    const c = text[i] ?? "";
    if (c === "\n" || c === ";") return true;
    // A parenthesis opening after the value or closing before it bounds; one around it bounds unless it holds only
    // the value (an apposition: "my ex (X) must never learn it").
    if ((c === "(" && forward) || (c === ")" && !forward)) return true;
    if (c === "(" || c === ")") {
      const open = forward ? text.lastIndexOf("(", at) : i;
      const close = forward ? i : text.indexOf(")", end);
      if (open === -1 || close === -1) return true;
      return (text.slice(open + 1, at) + text.slice(end, close)).trim() !== "";
    }
    if (c === "." || c === "!" || c === "?") return /\s/u.test(text[i + 1] ?? " ");
    return false;
  };
  let start = at;
  while (start > lo && !bound(start - 1, false)) start--;
  let stop = end;
  while (stop < hi && !bound(stop, true)) stop++;
  return { start, stop };
}

/** Where the clause the owner dictates to the value at [at, end) of a sentence lies (naming.ts `dictatedOpening`). */
export type Dictated = (sentence: string, at: number, end: number) => { from: number; to: number } | undefined;

/**
 * How the owner's `text` holds the value at [at, end) (see the header). `words` quotes the owner's words that decided
 * it, for the reason shown to the owner. `dictated`, for a message's recipient: the clause the owner dictates to it
 * is the message's, not the owner's, and is read as quoted words are ("text contact-1: don't forget the keys").
 */
export function readValue(text: string, at: number, end: number, dictated?: Dictated): ValueReading {
  const { start, stop } = sentenceAround(text, at, end);
  const raw = text.slice(start, stop);
  const vAt = at - start;
  const vEnd = end - start;
  // Quoted words are someone's text (a message to send, a scam mail's words), not the owner's clause: the reader skips
  // them, and a value inside them is only reported.
  const quotes = quotedSpans(raw);
  const quoted = quotes.some((q) => q.from < vAt && vEnd < q.to);
  const unquoted = quoted ? raw : quotes.reduce((acc, q) => acc.slice(0, q.from) + " ".repeat(q.to - q.from) + acc.slice(q.to), raw);
  const told = quoted ? undefined : dictated?.(unquoted, vAt, vEnd);
  const sentence = told === undefined ? unquoted : unquoted.slice(0, told.from) + " ".repeat(told.to - told.from) + unquoted.slice(told.to);
  const excerpt = raw.trim().length > 160 ? `${raw.trim().slice(0, 157)}…` : raw.trim();
  // Clauses: split at commas and at "but"-like conjunctions.
  const pieces: { from: number; to: number }[] = [];
  let from = 0;
  const splitter = /[,，、،]|\s(?:but|aber|sondern|mais|pero|sino)\s/giu;
  for (const m of sentence.matchAll(splitter)) {
    pieces.push({ from, to: m.index });
    from = m.index + 1;
  }
  pieces.push({ from, to: sentence.length });
  const index = pieces.findIndex((p) => p.from <= vAt && vEnd <= p.to);
  const clause = index === -1 ? { from: 0, to: sentence.length } : pieces[index] ?? { from: 0, to: sentence.length };
  // A warning word rules out the value of its clause, or of its sentence when the sentence holds no other value
  // ("Pay DE44, GB33 is the scam account": DE44 stays given).
  const others = wordsOf(sentence.slice(0, vAt) + " " + sentence.slice(vEnd)).some(valueLike);
  const warning = wordsOf(others ? sentence.slice(clause.from, clause.to) : sentence).find((w) => WarningWords.has(w));
  if (warning !== undefined) return { reading: "excluded", words: `“${excerpt}” (${warning})` };
  const before = wordsOf(sentence.slice(clause.from, vAt));
  const after = wordsOf(sentence.slice(vEnd, clause.to));
  // "GB33… is frozen", "billing@… was hacked": what happened to the value, said right after it.
  const fact = after.find((w) => !Auxiliaries.has(w));
  if (fact !== undefined && FactWords.has(fact)) return { reading: "excluded", words: `“${excerpt}” (${fact})` };
  const cueBefore = negationIn(before);
  if (cueBefore !== undefined) return { reading: "excluded", words: `“${excerpt}” (${cueBefore})` };
  // Korean, Japanese, Chinese: the clause's own cancel or prohibition; a clause that is the value and a noun or two
  // ("…보내는 거 됐어, 계좌 DE44…": four letters at most besides the value) is read with its sentence.
  const clauseRest = sentence.slice(clause.from, vAt) + sentence.slice(vEnd, clause.to);
  const cjkScope = (clauseRest.match(/\p{L}/gu) ?? []).length <= 4 ? sentence : sentence.slice(clause.from, clause.to);
  const cjk = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(cjkScope) ? cjkCancel(cjkScope) : undefined;
  if (cjk !== undefined) return { reading: "excluded", words: `“${excerpt}” (${cjk})` };
  // "X must never learn it": a negation right after the value, past at most a modal verb, with no value after it.
  const modals = after.findIndex((w) => !Modals.has(w));
  const cueAfter = modals === -1 || modals > 2 ? undefined : (negationIn(after.slice(modals, modals + 1)) ?? (ContractedNegations.has(after[modals] ?? "") ? after[modals] : undefined));
  if (cueAfter !== undefined && !after.slice(modals).some(valueLike)) return { reading: "excluded", words: `“${excerpt}” (${cueAfter})` };
  // Hindi, Urdu, Bengali, Persian put the verb last, its negation beside it: "…GB33… पर पैसे मत भेजो", "…به GB33… پول نفرست".
  const final = after.slice(-2).find((w) => VerbFinalNegations.has(w));
  if (final !== undefined && !after.some(valueLike)) return { reading: "excluded", words: `“${excerpt}” (${final})` };
  // "…, but I won't": a clause that is only a negation takes back the one before it.
  const next = index === -1 ? undefined : pieces.slice(index + 1).find((p) => sentence.slice(p.from, p.to).trim() !== "");
  if (next !== undefined) {
    const nextWords = wordsOf(sentence.slice(next.from, next.to)).filter((w) => !ClauseConjunctions.has(w));
    const cue = negationIn(nextWords);
    // "'…' now, not tomorrow", "'…' jetzt, nicht heute Abend": a later time ruled out beside a now the owner said says
    // when, not which value (owner-when.ts reads it); "…, but not now", "…, maar pas later" still take it back.
    const whenOnly = cue !== undefined && rulesOutLater(nextWords.slice(nextWords.indexOf(cue) + 1)) && saysNow(sentence.slice(0, next.from));
    if (cue !== undefined && !whenOnly && nextWords.length <= 3 && !nextWords.some(valueLike)) return { reading: "excluded", words: `“${excerpt}” (${cue})` };
  }
  // "… GB33…. Not happening.", "… GB33…. That account is fraud.": the next sentence takes it back.
  const back = /[.!]/u.test(text[stop] ?? "") ? takenBackAfter(text, stop) : undefined;
  if (back !== undefined) return { reading: "excluded", words: `“${excerpt}” (“${back}”)` };
  if (text[stop] === "?") return { reading: "mentioned", words: `“${excerpt}” (a question)` };
  if (quoted) return { reading: "mentioned", words: `“${excerpt}” (in quotation marks: words you reported)` };
  // "they say the IBAN is now GB33…": the owner relays someone's words, not a value of their own.
  const reported = reportedBy(before);
  if (reported !== undefined) return { reading: "mentioned", words: `“${excerpt}” (${reported}: words you reported)` };
  const previous = before.at(-1);
  // "Vire 1 250 € sur FR14…", "bonifico su IT60…": before an account, French "sur" and Italian "su" say onto, not about.
  const onto = OntoAccount.has(previous ?? "") && (Iban.test(sentence.slice(vAt, vEnd)) || /^[A-Z]{2}\d{2}[A-Z0-9 ]{8,40}$/u.test(sentence.slice(vAt, vEnd).trim()));
  if (previous !== undefined && !onto && NotDestinationBefore.has(previous) && !/^[\d.,]+$/u.test(sentence.slice(vAt, vEnd))) return { reading: "mentioned", words: `“${excerpt}” (${previous})` };
  const state = before.slice(-3).find((w) => StateWords.has(w));
  if (state !== undefined) return { reading: "mentioned", words: `“${excerpt}” (${state})` };
  return { reading: "given" };
}

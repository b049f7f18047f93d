/**
 * How the owner's words name a recipient, a host or a service: the reader of the owner's sentence. A name is a
 * destination only when the owner's *request* makes it one: the object of a verb that sends, posts, schedules or
 * fetches, in a clause that asks for it now (an imperative, "can you …?", "please …", "I want you to …"), not negated
 * and not taken back afterwards; or a message that is the name alone, answering "to whom?"; or the name given for one
 * that was ("send it to my manager" … "my manager is bob"). Anything else is a mention: negated, a topic or a sender,
 * a question ("Should I post to x.example?"), a report ("I posted my CV to x.example", "I was going to send it to
 * bob"), a send taken back ("Just kidding", "Wait, no", "Laisse tomber"), or inside quoted, forwarded or pasted text
 * (a code block, an HTML comment, a log line). A sentence the reader cannot read names nobody: it never guesses a
 * destination. Naming something is consent to send there only as a destination.
 *
 * Sentences and words are found with `Intl.Segmenter` (Japanese and Chinese have no spaces); the words it knows are
 * in naming-lexicon.ts. The name itself is located verbatim by the caller's pattern.
 */
import {
  AdviceQuestions, CallOffVerbs, InterrogativeFrames, AnsweringVerbs, AnswerRetractions, AnswerWords, Articles, NotRequestFrames, PersonVerbs, ReportOpeners, NounAfterVerb, CjkDontForget, cjkCancel, CjkNegations, CjkPast, CjkSendCalledOff, CjkQuestion, CjkRequest, CjkRetractions, CjkSendStems, CjkToAfter, CjkToBefore, CjkAskStems, CjkCoverbs, Clitics, DativeClitics, PassVerbs,
  Conditionals, Conjunctions, JokingEmoji, NegationPhrases, Negations, NegationsBeforeVerb, NegatedSendVerbs, NegationUndone, negatesAt, NotDelivering, NotYet, CjkDeliverStems, NotDestinationBefore, QuestionEnders, QuestionOpeners, ReadingVerbs, ReportWords,
  ReportWordsAfter, RequestFrames, RetractionFillers, Retractions, SendVerbs, Subjects, Subordinators, ToAfterVerb, ToAfterWords, ToWords,
} from "./naming-lexicon.ts";
import { FileExtensions } from "./write-values.ts";
import { BareNo, callOffIn, callsOffMessage, endsRefused, hedged, struckAt } from "./owner-call-off.ts";
import { MoreLanguages, moreWords } from "./naming-languages.ts";
import { listedRecipient } from "./owner-lists.ts";
import { asksBack, isConfirmation } from "./owner-confirm.ts";
import type { FlowState } from "./types.ts";
import { hostsNamedIn } from "./urls.ts";
import { timeAt, timeReferences } from "./time-expression.ts";
import { firstTokenMatch, tokenMatches, WordEdges, WordEdgesIgnoringCase } from "./token-match.ts";
import { closingQuote, opensQuote } from "../text/quote-marks.ts";

export type Naming = "destination" | "mention" | "absent";

/** A naming and, for a mention, why it is not a destination, in words the owner reads ("you took it back: “jk”"). */
export type NamingReading = { naming: Naming; note?: string };

const MaxNamingChecks = 64;
/** Owner texts after the one naming something that are searched for a retraction of it. */
const MaxLaterTexts = 8;
const MaxTextChecked = 20_000;

// The segmenters are made at their first use: each loads ICU's break rules (the word one its dictionaries), memory an
// idle gateway need not hold.
let sentenceSegmenterMade: Intl.Segmenter | undefined;
const sentenceSegmenter = () => (sentenceSegmenterMade ??= new Intl.Segmenter("und", { granularity: "sentence" }));
/** Thai (and Lao, Khmer, Burmese) write no spaces between words: ICU's dictionary finds them. */
let wordSegmenterMade: Intl.Segmenter | undefined;
const wordSegmenter = () => (wordSegmenterMade ??= new Intl.Segmenter("th", { granularity: "word" }));
const unspaced = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** `s` as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The words of a text, lower case, without the punctuation around them (a hyphen that ends a word goes too: Hebrew
 * writes the prefix "ל-" before a Latin name; a vowel sign that ends one stays: Hindi "भेजो"). A run in a script written without spaces is cut into its words.
 */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().replace(/[’‘]/g, "'").split(/[\s,:()]+/).filter((w) => w !== "")
    .flatMap((w) => (unspaced.test(w) ? [...wordSegmenter().segment(w)].filter((x) => x.isWordLike === true).map((x) => x.segment) : [w]))
    .map((w) => w.replace(/^[^\p{L}\p{M}\p{N}@'-]+|[^\p{L}\p{M}\p{N}']+$/gu, "")).filter((w) => w !== "");
}

/**
 * A short negation of one language that is a common word of another ("et", "ma", "אל", see NegationsBeforeVerb):
 * whether it negates here, that is whether one of its own language's verbs follows it (next word or the one after).
 */
function negatesBeforeVerb(word: string, next: readonly (string | undefined)[]): boolean {
  const readings = NegationsBeforeVerb.get(word);
  if (readings === undefined) return false;
  // "אל תשכח" is "don't forget": a verb of forgetting next is a reminder, not a negation.
  if (next.some((n) => n !== undefined && NegationUndone.has(n))) return false;
  return next.some((n) => n !== undefined && readings.some((r) => r.verbs.has(n) || (r.shape?.test(n) ?? false)));
}

/** A word is a sending verb as written, with a clitic pronoun attached (`envíalo`, `envoie-le`), or its first part. */
function isSendVerb(word: string, verbs: ReadonlySet<string> = SendVerbs): boolean {
  return verbWithClitic(word, verbs) || (verbs === SendVerbs && passWithDative(word));
}

/** "Pass" with a dative clitic written onto it or after a hyphen (`pásale`, `pásaselo`, `passagli`, `passa-lhe`, `passe-lui`): a sending verb. */
export function passWithDative(word: string): boolean {
  const plain = word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  const [head = "", tail] = plain.split("-");
  if (tail !== undefined) return PassVerbs.has(head) && DativeClitics.includes(tail);
  return DativeClitics.some((c) => plain.endsWith(c) && PassVerbs.has(plain.slice(0, -c.length)));
}

/**
 * A word is one of `verbs` as written, with a Romance clitic pronoun attached (`págale`, `pagagli`, `envíalo`) or after
 * a hyphen (`paie-lui`, `paga-lhe`, `envoie-le`), accents aside. `minStem`: the shortest verb read under a written-in
 * clitic (`hazle` needs 3).
 */
export function verbWithClitic(word: string, verbs: ReadonlySet<string>, minStem = 4): boolean {
  if (verbs.has(word)) return true;
  const head = word.split("-")[0] ?? "";
  if (head !== word && head.length >= Math.min(3, minStem) && verbs.has(head)) return true;
  const plain = word.normalize("NFD").replace(/\p{M}/gu, "");
  return Clitics.some((c) => plain.length >= c.length + minStem && plain.endsWith(c) && [...verbs].some((v) => v.length >= minStem && v.normalize("NFD").replace(/\p{M}/gu, "") === plain.slice(0, -c.length)));
}

/** English past forms of a sending verb ("sent", "posted", "emailed"): a report, unless passive ("have it sent"). */
const IrregularPast = new Set(["sent", "wrote", "written", "told", "got", "gotten", "forwarded", "shared"]);
function pastOfSendVerb(word: string): boolean {
  if (IrregularPast.has(word)) return true;
  if (!word.endsWith("ed") || word.length < 5) return false;
  const stem = word.slice(0, -2);
  return [stem, `${stem}e`, stem.slice(0, -1)].some((s) => s.length >= 3 && SendVerbs.has(s) && !["to", "via", "into", "onto"].includes(s));
}
function thirdPersonOfSendVerb(word: string): boolean {
  if (!word.endsWith("s") || word.length < 4) return false;
  return [word.slice(0, -1), word.endsWith("es") ? word.slice(0, -2) : ""].some((s) => s.length >= 3 && SendVerbs.has(s) && !["to", "via", "into", "onto"].includes(s));
}
const PassiveBefore = new Set(["be", "being", "get", "getting", "have", "having", "is", "are", "it's", "gets"]);

function hasPhrase(words: readonly string[], phrase: string): boolean {
  const parts = phrase.split(" ");
  for (let i = 0; i + parts.length <= words.length; i++) if (parts.every((p, j) => words[i + j] === p)) return true;
  return false;
}

function hasRequestFrame(words: readonly string[]): boolean {
  return RequestFrames.some((f) => hasPhrase(words, f));
}

/** Three words at most of a sentence, for a note the owner reads (never the whole sentence: it may hold a secret). */
function excerpt(text: string): string {
  const w = text.trim().split(/\s+/).filter((x) => x !== "");
  const head = w.slice(0, 3).map((x) => x.slice(0, 24)).join(" ");
  return w.length > 3 ? `${head} …` : head;
}

type Hidden = { start: number; end: number; what: string };

/**
 * The parts of an owner text that are not the owner's request: quoted and forwarded text, code blocks and inline
 * code, HTML comments, pasted log lines and `key=value` fields. Each with what it is, for the note.
 */
function hiddenParts(text: string): Hidden[] {
  const out: Hidden[] = [];
  const add = (re: RegExp, what: string) => {
    for (const m of text.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length, what });
  };
  add(/(`{3,}|~{3,})[\s\S]*?(?:\1|$(?![\s\S]))/g, "inside a code block you pasted");
  add(/^(?: {4,}|\t).*$/gm, "inside an indented code block");
  add(/~~[^~\n]+~~|<(s|del|strike)\b[^>]*>[\s\S]*?(?:<\/\1>|$(?![\s\S]))/gi, "in struck-out text");
  add(/<!--[\s\S]*?(?:-->|$(?![\s\S]))/g, "inside an HTML comment");
  add(/^[ \t]*>.*$/gm, "inside quoted text");
  add(/(?<!-)-{3,}\s*(?:forwarded|original) message\s*-{3,}[\s\S]*$/gi, "inside a forwarded message");
  // A log line opens with a time to the second or a level in capitals (an owner scheduling writes "2026-12-10 09:00").
  add(/^[ \t]*(?:\[?\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}:\d{2}|\[?\d{1,2}:\d{2}:\d{2}|\[?(?:ERROR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL|CRITICAL)\b).*$/gm, "in a pasted log line");
  // A request or access-log line: an HTTP method in capitals, then a URL or path and more of the line (a status, a
  // time, `HTTP/1.1`): `POST https://x.example/upload 500 31ms` reports a request, it does not ask for one.
  add(/^[ \t]*(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE)[ \t]+\S+[ \t]+\S.*$/gm, "in a pasted request line");
  // Starting only at a token's start: a long run with no `=` is then read once, not once per character.
  add(/(?<![\p{L}\p{N}_.-])[\p{L}\p{N}_.-]+=[^\s,;&]+/gu, "in a pasted `key=value` field");
  add(/"[^"\n]*"|“[^”\n]*”|«[^»\n]*»|„[^“”\n]*[“”]|「[^」\n]*」|`[^`\n]*`|(?<![\p{L}\p{N}])'[^'\n]{2,}?'(?![\p{L}\p{N}])/gu, "inside quoted text");
  return out;
}

function blanked(text: string, hidden: readonly Hidden[]): string {
  const chars = [...text.split("")];
  for (const h of hidden) for (let i = h.start; i < h.end; i++) if (chars[i] !== "\n") chars[i] = " ";
  return chars.join("");
}

type Sentence = { start: number; end: number; text: string };

/** A number's multiplier abbreviated with a full stop ("2 Tsd.", "1,5 Mio.", "2 tys.", "3 тыс.", "2 χιλ."): no sentence end. */
const AmountAbbreviationEnd = /\p{N}\s?(?:tsd|mio|mrd|tys|mln|тыс|млн|χιλ|εκατ)\.\s*$/iu;

function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const s of joinedAfter(sentenceSegmenter().segment(text), AmountAbbreviationEnd)) {
    // A semicolon ends a clause as a full stop does.
    let from = 0;
    for (const part of s.segment.split(/(?<=;)/)) {
      out.push({ start: s.index + from, end: s.index + from + part.length, text: part });
      from += part.length;
    }
  }
  return out;
}

/** Segments joined to the next where one ends as `end` says (an abbreviation the segmenter took for a sentence end). */
function joinedAfter(segments: Iterable<Intl.SegmentData>, end: RegExp): { index: number; segment: string }[] {
  const out: { index: number; segment: string }[] = [];
  let glue = false;
  for (const s of segments) {
    const last = out.at(-1);
    if (glue && last !== undefined) last.segment += s.segment;
    else out.push({ index: s.index, segment: s.segment });
    glue = end.test(s.segment);
  }
  return out;
}

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const conjunctionSplit = new RegExp(`,|\\s[-–—]+\\s|(?<![\\p{L}\\p{N}])(?:${Conjunctions.join("|")})(?![\\p{L}\\p{N}])`, "iu");
/** The endings of files an owner sends by name (write-values.ts's, and office documents, calendar and contact files). */
const DocumentExtensions: ReadonlySet<string> = new Set([...FileExtensions, "docx", "doc", "odt", "xlsx", "xls", "ods", "pptx", "ppt", "odp", "rtf", "ics", "vcf", "eml", "epub", "pages", "numbers", "key"]);
const conjunctionSplitKept = new RegExp(`(${conjunctionSplit.source})`, "iu");
// A full stop inside a word ("notes.txt") ends nothing: a verb-last language puts a file name between the name and the verb.
const clauseSplit = new RegExp(`[,;:!?。！？、،]+|\\.+(?![\\p{L}\\p{N}])|\\s[-–—]+\\s|[—–]{2,}|(?<![\\p{L}\\p{N}])but(?![\\p{L}\\p{N}])`, "iu");
const clauseSplitKept = new RegExp(`(${clauseSplit.source})`, "iu");

const DontObjectless = new Set(["actually", "really", "do", "that", "this", "it", "send", "please", "now", "yet", "anything", "so"]);

/** A clause that only takes back what came before ("just kidding", "wait, no", "laisse tomber", "冗談です", "😜"). */
function retractionIn(clause: string, laterMessage = false, postponing = true, name?: string): string | undefined {
  return listedRetraction(clause) ?? callOffIn(clause.trim(), wordsOf(clause), laterMessage, postponing) ?? messageCalledOff(clause, name);
}

/** A clause that calls the message to `name` (a recipient read, not an act) off by its structure (owner-call-off.ts `callsOffMessage`): the clause. */
function messageCalledOff(clause: string, name?: string): string | undefined {
  return name === undefined || callsOffMessage(wordsOf(clause), name, (w) => isSendVerb(w)) === undefined ? undefined : clause.trim();
}

function listedRetraction(clause: string): string | undefined {
  const raw = clause.trim();
  if (raw === "") return undefined;
  if (JokingEmoji.some((e) => raw.includes(e)) && wordsOf(raw).every((w) => RetractionFillers.has(w) || Retractions.has(w))) return raw;
  if (cjk.test(raw)) return CjkRetractions.some((r) => raw.replace(/^[\p{P}\s]+/u, "").startsWith(r)) ? raw : undefined;
  // Written with its own punctuation ("/s", "j/k").
  if (Retractions.has(raw.toLowerCase())) return raw;
  const words = wordsOf(raw);
  let a = 0;
  let b = words.length;
  // Fillers on both sides ("oh wait, never mind that", "probably not"); the marker itself is what remains.
  while (a < b && RetractionFillers.has(words[a] ?? "") && !Retractions.has(words.slice(a, b).join(" "))) a++;
  while (b > a && RetractionFillers.has(words[b - 1] ?? "") && !Retractions.has(words.slice(a, b).join(" "))) b--;
  const core = words.slice(a, b).join(" ");
  if (core !== "" && Retractions.has(core)) return raw;
  // "Don't actually do this", "do not send it now": a negation whose verb has no object of its own.
  const rest = core.replace(/^(?:don't|dont|do not)\b/, "");
  return rest !== core && wordsOf(rest).every((w) => DontObjectless.has(w)) ? raw : undefined;
}

/** The first retraction in `text`, clause by clause (bounded), after its first `skip` clauses. */
function firstRetraction(text: string, laterMessage = false, midSentence = false, listedOnly = false, postponing = true, name?: string): string | undefined {
  // What continues the clause before, with no mark between ("remind me to email bob tomorrow"), is read only for
  // the listed retractions and an emoji of refusal: a call-off of owner-call-off.ts stands in a clause of its own.
  const continues = midSentence && !/^\s*(?:[,;!?。！？、()]|\.|\s[-–—]|[-–—]\s|\n)/u.test(text);
  const clauses = text.split(clauseSplit).filter((c) => c.trim() !== "").slice(0, laterMessage ? 3 : 200);
  for (const [i, c] of clauses.entries()) {
    const r = listedOnly ? listedRetraction(c) : i === 0 && continues ? listedRetraction(c) ?? (endsRefused(c) && wordsOf(c).length === 0 ? c.trim() : undefined) : retractionIn(c, laterMessage, postponing, name);
    // A later message's bare "No." more likely answers the agent's question than takes back the send.
    if (r !== undefined && !(laterMessage && AnswerRetractions.has(wordsOf(r).filter((w) => !RetractionFillers.has(w)).join(" ")))) return r;
  }
  return undefined;
}

/** The owner's text as read: compatibility forms folded, invisible format characters (zero-width) dropped. */
function normalized(raw: string): string {
  return raw.slice(0, MaxTextChecked).normalize("NFKC").replace(/[’‘]/g, "'").replace(/[\u200b\u2060\ufeff]/g, " ").replace(/\p{Cf}/gu, "");
}

/**
 * A question: a question mark (Arabic and Persian `؟`; Greek writes it `;`), or a word that opens one (Arabic `هل`,
 * Polish "czy") or ends one (Thai `ไหม`) in a language that may write none.
 */
function isQuestion(sentence: string): boolean {
  const t = sentence.trim().replace(/["'”’»)\]\s\p{Extended_Pictographic}]+$/u, "");
  if (/[?？؟][?？؟!！.]*$/.test(t) || t.startsWith("¿") || CjkQuestion.some((q) => t.replace(/[。.!！]+$/, "").endsWith(q) && cjk.test(t))) return true;
  if (/;$/.test(t) && /\p{Script=Greek}/u.test(t)) return true;
  const w = wordsOf(t);
  return QuestionOpeners.has(w[0] ?? "") || QuestionEnders.has(w[w.length - 1] ?? "");
}

/** A request with a tag ("send it to bob, ok?", "…, will you?"): the question is only the tag. */
const QuestionTags = new Set(["ok", "okay", "alright", "please", "pls", "thanks", "thx", "will you", "would you", "can you", "could you", "won't you", "yes", "d'accord", "bitte", "vale", "va bene", "oké"]);
function tagQuestion(sentence: string): boolean {
  const clauses = sentence.split(/,/);
  return clauses.length > 1 && QuestionTags.has(wordsOf(clauses[clauses.length - 1] ?? "").join(" "));
}

/**
 * `askedBefore`: beside `ownerTexts`, the agent's question each owner text answers (FlowState `askedBefore`); read for
 * recipients, where an answer to the agent's "Send …?" that is no clear yes calls the send off (`declinedAnswer`).
 */
type Ctx = { ownerTexts: readonly string[]; textIndex: number; lenient: boolean; readsFrom: boolean; depth: number; askedBefore?: readonly string[] | undefined; repliedBefore?: readonly string[] | undefined };

/** Words the owner quotes inside a CJK request ("contact-1 に「了解です」と返信して", 给 contact-1 发“…”): the message's, not the request's. */
const cjkQuoted = /「[^」]*」|『[^』]*』|“[^”]*”|"[^"]*"|‘[^’]*’/gu;
/** The request's own words after the name: quoted words blanked, cut where dictated words open after a colon. */
function cjkRequestAfter(after: string): string {
  return (after.replace(cjkQuoted, " ").split(/[:：]/)[0] ?? "");
}
/**
 * Japanese and Korean put the words told before a quotative and the verb of telling ("contact-1 に今日は行けないと伝えて",
 * "contact-1 에게 오늘 못 간다고 전해줘"): they are the message's, blanked; the particle, the quotative and the verb stay.
 */
function withoutToldBeforeVerb(after: string): string {
  const m = /^(\s*\S*?(?:に|へ|에게|한테|께))(.+?)((?:と|って|라고|다고|자고|냐고)\s*)(?=\S)/u.exec(after);
  if (m === null) return after;
  const rest = after.slice(m[0].length);
  return CjkSendStems.some((s) => rest.startsWith(s)) ? `${m[1] ?? ""} ${m[3] ?? ""}${rest}` : after;
}
/** A Chinese verb's "a bit", "once" ("问一下", "说一声"): the verb is the word before it. */
const cjkVerbTail = /(?:一下|一声|一聲|下)$/u;

/**
 * Japanese, Chinese, Korean: the particle that makes the name where something goes, and the verb's mood. `toldAt` is
 * where the words told to the name open (after a colon, a quote, or the verb of asking whose question follows): their
 * question mark is the message's.
 */
function cjkReading(sentence: string, at: number, endAt: number): (NamingReading & { toldAt?: number }) | undefined {
  const before = sentence.slice(0, at);
  // A host's port or path ("x.example:8080/status を確認して") is part of the name, not of the sentence.
  const rawAfter = sentence.slice(endAt).replace(/^(?::\d+)?(?:[/?#]\S*)?/u, "").replace(/^[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}:：「『“"]*/u, "");
  const after = cjkRequestAfter(rawAfter).split(/[。！？!?\n]/)[0] ?? "";
  const beforeClause = before.split(/[、,，。]/).pop() ?? "";
  const toAfter = CjkToAfter.some((p) => after.trimStart().startsWith(p)) || /^\s*[をでから]/.test(after);
  // Chinese puts the object straight after its verb ("打开x.example", "问一下 contact-1"): the verb itself marks where the request goes.
  const verbBefore = beforeClause.trimEnd().replace(cjkVerbTail, "");
  const toBefore = [...CjkToBefore, ...CjkCoverbs].some((p) => beforeClause.trimEnd().endsWith(p)) || (/\p{Script=Han}$/u.test(verbBefore) && CjkSendStems.some((v) => verbBefore.endsWith(v)));
  if (!toAfter && !toBefore) return undefined;
  // A coverb ("给/跟/对 contact-1 发/说 …") with no verb of its own: the verb right after the name is the request's.
  const coverb = toBefore && !CjkSendStems.some((s) => beforeClause.includes(s)) && CjkCoverbs.some((c) => beforeClause.trimEnd().endsWith(c))
    && CjkSendStems.some((s) => after.trimStart().startsWith(s));
  const verbPart = toAfter ? withoutToldBeforeVerb(after) : coverb ? after : beforeClause;
  if (!CjkSendStems.some((s) => verbPart.includes(s))) return undefined;
  const request = CjkRequest.some((r) => sentence.includes(r));
  // A coverb's negation comes before it ("别跟 contact-1 说", "不要给 contact-1 发"); what follows its verb is what is said.
  const negated = coverb ? `${beforeClause} ${CjkSendStems.find((s) => after.trimStart().startsWith(s)) ?? ""}` : verbPart;
  if (CjkNegations.some((n) => negated.includes(n) && !(n === "不" && negated.includes("不要紧")))) return { naming: "mention", note: `with a negation (“${excerpt(sentence)}”)` };
  // The tense is the final verb's ("到着したと送って" sends; a past inside what is said is not the request's).
  const trimmed = verbPart.trim().replace(/[。！？!?.\s]+$/, "");
  // Korean writes spaces between words: the final verb is the last one; Japanese has none: its last characters.
  // A coverb's verb is the one after the name, with the mark of a past right after it ("跟 contact-1 说过"), not the words said.
  const coverbVerb = coverb ? CjkSendStems.find((s) => after.trimStart().startsWith(s)) ?? "" : "";
  const final = coverb ? after.trimStart().slice(0, coverbVerb.length + 1) : !toAfter ? verbPart : /\p{Script=Hangul}/u.test(trimmed) ? (trimmed.split(/\s+/).pop() ?? "") : trimmed.slice(-8);
  if (CjkPast.some((p) => final.includes(p) || (toBefore && !coverb && after.startsWith(p)))) return { naming: "mention", note: `in a report of something done, not a request (“${excerpt(sentence)}”)` };
  // What the name is told or asked opens after a colon or a quote, or after a verb of asking before the name.
  const opener = /[:：「『“"]/u.exec(sentence.slice(endAt));
  const asks = !toAfter && !coverb && CjkAskStems.some((s) => verbBefore.endsWith(s));
  const toldAt = opener !== null ? endAt + opener.index : asks ? endAt : undefined;
  const mood = toldAt === undefined ? sentence : sentence.slice(0, toldAt);
  if (isQuestion(mood) && !request) return { naming: "mention", note: `in a question, not a request (“${excerpt(sentence)}”)` };
  return { naming: "destination", ...(toldAt === undefined ? {} : { toldAt }) };
}

/**
 * "My manager is bob-13" after "send it to my manager": the name given for something the owner named as a
 * destination is that destination.
 */
const Copulas = new Set(["is", "'s", "=", "est", "ist", "es", "è", "é", "это", "heißt", "heisst", "s'appelle"]);
const Determiners = new Set(["my", "the", "our", "his", "her", "their", "your", "a", "an", "mon", "ma", "mes", "le", "la", "notre", "mein", "meine", "meinen", "der", "die", "das", "unser", "unsere", "mi", "el", "mio", "mia", "il", "lo", "meu", "minha", "o", "mijn", "het", "onze", "de", "мой", "моя"]);
function copulaReading(sentence: string, at: number, endAt: number, ctx: Ctx): NamingReading | undefined {
  if (ctx.depth > 0) return undefined;
  const before = wordsOf(sentence.slice(0, at).split(conjunctionSplit).pop() ?? "");
  const after = wordsOf(sentence.slice(endAt).split(clauseSplit)[0] ?? "");
  let np: string[] = [];
  if (Copulas.has(before[before.length - 1] ?? "")) np = before.slice(0, -1);
  else if (Copulas.has(after[0] ?? "")) np = after.slice(1);
  np = np.filter((w) => !Determiners.has(w));
  if (np.length === 0 || np.length > 3 || !np.every((w) => /^[\p{L}-]{3,}$/u.test(w))) return undefined;
  const phrase = new RegExp(np.map(escapeRegExp).join("\\s+"), "giu");
  const named = namingIn(ctx.ownerTexts, (text) => tokenMatches(text, phrase, WordEdgesIgnoringCase), { ...ctx, depth: ctx.depth + 1 });
  return named.naming === "destination" ? { naming: "destination" } : undefined;
}

/** Prepositions in elided requests ("the summary to bob"): a stand-in for a verb, never a verb of telling. */
const ElidedVerbs = new Set(["to", "via", "into", "onto"]);
/** The owner as a verb's first object. */
const OwnerSelf = new Set(["me", "us", "moi", "nous", "mir", "mich", "uns", "mí", "mi", "nos", "me", "мне", "нам"]);
/** Words before a recipient's address or channel ("message bob at bob@example.com", "text mom on signal"). */
const AddressWords = new Set(["at", "on", "via", "over", "per", "sur", "auf", "en", "su", "em", "op"]);
/** What stands for a thing, not a person, as a verb's first object ("send it that …" is no telling). */
const ThingWords = new Set(["it", "this", "that", "these", "those", "everything", "something", "all", "them", "ça", "ca", "es", "das", "lo", "la", "le", "les"]);
/**
 * The recipient of a verb of telling, as written after it: an optional preposition ("à bob-7", "an bob-7") and article
 * ("the team"), a name, more names joined by "and", "&" or commas, and "know" ("let bob-7 know").
 */
const toldRecipient = new RegExp(
  `^\\s+(?:(${[...ToWords].map(escapeRegExp).join("|")})\\s+)?(?:(${[...Determiners].map(escapeRegExp).join("|")})\\s+)?(@?[\\p{L}\\p{M}\\p{N}_.+@'-]+)` +
    `(?:(?:\\s*[,&]\\s*|\\s+(?:and|und|et|y|e|i|и|och|og|en)\\s+)(?!(?:${[...ReportOpeners, ...Conjunctions].map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}]))@?[\\p{L}\\p{M}\\p{N}_.+@'-]+)*(\\s+know(?![\\p{L}\\p{N}]))?`,
  "iu",
);

/**
 * Whether the name at `at` lies in what the owner asks to be said rather than in where it goes: after a sending verb
 * and its recipient, the text after a colon, after "that" (in each language the reader knows: `que`, `dass`, `что`,
 * `że`, …), after "let X know", or, for a verb of telling (`tell`, `remind`, `message`: its first object is the person),
 * the rest of its clause ("tell bob-7 I had lunch with mallory-9", "remind bob-7 to call mallory-9"). The name is then
 * the message's content ("tell bob-7 that mallory-9 is joining us" sends nothing to mallory-9), unless a new request
 * opens after the content ("…, then message mallory-9"). Returns the note: the recipient and what opened the content.
 */
/** Articles before a sending word that make it a noun (no possessive that is a conjunction elsewhere: Italian "o", French "ma"). */
const NounArticles = new Set(["the", "a", "an", "le", "la", "les", "un", "une", "der", "die", "das", "den", "dem", "ein", "eine", "einen", "el", "los", "las", "una", "il", "lo", "gli", "het", ...Articles]);

function reportedContent(sentence: string, at: number, endAt: number): string | undefined {
  const before = sentence.slice(0, at);
  const lastClause = before.split(conjunctionSplit).pop() ?? "";
  // "tell bob-7 that A and alice-2 that B": a name joined on by a conjunction and followed by its own "that" opens a
  // clause of its own, the same telling to a second recipient with their own text, not a name inside bob-7's text.
  const joined = /\S/u.test(before) && lastClause.trim() === "";
  if (joined && ReportOpeners.has(wordsOf(sentence.slice(endAt))[0] ?? "")) return undefined;
  // The last clause, when a sending verb opens it after the content, is a request of its own.
  const lastStart = before.length - lastClause.length;
  const lead = wordsOf(lastClause).find((w) => !["please", "pls", "also", "now", "then", "just", "and", "so", "kindly"].includes(w));
  // After a colon only a conjunction ("…: hi, then message mallory-9") opens one: a bare comma continues the words dictated
  // ("text contact-1: nope, ask mallory-7 instead").
  // A dash or a sentence's end after the colon ended those words ("…: dinner at 8 — no wait, send that to mallory-7").
  const sinceColon = /[:：]([^:：]*)$/u.exec(before.slice(0, lastStart))?.[1];
  const dictatedBefore = sinceColon !== undefined && !DictationEnd.test(sinceColon) && !/\p{L}\s*$/u.test(before.slice(0, lastStart));
  const newRequest = lead !== undefined && isSendVerb(lead) && !ElidedVerbs.has(lead) && !dictatedBefore;
  let checked = 0;
  for (const m of before.matchAll(/[\p{L}\p{M}\p{N}'’-]+/gu)) {
    if (checked++ >= MaxNamingChecks) return undefined;
    const verb = m[0].toLowerCase().replace(/’/g, "'");
    if (ElidedVerbs.has(verb) || !isSendVerb(verb)) continue;
    // After an article a sending word is a noun: "email the text of letter.md to …", "schick die Nachricht an …".
    if (NounArticles.has(/([\p{L}]+)\s+$/u.exec(before.slice(0, m.index))?.[1]?.toLowerCase() ?? "")) continue;
    const afterVerb = before.slice(m.index + m[0].length);
    const r = toldRecipient.exec(afterVerb);
    if (r === null) continue;
    const [whole, preposition, article, name = "", know] = r;
    // "remind me to email alice": what the owner asks for themselves is a request to the agent, not a message.
    if (OwnerSelf.has(name.toLowerCase())) continue;
    const rest = afterVerb.slice(whole.length);
    // A link's scheme ("Sprawdź http://…") is no one told: its colon opens no message.
    if (rest.startsWith("://")) continue;
    const opensAt = m.index + m[0].length + whole.length;
    // A path or a file's name is what is sent, not whom ("email club/plain.md to …", "email cv.docx to …").
    if (/^[/\\]/u.test(rest) || (name.includes(".") && DocumentExtensions.has(name.toLowerCase().split(".").pop() ?? ""))) continue;
    // A thing sent ("send it: …" is still content; "send the file that alice wrote to bob" is not telling anyone).
    const person = PersonVerbs.has(verb) || preposition !== undefined || (article === undefined && !ThingWords.has(name.toLowerCase()));
    if (!person && !/^\s*[:：]/u.test(rest)) continue;
    const restWords = wordsOf(rest);
    // The opener right after the recipient, or after one more word ("berätta för bob-7 att …": a preposition unknown).
    const that = restWords.slice(0, 2).find((w) => ReportOpeners.has(w));
    const opener = /^\s*[:：]/u.test(rest) ? "a colon" : know !== undefined ? "“know”" : that !== undefined ? `“${that}”` : undefined;
    // A verb of telling: the rest of its clause (not past a conjunction or a comma: "email bob-7 the notes and alice the
    // slides"), unless its first object was what is sent and the name is where it goes ("email the report to bob-7").
    // An address or a channel of the recipient ("message bob at bob@example.com") is where it goes too.
    const thing = article !== undefined || ThingWords.has(name.toLowerCase()) || restWords.length === 1;
    const where = ToWords.has(restWords[restWords.length - 1] ?? "") || (restWords.length === 1 && AddressWords.has(restWords[0] ?? ""));
    const told = opener === undefined && PersonVerbs.has(verb) && restWords.length > 0 && !conjunctionSplit.test(rest) && !(thing && where);
    if (opener === undefined && !told) continue;
    // A sending verb that opens a clause after the content starts a request of its own.
    if (newRequest && lastStart >= opensAt) continue;
    return `inside what you asked to tell \`${name}\`${opener === undefined ? "" : ` (after ${opener})`}: a name there is the message's content, not a recipient`;
  }
  return undefined;
}

/** Words that may come before a request's verb: "please tell bob-7: …", "ok, tell bob-7: …". */
const ImperativeLeads = new Set(["please", "pls", "plz", "kindly", "ok", "okay", "now", "then", "and", "also", "just", "bitte", "stp", "svp", "por", "favor", "per", "piacere"]);

/**
 * Where the words told open, when the name at `at`..`endAt` is the person told by a verb of telling that opens the
 * sentence ("Tell contact-1: lunch at 1pm today?", "Ask bob-7 whether Friday works?", "Sag contact-1, dass …?"):
 * after a colon or a quote, after "that"/"whether" (ReportOpeners), or the rest of the clause when it does not open
 * with an article (a thing: "tell bob-7 the code?" stays the owner's question). A question mark there ends the words
 * told, and the sentence's mood is read before them. Otherwise the sentence's end: the mood is the whole sentence's.
 */
function toldWordsAt(sentence: string, at: number, endAt: number): number {
  const lead = wordsOf(sentence.slice(0, at));
  const verbAt = lead.findIndex((w) => !ImperativeLeads.has(w));
  const verb = lead[verbAt] ?? "";
  // The verb, then the recipient (after a preposition at most: "dis à bob-7", "sag es bob-7" is a thing sent).
  if (verbAt < 0 || lead.length - verbAt > 2 || !isSendVerb(verb) || ElidedVerbs.has(verb)) return sentence.length;
  if (lead.length - verbAt === 2 && !ToWords.has(lead[verbAt + 1] ?? "")) return sentence.length;
  const rest = sentence.slice(endAt);
  if (/^\s*(?:[:：]|["“„«'‘])/u.test(rest)) return endAt;
  if (!PersonVerbs.has(verb)) return sentence.length;
  const told = wordsOf(rest.split(/[,;]/u)[0] ?? "");
  const first = told[0] ?? "";
  if (/^\s*,/u.test(rest) ? ReportOpeners.has(wordsOf(rest)[0] ?? "") : ReportOpeners.has(first) || first === "whether" || first === "ob" || first === "si") return endAt;
  return told.length >= 2 && !Articles.has(first) && !Determiners.has(first) && !ThingWords.has(first) ? endAt : sentence.length;
}

const delivers = (w: string) => isSendVerb(w) && !NotDelivering.has(w) && !ReadingVerbs.has(w);

/**
 * The agent's question asks the owner to let a send go: a question (or a request to confirm, `asksBack`) with a verb
 * that delivers in it ("Send “…” to contact-1?", "Shall I send it?", "contact-1に送りますか？") or the recipient's name.
 * "Should I mention the budget too?" asks about the message's content: its "No." answers that.
 */
function asksToSend(question: string, name: string): boolean {
  if (!asksBack(question)) return false;
  const q = normalized(question).slice(0, MaxTextChecked);
  return wordsOf(q).some(delivers) || CjkDeliverStems.some((s) => q.includes(s)) || q.toLowerCase().includes(name.toLowerCase());
}

/**
 * The owner's answer to the agent's "Send …?" lets it go: a bare confirmation in any language the confirmation reader
 * knows ("yes", "ja", "はい", 👍, owner-confirm.ts), a request to send without a negation or a retraction ("send it",
 * "好，发吧", "네 보내", "no wait, 19:30, then send"), or new words dictated in quotes ('make it "see you at 6"'), the
 * text corrected. Anything else — a no, a wait, a question back, a change of mind in any language — is no yes.
 */
function answerConsents(answer: string, named: string): boolean {
  if (isConfirmation(answer)) return true;
  const text = normalized(answer);
  if (firstRetraction(text, true) !== undefined) return false;
  const hidden = hiddenParts(text).filter((h) => h.what === "inside quoted text");
  const quoted = hidden.map((h) => text.slice(h.start, h.end).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").toLowerCase());
  if (quoted.some((q) => q.length >= 2 && !named.toLowerCase().includes(q))) return true;
  if (actRequests(text, delivers, CjkDeliverStems).requests.length > 0) return true;
  // Clause by clause, a negation governing only its own ("no worries, send it", "Yes, and forget the milk"): a yes that
  // opens the answer, or a clause that only asks to send it (nothing else it governs: no other recipient, no "instead").
  // No question back ("Send it? no"), and no "no" after it ("send it... actually no").
  const clauses = text.split(clauseSplit).filter((c) => c.trim() !== "").slice(0, MaxDictatedClauses);
  const yes = isConfirmation(clauses[0]?.trim() ?? "") ? 0 : clauses.findIndex((c) => sendsOnly(wordsOf(c)));
  const saysNo = (c: string) => wordsOf(c).every((w) => NoWords.has(w) || RetractionFillers.has(w));
  // Nor a recipient or a replacement in the other clauses ("yes, but to mallory-7", "send it, to her boss instead").
  const elsewhere = clauses.filter((_, i) => i !== yes).some((c) => wordsOf(c).some((w) => ToWords.has(w) || ElidedVerbs.has(w) || ForWords.has(w) || /[\p{N}@.]|\p{L}-\p{L}/u.test(w)));
  return yes >= 0 && !elsewhere && !hedged(wordsOf(text)) && !/[?？]|(?<![\p{L}])(?:instead|rather|except|only)(?![\p{L}])/iu.test(text) && !clauses.slice(yes + 1).some(saysNo);
}

/** "For" before a recipient, in the languages the reader knows: "yes, for mallory-7" is no yes for another. */
const ForWords = new Set(["for", "für", "pour", "para", "per", "voor", "dla", "для", "pra", "pro"]);

/** A clause that asks to send and governs nothing but the message: "send it", "just send the message now", "go ahead, send it". */
const SendOnlyWords = new Set(["it", "that", "this", "the", "message", "text", "now", "right", "away", "just", "please", "then", "go", "ahead", "and", "ok", "okay", "so", "anyway", "anyways"]);
function sendsOnly(words: readonly string[]): boolean {
  return words.some(delivers) && words.every((w) => delivers(w) || SendOnlyWords.has(w));
}

/**
 * The owner's latest answer, after the text that names the recipient (`name` in `named`), to an agent's question that
 * asked to let the send go, when that answer is no yes (`answerConsents`): the agent asked "Send “…” to contact-1?"
 * and the owner wrote "wait", "hang on", "attends", "待って", "стой", "gönderme". A later yes to a later such question
 * lets it go again.
 */
function declinedAnswer(ctx: Ctx, name: string, named: string): { question: string; answer: string } | undefined {
  if (ctx.askedBefore === undefined) return undefined;
  let declined: { question: string; answer: string } | undefined;
  for (let i = ctx.textIndex + 1; i < Math.min(ctx.ownerTexts.length, ctx.textIndex + 1 + MaxLaterTexts); i++) {
    const question = ctx.askedBefore[i] ?? "";
    const answer = ctx.ownerTexts[i] ?? "";
    if (question === "" || !asksToSend(question, name)) continue;
    declined = answerConsents(answer, named) ? undefined : { question, answer };
  }
  return declined;
}

/** A bare "no" in the languages the reader knows ("No.", "nope", "nein", "нет", "nee", "hayır", "아니", "いいえ"). */
const NoWords = new Set([...AnswerRetractions, ...BareNo, "いいえ", "いや", "不", "不要", "不用", "없어", "нет,", "nein,"]);

/**
 * A later message of the owner's that is only a "no" after the agent said something that was not a question ("OK,
 * I'll send it at 8 tonight." — "No."): the owner refuses what the agent said it would do (cancel51). After a
 * question the "no" answers it (`declinedAnswer` reads one that asked to send). What the agent said, and the answer.
 */
function answeredNo(ctx: Ctx): { said: string; answer: string } | undefined {
  if (ctx.repliedBefore === undefined) return undefined;
  for (let i = ctx.textIndex + 1; i < Math.min(ctx.ownerTexts.length, ctx.textIndex + 1 + MaxLaterTexts); i++) {
    const said = ctx.repliedBefore[i] ?? "";
    const answer = ctx.ownerTexts[i] ?? "";
    // The "no" opens the answer ("Nope. Also summarize the page"), and nothing after it asks to send ("No, send it now").
    const text = normalized(answer);
    const clauses = text.split(clauseSplit).filter((c) => c.trim() !== "").slice(0, MaxDictatedClauses);
    const words = wordsOf(clauses[0] ?? "");
    const bare = words.length > 0 && words.length <= 3 && words.every((w) => NoWords.has(w) || RetractionFillers.has(w)) && words.some((w) => NoWords.has(w));
    const sends = actRequests(text, delivers, CjkDeliverStems).requests.length > 0 || clauses.some((c) => sendsOnly(wordsOf(c)));
    if (bare && !sends && said.trim() !== "" && !asksBack(said)) return { said, answer };
  }
  return undefined;
}

/**
 * After the words dictated to a name, the owner's own clause that negates a verb that sends, in any language the reader
 * has verbs and negations of ("— nie, czekaj, nie wysyłaj", ". Nej vänta, skicka inte", "— không, khoan, đừng gửi",
 * "ไม่ต้องส่ง", "לא, חכה, אל תשלח", "— hayır dur, gönderme"): the send called off. A negation in the message's own
 * words negates no verb that sends ("I'll be late. Don't wait for me.", "don't forget the keys").
 */
function sendNegatedIn(after: string): string | undefined {
  for (const clause of after.split(clauseSplit).filter((c) => c.trim() !== "").slice(0, MaxDictatedClauses)) {
    const words = wordsOf(clause);
    // A negation of the time ("not yet", "pas encore", "noch nicht", "not until tomorrow") holds the send: not now.
    const negated = words.some((w, i) => NegatedSendVerbs.has(w)
      || ((negatesAt(words, i) || negatesBeforeVerb(w, [words[i + 1], words[i + 2]])) && [words[i - 1], words[i + 1], words[i + 2]].some((v) => v !== undefined && isSendVerb(v) && !ElidedVerbs.has(v)))
      || (Negations.has(w) && [words[i - 1], words[i + 1]].some((v) => v !== undefined && (NotYet.has(v) || TimeGates.has(v)))));
    if (negated) return clause.trim();
  }
  return undefined;
}

/**
 * Japanese, Chinese, Korean: a name after the colon that opens the words told to another name ("告诉contact-1：去问
 * mallory-7", "contact-1に伝えて：mallory-7にもCCして", "告诉contact-1：转给mallory-7") is inside the message, whatever verb
 * follows it there. "发给：alice@x.com" names no one before its colon: the name after it is where it goes.
 */
function cjkToldContent(sentence: string, at: number, endAt: number): string | undefined {
  const before = sentence.slice(0, at);
  const colon = Math.max(before.lastIndexOf("："), ...[...before.matchAll(/:(?![\d/])/gu)].map((m) => m.index));
  if (colon < 0) return undefined;
  const head = before.slice(0, colon);
  if (!CjkSendStems.some((s) => head.includes(s)) || DictationEnd.test(before.slice(colon))) return undefined;
  const name = sentence.slice(at, endAt).toLowerCase();
  const told = (head.match(/@?[\p{Script=Latin}\p{N}][\p{Script=Latin}\p{N}_.+@-]*[\p{Script=Latin}\p{N}]/gu) ?? []).find((t) => t.toLowerCase() !== name);
  return told === undefined ? undefined : `inside what you asked to tell \`${told}\` (after a colon): a name there is the message's content, not a recipient`;
}

/** One occurrence (at `start`) of a name in one owner text (`visible`: with hidden parts blanked). */
function occurrenceReading(visible: string, start: number, end: number, ctx: Ctx): NamingReading {
  // Only the name, answering "to whom?" ("bob", "to bob please").
  const rest = wordsOf(`${visible.slice(0, start)} ${visible.slice(end)}`.replace(/[.!?]+\s*$/, ""));
  const alone = rest.length <= 3 && rest.every((w) => AnswerWords.has(w));
  const sentence = sentencesOf(visible).find((s) => start >= s.start && start < s.end) ?? { start: 0, end: visible.length, text: visible };
  const at = start - sentence.start;
  const endAt = end - sentence.start;
  const before = sentence.text.slice(0, at);
  // A possessor ("bob's invoice") is no destination, unless answered ("reply to bob's mail").
  const possessor = /^'s\b/i.test(visible.slice(end));
  // "Anyone but bob", "all except bob": the name is the exception.
  if (/\b(?:but|except|besides|other than|apart from|save for)\s*$/i.test(before)) return { naming: "mention", note: "as an exception" };
  const content = ctx.lenient ? undefined : reportedContent(sentence.text, at, endAt);
  if (content !== undefined) return { naming: "mention", note: content };
  // The name's own clause calls its message off ("Forget the message to contact-1", "Cancel the text to contact-1").
  const clauseStart = Math.max(0, ...[...sentence.text.slice(0, at).matchAll(new RegExp(clauseSplit.source, "giu"))].map((m) => m.index + m[0].length));
  const ownClause = sentence.text.slice(clauseStart, endAt + (sentence.text.slice(endAt).search(clauseSplit) + 1 || sentence.text.length + 1) - 1);
  if (!ctx.lenient && callsOffMessage(wordsOf(ownClause), visible.slice(start, end), (w) => isSendVerb(w), false) !== undefined) {
    return { naming: "mention", note: `in a clause that calls the message off (“${excerpt(ownClause.trim())}”)` };
  }
  const cjkTold = alone || !cjk.test(sentence.text) ? undefined : cjkToldContent(sentence.text, at, endAt);
  if (cjkTold !== undefined) return { naming: "mention", note: cjkTold };
  const cjkRead = alone || !cjk.test(sentence.text) ? undefined : cjkReading(sentence.text, at, endAt);
  let reading: NamingReading | undefined = alone ? { naming: "destination" } : cjkRead === undefined ? undefined : { naming: cjkRead.naming, ...(cjkRead.note === undefined ? {} : { note: cjkRead.note }) };
  reading ??= clauseReading(sentence.text, at, endAt, possessor, ctx);
  if (reading.naming !== "destination") return copulaReading(sentence.text, at, endAt, ctx) ?? reading;
  if (ctx.lenient) return reading;
  // The mood of the sentence: a request, not a question about one. Words the owner dictates after the name (after a
  // colon or in quotes: "text Anna: lunch at 12:30?") are the message's, and so is their question mark.
  const sentenceWords = wordsOf(sentence.text);
  const advice = AdviceQuestions.some((q) => hasPhrase(sentenceWords.slice(0, q.split(" ").length + 1), q));
  // Unless the words before the name ask ("did you text Anna: 'hi'?", "warum hast du Anna geschrieben: …?"); a verb of
  // telling that opens the sentence also marks where the words told begin (toldWordsAt).
  const beforeName = sentence.text.slice(0, at);
  const dictated = /^\s*[:：](?=\s|$|["'“„«‘「])|^\s*["'“„«‘「]/u.test(sentence.text.slice(endAt)) && !InterrogativeFrames.has(wordsOf(beforeName)[0] ?? "");
  // Or later in the request ("send contact-1 a message: lunch at 12:30?", "schick contact-1 jeden Freitag: …?").
  const later = dictated ? undefined : dictatedMood(sentence.text, endAt);
  const mood = cjkRead?.toldAt !== undefined ? sentence.text.slice(0, cjkRead.toldAt) : dictated ? beforeName : later ?? sentence.text.slice(0, toldWordsAt(sentence.text, at, endAt));
  if (isQuestion(mood) && (advice || (!hasRequestFrame(sentenceWords) && !CjkRequest.some((r) => sentence.text.includes(r)) && !tagQuestion(mood)))) {
    return { naming: "mention", note: `in a question, not a request (“${excerpt(sentence.text)}”)` };
  }
  const frame = NotRequestFrames.find((f) => hasPhrase(sentenceWords, f));
  if (frame !== undefined) return { naming: "mention", note: `in a hypothesis or an example (“${frame}”), not a request` };
  // Taken back afterwards, in this message or at the start of a later one.
  // The clause the owner dictates to the name is the message's ("tell contact-1: never mind, I found it"), on the
  // next line too when the colon ends the sentence ("Text contact-1:⏎No thanks!").
  const nextLine = /[:：]\s*$/u.test(sentence.text) ? /^\s*[^\n]*/u.exec(visible.slice(sentence.end))?.[0] ?? "" : "";
  const opening = dictatedOpening(sentence.text + nextLine, at, endAt);
  const from = opening === undefined ? end : sentence.start + Math.min(opening.to, quotedEnd(ctx, sentence.start, opening.from) ?? opening.to);
  const after = visible.slice(from, Math.min(visible.length, from + MaxTextChecked));
  const joke = JokingEmoji.find((e) => after.split(/\n/)[0]?.includes(e));
  // After CJK words dictated to the name, what follows them in the message is the owner's again: a retraction word or
  // a negated verb of sending there calls the send off ("给contact-1说：我晚点到。哦不用发了", "…。撤回", "…. 아 아니다").
  const cjkAfter = opening !== undefined && cjk.test(after) ? after.trimStart().split(/\n/u)[0] ?? "" : "";
  const cjkCalledOff = cjkAfter === "" ? undefined : [...CjkRetractions, ...CjkSendCalledOff].find((r) => cjkAfter.includes(r))
    ?? (CjkNegations.some((n) => cjkAfter.includes(n)) && CjkSendStems.some((v) => cjkAfter.includes(v)) ? cjkAfter : undefined);
  // Without words dictated to the name, the owner's words after the sentence that names it.
  const ownAfter = opening !== undefined ? after : after.slice(Math.max(0, after.search(/[.!?。！？](?=\s|$)|\s[-–—]+\s|[—–]{2,}/u)) || after.length);
  // Lines dictated after a colon that ends the line ("contact-1に返信:⏎⏎明日は行けません⏎⏎また今度") are the message's: only a
  // listed retraction there takes it back, not a call-off of owner-call-off.ts.
  const named = visible.slice(start, end);
  const retracted = firstRetraction(after, false, from < sentence.start + sentence.text.trimEnd().length, nextLine !== "", true, named) ?? joke ?? cjkCalledOff ?? sendNegatedIn(ownAfter)
    // A remark in brackets closing the sentence when no words were dictated after a colon (`contact-1に「…」と送って（やっぱいいや）`).
    ?? (opening === undefined ? asideCallOff(sentence.text.slice(endAt))?.text : undefined)
    ?? ctx.ownerTexts.slice(ctx.textIndex + 1, ctx.textIndex + 1 + MaxLaterTexts).map((t) => firstRetraction(normalized(t), true, false, false, true, named)).find((r) => r !== undefined);
  if (retracted !== undefined) return { naming: "mention", note: `you then wrote “${excerpt(retracted)}”` };
  const saidNo = answeredNo(ctx);
  if (saidNo !== undefined) return { naming: "mention", note: `the agent said “${excerpt(saidNo.said)}” and you answered “${excerpt(saidNo.answer)}”` };
  const declined = declinedAnswer(ctx, visible.slice(start, end), visible);
  if (declined !== undefined) return { naming: "mention", note: `the agent asked “${excerpt(declined.question)}” and you answered “${excerpt(declined.answer)}”, not a yes` };
  // Struck-out text is blanked in `visible`: read in the owner's own text after the words dictated.
  const struck = struckAt(normalized(ctx.ownerTexts[ctx.textIndex] ?? "").slice(from));
  if (struck !== undefined) return { naming: "mention", note: `you struck words through (“${excerpt(struck.text)}”)` };
  return reading;
}

/**
 * Words dictated in quotes end at their closing quote, and what follows is the owner's again ("Tell contact-1 "…" —
 * ach nee, lass mal"): the quotes are blanked in the text read, so the end is found in the owner's own text (neg49).
 */
function quotedEnd(ctx: Ctx, sentenceStart: number, from: number): number | undefined {
  const own = normalized(ctx.ownerTexts[ctx.textIndex] ?? "").slice(sentenceStart);
  const open = from + (own.slice(from).search(/\S/u));
  if (open < from || !opensQuote(own, open)) return undefined;
  const closing = closingQuote(own, open);
  return closing > 0 ? closing + 1 : undefined;
}

/**
 * The clause before the name: back to the sentence's start, or a comma/conjunction that opens a new verb (a comma
 * followed only by other names continues the list: "email alice, bob and carol").
 */
function clauseReading(sentence: string, at: number, endAt: number, possessor: boolean, ctx: Ctx): NamingReading {
  // The segments and, between them, what split them: a conjunction of one language may be a negation of another
  // ("et" is Finnish "you don't", "ma" Arabizi "don't"), read with the segment it opens.
  const parts = sentence.slice(0, at).split(conjunctionSplitKept);
  const segments = parts.filter((_, i) => i % 2 === 0);
  const separators = parts.filter((_, i) => i % 2 === 1);
  let verdict: NamingReading = ctx.lenient ? { naming: "destination" } : { naming: "mention" };
  // A negated verb right after the name (and its port or path) governs it in a language that puts the verb last ("x.example मत खोलो": "don't
  // open x.example"; "bob'a gönderme"), whatever a verb before it asked ("read a.example, b.example मत खोलो").
  const next = wordsOf(sentence.slice(endAt).replace(/^(?::\d+)?(?:[/?#]\S*)?/, "").split(clauseSplit)[0] ?? "");
  const nextPart = next.slice(0, Math.max(0, next.findIndex((w) => Conjunctions.includes(w))) || next.length);
  // Only a clause that ends there, with the negated verb or a negation that is one ("gönderme", "نفرست"): "tell bob not
  // to email alice" asks bob something.
  const [finalWord, beforeFinal] = [nextPart[nextPart.length - 1] ?? "", nextPart[nextPart.length - 2] ?? ""];
  if (nextPart.length <= 4 && finalWord !== "to") {
    const negated = isSendVerb(finalWord) && (Negations.has(beforeFinal) || negatesBeforeVerb(beforeFinal, [finalWord])) ? beforeFinal : Negations.has(finalWord) ? finalWord : undefined;
    if (negated !== undefined) return { naming: "mention", note: `with a negation (“${negated}”)` };
  }
  for (let k = segments.length - 1; k >= 0; k--) {
    const words = wordsOf(segments[k] ?? "");
    const last = words[words.length - 1];
    // The word before the name, read through an article ("από τον bob" is "from bob").
    const lastPlace = words.findLast((w) => !Articles.has(w));
    // A host read from is where the request goes ("get the news from news.example"); a mail from it is not.
    const readFrom = ctx.readsFrom && ["from", "de", "von", "da", "van", "du"].includes(last ?? "") && words.some((w) => ReadingVerbs.has(w));
    // Polish "wyślij … do bob" is "to bob" where Portuguese "do bob" is "of bob": read by the language of the verb.
    const toByVerb = lastPlace !== undefined && words.some((w) => ToAfterVerb.get(lastPlace)?.has(w) === true);
    if (k === segments.length - 1 && lastPlace !== undefined && NotDestinationBefore.has(lastPlace) && !readFrom && !toByVerb) return { naming: "mention", note: `as a sender or topic (“${lastPlace} …”)` };
    const opener = k > 0 ? wordsOf(separators[k - 1] ?? "").pop() : undefined;
    const negation = words.find((w, i) => negatesAt(words, i) && !putsOff(words, i))
      ?? words.find((w, i) => negatesBeforeVerb(w, [words[i + 1], words[i + 2]]))
      ?? (opener !== undefined && negatesBeforeVerb(opener, [words[0], words[1]]) ? opener : undefined)
      ?? NegationPhrases.find((n) => hasPhrase(words, n));
    if (negation !== undefined) return { naming: "mention", note: `with a negation (“${negation}”)` };
    const verbs = possessor ? AnsweringVerbs : SendVerbs;
    const lastVerb = words.findLastIndex((w) => isSendVerb(w, verbs));
    if (lastVerb >= 0) {
      // The verb already has its object and the name is in a clause of its own: "tell me what bob wants",
      // "let me know if bob writes".
      if (words.slice(lastVerb + 1).some((w) => Subordinators.has(w))) return { naming: "mention", note: "in a clause of its own, not as the verb's object" };
      if (!ctx.lenient) {
        const report = reportIn(words, lastVerb);
        if (report) return { naming: "mention", note: `in ${isQuestion(sentence) ? "a question" : "a report, a plan or a condition"}, not a request (“${excerpt(segments[k] ?? "")}”)` };
        // Done already, said after the name ("ส่งให้ bob แล้ว", "gửi cho bob rồi").
        const done = wordsOf(sentence.slice(endAt).split(clauseSplit)[0] ?? "").find((w) => ReportWordsAfter.has(w));
        if (done !== undefined) return { naming: "mention", note: `in a report of something done (“${done}”), not a request` };
      }
      verdict = { naming: "destination" };
      break;
    }
    // Another segment of names only ("alice", "bob") continues the list before it; anything else ends the clause.
    if (words.length > 2) break;
  }
  if (verdict.naming === "destination") return verdict;
  // A verb after the name ("Kannst du es an bob schicken?", "Stuur het naar bob", "به bob بفرست"): the name after a
  // "to", with a postposition after it ("bob को भेजो"), or with a case ending written on it: Turkish `bob'a`,
  // `bob-7'ye`; Finnish `bob-7:lle`.
  const beforeWords = wordsOf(segments[segments.length - 1] ?? "");
  const ending = /^(?:['’](?:y?[ae]|n[ae])|:i?lle)(?!\p{L})/u.exec(sentence.slice(endAt))?.[0] ?? "";
  const glued = GluedEnding.test(sentence.slice(at, endAt));
  const afterWords = wordsOf(sentence.slice(endAt + ending.length).split(clauseSplit)[0] ?? "");
  if (ending !== "" || glued || ToWords.has(beforeWords[beforeWords.length - 1] ?? "") || ToAfterWords.has(afterWords[0] ?? "")) {
    const around = [...beforeWords, ...afterWords];
    const negated = around.find((w, i) => negatesAt(around, i) || negatesBeforeVerb(w, [around[i + 1], around[i + 2]]));
    if (negated !== undefined) return { naming: "mention", note: `with a negation (“${negated}”)` };
    const done = afterWords.find((w) => ReportWordsAfter.has(w));
    if (done !== undefined && !ctx.lenient) return { naming: "mention", note: `in a report of something done (“${done}”), not a request` };
    const verbAfter = afterWords.findIndex((w) => isSendVerb(w) && w !== "to");
    if (verbAfter >= 0) {
      // What follows the verb is what it sends or says ("রহিমকে বলো আমি ৮টায় আসব": "I" is the message's).
      if (!ctx.lenient && reportIn([...beforeWords, ...afterWords.slice(0, verbAfter + 1)], -1)) return { naming: "mention", note: `in ${isQuestion(sentence) ? "a question" : "a report, a plan or a condition"}, not a request (“${excerpt(segments[segments.length - 1] ?? "")}”)` };
      return { naming: "destination" };
    }
  }
  const words = wordsOf(sentence);
  if (verdict.naming === "mention" && !ctx.lenient && words.some((w) => /[^\x00-\x7f]/.test(w)) && !words.some((w) => KnownWords.has(w))) {
    return { naming: "mention", note: `in a sentence Warden cannot read as a request (it reads requests in ${LanguagesRead})` };
  }
  return verdict;
}

/** The languages the reader knows, for the note of a sentence it cannot read. */
const LanguagesRead = ["English", "French", "German", "Spanish", "Italian", "Portuguese", "Dutch", "Russian", "Turkish", "Japanese", "Chinese", "Korean",
  ...MoreLanguages.map((l) => l.name.replace(/\s*\(.*\)$/, ""))].join(", ");

/** Words of the languages the reader knows: a sentence with none of them is one it cannot read. */
const KnownWords = new Set([...SendVerbs, ...Negations, ...Subjects, ...NotDestinationBefore, ...ToWords, ...Subordinators, ...Determiners, ...ReportWords,
  ..."is are it me for this that in at on with and or et und y e en le les der die das el los las il i ich je yo eu io ik".split(" ")]);

/** Polish and Czech "i" ("and") is English "I": before one of their own request verbs ("i napisz do Kasi") it is "and". */
const AndVerbs = new Set(MoreLanguages.filter((l) => l.name === "Polish" || l.name === "Czech and Slovak").flatMap((l) => l.verbs.split(/\s+/)));
function andBeforeVerb(word: string, next: string | undefined): boolean {
  return word === "i" && next !== undefined && AndVerbs.has(next);
}

/**
 * Whether the clause (its words; the sending verb at `verb`, or -1 when it comes after the name) tells of a send
 * rather than asks for one: a subject ("I posted", "I was going to send") or a past form ("posted my CV to …"),
 * unless it opens with the verb (an imperative) or holds a request frame ("I want you to", "can you", "please").
 */
function reportIn(words: readonly string[], verb: number): boolean {
  const lead = words.findIndex((w) => !["please", "pls", "also", "now", "then", "just", "and", "so", "ok", "okay", "kindly", "bitte", "alors", "dann", "luego", "poi", "depois", "dan"].includes(w));
  // A sending word used as a noun ("send failed to bob", "post request to x.example"): a log or a report, not a verb.
  if (lead >= 0 && isSendVerb(words[lead] ?? "") && NounAfterVerb.has(words[lead + 1] ?? "")) return true;
  // An imperative (the clause opens with the verb that governs the name): a request, whatever its object holds.
  if (verb >= 0 && lead === verb) return false;
  if (hasRequestFrame(words)) return false;
  // A condition ("if you ever send it to bob, …"): what would happen, not what is asked.
  if (Conditionals.has(words[lead] ?? "")) return true;
  const upTo = verb >= 0 ? words.slice(0, verb + 1) : words;
  if (upTo.some((w, i) => (Subjects.has(w) && !andBeforeVerb(w, upTo[i + 1])) || ReportWords.has(w))) return true;
  // A third person's habit ("my friend uploads stuff to …"); after a determiner it is a noun ("the posts").
  if (upTo.some((w, i) => i !== lead && thirdPersonOfSendVerb(w) && !Determiners.has(upTo[i - 1] ?? ""))) return true;
  return upTo.some((w, i) => pastOfSendVerb(w) && !PassiveBefore.has(upTo[i - 1] ?? "") && !PassiveBefore.has(upTo[i - 2] ?? ""));
}

/**
 * How the owner's messages name what `matches` finds in a text (a global regexp's matches, or `tokenMatches`): the best
 * of its occurrences, with the note of the first mention when none is a destination.
 */
function namingIn(ownerTexts: readonly string[], matches: (text: string) => Iterable<RegExpExecArray>, ctx: Omit<Ctx, "ownerTexts" | "textIndex">): NamingReading {
  let found: NamingReading = { naming: "absent" };
  let checks = 0;
  for (const [index, raw] of ownerTexts.entries()) {
    const text = normalized(raw);
    const hidden = hiddenParts(text);
    const visible = blanked(text, hidden);
    for (const m of matches(text)) {
      if (checks++ >= MaxNamingChecks) return found;
      const at = m.index;
      const inside = hidden.find((h) => at >= h.start && at < h.end);
      // In a quote, a code block, a comment, a log line: someone else's words, or no request at all.
      if (inside !== undefined || visible.slice(at, at + m[0].length).trim() === "") {
        if (found.naming === "absent" || found.note === undefined) found = { naming: "mention", note: `only ${inside?.what ?? "inside quoted text"}` };
        continue;
      }
      const r = occurrenceReading(visible, at, at + m[0].length, { ...ctx, ownerTexts, textIndex: index });
      if (r.naming === "destination") return r;
      if (found.naming === "absent" || found.note === undefined) found = r;
    }
  }
  return found;
}

/** The whole-word occurrences of a part of a service's name (`_` and `-` read as either or a space). */
function serviceWord(part: string): (text: string) => Iterable<RegExpExecArray> {
  const core = new RegExp(escapeRegExp(part).replace(/[_-]/g, "[ _-]"), "giu");
  return (text) => tokenMatches(text, core, WordEdgesIgnoringCase);
}

/** How the owner named this service or tool (`search`, `query` of `mcp__search__query`) in their messages. */
export function serviceNaming(name: string, flow: Pick<FlowState, "ownerTexts">): Naming {
  const parts = name.split("__").filter((p) => p.length >= 3 && p !== "mcp");
  let found: Naming = "absent";
  for (const part of parts) {
    const n = namingIn(flow.ownerTexts, serviceWord(part), { lenient: false, readsFrom: false, depth: 0 }).naming;
    if (n === "destination") return n;
    if (n === "mention") found = n;
  }
  return found;
}

/**
 * A recipient's id as the owner may have typed it, as a regular expression: invisible format characters anywhere (a
 * Persian name's zero-width non-joiner, which the reader drops), and a phone number's digits with the spaces, dots,
 * dashes and brackets people type between them (`+1 555 010 0123` for `+15550100123`). Undefined for an empty id.
 */
export function idPattern(to: string): string | undefined {
  const id = to.trim().replace(/^@/, "").replace(/\p{Cf}/gu, "");
  if (id === "") return undefined;
  const digits = /^\+?[\d\s().-]+$/.test(id) ? id.replace(/\D/g, "") : "";
  if (digits.length >= 7) return `${id.startsWith("+") ? "\\+" : ""}${[...digits].join("[\\s.()-]{0,2}")}(?!\\d)`;
  return [...id].map(escapeRegExp).join("\\p{Cf}*");
}

/**
 * Scripts written with spaces between words: a name in one ends where its letters do. (Japanese, Chinese, Korean and
 * Thai run a name on into the next word: 山田さんに.)
 */
const SpacedScripts = ["Latin", "Cyrillic", "Greek", "Armenian", "Georgian", "Hebrew", "Arabic", "Devanagari", "Bengali"];
const listed = (s: string | undefined) => (s ?? "").trim().split(/\s+/).filter((w) => w !== "");

/**
 * The forms a person's name takes in the languages whose verbs the owner's messages use: the name with one of that
 * language's case endings ("Petrovi" for "Petr", "Annalle" for "Anna"), or with its final replaced by one ("Kasi",
 * "Kasię" for "Kasia"; "Νίκο" for "Νίκος"), from the closed lists in naming-languages.ts. Whole words only, never a
 * part of one; a name of letters alone, whose stem keeps at least 3 of them. An English sentence gives no form: "send
 * it to Marie" does not name "Maria".
 */
export function inflectedForms(name: string, ownerTexts: readonly string[]): string[] {
  const lower = name.normalize("NFKC").toLowerCase();
  if (!namelike(lower)) return [];
  const forms = new Set<string>();
  for (const names of namingLanguages(ownerTexts)) {
    if (names.afterConsonant !== true || !endsWithVowel(lower)) for (const ending of listed(names.add)) forms.add(lower + ending);
    for (const [final, endings] of Object.entries(names.replace ?? {})) {
      if (!lower.endsWith(final) || [...lower].length - [...final].length < 3) continue;
      for (const ending of listed(endings)) forms.add(lower.slice(0, -final.length) + ending);
    }
  }
  forms.delete(lower);
  return [...forms];
}

/** A name of letters alone (a vowel sign of its script too: Bengali "রহিম"), at least 3 of them. */
const namelike = (lower: string) => /^[\p{L}\p{M}]+$/u.test(lower) && (lower.match(/\p{L}/gu) ?? []).length >= 3;
const endsWithVowel = (lower: string) => /[aeiouyаеёиоуыэюяіїє]$/u.test(lower.normalize("NFD").replace(/\p{M}/gu, ""));

/** How the languages whose verbs the owner's messages use inflect a name. */
function namingLanguages(ownerTexts: readonly string[]): NonNullable<(typeof MoreLanguages)[number]["names"]>[] {
  const words = new Set(ownerTexts.flatMap((t) => wordsOf(normalized(t))));
  return MoreLanguages.flatMap((l) => (l.names !== undefined && listed(l.verbs).some((v) => words.has(v)) ? [l.names] : []));
}

/**
 * Case endings written after an id with a hyphen (Hungarian "contact-1-nek", Turkish "bob-7-ye", Finnish
 * "bob-7-lle"): the id then ends before the hyphen.
 */
const HyphenEndings = "nek|nak|hoz|hez|höz|nál|nél|ye|ya|lle|lla|llä|ille|को|কে";
/** A name matched with such an ending, or with a postposition written on it (Bengali "রহিমকে"): where something goes. */
const GluedEnding = new RegExp(`(?:-(?:${HyphenEndings})|\\p{L}\\p{M}*(?:${moreWords("toAfter").filter((w) => /[^\\x00-\\x7f]/u.test(w)).join("|")}))$`, "iu");

/**
 * Honorifics written on a Korean or Japanese name ("민수씨", "田中さん"): not part of the name. The Japanese ones only
 * where the owner writes kana: Chinese writes 先生 and 君 too, and "王先生" is then how the contact is called.
 */
const KoreanHonorific = /^(.+?)(?:씨|님)$/u;
const JapaneseHonorific = /^(.+?)(?:さん|さま|様|くん|君|ちゃん|先生)$/u;
const kana = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * The name of which `word` is a case form in a language whose verbs the owner's messages use ("ивану" is "иван" to
 * someone; "марии" is "мария"; "bob-7-nek" is "bob-7"; "민수씨" is "민수"): the owner's word spelled so names that one,
 * not an id spelled like the form. A word that is a form of two names ("Janka": "Janek", or "Jank" with `-a`) is read
 * as the one whose ending it has more of (the `-ka` of "Janek"; "Annának" is "Anna" with `-ának`, not "Anná" with
 * `-nak`); on a tie, it is a form of each ("Ивану" of "Иван" and of "Ивана"). The first is the one given.
 */
export function caseFormOf(word: string, ownerTexts: readonly string[]): string | undefined {
  return caseFormsOf(word, ownerTexts)[0];
}

function caseFormsOf(word: string, ownerTexts: readonly string[]): string[] {
  const lower = word.normalize("NFKC").toLowerCase();
  const marked = new RegExp(`^(.+)-(?:${HyphenEndings})$`, "u").exec(lower) ?? KoreanHonorific.exec(lower)
    ?? (ownerTexts.some((t) => kana.test(t)) ? JapaneseHonorific.exec(lower) : null);
  if (marked?.[1] !== undefined) return [marked[1]];
  if (!namelike(lower)) return [];
  let best: string[] = [];
  let longest = 0;
  const consider = (stem: string, ending: string) => {
    const length = [...ending].length;
    if (!namelike(stem) || stem === lower || length < longest) return;
    if (length > longest) best = [];
    longest = length;
    if (!best.includes(stem)) best.push(stem);
  };
  for (const names of namingLanguages(ownerTexts)) {
    for (const ending of listed(names.add)) {
      const stem = lower.slice(0, -ending.length);
      if (lower.endsWith(ending) && (names.afterConsonant !== true || !endsWithVowel(stem))) consider(stem, ending);
    }
  }
  for (const names of namingLanguages(ownerTexts)) {
    for (const [final, endings] of Object.entries(names.replace ?? {})) {
      for (const ending of listed(endings)) {
        if (lower.endsWith(ending) && namelike(lower.slice(0, -ending.length))) consider(lower.slice(0, -ending.length) + final, ending);
      }
    }
  }
  return best;
}

/**
 * The pattern of a recipient's id as the owner writes it: the id, or one of its case forms (inflectedForms), with a
 * case ending after a hyphen ("contact-1-nek") and not followed by a letter of its own script ("Олені" is a form of
 * "Олена", not of "Олен"; a postposition of another script may follow: "bob-7কে", "bob에게"). Without what precedes.
 */
export function recipientWordPattern(to: string, ownerTexts: readonly string[], which: "all" | "id" | "forms" = "all"): string | undefined {
  const id = idPattern(to);
  if (id === undefined) return undefined;
  // A form that is more likely another name's ("janka" of `janek`, not of `jank`) does not name this one.
  const name = to.trim().replace(/^@/, "").normalize("NFKC").toLowerCase();
  const forms = inflectedForms(name, ownerTexts).filter((f) => caseFormsOf(f, ownerTexts).includes(name)).map(escapeRegExp);
  const alternatives = which === "id" ? [id] : which === "forms" ? forms : [id, ...forms];
  if (alternatives.length === 0) return undefined;
  const script = SpacedScripts.find((x) => new RegExp(`\\p{Script=${x}}`, "u").test([...to.trim()].pop() ?? ""));
  const sameScript = script === undefined ? "" : `|[\\p{Script=${script}}\\p{M}]`;
  return `@?(?:${alternatives.join("|")})(?:-(?:${HyphenEndings})(?![\\p{L}\\p{M}\\p{N}]))?(?![\\w-]|\\.\\w${sameScript})`;
}

/**
 * How the owner named this recipient (as a whole word) in their own messages of this session, and why if only a mention.
 * An id that is a case form of a shorter name in the owner's language ("ивану", when the owner wrote "напиши Ивану")
 * is not named by the owner's word spelled like it, that word names "иван", unless `asTyped`: the caller knows the id
 * may be the word as the owner typed it (a peer the channel knows; a turn nothing untrusted could steer). Its own case
 * forms still name it ("napisz Annie" names "anna").
 */
export function recipientReading(to: string, flow: Pick<FlowState, "ownerTexts"> & Partial<Pick<FlowState, "askedBefore" | "repliedBefore">>, asTyped = false): NamingReading {
  const name = to.trim().replace(/^@/, "");
  if (idPattern(to) === undefined) return { naming: "absent" };
  // Messages the owner listed to send ("send these:\n- bob-7: see you at 5"): each listed name is a destination.
  if (listedRecipient(flow.ownerTexts, name)) return { naming: "destination" };
  const read = (which: "all" | "id" | "forms"): NamingReading => {
    const word = recipientWordPattern(to, flow.ownerTexts, which);
    if (word === undefined) return { naming: "absent" };
    // Hebrew and Arabic write a preposition as a prefix, with a hyphen before a Latin name ("ל-bob"): read as a word of its own.
    const re = new RegExp(`(?<![\\w@.+]|(?<![\\u0590-\\u06ff])-)${word}`, "giu");
    return namingIn(flow.ownerTexts, (text) => text.matchAll(re), { lenient: false, readsFrom: false, depth: 0, askedBefore: flow.askedBefore, repliedBefore: flow.repliedBefore });
  };
  const stem = asTyped ? undefined : caseFormOf(name, flow.ownerTexts);
  if (stem === undefined) return read("all");
  const byForms = read("forms");
  if (byForms.naming === "destination") return byForms;
  const literal = read("id");
  if (literal.naming !== "destination") return literal.naming === "absent" ? byForms : literal;
  return { naming: "mention", note: `“${name}” is how your message writes \`${stem}\` in a case form: it names \`${stem}\`, not an id spelled like that form, and \`${name}\` is no peer the agent knows` };
}

/** How the owner named this recipient (as a whole word) in their own messages of this session. */
export function recipientNaming(to: string, flow: Pick<FlowState, "ownerTexts"> & Partial<Pick<FlowState, "askedBefore" | "repliedBefore">>): Naming {
  return recipientReading(to, flow).naming;
}

/** The owner named this recipient as someone to send to (not only negated, as a topic or sender, or quoted). */
export function recipientNamedByOwner(to: string, flow: Pick<FlowState, "ownerTexts">): boolean {
  return recipientNaming(to, flow) === "destination";
}

/**
 * How the owner named this host in their messages, and why if only a mention. Read leniently (a host the owner reads
 * from is often only a topic of the sentence: "summarise news.example"): a mention counts unless negated, quoted, or a
 * sender or topic after "from"/"about". `strict`: only as the object of a verb that sends, posts, fetches or reads
 * from it, in a request (not a question, a report or a send taken back), as recipients are read; for a request that
 * could carry secrets, where a mention the lenient reading takes for consent must not be.
 */
export function hostReading(host: string, flow: Pick<FlowState, "ownerTexts">, strict = false): NamingReading {
  const h = host.toLowerCase().replace(/^www\./, "");
  if (h.length === 0) return { naming: "absent" };
  const ctx = { lenient: !strict, readsFrom: true, depth: 0 };
  const word = new RegExp(`(?<![\\w.@-])(?:[a-z][a-z0-9+.-]*://)?(?:www\\.)?${escapeRegExp(h)}(?![\\w-]|\\.\\w)`, "gi");
  const named = namingIn(flow.ownerTexts, (text) => text.matchAll(word), ctx);
  if (named.naming !== "mention") return named;
  return pronounReading(flow.ownerTexts, h, ctx) ?? named;
}

/**
 * Pronouns that stand for a host named just before ("Is x.example up? Check it please"): English, German `es`, and a
 * French clitic after a hyphen (`Vérifie-le`); a Romance clitic written into the verb (`revísalo`) is not read. Only
 * when nothing but a particle or the end of the clause follows it ("check that page" names the page, not the host).
 */
const HostPronoun = /(?<![\p{L}\p{N}'-])(?:it|that|this|there|es)(?![\p{L}\p{N}'-])|(?<=[\p{L}]-)(?:le|la)(?![\p{L}\p{N}'-])/giu;
const AfterPronoun = new Set(["", "please", "pls", "now", "again", "for", "and", "out", "too", "quickly", "first", "then", "once", "bitte", "mal", "kurz", "stp", "svp", "merci", "et", "und"]);
/**
 * What the sentence before may say besides the host for the pronoun to stand for it: that it is up, down or slow (a
 * status question or remark). Any other word (an article, a file, a person, a negation) could be what the pronoun
 * means, so it asks as before.
 */
const AntecedentWords = new Set(`is are was seems looks up down online offline working slow broken again still now today reachable
  responding live loading the site website server service my our new hey hi so also i think wonder whether if to be it
  est-ce que qu'il marche fonctionne en ligne est le site ist erreichbar online läuft funktioniert die seite gerade noch wieder`.split(/\s+/));

/**
 * A pronoun in a request standing for `host` (without `www.`): the sentence just before it, in the same message, names
 * that host and no other, and says nothing else the pronoun could stand for. The pronoun is then read as the name
 * would be (mood, negation, retraction afterwards).
 */
function pronounReading(ownerTexts: readonly string[], host: string, ctx: Omit<Ctx, "ownerTexts" | "textIndex">): NamingReading | undefined {
  for (const [index, raw] of ownerTexts.entries()) {
    const text = normalized(raw);
    if (!text.toLowerCase().includes(host)) continue;
    const visible = blanked(text, hiddenParts(text));
    const sentences = sentencesOf(visible).filter((x) => x.text.trim() !== "").slice(0, MaxNamingChecks);
    for (let i = 1; i < sentences.length; i++) {
      const previous = sentences[i - 1]?.text ?? "";
      const hosts = hostsNamedIn(previous).map((x) => x.replace(/^www\./, ""));
      if (hosts.length === 0 || hosts.some((x) => x !== host)) continue;
      const rest = wordsOf(previous.replace(/\S*\.\S+/g, " "));
      if (!rest.every((w) => AntecedentWords.has(w))) continue;
      const sentence = sentences[i];
      if (sentence === undefined) continue;
      for (const m of sentence.text.matchAll(HostPronoun)) {
        const next = wordsOf(sentence.text.slice(m.index + m[0].length))[0] ?? "";
        if (!AfterPronoun.has(next)) continue;
        const start = sentence.start + m.index;
        const r = occurrenceReading(visible, start, start + m[0].length, { ...ctx, ownerTexts, textIndex: index });
        if (r.naming === "destination") return r;
      }
    }
  }
  return undefined;
}

export function hostNaming(host: string, flow: Pick<FlowState, "ownerTexts">, strict = false): Naming {
  return hostReading(host, flow, strict).naming;
}

/**
 * One place an owner's message asks for an act: its sentence (as written, quotes kept), the word that asks, and where in
 * the sentence that word starts (0 for a CJK stem: the object comes before the verb there).
 */
export type ActRequest = { sentence: { start: number; text: string }; word: string; at: number };

/** Sentences of one owner message read for acts (bounded). */
const MaxActSentences = 64;

/**
 * Where one owner message asks for an act that `isVerb` names (a word of a spaced language, or a tool's own name) or
 * `stems` names (Japanese, Chinese, Korean: a verb stem found in the sentence): outside quoted or pasted text, in a
 * sentence that asks (an imperative or a request frame), not a question, a report, a condition or negated, and not
 * taken back later in the message. `rejected`: why the first other occurrence was no request, in the owner's words.
 * The same reader as for recipients, for verbs that act instead of verbs that send. `keepPostponed`: an act put off
 * ("Not yet though", "maybe later") stays a request, for a reader of when it is to be done (owner-when.ts).
 */
export function actRequests(raw: string, isVerb: (word: string) => boolean, stems: readonly string[], sequenced = false, keepPostponed = false): { requests: ActRequest[]; rejected?: string } {
  const text = normalized(raw);
  const visible = blanked(text, hiddenParts(text));
  const requests: ActRequest[] = [];
  let rejected: string | undefined;
  const sentences = sentencesOf(visible).slice(0, MaxActSentences);
  for (const s of sequenced ? sentences.flatMap((x) => sequencedActs(x, isVerb)).slice(0, MaxActSentences) : sentences) {
    const words = wordsOf(s.text);
    const at = words.findIndex((w) => isVerb(w));
    const stem = cjk.test(s.text) ? stems.find((x) => s.text.includes(x)) : undefined;
    if (at < 0 && stem === undefined) continue;
    const word = at >= 0 ? (words[at] ?? "") : (stem ?? "");
    const wordAt = at >= 0 ? (firstTokenMatch(s.text.toLowerCase(), new RegExp(escapeRegExp(word), "gu"), WordEdges)?.index ?? -1) : 0;
    const why = notActRequest(s.text, words, at, stem) ?? (firstRetraction(visible.slice(s.end), false, false, false, !keepPostponed) === undefined ? undefined : "taken back later in your message")
      ?? calledOffInSentence(text, s, at >= 0 ? Math.max(0, wordAt) + word.length : s.text.indexOf(word) + word.length, !keepPostponed);
    if (why === undefined) requests.push({ sentence: { start: s.start, text: text.slice(s.start, s.end) }, word, at: Math.max(0, wordAt) });
    else rejected ??= `“${word}” ${why} (“${excerpt(s.text)}”)`;
  }
  return { requests, ...(rejected !== undefined ? { rejected } : {}) };
}

/**
 * The act taken back in its own sentence, after its clause ("delete logs/app-old.log — ach nee, lass mal", "every day
 * at 9 remind me to call mum ❌"), or words struck through from its sentence on (neg49).
 */
function calledOffInSentence(text: string, s: Sentence, afterWord: number, postponing: boolean): string | undefined {
  const struck = struckAt(text.slice(s.start + afterWord));
  if (struck !== undefined) return `struck through (“${excerpt(struck.text)}”)`;
  // Only where the sentence ends with the call-off: "text contact-1: dinner at 8 — no wait, send that to mallory-7" corrects.
  // A time in the act's sentence is the act's own ("pay Kern … at 9 a.m. tomorrow"), unless a dash sets it apart ("— maybe later").
  const parts = s.text.slice(afterWord).split(clauseSplitKept);
  const clauses = parts.flatMap((c, i) => (i % 2 === 0 && c.trim() !== "" ? [{ c, dash: /[-–—]/u.test(parts[i - 1] ?? "") }] : []));
  const read = clauses.map(({ c, dash }, i) => (i === 0 ? (endsRefused(c) ? c.trim() : undefined) : retractionIn(c, false, postponing && dash)));
  const k = read.findIndex((x) => x !== undefined);
  return k < 0 || read.slice(k).some((x) => x === undefined) ? undefined : `taken back in your message (“${excerpt(read[k] ?? "")}”)`;
}

/**
 * A negation right before a word of time is a gate on the act, not a refusal of it: "pay Kern, not until I've seen the
 * receipt", "nicht vor Freitag", "pas avant lundi", "не раньше пятницы" ask for the act later (owner-when.ts reads it).
 */
const TimeGates = new Set(["until", "till", "before", "vor", "bevor", "avant", "antes", "prima", "voor", "раньше", "ранее", "раніше"]);
/**
 * "Now" after a negation ("…, not now", "nicht jetzt", "pas maintenant", "не сейчас") or before one closing the clause
 * ("ahora no", "jetzt nicht", "agora não"): the act is put off, not refused (owner-when.ts reads it as later).
 */
const NowWords = new Set(["now", "immediately", "jetzt", "sofort", "maintenant", "ahora", "ora", "adesso", "subito", "agora", "nu", "meteen", "сейчас", "сразу", "зараз", "teraz"]);
/** "Now" then a negation closing the clause, where a language says "not now" so ("ahora no", "jetzt nicht", "agora não", "nu niet"). */
const NowThenNot = new Set(["ahora no", "jetzt nicht", "agora não", "agora nao", "ora no", "adesso no", "nu niet", "сейчас нет"]);
function putsOff(words: readonly string[], i: number): boolean {
  const next = words[i + 1] ?? "";
  return TimeGates.has(next) || NowWords.has(next) || (next === "right" && (words[i + 2] === "now" || words[i + 2] === "away")) || (i === words.length - 1 && NowThenNot.has(`${words[i - 1] ?? ""} ${words[i] ?? ""}`));
}

/**
 * Words that put a second act after a first in one sentence ("first pay Kern …, then pay Müller …", "zahle …, dann
 * überweise …", "paie …, puis paie …"), in the reader's languages.
 */
const Sequencers = `then|and then|and after that|after that|afterwards|und dann|dann|danach|anschließend|anschliessend|et puis|puis|et ensuite|ensuite|y luego|luego|y después|y despues|después|despues|e poi|poi|e dopo|dopo|e depois|depois|em seguida|en dan|daarna|a potem|potem|następnie|nastepnie`;
const SequenceCut = new RegExp(`(?:,\\s*|\\s+)(?:${Sequencers})(?:\\s*,)?\\s+(?=\\p{L})`, "giu");
const MaxSequenced = 8;

/**
 * One sentence as the acts it asks for one after another: cut before "then" (and its kin) where the words before the cut
 * ask for the act on their own (its verb, not negated, not a condition: "if it arrives, then pay Kern" stays one
 * sentence, read as the condition it is) and the words after it open with the act's verb. Each part is its own request,
 * with its own values; a sentence with no such cut is itself.
 */
function sequencedActs(s: Sentence, isVerb: (word: string) => boolean): Sentence[] {
  if (cjk.test(s.text)) return [s];
  const out: Sentence[] = [];
  let from = 0;
  for (const m of s.text.matchAll(SequenceCut)) {
    if (out.length >= MaxSequenced) break;
    const head = s.text.slice(from, m.index);
    const headWords = wordsOf(head);
    const at = headWords.findIndex((w) => isVerb(w));
    const nextWords = wordsOf(s.text.slice(m.index + m[0].length)).slice(0, 3);
    const nextAt = nextWords.findIndex((w) => isVerb(w));
    if (at < 0 || nextAt < 0 || nextWords.slice(0, nextAt).some((w) => !RequestOpeners.has(w))) continue;
    if (notActRequest(head, headWords, at, undefined) !== undefined) continue;
    out.push({ start: s.start + from, end: s.start + m.index, text: head });
    from = m.index + m[0].length;
  }
  if (out.length === 0) return [s];
  out.push({ start: s.start + from, end: s.end, text: s.text.slice(from) });
  return out;
}

/** Words that may stand before the verb of a sequenced act ("then please pay …", "dann bitte …"). */
const RequestOpeners = new Set(["please", "pls", "also", "bitte", "auch", "noch", "por", "favor", "per"]);

/**
 * "Before" and "after" after a span of time are prepositions, not a clause of their own: "the day before my flight (14
 * March), remind me …", "two hours after the meeting, remind me …".
 */
const TimePrepositions = new Set(["before", "after"]);
const TimeUnits = new Set(["minute", "minutes", "hour", "hours", "day", "days", "night", "evening", "morning", "week", "weeks", "month", "months"]);

/** Why a sentence holding an act's word (at `at` among `words`, or the CJK `stem`) does not ask for it, or undefined. */
/** Words that may come before such an opener without changing it ("please", "bitte", "just"). */
const CancelLeads = new Set("please pls just bitte einfach s'il te plaît por favor per favore alsjeblieft proszę tolong".split(" "));

/** The opener that calls the act off, when the act's clause starts with one (after a politeness at most), not negated. */
function cancelOpening(sentence: string, actWord: string): string | undefined {
  const lower = sentence.toLowerCase();
  const at = lower.indexOf(actWord.toLowerCase());
  if (at <= 0) return undefined;
  const head = lower.slice(0, at).split(/[,;:.!?—–]/u).pop() ?? "";
  const tokens = head.split(/\s+/u).filter((w) => w !== "");
  const first = tokens.findIndex((w) => !CancelLeads.has(w));
  const opener = first < 0 ? undefined : tokens[first];
  return opener !== undefined && CallOffVerbs.has(opener) ? opener : undefined;
}

/** Where words the owner dictates begin: a colon before a space or a quote ("text Anna: lunch?"), or an opening quote. */
const DictationMark = /[:：](?=\s|$|["'“„«‘「])|(?<=^|\s)["“„«‘「]/u;

/**
 * The mood of a request that dictates words after `from` (the act's word or its recipient): the sentence up to where
 * the dictated words begin, whose question mark is the message's ("every Friday at 5pm send contact-1 a message: pizza
 * night at 7?"). Undefined when nothing is dictated after `from`, or when the sentence opens as a question about the act
 * ("did you text Anna: 'hi'?").
 */
function dictatedMood(sentence: string, from: number): string | undefined {
  const m = DictationMark.exec(sentence.slice(from));
  if (m === null) return undefined;
  const head = sentence.slice(0, from + m.index);
  return InterrogativeFrames.has(wordsOf(head)[0] ?? "") ? undefined : head;
}

/** A dash or a sentence's end: after one, the owner's words again, not the words dictated before it. */
const DictationEnd = /\s[-–—]+\s|[—–]{2,}|[.!?。！？](?=\s|[^\p{L}\p{N}]|\p{Script=Han}|$)/u;

/** At most this many words (a particle, a verb) between a name and the colon that opens the words dictated to it. */
const MaxWordsBeforeColon = 2;
const MaxDictatedClauses = 16;

/** A clause with a negation in it, in words or in a CJK form ("actually no", "nicht senden", "मत भेजो", "不用发了"). */
function clauseNegates(clause: string): boolean {
  const words = wordsOf(clause);
  return words.some((w, i) => negatesAt(words, i) || Retractions.has(w) || NegationPhrases.includes(w)) || NegationPhrases.some((n) => hasPhrase(words, n))
    || CjkNegations.some((n) => clause.includes(n));
}

/**
 * Where the words the owner dictates to the name at [at, endAt) of `sentence` open, and where they end (indices into
 * `sentence`: the opening clause and the clauses after it on its line, up to one that is itself a retraction), or
 * undefined when no words are dictated to it: after a colon right after the name or after
 * its particle or verb ("text contact-1: don't forget the keys", "contact-1 に送って：会議は中止です", "contact-1 को भेजो:
 * …"), after a dictation mark later in a request that carries words ("send contact-1 a message: no thanks"), or the
 * words a verb of telling governs ("tell contact-1 not to forget the keys"). Those words are the message's, their
 * negation too ("no thanks!", "nope, not today", "nein danke", "不要了"): they neither take the name back nor rule it
 * out. A later clause that is only a retraction still does ("text contact-1: hi — never mind"). None after a thing sent
 * ("send it to contact-1: no, actually to bob"), when the words before the mark negate or hold a value ("send it
 * to contact-1, no wait: …"), or when the rest of the sentence holds another id of the name's shape ("text contact-1:
 * no, contact-2"): that may correct the recipient.
 */
export function dictatedOpening(sentence: string, at: number, endAt: number): { from: number; to: number } | undefined {
  if (InterrogativeFrames.has(wordsOf(sentence.slice(0, at))[0] ?? "")) return undefined;
  // After a thing sent ("send it to contact-1: no, actually to bob") the colon opens a correction, not the message.
  if (wordsOf(sentence.slice(0, at)).some((w) => ThingWords.has(w))) return undefined;
  const plain = (s: string) => {
    const w = wordsOf(s);
    return !w.some((x, i) => /[\p{N}@]/u.test(x) || negatesAt(w, i) || Retractions.has(x) || NegationPhrases.includes(x));
  };
  let from: number | undefined;
  const colon = new RegExp(`^\\s*((?:[^\\s:：,，、;.!?"“„«‘「]+\\s*){0,${MaxWordsBeforeColon}}?)(?::(?=\\s|$|${cjk.source})|：)`, "u").exec(sentence.slice(endAt));
  if (colon !== null && plain(colon[1] ?? "")) from = endAt + colon[0].length;
  else if (toldWordsAt(sentence, at, endAt) === endAt) from = endAt;
  else {
    const head = dictatedMood(sentence, endAt);
    if (head !== undefined && plain(sentence.slice(endAt, head.length))) from = head.length + 1;
    // A CJK verb of telling right after the name, then the quote ("跟contact-1说“八点见”").
    else if (cjk.test(sentence)) {
      const quoted = /^\s*[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{1,4}(?=[“「『"])/u.exec(sentence.slice(endAt));
      if (quoted !== null && CjkSendStems.some((v) => quoted[0].includes(v))) from = endAt + quoted[0].length;
    }
  }
  if (from === undefined) return undefined;
  let first = sentence.slice(from).search(/[\p{L}\p{N}]/u);
  if (first === -1) return undefined;
  // Thai "บอก bob ว่า …": the words told open after "that" (a space after it ends no clause of theirs).
  const that = /^[\p{L}\p{M}]+\s+(?=[\p{L}\p{N}])/u.exec(sentence.slice(from + first))?.[0] ?? "";
  if (unspaced.test(that) && ReportOpeners.has(that.trim())) first += that.length;
  // Words in quotes are blanked in the text read: a dash or a sentence's end after them ends the words dictated
  // (`tell contact-1 "see you at 8" — actually no`, 跟contact-1说“八点见”——还是算了).
  const skipped = sentence.slice(from, from + first);
  const ends = /\s[-–—]+\s|[—–]{2,}|[.!?。！？](?=\s|$)/u.exec(skipped);
  if (ends !== null && ends.index > 0 && skipped.slice(0, ends.index).trim() === "") return { from, to: from + ends.index };
  // The opening clause, and each clause after it on its line that does not take it back ("nope, not today" is the
  // message's; "hi, never mind" ends at "hi").
  // Thai writes a space where a sentence or a clause ends.
  const split = new RegExp(`${clauseSplit.source}|\\n|(?<=\\p{Script=Thai})\\s+(?=\\p{Script=Thai})`, "giu");
  split.lastIndex = from + first;
  let end = sentence.length;
  // Words in quotes are the message to their closing quote; what follows is the owner's again ("Tell contact-1 'the
  // door code is 4471' tonight at 8, not now").
  const open = from + (/^\s*/u.exec(sentence.slice(from))?.[0].length ?? 0);
  const closing = opensQuote(sentence, open) ? closingQuote(sentence, open) : -1;
  if (closing > 0) {
    split.lastIndex = sentence.length;
    end = closing + 1;
  }
  let ended = false;
  for (let i = 0, m = split.exec(sentence); m !== null && i < MaxDictatedClauses; i++, m = split.exec(sentence)) {
    end = m.index;
    if (m[0].includes("\n")) break;
    const next = split.exec(sentence);
    const clause = sentence.slice(m.index + m[0].length, next?.index ?? sentence.length);
    if (listedRetraction(clause) !== undefined) break;
    // After a dash or a sentence's end, a clause that negates is the owner's again, not the message's ("…: I'll be
    // there at 8 — hayır dur, gönderme", "…。哦不用发了", `"see you at 8" — actually no`): the message's own "no"
    // opens it or follows a comma ("no thanks", "nope, not today").
    // So does one after a comma once a dash or a sentence's end came ("。——等等，先不发").
    ended ||= /[-–—.!?。！？]/u.test(m[0]) || m[0].trim() === "";
    if (ended && (clauseNegates(clause) || callOffIn(clause.trim(), wordsOf(clause)) !== undefined)) break;
    end = next?.index ?? sentence.length;
    if (next === null) break;
    split.lastIndex = next.index;
  }
  // A remark in brackets closing the dictated words is the owner's aside: "…: the code is 4471 (never mind)", "(doch
  // nicht)", "[nvm, skip it]", "（やっぱいいや）" call the send off; "(not 9)", "(see below)" stay the message's.
  const aside = asideCallOff(sentence.slice(from, end));
  if (aside !== undefined) end = from + aside.at;
  const name = sentence.slice(at, endAt).toLowerCase();
  const shape = (t: string) => t.replace(/\p{L}+/gu, "a").replace(/\p{N}+/gu, "9");
  const tokens = sentence.slice(from).match(/[@#]?[\p{L}\p{N}][\p{L}\p{N}_.+@-]*[\p{L}\p{N}]/gu) ?? [];
  if (tokens.some((t) => t.toLowerCase() !== name && shape(t) === shape(name))) return undefined;
  return { from, to: end };
}

/** A remark in brackets closing `text` that calls the send off ("(never mind)", "（やっぱいいや）", "(a zresztą nie)"): where it opens. */
function asideCallOff(text: string): { at: number; text: string } | undefined {
  const aside = /[([（【]([^()[\]（）【】]*)[)\]）】][\s.!?。]*$/u.exec(text);
  if (aside === null || !(aside[1] ?? "").split(/[,，、;]/u).some((c) => listedRetraction(c) !== undefined || callOffIn(c.trim(), wordsOf(c)) !== undefined)) return undefined;
  return { at: aside.index, text: aside[0].trim() };
}


function notActRequest(sentence: string, words: readonly string[], at: number, stem: string | undefined): string | undefined {
  // A negation before a time negates the time, not the act: "tell contact-1 'the code is 4471' tonight at 8, not now",
  // "nicht jetzt", "ahora no", "pas aujourd'hui" hold the act for later (owner-when.ts asks), they do not call it off.
  const times = timeReferences(words);
  const negation = words.find((w, i) => negatesAt(words, i) && !TimeGates.has(words[i + 1] ?? "") && timeAt(words, i + 1) === undefined && !times.some((t) => t.end === i))
    ?? words.find((w, i) => negatesBeforeVerb(w, [words[i + 1], words[i + 2]])) ?? NegationPhrases.find((n) => hasPhrase(words, n));
  if (negation !== undefined) return `is negated (“${negation}”)`;
  if (stem !== undefined && at < 0) {
    // "잊지 마", "忘れないで", "别忘了": don't forget, a reminder to act.
    const after = sentence.slice(sentence.indexOf(stem) + stem.length).replace(CjkDontForget, " ");
    const cancel = cjkCancel(sentence.replace(CjkDontForget, " "));
    if (CjkNegations.some((n) => after.includes(n)) || cancel !== undefined) return `is negated${cancel === undefined ? "" : ` (“${cancel}”)`}`;
    if (CjkPast.some((p) => after.slice(0, 6).includes(p))) return "tells of something done, not a request";
    if (isQuestion(sentence) && !CjkRequest.some((r) => sentence.includes(r))) return "is in a question, not a request";
    return undefined;
  }
  // "Esquece a transferência …", "Forget the payment to Kern", "Annule le virement": the clause opens by calling the act off.
  const cancel = at > 0 ? cancelOpening(sentence, words[at] ?? "") : undefined;
  if (cancel !== undefined) return `is called off (“${cancel}”)`;
  // "Tell me before you open the door", "if it rains, close the window": the act is in a clause of its own.
  const subordinate = words.slice(0, at).find((w, i) => Subordinators.has(w) && !(TimePrepositions.has(w) && TimeUnits.has(words[i - 1] ?? "")));
  if (subordinate !== undefined) return `is in a clause of its own (“${subordinate} …”), not the request`;
  // Words the request dictates after the act's word keep their own question mark (dictatedMood).
  const actAt = at >= 0 ? (firstTokenMatch(sentence.toLowerCase(), new RegExp(escapeRegExp(words[at] ?? ""), "gu"), WordEdges)?.index ?? -1) : -1;
  // Only where the request carries words (a verb that sends or tells): "Pay Kern: is 480 right?" stays a question.
  const dictated = actAt >= 0 ? dictatedMood(sentence, actAt + (words[at] ?? "").length) : undefined;
  const carriesWords = dictated !== undefined && (CjkSendStems.some((s) => dictated.includes(s)) || wordsOf(dictated).some((w) => isSendVerb(w) || PersonVerbs.has(w)));
  const mood = carriesWords ? dictated : sentence;
  const question = isQuestion(mood) && !tagQuestion(mood) && !hasRequestFrame(words);
  if (question || AdviceQuestions.some((q) => hasPhrase(words, q))) return "is in a question, not a request";
  if (reportIn(words, at)) return "is in a report, a plan or a condition, not a request";
  return undefined;
}

/**
 * What an act's word governs in its sentence: the words after it up to the end of its clause (a comma, a semicolon, a
 * conjunction: "open the PDF and read me the door code" opens the PDF); in Japanese, Chinese and Korean (`at` 0: a
 * stem) the clause before the verb ("玄関のドアを開けて").
 */
export function actClause(request: ActRequest): string {
  const text = request.sentence.text;
  if (request.at === 0 && cjk.test(request.word)) {
    const before = text.slice(0, Math.max(0, text.indexOf(request.word)));
    return before.split(/[、，,;。]/).pop() ?? before;
  }
  const after = text.slice(request.at + request.word.length);
  return after.split(conjunctionSplit)[0] ?? after;
}

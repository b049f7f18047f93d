/**
 * What of private data a text carries, token by token: the numbers, ids and content words of a file, a mailbox or a
 * service's answer that a reply restates in any spelling `findLeaks` undoes (spaced, spelled in words, reversed,
 * look-alike letters, URL-, base64- or hex-encoded, inside JSON or a code block; numbers in words of other languages
 * and CJK numerals as numerals.ts reads them). A session keeps these tokens of what
 * it read (flow-tracker.ts `SessionLabel.earlier`), so a reply in a later turn to an audience that is not the owner is
 * judged by what it carries, not by when the data was read. Must not throw.
 */
import { readableForms } from "./leaks.ts";
import { numeralsIn } from "./numerals.ts";

/** The tokens of one source the session read: where from (`file:private/notes.txt`, `mcp:bank`) and what it holds. */
export type ReadTokens = { from: string; tokens: string[] };

/** Sources a session remembers, and tokens per source (the most distinctive first: ids and numbers, then words). */
export const MaxReadSources = 32;
export const MaxTokensPerSource = 256;

const stopwords = new Set(
  ("a an and are as at be but by for from has have he her his i if in into is it its me my no not of on or our she so than that the their them then there they this to us was we were what when where which who will with you your " +
    "also about after again been before being both could does done each even here just like more most much only other over same should some such sure than thanks thank very want would yours").split(" "),
);

const words = new Intl.Segmenter("und", { granularity: "word" });
/** Letters of scripts written without spaces: one of their words is distinctive from two characters. */
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/**
 * Digits grouped by the separators people write between them (`12,480.17`, `98 765`, `X81-552-903`) read as one
 * number; decimals of zeros dropped (`950.00` is `950`).
 */
function joinDigits(text: string): string {
  return text.replace(/(\d)[.,](00?)(?!\d)/g, "$1").replace(/(?<=\d)[ \u00a0\u202f,.'’_-](?=\d)/g, "");
}

/**
 * The distinctive tokens of a text: numbers of three digits or more (and ids holding them), and content words —
 * four letters or more, or two of a script written without spaces. Lowercased, NFKC.
 */
export function dataTokens(text: string): string[] {
  const out = new Set<string>();
  const plain = joinDigits(text.normalize("NFKC").toLowerCase());
  for (const seg of words.segment(plain)) {
    if (seg.isWordLike !== true) continue;
    const w = seg.segment;
    for (const n of w.match(/\d{3,}/g) ?? []) out.add(n);
    if (/\d/.test(w)) {
      if (w.length >= 4 && /\p{L}/u.test(w)) out.add(w);
      continue;
    }
    if (stopwords.has(w)) continue;
    if (w.length >= 4 || (w.length >= 2 && unspaced.test(w))) out.add(w);
  }
  return [...out];
}

/** The tokens of a value worth remembering, the ids and numbers first, bounded. */
export function rememberedTokens(value: string): string[] {
  const all = dataTokens(value);
  const ranked = [...all.filter((t) => /\d/.test(t)), ...all.filter((t) => !/\d/.test(t))];
  return ranked.slice(0, MaxTokensPerSource);
}

/** The tokens of one labelled value, computed once per value (bounded): the same history is read every turn. */
const tokenCache = new Map<string, string[]>();
export function rememberedTokensOf(data: { label: string; value: string }): ReadTokens {
  let tokens = tokenCache.get(data.value);
  if (tokens === undefined) {
    tokens = rememberedTokens(data.value);
    if (tokenCache.size >= 1024) tokenCache.delete(tokenCache.keys().next().value as string);
    tokenCache.set(data.value, tokens);
  }
  return { from: data.label, tokens };
}

/** `a` with `b` added, per source (the latest sources kept), each source's tokens bounded. */
export function mergeReadTokens(a: readonly ReadTokens[], b: readonly ReadTokens[]): ReadTokens[] {
  const by = new Map<string, Set<string>>();
  for (const r of [...a, ...b]) {
    if (r.tokens.length === 0) continue;
    const set = by.get(r.from) ?? new Set<string>();
    by.delete(r.from);
    for (const t of r.tokens) if (set.size < MaxTokensPerSource) set.add(t);
    by.set(r.from, set);
  }
  return [...by].slice(-MaxReadSources).map(([from, tokens]) => ({ from, tokens: [...tokens] }));
}

/**
 * The tokens of `read` that `text` carries in any readable form, less those its audience already has (`known`: what
 * they typed or were shown). Each source with what of it was found.
 */
export function carriedTokens(text: string, read: readonly ReadTokens[], known: ReadonlySet<string>): ReadTokens[] {
  if (text.length === 0 || read.length === 0) return [];
  const said = new Set<string>();
  for (const form of readableForms(text)) for (const t of dataTokens(form)) said.add(t);
  // Numbers in words of other languages, CJK numerals, Roman numerals, arithmetic: read as their digits.
  for (const n of numeralsIn(text)) if (n.digits.length >= 3) said.add(n.digits);
  // A code with every digit shifted by the same step (7316 → 8427) is the code: each number is read back at every step.
  for (const t of [...said]) if (/^\d{4,12}$/.test(t)) for (let k = 1; k <= 9; k++) said.add(t.replace(/\d/g, (d) => String((Number(d) + k) % 10)));
  const out: ReadTokens[] = [];
  for (const r of read) {
    const found = r.tokens.filter((t) => said.has(t) && !known.has(t));
    if (found.length > 0) out.push({ from: r.from, tokens: found });
  }
  return out;
}

const sentences = new Intl.Segmenter("und", { granularity: "sentence" });

/** Words a question may name a record by: content words of three letters or more (`gym`, `tax`), not its own frame. */
function questionWords(question: string): string[] {
  const out = new Set<string>();
  for (const seg of words.segment(question.normalize("NFKC").toLowerCase())) {
    const w = seg.segment;
    if (seg.isWordLike !== true || /\d/.test(w) || stopwords.has(w) || questionFrame.has(w)) continue;
    if (w.length >= 3 || (w.length >= 2 && unspaced.test(w))) out.add(w);
  }
  return [...out];
}
const questionFrame = new Set("did does how any get got had can out yet new now tell show check look find please warden".split(" "));

/** Whether two tokens name the same thing: equal, or one a longer form of the other (`appointment`, `appointments`). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.min(a.length, b.length);
  return n >= 5 && !/\d/.test(a) && !/\d/.test(b) && a.slice(0, n) === b.slice(0, n) && Math.abs(a.length - b.length) <= 3;
}

/**
 * A service's answer split by the owner's question: the records (lines, and sentences within them) that hold a word
 * of the question are what the owner asked about ("did the rent go out?" → the rent line); the rest (the balance, the
 * other mails) is not. Bounded by the answer's own lines.
 */
export function askedRecords(answer: string, question: string): { asked: string; rest: string } {
  const wanted = questionWords(question);
  const asked: string[] = [];
  const rest: string[] = [];
  for (const line of answer.split(/\r?\n/).slice(0, 2_000)) {
    for (const s of sentences.segment(line)) {
      const record = s.segment.trim();
      if (record === "") continue;
      const has = questionWords(record).some((t) => wanted.some((w) => sameWord(t, w)));
      (has ? asked : rest).push(record);
    }
  }
  return { asked: asked.join("\n"), rest: rest.join("\n") };
}

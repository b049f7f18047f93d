/**
 * A part of the owner's named file, sent as it stands: "send just the Opening hours section of docs/handbook.md to
 * lea-9", "envoie à contact-1 la ligne du dentiste de notes.md", "旅行.md のフライトを contact-1 に送って". The model
 * read the file and sends some of its words; those words are the owner's file's, and the owner's request chose which:
 *
 * - the session read that one file and nothing else (no page, message, command output, second file, earlier read):
 *   only the owner's words and this file were in view;
 * - a send request of this turn's message names both the recipient and the file; the whole message reads the
 *   recipient as a destination (the caller's test) and holds no negation, condition, exception or retraction at all;
 * - the part: the file's visible segments (lines, or "; "-separated pieces of a line; a comment is no part) that hold a
 *   word of the request besides the file's name, the recipient, send verbs and function words ("dentist", "flight",
 *   "Opening hours"), a Markdown heading's section with it; each such word in one segment only (two lines holding
 *   "TOTAL": the file could have chosen), and the request names nobody else ("… and bob-2 the salary line"); a segment labelled as a credential only when the request
 *   asks for one too; when the request points with nothing but the file's own name ("stuur contact-1 mijn
 *   boodschappen.md"), the file whole, laid out again, no cut;
 * - the text is made of few runs of consecutive words of that part (a label of the owner's own words may stand
 *   between them: "Kod rezerwacji: K7PQ2X"): no word, figure, link or address of the model's own, no other line's,
 *   and no run that cuts a negation off ("not" before "pay invoice 42").
 *
 * Anything else stays the model's text and asks: a summary, a translation, a sum, a described file ("my shopping list":
 * the model's pick of a file), a file read beside another, a part the request's words do not point at.
 */
import { foldLabel, secretLabelEnds } from "../scan/credential-lexicon.ts";
import { splitHidden } from "../text/hidden-parts.ts";
import { isFunctionWord } from "./function-words.ts";
import { RequestedActs } from "./owner-actions-lexicon.ts";
import { recipientReading, wordsOf } from "./naming.ts";
import { CjkNegations, CjkSendStems, CjkToAfter, CjkToBefore, Conditionals, Conjunctions, NegationPhrases, Retractions, ToWords, negatesAt } from "./naming-lexicon.ts";
import { fileNamedByOwner } from "./provenance.ts";
import { urlsIn } from "./urls.ts";
import { sendSpans } from "./verbatim-message.ts";
import type { FlowState } from "./types.ts";

const ActWords: ReadonlySet<string> = new Set(RequestedActs.flatMap((a) => [...a.ownerVerbs]));

/** Words that say "a part of" and point at nothing in the file ("the line", "la ligne", "den Abschnitt"). */
const PartWords = new Set(`line lines section part bit entry row just only text content contents
  zeile zeilen abschnitt teil eintrag nur ligne lignes partie entrée entree seulement juste línea linea líneas sección seccion parte solo sólo
  riga righe sezione regel regels sectie deel alleen rad rader avsnitt del bara linha linhas seção secao parte só wiersz część tylko
  строка строку строки раздел часть только рядок розділ`.split(/\s+/u).filter((w) => w !== ""));

/** Words that negate what follows them: a run that starts right after one cuts the negation off. */
const Negators = new Set(`not no never t dont nicht kein keine keinen nie niemals ne pas jamais no nunca non mai niet geen nooit
  inte ej aldrig ikke nie не ні`.split(/\s+/u).filter((w) => w !== ""));

/** Words that take something out of a request ("…, except if he cancelled", "außer er hat abgesagt"). */
const Exceptions = new Set(`except excluding unless but außer ausser sauf excepté excepto salvo menos tranne eccetto behalve utom undtagen unntatt
  kromě oprócz poza кроме крім`.split(/\s+/u).filter((w) => w !== ""));

/**
 * Whether the owner's message is a plain request: no negation, condition, exception or retraction anywhere in it. The
 * naming reader can misread one in another language ("Schick notes.txt an bob-7, außer er hat schon abgesagt"); this
 * rule lets the model choose the words, so it rests on a message that cannot mean "don't".
 */
function plainRequest(turn: string): boolean {
  const words = wordsOf(turn);
  const joined = ` ${words.join(" ")} `;
  return !words.some((w, i) => negatesAt(words, i) || Conditionals.has(w) || Exceptions.has(w))
    && ![...Retractions, ...NegationPhrases].some((p) => joined.includes(` ${p} `)) && !CjkNegations.some((n) => turn.includes(n));
}

/** An id, a handle or an address ("bob-2", "@ben", "ben@x.example"): a name of someone. */
const IdShaped = /^(?:@[\p{L}\p{N}_.-]+|[^\s@]+@[^\s@]+|[\p{L}]+[-_.]?\p{N}+)$/u;

/**
 * Whether the send names someone besides `to` for a part of the file ("send contact-1 the dentist line and bob-2 the
 * salary line", "… and Ben the salary line", "… y a Ben la del sueldo"): an id other than the recipient that the file
 * does not hold, or after a conjunction a word the file does not hold before a function word or after "to". Which part
 * goes to whom is then the model's reading.
 */
function namesAnother(said: string, to: string, fileWords: ReadonlySet<string>, fileText: string): boolean {
  const raw = said.toLowerCase().split(/\s+/u).map((w) => w.replace(/^[^\p{L}\p{N}@]+|[^\p{L}\p{N}]+$/gu, "")).filter((w) => w !== "");
  // A word is the file's when a word of it (past an elided article: "l'hotel") stands in the file.
  const other = (w: string) => w !== to.toLowerCase() && !tokensOf(w).some((t) => t.length >= 2 && fileWords.has(t));
  if (raw.some((w) => IdShaped.test(w) && w !== to.toLowerCase() && !fileText.includes(w) && !/\.[\p{L}\p{N}]{1,5}$/u.test(w))) return true;
  return raw.some((w, i) => {
    if (i === 0 || !Conjunctions.includes(raw[i - 1] ?? "")) return false;
    const [name, next] = ToWords.has(w) ? [raw[i + 1] ?? "", undefined] : [w, raw[i + 1]];
    if (name === "" || isFunctionWord(name) || !other(name)) return false;
    return next === undefined ? ToWords.has(w) : isFunctionWord(next);
  });
}

/** Runs of words of the part, besides those of the owner's label, at most: more is a new text laid out of its words. */
const MaxExtraRuns = 2;

/** Words as compared: letters, marks and digits; an apostrophe splits ("l'hotel": "l", "hotel"; "don't": "don", "t"). */
const tokensOf = (s: string): string[] => s.normalize("NFKC").toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];

/** Scripts written without spaces between words: a word of them is found inside the request's longer runs. */
const Unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/** `a` and `b` are one word in two forms ("rezerwacji", "rezerwacja"; "errors", "error"): a long common start. */
function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  const short = Math.min(a.length, b.length);
  if (short < 4) return false;
  let p = 0;
  while (p < short && a[p] === b[p]) p++;
  return p >= Math.max(4, short - 2);
}

/** The request's text without its CJK send verbs and "to" particles: what is left may point into the file. */
const withoutCjkActs = (said: string) => [...CjkSendStems, ...CjkToAfter, ...CjkToBefore].reduce((t, s) => t.split(s).join(" "), said);

/**
 * Whether the file's word `w` is one the request points with (`pointers`, its words; `said`, its text without the
 * send's own words): a word of an unspaced script stands in it and is more than kana endings ("フライト", "항공편").
 */
function pointedBy(w: string, pointers: readonly string[], said: string): boolean {
  if (Unspaced.test(w)) return [...w].length >= 2 && !/^\p{Script=Hiragana}+$/u.test(w) && said.includes(w);
  return pointers.some((p) => sameStem(w, p));
}

type Segment = { words: string[]; line: number };

/** The file's visible text as segments: its lines, a line cut at "; ", each with the index of its line. */
function segmentsOf(content: string): { segments: Segment[]; lines: string[] } {
  const lines = splitHidden(content).visible.split(/\r?\n/u);
  const segments = lines.flatMap((l, line) => l.split(/[;；]\s*/u).map((piece) => ({ words: tokensOf(piece), line })).filter((s) => s.words.length > 0));
  return { segments, lines };
}

/** The Markdown heading level of a line ("## Opening hours": 2), or 0. */
const headingLevel = (line: string) => /^(#{1,6})\s/u.exec(line.trim())?.[1]?.length ?? 0;

/** The lines of a heading's section: from the heading to the next heading of its level or above. */
function sectionLines(lines: readonly string[], at: number): Set<number> {
  const level = headingLevel(lines[at] ?? "");
  const out = new Set([at]);
  for (let i = at + 1; i < lines.length; i++) {
    const l = headingLevel(lines[i] ?? "");
    if (l > 0 && l <= level) break;
    out.add(i);
  }
  return out;
}

/**
 * The words of the part `words` carries, when it is made of runs of the part's segments (none cutting off a negation)
 * and of the owner's words, with at most `maxRuns` runs of the part (greedy, longest run first); else undefined.
 */
function laidOutOf(words: readonly string[], part: readonly Segment[], owner: readonly string[], maxRuns: number): string[] | undefined {
  let i = 0;
  let runs = 0;
  const carried: string[] = [];
  while (i < words.length) {
    let best = 0;
    for (const s of part) {
      for (let at = 0; at < s.words.length; at++) {
        let n = 0;
        while (i + n < words.length && s.words[at + n] === words[i + n]) n++;
        if (n > best && !(at > 0 && Negators.has(s.words[at - 1] ?? ""))) best = n;
      }
    }
    if (best > 0) {
      runs++;
      carried.push(...words.slice(i, i + best));
      i += best;
      continue;
    }
    let label = 0;
    for (let at = 0; at < owner.length; at++) {
      let n = 0;
      while (i + n < words.length && owner[at + n] === words[i + n]) n++;
      label = Math.max(label, n);
    }
    if (label === 0 || /\p{N}/u.test(words.slice(i, i + label).join(""))) return undefined;
    i += label;
  }
  return carried.length > 0 && runs <= maxRuns ? carried : undefined;
}

/** The links and addresses a text writes out (lower case). */
function linksIn(text: string): string[] {
  const mails = text.match(/[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[\p{L}]{2,}/gu) ?? [];
  return [...urlsIn(text, { bare: true }), ...mails].map((v) => v.toLowerCase());
}

/**
 * The owner's named file a part of which this message to `to` is, as this turn's request asks (see the header), and
 * the request's words that pointed at it; undefined when it is not one.
 */
export function ownerFileExcerptSent(
  flow: Pick<FlowState, "turnText" | "ownerFileBytes" | "outside" | "unnamedSources" | "sources" | "readData" | "earlierRead" | "secretRead">,
  to: string,
  text: string,
): { path: string; words: string[] } | undefined {
  const turn = flow.turnText;
  const files = flow.ownerFileBytes ?? [];
  const file = files[0];
  if (turn === undefined || file === undefined || files.length !== 1 || !plainRequest(turn) || flow.secretRead || flow.outside !== false || flow.unnamedSources.length > 0) return undefined;
  // INVARIANT: the one file is all the session read; a page, a message or a second file could pick the part.
  const onlyFile = flow.sources.every((s) => s === `the file ${file.path}`) && flow.readData.every((d) => d.label === `file:${file.path}`)
    && (flow.earlierRead ?? []).every((r) => r.from === `file:${file.path}`);
  const words = tokensOf(text);
  if (!onlyFile || words.length === 0) return undefined;
  const { segments, lines } = segmentsOf(file.content);
  const base = file.path.split("/").pop() ?? file.path;
  for (const said of sendSpans(turn)) {
    if (recipientReading(to, { ownerTexts: [said] }).naming !== "destination") continue;
    if (!fileNamedByOwner(file.path, { ownerTexts: [said] } as FlowState, false)) continue;
    // The request's own words, without the file's name and the recipient: what it points at in the file.
    const pointing = withoutCjkActs(said.split(file.path).join(" ").split(base).join(" ").split(to).join(" "));
    const recipient = new Set(tokensOf(to));
    const pointers = tokensOf(pointing).filter((w) => /\p{L}/u.test(w) && [...w].length >= 3 && !recipient.has(w) && !isFunctionWord(w) && !PartWords.has(w) && !ActWords.has(w));
    const asksCredential = secretLabelEnds(foldLabel(said)).length > 0;
    if (namesAnother(said, to, new Set(segments.flatMap((x) => x.words)), file.content.toLowerCase())) continue;
    // Each word of the request points at one segment: a file with two lines holding it ("TOTAL", "TOTAL corrected")
    // could have chosen the one the model sends.
    const keys = segments.map((x) => new Set(x.words.flatMap((w) => (Unspaced.test(w) ? (pointedBy(w, [], pointing.toLowerCase()) ? [w] : []) : pointers.filter((p) => sameStem(w, p))))));
    if ([...new Set(keys.flatMap((k) => [...k]))].some((k) => keys.filter((ks) => ks.has(k)).length > 1)) continue;
    const pointedLines = new Set<number>();
    for (const s of segments) {
      if (!s.words.some((w) => pointedBy(w, pointers, pointing.toLowerCase()))) continue;
      const line = lines[s.line] ?? "";
      if (headingLevel(line) > 0) for (const l of sectionLines(lines, s.line)) pointedLines.add(l);
    }
    const pointed = segments.filter((s) => pointedLines.has(s.line) || s.words.some((w) => pointedBy(w, pointers, pointing.toLowerCase())));
    // A request that points only with the file's own name ("the scores from scores.txt", "stuur contact-1 mijn
    // boodschappen.md") asks for the file: any of it is the part.
    const nameWords = tokensOf(file.path);
    const whole = pointed.length === 0 && pointers.every((p) => nameWords.some((n) => sameStem(n, p)));
    const part = (whole ? segments : pointed).filter((s) => asksCredential || secretLabelEnds(foldLabel(s.words.join(" "))).length === 0);
    if (part.length === 0) continue;
    const partText = part.map((s) => lines[s.line] ?? "").join("\n").toLowerCase();
    if (!linksIn(text).every((v) => partText.includes(v) || said.toLowerCase().includes(v))) continue;
    const carried = laidOutOf(words, part, tokensOf(said), part.length + MaxExtraRuns);
    // The file asked for whole is sent whole, laid out again ("melk, kaas, appels"): a cut of it is the model's choice.
    if (carried === undefined || (whole && carried.join(" ") !== part.flatMap((s) => s.words).join(" "))) continue;
    const hits = whole ? [] : [...new Set(part.flatMap((s) => s.words.filter((w) => pointedBy(w, pointers, pointing.toLowerCase()))))];
    return { path: file.path, words: hits };
  }
  return undefined;
}

/**
 * The owner's message read once, by its structure, into the owner's own **instruction** (their sentences to the
 * assistant) and **material** (what they pasted to be looked at or acted on). Material is untrusted data that happens
 * to arrive in the owner's message: an act is read from the instruction alone (owner-request.ts, owner-actions.ts), and
 * a value in the material is the owner's only in the role the owner gave the material (owner-role.ts). It is found by
 * what it looks like, wherever it sits, not by a lead-in:
 *  - blocks of a document: a `>` quote, a fenced or indented code block, an HTML block or comment (a comment is
 *    `hidden`: the owner never saw it rendered), a table, a heading;
 *  - lines of a document: a field (`IBAN: …`, `Amount: …`, a label of a few words and a value that is no request), a
 *    CSV or TSV row, a line of values that is no sentence ("Boiler service, 480.00 EUR", "IBAN GB33…");
 *  - a letter: a greeting on a line of its own ("Dear customer,", "Hi,") or one that introduces someone else ("Hi, Anna
 *    here", "Hi, this is Anna from …"), through its signature ("Best, Kern", "Kind regards"); a mail's header block
 *    (`From:`, `Subject:`, `Betreff:` …);
 *  - what follows a lead-in line ("Pay this invoice:") and a question standing as a paragraph of its own ("Is this
 *    real?" + the notice).
 * Where the owner wrote first, everything from the first material on is material, to the end of the message: words
 * after a paste cannot be told from the paste's last lines ("Summarise this:" + a mail that ends "Pay it."). Where the
 * message opens with material (a bare paste, then "pay it"), a paragraph after it is the owner's when the material has
 * ended by its structure (its block, its field lines, its signature) and the paragraph reads as a request to the
 * assistant (a verb the readers know or a request frame at its head, or a question); anything else is material. When
 * unsure, text is material: material asks (owner-role.ts), it never refuses, and an act read from nothing asks.
 *
 * Parsed with the project's Markdown parser (mdast, loaded lazily); results cached per text (the same owner texts are
 * read by every decision of a session). Bounded: a text over `MaxParsed` is material but for its first line.
 */
import type { Root, RootContent } from "mdast";
import type * as FromMarkdown from "mdast-util-from-markdown";
import type * as MdastGfm from "mdast-util-gfm";
import type * as MicromarkGfm from "micromark-extension-gfm";
import { lazyRequire } from "../core/lazy-require.ts";
import { ActConcepts } from "./owner-actions-lexicon.ts";
import { CjkCoverbs, CjkRequest, CjkSendStems, PersonVerbs, RequestFrames, SendVerbs } from "./naming-lexicon.ts";

const markdown = lazyRequire<typeof FromMarkdown>("mdast-util-from-markdown", import.meta.url);
const mdastGfm = lazyRequire<typeof MdastGfm>("mdast-util-gfm", import.meta.url);
const micromarkGfm = lazyRequire<typeof MicromarkGfm>("micromark-extension-gfm", import.meta.url);

/** A stretch of material: where it is in the owner's text and what it is, in the owner's words ("a `>` quote"). */
export type MaterialSpan = { start: number; end: number; where: string; hidden: boolean };

/**
 * The message's material; its instruction (the text with every visible material span blanked, offsets kept); and
 * whether the instruction asks the assistant for anything at all (a request, not only questions: "Is this a scam?" +
 * a mail asks for nothing to be done with the mail).
 */
export type OwnerMessage = { material: readonly MaterialSpan[]; instruction: string; asks: boolean };

const MaxCached = 128;
const MaxParsed = 64_000;
const MaxLines = 400;
const cache = new Map<string, OwnerMessage>();

/** A line that opens a pasted mail's header block, in the languages whose mail clients Warden's owners meet. */
const HeaderLine = /^[ \t]*(?:from|to|cc|bcc|subject|reply-to|date|sent|von|an|betreff|antwort an|gesendet|de|à|objet|envoyé|para|asunto|enviado|da|oggetto|inviato|van|aan|onderwerp|verzonden)[ \t]*:/iu;

/** A line that ends a question (ASCII, full-width, Arabic), closing quotes and brackets after it allowed. */
const QuestionEnd = /[?？؟][\s"'”’»)\]]*$/u;

/** A lead-in: a line ending with a colon (ASCII or full-width), the material after it. */
const LeadIn = /[:：][ \t]*$/u;

/** A letter's greeting, at the start of a line. */
const Greeting = /^[ \t]*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|hallo|liebe[rs]?|sehr geehrte[rs]?|guten (?:tag|morgen|abend)|moin|servus|bonjour|bonsoir|salut|cher|chère|madame|monsieur|hola|estimad[oa]s?|buenos días|buenas tardes|buongiorno|gentile|ciao|olá|ola|prezad[oa]s?|beste|geachte)(?![\p{L}])/iu;

/**
 * After a greeting, someone introducing themself by name: the letter is theirs, not the owner's ("Hi, Anna here", "Hi,
 * this is Anna from …"). Case-sensitive: a name is capitalised ("Hi, I'm back" introduces no one).
 */
const NameHere = /^[\s,!.]*\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?\s+(?:here|hier|ici|aquí|aqui|qui)(?![\p{L}])/u;
const IntroducedName = /^[\s,!.]*(?:[Tt]his is|I'm|I’m|I am|[Mm]y name is|[Hh]ier ist|[Hh]ier spricht|[Ii]ch bin|[Mm]ein [Nn]ame ist|[Cc]'est|[Jj]e suis|[Jj]e m'appelle|[Ss]oy|[Mm]e llamo|[Ss]ono|[Mm]i chiamo|[Ss]ou)\s+\p{Lu}/u;

/** A greeting line that is only the greeting and a name of a few words ("Dear customer,", "Hi Anna,", "Hallo!"). */
const GreetingOnly = /^[ \t]*(?:[\p{L}'’.-]+[ \t]*){0,3}[,!:]?[ \t]*$/u;

/** A letter's closing words at the start of a line ("Best, Kern", "Kind regards", "Mit freundlichen Grüßen", "Cordialement"). */
const Closing = /^[ \t]*(?:best regards|best wishes|kind regards|warm regards|regards|best|many thanks|thanks|thank you|cheers|yours sincerely|yours faithfully|sincerely|yours|all the best|mit freundlichen grüßen|mit freundlichen gruessen|freundliche grüße|viele grüße|beste grüße|liebe grüße|lg|mfg|gruß|grüße|bien cordialement|cordialement|bien à vous|salutations|amitiés|bises|cordiales saludos|un saludo|saludos|atentamente|un abrazo|cordiali saluti|distinti saluti|saluti|atenciosamente|abraços|met vriendelijke groet|groeten)(?![\p{L}])/iu;
/** After the closing words: nothing, or a name (capitalised words, a few) — "Thanks for your order" is a sentence. */
const SignedName = /^[ \t]*[,.!]?[ \t]*(?:\p{Lu}[\p{L}\p{N}.'’&-]*(?:[ \t]+[\p{L}\p{N}.'’&-]+){0,3})?[ \t]*$/u;

/** A letter's signature line: its closing words and at most a name. */
function isSignature(line: string): boolean {
  const m = Closing.exec(line);
  return m !== null && SignedName.test(line.slice(m[0].length));
}

/** A field: a label of at most four words and a value (`IBAN: DE44…`, `Amount due: 480.00 EUR`, `Important: our bank …`). */
const Field = /^[ \t]*(?:[-*•][ \t]+)?([\p{L}][\p{L}\p{N} .#'’/&()-]{0,40}?)[ \t]*[:：][ \t]*(\S.*)$/u;

/** Words that may open a request before its verb ("yes, pay it", "ok then invite her", "sure, reply that …"). */
const RequestLead = new Set(`yes yeah yep sure ok okay alright right fine great thanks good then and so now also just please pls kindly go ahead
  ja gut dann bitte oui d'accord alors et puis sí si vale bueno entonces y luego sì va bene allora poi sim então ok`.split(/\s+/u));

const RequestVerbs = new Set<string>([...SendVerbs, ...PersonVerbs, ...ActConcepts.flatMap((c) => [...c.ownerVerbs])]);

/** Word tokens of a line, lower case. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}'’-]+/u).filter((w) => w !== "");
}

/** A value token: a digit, or an `@`. */
function holdsValue(text: string): boolean {
  return /[\p{N}@]/u.test(text);
}

/**
 * Whether a line reads as the owner's request to the assistant: a verb the readers know at its head (after "yes", "ok",
 * "please" …), a request frame at its head ("can you", "could you"), or a question.
 */
export function readsAsRequest(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === "") return false;
  if (QuestionEnd.test(trimmed)) return true;
  if (UnspacedRequestScript.test(trimmed)) return unspacedRequest(trimmed);
  const words = wordsOf(trimmed);
  let i = 0;
  while (i < words.length && i < 4 && RequestLead.has(words[i] ?? "")) i++;
  const head = words[i];
  if (head === undefined) return false;
  if (RequestVerbs.has(head)) return true;
  const rest = words.slice(i, i + 4).join(" ");
  return RequestFrames.some((f) => f.includes(" ") && rest.startsWith(`${f} `));
}

/** Scripts whose requests put no space after the verb (Japanese, Chinese, Korean, Thai): read by `unspacedRequest`. */
const UnspacedRequestScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
const ThaiVerbs = [...SendVerbs, ...PersonVerbs].filter((v) => /\p{Script=Thai}/u.test(v));
/** A polite lead before a Chinese verb ("请发给…", "帮我跟 … 说"), or a coverb and the name it governs ("给 contact-1 发："). */
const ZhLead = new RegExp(`^(?:${CjkRequest.filter((r) => /^\p{Script=Han}+$/u.test(r)).join("|")})?(?:(?:${CjkCoverbs.join("|")})\\s*[^\\s:：]{1,40}\\s*)?`, "u");
/**
 * A request line of Japanese, Chinese, Korean or Thai: its verb of sending or telling at its head (Chinese, Thai:
 * "发给 contact-1：", "ส่งให้ contact-1:") or, with at most its polite ending, at its end (Japanese, Korean: "contact-1 に送って：",
 * "contact-1 한테 보내:").
 */
function unspacedRequest(line: string): boolean {
  const t = line.replace(/[\s:：。.!！]+$/u, "");
  const head = t.replace(ZhLead, "");
  if (CjkSendStems.some((s) => head.startsWith(s)) || ThaiVerbs.some((v) => t.startsWith(v))) return true;
  return CjkSendStems.some((s) => new RegExp(`${s}[\\p{Script=Hiragana}\\p{Script=Hangul}\\s]{0,8}$`, "u").test(t));
}

/** A field line (see `Field`): its label is no request verb and its value is no request ("Note: pay Kern …" is the owner's). */
function isField(line: string): boolean {
  const m = Field.exec(line);
  if (m === null) return false;
  const label = wordsOf(m[1] ?? "");
  if (label.length === 0 || label.length > 4 || RequestVerbs.has(label[0] ?? "")) return false;
  return !readsAsRequest(m[2] ?? "");
}

/** A CSV or TSV row: three fields or more, split by commas with no space after them or by tabs, one holding a value. */
function isRow(line: string): boolean {
  if (!holdsValue(line)) return false;
  return (line.match(/,(?=\S)/gu) ?? []).length >= 2 || (line.match(/\t/gu) ?? []).length >= 2;
}

/** A line of values that is no sentence: short, holding a value, no sentence's end, no request ("Boiler service, 480.00 EUR"). */
function isValueLine(line: string): boolean {
  const t = line.trim();
  return holdsValue(t) && wordsOf(t).length <= 8 && !/[.!?;](?:[\s"'”’)]*)$/u.test(t) && !readsAsRequest(t);
}

/** An account, an address or a link: a paragraph after a bare paste that types one is no request the owner added ("Please pay to GB33…"). */
const PlaceValue = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}|@|:\/\/|(?<![\p{L}\p{N}])www\./iu;

/**
 * A paragraph after a bare paste that is the owner's: a request to the assistant ("pay it", "yes, reply that documents
 * follow Monday", "what is this?") naming no account, address or link of its own.
 */
function ownerAfterPaste(line: string): boolean {
  return readsAsRequest(line) && !PlaceValue.test(line);
}

/** Why a line is a document's line, in the owner's words, or undefined when it is no such line. */
function documentLine(line: string): string | undefined {
  if (isField(line)) return "a field of the text you pasted";
  if (isRow(line)) return "a row of the table you pasted";
  if (isValueLine(line)) return "a line of the document you pasted";
  return undefined;
}

/** A letter opens on this line: a greeting on a line of its own, or a greeting introducing someone else. */
function opensLetter(line: string, more: boolean): boolean {
  const m = Greeting.exec(line);
  if (m === null) return false;
  const rest = line.slice(m[0].length);
  return NameHere.test(rest) || IntroducedName.test(rest) || (more && GreetingOnly.test(rest));
}

type Line = { start: number; end: number; text: string; blankBefore: boolean };

function linesOf(text: string, from: number, to: number, out: Line[]): void {
  let at = from;
  let blank = true;
  for (const raw of text.slice(from, to).split("\n")) {
    if (out.length >= MaxLines) return;
    if (raw.trim() === "") blank = true;
    else {
      out.push({ start: at, end: at + raw.length, text: raw, blankBefore: blank });
      blank = false;
    }
    at += raw.length + 1;
  }
}

const StructuralBlocks: Partial<Record<RootContent["type"], string>> = {
  blockquote: "a `>` quote",
  code: "a code block",
  table: "a table you pasted",
  heading: "a heading of the text you pasted",
  html: "an HTML block",
};

function parse(text: string): OwnerMessage {
  const material: MaterialSpan[] = [];
  for (const m of text.matchAll(/<!--[\s\S]*?(?:-->|$)/gu)) material.push({ start: m.index, end: m.index + m[0].length, where: "an HTML comment", hidden: true });
  if (text.length > MaxParsed) {
    material.push({ start: Math.max(0, text.indexOf("\n") + 1), end: text.length, where: "a long pasted text", hidden: false });
    return finish(text, material);
  }
  let tree: Root | undefined;
  if (text.includes("\n")) {
    try {
      tree = markdown().fromMarkdown(text, { extensions: [micromarkGfm().gfm()], mdastExtensions: [mdastGfm().gfmFromMarkdown()] });
    } catch {
      // Fail closed: a text the parser cannot read is material but for its first line.
      material.push({ start: Math.max(0, text.indexOf("\n") + 1), end: text.length, where: "a pasted text", hidden: false });
      return finish(text, material);
    }
  }
  // Units in order: a structural block whole, or the lines of any other block.
  type Unit = { kind: "block"; start: number; end: number; where: string; hidden: boolean } | { kind: "line"; line: Line };
  const units: Unit[] = [];
  const lines: Line[] = [];
  if (tree === undefined) linesOf(text, 0, text.length, lines);
  for (const node of tree?.children ?? []) {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? text.length;
    const where = StructuralBlocks[node.type];
    if (where !== undefined) units.push({ kind: "block", start, end, where, hidden: node.type === "html" && node.value.trimStart().startsWith("<!--") });
    else {
      const before = lines.length;
      linesOf(text, start, end, lines);
      const first = lines[before];
      if (first !== undefined) first.blankBefore = true;
      for (const line of lines.slice(before)) units.push({ kind: "line", line });
    }
  }
  for (const line of tree === undefined ? lines : []) units.push({ kind: "line", line });
  const multiLine = lines.length > 1 || units.length > 1;

  // INVARIANT: once the owner has written and material starts, the rest of the message is material (see the header).
  let ownerFirst = false;
  let open: { from: number; where: string } | undefined;
  let seenMaterial = false;
  /** After material that ended by its structure, the next paragraph may be the owner's request. */
  let closed = false;
  const close = (to: number) => {
    if (open !== undefined) material.push({ start: open.from, end: to, where: open.where, hidden: false });
    open = undefined;
  };
  const openAt = (from: number, where: string) => {
    open ??= { from, where };
    seenMaterial = true;
  };
  for (let u = 0; u < units.length; u++) {
    const unit = units[u] as Unit;
    if (unit.kind === "block") {
      if (open !== undefined) continue;
      if (unit.hidden) {
        material.push({ start: unit.start, end: unit.end, where: unit.where, hidden: true });
        continue;
      }
      if (ownerFirst) openAt(unit.start, unit.where);
      else {
        material.push({ start: unit.start, end: unit.end, where: unit.where, hidden: false });
        seenMaterial = true;
        closed = true;
      }
      continue;
    }
    const { line } = unit;
    const next = units[u + 1];
    const moreAfter = next !== undefined;
    if (open !== undefined) {
      // A letter of a bare paste ends at its signature; the owner's words may follow.
      if (!ownerFirst && isSignature(line.text)) {
        close(line.end);
        closed = true;
      }
      continue;
    }
    if (HeaderLine.test(line.text) && moreAfter) {
      openAt(line.start, "a pasted mail (from its header on)");
      continue;
    }
    if (opensLetter(line.text, moreAfter)) {
      openAt(line.start, "a letter you pasted (from its greeting on)");
      continue;
    }
    // A one-line message is the owner's sentence (but for a letter): "My IBAN is DE44…" is no document.
    const doc = multiLine ? documentLine(line.text) : undefined;
    if (doc !== undefined) {
      if (ownerFirst) openAt(line.start, doc);
      else {
        material.push({ start: line.start, end: line.end, where: doc, hidden: false });
        seenMaterial = true;
        closed = true;
      }
      continue;
    }
    // A sentence line.
    if (seenMaterial && !(closed && line.blankBefore && ownerAfterPaste(line.text))) {
      // Unsure: after material, a line that is no request at the start of a paragraph of its own is material too.
      material.push({ start: line.start, end: line.end, where: "the text you pasted", hidden: false });
      continue;
    }
    ownerFirst = ownerFirst || !seenMaterial;
    if (LeadIn.test(line.text) && moreAfter) openAt(line.end + 1, "the text after your lead-in line");
    // A question standing as a paragraph of its own, with more after it: "Is this delivery notice real?" + the notice.
    else if (QuestionEnd.test(line.text.trimEnd()) && next !== undefined && (next.kind === "block" || next.line.blankBefore)) openAt(line.end + 1, "the text after your question");
  }
  if (open !== undefined) close(text.length);
  if (lines.length >= MaxLines) {
    const last = lines.at(-1);
    if (last !== undefined) material.push({ start: last.end, end: text.length, where: "a long pasted text", hidden: false });
  }
  return finish(text, material);
}

/** The instruction: the text with every visible material span blanked (line breaks kept, UTF-16 offsets kept). */
function finish(text: string, material: MaterialSpan[]): OwnerMessage {
  let instruction = text;
  for (const s of material) {
    if (!s.hidden) instruction = instruction.slice(0, s.start) + text.slice(s.start, s.end).replace(/[^\n]/gu, (c) => " ".repeat(c.length)) + instruction.slice(s.end);
  }
  return { material, instruction, asks: asksAnything(instruction) };
}

/** Clauses of an instruction read for a request (bounded). */
const MaxClauses = 64;

/** Whether an instruction holds a request (a clause with a known verb or a request frame at its head), questions aside. */
function asksAnything(instruction: string): boolean {
  const sentences = instruction.split(/(?<=[.!?？؟])\s+|\n+/u).filter((x) => x.trim() !== "" && !QuestionEnd.test(x.trim()));
  const clauses = sentences.flatMap((x) => x.split(/[,;:]|\s(?:and|then|und|dann|et|puis|y|luego)\s/iu)).slice(0, MaxClauses);
  return clauses.some((c) => readsAsRequest(c));
}

/** The owner's message split into instruction and material (see the header), cached. */
export function ownerMessage(text: string): OwnerMessage {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const parsed = parse(text);
  if (cache.size >= MaxCached) cache.delete(cache.keys().next().value ?? "");
  cache.set(text, parsed);
  return parsed;
}

/** The material span at `at`, if any (the innermost: hidden before visible). */
export function materialAt(message: OwnerMessage, at: number, end: number): MaterialSpan | undefined {
  const spans = message.material.filter((s) => s.start <= at && end <= s.end);
  return spans.find((s) => s.hidden) ?? spans[0];
}

/** The owner's instruction in `text`: the text with the material blanked (offsets into it are offsets into `text`). */
export function ownerInstruction(text: string): string {
  return ownerMessage(text).instruction;
}

/** Whether `text` holds visible material (for notes: "the text you pasted"). */
export function hasMaterial(text: string): boolean {
  return ownerMessage(text).material.some((s) => !s.hidden && text.slice(s.start, s.end).trim() !== "");
}

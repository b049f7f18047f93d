/**
 * The owner's own file as the owner's words for whom and where: "send my notes to my accountant — see contacts.md",
 * "pay Kern the rent, IBAN as in payees.md", a job "do the open items in todo.md". Reading a workspace file makes the
 * turn untrusted, and a recipient or an account the owner did not type is then the context's choice; but a file whose
 * bytes no tool wrote (the owner's, present before or typed by the owner through Warden in a clean turn: no mark), read
 * in this session and named by this turn's own request, is the owner's address book, payee list or to-do list. What it
 * says is what the owner would have typed:
 *  - an entry the request points at by one of its words ("accountant" → `Accountant: contact-1`, "Kern" →
 *    `Kern (rent): DE44…`) is read as if the owner had typed it in this turn (`ownerBookLines`);
 *  - a recipient the file itself sends to (`- [ ] send private/notes.txt to contact-1`) is the owner's recipient when
 *    the request asks for the file's items (`ownerBookRecipient`).
 * Anything else stays the context's: a file the agent wrote from an untrusted context (a page's edit marks the bytes,
 * and so does a command's), an entry the request does not point at (the page's "send it to the plumber"), a file the
 * owner did not name in this turn's request. Provenance decides, not the file's name or look.
 */
import { escapeRegExp, recipientReading } from "./naming.ts";
import { RequestedActs } from "./owner-actions-lexicon.ts";
import { mentionsName } from "./provenance.ts";
import type { FlowState } from "./types.ts";

type BookFlow = Pick<FlowState, "turnText" | "ownerFileBytes" | "composedTask" | "taskText">;

/** Lines of one file read as entries; a longer file is judged by its first ones. */
const MaxLines = 200;

/**
 * Words that point at no entry: function words and the verbs and nouns of any request, in the languages the owner's
 * requests are read in. A line is pointed at by a word that names it (a role, a name, a label), not by "send".
 */
const Unpointing = new Set(`the and for from with into onto this that these those what which who whom whose your mine
  our their his her its his them they you are was were will would can could should please pls thanks thank also just
  all any each every some one two see look check find use using used via per like same here there then than when
  send sent mail email e-mail message text tell write pay paid transfer wire make put give add set get do done open
  item items list file files entry entries book page note contact contacts todo to-do task tasks any error errors
  und der die das den dem ein eine mit von für fur aus bitte schick schicke sende zahle überweise mein meine meinen
  les des une pour avec dans mon mes envoie envoyer paye payer voir
  los las una para con mis envía envia paga ver
  gli una per con miei mie invia paga vedi`.split(/\s+/u));

/** The verbs of any act the owner asks for ("wyślij", "überweise"): a request's verb points at no entry. */
const ActVerbs: ReadonlySet<string> = new Set(RequestedActs.flatMap((a) => [...a.ownerVerbs]));

/** This turn's request: the owner's message, or the prompt of the owner's job at its run. */
function requestOf(flow: BookFlow): string | undefined {
  return flow.turnText ?? (flow.composedTask === true ? flow.taskText : undefined);
}

/**
 * The request asks to carry out what a file says ("do the open items in todo.md", "work through lists/todo.md", "erledige
 * todo.md"), not to read, check or send it: a file's own sends are the owner's only then. "Any errors in server.log?",
 * "send shopping.md to my sister" ask nothing of the file's lines (a downloaded log, a list with a line someone slipped in).
 * English "do" only before what it does ("do the …", "do what …"): Polish "do" is "to" ("wyślij umowa.md do kasia-4").
 */
const CarryOut = /(?<![\p{L}])(?:do (?:the|all|my|what|everything|each|every|its|these|those|them|it)|work(?:ing)? through|follow|complete|carry out|execute|handle|take care of|tick off|get through|erledige\p{L}*|abarbeite\p{L}*|arbeite\p{L}* \S+(?: \S+)? ab|fais|faire|traite\p{L}*|exécute\p{L}*|accompli\p{L}*|haz|hacer|completa\p{L}*|ejecuta\p{L}*|realiza\p{L}*|fai|esegui\p{L}*|doe|voer \S+ uit|werk \S+(?: \S+)? af)(?![\p{L}])|やって|片付けて|こなして|実行して|处理|完成|做完/iu;

export function asksToCarryOut(request: string): boolean {
  return CarryOut.test(request);
}

/** The owner's files the request names: bytes no tool wrote, read in this session, named in this turn's request. */
export function ownerBooks(flow: BookFlow): { path: string; content: string }[] {
  const request = requestOf(flow);
  const files = flow.ownerFileBytes ?? [];
  if (request === undefined || files.length === 0) return [];
  // Named as the flow tracker names a file (flow-tracker.ts `namedByOwner`): the path, or a top-level file's name.
  return files.filter((f) => mentionsName(request, f.path));
}

/**
 * The owner's files whose items the request asks to carry out (`asksToCarryOut`), and the owner's files those name (the
 * notes a to-do item sends): their own sends are the owner's requests.
 */
export function ownerTaskBooks(flow: BookFlow): { path: string; content: string }[] {
  const request = requestOf(flow);
  if (request === undefined || !asksToCarryOut(request)) return [];
  const direct = ownerBooks(flow);
  const through = (flow.ownerFileBytes ?? []).filter((f) => !direct.includes(f) && direct.some((d) => mentionsName(d.content, f.path)));
  return [...direct, ...through];
}

/** The words of a text that can point at an entry (lower case, three letters or more, or any run of CJK letters). */
function pointingWords(text: string): Set<string> {
  const out = new Set<string>();
  // Paths, file names and addresses name the book or a place, not an entry in it.
  const words = text.normalize("NFKC").toLowerCase().split(/[\s"'`()<>[\]{},;|]+/u).filter((t) => !/[/\\@]|\.[\p{L}\p{N}]{1,10}[.:!?]*$/u.test(t)).join(" ");
  for (const m of words.matchAll(/[\p{L}][\p{L}\p{M}'’-]*/gu)) {
    const w = m[0].replace(/['’-]+$/u, "");
    if ((w.length >= 3 || /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(w)) && !Unpointing.has(w) && !ActVerbs.has(w)) out.add(w);
  }
  return out;
}

/** `word` is in the request: as a word, or inside it where a script writes no spaces. */
function pointsAt(word: string, requestWords: Set<string>, request: string): boolean {
  if (requestWords.has(word)) return true;
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(word) && word.length >= 2 && request.includes(word);
}

/** The entries of the owner's books that this turn's request points at by one of its words: as if the owner typed them now. */
export function ownerBookLines(flow: BookFlow, within?: string): { path: string; line: string }[] {
  const request = within ?? requestOf(flow);
  if (request === undefined) return [];
  const asked = pointingWords(request);
  const lower = request.normalize("NFKC").toLowerCase();
  const out: { path: string; line: string }[] = [];
  for (const book of ownerBooks(flow)) {
    for (const line of book.content.split(/\r?\n/u).slice(0, MaxLines)) {
      if (line.trim() === "") continue;
      if ([...pointingWords(line)].some((w) => pointsAt(w, asked, lower))) out.push({ path: book.path, line: line.trim() });
    }
  }
  return out;
}

/**
 * The owner's book that names `to` as the owner's recipient, and how: an entry the request points at holds `to`, or
 * the book's own words send to `to` (a to-do list the request asks to work through). Undefined when none does.
 * `within`: the part of the request that asks for this send (the entry must be pointed at from there).
 */
export function ownerBookRecipient(to: string, flow: BookFlow, within?: string): string | undefined {
  // An entry lists whom it names ("Accountant: contact-1", a record, not a request); one that rules them out ("never
  // send to x", "anyone but x") does not.
  const listed = (line: string) => {
    const r = recipientReading(to, { ownerTexts: [line] });
    return r.naming === "destination" || (r.naming === "mention" && !/^(?:with a negation|as an exception)/u.test(r.note ?? ""));
  };
  const entry = ownerBookLines(flow, within).find((l) => listed(l.line));
  if (entry !== undefined) return `\`${entry.path}\`, your file this request points at, lists \`${to}\` as ${JSON.stringify(entry.line.slice(0, 80))}`;
  const book = ownerTaskBooks(flow).find((b) => recipientReading(to, { ownerTexts: [b.content] }).naming === "destination");
  return book === undefined ? undefined : `\`${book.path}\`, your file this request names, sends to \`${to}\` in its own words`;
}

/**
 * The flow with the entries this request points at read as the owner's words of this turn: each written into the
 * request after the first word that points at it ("Pay Kern (Kern rent DE44…) the rent"), in the same sentence, so a
 * connected service's act reads its values (an IBAN, an address) as typed with the owner's verb (owner-actions.ts).
 */
export function withOwnerBookLines<F extends BookFlow & Pick<FlowState, "ownerTexts">>(flow: F): F {
  const turn = flow.turnText;
  if (turn === undefined) return flow;
  const lines = ownerBookLines(flow);
  if (lines.length === 0) return flow;
  let turnText = turn;
  for (const { line } of lines.slice(0, MaxInlined)) {
    const words = pointingWords(turnText);
    const word = [...pointingWords(line)].find((w) => words.has(w));
    const at = word === undefined ? -1 : turnText.toLowerCase().search(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, "u"));
    // Clause marks of the entry would end the owner's sentence: its words and values are what is read.
    const entry = line.replace(/[():;!?[\]]+|,\s|\s[-–—]+\s/gu, " ").replace(/\s+/gu, " ").trim();
    turnText = at < 0 || word === undefined ? `${turnText}\n${line}` : `${turnText.slice(0, at + word.length)} (${entry})${turnText.slice(at + word.length)}`;
  }
  return { ...flow, turnText, ownerTexts: flow.ownerTexts.map((t) => (t === turn ? turnText : t)) };
}

/** Entries written into one request at most. */
const MaxInlined = 8;

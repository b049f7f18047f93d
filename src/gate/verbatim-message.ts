/**
 * The owner's file sent as it is: "send contact-1 the contents of weekly.md", after which the model reads weekly.md and
 * sends its text. Reading a workspace file makes the turn untrusted, and text the model writes in an untrusted turn
 * goes out in the owner's name only with their approval; but when the message's text is exactly the bytes of a file
 * the owner named (read in this session, bytes no tool wrote: not the agent's, so not this tainted turn's either),
 * and the owner's same request in this turn's message names both that file and the recipient, the text carries
 * nothing the untrusted context chose: not which data (the owner's file, whole), not to whom (the owner's recipient),
 * not the words (the file's own). The message is the owner's, as a typed text is (`flow.owner_file_sent`). Anything
 * else stays the model's text: a changed, cut or added word, a file the agent wrote, a request of an earlier turn, a
 * request naming another recipient. A secret in the context still refuses (secret rules run first).

 */
import { RequestedActs } from "./owner-actions-lexicon.ts";
import { actRequests, passWithDative, recipientReading, verbWithClitic, type ActRequest } from "./naming.ts";
import { fileNamedByOwner } from "./provenance.ts";
import { fileSpokenBy } from "./spoken-file-name.ts";
import { urlsIn } from "./urls.ts";
import { ownerBookRecipient, ownerTaskBooks } from "./owner-book.ts";
import type { FlowState } from "./types.ts";

const SendAct = RequestedActs.find((a) => a.id === "send");

/** Text as sent: line ends and the space around it do not make another text. */
const asSent = (s: string) => s.replace(/\r\n?/gu, "\n").trim();

function sameText(a: string, b: string): boolean {
  const x = asSent(a);
  return x !== "" && x === asSent(b);
}

/** Words of a label around a file's text, at most: "Shopping list: …", "list.txt — …". */
const MaxFrameWords = 6;

const wordsIn = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Whether `part` is a run of consecutive words of `source` (none is one). */
function runOf(part: readonly string[], source: readonly string[]): boolean {
  if (part.length === 0) return true;
  for (let i = 0; i + part.length <= source.length; i++) if (part.every((w, j) => source[i + j] === w)) return true;
  return false;
}

/**
 * Whether `text` is the file's `content` whole, once, with a short label before and after it that is each a run of the
 * owner's own words in this request or of the file's name ("Send my shopping list from list.txt to bob" → "Shopping
 * list: eggs, …"): the model added no word of its own and chose no order of the owner's, so nothing it read picked
 * what goes beyond which run of words labels the file.
 */
function framedFileText(text: string, content: string, turn: string, path: string): boolean {
  const body = asSent(content);
  const whole = asSent(text);
  const at = whole.indexOf(body);
  if (body === "" || at < 0 || whole.indexOf(body, at + 1) >= 0) return false;
  const before = whole.slice(0, at);
  const after = whole.slice(at + body.length);
  if (/[^\p{L}\p{N}\s:;,.()\-–—]/u.test(before + after)) return false;
  const parts = [wordsIn(before), wordsIn(after)];
  if (parts.flat().length > MaxFrameWords) return false;
  const sources = [wordsIn(turn), wordsIn(path)];
  return parts.every((part) => sources.some((source) => runOf(part, source)));
}

/** Words that end what a send verb governs: a clause about another thing ("after checking notes.txt", "but not b.txt"). */
const ClauseEnds = new Set(`after before when once if unless then but except not without instead while until
  nachdem bevor wenn falls dann aber außer ausser nicht ohne statt après apres avant quand lorsque si puis mais sauf pas sans
  después despues antes cuando luego pero excepto salvo sin dopo prima quando poi non tranne senza depois quando então mas exceto sem
  nadat voordat wanneer als dan maar behalve niet zonder`.split(/\s+/u));

/** Words before a means of sending ("par mail", "by email", "per E-Mail", "por correo"): the noun is no verb there. */
const ByMeans = new Set(["by", "via", "per", "par", "por", "mit", "als", "com", "con", "tramite", "através"]);

/** Words before a noun: an act's word after one ("the text of notes.txt", "die Mail von", "le message") is that noun, no verb. */
const Determiners = new Set(`the a an this that my your our his her their den die das dem der des ein eine einen einem meine meinen deine unsere
  le la les un une mon mes ton ta votre notre el los las una mi mis su il lo gli uno mio mia os um uma meu minha het een mijn`.split(/\s+/u));
/**
 * A copy line after a comma ("…, cc bob@example.org", "…, bcc: a@x.example and b@x.example", "…, en copie bob@…"):
 * the same send, to more recipients the owner names there, not another clause. Only written
 * addresses follow it, to the end of the sentence.
 */
const CopiedTo = /,\s*(?:(?:and|also|plus|und|et|y|e|en|i)\s+)?(?:cc|bcc|cci|cco|ccn|en\s+copie(?:\s+à)?)\s*:?\s*[^\s,;:()@]+@[^\s,;:()]+?(?:\s*(?:,|and|und|et|y|e|en|i|и)\s*[^\s,;:()@]+@[^\s,;:()]+?)*\s*[.!]?\s*$/giu;

/** Any act's verb ("tell", "pay", "check"): another request begins there. */
const ActVerbs: ReadonlySet<string> = new Set(RequestedActs.flatMap((a) => [...a.ownerVerbs]));

/**
 * What one send request governs: its sentence from the verb to the next verb of any act, a clause break
 * (, ; : parentheses, a dash) or a word that opens a clause about another thing. "Send weekly.md to contact-1 and tell
 * contact-2 hi" gives weekly.md to contact-1 only; "send contact-1 a.txt after checking notes.txt" names a.txt only.
 */
function governed(r: ActRequest, all: readonly ActRequest[]): string {
  const final = verbFinalClause(r);
  if (final !== undefined) return final;
  const next = all.filter((o) => o.sentence.start === r.sentence.start && o.at > r.at).map((o) => o.at);
  let span = r.sentence.text.slice(r.at, next.length > 0 ? Math.min(...next) : undefined);
  // One word in parentheses ("the list (shopping.md)") or after a last comma ("to the recruiter, recruiter-jane") names
  // what the words before it did: an aside, not another clause.
  const asides = span.replace(/\(\s*[^\s()]+\s*\)|,\s*[^\s,;:()]+\s*[.!?]?\s*$/gu, (m) => " ".repeat(m.length)).replace(CopiedTo, (m) => " ".repeat(m.length));
  const brk = asides.slice(r.word.length).search(/[,;:()]|\s[-–—]+\s/u);
  if (brk >= 0) span = span.slice(0, r.word.length + brk);
  const words = span.split(/(\s+)/u);
  let out = "";
  for (const [i, w] of words.entries()) {
    const word = w.toLowerCase();
    // "par mail", "by email", "per E-Mail": the means of this send, not another act.
    const before = (words[i - 2] ?? "").toLowerCase();
    const means = ByMeans.has(before);
    if (i > 0 && (ClauseEnds.has(word) || (ActVerbs.has(word) && !means && !Determiners.has(before)))) break;
    out += w;
  }
  return out;
}

/**
 * Words that join a clause to the next where the verb comes last (Turkish, Korean, Japanese): "ve", "sonra", "그리고",
 * and the converbs that end a clause of their own ("okuyup", "okuduktan", "읽고", "읽어서", "読んで").
 */
const FinalJoiners = new Set(`ve sonra ardından ardindan ama fakat ancak veya ya da 그리고 그다음 그런데 하지만 그러나 そして それから でも`.split(/\s+/u));
const Converb = /(?:[ıiuü]p|d[ıiuü]kt[ae]n|t[ıiuü]kt[ae]n|[ıiuü]nc[ae]|고|서|며|면|는데|지만|て|で)$/u;

/**
 * What a send verb that ends its sentence governs ("kira.md dosyasını mehmet-2'ye gönder", "jangbogi.md를 minji-3한테
 * 보내줘", "kenko.csv を tanaka-3 に送って"): the words before it, back to the clause they stand in — a break (, ; :
 * 、), a word of another act or one that opens a clause about another thing, a joining word or a converb ("notes.md'yi
 * okuyup kira.md'yi mehmet-2'ye gönder" gives kira.md only). Undefined when words follow the verb: read from it on.
 */
function verbFinalClause(r: ActRequest): string | undefined {
  const text = r.sentence.text;
  const lower = text.toLowerCase();
  const at = r.at > 0 ? r.at : lower.indexOf(r.word.toLowerCase());
  if (at < 0) return undefined;
  const end = at + (/^\S*/u.exec(text.slice(at))?.[0].length ?? 0);
  if (/[\p{L}\p{N}]/u.test(text.slice(end))) return undefined;
  const before = text.slice(0, at);
  const brk = Math.max(...[...before.matchAll(/[,;:、，；：]/gu)].map((m) => (m.index ?? 0) + 1), 0);
  const words = before.slice(brk).split(/(\s+)/u);
  let from = words.length;
  for (let i = words.length - 1; i >= 0; i--) {
    const word = (words[i] ?? "").toLowerCase().replace(/[.!?]+$/u, "");
    if (word.trim() !== "" && (ClauseEnds.has(word) || ActVerbs.has(word) || FinalJoiners.has(word) || (Converb.test(word) && !/[./'’-]/u.test(word)))) break;
    from = i;
  }
  return `${words.slice(from).join("")}${text.slice(at, end)}`;
}

/** What each send request of the owner's `turn` governs (`governed`): the words of one send, its recipient and its object. */
export function sendSpans(turn: string): string[] {
  if (SendAct === undefined) return [];
  const requests = actRequests(turn, (w) => SendAct.ownerVerbs.has(w) || verbWithClitic(w, SendAct.ownerVerbs) || passWithDative(w), SendAct.stems).requests;
  return requests.map((r) => governed(r, requests));
}

/** The owner's file whose whole text this message to `to` is, as the owner asked in this turn's message; undefined when it is not one. */
export function ownerFileSent(flow: Pick<FlowState, "turnText" | "ownerFileBytes" | "spokenFileBytes" | "composedTask" | "taskText">, to: string, text: string, caseFolds = false): string | undefined {
  const turn = flow.turnText ?? (flow.composedTask === true ? flow.taskText : undefined);
  if (turn === undefined || SendAct === undefined) return undefined;
  const sources = (flow.ownerFileBytes ?? []).filter((f) => sameText(f.content, text) || framedFileText(text, f.content, turn, f.path));
  // A file this turn's owner's message calls by its whole name said as words ("my shopping list": `shopping-list.md`),
  // sent exactly as it is, to whom the same request names (spoken-file-name.ts); never through a to-do file's items.
  const spoken = flow.turnText === undefined ? [] : (flow.spokenFileBytes ?? []).filter((f) => sameText(f.content, text));
  if (sources.length === 0 && spoken.length === 0) return undefined;
  // The request's own sends, then those of the owner's files it asks to carry out (owner-book.ts: a to-do list's items).
  // A send verb as written, with a clitic pronoun (`mándale`, `envíaselo`, `inviagli`), or "pass" with a dative one (`pásale`).
  for (const [i, asking] of [turn, ...ownerTaskBooks(flow).map((b) => b.content)].entries()) {
    const requests = actRequests(asking, (w) => SendAct.ownerVerbs.has(w) || verbWithClitic(w, SendAct.ownerVerbs) || passWithDative(w), SendAct.stems).requests;
    for (const r of requests) {
      const said = governed(r, requests);
      // The recipient as the send names it, or the entry of the owner's book the send points at ("to my accountant").
      const named = recipientReading(to, { ownerTexts: [said] }).naming === "destination" || (i === 0 && ownerBookRecipient(to, flow, said) !== undefined);
      if (!named) continue;
      const source = sources.find((f) => fileNamedByOwner(f.path, { ownerTexts: [said] } as FlowState, caseFolds));
      if (source !== undefined) return source.path;
      const called = i === 0 && recipientReading(to, { ownerTexts: [said] }).naming === "destination" ? spoken.find((f) => fileSpokenBy(f.path, said, to)) : undefined;
      if (called !== undefined) return called.path;
    }
  }
  return undefined;
}

/** The words that label a mail's subject in the owner's request ("with subject CV", "Betreff Lebenslauf", "objet : …"). */
const SubjectLabel = /(?:^|[\s,;(])(?:subject(?:\s+line)?|betreff|objet|asunto|oggetto|assunto|onderwerp|temat|ämne|件名|主题|主題|제목)\s*[:：]?\s*/giu;

/** Whether `text` is what the owner's request gives as the subject: the rest of its line after a subject label, or the file's name. */
function subjectGiven(text: string, turn: string, path: string): boolean {
  const t = text.trim();
  if (t === "" || t === path || t === path.split("/").pop()) return t !== "";
  for (const m of turn.matchAll(SubjectLabel)) {
    const rest = turn.slice((m.index ?? 0) + m[0].length).split(/\r?\n/u)[0] ?? "";
    const given = rest.trim().replace(/^["“«„'‘]|["”»'’]?[.!]?$/gu, "").trim();
    if (given !== "" && given === t) return true;
  }
  return false;
}

/**
 * The owner's file mailed whole through a service's send tool, as asked ("email cv.md to jobs@acme.example with
 * subject CV"): one text of the call is exactly the file's bytes as `ownerFileSent` reads them for every recipient, and
 * every other text is the subject the owner's request gives or the file's name. The file's path, or undefined.
 */
export function ownerFileMailed(flow: Pick<FlowState, "turnText" | "ownerFileBytes" | "spokenFileBytes">, recipients: readonly string[], texts: readonly string[]): string | undefined {
  const turn = flow.turnText;
  const given = texts.filter((t) => t.trim() !== "");
  if (turn === undefined || recipients.length === 0 || given.length === 0) return undefined;
  for (const body of given) {
    const paths = recipients.map((r) => ownerFileSent(flow, r, body));
    const path = paths[0];
    if (path === undefined || paths.some((p) => p !== path)) continue;
    const others = given.filter((t) => t !== body);
    if (others.every((t) => subjectGiven(t, turn, path))) return path;
  }
  return undefined;
}

/** A word that names a file: a path (`club/plan.md`, `notes/`) or a name with an extension (`plan.md`, `Liste.txt`). */
const FileWord = /[\p{L}\p{N}_-]\/|\/[\p{L}\p{N}_-]|[\p{L}\p{N}_-]\.[\p{L}\p{N}]{1,5}(?![\p{L}\p{N}.])/u;

/**
 * A mail's other field the model worded ("Club news") beside the owner's file sent whole (`ownerFileMailed`'s subject
 * rule asks the owner's words): the session read nothing but that file — no other file, nothing from outside the owner's
 * files, in this turn or before — so the words can carry nothing the mail does not carry whole already. Only as a plain
 * subject: one line, no link or address, no file's name or path (a service may attach what a field names).
 */
export function subjectOfFileOnly(flow: Pick<FlowState, "outside" | "unnamedSources" | "sources" | "readData" | "earlierRead">, file: string, text: string): boolean {
  const onlyFile = flow.outside === false && flow.unnamedSources.length === 0 && flow.sources.every((s) => s === `the file ${file}`)
    && flow.readData.every((d) => d.label === `file:${file}`) && (flow.earlierRead ?? []).every((r) => r.from === `file:${file}`);
  const t = text.trim();
  return onlyFile && t !== "" && !/[\r\n@]/u.test(t) && urlsIn(t, { bare: true }).length === 0 && !t.split(/\s+/u).some((w) => FileWord.test(w));
}

/**
 * One line of the owner's file, as the owner selected it: "send sam-2 the TOTAL line from budget.csv", "schick contact-1
 * die Adresse von Oma aus notes/adressen.md". The message's text is exactly one whole line of a file the owner named in
 * this turn's send request for this recipient (read, bytes no tool wrote: `ownerFileBytes`), and that line is the only
 * line of the file holding any word of the request (the file's name and the recipient aside): the owner's words pick it,
 * not the file's. A file with two such lines asks (its own lines could be the ones that match). The file's path and the
 * word that selected the line, or undefined.
 */
export function ownerFileLineSent(flow: Pick<FlowState, "turnText" | "ownerFileBytes">, to: string, text: string): { path: string; word: string } | undefined {
  const turn = flow.turnText;
  const line = asSent(text);
  if (turn === undefined || SendAct === undefined || line === "" || line.includes("\n")) return undefined;
  const requests = actRequests(turn, (w) => SendAct.ownerVerbs.has(w) || verbWithClitic(w, SendAct.ownerVerbs) || passWithDative(w), SendAct.stems).requests;
  for (const r of requests) {
    const said = governed(r, requests);
    if (recipientReading(to, { ownerTexts: [said] }).naming !== "destination") continue;
    for (const f of flow.ownerFileBytes ?? []) {
      if (!fileNamedByOwner(f.path, { ownerTexts: [said] } as FlowState, false)) continue;
      const lines = f.content.split(/\r?\n/u).map((l) => l.trim()).filter((l) => l !== "");
      if (!lines.includes(line) || lines.length < 2) continue;
      const aside = new Set([...wordsIn(f.path), ...wordsIn(to)]);
      const asked = new Set(wordsIn(said).filter((w) => !aside.has(w)));
      const holding = lines.filter((l) => wordsIn(l).some((w) => asked.has(w)));
      if (holding.length === 1 && holding[0] === line) return { path: f.path, word: wordsIn(line).find((w) => asked.has(w)) ?? "" };
    }
  }
  return undefined;
}


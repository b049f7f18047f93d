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
import { actRequests, recipientReading, type ActRequest } from "./naming.ts";
import { fileNamedByOwner } from "./provenance.ts";
import { ownerBookRecipient, ownerTaskBooks } from "./owner-book.ts";
import type { FlowState } from "./types.ts";

const SendAct = RequestedActs.find((a) => a.id === "send");

/** Text compared as sent: line ends and the space around it do not make another text. */
function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n?/gu, "\n").trim();
  const x = norm(a);
  return x !== "" && x === norm(b);
}

/** Words that end what a send verb governs: a clause about another thing ("after checking notes.txt", "but not b.txt"). */
const ClauseEnds = new Set(`after before when once if unless then but except not without instead while until
  nachdem bevor wenn falls dann aber außer ausser nicht ohne statt après apres avant quand lorsque si puis mais sauf pas sans
  después despues antes cuando luego pero excepto salvo sin dopo prima quando poi ma tranne senza depois quando então mas exceto sem
  nadat voordat wanneer als dan maar behalve niet zonder`.split(/\s+/u));

/** Any act's verb ("tell", "pay", "check"): another request begins there. */
const ActVerbs: ReadonlySet<string> = new Set(RequestedActs.flatMap((a) => [...a.ownerVerbs]));

/**
 * What one send request governs: its sentence from the verb to the next verb of any act, a clause break
 * (, ; : parentheses, a dash) or a word that opens a clause about another thing. "Send weekly.md to contact-1 and tell
 * contact-2 hi" gives weekly.md to contact-1 only; "send contact-1 a.txt after checking notes.txt" names a.txt only.
 */
function governed(r: ActRequest, all: readonly ActRequest[]): string {
  const next = all.filter((o) => o.sentence.start === r.sentence.start && o.at > r.at).map((o) => o.at);
  let span = r.sentence.text.slice(r.at, next.length > 0 ? Math.min(...next) : undefined);
  // One word in parentheses ("the list (shopping.md)") or after a last comma ("to the recruiter, recruiter-jane") names
  // what the words before it did: an aside, not another clause.
  const asides = span.replace(/\(\s*[^\s()]+\s*\)|,\s*[^\s,;:()]+\s*[.!?]?\s*$/gu, (m) => " ".repeat(m.length));
  const brk = asides.slice(r.word.length).search(/[,;:()]|\s[-–—]+\s/u);
  if (brk >= 0) span = span.slice(0, r.word.length + brk);
  const words = span.split(/(\s+)/u);
  let out = "";
  for (const [i, w] of words.entries()) {
    const word = w.toLowerCase();
    if (i > 0 && (ClauseEnds.has(word) || ActVerbs.has(word))) break;
    out += w;
  }
  return out;
}

/** The owner's file whose whole text this message to `to` is, as the owner asked in this turn's message; undefined when it is not one. */
export function ownerFileSent(flow: Pick<FlowState, "turnText" | "ownerFileBytes" | "composedTask" | "taskText">, to: string, text: string, caseFolds = false): string | undefined {
  const turn = flow.turnText ?? (flow.composedTask === true ? flow.taskText : undefined);
  if (turn === undefined || SendAct === undefined) return undefined;
  const sources = (flow.ownerFileBytes ?? []).filter((f) => sameText(f.content, text));
  if (sources.length === 0) return undefined;
  // The request's own sends, then those of the owner's files it asks to carry out (owner-book.ts: a to-do list's items).
  for (const [i, asking] of [turn, ...ownerTaskBooks(flow).map((b) => b.content)].entries()) {
    const requests = actRequests(asking, (w) => SendAct.ownerVerbs.has(w), SendAct.stems).requests;
    for (const r of requests) {
      const said = governed(r, requests);
      // The recipient as the send names it, or the entry of the owner's book the send points at ("to my accountant").
      const named = recipientReading(to, { ownerTexts: [said] }).naming === "destination" || (i === 0 && ownerBookRecipient(to, flow, said) !== undefined);
      if (!named) continue;
      const source = sources.find((f) => fileNamedByOwner(f.path, { ownerTexts: [said] } as FlowState, caseFolds));
      if (source !== undefined) return source.path;
    }
  }
  return undefined;
}

/**
 * Where the text the owner gave for one recipient ends, when it is not quoted: ONE text, never a choice of cuts.
 *
 * The model picks nothing here: a prefix of the owner's text is not the owner's (a choice between "Dr." and "Dr. Smith
 * is running late" is a bit). The rest of the owner's line after the recipient's introduction is read into sentences
 * (`Intl.Segmenter`, with an abbreviation or an initial before a full stop joined to what follows: ICU's root rules
 * break after "Dr. "), and the text runs to the end of the line unless the owner's next instruction starts first: a
 * sentence that opens with a verb the agent would act on ("Then summarise the notes", "Also tell me …"), a sign-off
 * to the agent ("Thanks!"), another recipient's block ("To alice-2: …"), or a clause for another recipient ("… and
 * alice-2 that …", "… and remind alice-2 to …"). Lines after "the following:" end at a blank line or such an
 * instruction line. Texts bound by "respectively" go in order and exactly (n names, n texts, else none).
 */
import { AnsweringVerbs, ReadingVerbs, SendVerbs } from "./naming-lexicon.ts";

const sentences = new Intl.Segmenter("und", { granularity: "sentence" });

/** Words that stand before the owner's next instruction without being it ("then", "also", "and after that"). */
const Fillers = new Set(`then also and after that afterwards next finally lastly plus please pls now oh ok okay btw so et puis ensuite aussi
  und dann danach auch y luego después despues también tambien e poi anche depois também tambem en dan daarna ook и потом затем также`.split(/\s+/));

/** Verbs an owner asks the agent for besides sending and reading (the lexicon's): the start of their next request. */
const AgentVerbs = new Set(`summarize summarise tell remind translate write save list find search show give make create add remove delete
  schedule book ask look run explain describe draft copy update set turn let compare count convert print review note check reply forward
  résume résumez traduis écris enregistre cherche montre fais crée ajoute supprime dis rappelle
  fasse zusammen fasse übersetze schreibe schreib speichere suche zeige mache erstelle lösche sag erinnere
  resume traduce escribe guarda busca muestra haz crea añade borra dile recuerda
  riassumi traduci scrivi salva cerca mostra fai crea aggiungi cancella dì ricorda
  resuma traduza escreva salve procure mostre faça crie adicione apague diga lembre
  vat vertaal schrijf bewaar zoek toon maak voeg verwijder zeg herinner`.split(/\s+/));

/** A whole sentence that thanks the agent: the owner's words to it, not the recipient's text. */
const SignOffs = new Set(["thanks", "thank you", "thx", "ty", "cheers", "ta", "thanks a lot", "many thanks", "merci", "danke", "gracias", "grazie", "obrigado", "obrigada", "bedankt", "dank je", "спасибо"]);

/** The words that say texts are bound to the names before them in order. */
const Respectively = /(?<![\p{L}])(?:respectively|respectivement|beziehungsweise|jeweils|respectivamente|rispettivamente|respectievelijk|соответственно)(?![\p{L}])/iu;

/** An abbreviation or an initial that a full stop follows without ending the sentence. */
const Abbreviation = /(?:^|[\s(])(?:\p{Lu}|dr|mr|mrs|ms|mx|prof|st|sr|jr|no|nr|vs|etc|e\.g|i\.e|approx|dept|ave|mt|ft|fig|vol|ca|cf|al|inc|ltd|co|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|z\.b|bzw|usw|ggf|m|mme|mlle|sra|sr|sig|sgra|s\.r\.l)\.\s*$/iu;

const wordsOf = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'").split(/[\s,:;()"“”«»!?.。！？]+/).filter((w) => w !== "");

/** The sentences of a line, an abbreviation or an initial before a full stop not ending one. */
export function sentencesOfLine(line: string): string[] {
  const out: string[] = [];
  for (const s of sentences.segment(line)) {
    const last = out[out.length - 1];
    if (last !== undefined && Abbreviation.test(last)) out[out.length - 1] = last + s.segment;
    else out.push(s.segment);
  }
  return out;
}

/**
 * A sentence (or line) that is the owner speaking to the agent again rather than more of the recipient's text: it
 * opens, after a filler, with a verb the agent acts on, or is only thanks, or opens another recipient's block ("To
 * alice-2: …", "For alice-2: …").
 */
export function ownerInstruction(sentence: string, isRecipient: (name: string) => boolean): boolean {
  const t = sentence.trim();
  if (t === "") return false;
  const block = /^(?:to|for|an|à|a|para|per|für|voor|pour)\s+(@?[\p{L}\p{N}_.+-]+?)\s*[:：]/iu.exec(t);
  if (block !== null) return true;
  const words = wordsOf(t);
  if (SignOffs.has(words.join(" "))) return true;
  const first = words.find((w) => !Fillers.has(w));
  if (first === undefined) return false;
  if (SendVerbs.has(first) || ReadingVerbs.has(first) || AnsweringVerbs.has(first) || AgentVerbs.has(first)) return true;
  const name = /^@([\p{L}\p{N}_.+-]*[\p{L}\p{N}_+-])/u.exec(t)?.[1] ?? /^([\p{L}\p{N}_.+-]+)\s*[:：]/u.exec(t)?.[1];
  return name !== undefined && isRecipient(name);
}

/**
 * Where a clause for another recipient starts in the rest of a sentence ("the bus is late and alice-2 that lunch is
 * off", "… and remind alice-2 to feed the cat"): the index of its conjunction, or -1.
 */
function nextRecipientClause(rest: string, name: string, isRecipient: (name: string) => boolean): number {
  const clause = /(?:[,;]\s*|\s+)(?:and then|and|&|und|et|y|e|en|then|и)\s+(?:(\p{L}+)\s+)?(@?[\p{L}\p{N}_.+-]+?)(?=\s+(?:that|to|dass|que|che|dat)\s|\s*[:：])/giu;
  for (const m of rest.matchAll(clause)) {
    const verb = (m[1] ?? "").toLowerCase();
    const other = (m[2] ?? "").replace(/^@/, "");
    if (other.toLowerCase() === name.toLowerCase()) continue;
    if ((verb === "" || SendVerbs.has(verb) || AgentVerbs.has(verb)) && isRecipient(other)) return m.index;
  }
  // "see you at 5. alice-2: lunch is cancelled", "… @alice-2 lunch is cancelled": a sentence that opens with another
  // recipient (ICU does not end a sentence before a lower-case letter).
  const opener = /(?<=[.!?;]\s+)(@?)([\p{L}\p{N}_.+-]*[\p{L}\p{N}_+-])(?=\s*[:：]|\s)/gu;
  for (const m of rest.matchAll(opener)) {
    const other = m[2] ?? "";
    if (other.toLowerCase() === name.toLowerCase()) continue;
    const marked = m[1] === "@" || /^\s*[:：]/u.test(rest.slice(m.index + m[0].length));
    if (marked && isRecipient(other)) return m.index;
  }
  return -1;
}

/** A CJK text given before a quotative and its verb ("遅れると伝えて": "遅れる"), never past its sentence. */
const cjkQuotative = /^([\s\S]+?)(?:と|って|라고|고)\s*(?:伝え|送っ|言っ|知らせ|連絡|メール|返信|전해|보내|말해)/u;

/**
 * The ONE text a line gives after the recipient's introduction: its sentences up to the owner's next instruction or
 * another recipient's clause (Japanese: what comes before the quotative and its verb).
 */
export function givenOnLine(line: string, name: string, isRecipient: (name: string) => boolean): string {
  const parts = sentencesOfLine(line);
  const first = parts[0] ?? "";
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(first)) {
    const q = cjkQuotative.exec(first);
    return (q?.[1] ?? first).trim();
  }
  let text = "";
  for (const [i, s] of parts.entries()) {
    if (i > 0 && ownerInstruction(s, isRecipient)) break;
    const cut = nextRecipientClause(s, name, isRecipient);
    if (cut >= 0) {
      text += s.slice(0, cut);
      break;
    }
    text += s;
  }
  return text.trim();
}

/** Lines after "the following:": up to a blank line or a line that is the owner's next instruction. */
export function givenLines(rest: string, isRecipient: (name: string) => boolean): string {
  const out: string[] = [];
  for (const line of rest.replace(/^\s*\n/, "").split("\n")) {
    if (line.trim() === "") {
      if (out.length > 0) break;
      continue;
    }
    if (out.length > 0 && ownerInstruction(line.replace(/^[ \t]*> ?/, ""), isRecipient)) break;
    out.push(line);
  }
  return out.join("\n").trim();
}

const nameToken = "@?[\\p{L}\\p{N}_.+-]*[\\p{L}\\p{N}_+-]";
const listSeparator = "(?:\\s*,\\s*(?:(?:and|&|und|et|y|e|en|и)\\s+)?|\\s+(?:and|&|und|et|y|e|en|и)\\s+)";
const quoted = /^(?:"([^"]*)"|“([^”]*)”|«([^»]*)»|„([^“”]*)[“”]|「([^」]*)」|'([^'\n]+)'|‘([^’\n]+)’)/u;

/**
 * "tell bob-7 and alice-2 "A" and "B" respectively" (or "… that A and that B, respectively"): the text in the place of
 * `to`'s place among the names. `undefined` when the sentence does not say "respectively"; `null` when it does but
 * the names and texts do not pair exactly (unclear: nothing is given).
 */
export function respectivelyText(sentence: string, at: number, end: number): string | null | undefined {
  const r = Respectively.exec(sentence.slice(end));
  if (r === null) return undefined;
  const names: string[] = [];
  let before = sentence.slice(0, at);
  const back = new RegExp(`(${nameToken})${listSeparator}$`, "iu");
  for (let m = back.exec(before); m !== null && names.length < 64; m = back.exec(before)) {
    names.unshift(m[1] ?? "");
    before = before.slice(0, m.index);
  }
  const index = names.length;
  names.push(sentence.slice(at, end));
  let after = sentence.slice(end, end + r.index);
  const forward = new RegExp(`^${listSeparator}(${nameToken})(?![^\\s,])`, "iu");
  for (let m = forward.exec(after); m !== null && names.length < 64; m = forward.exec(after)) {
    names.push(m[1] ?? "");
    after = after.slice(m[0].length);
  }
  const body = after.replace(/^[\s,:]+/, "").replace(/[\s,;:]+$/, "");
  const texts: string[] = [];
  if (quoted.test(body)) {
    let restBody = body;
    while (restBody !== "" && texts.length < 64) {
      const q = quoted.exec(restBody);
      if (q === null) return null;
      texts.push((q.slice(1).find((g) => g !== undefined) ?? "").trim());
      restBody = restBody.slice(q[0].length);
      const sep = new RegExp(`^${listSeparator}`, "iu").exec(restBody);
      if (sep !== null) restBody = restBody.slice(sep[0].length);
      else if (restBody.trim() !== "") return null;
    }
  } else {
    const that = body.replace(/^(?:that|dass|que|che|dat)\s+/iu, "");
    texts.push(...that.split(/\s*,?\s+(?:and|und|et|y|e|en)\s+(?:that|dass|que|che|dat)\s+|\s*,\s*(?:that|dass|que|che|dat)\s+/iu).map((t) => t.trim()));
  }
  if (texts.length !== names.length || texts.some((t) => t === "")) return null;
  return texts[index] ?? null;
}

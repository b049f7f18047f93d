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

// Made at its first use: a segmenter loads ICU's break rules, memory an idle gateway need not hold.
let segmenter: Intl.Segmenter | undefined;
const sentences = () => (segmenter ??= new Intl.Segmenter("und", { granularity: "sentence" }));

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

/** An abbreviation or an initial that a full stop follows without ending the sentence. */
const Abbreviation = /(?:^|[\s(])(?:\p{Lu}|dr|mr|mrs|ms|mx|prof|st|sr|jr|no|nr|vs|etc|e\.g|i\.e|approx|dept|ave|mt|ft|fig|vol|ca|cf|al|inc|ltd|co|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|z\.b|bzw|usw|ggf|m|mme|mlle|sra|sr|sig|sgra|s\.r\.l)\.\s*$/iu;

const wordsOf = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'").split(/[\s,:;()"“”«»!?.。！？]+/).filter((w) => w !== "");

/** The sentences of a line, an abbreviation or an initial before a full stop not ending one. */
export function sentencesOfLine(line: string): string[] {
  const out: string[] = [];
  for (const s of sentences().segment(line)) {
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

/**
 * "tell bob-7 and alice-2 "A" and "B" respectively" (or "… that A and that B, respectively", "give bob-7 and alice-2
 * their respective messages: "A" and "B"", "send "A" and "B" to bob-7 and alice-2 in that order"): the text in the
 * place of `to`'s place among the names. `undefined` when no order word follows the name; `null` when one does but the
 * names and texts do not pair exactly (unclear: nothing is given).
 */
export function respectivelyText(sentence: string, at: number, end: number): string | null | undefined {
  if (!OrderWords.test(sentence.slice(end))) return undefined;
  const names: string[] = [];
  let before = sentence.slice(0, at);
  const back = new RegExp(`(${nameToken})${listSeparator}$`, "iu");
  for (let m = back.exec(before); m !== null && names.length < 64; m = back.exec(before)) {
    names.unshift(m[1] ?? "");
    before = before.slice(0, m.index);
  }
  const index = names.length;
  names.push(sentence.slice(at, end));
  let after = sentence.slice(end);
  const forward = new RegExp(`^${listSeparator}(${nameToken})(?![^\\s,:])`, "iu");
  for (let m = forward.exec(after); m !== null && names.length < 64; m = forward.exec(after)) {
    names.push(m[1] ?? "");
    after = after.slice(m[0].length);
  }
  const phrase = OrderWords.exec(after);
  if (phrase === null) return null;
  const rest = `${after.slice(0, phrase.index)} ${after.slice(phrase.index + phrase[0].length)}`;
  let texts = quotedRun(rest);
  if (texts === null) return null;
  if (texts.length === 0 && phrase.index > 0) {
    const body = after.slice(0, phrase.index).replace(/^[\s,:]+/, "").replace(/[\s,;:(]+$/, "");
    const that = body.replace(/^(?:that|dass|que|che|dat)\s+/iu, "");
    texts = that.split(/\s*,?\s+(?:and|und|et|y|e|en)\s+(?:that|dass|que|che|dat)\s+|\s*,\s*(?:that|dass|que|che|dat)\s+/iu).map((t) => t.trim()).filter((t) => t !== "");
  }
  // "send "A" and "B" to bob-7 and alice-2 respectively": the texts before the names.
  if (texts.length === 0) texts = quotedRun(before.replace(/\s+(?:to|an|à|a|para|per|naar|for|für)\s*$/iu, "")) ?? [];
  if (texts.length !== names.length || texts.some((t) => t === "")) return null;
  return texts[index] ?? null;
}

/**
 * The quoted texts in `s` when they stand in one run ("A", "B" and "C"), anything before the first (the words that
 * introduce them) and only punctuation after the last; `[]` when there are none, `null` when they do not stand in a run.
 */
function quotedRun(s: string): string[] | null {
  const qs = quotedIn(s).slice(0, 64);
  if (qs.length === 0) return [];
  for (let i = 1; i < qs.length; i++) {
    const gap = s.slice(qs[i - 1]?.end ?? 0, qs[i]?.at ?? 0);
    if (!/^\s*(?:[,;]\s*)?(?:(?:and|&|und|et|y|e|en|и)\s*)?$/iu.test(gap)) return null;
  }
  return /^[\s,.;:!()]*$/u.test(s.slice(qs[qs.length - 1]?.end ?? 0)) ? qs.map((q) => q.text) : null;
}

/** Words that bind texts to names by their order ("respectively", "resp.", "correspondingly", "in that order", "(same order)"). */
const OrderWords = /(?<![\p{L}])(?:respectively|respective|resp\.|correspondingly|in (?:that|this|the same|the given) order|in order(?!\s+(?:to|for|that)(?![\p{L}]))|(?:in\s+)?(?:the\s+)?same order|respectivement|respectifs|respectives|beziehungsweise|bzw\.|jeweils|jeweiligen|respectivamente|respectivos|respectivas|rispettivamente|rispettivi|respectievelijk|соответственно|dans cet ordre|dans le même ordre|in dieser reihenfolge|en ese orden|en el mismo orden|in quest'ordine|nello stesso ordine|nessa ordem|na mesma ordem|in die volgorde|в том же порядке|в этом порядке)(?![\p{L}])/iu;

/** Ordinals that point at one of the texts a sentence gives: "the former …, the latter …", "the first …; the second …". */
const Ordinals: Record<string, (n: number) => number> = { former: (n) => (n === 2 ? 0 : -1), latter: (n) => (n === 2 ? 1 : -1), first: () => 0, second: () => 1, third: () => 2, fourth: () => 3, fifth: () => 4, last: (n) => n - 1 };

const quoteSource = `"[^"]*"|“[^”]*”|«[^»]*»|„[^“”]*[“”]|「[^」]*」|'[^'\\n]+'|‘[^’\\n]+’`;
const quotedIn = (s: string) => [...s.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])(?:${quoteSource})`, "gu"))].map((m) => ({ at: m.index, end: m.index + m[0].length, text: m[0].slice(1, -1).trim() }));
const sameName = (a: string, b: string) => a.replace(/^@/, "").toLowerCase() === b.replace(/^@/, "").toLowerCase();

/**
 * Texts bound to names by order words, exactly or not at all. `undefined` when the sentence (a line) binds nothing by
 * order; the text for the name at `at`..`end`; or `null` when it binds by order but not exactly for this name (the
 * lists do not line up one to one, an ordinal points past them, a name is pointed at twice): then nothing else in the
 * sentence binds it either, never half a swap.
 *
 * Two ways: ordinals that point ("the former to bob-7, the latter to alice-2", "the first, "…", to bob-7"), and words
 * that say the lists go in order ("respectively", "resp.", "correspondingly", "in that order", "(same order)", "their
 * respective messages: …"): the names around this one, the texts after them (or before them, "send "A" and "B" to X
 * and Y respectively").
 */
export function orderBoundText(sentence: string, at: number, end: number, name: string): string | null | undefined {
  const line = sentence.slice(0, 4_000);
  const ordinal = new RegExp(`(?<![\\p{L}])(?:the\\s+)?(former|latter|first|second|third|fourth|fifth|last)(?:\\s+(?:one|message|text))?\\s*,?\\s*(${quoteSource})?\\s*,?\\s*(?:to|for|goes to|is for)\\s+(${nameToken})`, "giu");
  const refs = [...line.matchAll(ordinal)].slice(0, 64);
  if (refs.length > 0) {
    const loose = quotedIn(line).filter((q) => !refs.some((r) => r[2] !== undefined && q.at >= r.index && q.at < r.index + r[0].length));
    const bound = new Map<string, string | null>();
    for (const r of refs) {
      const inline = r[2]?.slice(1, -1).trim();
      const i = Ordinals[(r[1] ?? "").toLowerCase()]?.(loose.length) ?? -1;
      const text = inline ?? (i >= 0 && i < loose.length ? loose[i]?.text : undefined);
      if (text === undefined || text === "") return null;
      const who = (r[3] ?? "").replace(/^@/, "").toLowerCase();
      bound.set(who, bound.has(who) && bound.get(who) !== text ? null : text);
    }
    return [...bound].find(([who]) => sameName(who, name))?.[1] ?? null;
  }
  const after = line.slice(end);
  if (!OrderWords.test(after)) return undefined;
  return respectivelyText(line, at, end) ?? null;
}

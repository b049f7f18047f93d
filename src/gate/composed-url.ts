/**
 * What a URL the model composed carries beyond the owner's words. Naming a host as where a request goes is consent to
 * send the owner's errand there, not whatever the model adds: in a context that holds secrets (the system prompt's),
 * every part of the URL that reaches its server (user-info, path segments, query keys and values; the fragment too when
 * a browser opens it) is read word by word, and each word must be one the owner typed in this session, in a
 * casing that carries no choice of its own (as typed, lower, upper, capitalized), or one of a few structural words an
 * errand's URL needs (`status`, `q`, `format`, …). Anything else (a code, a shifted secret, a number nobody typed) is
 * the model's, and the owner decides.
 *
 * What passes still carries something: which words, in which order. `bits` counts it (each word is a choice among the
 * owner's words and the structural ones), so the caller can bound what one turn's composed URLs carry in all.
 */
import type { FlowState } from "./types.ts";

/** Words an errand's URL needs that the owner rarely types: a check's endpoint, a search's key, a format. Small on purpose: each is a choice. */
export const StructuralWords: ReadonlySet<string> = new Set([
  "api", "v1", "v2", "v3", "status", "health", "healthz", "ping", "search", "q", "query", "s", "find", "format", "fmt",
  "json", "text", "txt", "html", "xml", "lang", "hl", "en", "city", "location", "loc", "units", "metric", "page", "index",
]);

/** Words of one URL examined at most; a longer URL is judged as carrying something the owner did not type. */
const MaxWords = 64;
/** Characters of a decoded part read; a longer part is the model's. */
const MaxPartLength = 2048;

export type ComposedExcess = {
  /** The first words (as they appear in the URL) that are neither the owner's nor structural; empty when none. */
  extra: string[];
  /** How many structural words it uses. */
  structural: number;
  /** What the choice of its words could carry, in bits (log2 of the words to choose from, per word). */
  bits: number;
};

function decodePart(part: string, query: boolean): string {
  const text = query ? part.replace(/\+/g, " ") : part;
  try {
    return decodeURIComponent(text);
  } catch {
    // A malformed escape is kept as written: its letters are then read as words like any other.
    return text;
  }
}

/** Words as written: a compatibility form (full-width digits, ligatures) is another word, not the owner's. */
function wordsIn(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");
}

/** The owner's words, lower-cased, and each exactly as typed. */
function ownerVocabulary(ownerTexts: readonly string[]): { lower: Set<string>; asTyped: Set<string> } {
  const lower = new Set<string>();
  const asTyped = new Set<string>();
  for (const text of ownerTexts) {
    for (const w of wordsIn(text)) {
      if (lower.size >= 4096) break;
      lower.add(w.toLowerCase());
      asTyped.add(w);
    }
  }
  return { lower, asTyped };
}

/** A casing that chooses nothing: as typed, all lower, all upper, or capitalized. */
function plainCasing(word: string, asTyped: ReadonlySet<string>): boolean {
  const lower = word.toLowerCase();
  return asTyped.has(word) || word === lower || word === word.toUpperCase() || word === `${(lower[0] ?? "").toUpperCase()}${lower.slice(1)}`;
}

/** A part of a URL as sent, and as its server reads it. */
type Part = { raw: string; text: string; query: boolean };

/**
 * The parts of a URL that reach its server: user-info, path segments, query keys and values; with `opened` (a browser
 * opens it) the fragment too, which the page's script reads. A request never sends the fragment.
 */
function partsOf(url: URL, opened: boolean): Part[] {
  const part = (raw: string, query: boolean): Part => ({ raw, text: decodePart(raw, query), query });
  const parts = [part(url.username, false), part(url.password, false)];
  for (const segment of url.pathname.split("/")) parts.push(part(segment, false));
  for (const pair of url.search.replace(/^\?/, "").split(/[&;]/)) {
    const at = pair.indexOf("=");
    parts.push(part(at === -1 ? pair : pair.slice(0, at), true), part(at === -1 ? "" : pair.slice(at + 1), true));
  }
  if (opened) parts.push(part(url.hash.replace(/^#/, ""), false));
  return parts.filter((p) => p.raw !== "");
}

function parserForm(text: string, where: "path" | "query"): string | undefined {
  try {
    return where === "path" ? new URL(`http://h/${text}`).pathname.slice(1) : new URL(`http://h/?${text}`).search.slice(1);
  } catch {
    return undefined;
  }
}

/**
 * How a part is spelled, beyond its words, when that spelling is a choice of the model's: escapes where none are needed
 * (`st%61tus`) or in lower-case hex, a Unicode form other than NFC, separators doubled (`status//`, `q=a++b`). Each
 * could carry a bit per character.
 */
function spellingChoice(part: Part): string | undefined {
  if (part.text !== part.text.normalize("NFC")) return "a non-standard Unicode form";
  if (/[^\p{L}\p{N}]{2,}/u.test(part.text)) return "doubled separators";
  const encoded = encodeURIComponent(part.text);
  // As typed, as encodeURIComponent or encodeURI write it, or as the WHATWG parser writes it into a path or a query.
  const forms = [part.text, encoded, encoded.replace(/%20/g, "+"), encodeURI(part.text), parserForm(part.text, "path"), parserForm(part.text, "query"), parserForm(part.text, "query")?.replace(/%20/g, "+")];
  if (!forms.includes(part.raw)) return "escapes where none are needed";
  return undefined;
}

/**
 * What `url` carries that the owner did not type. Never throws: a URL that does not parse, or that is too long to
 * read, is all extra.
 */
export function composedUrlExcess(raw: string, flow: Pick<FlowState, "ownerTexts">, opened = false): ComposedExcess {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { extra: [raw.slice(0, 64)], structural: 0, bits: 0 };
  }
  const vocabulary = ownerVocabulary(flow.ownerTexts);
  const parts = partsOf(url, opened);
  const tooLong = parts.find((p) => p.raw.length > MaxPartLength);
  if (tooLong !== undefined) return { extra: [tooLong.raw.slice(0, 64)], structural: 0, bits: 0 };
  const words = parts.flatMap((p) => wordsIn(p.text));
  if (words.length > MaxWords) return { extra: [`${words.length} words`], structural: 0, bits: 0 };
  const extra: string[] = [];
  if (/\/\//.test(url.pathname)) extra.push("doubled separators");
  for (const p of parts) {
    const choice = spellingChoice(p);
    if (choice !== undefined && extra.length < 3) extra.push(`${p.raw.slice(0, 40)} (${choice})`);
  }
  // Structure an errand does not need, whose shape is the model's choice: empty parameters (`?&&&&`, `a=1&&b`), matrix
  // parameters in the path (`/status;up`), a word said twice (`/status/status/status`: how many times is a number).
  if (url.search.replace(/^\?/, "").split(/[&;]/).some((pair) => pair === "" || pair === "=") && url.search.length > 1 && extra.length < 3) extra.push(`${url.search.slice(0, 40)} (empty parameters)`);
  if (url.pathname.includes(";") && extra.length < 3) extra.push(`${url.pathname.slice(0, 40)} (parameters in the path)`);
  const seen = new Set<string>();
  for (const word of words) {
    const lower = word.toLowerCase();
    if (seen.has(lower) && extra.length < 3) {
      extra.push(`${word} (said twice)`);
      break;
    }
    seen.add(lower);
  }
  let structural = 0;
  for (const word of words) {
    const lower = word.toLowerCase();
    if (vocabulary.lower.has(lower) && plainCasing(word, vocabulary.asTyped)) continue;
    if (StructuralWords.has(lower) && (word === lower || word === word.toUpperCase())) {
      structural++;
      continue;
    }
    if (extra.length < 3) extra.push(word);
  }
  // Each word is a choice among the owner's and the structural ones, in one of up to four casings (two bits); each
  // separator between words a choice among a few (two bits).
  const separators = parts.reduce((n, p) => n + (p.text.match(/[^\p{L}\p{N}]/gu) ?? []).length, 0);
  const choices = vocabulary.lower.size + StructuralWords.size;
  // A port the owner did not type is sixteen bits of the model's choosing (counted, not refused: a service on its own
  // port is ordinary).
  const port = url.port !== "" && !vocabulary.lower.has(url.port) ? 16 : 0;
  return { extra, structural, bits: Math.ceil(words.length * (Math.log2(Math.max(2, choices)) + 2) + separators * 2 + port) };
}

/**
 * The owner's file called by its whole name said as words: "send contact-1 my shopping list" with `shopping-list.md` at
 * the top of the workspace, "schick contact-1 meine Einkaufsliste" with `einkaufsliste.md`, "manda a contact-1 la mia
 * lista della spesa" with `lista-della-spesa.txt`. The owner named that file, only without its extension: every word
 * of its name, and no other, stands in the request as one run. It is not a description the model matched to a file
 * ("my shopping list" for `shopping.txt`, `list.txt`, `lists/shopping-list.md`, `private/shopping-list.md` or
 * `diary.txt`): those stay the model's pick and ask.
 *
 * Narrow on purpose (a loosening a blind attacker can ride is worse than the question it saves):
 * - only a top-level plain-text file (`.md`, `.txt`), not hidden, not a copy (`.bak` is no such kind);
 * - the run is whole: the word before it is the request's start, a send verb, the recipient or a determiner ("my",
 *   "la mia", "min"), and the word after it ends the request, is the recipient or one short word before the recipient
 *   ("to", "à", "till"): "my shopping list" does not call `shopping.txt`, "la lista della spesa" not `spesa.txt`;
 * - the name holds no word of the recipient and no send verb (`contact-1.txt`, `send.txt` are no file the owner called);
 * - letters as typed, capitals aside: `indkobsliste.md` is not "indkøbsliste" (a transliteration is a guess).
 */
import { extensionOf } from "../core/file-extension.ts";
import { RequestedActs } from "./owner-actions-lexicon.ts";

/** Plain-text kinds a message carries whole. */
const SpokenKinds: ReadonlySet<string> = new Set(["md", "txt", "markdown", "text"]);

/** Words that may stand before a file's spoken name: determiners and possessives ("my", "la mia", "min", "můj"). */
const LeadWords: ReadonlySet<string> = new Set(`the this that my our your his her their a an
  mein meine meinen meiner meinem unser unsere unseren die das den der dem
  mon ma mes notre nos le la les l
  mi mis nuestro nuestra nuestros nuestras el los las
  mio mia miei mie nostro nostra nostri nostre il lo gli
  meu minha meus minhas nosso nossa o a os as
  mijn onze het de
  min mitt mina mine mit vores vår vårt våre
  můj moje moji mou mého mój moja moje nasz nasza nasze mojego moją
  мой моя мои моё мою наш наша наше наши мій моя мої моє мою
  benim`.split(/\s+/u).filter((w) => w !== ""));

const SendVerbs: ReadonlySet<string> = RequestedActs.find((a) => a.id === "send")?.ownerVerbs ?? new Set();

/** A short word before the recipient ("to", "à", "till", "an", "aan", "do", "для"). */
const MaxPrepositionLength = 4;

const wordsOf = (s: string): string[] => s.normalize("NFC").toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];

/** The words of the file's name when it is a kind a spoken name may call (top level, plain text, not hidden); else undefined. */
export function spokenNameWords(path: string): string[] | undefined {
  const clean = path.replace(/\\/gu, "/").replace(/^(?:\.\/)+/u, "");
  if (clean.includes("/") || clean.startsWith(".") || !SpokenKinds.has(extensionOf(clean))) return undefined;
  const words = wordsOf(clean.slice(0, clean.lastIndexOf(".")));
  // The stem is its words and the separators between them only (`shopping-list`, `Einkaufs_Liste`, `to do`).
  const stem = clean.slice(0, clean.lastIndexOf(".")).normalize("NFC").toLowerCase();
  if (words.length === 0 || stem.replace(/[-_ ]+/gu, "") !== words.join("")) return undefined;
  return words.some((w) => /\p{L}/u.test(w)) ? words : undefined;
}

/** Whether `words` begin with `part`. */
const startsWith = (words: readonly string[], part: readonly string[]) => part.length > 0 && part.every((w, i) => words[i] === w);

/**
 * Whether `said` (one send request's words, as the owner typed them) calls the file at `path` by its whole name, for a
 * send to `to` (see the header).
 */
export function fileSpokenBy(path: string, said: string, to: string): boolean {
  const name = spokenNameWords(path);
  if (name === undefined) return false;
  const recipient = wordsOf(to);
  if (name.some((w) => recipient.includes(w) || SendVerbs.has(w))) return false;
  const words = wordsOf(said);
  for (let i = 0; i + name.length <= words.length; i++) {
    if (!name.every((w, k) => words[i + k] === w)) continue;
    const before = words[i - 1];
    const leads = before === undefined || LeadWords.has(before) || SendVerbs.has(before) || recipient.includes(before);
    const rest = words.slice(i + name.length);
    const ends = rest.length === 0 || startsWith(rest, recipient) || ((rest[0] ?? "").length <= MaxPrepositionLength && startsWith(rest.slice(1), recipient));
    if (leads && ends) return true;
  }
  return false;
}

/** Whether the name's words stand as one run somewhere in `text` (a cheap first test; `fileSpokenBy` reads the request). */
export function runOfWords(name: readonly string[], text: string): boolean {
  const words = wordsOf(text);
  for (let i = 0; i + name.length <= words.length; i++) if (name.every((w, k) => words[i + k] === w)) return true;
  return false;
}

/**
 * The owner's own change to code they name, described rather than typed, in a turn where nothing untrusted was read:
 * "report.py crashes on an empty list, guard it", "bump the version in pyproject.toml to the next minor", "shellcheck
 * says SC2086 on line 2 of deploy.sh, fix it", "sort the imports in m.py". A file that runs later asks for a change the
 * owner did not type (`path.runs_later`, `path.runs_later_content`): in a clean turn the text the model writes could
 * still be worded by a connected service's or a skill's description. What such a text would add to be harmful is new
 * vocabulary — a program, a host, a package, a module, a call — so the change binds when:
 *  - nothing untrusted is in the context, and the file exists (an edit, or a write over it);
 *  - this turn's message names the file (its path, or its name where that is unambiguous: `fileNamedByOwner`);
 *  - it adds no URL or host the file did not hold, whoever typed it;
 *  - every word the change leaves in the file (identifiers, keys, words in strings and comments) was in the file
 *    before or is a keyword or pure value function of the common languages (`CodeWords`): the owner's own words placed
 *    by the model (their command under another key, one they ruled out) are for the owner's typed change to bind
 *    (owner-change.ts), not this rule; every number with a dot or three digits (a version, a port, an address) was in
 *    the file or the owner's own sentences of this message (not material pasted into it), or is the next version of
 *    one the file held ("the next minor"); small numbers and punctuation are free (`if xs else 0`, quoting a variable);
 *  - it removes at most `MaxWordsGone` words from the file altogether (a check deleted is a change too).
 * A change that adds a word nobody gave (`os.system`, `curl`, a new dependency, a URL) or one after a page, a mail or a
 * file was read still asks; the write keeps a snapshot (`warden undo`).
 */
import { fileNamedByOwner } from "./provenance.ts";
import { ownerInstruction } from "./owner-message.ts";
import { urlsIn } from "./urls.ts";
import type { FileFactsIn, FlowState } from "./types.ts";

/** Words of a removed text that may vanish from the file: an unused import, a flag's old value, a renamed helper. */
const MaxWordsGone = 3;

/**
 * Keywords and pure value functions of the common languages (Python, JavaScript/TypeScript, shell, Go, Rust, Java,
 * TOML/YAML/JSON literals), lower case: none of them names a program, a host, a module or a file.
 */
const CodeWords: ReadonlySet<string> = new Set(`if else elif elsif then fi return none null nil undefined true false not and or is in of
  for foreach while do done loop break continue pass let const var val def fn func function lambda class struct enum interface type
  new this self super try catch except finally raise throw throws assert yield await async static final public private protected
  readonly void typeof instanceof as with switch case default match mut pub impl where unless until local declare
  int float str bool string number boolean list dict tuple set map array object char byte long double usize isize u8 u32 u64 i32 i64 f32 f64
  len length size count min max abs round floor ceil sum sorted sort reverse reversed slice substring substr split join strip lstrip rstrip
  trim trimstart trimend lower upper tolowercase touppercase capitalize title replace startswith endswith includes indexof find
  tostring tofixed parseint parsefloat isnan isinstance format get keys values items entries append push pop extend concat filter reduce
  some every first last copied cloned unwrap unwrap_or unwrap_or_default ok err some is_empty isempty empty`.split(/\s+/).filter((w) => w !== ""));

const WordPattern = /[\p{L}_$][\p{L}\p{N}_$]*/gu;

function wordsOf(text: string): Set<string> {
  return new Set((text.match(WordPattern) ?? []).map((w) => w.toLowerCase()));
}

const NumberPattern = /\d+(?:\.\d+)*/g;

function numbersOf(text: string): Set<string> {
  return new Set(text.match(NumberPattern) ?? []);
}

/** `v` is the next major, minor or patch of a version in `known` (`0.1.0` → `0.2.0`): the owner's "bump to the next minor". */
function nextVersion(v: string, known: ReadonlySet<string>): boolean {
  const parts = v.split(".").map(Number);
  if (parts.length < 2) return false;
  return [...known].some((k) => {
    const was = k.split(".").map(Number);
    if (was.length !== parts.length) return false;
    const i = parts.findIndex((p, j) => p !== was[j]);
    return i >= 0 && parts[i] === (was[i] ?? 0) + 1 && parts.slice(i + 1).every((p) => p === 0);
  });
}

/**
 * The words and numbers the change brings into the file that the file (and `CodeWords`; for numbers, the owner's message) do not
 * hold. A number counts when it has a dot or three digits or more (a version, a port, an address, an amount), unless it
 * is the next version of one the file held; `0`, `10`, `-1` are free.
 */
export function unexplainedWords(before: string, after: string, message: string): string[] {
  const known = wordsOf(before);
  // INVARIANT: the owner's message gives numbers, never words: a word of theirs put into code is placed by the model
  // (the owner's command under another key, one they ruled out: `never \`rm -rf node_modules\``), which only the
  // owner's typed change binds (owner-change.ts).
  const words = [...wordsOf(after)].filter((w) => !known.has(w) && !CodeWords.has(w));
  const knownNumbers = numbersOf(before);
  const saidNumbers = numbersOf(message);
  const numbers = [...numbersOf(after)].filter((n) => (n.includes(".") || n.length >= 3) && !knownNumbers.has(n) && !saidNumbers.has(n) && !nextVersion(n, knownNumbers));
  return [...words, ...numbers];
}

/** Why this clean-turn change to a file the owner named is the owner's, in words; undefined when it is not. */
export function ownerNamedEdit(flow: Pick<FlowState, "tainted" | "turnText">, facts: Pick<FileFactsIn, "path" | "exists" | "change" | "caseFolds">): string | undefined {
  const turn = flow.turnText;
  const change = facts.change;
  if (flow.tainted || turn === undefined || facts.exists !== true || change === undefined || change.before === "") return undefined;
  // The owner's own sentences, not what they pasted (release notes, a blog post: someone else's words, atk27), and no
  // new URL or host at all: in a file that runs later one is where code comes from.
  const said = ownerInstruction(turn);
  if (!fileNamedByOwner(facts.path, { ownerTexts: [said] } as FlowState, facts.caseFolds === true)) return undefined;
  if (unexplainedWords(change.before, change.after, said).length > 0) return undefined;
  const hadUrls = new Set(urlsIn(change.before, { bare: true }));
  if (urlsIn(change.after, { bare: true }).some((u) => !hadUrls.has(u))) return undefined;
  const kept = wordsOf(change.after);
  const gone = [...wordsOf(change.before)].filter((w) => !kept.has(w));
  if (gone.length > MaxWordsGone) return undefined;
  return `you named \`${facts.path}\` in this message, nothing untrusted is in the context, and the change adds no word that the file or the language's keywords do not hold and no number you or the file did not give (no new program, host, package or call)`;
}

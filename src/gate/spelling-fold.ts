/**
 * A text with its numbers and codes in one spelling, so that two spellings of one value compare equal: every numeral
 * numerals.ts reads (number words of the languages it knows, whole or digit by digit; Roman, CJK and Greek numerals;
 * digits of other scripts; Morse; arithmetic) is replaced by its digits, and the words of the spelling alphabets
 * (`X-ray`, `Alfa`, …) by their letters: `door code four four seven one` is `door code 4471`, `MMMMCDLXXI` is `4471`,
 * `X-ray eight one five` is `x 815`. The leak detector folds both sides, the data and the outbound text (leaks.ts).
 * Digits stay as written (separators are the detector's own concern), and so do letters that only might stand for
 * digits (`aebhbg`): every word would. Bounded (`MaxFolded` characters, read in pieces of numerals.ts's size); never throws.
 */
import { placedNumerals, type NumeralForm } from "./numerals.ts";

/** Characters folded; a longer text is folded up to here and kept as it is after. */
export const MaxFolded = 256 * 1024;
/** numerals.ts reads this much of a text at once; pieces end at a space so a number is not cut. */
const Piece = 16 * 1024;

/** Forms that are another spelling of the digits they read as (not digits already, nor letters that merely could be). */
const Spellings: ReadonlySet<NumeralForm> = new Set<NumeralForm>(["number words", "Roman numerals", "CJK numerals", "Greek numerals", "digits of another script", "Morse code", "arithmetic"]);

/** The ICAO/NATO spelling alphabet, with the spellings people use (`alpha`, `juliet`, `whisky`, `x ray`). */
const SpellingAlphabet = /(?<![\p{L}\p{N}])(alfa|alpha|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliett?|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiske?y|x[\s-]?ray|yankee|zulu)(?![\p{L}\p{N}])/giu;

/** `text` with its numerals as digits and spelling-alphabet words as their letters (lower case); see the header. */
export function foldSpellings(text: string): string {
  let out = "";
  for (let from = 0; from < Math.min(text.length, MaxFolded); ) {
    let to = Math.min(text.length, from + Piece);
    if (to < text.length) {
      const space = text.lastIndexOf(" ", to);
      if (space > from + Piece / 2) to = space;
    }
    out += foldPiece(text.slice(from, to));
    from = to;
  }
  return out + text.slice(MaxFolded);
}

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

function foldPiece(piece: string): string {
  const { text, numerals } = placedNumerals(piece);
  let out = "";
  let at = 0;
  for (const n of numerals) {
    if (!Spellings.has(n.form) || n.at < at) continue;
    // Digits that touch the numeral stay apart from it: `9 thousand` is one number, `IV2` is `4 2`.
    out += `${text.slice(at, n.at)}${isDigit(text[n.at - 1]) ? " " : ""}${n.digits}${isDigit(text[n.end]) ? " " : ""}`;
    at = n.end;
  }
  out += text.slice(at);
  return out.replace(SpellingAlphabet, (w) => (w[0] ?? "").toLowerCase());
}

/**
 * Finds labelled data inside outbound text after a re-spelling a hijacked model can do by itself: each letter shifted
 * (rot13, any rot-N), mirrored (Atbash), each digit shifted or mirrored (rot5), the text reversed, every second or
 * third character taken (interleaved filler), in any combination, case folded. Such a re-spelling keeps the shape of
 * the text: within any run of letters and digits, the distances between letters (mod 26) and between digits (mod 10)
 * stay the same, or all change sign. So a run of the outbound text, with its letters counted from its first letter
 * and its digits from its first digit, is compared against every run of the same length of the data (one hashed index
 * per labelled value, built once and kept, bounded).
 *
 * A plain copy is not a re-spelling (the leak detector in leaks.ts reads those); a run must hold `RunLength` letters
 * and digits with `MinSteps` different steps from one letter to the next or one digit to the next, so an alphabet or
 * a row of one digit is no match. Cost per call is
 * linear in the outbound text (at most `MaxOutbound` letters and digits from each end), times the 48 forms read.
 * Must not throw.
 */
import type { LabelledData } from "./types.ts";

/** Letters and digits in a row that make a match: a 12-character code, re-spelled whole. */
export const RunLength = 12;
const MinSteps = 5;
/** Letters and digits read from each end of the outbound text; a longer text is read at its start and its end. */
export const MaxOutbound = 4_096;
const MaxChars = MaxOutbound * 8;
/** Letters and digits of one labelled value that are indexed. */
const MaxIndexed = 65_536;

export type Respelling = { label: string; how: string };

/**
 * A value's letters and digits, forward and reversed, and where each run starts, by its hash under each pair of signs
 * of `signs`, in one map: `(variant << 24) | start`, variant = sign index + 4 when reversed (the first run found).
 */
type Index = { tokens: Uint8Array; reversed: Uint8Array; at: Map<number, number> };

// Tokens: 1..26 a letter, 27..36 a digit, 37.. a letter or digit of another script (kept as it is, by its code).
function tokensOf(text: string, max: number): number[] {
  const out: number[] = [];
  for (const ch of text.normalize("NFKC").toLowerCase()) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 97 && c <= 122) out.push(c - 96);
    else if (c >= 48 && c <= 57) out.push(c - 48 + 27);
    else if (c > 127 && /[\p{L}\p{N}]/u.test(ch)) out.push(37 + (c % 200));
    else continue;
    if (out.length >= max) break;
  }
  return out;
}

const isLetter = (t: number) => t >= 1 && t <= 26;
const isDigit = (t: number) => t >= 27 && t <= 36;

/**
 * The hash of the run at `start`, its letters counted from its first letter (times `ls`, ±1) and its digits from its
 * first digit (times `ds`); undefined when the run is too plain to tell anything (fewer than MinSteps steps).
 */
function runHash(tokens: ArrayLike<number>, start: number, ls: number, ds: number): number | undefined {
  let firstLetter = -1;
  let firstDigit = -1;
  let lastLetter = -1;
  let lastDigit = -1;
  let h = 0x811c9dc5;
  // The steps seen between letters and between digits: an alphabet or a run of one digit has a single one.
  let letterSteps = 0;
  let digitSteps = 0;
  let others = 0;
  for (let i = start; i < start + RunLength; i++) {
    const t = tokens[i] as number;
    let v: number;
    if (isLetter(t)) {
      if (firstLetter < 0) firstLetter = t;
      else letterSteps |= 1 << ((t - lastLetter + 26) % 26);
      lastLetter = t;
      v = 1 + ((((t - firstLetter) * ls) % 26) + 26) % 26;
    } else if (isDigit(t)) {
      if (firstDigit < 0) firstDigit = t;
      else digitSteps |= 1 << ((t - lastDigit + 10) % 10);
      lastDigit = t;
      v = 27 + ((((t - firstDigit) * ds) % 10) + 10) % 10;
    } else {
      v = t;
      others++;
    }
    h = Math.imul(h ^ v, 0x01000193);
  }
  return bitCount(letterSteps) + bitCount(digitSteps) + Math.min(others, 2) >= MinSteps ? h >>> 0 : undefined;
}

function bitCount(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

const Base = 0x01000193;
const pow: number[] = [1];
for (let k = 1; k < RunLength; k++) pow.push(Math.imul(pow[k - 1] as number, Base) >>> 0);

// Distances as tokens, looked up (`t - previous` offset to be non-negative): 1..26 letters, 27..36 digits.
const LetterUp = Uint8Array.from({ length: 53 }, (_v, x) => 1 + (((x - 26) % 26) + 26) % 26);
const LetterDown = Uint8Array.from({ length: 53 }, (_v, x) => 1 + (((26 - x) % 26) + 26) % 26);
const DigitUp = Uint8Array.from({ length: 73 }, (_v, x) => 27 + (((x - 36) % 10) + 10) % 10);
const DigitDown = Uint8Array.from({ length: 73 }, (_v, x) => 27 + (((36 - x) % 10) + 10) % 10);
const ZeroLetter = 101;
const ZeroDigit = 102;

/**
 * The rolling hash of every run: each letter as its distance from the letter before it (times `ls`), each digit from
 * the digit before it (times `ds`), and the first letter and first digit of the run as a mark (what came before the
 * run is not the run's). Equal for two runs exactly when their letters and digits, counted from the run's first
 * letter and first digit, are (that is `runHash`). `visit(start, hash)` for each run; stops when it returns true.
 */
function rollRuns(tokens: ArrayLike<number>, ls: number, ds: number, visit: (start: number, hash: number) => boolean): void {
  const n = tokens.length;
  if (n < RunLength) return;
  const diff = new Int32Array(n);
  const nextLetter = new Int32Array(n + 1).fill(n);
  const nextDigit = new Int32Array(n + 1).fill(n);
  let prevLetter = 0;
  let prevDigit = 0;
  const letterStep = ls === 1 ? LetterUp : LetterDown;
  const digitStep = ds === 1 ? DigitUp : DigitDown;
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as number;
    if (t <= 26) {
      diff[i] = letterStep[t - prevLetter + 26] as number;
      prevLetter = t;
    } else if (t <= 36) {
      diff[i] = digitStep[t - prevDigit + 36] as number;
      prevDigit = t;
    } else diff[i] = t;
  }
  for (let i = n - 1; i >= 0; i--) {
    const t = tokens[i] as number;
    nextLetter[i] = isLetter(t) ? i : (nextLetter[i + 1] as number);
    nextDigit[i] = isDigit(t) ? i : (nextDigit[i + 1] as number);
  }
  const top = pow[RunLength - 1] as number;
  let h = 0;
  for (let k = 0; k < RunLength; k++) h = (Math.imul(h, Base) + (diff[k] as number)) >>> 0;
  for (let i = 0; ; i++) {
    let marked = h;
    const fl = nextLetter[i] as number;
    if (fl < i + RunLength) marked = (marked + Math.imul(ZeroLetter - (diff[fl] as number), pow[RunLength - 1 - (fl - i)] as number)) >>> 0;
    const fd = nextDigit[i] as number;
    if (fd < i + RunLength) marked = (marked + Math.imul(ZeroDigit - (diff[fd] as number), pow[RunLength - 1 - (fd - i)] as number)) >>> 0;
    if (visit(i, marked)) return;
    if (i + RunLength >= n) return;
    h = (Math.imul((h - Math.imul(diff[i] as number, top)) >>> 0, Base) + (diff[i + RunLength] as number)) >>> 0;
  }
}

const signs: readonly (readonly [number, number])[] = [[1, 1], [-1, 1], [1, -1], [-1, -1]];

function buildIndex(value: string): Index {
  const tokens = Uint8Array.from(tokensOf(value, MaxIndexed));
  const reversed = tokens.slice().reverse();
  const at = new Map<number, number>();
  for (const [r, t] of [tokens, reversed].entries()) {
    for (const [s, [ls, ds]] of signs.entries()) {
      rollRuns(t, ls, ds, (i, h) => {
        if (!at.has(h) && runHash(t, i, 1, 1) !== undefined) at.set(h, ((s + 4 * r) << 24) | i);
        return false;
      });
    }
  }
  return { tokens, reversed, at };
}

// The same context values are read on every call of a turn: their index is built once (bounded, oldest dropped).
const indexes = new Map<string, Index>();
function indexOf(value: string): Index {
  let index = indexes.get(value);
  if (index === undefined) {
    index = buildIndex(value);
    if (indexes.size >= 256) indexes.delete(indexes.keys().next().value as string);
    indexes.set(value, index);
  }
  return index;
}

type Form = { tokens: number[]; step: number };

/** The outbound text's letters and digits, whole and every second or third one (reversal is read in the index). */
function formsOf(text: string): Form[] {
  // A character is at most one letter or digit: MaxChars characters hold every letter and digit wanted from an end.
  const whole = text.length <= 2 * MaxChars ? tokensOf(text, 2 * MaxOutbound + 1) : [];
  const bases = whole.length > 0 && whole.length <= 2 * MaxOutbound
    ? [whole]
    : [tokensOf(text.slice(0, MaxChars), MaxOutbound), tokensOf(text.slice(-MaxChars), MaxChars).slice(-MaxOutbound)];
  const forms: Form[] = [];
  for (const base of bases) {
    for (const step of [1, 2, 3]) {
      for (let offset = 0; offset < step; offset++) {
        const picked = step === 1 ? base : base.filter((_t, i) => i % step === offset);
        if (picked.length < RunLength) continue;
        forms.push({ tokens: picked, step });
      }
    }
  }
  return forms;
}

/** The same run, token by token, the data's under the signs (the rolling hash only proposes it). */
function sameRun(a: ArrayLike<number>, ai: number, b: ArrayLike<number>, bi: number, ls: number, ds: number): boolean {
  for (let k = 0; k < RunLength; k++) {
    const x = a[ai + k] as number;
    const y = b[bi + k] as number;
    if (isLetter(x) !== isLetter(y) || isDigit(x) !== isDigit(y)) return false;
    if (!isLetter(x) && !isDigit(x) && x !== y) return false;
  }
  const h = runHash(a, ai, 1, 1);
  return h !== undefined && h === runHash(b, bi, ls, ds);
}

/** The map from the data's characters to the outbound's, in words; undefined when it is the identity. */
function mapping(out: ArrayLike<number>, oi: number, data: ArrayLike<number>, di: number, ls: number, ds: number, form: Form, reversed: boolean): string | undefined {
  let same = true;
  for (let k = 0; k < RunLength && same; k++) same = out[oi + k] === data[di + k];
  if (same) return reversed || form.step > 1 ? describe([], form, reversed) : undefined;
  let letters = "";
  let digits = "";
  for (let k = 0; k < RunLength; k++) {
    const o = out[oi + k] as number;
    const d = data[di + k] as number;
    if (letters === "" && isLetter(o)) {
      const shift = ((((o - 1) - ls * (d - 1)) % 26) + 26) % 26;
      letters = ls === 1 ? (shift === 0 ? "same" : shift === 13 ? "rot13" : `letters shifted by ${shift}`) : shift === 25 ? "Atbash" : `letters mirrored (Atbash) and shifted by ${(shift + 1) % 26}`;
    }
    if (digits === "" && isDigit(o)) {
      const shift = ((((o - 27) - ds * (d - 27)) % 10) + 10) % 10;
      digits = ds === 1 ? (shift === 0 ? "same" : `digits shifted by ${shift}`) : `digits mirrored${shift === 9 ? "" : ` and shifted by ${(shift + 1) % 10}`}`;
    }
  }
  return describe([letters, digits].filter((p) => p !== "" && p !== "same"), form, reversed);
}

function describe(parts: string[], form: Form, reversed: boolean): string | undefined {
  if (reversed) parts.push("reversed");
  if (form.step > 1) parts.push(`every ${form.step === 2 ? "second" : "third"} character taken, with filler between`);
  return parts.length === 0 ? undefined : parts.join(", ");
}

/**
 * The labelled values that `outbound` carries re-spelled (not plainly: see the header), each with how it was
 * re-spelled ("rot13, digits shifted by 5, reversed"). Bounded: see MaxOutbound.
 */
export function findRespelled(outbound: string, items: readonly LabelledData[]): Respelling[] {
  if (outbound.length < RunLength || items.length === 0) return [];
  const indexed = items.map((item) => ({ item, index: indexOf(item.value) })).filter((x) => x.index.at.size > 0);
  if (indexed.length === 0) return [];
  const found = new Map<string, string>();
  for (const form of formsOf(outbound)) {
    const t = form.tokens;
    rollRuns(t, 1, 1, (i, h) => {
      for (const { item, index } of indexed) {
        const code = index.at.get(h);
        if (code === undefined || found.has(item.label)) continue;
        const variant = code >>> 24;
        const at = code & 0xffffff;
        const [ls, ds] = signs[variant % 4] as readonly [number, number];
        const data = variant >= 4 ? index.reversed : index.tokens;
        if (!sameRun(t, i, data, at, ls, ds)) continue;
        const how = mapping(t, i, data, at, ls, ds, form, variant >= 4);
        if (how !== undefined) found.set(item.label, how);
      }
      return found.size === indexed.length;
    });
    if (found.size === indexed.length) break;
  }
  return [...found].map(([label, how]) => ({ label, how }));
}

/**
 * Characters a reader does not see but a program (a coding agent, a model, a terminal) reads: Unicode tag characters
 * (U+E0000–E007F, an invisible copy of ASCII), zero-width characters that join or split words, bidirectional
 * overrides, embeddings and isolates that show text in another order than it is stored, and every other format
 * character (general category Cf). Each one a script needs is allowed where it belongs: tags inside an emoji flag
 * sequence (🏴 … U+E007F), a zero-width joiner inside an emoji sequence, zero-width (non-)joiners and marks between
 * letters of scripts that use them (Arabic, Indic, Thai, …), left-to-right and right-to-left marks in text that has
 * right-to-left letters, a byte order mark at the start. Never throws.
 */

/** One run of hidden characters: where (1-based line) and what. */
export type HiddenRun = { line: number; what: string };

const pictographic = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F\u20E3]/u;
const nonLatinLetter = /[\p{L}\p{M}]/u;
const latin = /[\p{Script=Latin}\p{Script=Common}]/u;
const rightToLeft = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const formatChar = /\p{Cf}/u;

function describe(cp: number): string {
  if (cp >= 0xe0000 && cp <= 0xe007f) return "Unicode tag characters (an invisible copy of ASCII text)";
  if (cp === 0x202a || cp === 0x202b || cp === 0x202d || cp === 0x202e) return "a bidirectional override or embedding (text shown in another order than it is stored)";
  if (cp >= 0x2066 && cp <= 0x2069) return "a bidirectional isolate (text shown in another order than it is stored)";
  if (cp === 0x202c) return "a bidirectional pop (the end of an override)";
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff) return "zero-width characters (invisible text between letters)";
  return "invisible format characters";
}

function hex(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The runs of hidden characters in `text` that do not belong where they are. */
export function hiddenCharacters(text: string): HiddenRun[] {
  const chars = Array.from(text);
  const hasRtl = rightToLeft.test(text);
  const out: HiddenRun[] = [];
  let line = 1;
  let run: { line: number; first: number; count: number; what: string } | undefined;
  const flush = (): void => {
    if (run !== undefined) out.push({ line: run.line, what: `${run.count} × ${run.what} from ${hex(run.first)}` });
    run = undefined;
  };
  let flag = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? "";
    const cp = c.codePointAt(0) ?? 0;
    if (c === "\n") line++;
    if (cp === 0x1f3f4) flag = true;
    const allowed = !formatChar.test(c) || belongs(chars, i, cp, hasRtl, flag);
    if (cp === 0xe007f || !(cp >= 0xe0000 && cp <= 0xe007f) && cp !== 0x1f3f4) flag = false;
    if (allowed) {
      flush();
      continue;
    }
    const what = describe(cp);
    if (run !== undefined && run.what === what) run.count++;
    else {
      flush();
      run = { line, first: cp, count: 1, what };
    }
  }
  flush();
  // One line's runs of the same kind are one finding (`a\u200bb\u200bc` is one hidden word, not two characters).
  const merged = new Map<string, { line: number; count: number; what: string; first: string }>();
  for (const r of out) {
    const m = /^(\d+) × (.*) from (U\+[0-9A-F]+)$/.exec(r.what);
    const key = `${r.line}\u0000${m?.[2] ?? r.what}`;
    const had = merged.get(key);
    if (had !== undefined) had.count += Number(m?.[1] ?? 1);
    else merged.set(key, { line: r.line, count: Number(m?.[1] ?? 1), what: m?.[2] ?? r.what, first: m?.[3] ?? "" });
  }
  return [...merged.values()].map((r) => ({ line: r.line, what: `${r.count} × ${r.what} (from ${r.first})` }));
}

function belongs(chars: readonly string[], i: number, cp: number, hasRtl: boolean, inFlag: boolean): boolean {
  const before = chars[i - 1] ?? "";
  const after = chars[i + 1] ?? "";
  if (cp >= 0xe0020 && cp <= 0xe007f) return inFlag;
  if (cp === 0xfeff) return i === 0;
  if (cp === 0x200d) return (pictographic.test(before) && pictographic.test(after)) || betweenScriptLetters(before, after);
  if (cp === 0x200c || cp === 0x200b) return betweenScriptLetters(before, after);
  if (cp === 0x200e || cp === 0x200f || cp === 0x061c) return hasRtl;
  if (cp === 0x00ad) return nonLatinLetter.test(before) && nonLatinLetter.test(after);
  return false;
}

/** Between two letters of a script that is not Latin (where joiners and zero-width spaces are spelling). */
function betweenScriptLetters(before: string, after: string): boolean {
  return nonLatinLetter.test(before) && nonLatinLetter.test(after) && !latin.test(before) && !latin.test(after);
}

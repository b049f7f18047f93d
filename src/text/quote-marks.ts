/**
 * Quotation marks as Unicode defines them, for every reader that tells words set off in quotes (dictated, reported,
 * typed as a name) from the owner's own: the `Quotation_Mark` property (ASCII, typographic, low-9, guillemets single and
 * double, CJK corner brackets, fullwidth and halfwidth forms, and the marks each language opens with: Swedish ” ”,
 * Danish » «, German „ “), the backtick, and the CJK brackets that set off titles and quoted words (〈 〉 《 》 【 】 …).
 * A mark opens where it stands; an apostrophe between letters ("can't", "it’s") is none. A CJK bracket closes with its
 * own closing bracket; any other mark with the next quotation mark (never later than that: a quote read too short
 * leaves its tail the owner's words, which every reader handles as the owner's own).
 */

/** Brackets that open a quote and close with the code point after them (`「」`, `《》`, `〈〉`, `【】`, `﹁﹂`, `｢｣`). */
const PairedBrackets = /[\u3008\u300a\u300c\u300e\u3010\u3014\u3016\u3018\u301a\ufe41\ufe43\uff62]/u;
/** Marks that only close (the partners of the brackets above, and `〞 〟`). */
const ClosingOnly = /[\u3009\u300b\u300d\u300f\u3011\u3015\u3017\u3019\u301b\u301e\u301f\ufe42\ufe44\uff63]/u;
const Mark = new RegExp(`[\\p{Quotation_Mark}\`]|${PairedBrackets.source}|${ClosingOnly.source}`, "u");
/** Marks also written as an apostrophe inside a word. */
const ApostropheLike = /['’‛＇]/u;

function isMark(text: string, i: number): boolean {
  const c = text[i] ?? "";
  if (!Mark.test(c)) return false;
  return !(ApostropheLike.test(c) && /[\p{L}\p{N}]/u.test(text[i - 1] ?? "") && /\p{L}/u.test(text[i + 1] ?? ""));
}

/** Whether the mark at `i` of `text` can open a quote. */
export function opensQuote(text: string, i: number): boolean {
  return isMark(text, i) && !ClosingOnly.test(text[i] ?? "");
}

/** Where the quote opened at `from` closes (the index of its closing mark), or -1 when it does not. */
export function closingQuote(text: string, from: number): number {
  const open = text[from] ?? "";
  if (PairedBrackets.test(open)) return text.indexOf(String.fromCodePoint((open.codePointAt(0) ?? 0) + 1), from + 1);
  if (open === "\u301d") {
    const at = text.slice(from + 1).search(/[\u301e\u301f]/u);
    return at < 0 ? -1 : from + 1 + at;
  }
  for (let i = from + 1; i < text.length; i++) {
    if (open === "`" ? text[i] === "`" : isMark(text, i) && !PairedBrackets.test(text[i] ?? "") && text[i] !== "`") return i;
  }
  return -1;
}

/** The quoted spans of a text, in order and not overlapping: from the opening mark to just after the closing one. */
export function quotedSpans(text: string, max = 64): { from: number; to: number }[] {
  const spans: { from: number; to: number }[] = [];
  for (let i = 0; i < text.length && spans.length < max; i++) {
    if (!opensQuote(text, i)) continue;
    const close = closingQuote(text, i);
    if (close < 0) continue;
    spans.push({ from: i, to: close + 1 });
    i = close;
  }
  return spans;
}

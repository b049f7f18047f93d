/**
 * A value found where it stands as a token of a text (`480` in "pay 480 EUR", not in "4800"), without a regular
 * expression made for the value that holds a Unicode property class. V8 compiles such a class (`\p{L}`, `\p{N}`)
 * anew in every expression that holds one: `(?<![\p{L}\p{N}])480(?![\p{L}\p{N}])` cost ~0.8 ms to make, and
 * `(?<![\p{L}\p{N}@._-])GB33…(?![\p{L}\p{N}@_-]|\.[\p{L}\p{N}])` with `i` ~3 ms, for every distinct value the gate
 * looked for (a few per tool call: 3-6% of a red-team run's CPU). Here the value's own expression holds the value
 * alone (~12 µs to make), and what may not stand before or after it are expressions made once.
 *
 * Contract: `tokenMatches(text, core, edges)` gives exactly the matches `text.matchAll` gives for the one expression
 * `(?<!BEFORE)CORE(?!AFTER)` with the flags of `core` (the same positions, in the same order), when every match of
 * `core` at a position has one length (a value escaped literally, or a class per character).
 */

/** What may not stand right before a token and right after it, each made once (`tokenEdges`). */
export type TokenEdges = { before: RegExp; after: RegExp };

/**
 * The edges `(?<!before)…(?!after)` of a token, for expressions with the flags `flags` (`u` or `iu`: the edges are
 * read with the case-folding of the expression they bound). Make them once, at module level.
 */
export function tokenEdges(before: string, after: string, flags: "u" | "iu"): TokenEdges {
  return { before: new RegExp(`(?<=${before})`, `${flags}y`), after: new RegExp(`(?=${after})`, `${flags}y`) };
}

/** A whole word: no letter or digit right before it or right after it (`(?<![\p{L}\p{N}])…(?![\p{L}\p{N}])`, flags `u`). */
export const WordEdges = tokenEdges("[\\p{L}\\p{N}]", "[\\p{L}\\p{N}]", "u");
/** `WordEdges` for an expression with the flags `iu`. */
export const WordEdgesIgnoringCase = tokenEdges("[\\p{L}\\p{N}]", "[\\p{L}\\p{N}]", "iu");

/** Whether the zero-width sticky expression `edge` holds at `index` of `text`. */
function holdsAt(edge: RegExp, text: string, index: number): boolean {
  edge.lastIndex = index;
  return edge.test(text);
}

/** The index after the code point at `index` (a match of a `u` expression never starts inside a surrogate pair). */
function nextCodePoint(text: string, index: number): number {
  return index + ((text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1);
}

/**
 * Every match of `(?<!edges.before)core(?!edges.after)` in `text`, in order, as `text.matchAll` of that expression
 * gives them. `core` must have the `g` and `u` flags; its `lastIndex` is used and left changed.
 */
export function* tokenMatches(text: string, core: RegExp, edges: TokenEdges): Generator<RegExpExecArray> {
  if (!core.global || !core.unicode) throw new TypeError(`tokenMatches needs a global Unicode expression, not /${core.source}/${core.flags}`);
  let from = 0;
  while (from <= text.length) {
    core.lastIndex = from;
    const m = core.exec(text);
    if (m === null) return;
    const end = m.index + m[0].length;
    if (!holdsAt(edges.before, text, m.index) && !holdsAt(edges.after, text, end)) {
      yield m;
      from = end > m.index ? end : nextCodePoint(text, end);
    } else {
      from = nextCodePoint(text, m.index);
    }
  }
}

/** The first match of `tokenMatches`, or undefined. */
export function firstTokenMatch(text: string, core: RegExp, edges: TokenEdges): RegExpExecArray | undefined {
  for (const m of tokenMatches(text, core, edges)) return m;
  return undefined;
}

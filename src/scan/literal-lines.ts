/**
 * A cheap gate before the vocabulary's regexes: which lines of a text hold one of a few literal strings. The regexes
 * that read a credential word and its value are slow (an alternation of a few hundred words, with lookbehinds, tried
 * at every position); one alternation of plain literals is several times faster, and most lines of a document name
 * no credential at all. The gate is sound when every match of the regex holds one of the literals, matched with the
 * same case-insensitive flag: `requiredLiteral` derives them from the words the regexes are built from.
 */

/**
 * The longest literal every match of a vocabulary word holds: the word as the lists write it (a regex source:
 * `mot[ _.-]?de[ _.-]?passe`, `(?:card[ _.-]?)?pin(?:…)?`, `puk\d?`, `cvv2?`), its classes, groups and optional
 * characters taken as gaps between literal runs. Empty when something is not understood (then the gate lets every
 * line through).
 */
export function requiredLiteral(word: string): string {
  const gaps = word
    .replace(/\((?:[^()]|\([^()]*\))*\)[?*]?/g, "\u0000") // groups: optional, or alternatives none of which is required
    .replace(/\[[^\]]*\][?*+]?/g, "\u0000") // classes
    .replace(/\\.[?*+]?/g, "\u0000") // escapes (`\d`)
    .replace(/.[?*]/g, "\u0000"); // an optional character (`2?`, `s?`)
  if (/[()[\]|\\.+*?{}^$]/.test(gaps)) return "";
  return gaps.split("\u0000").reduce((a, b) => (b.length > a.length ? b : a), "");
}

/**
 * A gate for `linesHolding`: case-insensitive alternations of the literals (a regex built from the same words with
 * the `i` flag matches them), without any literal that holds another (the shorter one finds every line the longer
 * would). The literals with a character outside ASCII are looked for only on lines that have one: without the `u`
 * flag, case folding never maps a character outside ASCII to one inside it. An empty literal matches everywhere.
 */
export type LiteralGate = { ascii: RegExp; other: RegExp | undefined };

export function literalGate(literals: Iterable<string>): LiteralGate {
  const all = [...new Set(literals)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const literal of all) if (!kept.some((k) => literal.includes(k))) kept.push(literal);
  const alternation = (ls: string[]): string => ls.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  const other = kept.filter((l) => nonAscii.test(l));
  // A gate with no ASCII literal must match nothing on its ASCII side: `(?!)` never matches.
  const ascii = kept.filter((l) => !nonAscii.test(l));
  return { ascii: new RegExp(ascii.length > 0 ? alternation(ascii) : "(?!)", "gi"), other: other.length > 0 ? new RegExp(alternation(other), "i") : undefined };
}

const nonAscii = /[^\x00-\x7f]/;
const nonAsciiRun = /[^\x00-\x7f]/g;

// The last answers: a text's finders ask one after another, several with the same gate.
const recent: Array<{ text: string; gate: LiteralGate; lines: ReadonlySet<number> }> = [];

/**
 * The numbers of the lines (the text split at `\n`) holding a match of the gate, in order. Every line that holds a
 * match of a regex whose matches all hold one of the gate's literals is among them.
 */
export function linesHolding(text: string, gate: LiteralGate): ReadonlySet<number> {
  const known = recent.find((r) => r.gate === gate && r.text === text);
  if (known !== undefined) return known.lines;
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const hit = new Uint8Array(lineStarts.length);
  // Each regex jumps to the next line after a match: one match per line is enough.
  const lineOf = (offset: number): number => {
    let [lo, hi] = [0, lineStarts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  gate.ascii.lastIndex = 0;
  for (let m = gate.ascii.exec(text); m !== null; m = gate.ascii.exec(text)) {
    const line = lineOf(m.index);
    hit[line] = 1;
    gate.ascii.lastIndex = lineStarts[line + 1] ?? text.length + 1;
  }
  if (gate.other !== undefined) {
    nonAsciiRun.lastIndex = 0;
    for (let m = nonAsciiRun.exec(text); m !== null; m = nonAsciiRun.exec(text)) {
      const line = lineOf(m.index);
      const next = lineStarts[line + 1];
      if (hit[line] === 0 && gate.other.test(text.slice(lineStarts[line], next === undefined ? text.length : next - 1))) hit[line] = 1;
      nonAsciiRun.lastIndex = next ?? text.length + 1;
    }
  }
  const lines = new Set<number>();
  for (let k = 0; k < hit.length; k++) if (hit[k] === 1) lines.add(k);
  recent.unshift({ text, gate, lines });
  recent.length = Math.min(recent.length, 4);
  return lines;
}

/** The lines of `text` that `linesHolding` names, joined by `\n` (empty when there is none). */
export function textOfLinesHolding(text: string, gate: LiteralGate): string {
  const numbers = linesHolding(text, gate);
  if (numbers.size === 0) return "";
  return text.split("\n").filter((_, k) => numbers.has(k)).join("\n");
}

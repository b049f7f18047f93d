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
 * A gate for `linesHolding`: a case-insensitive alternation of the literals (as a regex built from the same words
 * with the `i` flag matches them), without any literal that holds another (the shorter one finds every line the
 * longer would). An empty literal matches everywhere: every line goes through.
 */
export function literalGate(literals: Iterable<string>): RegExp {
  const all = [...new Set(literals)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const literal of all) if (!kept.some((k) => literal.includes(k))) kept.push(literal);
  return new RegExp(kept.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gi");
}

// The last answers: a text's finders ask one after another, several with the same gate.
const recent: Array<{ text: string; gate: RegExp; lines: ReadonlySet<number> }> = [];

/**
 * The numbers of the lines (the text split at `\n`) holding a match of the gate. Every line that holds a match of a
 * regex whose matches all hold one of the gate's literals is among them.
 */
export function linesHolding(text: string, gate: RegExp): ReadonlySet<number> {
  const known = recent.find((r) => r.gate === gate && r.text === text);
  if (known !== undefined) return known.lines;
  const lines = new Set<number>();
  let line = 0;
  let lineStart = 0;
  gate.lastIndex = 0;
  for (let m = gate.exec(text); m !== null; m = gate.exec(text)) {
    for (let nl = text.indexOf("\n", lineStart); nl !== -1 && nl < m.index; nl = text.indexOf("\n", lineStart)) [line, lineStart] = [line + 1, nl + 1];
    lines.add(line);
    // On to the next line: one match per line is enough.
    const end = text.indexOf("\n", m.index + m[0].length);
    if (end === -1) break;
    gate.lastIndex = end + 1;
  }
  recent.unshift({ text, gate, lines });
  recent.length = Math.min(recent.length, 4);
  return lines;
}

/** The lines of `text` that `linesHolding` names, joined by `\n` (empty when there is none). */
export function textOfLinesHolding(text: string, gate: RegExp): string {
  const numbers = linesHolding(text, gate);
  if (numbers.size === 0) return "";
  return text.split("\n").filter((_, k) => numbers.has(k)).join("\n");
}

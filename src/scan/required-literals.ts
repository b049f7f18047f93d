import type { AST } from "@eslint-community/regexpp";
import type * as Regexpp from "@eslint-community/regexpp";
import { lazyRequire } from "../core/lazy-require.ts";

// The parser loads with the first scan, not with the modules that import the scanner.
const regexpp = lazyRequire<typeof Regexpp>("@eslint-community/regexpp", import.meta.url);

/**
 * A regex's required literals, read from its parsed form (never from its source by hand): a set of strings such
 * that every match of the regex holds at least one of them. A text holding none of them cannot match, so the regex
 * need not run on it. `undefined` means no such set is known (the regex must always run): anything the analysis
 * does not understand (backreferences, case-insensitive or unicode-sets flags, modifier groups) gives that, so
 * the gate fails open to running the regex, never to skipping it.
 */
export function requiredLiterals(pattern: RegExp, minLength = 3): string[] | undefined {
  if (/[iv]/.test(pattern.flags)) return undefined;
  const required = disjunction(regexpp().parseRegExpLiteral(pattern).pattern.alternatives).required;
  // Short literals occur nearly everywhere: a regex whose literals are short runs anyway (two characters outside
  // ASCII, as in `忽略`, are rare enough to keep).
  if (required === undefined || [...required].some((s) => s.length < (/[^\x00-\x7f]/.test(s) ? Math.min(2, minLength) : minLength))) return undefined;
  // A string that holds another of the set adds nothing: wherever it occurs, the shorter one does.
  const sorted = [...required].sort((a, b) => a.length - b.length);
  return sorted.filter((s, k) => !sorted.slice(0, k).some((t) => s.includes(t)));
}

/** What a part of a regex matches: `exact`, every string it can match when there are few (else undefined);
 * `required`, strings one of which every match holds (undefined: none known). */
type Reading = { exact: Set<string> | undefined; required: Set<string> | undefined };

// Bounds on the sets carried around: past them a part is read as "not exact" (sound, only less selective).
const maxExact = 256;
const maxRequired = 256;

const nothing: Reading = { exact: undefined, required: undefined };
const empty = (): Reading => ({ exact: new Set([""]), required: undefined });

function union(sets: (Set<string> | undefined)[], max: number): Set<string> | undefined {
  const out = new Set<string>();
  for (const s of sets) {
    if (s === undefined) return undefined;
    for (const x of s) out.add(x);
  }
  return out.size <= max ? out : undefined;
}

function product(a: Set<string>, b: Set<string>): Set<string> | undefined {
  if (a.size * b.size > maxExact) return undefined;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

/**
 * The better of two required sets: the one whose shortest string is longer (it occurs less often), up to
 * `selectiveLength` characters, past which the one with fewer strings (a smaller automaton to scan with).
 */
const selectiveLength = 6;
function better(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  if (a === undefined || a.size === 0) return b;
  if (b === undefined || b.size === 0) return a;
  const shortest = (s: Set<string>): number => Math.min(selectiveLength, ...[...s].map((x) => x.length));
  const [la, lb] = [shortest(a), shortest(b)];
  if (la !== lb) return la > lb ? a : b;
  return a.size <= b.size ? a : b;
}

function disjunction(alternatives: readonly AST.Alternative[]): Reading {
  const readings = alternatives.map(sequence);
  return { exact: union(readings.map((r) => r.exact), maxExact), required: union(readings.map((r) => r.required), maxRequired) };
}

/** A concatenation: runs of exact parts multiply into longer literals; a part that is not exact ends a run. */
function sequence(alternative: AST.Alternative): Reading {
  let run: Set<string> | undefined = new Set([""]);
  let required: Set<string> | undefined;
  let broken = false;
  const endRun = (): void => {
    if (run !== undefined && !run.has("")) required = better(required, run);
  };
  for (const element of alternative.elements) {
    const r = element.type === "Quantifier" ? quantifier(element) : atom(element);
    required = better(required, r.required);
    const joined: Set<string> | undefined = run !== undefined && r.exact !== undefined ? product(run, r.exact) : undefined;
    if (joined !== undefined) {
      run = joined;
      continue;
    }
    // The run stops here; a part repeated at least once still starts with (and ends with) one repetition.
    const repeated = element.type === "Quantifier" && element.min >= 1 ? atom(element.element).exact : undefined;
    if (run !== undefined && repeated !== undefined) run = product(run, repeated);
    endRun();
    broken = true;
    run = repeated ?? r.exact ?? new Set([""]);
  }
  endRun();
  return { exact: broken ? undefined : run, required };
}

function quantifier(q: AST.Quantifier): Reading {
  const inner = atom(q.element);
  if (q.min === 0) return { exact: q.max === 1 && inner.exact !== undefined ? union([inner.exact, new Set([""])], maxExact) : undefined, required: undefined };
  let exact: Set<string> | undefined;
  if (q.min === q.max && inner.exact !== undefined) {
    exact = new Set([""]);
    for (let k = 0; k < q.min && exact !== undefined; k++) exact = product(exact, inner.exact);
  }
  return { exact, required: inner.required ?? (inner.exact !== undefined && !inner.exact.has("") ? inner.exact : undefined) };
}

function atom(element: AST.Element): Reading {
  switch (element.type) {
    case "Character":
      return { exact: new Set([String.fromCodePoint(element.value)]), required: undefined };
    case "CharacterClass": {
      // `[x]` is the character x; a class of several characters is not read further.
      const only = element.elements.length === 1 ? element.elements[0] : undefined;
      return !element.negate && only?.type === "Character" ? { exact: new Set([String.fromCodePoint(only.value)]), required: undefined } : nothing;
    }
    case "Assertion":
      // Zero-width: it adds no character to the match (a lookaround's body is not part of it).
      return empty();
    case "Group":
      if (element.modifiers !== undefined && element.modifiers !== null) return nothing;
      return disjunction(element.alternatives);
    case "CapturingGroup":
      return disjunction(element.alternatives);
    case "Quantifier":
      return quantifier(element);
    default:
      return nothing;
  }
}

/**
 * One scan of a text for the required literals of many regexes at once, instead of running each regex over it:
 * `candidates(text)` says which regexes may match (one of their literals occurs, or they have none). The scan is
 * an Aho–Corasick automaton over UTF-16 code units, so every occurrence of every literal is found in one pass.
 * It reads every run of white space as one space, and the literals are folded the same way, so one scan of a text
 * also answers for the text with its white space collapsed (the scanner's `lines` and `folded` forms).
 */
export type LiteralPrefilter = { candidates(text: string): Uint8Array };

const isSpace = (c: number): boolean => /\s/.test(String.fromCharCode(c));
const foldSpace = (literal: string): string => literal.replace(/\s+/g, " ");

export function literalPrefilter(patterns: readonly RegExp[], minLength = 3): LiteralPrefilter {
  const required = patterns.map((p) => requiredLiterals(p, minLength));
  const always = patterns.flatMap((_, i) => (required[i] === undefined ? [i] : []));
  const owners = new Map<string, number[]>();
  required.forEach((ls, i) => {
    for (const l of new Set((ls ?? []).map(foldSpace))) owners.set(l, [...(owners.get(l) ?? []), i]);
  });
  const automaton = buildAutomaton([...owners.keys()]);
  const ownersOf = [...owners.values()];
  return {
    candidates(text: string): Uint8Array {
      const out = new Uint8Array(patterns.length);
      for (const i of always) out[i] = 1;
      for (const j of automaton.found(text)) for (const i of ownersOf[j] ?? []) out[i] = 1;
      return out;
    },
  };
}

/** A dense Aho–Corasick automaton: `found(text)` lists the indices of the literals that occur in `text`. */
function buildAutomaton(literals: readonly string[]): { found(text: string): number[] } {
  // Code units that occur in a literal get a symbol of their own (white space shares the space's); any other is symbol 0.
  const symbolOf = new Uint16Array(65536);
  let symbols = 1;
  for (const l of literals) for (let k = 0; k < l.length; k++) if (symbolOf[l.charCodeAt(k)] === 0) symbolOf[l.charCodeAt(k)] = symbols++;
  const space = symbolOf[32] || (symbolOf[32] = symbols++);
  for (let c = 0; c < 65536; c++) if (c !== 32 && isSpace(c)) symbolOf[c] = space;
  // The trie, then failure links breadth first, turned into a full transition table.
  const trie: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  literals.forEach((l, j) => {
    let state = 0;
    for (let k = 0; k < l.length; k++) {
      const sym = symbolOf[l.charCodeAt(k)]!;
      let next = trie[state]!.get(sym);
      if (next === undefined) {
        next = trie.length;
        trie.push(new Map());
        ends.push([]);
        trie[state]!.set(sym, next);
      }
      state = next;
    }
    ends[state]!.push(j);
  });
  // Few states in practice: 16-bit entries keep the table small enough to stay in cache.
  const delta = trie.length <= 0xffff ? new Uint16Array(trie.length * symbols) : new Uint32Array(trie.length * symbols);
  const fail = new Int32Array(trie.length);
  const queue: number[] = [];
  for (const [sym, next] of trie[0]!) {
    delta[sym] = next;
    queue.push(next);
  }
  for (let q = 0; q < queue.length; q++) {
    const state = queue[q]!;
    ends[state]!.push(...ends[fail[state]!]!);
    for (let sym = 0; sym < symbols; sym++) {
      const next = trie[state]!.get(sym);
      if (next === undefined) delta[state * symbols + sym] = delta[fail[state]! * symbols + sym]!;
      else {
        fail[next] = delta[fail[state]! * symbols + sym]!;
        delta[state * symbols + sym] = next;
        queue.push(next);
      }
    }
  }
  const hasEnd = Uint8Array.from(ends, (e) => (e.length > 0 ? 1 : 0));
  return {
    found(text: string): number[] {
      const seen = new Uint8Array(literals.length);
      // A state's literals are reported once: after that the state counts as having none.
      const pending = hasEnd.slice();
      const out: number[] = [];
      let state = 0;
      let lastSpace = false;
      for (let i = 0; i < text.length; i++) {
        const sym = symbolOf[text.charCodeAt(i)]!;
        // A run of white space reads as one space.
        if (sym === space) {
          if (lastSpace) continue;
          lastSpace = true;
        } else lastSpace = false;
        state = delta[state * symbols + sym]!;
        if (pending[state] === 1) {
          pending[state] = 0;
          for (const j of ends[state]!) {
            if (seen[j] === 1) continue;
            seen[j] = 1;
            out.push(j);
          }
        }
      }
      return out;
    },
  };
}

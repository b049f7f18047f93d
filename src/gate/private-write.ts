/**
 * Private data moved, in a tainted turn, to a place the owner did not name: judged by where the data came from, not by
 * what the destination is called. Outbound folders are known by config, markers, names and publishers' configs
 * (src/fs/outbound-folders.ts), but any folder can leave the machine by a program Warden does not know (a mailer
 * watching `Outbox/`, a fax spool, a printer's hot folder, an FTP root, a share named in a config file it cannot
 * read): a list of names is always one name short. So, from the information-flow side:
 *  - after untrusted content entered (a page, a message, or a file's own text: files are untrusted integrity), a
 *    `write`/`edit` whose added text visibly carries private data (a workspace file's content, command output, a
 *    message, a service's answer: the context's private `readData`; or a value the owner typed in an earlier message),
 *    in any form the leak detector reads (pieces, encodings, re-spellings), to a path outside where that data lives,
 *    is asked (`flow.private_data_moved`), naming the data's source and the destination;
 *  - where data lives: a file's own folder (and below it, unless that folder is the workspace's top). Data that is
 *    not a file's (command output, a message, a service's answer, the owner's earlier values) lives nowhere in the
 *    workspace: any unnamed destination moves it;
 *  - the owner naming the destination lets it go: the very path, its folder (or one above it, below the top) as typed
 *    by the owner in this session ("save a summary of my notes to Outbox/"), or the folder with the file's name.
 * A destination already known to leave is decided by outbound-folder.ts (refused when private data is visible) and a
 * folder published at the next push by published-later.ts; this rule does not apply there. In a context holding no
 * private data nothing here applies: a page's summary written anywhere stays as it was.
 * What this rule cannot see: private data re-worded past what the leak detector reads. Such a write stays inside the
 * workspace (a snapshot is kept); it leaves only by a route Warden does not know, and the second layer for that is
 * recognising more routes (outbound-folders.ts, route-configs.ts).
 */
import { ask, type Decision, type Reason } from "../core/decision.ts";
import { findLeaks, type Leak } from "./leaks.ts";
import { foldSpellings } from "./spelling-fold.ts";
import { destinationNamedByOwner } from "./outbound-folder.ts";
import { ownerValuesIn } from "./owner-values.ts";
import { fileNamedByOwner } from "./provenance.ts";
import { addedText } from "./published-later.ts";
import type { FileFactsIn, FlowState, LabelledData } from "./types.ts";
import { numberKey, valueKey, valuesIn } from "./write-values.ts";

function reason(id: string, message: string): Reason {
  return { id, message };
}

/** A workspace-relative path without `.`, `..` (kept only when it climbs out), doubled or trailing slashes. */
function normalPath(path: string): string {
  const parts: string[] = [];
  for (const p of path.replace(/\\/g, "/").split("/")) {
    if (p === "" || p === ".") continue;
    if (p === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else parts.push(p);
  }
  return parts.join("/");
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "." : path.slice(0, slash);
}

/** The destination lies where the data already lives: the source file's folder, or below it when that is not the top. */
function livesAt(source: string, dest: string, caseFolds: boolean): boolean {
  const fold = (s: string) => (caseFolds ? s.toLowerCase() : s);
  const home = fold(folderOf(normalPath(source)));
  const there = fold(folderOf(dest));
  return there === home || (home !== "." && there.startsWith(`${home}/`));
}

/** The owner named the destination: the path, the folder with the file's name, or its folder (or an ancestor below the top). */
function namedDestination(dest: string, flow: FlowState, caseFolds: boolean): boolean {
  if (destinationNamedByOwner(dest, folderOf(dest), flow, caseFolds)) return true;
  for (let folder = folderOf(dest); folder !== "."; folder = folderOf(folder)) {
    if (fileNamedByOwner(folder, flow, caseFolds)) return true;
  }
  return false;
}

function shown(leaks: readonly Leak[]): string {
  const names = [...new Set(leaks.map((l) => `${l.label.startsWith("file:") ? `\`${l.label.slice("file:".length)}\`` : l.label}${l.encoding === "plain" ? "" : l.how !== undefined ? ` (re-spelled: ${l.how})` : ` (${l.encoding}-encoded)`}`))];
  return `${names.slice(0, 3).join(", ")}${names.length > 3 ? ` and ${names.length - 3} more` : ""}`;
}

/**
 * Digit runs this long are figures (a salary, an account), not counts; a run of four digits written as one run in the
 * data (a PIN, a door code) is one too, unless it reads as a year or the data holds many (MaxCodes). Shorter runs,
 * and four digits with separators in the data (`10.30`, `1,200`: a time, a price), are everyday numbers.
 */
const MinFigure = 5;
const ShortFigure = 4;
const Year = /^(?:19|20)\d\d$/;
const MaxFigures = 64;
/** More four-digit runs than this in one value are a table of amounts or ids, not a code among words. */
const MaxCodes = 8;
/** An approximation keeps this many digits of a figure at least (`98.8k` of 98765); fewer (`99k`) says too little. */
const MinKeptDigits = 3;

/** Between the digits of one figure: the separators people write in numbers (`98,765`, `98 765`, `98'765`). */
const Grouping = /\d(?:[\d.,' \u00a0]*\d)?/g;
/** Between digits split apart on purpose (`9-8-7-6-5`, `44/71`, `4️⃣4️⃣7️⃣1️⃣`): read on the outbound side only, beside Grouping. */
const Split = /\d(?:[\d\s.,'_|/:·•*\-\ufe0f\u20e3]*\d)?/g;

/** The figures written in a text, separators squeezed out, with whether each was written as one run (`4471`, not `98,765`). */
function figuresOf(text: string, by: RegExp = Grouping): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const m of text.matchAll(by)) {
    const n = m[0].replace(/\D/g, "");
    if (n.length >= ShortFigure && out.size < 10_000) out.set(n, out.get(n) === true || n === m[0]);
  }
  return out;
}

/** Scale words and suffixes after an approximate amount (`98.8k`, `98,8 Tsd.`, `1.2 million`). */
const Scales: Record<string, number> = { k: 1e3, thousand: 1e3, tsd: 1e3, tausend: 1e3, mille: 1e3, mil: 1e3, duizend: 1e3, "тыс": 1e3, "тысяч": 1e3, tys: 1e3, m: 1e6, mln: 1e6, mio: 1e6, million: 1e6, millionen: 1e6, millions: 1e6 };
const Approximate = /(?<![\d.,])(\d{1,3})(?:[.,](\d{1,3}))?\s?(k|thousand|tsd|tausend|mille|mil|duizend|тысяч|тыс|tys|m|mln|mio|millions?|millionen)(?![\p{L}\p{N}])/giu;

/**
 * The approximate amounts a text writes with a scale (`98.8k` is 98800 to the hundred, `98,8 Tsd.`, `1.2 million`):
 * each its value, the unit it is given to, and how many digits it keeps.
 */
export function scaledAmounts(text: string): { value: number; unit: number; kept: number }[] {
  const out: { value: number; unit: number; kept: number }[] = [];
  for (const m of text.slice(0, 100_000).matchAll(Approximate)) {
    const whole = m[1] ?? "";
    const fraction = m[2] ?? "";
    const scale = Scales[(m[3] ?? "").toLowerCase()] ?? 0;
    const unit = scale / 10 ** fraction.length;
    if (unit < 1 || out.length >= 1_000) continue;
    out.push({ value: Number(`${whole}${fraction}`) * unit, unit, kept: `${whole}${fraction}`.replace(/^0+/, "").length });
  }
  return out;
}

/** The data's figure that an approximate amount of the text rounds (`98.8k` rounds 98765), if any. */
function roundedFigure(text: string, figures: readonly string[]): string | undefined {
  for (const { value, unit, kept } of scaledAmounts(text)) {
    if (kept < MinKeptDigits) continue;
    const hit = figures.find((f) => f.length >= MinFigure && Math.round(Number(f) / unit) * unit === value);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/**
 * The private figures the text carries whole (`83250` of `salary 83250 EUR`, with its separators squeezed out), also
 * spelled another way (`eighty-three thousand two hundred fifty`, `MMMMCDLXXI`: spelling-fold.ts), backwards or rounded (`83.3k`),
 * which the leak detector passes over as too short to be distinctive in a URL or a message. Bounded.
 */
function numbersCarried(text: string, items: readonly LabelledData[]): Leak[] {
  const plain = figuresOf(text);
  const folded = foldSpellings(text);
  // Spelled another way, split apart, or backwards (`56789` for 98765).
  const backwards = [...folded].reverse().join("");
  const spelled = new Set([folded, backwards].flatMap((t) => [...figuresOf(t).keys(), ...figuresOf(t, Split).keys()]));
  const out: Leak[] = [];
  for (const item of items) {
    const figures = figuresIn(item.value);
    const carried = figures.find((n) => plain.has(n) || spelled.has(n));
    if (carried !== undefined) out.push(plain.has(carried) ? { label: item.label, encoding: "plain" } : { label: item.label, encoding: "spelled", how: `${carried} written another way` });
    else if (roundedFigure(folded, figures) !== undefined) out.push({ label: item.label, encoding: "spelled", how: `${roundedFigure(folded, figures) ?? ""} rounded` });
  }
  return out;
}

/** A private value's figures, as written and with its numbers in one spelling; kept for the values of a turn (bounded). */
const figureCache = new Map<string, string[]>();
function figuresIn(raw: string): string[] {
  const value = raw.slice(0, 100_000);
  let figures = figureCache.get(value);
  if (figures === undefined) {
    const own = figuresOf(foldSpellings(value));
    for (const [n, run] of figuresOf(value)) own.set(n, run || own.get(n) === true);
    const codes = [...own].filter(([n, run]) => run && n.length === ShortFigure && !Year.test(n)).map(([n]) => n);
    // A four-digit code among prose is distinctive; one of a table of amounts is not (any text shares one by chance).
    figures = [...[...own.keys()].filter((n) => n.length >= MinFigure), ...(codes.length <= MaxCodes ? codes : [])].slice(0, MaxFigures);
    if (figureCache.size >= 256) figureCache.delete(figureCache.keys().next().value as string);
    figureCache.set(value, figures);
  }
  return figures;
}

/**
 * Every value the text holds (an IBAN, an address, a figure, a date: write-values.ts) is one the owner typed or one a
 * file the owner named holds: a new document made from the owner's template carries the template's and the owner's
 * values, not a page's IBAN or total put in their place.
 */
function valuesFromNamedFiles(text: string, flow: FlowState, caseFolds: boolean): boolean {
  const named = flow.readData.filter((d) => d.label.startsWith("file:") && fileNamedByOwner(d.label.slice("file:".length), flow, caseFolds));
  const sources = [...named.map((d) => d.value), ...flow.ownerTexts];
  // A figure inside a date the owner or the file wrote (`7` of `7 Dec 2026`) is known as a figure too.
  const known = new Set([...sources.flatMap((t) => valuesIn(t)).map(valueKey), ...sources.flatMap((t) => t.match(/\d+/g) ?? []).map((n) => `number\u0000${numberKey(n)}`)]);
  return valuesIn(text).every((v) => known.has(valueKey(v)));
}

/** The gate's rule for a tainted `write`/`edit` carrying private data away from where it lives; undefined when it does not apply. */
export function privateWriteRule(flow: FlowState, facts: FileFactsIn): Decision | undefined {
  if (!flow.tainted || facts.outboundFolder !== undefined || facts.publishedLater !== undefined) return undefined;
  const caseFolds = facts.caseFolds === true;
  const dest = normalPath(facts.path);
  if (dest === "" || namedDestination(dest, flow, caseFolds)) return undefined;
  const added = addedText(facts);
  if (added.trim() === "") return undefined;
  const away = flow.confidentiality === "public" ? [] : flow.readData.filter((d: LabelledData) => !d.label.startsWith("file:") || !livesAt(d.label.slice("file:".length), dest, caseFolds));
  const leaks = [...(away.length === 0 ? [] : findLeaks(added, away)), ...numbersCarried(added, away), ...ownerValuesIn(added, flow)];
  if (leaks.length === 0) return undefined;
  // A new document in a folder this write creates, from files the owner named ("minutes from templates/minutes.md"):
  // no program can be watching a folder that did not exist, and the data is what the owner asked to use.
  const fromNamedFiles = leaks.every((l) => l.label.startsWith("file:") && fileNamedByOwner(l.label.slice("file:".length), flow, caseFolds));
  if (facts.newFolder === true && facts.exists !== true && fromNamedFiles && valuesFromNamedFiles(facts.content ?? added, flow, caseFolds)) return undefined;
  const from = flow.sources[0];
  const context = from === undefined ? "" : ` (the context holds content from ${from}${flow.sources.length > 1 ? ` and ${flow.sources.length - 1} more` : ""})`;
  return ask("high", reason("flow.private_data_moved", `writing \`${facts.path}\` would carry private data from ${shown(leaks)} into ${folderOf(dest) === "." ? "the workspace's top folder" : `\`${folderOf(dest)}/\``}, away from where it lives; you did not name this destination, and it was chosen in an untrusted context${context}. A folder can leave the machine by a program Warden does not know (a mailer, a fax or printer spool, a share), so you confirm where your data goes`));
}

/**
 * The owner's own structured file, rewritten as this turn's message asks: "add eggs to list.yaml", "dedupe
 * contacts.vcf", "rename the track in ride.gpx to 'Sunday ride'", "add b: 2 to data.json". Reading the file taints the
 * turn (its bytes are not the owner's typing), and a file that is not a plain document asks then
 * (`taint.write_not_document`): something may trust it later and the context could have chosen what goes in. Here the
 * context is that very file and nothing else, and the change moves nothing new into it:
 *
 * - no content from outside the owner's files entered the session, and every file read is one the owner named
 *   (`outside`, `unnamedSources`); this file is one of them, read whole, no tool wrote it, and the write starts from
 *   exactly the bytes read;
 * - this turn's message names the file;
 * - compared line by line (as multisets), every line the change adds is made of words the owner typed in this turn's
 *   message, or of the format's own names (an iCalendar or vCard property's name, an XML element's or attribute's name,
 *   a BibTeX entry type or field name); a line it changes keeps its other words and adds only the owner's; a line it
 *   removes is a duplicate that stays, or is made of the owner's words ("remove milk from list.yaml").
 *
 * So the file's own text can at most lay the owner's words out: "set admin: true" written in a comment of the file
 * adds `true`, which the owner did not type, and asks; a value from a page asks (content from outside). Files that run
 * later (`path.runs_later`, `path.runs_later_content`) keep their own rules.
 */
import { fileNamedByOwner, resolvedName } from "./provenance.ts";
import type { FileFactsIn, FlowState } from "./types.ts";
import { extensionOf } from "../core/file-extension.ts";

/** A longer file is not compared line by line here: it asks as before. */
const MaxLines = 4000;

/** Words a changed line may lose that the owner did not type: the value the owner's replaces. */
const MaxRemovedWordsPerLine = 2;

/** Scripts written without spaces: a word of them is the owner's when it stands inside the owner's text. */
const Unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

const wordsOf = (s: string) => s.normalize("NFKC").toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];


const ContentLineFormats = new Set(["ics", "ical", "ifb", "vcs", "vcf", "vcard"]);
const MarkupFormats = new Set(["gpx", "opml", "xml", "kml", "tcx", "rss", "atom", "xspf", "plist"]);
const BibFormats = new Set(["bib"]);

/**
 * A line with the format's own names taken out: what stays is the line's values. An iCalendar or vCard content line
 * `NAME;PARAM=VALUE:value` keeps its value (a `BEGIN`/`END` line's component name is a name too); an XML line keeps
 * its text and attribute values; a BibTeX line keeps its values, not `@type{` or `field =`.
 */
function valuesOf(ext: string, line: string): string {
  if (ContentLineFormats.has(ext)) {
    const m = /^([A-Za-z][A-Za-z0-9-]*(?:;[A-Za-z][A-Za-z0-9-]*=[A-Za-z0-9-,]+)*):(.*)$/u.exec(line.trim());
    if (m === null) return line;
    const name = (m[1] ?? "").split(";")[0]?.toUpperCase();
    const value = m[2] ?? "";
    return (name === "BEGIN" || name === "END") && /^[A-Za-z-]+$/u.test(value.trim()) ? "" : value;
  }
  if (MarkupFormats.has(ext)) return line.replace(/<\/?[\p{L}_][\p{L}\p{N}_:.-]*/gu, " ").replace(/(?<=\s)[\p{L}_][\p{L}\p{N}_:.-]*\s*=\s*(?=["'])/gu, " ");
  if (BibFormats.has(ext)) return line.replace(/@[\p{L}]+\s*\{/gu, " ").replace(/(?<=^|[\s,{])[\p{L}_-]+\s*=/gu, " ");
  return line;
}

function counts(items: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of items) out.set(i, (out.get(i) ?? 0) + 1);
  return out;
}

/** Items of `a` beyond those of `b`, as multisets, in `a`'s order. */
function beyond(a: readonly string[], b: readonly string[]): string[] {
  const left = counts(b);
  const out: string[] = [];
  for (const i of a) {
    const n = left.get(i) ?? 0;
    if (n > 0) left.set(i, n - 1);
    else out.push(i);
  }
  return out;
}

const Flags = new Set(["true", "false", "yes", "no", "on", "off"]);

/** `a` and `b` are one word in two forms ("enable", "enabled"): a common start of 4 letters or more. */
function sameStem(a: string, b: string): boolean {
  const short = Math.min(a.length, b.length);
  let p = 0;
  while (p < short && a[p] === b[p]) p++;
  return a === b || (short >= 4 && p >= Math.max(4, short - 2));
}

/**
 * A flag the owner switched by its name ("mark buy milk as done", "turn off dark mode in settings.json", "disable
 * notifications"): `true`/`false` (yes/no, on/off) set on a key each of whose words the owner typed (or a form of it).
 * A flag the owner did not name (`admin`) is not theirs to switch.
 */
function flipped(word: string, line: string, was: string, typed: ReadonlySet<string>): boolean {
  if (!Flags.has(word)) return false;
  const pairs = (l: string) => [...l.normalize("NFKC").matchAll(new RegExp(`([\\p{L}\\p{N}_.-]+)["']?\\s*[:=]\\s*["']?${word}(?![\\p{L}\\p{N}])`, "giu"))].map((m) => (m[1] ?? "").toLowerCase());
  const set = beyond(pairs(line), pairs(was));
  return set.length > 0 && set.every((key) => wordsOf(key).length > 0 && wordsOf(key).every((k) => [...typed].some((t) => sameStem(k, t))));
}

/** Why this rewrite of the owner's own file moves nothing new into it, in words; undefined when it may. */
export function ownFileRewrite(flow: Pick<FlowState, "turnText" | "outside" | "unnamedSources" | "ownerFileBytes">, facts: Pick<FileFactsIn, "tool" | "path" | "change" | "exists" | "caseFolds">): string | undefined {
  const turn = flow.turnText;
  const change = facts.change;
  if (turn === undefined || flow.outside !== false || flow.unnamedSources.length > 0 || facts.tool === "read" || facts.exists !== true || change === undefined) return undefined;
  const target = resolvedName(facts.path);
  const own = (flow.ownerFileBytes ?? []).find((f) => resolvedName(f.path) === target);
  if (own === undefined || own.content !== change.before || change.before === change.after) return undefined;
  if (!fileNamedByOwner(facts.path, { ownerTexts: [turn] } as unknown as FlowState, facts.caseFolds === true)) return undefined;
  const before = change.before.split(/\r?\n/u);
  const after = change.after.split(/\r?\n/u);
  if (before.length > MaxLines || after.length > MaxLines) return undefined;
  const ext = extensionOf(facts.path);
  const typed = new Set(wordsOf(turn));
  const lowerTurn = turn.normalize("NFKC").toLowerCase();
  const owners = (w: string) => typed.has(w) || (Unspaced.test(w) && lowerTurn.includes(w));
  const foreign = (line: string) => wordsOf(valuesOf(ext, line)).filter((w) => !owners(w));
  const added = beyond(after, before).filter((l) => l.trim() !== "");
  const removed = beyond(before, after).filter((l) => l.trim() !== "");
  const kept = new Set(after);
  // Removed lines that stay in the file (duplicates) or that the owner's words make up ("remove milk") need no pair.
  const replaced = removed.filter((l) => !kept.has(l) && foreign(l).length > 0);
  let changed = 0;
  for (const line of added) {
    const was = replaced.shift();
    if (was === undefined) {
      if (foreign(line).length > 0) return undefined;
      continue;
    }
    // A changed line gains some of the owner's words and only those (a line un-commented gains none), and loses at most
    // the value they replace.
    const gained = beyond(wordsOf(valuesOf(ext, line)), wordsOf(valuesOf(ext, was)));
    const lost = beyond(wordsOf(valuesOf(ext, was)), wordsOf(valuesOf(ext, line))).filter((w) => !owners(w));
    if (gained.length === 0 || !gained.every((w) => owners(w) || flipped(w, line, was, typed)) || lost.length > MaxRemovedWordsPerLine) return undefined;
    changed++;
  }
  // A line with words of its own removed and nothing in its place is a deletion the owner did not word.
  if (replaced.length > 0) return undefined;
  const what = [added.length - changed > 0 ? `adds ${added.length - changed} line${added.length - changed === 1 ? "" : "s"}` : "", changed > 0 ? `changes ${changed}` : "", removed.length > 0 ? `removes ${removed.length}` : ""].filter((s) => s !== "").join(", ");
  return `\`${facts.path}\` is your own file, named in this message and read whole, and nothing from outside your files is in this context; the change ${what === "" ? "reorders its lines" : what}, and every word it brings in is one you typed in this message${ext !== "" && (ContentLineFormats.has(ext) || MarkupFormats.has(ext) || BibFormats.has(ext)) ? ` or a name of the ${ext} format` : ""}`;
}

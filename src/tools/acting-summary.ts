/**
 * Approval summaries built from what acts, first and never behind a cut. A summary that shows the call's text from
 * the start and cuts it at `summaryMax` lets 1,600 characters of harmless text hide the harmful part: an `rm -f`
 * after a long `echo`, a `sed -i` adding the attacker to an admin list, the folder a `delete_folder` deletes, the
 * recipient of a `share`. So each summary leads with what the call does (for exec, the effects the analyzer found and
 * every command it parsed; for a service, every short argument: targets, recipients, folders, payees, amounts; for
 * an edit, the change itself), and long literal text comes last, named by its size with a short start; the whole of
 * it is in the approval's detail. A script too long to show whole (filler no printer holds: a comment, an assignment,
 * a long argument) lists every command it runs before it is cut. Must not throw on any input.
 */
import { relative, isAbsolute } from "node:path";
import type { ExecFacts } from "../exec/index.ts";
import type { ShellAnalysis } from "../exec/shell-analyzer.ts";
import type { ShellWord } from "../exec/shell-words.ts";
import { clip, summaryMax, whole } from "./gated-tool.ts";

/** A string longer than this is free text: summarised by its size and start, after everything that acts. */
export const freeTextMin = 120;
const previewChars = 60;

/** One line for a long literal: its size and its start, so it cannot stand in for what comes after it. */
export function sizedText(text: string): string {
  return `⟦${text.length.toLocaleString("en-US")}-character text: “${clip(text, previewChars)}”⟧`;
}

/** What an exec's effects are, in words, from the analyzer's facts: the paths it writes or deletes named. */
export function execEffects(facts: ExecFacts, workspace: string): string[] {
  const shownPath = (p: string) => {
    const rel = isAbsolute(p) ? relative(workspace, p) : p;
    return clip(rel === "" ? "." : rel.startsWith("..") ? p : rel, 200);
  };
  const paths = [...new Set(facts.writePaths)].filter((p) => !["/dev/null", "/dev/stdout", "/dev/stderr"].includes(p));
  const effects: string[] = [];
  if (facts.deletes) effects.push("deletes files");
  if (paths.length > 0) effects.push(`writes ${paths.slice(0, 12).map(shownPath).join(", ")}${paths.length > 12 ? ` and ${paths.length - 12} more paths` : ""}`);
  else if (facts.writes) effects.push("writes files");
  if (facts.network) effects.push("reaches the network");
  if (facts.executesCode) effects.push("runs code");
  if (facts.unknownEffects) effects.push(`runs commands whose effects Warden does not know (${[...new Set(facts.binaries)].slice(0, 12).map((b) => clip(b, 60)).join(", ")})`);
  if (facts.touchesSecrets) effects.push("reads credential files");
  return effects;
}

/** Commands that only print their arguments: a long literal among those arguments is text, never code. */
const printers = new Set(["echo", "printf", ":", "true"]);

/**
 * The long literal arguments of printing commands, and the long bodies of here-documents in a script that runs no
 * code. Any other word (an argument of `bash -c`, `sed`, `python`, of any program that may read it as code) is shown
 * as written, however long.
 */
function longLiterals(analysis: ShellAnalysis, facts: ExecFacts): string[] {
  const texts: string[] = [];
  for (const c of analysis.commands) {
    const name = c.argv[0];
    if (name === undefined || !name.literal || !printers.has(name.value.slice(name.value.lastIndexOf("/") + 1))) continue;
    texts.push(...c.argv.slice(1).filter((w) => w.literal && w.source.length > freeTextMin).map((w) => w.source));
  }
  if (!facts.executesCode && !facts.unknownEffects) texts.push(...analysis.heredocs.filter((h) => h.body.length > freeTextMin).map((h) => h.body));
  return texts;
}

function occurrences(text: string, of: string): number {
  return text.split(of).length - 1;
}

/**
 * `exec` — its effects from the analyzer's facts, what the files it runs say (`files`), then the script as written with each long literal (a word or a
 * here-document body over 120 characters) replaced by its size and start: the structure (`;`, `&&`, `|`, redirects)
 * and every command stay as the shell reads them. A script the analyzer could not fully parse is shown as written.
 */
export function execSummary(command: string, analysis: ShellAnalysis | undefined, facts: ExecFacts, workspace: string, cwd?: string, files = ""): string {
  const effects = execEffects(facts, workspace);
  // What the files it runs say (`make tidy`: the recipe), after its own effects and before the command as written.
  const head = `exec${effects.length > 0 ? ` [${effects.join("; ")}]` : ""}${files !== "" ? ` {${files}}` : ""}`;
  const where = cwd !== undefined ? ` (in ${clip(cwd, 200)})` : "";
  let script = command;
  const sized = new Set<string>();
  if (analysis !== undefined && analysis.problems.length === 0) {
    const found = longLiterals(analysis, facts);
    // Only a text every occurrence of which is one of those words: the same characters inside another word (an
    // argument of `bash -c`) stay visible.
    const long = [...new Set(found)].filter((text) => occurrences(command, text) === found.filter((t) => t === text).length);
    for (const text of long.sort((x, y) => y.length - x.length)) {
      script = script.split(text).join(sizedText(text));
      sized.add(text);
    }
  }
  // A script too long to show whole is cut at its end, where a command after filler no printer holds (a long comment,
  // an assignment, a long argument of any program) would be: every command it runs leads, long words by their size.
  const runs = analysis !== undefined && clip(script, Number.MAX_SAFE_INTEGER).length > summaryMax ? commandList(analysis, sized) : "";
  return `${head}${runs} ${whole(script)}${where}`;
}

/** Commands listed before a cut script, at most. */
const maxListed = 24;

/**
 * ` {runs: rm -f notes.txt · sed -i … app/config.py}`: each command as bash runs it, a long text the script shows by
 * its size (`sized`) the same way, any other long word by its start and length (it may be code: the script after the
 * list shows it as written).
 */
function commandList(analysis: ShellAnalysis, sized: ReadonlySet<string>): string {
  const commands = analysis.commands.filter((c) => c.argv.length > 0);
  if (commands.length === 0) return "";
  const word = (w: ShellWord) => (w.source.length <= freeTextMin ? w.source : sized.has(w.source) ? sizedText(w.source) : `${clip(w.source, previewChars)} (${w.source.length.toLocaleString("en-US")} characters)`);
  const shown = commands.slice(0, maxListed).map((c) => clip(c.argv.map(word).join(" "), 400));
  const more = commands.length - shown.length;
  const partial = analysis.problems.length > 0 ? " (as far as Warden could parse the script)" : "";
  return ` {runs${partial}: ${shown.join(" · ")}${more > 0 ? ` and ${more} more commands` : ""}}`;
}

type Leaf = { path: string; value: string; text: boolean; long: boolean };

/** Past this many values a call's summary counts the rest instead of listing them. */
const maxLeaves = 500;

function leavesOf(value: unknown, path: string, into: Leaf[], depth: number): void {
  if (into.length >= maxLeaves) return;
  if (value === null || typeof value !== "object") {
    const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
    into.push({ path, value: text, text: typeof value === "string", long: typeof value === "string" && value.length > freeTextMin });
    return;
  }
  if (depth > 8) {
    into.push({ path, value: JSON.stringify(value) ?? "", text: true, long: true });
    return;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0) into.push({ path, value: Array.isArray(value) ? "[]" : "{}", text: false, long: false });
  for (const [key, v] of entries) leavesOf(v, path === "" ? key : `${path}.${key}`, into, depth + 1);
}

/**
 * A connected service's or declared tool's call: every short argument (targets, recipients, folders, payees,
 * amounts) in full and in the call's order, then each long text argument by its size and start. Which argument is
 * free text is decided by length alone, not by its name: a name the server chose cannot hide what it carries.
 */
export function argumentsSummary(name: string, args: unknown): string {
  const leaves: Leaf[] = [];
  leavesOf(args, "", leaves, 0);
  const shownValue = (l: Leaf) => (l.long ? sizedText(l.value) : l.text ? JSON.stringify(clip(l.value, Number.MAX_SAFE_INTEGER)) : l.value);
  const acting = leaves.filter((l) => !l.long).map((l) => `${l.path === "" ? "" : `${clip(l.path, 80)}=`}${shownValue(l)}`);
  const text = leaves.filter((l) => l.long).map((l) => `${l.path === "" ? "" : `${clip(l.path, 80)}=`}${shownValue(l)}`);
  const all = [...acting, ...text].join(" ");
  if (all.length <= summaryMax && leaves.length < maxLeaves) return `${name} ${all === "" ? "{}" : all}`;
  // Past the room, acting values still come first; what is cut is counted.
  let shown = "";
  let count = 0;
  for (const part of [...acting, ...text]) {
    if (shown.length + part.length + 1 > summaryMax) break;
    shown += `${shown === "" ? "" : " "}${part}`;
    count += 1;
  }
  const left = acting.length + text.length - count;
  const more = leaves.length >= maxLeaves ? `${left}+` : String(left);
  return `${name} ${shown} … [${more} more arguments: the approval's detail shows all of them]`;
}

/** Longest common prefix and suffix, so an edit shows only what changes. */
function changedMiddle(before: string, after: string): { prefix: number; old: string; new: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start += 1;
  let end = 0;
  while (end < max - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end += 1;
  return { prefix: start, old: before.slice(start, before.length - end), new: after.slice(start, after.length - end) };
}

/** A bounded view of one side of a change: whole when short, else its size, its start and its end. */
function boundedSide(text: string, room: number): string {
  const shown = clip(text, Number.MAX_SAFE_INTEGER);
  if (shown.length <= room) return `“${shown}”`;
  const half = Math.max(20, Math.floor((room - 60) / 2));
  return `⟦${text.length.toLocaleString("en-US")} characters, the approval's detail shows all: “${shown.slice(0, half)}” … “${shown.slice(shown.length - half)}”⟧`;
}

/**
 * `edit` — the change itself: what is removed and what is added, without the text both sides share. Each side is
 * bounded (whole up to 700 characters; past that, its size, start and end; the detail shows the whole diff).
 */
export function editSummary(path: string, oldText: string, newText: string): string {
  const change = changedMiddle(oldText, newText);
  const removes = change.old.length > 0 ? `removes ${boundedSide(change.old, 700)}` : "";
  const adds = change.new.length > 0 ? `adds ${boundedSide(change.new, 700)}` : "";
  const what = [removes, adds].filter((s) => s !== "").join(", ") || "changes nothing";
  return `edit ${whole(path)}: ${what}`;
}

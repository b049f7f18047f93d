/**
 * What a change to a document adds that harms its later reader, as facts for the gate: commands it advises that no
 * reader should run on untrusted content's word (document-commands.ts), active content a docs site would run in its
 * reader's browser (active-content.ts), characters the reader does not see but a program reads (hidden-characters.ts),
 * and spreadsheet formulas (csv-formulas.ts). Only what the change adds counts: each finding of the document after the
 * change that the document before it did not hold (an owner's existing runbook stays theirs). Never throws: a reader
 * that fails reports that it could not read the text, which the gate treats as a finding (fail closed).
 */
import type { ShellAnalyzer } from "../exec/shell-analyzer.ts";
import { activeContent, isMarkdownDocument } from "./active-content.ts";
import { csvFormulas } from "./csv-formulas.ts";
import { advisedCommands, commandCandidates } from "./document-commands.ts";
import { hiddenCharacters } from "./hidden-characters.ts";

/** Each present field says, in words, what the change adds (the first finding and how many more). */
export type DocumentHarm = { advises?: string; activeContent?: string; hiddenText?: string; formulas?: string };

/** Whether `path`'s text may advise commands (a document a person or an agent reads as instructions). */
function readsAsInstructions(path: string): boolean {
  return !/\.(?:csv|tsv|log)$/i.test(path);
}

/** Whether judging `after` needs the bash grammar (it holds a text a reader would take as a command). */
export function needsShellGrammar(path: string, after: string): boolean {
  return readsAsInstructions(path) && commandCandidates(path, after).some((c) => c.trim() !== "");
}

/**
 * Whether the whole of `text` advises no command a reader should not run (its shell sessions are ordinary). False
 * when its command lines could not be read.
 */
export function advisesNothing(path: string, text: string, analyzer: ShellAnalyzer): boolean {
  try {
    return advisedCommands(path, text, analyzer).length === 0;
  } catch {
    return false;
  }
}

function added(after: readonly string[], before: readonly string[]): string[] {
  const had = new Set(before);
  return after.filter((f) => !had.has(f));
}

function summary(found: readonly string[]): string | undefined {
  if (found.length === 0) return undefined;
  return `${found[0] ?? ""}${found.length > 1 ? ` (and ${found.length - 1} more)` : ""}`;
}

function safely(read: () => string[], what: string): string[] {
  try {
    return read();
  } catch (error) {
    return [`its ${what} could not be read (${error instanceof Error ? error.message.slice(0, 80) : "error"})`];
  }
}

/** What the change from `before` (undefined: a new file) to `after` adds at `path` (see the header). */
export function documentHarm(path: string, before: string | undefined, after: string, analyzer: ShellAnalyzer): DocumentHarm {
  const old = before ?? "";
  const commands = (text: string) => safely(() => (readsAsInstructions(path) ? advisedCommands(path, text, analyzer).map((c) => `\`${c.command}\`: ${c.why}`) : []), "command lines");
  const active = (text: string) => safely(() => (isMarkdownDocument(path) ? activeContent(text) : []), "HTML");
  // Where in the file is part of the finding: a hidden run moved to another line is new there.
  const hidden = (text: string) => safely(() => hiddenCharacters(text).map((h) => `${h.what} on line ${h.line}`), "characters");
  const hiddenKinds = (text: string) => new Set(hiddenCharacters(text).map((h) => h.what.replace(/^\d+ × /, "")));
  const formulas = (text: string) => safely(() => (/\.(?:csv|tsv)$/i.test(path) ? csvFormulas(text).map((f) => `the cell \`${f}\``) : []), "cells");
  const out: DocumentHarm = {};
  const a = summary(added(commands(after), commands(old)));
  if (a !== undefined) out.advises = a;
  const b = summary(added(active(after), active(old)));
  if (b !== undefined) out.activeContent = b;
  // Hidden characters compare by kind and count per line would shift with every edit above them: a kind the old
  // text did not hold, or more of a kind than it held, is added.
  const beforeKinds = hiddenKinds(old);
  const grew = hiddenCharacters(after).length > hiddenCharacters(old).length || [...hiddenKinds(after)].some((k) => !beforeKinds.has(k));
  const c = grew ? summary(added(hidden(after), hidden(old))) : undefined;
  if (c !== undefined) out.hiddenText = c;
  const d = summary(added(formulas(after), formulas(old)));
  if (d !== undefined) out.formulas = d;
  return out;
}

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

/**
 * What the change from `before` (undefined: a new file) to `after` adds at `path` (see the header), and whether the
 * whole of `after` advises no command a reader should not run (`advisesNothing`: its shell sessions are ordinary;
 * false when its command lines could not be read). The text before the change is read only for the kinds `after` has.
 */
export function documentHarm(path: string, before: string | undefined, after: string, analyzer: ShellAnalyzer): { harm: DocumentHarm; advisesNothing: boolean } {
  const old = before ?? "";
  const commands = (text: string) => safely(() => (readsAsInstructions(path) ? advisedCommands(path, text, analyzer).map((c) => `\`${c.command}\`: ${c.why}`) : []), "command lines");
  const active = (text: string) => safely(() => (isMarkdownDocument(path) ? activeContent(text) : []), "HTML");
  const hidden = (text: string) => safely(() => hiddenCharacters(text).map((h) => `${h.what} on line ${h.line}`), "characters");
  const formulas = (text: string) => safely(() => (/\.(?:csv|tsv)$/i.test(path) ? csvFormulas(text).map((f) => `the cell \`${f}\``) : []), "cells");
  const harm: DocumentHarm = {};
  const newly = (read: (text: string) => string[], found: string[]) => (found.length === 0 ? undefined : summary(added(found, read(old))));
  const advised = commands(after);
  const a = newly(commands, advised);
  if (a !== undefined) harm.advises = a;
  const b = newly(active, active(after));
  if (b !== undefined) harm.activeContent = b;
  // Hidden runs are placed by line: a run that moved with an edit above it is new there, which asks once more.
  const c = newly(hidden, hidden(after));
  if (c !== undefined) harm.hiddenText = c;
  const d = newly(formulas, formulas(after));
  if (d !== undefined) harm.formulas = d;
  return { harm, advisesNothing: advised.length === 0 };
}

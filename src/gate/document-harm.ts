/**
 * A document written in an untrusted context is judged by what it tells its later reader, or the reader's programs,
 * to do (the facts come from src/fs/document-harm.ts, on what the change adds): a command that would be asked for or
 * refused if the model ran it now (a download run by a shell, a reverse shell, git hooks skipped or configuration
 * changed, Warden's own settings, packages installed by name, verification turned off), active content a docs site
 * runs in its reader's browser, characters a reader does not see but an agent reads, and spreadsheet formulas. Each
 * asks the owner, naming what was found; a clean turn's document is the owner's and is not judged here.
 */
import { ask, type Decision } from "../core/decision.ts";
import type { FileFactsIn, FlowState } from "./types.ts";

function sources(flow: FlowState): string {
  const first = flow.sources[0];
  return first ? ` (the context holds content from ${first}${flow.sources.length > 1 ? ` and ${flow.sources.length - 1} more` : ""})` : "";
}

/** The questions a tainted write of a document raises by what it adds; none for a clean turn or a non-document. */
export function documentHarmRules(flow: FlowState, facts: Pick<FileFactsIn, "path" | "document" | "advises" | "activeContent" | "hiddenText" | "formulas">): Decision[] {
  if (!flow.tainted || facts.document !== true) return [];
  const out: Decision[] = [];
  const where = `\`${facts.path}\``;
  if (facts.advises !== undefined) {
    out.push(ask("high", { id: "taint.write_advises_command", message: `${where} would tell its reader (a person or a coding agent) to run ${facts.advises}; written from an untrusted context, it runs later on that content's word${sources(flow)}` }));
  }
  if (facts.activeContent !== undefined) {
    out.push(ask("high", { id: "taint.write_active_content", message: `${where} would hold active content a docs site runs in its reader's browser: ${facts.activeContent}; written from an untrusted context${sources(flow)}` }));
  }
  if (facts.hiddenText !== undefined) {
    out.push(ask("high", { id: "taint.write_hidden_text", message: `${where} would hold text its reader cannot see but a coding agent reads: ${facts.hiddenText}; written from an untrusted context${sources(flow)}` }));
  }
  if (facts.formulas !== undefined) {
    out.push(ask("high", { id: "taint.write_formula", message: `${where} would hold a formula a spreadsheet evaluates when it is opened (it can fetch a URL or run a program): ${facts.formulas}; written from an untrusted context${sources(flow)}` }));
  }
  return out;
}

/**
 * A write into a folder whose content leaves the machine at the owner's next build or push, not as it is written: a
 * site generator's sources (MkDocs' `docs/`, a Jekyll site, GitHub Pages' `docs/`) or a repository whose remote is a
 * public code host (src/fs/outbound-folders.ts `publishedLater`). Editing such a folder is what coding and writing
 * errands do all day, after reading its README or a page, so the write is not a send by itself; what makes it one is
 * private data from outside that folder going in, to leave with the next push:
 *  - a write that visibly carries private data read from outside the folder (a file elsewhere in the workspace, a
 *    message, a service's answer), or a known secret, is refused; one that carries command output is asked (which
 *    files the command read is not known: in a coding errand it is often the folder's own);
 *  - a new file written after untrusted content, while the context holds private data read from files outside the
 *    folder (or a secret), is asked: it could carry that data re-spelled;
 *  - data read from files inside the folder is already there (a README, the file being edited), and an existing
 *    file's change is judged by what it adds;
 *  - a write (a new file, or a change that adds text) after untrusted content, when the owner's request asks for no
 *    write at all ("thanks", "ok", "what does this page say?", a "yes" to the model's own proposal, a job's run that
 *    only reads: owner-write-request.ts), is asked: the page chose it, and it would be published as the owner's.
 * The owner's naming of the very path (or of the folder together with the file's name) is the owner's choice of
 * destination: no decision here. In a clean turn nothing here applies.
 */
import { ask, deny, type Decision, type Reason } from "../core/decision.ts";
import { findLeaks, findSecretLeaks } from "./leaks.ts";
import { destinationNamedByOwner } from "./outbound-folder.ts";
import { writeRequested } from "./owner-write-request.ts";
import type { FileFactsIn, FlowState, LabelledData } from "./types.ts";

function reason(id: string, message: string): Reason {
  return { id, message };
}

/** The label of a shell command's output (labels.ts `describeProvenance` of an `exec` result). */
const commandOutput = "command output";

function within(path: string, folder: string): boolean {
  return folder === "." || path === folder || path.startsWith(`${folder}/`);
}

/** What the write puts there that was not there: a new file's name and text; an existing file's added lines. */
export function addedText(facts: FileFactsIn): string {
  if (facts.exists !== true || facts.change === undefined) return `${facts.path}\n${facts.content ?? ""}`;
  const before = new Map<string, number>();
  for (const line of facts.change.before.split("\n")) before.set(line, (before.get(line) ?? 0) + 1);
  const added: string[] = [];
  for (const line of facts.change.after.split("\n")) {
    const n = before.get(line) ?? 0;
    if (n > 0) before.set(line, n - 1);
    else added.push(line);
  }
  return added.join("\n");
}

function labels(data: readonly LabelledData[]): string {
  return [...new Set(data.map((d) => d.label.replace(/^file:/, "")))].slice(0, 3).join(", ");
}

/** The gate's rule for a `write`/`edit` into a folder published at the next build or push; undefined when it does not apply. */
export function publishedLaterWriteRule(flow: FlowState, facts: FileFactsIn): Decision | undefined {
  const later = facts.publishedLater;
  if (later === undefined || facts.outboundFolder !== undefined || !flow.tainted) return undefined;
  if (destinationNamedByOwner(facts.path, later.folder, flow, facts.caseFolds === true)) return undefined;
  const where = `${later.folder === "." ? "the workspace" : `\`${later.folder}/\``} leaves the machine at its next ${later.kind === "public-remote" ? "push" : "build and publish"} (${later.why})`;
  const fromFile = (d: LabelledData) => d.label.startsWith("file:");
  const outside = flow.readData.filter((d) => !fromFile(d) || !within(d.label.slice("file:".length), later.folder));
  const added = addedText(facts);
  const secrets = findSecretLeaks(added, flow.secrets);
  if (secrets.length > 0) return deny("critical", reason("flow.secret_egress", `writing \`${facts.path}\` would put a secret into a folder that leaves the machine: ${where}`));
  const leaks = flow.confidentiality === "public" ? [] : findLeaks(added, outside);
  const shown = (list: typeof leaks) => [...new Set(list.map((l) => `${l.label.replace(/^file:/, "")}${l.encoding === "plain" ? "" : ` (${l.encoding}-encoded)`}`))].join(", ");
  // Command output is named by no file: it may be the folder's own (`cat src/a.py` in a coding errand) or anything
  // else the command read, so carrying it is asked, not refused.
  const refused = leaks.filter((l) => l.label !== commandOutput);
  if (refused.length > 0) {
    return deny("critical", reason("flow.data_outbound", `writing \`${facts.path}\` would put private data read from outside it (${shown(refused)}) into a folder that leaves the machine: ${where}; you did not name this destination`));
  }
  if (leaks.length > 0) {
    return ask("high", reason("flow.outbound_next_publish", `writing \`${facts.path}\` copies command output into a folder that leaves the machine: ${where}. Which files the command read is not known, and it was written after untrusted content; you did not name this destination`));
  }
  // Nobody asked for a write: what the model puts there after reading untrusted content is that content's choice, and
  // it is published in the owner's name at the next build or push (a page's scam planted as a post, a notice, a footer).
  if (added.trim() !== "") {
    const requested = writeRequested(flow);
    if (!requested.asked) {
      return ask("high", reason("flow.published_not_requested", `writing \`${facts.path}\` puts text the model chose after reading untrusted content${flow.sources[0] !== undefined ? ` (from ${flow.sources[0]})` : ""} where ${where}, and you did not ask for anything to be written: ${requested.why}. Whoever reads it there would read it as yours`));
    }
  }
  if (facts.exists === true) return undefined;
  const outsideFiles = outside.filter(fromFile);
  if (outsideFiles.length === 0 && !flow.secretRead) return undefined;
  const held = flow.secretRead ? "a secret" : `private data from files outside it (${labels(outsideFiles)})`;
  return ask("high", reason("flow.outbound_next_publish", `writing the new file \`${facts.path}\` puts it where ${where}. It was written after untrusted content${flow.sources[0] !== undefined ? ` (from ${flow.sources[0]})` : ""}, and the context holds ${held} that it could carry in any form; you did not name this destination`));
}

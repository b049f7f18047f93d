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
import { destinationNamedByOwner } from "./outbound-folder.ts";
import { ownerValuesIn } from "./owner-values.ts";
import { fileNamedByOwner } from "./provenance.ts";
import { addedText } from "./published-later.ts";
import type { FileFactsIn, FlowState, LabelledData } from "./types.ts";

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

/** Digit runs this long are figures (a salary, an account, a PIN), not counts or years: the leak detector's tokens are longer. */
const MinFigure = 5;
const MaxFigures = 64;

/**
 * The private figures the text carries whole (`83250` of `salary 83250 EUR`, with its separators squeezed out), which
 * the leak detector passes over as too short to be distinctive in a URL or a message. Bounded.
 */
function numbersCarried(text: string, items: readonly LabelledData[]): Leak[] {
  const figures = (t: string) => new Set([...t.matchAll(/\d(?:[\d.,' \u00a0]*\d)?/g)].map((m) => m[0].replace(/[.,' \u00a0]/g, "")).filter((n) => n.length >= MinFigure));
  const written = figures(text);
  if (written.size === 0) return [];
  const out: Leak[] = [];
  for (const item of items) {
    const carried = [...figures(item.value.slice(0, 100_000))].slice(0, MaxFigures).find((n) => written.has(n));
    if (carried !== undefined) out.push({ label: item.label, encoding: "plain" });
  }
  return out;
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
  const from = flow.sources[0];
  const context = from === undefined ? "" : ` (the context holds content from ${from}${flow.sources.length > 1 ? ` and ${flow.sources.length - 1} more` : ""})`;
  return ask("high", reason("flow.private_data_moved", `writing \`${facts.path}\` would carry private data from ${shown(leaks)} into ${folderOf(dest) === "." ? "the workspace's top folder" : `\`${folderOf(dest)}/\``}, away from where it lives; you did not name this destination, and it was chosen in an untrusted context${context}. A folder can leave the machine by a program Warden does not know (a mailer, a fax or printer spool, a share), so you confirm where your data goes`));
}

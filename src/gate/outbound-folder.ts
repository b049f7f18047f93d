/**
 * A write into a workspace folder that leaves the machine (synced with someone, a public share, a live web root: see
 * src/fs/outbound-folders.ts) is a send to whoever reads that folder. In an untrusted turn it is judged as a message
 * to a recipient the owner did not name: asked; refused when a secret is in the context (whatever the model writes
 * there could carry it reversed, encoded, split or as the file's name: re-spelled data cannot be told apart) or when
 * it visibly carries private data. The content is not what decides: the destination is. A file's name is content.
 * In the owner's own clean turn writes stay as they are.
 *
 * The owner's naming: a write to the very path the owner typed (`copy private/notes.txt into shared/notes.txt`), or
 * into a folder the owner named under the name of a file the owner named, is the owner's send — still asked in an
 * untrusted turn (the model wrote the bytes after reading untrusted content), never refused for carrying what the
 * owner asked to copy.
 */
import { ask, deny, type Decision, type Reason } from "../core/decision.ts";
import { findLeaks, findSecretLeaks } from "./leaks.ts";
import { fileNamedByOwner, textTypedByOwner } from "./provenance.ts";
import type { ExecFactsIn, FileFactsIn, FlowState, OutboundFolderFact } from "./types.ts";

function reason(id: string, message: string): Reason {
  return { id, message };
}

function folderText(f: OutboundFolderFact): string {
  return f.folder === "." ? "the workspace itself" : `\`${f.folder}/\``;
}

function sourcesNote(flow: FlowState): string {
  const first = flow.sources[0];
  return first ? ` (the context holds content from ${first}${flow.sources.length > 1 ? ` and ${flow.sources.length - 1} more` : ""})` : "";
}

function leakLabels(leaks: readonly { label: string; encoding: string; how?: string }[]): string {
  return [...new Set(leaks.map((l) => `${l.label.replace(/^file:/, "")}${l.encoding === "plain" ? "" : l.how !== undefined ? ` (re-spelled: ${l.how})` : ` (${l.encoding}-encoded)`}`))].join(", ");
}

/**
 * The owner named where this file goes: the very path, or the folder together with the file's name (the owner's
 * `private/notes.txt` copied into the owner's `shared/` as `shared/notes.txt`).
 */
export function destinationNamedByOwner(path: string, folder: string, flow: FlowState, caseFolds: boolean): boolean {
  if (fileNamedByOwner(path, flow, caseFolds)) return true;
  if (folder === "." || !fileNamedByOwner(folder, flow, caseFolds)) return false;
  const base = path.replace(/\\/g, "/").replace(/\/+$/, "").split("/").pop() ?? "";
  const same = caseFolds ? (a: string, b: string) => a.toLowerCase() === b.toLowerCase() : (a: string, b: string) => a === b;
  return base !== "" && flow.ownerTexts.some((t) => [...t.matchAll(/[^\s"'`()<>[\]{},;*|]+/g)].some((m) => same(m[0].replace(/[.:!?]+$/, "").split("/").pop() ?? "", base)));
}

/**
 * Every secret in the context came from a file the owner named (read because the owner asked for it): the owner's
 * `copy private/notes.txt into shared/` is about those bytes. A secret from anywhere else (the system prompt, a file
 * nobody named, a service's answer) is not the owner's to have copied by naming a destination.
 */
export function secretsFromOwnerNamedFiles(flow: FlowState, caseFolds: boolean): boolean {
  if (flow.promptSecret === true) return false;
  // The secrets Warden knows are listed whether or not they were read; those the context read are in its data.
  const read = flow.secrets.filter((s) => flow.readData.some((d) => d.value.includes(s.value)));
  const named = flow.readData.filter((d) => d.label.startsWith("file:") && fileNamedByOwner(d.label.slice("file:".length), flow, caseFolds));
  return read.length > 0 && read.every((s) => named.some((d) => d.value.includes(s.value)));
}

/** What is written, for the owner: the path and size (the approval's detail shows the bytes). */
function writtenNote(facts: FileFactsIn): string {
  const size = Buffer.byteLength(facts.content ?? "");
  return `\`${facts.path}\` (${facts.tool === "edit" ? `an edit of ${size} bytes` : `${size} bytes`})`;
}

/** A tainted write or edit's file name carrying a recognised secret: the name is content (refused as content is). */
export function secretInFileName(flow: FlowState, facts: Pick<FileFactsIn, "path">): Decision | undefined {
  if (!flow.tainted) return undefined;
  const leaks = findSecretLeaks(facts.path, flow.secrets);
  if (leaks.length === 0) return undefined;
  return deny("critical", reason("flow.secret_outbound", `the file's name \`${facts.path}\` carries a secret (${leakLabels(leaks)}); a name is content, written from an untrusted context${sourcesNote(flow)}`));
}

/** The gate's rule for a `write`/`edit` into a folder that leaves the machine; undefined when it does not apply. */
export function outboundFolderWriteRule(flow: FlowState, facts: FileFactsIn): Decision | undefined {
  const folder = facts.outboundFolder;
  if (folder === undefined || !flow.tainted) return undefined;
  const where = `${folderText(folder)} leaves the machine (${folder.why})`;
  const named = destinationNamedByOwner(facts.path, folder.folder, flow, facts.caseFolds === true);
  const what = writtenNote(facts);
  const secretInContext = flow.secretRead || flow.promptSecret === true;
  // A send queue (an outbox a mailer empties, known by its README's word or its name) is the owner's own route: the
  // owner who names it (or the file in it) sends there, as to a folder Warden knows nothing of; unnamed, it is asked
  // as any outbound folder.
  if (folder.queue === true && !secretInContext && (named || fileNamedByOwner(folder.folder, flow, facts.caseFolds === true))) return undefined;
  if (named && (!secretInContext || secretsFromOwnerNamedFiles(flow, facts.caseFolds === true))) {
    return ask("high", reason("flow.outbound_folder_named", `you named ${what} as where this goes, and ${where}; the model wrote what it holds after reading untrusted content${sourcesNote(flow)}, so you confirm what leaves`));
  }
  if (secretInContext) {
    const yours = named ? "; you named this destination, but the secret did not come from a file you named" : "";
    return deny("critical", reason("flow.secret_egress", `writing ${what} sends it out: ${where}. A secret is in this untrusted context${sourcesNote(flow)}, and what the model writes there could carry it in any form (reversed, encoded, split, as a file's name)${yours}`));
  }
  const leaks = flow.confidentiality === "public" ? [] : findLeaks(`${facts.path}\n${facts.content ?? ""}`, flow.readData);
  if (leaks.length > 0) {
    return deny("critical", reason("flow.data_outbound", `writing ${what} would send private data (${leakLabels(leaks)}) out: ${where}; you did not name this destination`));
  }
  const holds = flow.confidentiality === "public" ? "; the context holds no private data, so only text the model composed could leave" : `; the context holds ${flow.confidentiality} data${flow.privateFrom ? ` (since ${flow.privateFrom} entered)` : ""} that it could carry out`;
  return ask("high", reason("flow.outbound_folder", `writing ${what} sends it to whoever reads ${folderText(folder)}: ${where}. You did not name this destination, and it was chosen in an untrusted context${sourcesNote(flow)}${holds}`));
}

/**
 * A command copying workspace files into a folder that leaves the machine is the write tool writing their bytes
 * there: workspace data is private, so after untrusted content it is refused (`flow.data_outbound`) unless the owner
 * named each file and the folder (then asked, as the write tool asks). What it copies that cannot be known in advance
 * (a run-time word, a program deciding what it reads, a list read from its input, a walk past its bound) is refused:
 * it could be anything in the workspace. Undefined when the command copies no file (its bytes are its own text).
 */
function outboundCopyRule(flow: FlowState, facts: ExecFactsIn, into: string): Decision | undefined {
  const copies = facts.outboundCopies;
  if (copies === undefined) return undefined;
  if (copies.unknown.length > 0) {
    return deny("critical", reason("flow.outbound_copy_unknown", `the command writes into folders that leave the machine: ${into}; what it copies there cannot be known in advance (${copies.unknown.slice(0, 4).join("; ")}), and it was chosen in an untrusted context${sourcesNote(flow)}, so it could be any private file`));
  }
  if (copies.count === 0) return undefined;
  const folders = (facts.outboundWrites ?? []).map((w) => w.folder);
  const named = copies.count === copies.files.length && copies.files.every((f) => folders.every((folder) => destinationNamedByOwner(`${folder}/${(f.via ?? f.path).split("/").pop() ?? ""}`, folder, flow, false)));
  const shown = copies.files.slice(0, 12).map((f) => (f.via !== undefined ? `\`${f.via}\` (a link to \`${f.path}\`)` : `\`${f.path}\``)).join(", ");
  const files = `${copies.count} workspace file${copies.count === 1 ? "" : "s"} (${shown}${copies.count > copies.files.length ? ` and ${copies.count - copies.files.length} more` : ""})`;
  if (named) return ask("high", reason("flow.outbound_folder_named", `you named the files and the folder: the command copies ${files} into folders that leave the machine: ${into}; it runs after untrusted content entered the context${sourcesNote(flow)}, so you confirm what leaves`));
  return deny("critical", reason("flow.data_outbound", `the command would copy private data out: ${files}, workspace data, into folders that leave the machine: ${into}. It was chosen in an untrusted context${sourcesNote(flow)} and you did not name these files there; the write tool writing the same bytes there is refused too`));
}

/** The gate's rule for a command whose parsed targets write, copy, move or link into a folder that leaves the machine. */
export function outboundFolderExecRule(flow: FlowState, facts: ExecFactsIn): Decision | undefined {
  const writes = facts.outboundWrites ?? [];
  const first = writes[0];
  if (first === undefined || !flow.tainted) return undefined;
  const into = writes.map((w) => `\`${w.target}\` in ${folderText(w)} (${w.why})`).join("; ");
  const typed = textTypedByOwner(facts.command, flow) && (!(flow.secretRead || flow.promptSecret === true) || secretsFromOwnerNamedFiles(flow, false));
  if (typed) return ask("high", reason("flow.outbound_folder_named", `you typed this command, and it writes into folders that leave the machine: ${into}; it runs after untrusted content entered the context${sourcesNote(flow)}`));
  if (flow.secretRead || flow.promptSecret === true) {
    return deny("critical", reason("flow.secret_egress", `the command writes into folders that leave the machine: ${into}. A secret is in this untrusted context${sourcesNote(flow)}, and what it writes there could carry it in any form`));
  }
  const copied = outboundCopyRule(flow, facts, into);
  if (copied !== undefined) return copied;
  const leaks = flow.confidentiality === "public" ? [] : findLeaks(facts.command, flow.readData);
  if (leaks.length > 0) return deny("critical", reason("flow.data_outbound", `the command would send private data (${leakLabels(leaks)}) out through folders that leave the machine: ${into}`));
  return ask("high", reason("flow.outbound_folder", `the command writes into folders that leave the machine: ${into}; it was chosen in an untrusted context${sourcesNote(flow)}, and what it copies or writes there goes to whoever reads them`));
}

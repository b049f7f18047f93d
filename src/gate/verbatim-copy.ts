/**
 * The owner's verbatim copy into a folder that leaves the machine: "copy drafts/party.txt into shared/ for Bob", after
 * which the model writes `shared/party.txt`. When the bytes written are exactly a file's the owner named (read in this
 * session, bytes no tool wrote: not the agent's, so not this tainted turn's either), under that file's own name, into
 * the folder the owner named in the same request of this turn's message, the write carries nothing the untrusted
 * context chose: not which data (the owner's file, whole), not where (the owner's folder), not the name. It goes
 * without asking. Anything else stays as outbound-folder.ts decides: a changed byte, another name, a file the agent
 * wrote, a request of an earlier turn, a negated or questioned one. A secret in the copy still asks (secret rule): it
 * leaves the machine toward whoever reads the folder, and the owner confirms that.
 */
import { CopyStems, CopyVerbs } from "./owner-actions-lexicon.ts";
import { actRequests } from "./naming.ts";
import { fileNamedByOwner, textTypedByOwner } from "./provenance.ts";
import type { FileFactsIn, FlowState } from "./types.ts";

function baseName(path: string): string {
  return path.replace(/\\/g, "/").replace(/\/+$/, "").split("/").pop() ?? "";
}

/**
 * The file whose verbatim copy this write is, as the owner asked in this turn's message; undefined when it is not one.
 * The copy keeps the file's name (`drafts/party.txt` as `shared/party.txt`): a name is content.
 */
export function ownerVerbatimCopy(flow: Pick<FlowState, "turnText" | "ownerFileBytes">, facts: Pick<FileFactsIn, "tool" | "path" | "content" | "outboundFolder" | "caseFolds">): string | undefined {
  const turn = flow.turnText;
  const folder = facts.outboundFolder?.folder;
  if (turn === undefined || folder === undefined || folder === "." || facts.tool !== "write" || facts.content === undefined) return undefined;
  const caseFolds = facts.caseFolds === true;
  const same = (a: string, b: string) => (caseFolds ? a.toLowerCase() === b.toLowerCase() : a === b);
  const sources = (flow.ownerFileBytes ?? []).filter((f) => f.content === facts.content && same(baseName(f.path), baseName(facts.path)));
  if (sources.length === 0) return undefined;
  const requests = actRequests(turn, (w) => CopyVerbs.has(w), CopyStems).requests;
  for (const r of requests) {
    // What the verb governs: the sentence from the verb on ("summarise a.txt and copy b.txt into shared/" copies b.txt).
    const said = { ownerTexts: [r.sentence.text.slice(r.at)] } as FlowState;
    if (!fileNamedByOwner(folder, said, caseFolds) && !fileNamedByOwner(facts.path, said, caseFolds)) continue;
    const source = sources.find((f) => fileNamedByOwner(f.path, said, caseFolds));
    if (source !== undefined) return source.path;
  }
  return undefined;
}

/**
 * The owner's dictated file: this turn's message names the very path and types every byte written there ("add a post
 * site/news.html saying: Spring fair on 14 March"). Nothing the untrusted context read chose the place, the name or
 * a word of it (`textTypedByOwner`: case and spacing as typed). Returns the path when it is one.
 */
export function ownerDictatedWrite(flow: FlowState, facts: Pick<FileFactsIn, "tool" | "path" | "content" | "caseFolds">): string | undefined {
  const turn = flow.turnText;
  if (turn === undefined || facts.tool !== "write" || facts.content === undefined || facts.content.trim() === "") return undefined;
  const thisTurn = { ...flow, ownerTexts: [turn] };
  return fileNamedByOwner(facts.path, thisTurn, facts.caseFolds === true) && textTypedByOwner(facts.content, thisTurn) ? facts.path : undefined;
}

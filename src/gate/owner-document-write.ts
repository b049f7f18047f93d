/**
 * The owner's own file operation through a read-only filter, in a turn where nothing untrusted was read: "sort
 * namen.txt into sorted.txt" (`sort namen.txt > sorted.txt`), "sorteer namen.txt (in het bestand zelf)" (`sort -o
 * namen.txt namen.txt`), "ersetz in angebot.md 'Angebot' durch 'Kostenvoranschlag'" (`sed -i …`), "schreib alle Artikel
 * unter 5 aus lager.csv nach nachbestellen.txt" (`awk … > nachbestellen.txt`). The exec policy asks about any write
 * ("the owner decides"); the write tool would have written the same document without asking. It binds when:
 *  - nothing untrusted is in the context (after a page, a mail or a file from outside, `taint.exec_effects` asks);
 *  - the policy's only questions are that the command writes (`exec.writes`, `exec.owner_required`): every program is
 *    on the read-only allowlist with its arguments (a `sed` or `awk` script read to its end, no `e`/`system`/`w` in it),
 *    nothing runs code, deletes, reaches the network or touches credentials;
 *  - every file it writes is a plain document (`ExecFactsIn.documentWrites`: a document extension, nothing that runs it
 *    or that it holds runs later) whose path the owner typed whole in the own sentences of this turn's message;
 *  - every file or folder it reads, as the exec analyzer's parse names it (`ExecFactsIn.namedReads`: operands of the
 *    allowlisted readers, `<` redirections, globs expanded, links resolved), the owner typed whole too; a command whose
 *    reads the parse cannot name (its working directory, a repository, names from its input) does not bind;
 *  - one run of the same command per turn.
 * Scripts, configurations and dotfiles it would write, a file the owner did not name, `touch`/`ln`/`tar` (not on the
 * allowlist) still ask.
 */
import { typedWhole, type ActReading } from "./owner-typed.ts";
import { ownerInstruction } from "./owner-message.ts";
import type { ExecFactsIn, FlowState, GateRequest } from "./types.ts";

/** The policy's reasons that say only that the command writes. */
const WriteOnly: ReadonlySet<string> = new Set(["exec.writes", "exec.owner_required"]);

/** Whether the command is a read-only filter writing only documents the owner named; the binding, or why not. */
export function ownerDocumentWriteReading(request: Pick<GateRequest, "principal" | "ownerSession" | "flow">, facts: Pick<ExecFactsIn, "command" | "base" | "documentWrites" | "namedReads" | "deletes" | "network" | "executesCode" | "unknownEffects" | "touchesSecrets">): ActReading | undefined {
  const flow: Pick<FlowState, "turnText" | "ownerActsTaken" | "tainted"> = request.flow;
  const turn = flow.turnText;
  const targets = facts.documentWrites;
  if (flow.tainted || turn === undefined || targets === undefined || targets.length === 0) return undefined;
  if (facts.base.decision !== "ask" || !facts.base.reasons.every((r) => WriteOnly.has(r.id))) return undefined;
  if (facts.deletes || facts.network || facts.executesCode || facts.unknownEffects || facts.touchesSecrets) return undefined;
  const said = ownerInstruction(turn);
  const unnamed = targets.find((t) => !typedWhole(t, said));
  if (unnamed !== undefined) return { note: `you did not name \`${unnamed}\` in this message` };
  // What it reads is the owner's too, as the analyzer parsed it (`private/notes.txt`, `- < notes.txt`, `private/*`
  // expanded, a link's target): each typed whole, or another file rides into the owner's document (atk48 filters).
  // A read the parse cannot name (`grep -r x`, `ls`, git, `xargs`) is no reading at all.
  const reads = facts.namedReads;
  if (reads === undefined) return { note: "the command reads files it does not name (its folder, a repository, names from its input)" };
  const read = reads.find((w) => !typedWhole(w, said));
  if (read !== undefined) return { note: `you did not name \`${read}\`, which the command reads, in this message` };
  const key = `exec@doc:${facts.command.trim()}`;
  if ((flow.ownerActsTaken ?? []).includes(key)) return { note: "this command ran already in this turn (one run per request)" };
  const named = targets.map((t) => `\`${t}\``).join(", ");
  return { binding: { key, why: `the command only reads with programs on the read-only list and writes ${named}, plain ${targets.length === 1 ? "document" : "documents"} you named in this message; nothing untrusted is in the context` } };
}

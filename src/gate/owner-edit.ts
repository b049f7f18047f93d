/**
 * The owner's own one-value edit after untrusted content: "set DEBUG = True in app/config.py", after which the model
 * edits `DEBUG = False` into `DEBUG = True`. A file that is not a plain document asks in an untrusted turn (something
 * may run it later, and the context could have chosen what goes in); here nothing is the context's choice but which
 * token of one line goes: the new text is typed whole in a request of this turn's message that names the file, the
 * line is that text with one token (no space, 32 characters at most) changed, and what it keeps (`DEBUG = `) is the
 * owner's words. Files something runs later by configuration (`path.runs_later`) and trusted targets still ask; the
 * edit keeps a snapshot (`warden undo`).
 */
import { EditStems, EditVerbs } from "./owner-actions-lexicon.ts";
import { actRequests } from "./naming.ts";
import { typedWhole } from "./owner-typed.ts";
import { fileNamedByOwner } from "./provenance.ts";
import type { FileFactsIn, FlowState } from "./types.ts";

const MaxLine = 200;
const MaxToken = 32;

/** The one token of `oldText` the edit replaces, with what it keeps around it; undefined when it is more than that. */
function oneTokenChange(oldText: string, newText: string): { kept: string } | undefined {
  if (/[\r\n]/.test(oldText) || /[\r\n]/.test(newText) || oldText.length > MaxLine || newText.length > MaxLine) return undefined;
  let p = 0;
  while (p < oldText.length && p < newText.length && oldText[p] === newText[p]) p++;
  let q = 0;
  while (q < oldText.length - p && q < newText.length - p && oldText[oldText.length - 1 - q] === newText[newText.length - 1 - q]) q++;
  // Back to a token's start: `= False` → `= True` keeps `DEBUG = `, not `DEBUG = ` plus a shared letter.
  while (p > 0 && /\S/.test(oldText.charAt(p - 1))) p--;
  while (q > 0 && /\S/.test(oldText.charAt(oldText.length - q))) q--;
  const removed = oldText.slice(p, oldText.length - q);
  if (removed === "" || removed.length > MaxToken || /\s/.test(removed)) return undefined;
  const kept = oldText.slice(0, p);
  return /\p{L}{3}/u.test(kept) ? { kept } : undefined;
}

/** Why this edit is the owner's own, in words; undefined when it is not. */
export function ownerEdit(flow: Pick<FlowState, "turnText">, facts: Pick<FileFactsIn, "tool" | "path" | "content" | "oldText" | "caseFolds">): string | undefined {
  const turn = flow.turnText;
  if (turn === undefined || facts.tool !== "edit" || facts.oldText === undefined || facts.content === undefined) return undefined;
  const change = oneTokenChange(facts.oldText, facts.content);
  if (change === undefined) return undefined;
  for (const r of actRequests(turn, (w) => EditVerbs.has(w), EditStems).requests) {
    const said = r.sentence.text;
    if (!typedWhole(facts.content, said) || !typedWhole(change.kept.trim(), said)) continue;
    if (!fileNamedByOwner(facts.path, { ownerTexts: [said] } as FlowState, facts.caseFolds === true)) continue;
    return `you asked in this message for \`${facts.content}\` in \`${facts.path}\` (“${r.word}”), and the edit changes one token of the line that holds \`${change.kept.trim()}\``;
  }
  return undefined;
}

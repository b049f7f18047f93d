/**
 * What the owner's-words readers share (owner-actions.ts, owner-command.ts, owner-job.ts, owner-edit.ts): a value typed
 * whole in the owner's sentence, and a call's binding to the owner's request. Its own module so the readers that
 * owner-actions.ts consults for a call's key do not import it back.
 */
import { ownerCased } from "./provenance.ts";

/** A call bound to the owner's request: the key it spends (one call per asking sentence and act) and why, in words. */
export type ActBinding = { key: string; why: string };

/** Why the call is not bound to the owner's request, for notes; or the binding. */
export type ActReading = { binding: ActBinding; note?: never } | { binding?: never; note: string };

/** `needle` typed in `sentence` as a whole (not inside a longer word or number), in the owner's letter case rules. */
export function typedWhole(needle: string, sentence: string): boolean {
  if (needle.trim() === "" || needle.trim() !== needle) return needle === "";
  const lower = sentence.toLowerCase();
  const n = needle.toLowerCase();
  if (lower.length !== sentence.length || n.length !== needle.length) return sentence.includes(needle);
  // Chinese, Japanese and Korean are written without spaces: their letters bound a value ("给Kern转480欧元").
  const inWord = /(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{N}]/u;
  for (let at = lower.indexOf(n); at !== -1; at = lower.indexOf(n, at + 1)) {
    const before = sentence.charAt(at - 1);
    const after = sentence.charAt(at + n.length);
    // A boundary matters only where the value itself starts or ends with a letter or digit.
    if (inWord.test(needle.charAt(0)) && before !== "" && inWord.test(before)) continue;
    if (inWord.test(needle.charAt(needle.length - 1)) && after !== "" && inWord.test(after)) continue;
    if (ownerCased(needle, sentence.slice(at, at + n.length))) return true;
  }
  return false;
}

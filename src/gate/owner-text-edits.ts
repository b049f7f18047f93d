/**
 * The owner's later word on a text they gave: cancelled or corrected.
 *
 * A text the owner gave for a recipient stays theirs only until they take it back. A clause that cancels a message
 * ("cancel / scratch / forget / delete / strike / unsend the message to alice-2 …", "oublie le message à alice-2")
 * gives nothing, in that message or withdrawing the text from an earlier one; a later message that corrects the text
 * ("*see you at 6", "actually make it "see you at 6"", "sorry, typo: …", "no wait, send "…" instead") replaces it: the
 * corrected text becomes the owner's and the old one is withdrawn. A correction whose new text cannot be read (no
 * quote, two quotes) withdraws the old text and gives none: the owner is asked.
 */

/** Verbs that cancel a message (imperative), in the languages the naming reader knows. */
const CancelVerbs = new Set(`cancel scratch forget delete drop strike unsend discard ignore skip withdraw retract remove trash scrap kill
  disregard abort revoke annule annulez oublie oubliez supprime supprimez efface vergiss streiche storniere lösche verwirf
  olvida olvídate cancela borra descarta dimentica annulla cancella elimina scarta esqueça esqueca apague descarte cancele
  vergeet annuleer verwijder schrap забудь отмени удали`.split(/\s+/));

/** Words before the cancelling verb that keep it the clause's verb ("please cancel", "oh, and forget …"). */
const Lead = new Set(["please", "pls", "and", "also", "oh", "ok", "okay", "then", "now", "actually", "wait", "no", "just", "so", "et", "und", "y", "e", "en", "и"]);

const wordsOf = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'").split(/[\s,:;()"“”«»!?.]+/).filter((w) => w !== "");

/** The clause of `text` that holds position `at`: back to a sentence end, a semicolon or a conjunction before it. */
function clauseBefore(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 2_000), at);
  const parts = before.split(/[.!?;\n。！？]\s|[;\n]|,\s*(?:and|then|but)\s+|\s+(?:and then|then|but|and|et|und|y|e|en|и)\s+/iu);
  // "cancel the message to alice-2 and bob-7": a conjunction before the name alone joins it to the clause before.
  while (parts.length > 1 && wordsOf(parts[parts.length - 1] ?? "").length === 0) parts.pop();
  return parts[parts.length - 1] ?? "";
}

/** The clause holding `at` is a cancellation: its verb, before the recipient, cancels ("Cancel the message to alice-2"). */
export function cancelledAt(text: string, at: number): boolean {
  const words = wordsOf(clauseBefore(text, at));
  const first = words.find((w) => !Lead.has(w));
  if (first === undefined) return false;
  if (CancelVerbs.has(first)) return true;
  // "don't send the message to alice-2" is a negation the naming reader reads; "never mind the message to …" is one.
  return /^(?:never ?mind|do not send|don't send|dont send|no need to send|hold off on)\b/.test(words.filter((w) => !Lead.has(w)).join(" "));
}

/** A later message that is only a cancellation of what came before ("scratch that", "forget it", "cancel that"). */
export function bareCancellation(text: string): boolean {
  const words = wordsOf(text.split(/[.!?\n。！？]/)[0] ?? "").filter((w) => !Lead.has(w));
  if (words.length === 0 || words.length > 4) return false;
  if (!CancelVerbs.has(words[0] ?? "")) return false;
  return words.slice(1).every((w) => ["that", "it", "this", "the", "message", "text", "draft", "all", "everything", "ça", "ca", "das", "es", "eso", "lo", "la", "le"].includes(w));
}

/** Words that mark a message as a correction of the text given before it, and give the new text after them. */
const StrongMarks = /(?<![\p{L}])(?:make it|i meant|typo|correction|should be|should say|change it to|no wait|tippfehler|korrektur|mejor dicho)(?![\p{L}])/iu;
/** Words that mark a correction only with the new text quoted ("actually "see you at 6"", "send "…" instead"). */
const WeakMarks = /(?<![\p{L}])(?:actually|instead|rather|en fait|plutôt|plutot|au lieu|eigentlich|stattdessen|en realidad|en vez|anzi|invece|na verdade|em vez|eigenlijk|in plaats|точнее|вместо)(?![\p{L}])/iu;
const quotes = /"([^"\n]*)"|“([^”\n]*)”|«([^»\n]*)»|„([^“”\n]*)[“”]|「([^」\n]*)」|(?<![\p{L}\p{N}])'([^'\n]+)'(?![\p{L}\p{N}])|‘([^’\n]+)’/gu;

/**
 * What a message says of the text given before it: `undefined` when it is no correction; the new text; or `null`
 * when it corrects but its new text cannot be read (withdrawn, none given).
 */
export function correctionIn(text: string): string | null | undefined {
  const t = text.trim();
  // "*see you at 6": the chat convention for "I meant" (not "**bold**").
  const star = /^\*(?!\*)([^*\n]+?)\*?$/u.exec(t);
  if (star !== null) return (star[1] ?? "").trim() || null;
  const strong = StrongMarks.test(t);
  if (!strong && !WeakMarks.test(t)) return undefined;
  const found = [...t.matchAll(quotes)].map((m) => (m.slice(1).find((g) => g !== undefined) ?? "").trim());
  if (found.length === 1) return found[0] || null;
  if (found.length > 1) return null;
  if (!strong) return undefined;
  // "actually make it see you at 6", "typo: see you at 6": the rest of the line after the marker.
  const after = /(?:make it|i meant|should be|should say|change it to|typo\s*:)\s*:?\s*(.+)$/iu.exec(t)?.[1]?.trim();
  return after !== undefined && after !== "" ? after.replace(/\s+instead\.?$/iu, "") : null;
}

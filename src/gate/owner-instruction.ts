/**
 * The owner's instruction in a message: the words the owner addresses to the agent, before what the owner pasted to be
 * looked at. An act is read from the instruction alone (owner-actions.ts, owner-request.ts): "Is this a scam? Don't do
 * anything, just tell me:" followed by a mail that says "Pay today to GB33…" asks for no payment, whatever the mail's
 * sentences say to whom.
 *
 * ONE cut, from the start of the message, never a choice: the instruction ends before the first line that opens a
 * mail's header block (`From:`, `Subject:`, `Reply-To:`, `Betreff:` …), or after the first line that ends with a colon
 * and has more text after it ("Translate this:", "Summarise this issue:", "Pay this invoice please:") — a lead-in to
 * material —, or after a paragraph that ends with a question and has more after a blank line ("Is this delivery
 * notice real?" + the notice). Quoted (`>`), fenced, commented and quoted-string parts inside the instruction are set aside by the
 * request reader itself (naming.ts). Owner words written after the material are not read: the act then asks (fails
 * closed), it is never bound more. Bounded: the first 64 lines.
 */

/** A line that opens a pasted mail's header block, in the languages whose mail clients Warden's owners meet. */
const HeaderLine = /^[ \t]*(?:from|to|cc|bcc|subject|reply-to|date|sent|von|an|betreff|antwort an|gesendet|de|à|objet|envoyé|para|asunto|enviado|da|oggetto|inviato|van|aan|onderwerp|verzonden)[ \t]*:/i;

/** A lead-in: a line ending with a colon (ASCII or full-width), the material after it. */
const LeadIn = /[:：][ \t]*$/;

/** A line that ends a question (ASCII, full-width, Arabic), closing quotes and brackets after it allowed. */
const QuestionEnd = /[?？؟][\s"'”’»)\]]*$/u;

const MaxLines = 64;

/** The owner's instruction in `text`: a prefix of it (offsets into it are offsets into `text`). */
export function ownerInstruction(text: string): string {
  let at = 0;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length && i < MaxLines; i++) {
    const line = lines[i] ?? "";
    if (HeaderLine.test(line)) return text.slice(0, at);
    const end = at + line.length;
    if (LeadIn.test(line) && text.slice(end).trim() !== "") return text.slice(0, end);
    // A question standing as a paragraph of its own, with more after it: "Is this delivery notice real?" + the notice.
    if (QuestionEnd.test(line) && (lines[i + 1] ?? "x").trim() === "" && text.slice(end).trim() !== "") return text.slice(0, end);
    at = end + 1;
  }
  return lines.length > MaxLines ? text.slice(0, at) : text;
}

/** Whether `text` holds material after the owner's instruction (for notes: "the text you pasted"). */
export function hasMaterial(text: string): boolean {
  return ownerInstruction(text).length < text.trimEnd().length;
}

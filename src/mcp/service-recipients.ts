/**
 * The recipients in a connected service's arguments: the values of its recipient-like top-level arguments (`to`, `cc`,
 * `bcc`, `recipient`, `email`, `phone`, …), a list split into its addresses. The gate checks each as it checks a
 * message's recipient (look-alikes refused), so a mail service's `to` is no way around that check.
 */
const RecipientKey = /^(?:to|cc|bcc|recipients?|reply_?to|emails?|e_?mail|address(?:es)?|phone(?:_?number)?|number|chat_?id|user(?:_?id)?|channel|peer)$/i;

/** At most this many addresses are read out of one call (a longer list: the rest are checked as one string). */
const MaxRecipients = 64;

export function serviceArguments(args: unknown): { recipients: string[]; texts?: string[] } {
  const recipients: string[] = [];
  const texts: string[] = [];
  let plain = true;
  if (args === null || typeof args !== "object" || Array.isArray(args)) return { recipients };
  for (const [key, value] of Object.entries(args)) {
    const values = Array.isArray(value) ? value : [value];
    if (RecipientKey.test(key)) {
      for (const v of values) {
        if (typeof v !== "string") {
          plain = false;
          continue;
        }
        // "a@x.example, b@y.example": each address on its own (a list inside one message id is another matter).
        for (const part of v.split(/[,;]/)) if (part.trim() !== "" && recipients.length < MaxRecipients) recipients.push(part.trim());
      }
    } else if (values.every((v) => typeof v === "string")) texts.push(...(values as string[]));
    else plain = false;
  }
  return plain ? { recipients, texts } : { recipients };
}

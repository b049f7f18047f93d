/**
 * A mail's fields labelled with a colon and not quoted ("subject: Dinner, body: See you at 8 on Friday.", "Betreff:
 * Abendessen, Text: …", "件名：夕食、本文：金曜8時に。", one per line): where each field's value is in the owner's words.
 * Read by owner-units.ts (each value is a text the owner gave the mail's recipients) and owner-when.ts (a time inside
 * a value is the mail's content, not when to send it). A leaf module: both import it.
 */

/** The label words of the mail fields the owner types. */
const ColonLabel = String.raw`(?:subject(?:\s+line)?|body|text|message|betreff|inhalt|nachricht|objet|corps|texte|asunto|cuerpo|texto|mensaje|oggetto|corpo|testo|messaggio|assunto|mensagem|onderwerp|tekst|bericht|temat|treść|tresc|wiadomość|předmět|zpráva|ämne|emne|aihe|件名|本文|内容|主题|主題|正文|标题|제목|내용|본문)`;
/** Where a labelled field starts: at a line start or after a separator, the label, a colon. */
const FieldStart = new RegExp(String.raw`(?:^|[\n,;，、。.]\s*|\s(?:and|und|et|y|e|en|i|och|og)\s+|\s)(?:(?:with|mit|avec|con|com|met|z)\s+)?(?:(?:the|dem|den|der|die|das|le|la|el|il|o|het|de)\s+|l['’]\s*)?(${ColonLabel})\s*[:：]\s*`, "giu");
const MaxFields = 8;

/** The labelled fields of `text` in order: where the block's label starts (`at`) and where its value runs (`from`, `to`: up to the next field's label or the end of its line). */
export function mailFieldSpans(text: string): { at: number; from: number; to: number }[] {
  const starts = [...text.matchAll(FieldStart)].slice(0, MaxFields);
  return starts.map((m, i) => {
    const from = m.index + m[0].length;
    const next = starts[i + 1]?.index ?? text.length;
    const eol = text.indexOf("\n", from);
    return { at: m.index, from, to: eol >= 0 && eol < next ? eol : next };
  });
}

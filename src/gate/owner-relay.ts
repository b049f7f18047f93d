/**
 * A changed account the owner relays: in the owner's own sentences (not in pasted material, which owner-role.ts reads
 * by its paragraph), a value said to be new ("new IBAN", "is now", "from today", "neue IBAN", "désormais") in words the
 * owner reports from someone else — a speech or message verb with a third party as its subject ("Kern texted me:",
 * "Kern schreibt,", "Kern m'écrit", "Kern me escribió", "Kern scrive"), a source ("translated from Kern's letter:",
 * "according to", "SMS from Kern:", "per his mail"), or a chat or SMS line's header ("[12:03] Kern Haustechnik:",
 * "12:03 - Kern:"). Invoice-redirection fraud works by a message that says the payee's account changed; whoever relays
 * it, the new account is the message's, not the owner's: an act that uses it asks (`owner.relayed_changed_value`).
 *
 * The owner's own plain statement ("Kern's IBAN is GB33… now") is the owner's word and binds (a decision,
 * docs/security.md): the gate asks where the change is someone else's words, as it does for a pasted notice.
 *
 * The window read is the value's sentence and the one before it in the same paragraph; the change cue must sit in the
 * value's sentence or in the relayed sentence before it. Lexicons: a missing phrase makes the rule ask less; the other
 * role readers still hold. Bounded: at most `MaxWindow` characters are read. Must not throw.
 */

/** Words that announce a changed detail, in the languages the readers know (owner-role.ts reads pasted text by them too). */
export const ChangeCues = /(?<![\p{L}])(?:(?:has|have|had) (?:been )?changed|changed (?:our|my|his|her|their|the|its|banks?)|(?:bank|account|iban|details|banks|accounts) (?:has |have |had )?changed|new (?:bank|account|iban|address|e-?mail|number|details|payment details|bank details|acc)|(?:our|my|his|her|their) new|(?:updated|changed|different) (?:bank|account|iban|address|e-?mail|details|payment)|switched (?:banks?|accounts?|to)|from now on|going forward|(?:from|as of|starting) today|(?:is|are) now|no longer|any ?more|old (?:one|account|iban|address)|instead|neue[nsr]? (?:bankverbindung|konto|kontonummer|iban|adresse|nummer|bank)|ab sofort|ab jetzt|ab heute|künftig|kuenftig|geändert|geaendert|gewechselt|nicht mehr|(?:ist|sind) (?:jetzt|nun|ab sofort)|nouveaux? (?:rib|compte|iban|coordonnées|numéro)|nouvelle (?:adresse|banque)|nouvel (?:iban|e-?mail)|désormais|desormais|dorénavant|dorenavant|à partir de (?:maintenant|aujourd'hui)|dès aujourd'hui|a changé|ont changé|(?:est|sont) maintenant|nueva (?:cuenta|dirección|direccion)|nuevo (?:iban|correo|número|numero|banco)|a partir de (?:ahora|hoy)|desde hoy|ha cambiado|han cambiado|ya no|(?:es|son) ahora|nuovo (?:iban|conto|indirizzo)|nuova (?:banca|mail)|nuove coordinate|d'ora in poi|da oggi|non più|è cambiato|ha cambiato|nieuwe? (?:iban|rekening|rekeningnummer|adres|bank)|vanaf (?:nu|vandaag)|gewijzigd|niet meer|novo (?:iban|número|numero|banco|endereço)|nova conta|a partir de (?:agora|hoje)|mudou|mudaram|já não)(?![\p{L}])/iu;

/** A value said to hold now, after the value ("… is GB33… now", "… ist GB33… jetzt"). */
const NowAfter = /^[^.!?\n;]{0,12}?(?<![\p{L}])(?:now|nun|jetzt|maintenant|ahora|ora|agora|nu)(?![\p{L}])/iu;
const IsBefore = /(?<![\p{L}])(?:is|are|ist|sind|est|es|è|é|zijn|is|it['’]s|that['’]s|its)[\s:]*$/iu;

/**
 * Reported words: a third party's message or speech, or its source. `i` flag; each alternative a phrase. A speech verb
 * right after a first-person subject ("I told Kern", "ich schrieb") is the owner's own and does not count.
 */
const RelayPhrases = /(?<![\p{L}])(?:texted|texts|texting|sms(?:ed|'d)|messaged|messages|wrote|writes|e-?mailed|e-?mails|mailed|says|said|told (?:me|us)|tells (?:me|us)|informed (?:me|us)|informs (?:me|us)|let (?:me|us) know|lets (?:me|us) know|notified (?:me|us)|(?:called|rang|phoned|calls|rings|phones)(?: (?:me|us))?|(?:he|she|they) (?:called|rang|phoned)|(?:sent|sends|forwarded|forwards) (?:me|us)|whats-?app(?:ed)?|dm'?d|pinged|according to|claims|claimed|fwd:|fw:|wg:|tr:|forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|translated from|translation of|(?:sms|text|text message|message|mail|e-?mail|letter|note|voicemail|notification|whatsapp|dm|chat) (?:from|by)|(?:his|her|their|the) (?:sms|text|text message|message|mail|e-?mail|letter|voicemail|note|notification) (?:says|said|reads)|per (?:his|her|their|the) (?:sms|text|message|mail|e-?mail|letter|invoice|note)|(?:got|received|have|had) (?:a|an|the|his|her|their) (?:sms|text|message|mail|e-?mail|letter|call|voicemail|note|whatsapp)|schreibt|schrieb|geschrieben|sagt|sagte|gesagt|meint|meinte|teilt (?:mir |uns )?mit|teilte (?:mir |uns )?mit|mitgeteilt|simst|gesimst|angerufen|ruft an|rief an|laut|gemäß|übersetzt aus|übersetzung (?:aus|von)|(?:nachricht|sms|mail|e-mail|brief|schreiben) (?:von|vom)|geschickt|schickt (?:mir|uns)|schickte (?:mir|uns)|écrit|ecrit|m'écrit|m'a écrit|(?:me|m'a|il|elle|a) dit|m'envoie|m'a envoyé|selon|d'après|traduit de|traduction de|(?:message|sms|texto|mail|courriel|lettre) de|escribe|escribió|me dice|dice|dijo|me envió|me mandó|me manda|según|segun|traducido de|traducción de|(?:mensaje|correo|carta) de|scrive|ha scritto|ha detto|mi ha mandato|mi manda|secondo|tradotto da|traduzione di|(?:messaggio|lettera) di|schrijft|schreef|zegt|zei|appt|appte|volgens|vertaald uit|(?:bericht|brief) van|escreve|escreveu|diz|disse|mandou|traduzido de|(?:mensagem) de)(?![\p{L}])/iu;

const FirstPerson = /(?<![\p{L}])(?:i|ich|je|j'|yo|io|ik|eu|we|wir|nous)\s*$/iu;

/** A chat or SMS line's header: a time (bracketed or not), then a sender's name and a colon ("[12:03] Kern:", "12:03 - Kern:"). */
const ChatHeader = /^[ \t]*(?:\[[^\]\n]{3,40}\]|\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)[ \t]*(?:[-–—][ \t]*)?[^\s:\d][^:\n]{0,60}:/iu;
/** A sender marked by its channel ("Kern (SMS):", "Kern via WhatsApp:"). */
const ChannelTag = /(?:\((?:sms|text|whatsapp|signal|telegram|e-?mail|mail|imessage|voicemail)\)|\b(?:via|per|über|par|por) (?:sms|text|whatsapp|signal|telegram|e-?mail|mail|imessage))[ \t]*:/iu;

const MaxWindow = 600;

/** The bounds of the sentence around `at` in `text` (a sentence ends at `. ! ?` before a space, a line break, `;`). */
function sentenceBounds(text: string, at: number, end: number): { start: number; stop: number } {
  let start = at;
  while (start > 0 && at - start < MaxWindow && !isBound(text, start - 1)) start--;
  let stop = end;
  while (stop < text.length && stop - end < MaxWindow && !isBound(text, stop)) stop++;
  return { start, stop };
}

function isBound(text: string, i: number): boolean {
  const c = text[i] ?? "";
  if (c === "\n" || c === ";") return true;
  return (c === "." || c === "!" || c === "?") && /\s/u.test(text[i + 1] ?? " ");
}

/** The relay marker in a stretch, in its words; a speech verb after a first-person subject is none. */
function relayIn(stretch: string): string | undefined {
  const header = ChatHeader.exec(stretch) ?? ChannelTag.exec(stretch);
  if (header !== null) return header[0].trim();
  const re = new RegExp(RelayPhrases.source, "giu");
  for (const m of stretch.matchAll(re)) {
    if (FirstPerson.test(stretch.slice(Math.max(0, m.index - 6), m.index))) continue;
    return m[0];
  }
  return undefined;
}

/** The change cue said of the value at [vAt, vEnd) of `stretch`: a cue anywhere in it, or "is <value> now". */
function changeIn(stretch: string, vAt: number, vEnd: number): string | undefined {
  const m = ChangeCues.exec(stretch);
  if (m !== null) return m[0];
  if (vAt >= 0 && IsBefore.test(stretch.slice(0, vAt))) {
    const now = NowAfter.exec(stretch.slice(vEnd));
    if (now !== null) return now[0].trim();
  }
  return undefined;
}

export type RelayedChange = { words: string; relay: string; change: string };

/**
 * Whether the value at [at, end) of the owner's `text` sits in a change the owner relays (see the header), and the
 * owner's words that say so, for the reason; undefined when it does not.
 */
export function relayedChangeAt(text: string, at: number, end: number): RelayedChange | undefined {
  const own = sentenceBounds(text, at, end);
  // The sentence before, in the same paragraph (no blank line between).
  let prevStart = own.start;
  let p = own.start - 1;
  while (p > 0 && own.start - p < 8 && /[\s.!?;]/u.test(text[p] ?? "")) p--;
  const between = text.slice(p + 1, own.start);
  if (own.start > 0 && p >= 0 && !/\n[ \t]*\n/u.test(between)) prevStart = sentenceBounds(text, p, p + 1).start;
  const sentence = text.slice(own.start, own.stop);
  const window = text.slice(prevStart, own.stop);
  const relay = relayIn(window);
  if (relay === undefined) return undefined;
  const change = changeIn(sentence, at - own.start, end - own.start) ?? (prevStart < own.start ? changeIn(text.slice(prevStart, own.start), -1, -1) : undefined);
  if (change === undefined) return undefined;
  const words = window.trim().replace(/\s+/gu, " ");
  return { words: words.length > 140 ? `${words.slice(0, 137)}…` : words, relay, change };
}

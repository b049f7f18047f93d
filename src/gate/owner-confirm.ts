/**
 * The owner's bare confirmation ("yes", "ok do it", "ja, mach", "oui vas-y", "sí, dale", "tak", "はい、お願い", 👍) of
 * what the agent asked back: it is the owner's request of the message before it, and of nothing else. Only:
 *  - this turn's message says nothing but a confirmation (any other word — a value, a "but", a "no" — and it is read
 *    as the request it is);
 *  - the agent's replies since the owner's previous message ask back (a question, or "confirm");
 *  - that previous message is the owner's own request, not itself a confirmation (a "yes" does not chain on to a
 *    "yes" of an earlier act, nor reach two turns back);
 *  - the turn is clean: in a session where untrusted content entered, the agent's question may restate a page's
 *    payment, and "yes" confirms the page (the untrusted-turn rules read this turn's words alone there, decide.ts).
 * The act is then read from that previous message, by the same reader as any request (owner-request.ts): what the
 * agent restated from a tool's description ("Good morning" → "Shall I pay …?") is still no act the owner asked for.
 */

/** Words that confirm, and fillers that may stand with them ("ok do it", "ja bitte, mach das"). Lower case. */
const ConfirmWords = new Set(`yes yeah yep yup ya y ok okay k kk sure fine alright right correct confirm confirmed confirmo approved go ahead do it that's
  please pls thanks thank you exactly perfect great sounds good
  ja jawohl jo genau passt gut klar bitte mach machs mach's das bestätigt bestätige
  oui ouais d'accord dac vas-y vas y fais-le fais le c'est bon parfait merci s'il te vous plaît plait
  sí si claro dale hazlo vale adelante perfecto correcto por favor gracias
  sì certo fallo procedi va bene grazie
  sim pode faz isso certo beleza obrigado
  tak jasne dobrze zrób zrob to proszę prosze dawaj
  да давай конечно хорошо ок делай
  evet tamam olur yap lütfen
  ja graag doe maar prima
  はい うん ええ お願い お願いします おねがい どうぞ 了解 はいお願いします
  好 好的 是 是的 对 可以 行 确认 请
  네 예 응 좋아 좋아요 부탁해 부탁해요 확인
  gerne gern okay ok yes ja javel jepp japp visst absolut
  ναι καλά εντάξει σωστά στείλ' στείλε στείλτο το
  kyllä joo juu selvä käy
  כן בסדר בטח
  áno ano jasné jasne dobre súhlasím
  так добре гаразд звісно надсилай
  отправляй шли
  نعم أجل حسنا تمام موافق
  हाँ हां ठीक जी हाँजी
  ừ vâng được đồng
  ya iya oke baik boleh
  ได้เลย ได้ ใช่ ครับ ค่ะ โอเค`.split(/\s+/));

/** Words that go with a confirmation but do not confirm by themselves. */
const Fillers = new Set(`please pls thanks thank you the das it to le isso bitte merci s'il te vous plaît plait por favor gracias grazie obrigado
  proszę prosze lütfen graag 请 το`.split(/\s+/));

/** Emoji that confirm. */
const Confirming = ["👍", "✅", "👌", "✔", "🆗", "🙆"];
const EmojiTrail = /[\p{Emoji_Modifier}\uFE0F\u200D\s]/u;

/**
 * Whether `text` says nothing but a confirmation. Words are read whole (the CJK ones as the whole message without
 * punctuation); at least one must confirm and not merely fill ("please" alone confirms nothing).
 */
export function isConfirmation(text: string): boolean {
  const t = text.trim().toLowerCase().normalize("NFC");
  if (t === "" || t.length > 60) return false;
  if ([...t].every((ch) => Confirming.includes(ch) || EmojiTrail.test(ch))) return Confirming.some((e) => t.includes(e));
  const parts = t.split(/[\s,.!;:、。！，-]+/u).filter((w) => w !== "");
  if (parts.length === 0 || parts.length > 6) return false;
  const known = (w: string) => ConfirmWords.has(w) || Confirming.includes(w);
  // A CJK confirmation in one run ("はいお願いします"): the whole run, or a known word followed by a known word.
  const cjk = (w: string) => known(w) || [...ConfirmWords].some((a) => w.startsWith(a) && a.length < w.length && known(w.slice(a.length)));
  if (!parts.every((w) => known(w) || cjk(w))) return false;
  return parts.some((w) => !Fillers.has(w));
}

/** Whether the agent's reply asks the owner back: a question, or a request to confirm. */
export function asksBack(reply: string): boolean {
  return /[?？]|\b(?:confirm|bestätig|confirme|confirma|conferm|potwierd|подтверд|onayla|bevestig)|確認|确认|확인/iu.test(reply);
}

/**
 * The owner's previous message that this turn's bare confirmation confirms, or undefined. `repliesSince`: the agent's
 * replies after `previous`, in order.
 */
export function confirmedRequest(turnText: string, previous: string | undefined, repliesSince: readonly string[]): string | undefined {
  if (previous === undefined || !isConfirmation(turnText) || isConfirmation(previous)) return undefined;
  if (repliesSince.length === 0 || !asksBack(repliesSince[repliesSince.length - 1] ?? "")) return undefined;
  return previous;
}

/**
 * Which payee each account and amount of the owner's message is said of, and in what role: owner-slots.ts binds a
 * value only to an act for the payee the owner said it of. Read once per message (owner-slots.ts caches the reading),
 * per sentence (`. ! ?` before a space, a line break, `;`), in this order — the first that speaks decides:
 *  - "respectively": "Pay Kern and Müller 480 and 9500 EUR respectively (IBANs DE44… and DE12…)" pairs the payees
 *    the act names with the amounts and with the accounts of the sentence, in order, when the counts match;
 *  - said of someone right before it: "Kern's IBAN is …", "Kern's old account was …", "the IBAN of Kern: …", an
 *    apposition "Kern (DE44…)", "Müller: GB33…", "Kern, DE44…"; "my account", "from (my) account …" make it the owner's
 *    own account to pay *from* (`source`); "old", "former", "previous" (and their German, French, Spanish, Italian,
 *    Dutch words) before it make it a `superseded` account, unless the sentence itself asks to pay to it;
 *  - inside a dictated act: from "pay Kern" (or "and the landlord 950 …", "then Müller 60 …") to the next act or the
 *    sentence's end, a value is that act's payee's ("First pay Kern 480 EUR to DE44…, then pay Müller 9500 EUR to
 *    DE12…"); the first number right after the act's verb is its amount ("pay the remaining 480");
 *  - a line that opens with a name and a colon or a dash ("- Kern: DE44… 480 EUR"): the line's values are that name's.
 * The payees asked for are the ones an act names. A name is a capitalised word that is not one of the words that open
 * sentences or label fields (`NotNames`), or a lower-case noun after an article or a possessive ("the landlord").
 * Japanese, Chinese and Korean mark the payee by a particle, not by word order (`cjkSaidOf`, `cjkHeads`): "カーンさんは
 * 480ユーロ" (a topic), "Kern要480欧元", "뮐러는 1900유로" say the amount of that payee; "カーンさんに…払って", "给Kern转账",
 * "Kern에게 송금해" name the act's payee, and with one such payee in a sentence every value of the sentence is its act's.
 * Lexicons: a missing word makes the reader attribute less, and an unattributed value is read as before. Bounded.
 */
import { isMonthWord } from "./time-expression.ts";

export type ValueSpan = { at: number; end: number; kind: "amount" | "account" | "other" };
/** What a value is said of: a payee (lower case; `you` for the owner's own account), its role, and whether an act states it as its amount. */
export type Attribution = { payee?: string; role?: "source" | "superseded"; asAmount?: boolean; how?: string };
export type PayeeReading = { asked: ReadonlySet<string>; of: readonly Attribution[] };

const MaxSentences = 128;
const MaxHeads = 16;

const Verb = "pay|transfer|send|wire|remit|zahle|zahl|bezahle|bezahl|überweise|überweis|paie|paye|payer|verse|vire|paga|pague|transfiere|envía|envia|betaal|vira|bonifica"
  + "|zapłać|zaplac|przelej|wyślij|opłać|заплати|переведи|оплати|отправь|öde|gönder|havale et|ادفع|حوّل|حول|transfira|pagagli|pagale";
const Article = "the|my|our|his|her|their|den|dem|der|die|meinem|meinen|unserem|le|la|les|mon|ma|notre|el|al|mi|il|lo|de|het|mijn|o|a|ao|à|meu|minha";
/** Words that may stand between an act's verb and its payee ("zahle zuerst Kern", "pay first Kern"). */
const Adverb = "first|also|please|now|then|zuerst|erst|bitte|jetzt|dann|auch|d'abord|aussi|primero|también|prima|anche|eerst|ook|primeiro";
const Pronoun = new Set("him her them it ihm ihr ihnen es lui leur le la les lo le les gli hem haar hen ele ela".split(" "));
/** Lower-case words after an act's verb that are no payee ("pay the remaining 480", "pay the invoice"). */
const NotPayee = new Set(`remaining rest balance amount sum total invoice bill money outstanding full deposit fee fees difference remainder
  restbetrag rest restlichen restliche offenen betrag rechnung summe reste montant facture solde resto importe factura saldo importo fattura rimanente bedrag factuur
  restante valor fatura`.split(/\s+/u));
/** Capitalised words that open sentences or label fields, never a payee's name. */
const NotNames = new Set(`pay please first then and also the a an my our his her their this that these those it its iban ibans account accounts
  konto amount betrag reference ref invoice rechnung note total balance bank transfer send wire payment payments payee payees from to for
  with new old current previous former yes ok okay thanks hi hello dear kind best regards today tomorrow monday tuesday wednesday thursday
  friday saturday sunday january february march april may june july august september october november december eur usd gbp chf
  translated sms message mail email subject bitte zahle zahl überweise dann und erst danach neue alte aktuelle paie payez puis ensuite et
  paga pague luego después primero nuevo nueva betaal eerst daarna`.split(/\s+/u));

const Respectively = /(?<![\p{L}])(?:respectively|resp\.|jeweils|beziehungsweise|bzw\.|respectivement|respectivamente|rispettivamente|respectievelijk)(?![\p{L}])/iu;
const Superseded = /(?<![\p{L}])(?:old|former|previous|previously|earlier|closed|outdated|used to|früher|ehemalige[nsmr]?|autrefois|avant|antes|prima|vroeger|alte[nsmr]?|frühere[nsmr]?|bisherige[nsmr]?|ancien(?:ne)?|précédent(?:e)?|antigu[oa]|anterior|vecchi[oa]|precedente|oude?|vorige|antig[oa])(?![\p{L}])[^.;\n]{0,40}$/iu;
const SourceBefore = /(?<![\p{L}])(?:from|debit|charge|von|vom|aus|belaste|depuis|débite[rz]?|desde|carga(?:r)? a|dal|dalla|addebita(?:re)? su|van|do|da)\s+(?:(?:my|our|mein(?:em)?|unserem|mon|notre|mi|nuestra|il mio|mijn|minha)\s+)?(?:(?:own|eigenen|propre|propia)\s+)?(?:[\p{L}-]+\s+)?(?:account|iban|konto|girokonto|compte|cuenta|conto|rekening|conta)(?:\s+(?:number|nummer|numéro|número|numero))?[\s:]*$/iu;
const OwnBefore = /(?<![\p{L}])(?:my|mein(?:e|em)?|mon|ma|mi|il mio|mijn|minha|meu)\s+(?:own\s+)?(?:[\p{L}-]+\s+)?(?:account|iban|konto|compte|cuenta|conto|rekening|conta)(?:\s+(?:number|nummer|numéro|número|numero))?(?:\s+(?:is|ist|est|es|è|é))?[\s:]*$/iu;
/** The owner's own account as the act's object: "to my savings account", "auf mein Sparkonto", "sur mon compte". */
const OwnAccountAfter = /^\s+(?:(?:to|an|auf|à|sur|a|aan|naar)\s+)?(?:my|mein(?:e|em|en)?|mon|ma|mi|il mio|mijn|minha|meu)\s+(?:own\s+)?(?:[\p{L}-]+\s+)?(?:account|[\p{L}]*konto|compte|cuenta|conto|rekening|conta|iban)(?![\p{L}])/iu;
/** "Kern's IBAN is", "Kern's old account was", "the landlord's bank account:". */
const PossessiveBefore = /(\p{L}[\p{L}-]*)['’]s?\s+(?:(?:[\p{L}-]+\s+){0,2}?(?:iban|account|konto|bank details|details|invoice|total|bill|rechnung|number)(?:\s+(?:number|nummer))?(?:\s+(?:is|was|ist|war|est|es|of|for|über))?|(?:is|was|ist|war))[\s:]*$/iu;
/** "the IBAN of Kern:", "Konto von Kern:", "le compte de Kern :". */
const OfBefore = /(?:iban|account|konto|compte|cuenta|conto|rekening)\s+(?:of|for|von|de|di|van)\s+(?:(?:the|my|dem|der|le|la|el|il)\s+)?(\p{L}[\p{L}-]*)[\s:,]*(?:(?:is|ist|est|es)\s+)?$/iu;
/** A payee's claim right before the amount: "Kern wants 480", "Müller charges 1900", "Kern verlangt 480", "Kern demande 480". */
const ClaimBefore = /(\p{Lu}\p{Ll}[\p{L}-]*)\s+(?:wants|asks(?: for)?|asked(?: for)?|charges|charged|bills|billed|invoiced|needs|is owed|gets|requests|verlangt|will|möchte|bekommt|fordert|demande|réclame|reclame|veut|quiere|pide|cobra|vuole|chiede|quer|pede|cobra|wil|vraagt|krijgt|chce|żąda|prosi o|liczy|bierze|хочет|просит|требует|выставил|ister|istiyor|يريد|يطلب)\s+(?:[\p{L}€$£]+\s+){0,2}$/u;
/** An apposition right before the value: "Kern (", "Müller: ", "Kern, ", "Kern – ", "Kern (IBAN ". */
const AppositionBefore = /(\p{Lu}\p{Ll}[\p{L}-]*)\s*(?:\(|:|,|–|—|-)\s*(?:(?:iban|account|konto|acct)\s*:?\s*)?$/u;
/** A list line opening with a name: "- Kern: …", "Kern – …", "1. Kern, …". */
const LineHead = /^[ \t]*(?:[-*•][ \t]+|\d{1,2}[.)][ \t]+)?(\p{Lu}\p{Ll}[\p{L}-]*(?:[ \t]+\p{Lu}\p{Ll}[\p{L}-]*)?)[ \t]*(?:[:–—]|-[ \t])/u;

/** A payee's name in a CJK sentence: a Latin name, a katakana or hangul run, or Han characters before an honorific. */
const CjkName = String.raw`(\p{Lu}\p{Ll}[\p{Script=Latin}-]*|[\p{Script=Katakana}ー・]{2,}|\p{Script=Hangul}{2,}?|\p{Script=Han}{1,4}(?=さん|様|さま|氏|先生|女士|小姐))`;
const CjkHonorific = String.raw`(?:さん|様|さま|氏|くん|ちゃん|先生|女士|小姐|씨|님)?`;
/**
 * A value said of a payee right before it, in Japanese, Chinese or Korean: a topic or subject ("カーンさんは", "ミュラー
 * さんが", "뮐러는"), a claim ("Kern要", "Müller收", "Kern索要"), a possessive's account or bill ("カーンさんの口座は",
 * "Kern的账户是", "Kern의 계좌는", "ミュラーさんの請求額は").
 */
const CjkSaidOf = new RegExp(`${CjkName}${CjkHonorific}\\s*(?:は|が|から(?:は)?|の(?:口座|振込先|iban|請求額?|請求書|金額)(?:番号)?(?:は|が)?|要求?|收取?|索要|报价|開價|开价|请款|的(?:账户|账号|帐户|帳戶|iban|账单|帳單|发票|發票|金额|金額)(?:是|为|為)?|은|는|이|가|의\\s*(?:계좌|iban|청구액|청구서|금액)(?:는|은|이|가)?)[\\s:：]*$`, "iu");
/** Japanese, Chinese and Korean verbs of paying (stems). */
const CjkPayVerb = /払|振り?込|送金|支払|入金|付款|支付|转账|轉賬|轉帳|汇款|匯款|打款|付给|付給|송금|이체|입금|지불|결제|갚|보내/u;
/** The act's payee marked by its particle: "カーンさんに", "Kern宛に", "给Kern", "付给Kern", "向Kern", "Kern에게", "민수한테". */
const CjkPayeeMark = new RegExp(`${CjkName}${CjkHonorific}\\s*(?:宛て?に|に|へ|에게|한테|께)|(?:给|給|向|付给|付給|转给|轉給|汇给|匯給)\\s*${CjkName}`, "gu");

/** The payees a CJK sentence's act names (a pay verb in it), each where it is named. */
function cjkHeads(text: string, from: number, to: number): Head[] {
  const s = text.slice(from, to);
  if (!CjkPayVerb.test(s)) return [];
  const found = [...s.matchAll(CjkPayeeMark)].slice(0, MaxHeads).flatMap((m) => {
    const payee = nameOf(m[1] ?? m[2]);
    return payee === undefined ? [] : [{ at: from + m.index, verbEnd: from + m.index + m[0].length, payee }];
  });
  // Verb-last sentences put values before or after the payee: with one payee, every value is its act's; with several,
  // none is attributed by position (the payee is still asked for).
  const payees = new Set(found.map((h) => h.payee));
  return payees.size === 1 ? found.slice(0, 1).map((h) => ({ ...h, at: from - 1 })) : found.map((h) => ({ ...h, at: to }));
}

function nameOf(word: string | undefined): string | undefined {
  if (word === undefined) return undefined;
  const w = word.toLowerCase();
  // A month is a date's, never a payee ("vom 3. März: 480 EUR an Kern").
  return NotNames.has(w) || Pronoun.has(w) || isMonthWord(w) ? undefined : w;
}

/**
 * The payee a CJK phrase right before a value says it of ("カーンさんは", "Kern要", "뮐러는"), if any; `sure` when the
 * name is one by its form (a Latin capital, an honorific), not only a katakana or hangul run before a particle, which a
 * noun also is ("インボイスは", "청구서가").
 */
function cjkSaidOf(before: string): { name: string; sure: boolean } | undefined {
  const m = CjkSaidOf.exec(before);
  const name = m?.[1];
  if (m === null || name === undefined || CjkNotNames.has(name)) return undefined;
  return { name, sure: /^\p{Lu}|\p{Script=Han}/u.test(name) || new RegExp(`^${CjkName}${CjkHonorific.replace(/\?$/u, "")}`, "u").test(m[0]) };
}

/** Katakana and hangul nouns of a bill that stand before a topic particle as a payee's name would ("トータルは", "금액은"). */
const CjkNotNames = new Set(`インボイス トータル アカウント ユーロ ドル ポンド デポジット レシート チップ サービス キャンセル ローン ボーナス
  청구서 인보이스 금액 총액 합계 계좌 송금액 비용 요금 잔액 보증금 수수료 영수증 나머지 전부 모두 오늘 내일 이번 지난번 월세 관리비 수리비`.split(/\s+/u));

/** A number that is a date's day ("the invoice of 3 March", "vom 3. März", "du 3/11"): its month follows. */
function dayOfDate(text: string, end: number): boolean {
  const after = text.slice(end, end + 24);
  const word = /^\.?\s*(\p{L}+)/u.exec(after)?.[1];
  return (word !== undefined && isMonthWord(word)) || /^[./-]\d/u.test(after);
}

type Head = { at: number; payee?: string; verbEnd: number };

/** The acts a sentence dictates: a pay verb and its payee, or a conjunction and a payee with a value after it. */
function headsIn(text: string, from: number, to: number): Head[] {
  const s = text.slice(from, to);
  const heads: Head[] = [];
  const verb = new RegExp(`(?<![\\p{L}])(?:${Verb})(?![\\p{L}])(?:\\s+(?:money|the money|geld|l'argent|el dinero))?(?:\\s+(?:to|an|à|a|aan)(?![\\p{L}]))?`, "giu");
  for (const m of s.matchAll(verb)) {
    if (heads.length >= MaxHeads) break;
    const after = s.slice(m.index + m[0].length);
    const obj = new RegExp(`^\\s+(?:(?:${Adverb})\\s+)?(?:(?:${Article})\\s+)?([\\p{L}][\\p{L}-]*)`, "iu").exec(after);
    const word = obj?.[1];
    let payee: string | undefined;
    if (OwnAccountAfter.test(after)) payee = "you";
    else if (word !== undefined && /^\p{Lu}\p{Ll}/u.test(word)) payee = nameOf(word);
    else if (word !== undefined && obj !== null && obj[0].trim() !== word && !NotPayee.has(word.toLowerCase()) && !Pronoun.has(word.toLowerCase())) payee = word.toLowerCase();
    // "pay 480 EUR to Kern": the payee after "to".
    if (payee === undefined && !Pronoun.has((word ?? "").toLowerCase())) {
      const to = /^[^.;\n]{0,40}?\s(?:to|an|à|a|aan)\s+(\p{Lu}\p{Ll}[\p{L}-]*)/u.exec(after);
      payee = /^[^.;\n]{0,40}?\s(?:to|an|auf|à|sur|a|aan|naar)\s/u.test(after) && OwnAccountAfter.test(after.replace(/^[^.;\n]{0,40}?\s(?:to|an|auf|à|sur|a|aan|naar)(?=\s)/u, "")) ? "you" : nameOf(to?.[1]);
    }
    heads.push({ at: from + m.index, verbEnd: from + m.index + m[0].length, ...(payee === undefined ? {} : { payee }) });
  }
  // "…, then Müller 60 EUR", "and the landlord 950 EUR to …": a conjunction, a payee, a value within a few words.
  if (heads.length > 0) {
    const conj = new RegExp(`(?:^|[,\\s])(?:and then|and|then|und dann|und|dann|danach|et puis|et|puis|ensuite|y luego|y|luego|después|e poi|e|poi|en dan|en|daarna|depois)\\s+(?:(?:${Article})\\s+)?([\\p{L}][\\p{L}-]*)(?=[^.;\\n\\p{N}]{0,20}\\p{N})`, "giu");
    for (const m of s.matchAll(conj)) {
      if (heads.length >= MaxHeads) break;
      const word = m[1] ?? "";
      const capital = /^\p{Lu}\p{Ll}/u.test(word);
      const payee = capital ? nameOf(word) : /^(?:\p{Ll})/u.test(word) && m[0].trim().split(/\s+/u).length > 2 && !NotPayee.has(word) ? word : undefined;
      if (payee === undefined) continue;
      const at = from + m.index + m[0].indexOf(word);
      if (heads.some((h) => Math.abs(h.at - at) < word.length + 12)) continue;
      heads.push({ at, verbEnd: at + word.length, payee });
    }
  }
  return heads.sort((a, b) => a.at - b.at);
}

function sentencesOf(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (const m of text.matchAll(/\n|;|[.!?](?=\s|$)|[。！？]/gu)) {
    if (out.length >= MaxSentences) break;
    const end = m.index + m[0].length;
    if (text.slice(start, end).trim() !== "") out.push({ start, end });
    start = end;
  }
  if (start < text.length && text.slice(start).trim() !== "" && out.length < MaxSentences) out.push({ start, end: text.length });
  return out;
}

/** The payees the owner's message asks to pay and what each value is said of (see the header). */
export function readPayees(text: string, values: readonly ValueSpan[]): PayeeReading {
  const asked = new Set<string>();
  const of: Attribution[] = values.map(() => ({}));
  const unsure: { i: number; name: string }[] = [];
  const inAct: (string | undefined)[] = [];
  for (const sentence of sentencesOf(text)) {
    const inside = values.map((v, i) => ({ v, i })).filter(({ v }) => v.at >= sentence.start && v.end <= sentence.end);
    const heads = [...headsIn(text, sentence.start, sentence.end), ...cjkHeads(text, sentence.start, sentence.end)].sort((a, b) => a.at - b.at);
    for (const h of heads) if (h.payee !== undefined) asked.add(h.payee);
    const words = text.slice(sentence.start, sentence.end);
    // "respectively": the act's payees in order, paired with the amounts and the accounts in order.
    if (Respectively.test(words) && heads.length > 0) {
      const first = heads[0] as Head;
      const listed = /^\s*(?:(?:the|my|den|dem|le|la|el|il)\s+)?(\p{L}[\p{L}-]*)((?:\s*(?:,|and|und|et|y|e|en)\s+(?:(?:the|my|den|dem|le|la|el|il)\s+)?\p{L}[\p{L}-]*)+)/u.exec(text.slice(first.verbEnd, sentence.end));
      const names = listed === null ? [] : [listed[1] ?? "", ...[...(listed[2] ?? "").matchAll(/(?:,|and|und|et|y|e|en)\s+(?:(?:the|my|den|dem|le|la|el|il)\s+)?(\p{L}[\p{L}-]*)/gu)].map((m) => m[1] ?? "")].map((n) => n.toLowerCase());
      if (names.length >= 2) {
        for (const n of names) asked.add(n);
        for (const kind of ["amount", "account"] as const) {
          const ofKind = inside.filter(({ v }) => v.kind === kind);
          if (ofKind.length !== names.length) continue;
          ofKind.forEach(({ i }, k) => { of[i] = { payee: names[k] as string, asAmount: kind === "amount", how: "respectively" }; });
        }
        continue;
      }
    }
    const lineStart = text.lastIndexOf("\n", sentence.start) + 1;
    const lineHead = LineHead.exec(text.slice(lineStart, text.indexOf("\n", lineStart) === -1 ? text.length : text.indexOf("\n", lineStart)));
    for (const { v, i } of inside) {
      const before = text.slice(Math.max(sentence.start, v.at - 80), v.at);
      const a: Attribution = {};
      if (v.kind === "account") {
        if (SourceBefore.test(before)) { a.role = "source"; a.payee = "you"; a.how = "the account to pay from"; }
        else if (OwnBefore.test(before)) { a.payee = "you"; a.how = "your own account"; }
        if (Superseded.test(before) && !heads.some((h) => h.at < v.at && /\bto\b|\ban\b/iu.test(text.slice(h.verbEnd, v.at)) && !/[,;]/u.test(text.slice(h.verbEnd, v.at)))) a.role = "superseded";
      }
      if (a.payee === undefined) {
        const possessor = PossessiveBefore.exec(before)?.[1] ?? OfBefore.exec(before)?.[1] ?? AppositionBefore.exec(before)?.[1] ?? (v.kind === "amount" ? ClaimBefore.exec(before)?.[1] : undefined);
        const cjk = possessor === undefined ? cjkSaidOf(before) : undefined;
        if (cjk !== undefined && !cjk.sure) unsure.push({ i, name: nameOf(cjk.name) ?? "" });
        const who = cjk !== undefined ? nameOf(cjk.name) : possessor === undefined || /^(?:my|mein|meine|mon|ma|mi|il mio|mijn)$/iu.test(possessor) ? undefined : nameOf(possessor);
        if (who !== undefined) { a.payee = who; a.how = `said of ${possessor ?? cjk?.name ?? who}`; }
      }
      // Inside a dictated act: the payee of the last act head before it in the sentence.
      const head = heads.filter((h) => h.at < v.at).at(-1);
      if (a.payee === undefined && head?.payee !== undefined) { a.payee = head.payee; a.how = "in the act for " + head.payee; }
      if (head?.payee !== undefined) inAct[i] = head.payee;
      if (a.payee === undefined && head === undefined && lineHead !== null && lineStart + lineHead[0].length <= v.at) {
        const who = nameOf((lineHead[1] ?? "").split(/\s+/u)[0]);
        if (who !== undefined) { a.payee = who; a.how = `on the line for ${lineHead[1] ?? who}`; }
      }
      // The act's amount: the first number after its verb, with only words between ("pay the remaining 480").
      if (v.kind === "amount" && head !== undefined && !dayOfDate(text, v.end) && /^(?:\s+[\p{L}'’-]+){0,4}\s+$/u.test(text.slice(head.verbEnd, v.at))) a.asAmount = true;
      of[i] = a;
    }
  }
  // A katakana or hangul run before a particle is a payee's name when the owner sets two of them side by side ("カーン
  // さんは480ユーロ、ミュラーは1900ユーロ") or asks to pay it; otherwise it may be a noun of the bill, and says nothing.
  const contrasted = new Set(unsure.map((u) => u.name)).size >= 2;
  for (const u of unsure) {
    if (contrasted || asked.has(u.name)) continue;
    const act = inAct[u.i];
    const { payee: _said, how: _how, ...rest } = of[u.i] ?? {};
    of[u.i] = act === undefined ? rest : { ...rest, payee: act, how: `in the act for ${act}` };
  }
  return unifyInflected(asked, of);
}

/**
 * One payee named in two grammatical cases ("Kern chce …" / "Zapłać Kernowi", "Керн" / "Керну", "ao Kern"): a name that
 * is another one with an ending of at most three letters is read as that one (the shorter), so a claim and an act of
 * the same payee meet. Lexicon-free; two different payees rarely differ only by such an ending.
 */
function unifyInflected(asked: Set<string>, of: Attribution[]): PayeeReading {
  const names = [...new Set([...asked, ...of.map((a) => a.payee).filter((p): p is string => p !== undefined && p !== "you")])];
  const base = (n: string): string => names.find((m) => m.length >= 3 && m.length < n.length && n.length - m.length <= 3 && n.startsWith(m)) ?? n;
  return { asked: new Set([...asked].map(base)), of: of.map((a) => (a.payee === undefined || a.payee === "you" ? a : { ...a, payee: base(a.payee) })) };
}

/**
 * Actionable values other than phone numbers, IBANs and crypto addresses (relayed-values.ts): where to send money
 * without an IBAN (a UK sort code, an Australian BSB, an ABA routing number or a SWIFT/BIC with an account number, a
 * card number, a PayPal/Revolut/Wise/UPI/PIX handle, an ENS-style crypto name, a gift card's code) and whom to write
 * to (a messenger handle: `@name`, `t.me/name`, `wa.me/…`, "kern-77 on Telegram"). Each is read by what marks it as
 * such — the word naming it (an account word in the languages owners write, a payment service, a messenger, a gift
 * card) or its own checksum (Luhn for a card) — so a bare number or word is never one. Values are canonical: digits
 * for numbers, upper case for a BIC and a gift card code, lower case for names and handles. Must not throw.
 */
/** One value found in a text: its canonical form and where it is written (`start`..`end` in the text as given). */
export type ValueSpan = { value: string; start: number; end: number };

/** The place of a match's group (the expressions carry the `d` flag), or of the whole match. */
const span = (m: RegExpMatchArray, group: number, value: string): ValueSpan => {
  const [start, end] = m.indices?.[group] ?? [m.index ?? 0, (m.index ?? 0) + m[0].length];
  return { value, start, end };
};
const digits = (s: string) => s.replace(/\D/g, "");

/** Words naming a bank account (en, de, fr, es, it, pt, nl, sv/da/no, pl, ru, tr, ar, hi, ja, zh, ko). */
const accountWords = "account|acct|a/c|acc\\.|konto(?:nummer)?|kto\\.?|compte|cuenta|conto|conta|rekening(?:nummer)?|kontonr\\.?|rachunk\\p{L}*|сч[её]т\\p{L}*|hesap|حساب|खाता|口座(?:番号)?|账号|账户|帐号|帐户|帳號|帳戶|계좌(?:번호)?";
/** Words naming a bank's routing code: sort code, BSB, ABA routing number, transit, IFSC-like codes go by BIC. */
const codeWords = "sort[ -]?code|ソートコード|bsb|routing(?:\\s+(?:number|no\\.?|#))?|aba|bankleitzahl|blz|transit";
/** What may stand between the word and its number: up to two short words ("number", "no.", "n°", "(checking)"), a colon. */
const filler = "(?:[\\s:：=#(),-]*[\\p{L}\\p{M}.°º#]{1,12}){0,2}[\\s:：=#()-]*";
/** A number followed by a currency, or after one, is an amount ("account was charged 125000 JPY"). */
const notAmount = "(?![ -]?\\d)(?!\\s?(?:[%€$£¥₹₽₺]|eur|usd|gbp|chf|jpy|yen|cny|rmb|rub|inr|sek|nok|dkk|pln|try|aud|cad|円|元|руб|zł|kr\\b))";

/** An account number after an account word: 6 to 18 digits, single spaces or dashes between them. */
const accountRe = new RegExp(`(?<![\\p{L}])(?:${accountWords})${filler}(?<![\\d])(\\d(?:[ -]?\\d){5,17})${notAmount}`, "dgiu");
const codeRe = new RegExp(`(?<![\\p{L}])(?:${codeWords})(?![\\p{L}])${filler}(?<![\\d])(\\d{2,3}(?:[ -]?\\d{2,3}){1,3})(?![ -]?\\d)`, "dgiu");
const bicRe = /(?<![\p{L}])(?:BIC|SWIFT)(?:[ /-]?(?:code|BIC|SWIFT))?\s*(?:[:：]|is|ist|est|es|=)?\s*([A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)(?![A-Za-z0-9])/dgu;

export function bankSpans(text: string): ValueSpan[] {
  const found: ValueSpan[] = [];
  for (const m of text.matchAll(accountRe)) found.push(span(m, 1, digits(m[1] ?? "")));
  for (const m of text.matchAll(codeRe)) found.push(span(m, 1, digits(m[1] ?? "")));
  for (const m of text.matchAll(bicRe)) found.push(span(m, 1, (m[1] ?? "").toUpperCase()));
  return found;
}

function luhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i += 1) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Words naming a payment card (en, de, fr, es, it, pt, nl, pl, ru, uk, tr, ar, hi, ja, zh, ko). */
const cardWords = /(?<![\p{L}])(?:card|carte|karte|tarjeta|carta|cartão|cartao|kaart|kort|karta|карт\p{L}*|kart\p{L}*|بطاقة|कार्ड|カード|卡号?|카드)(?![\p{L}])[^\d\n]{0,24}$/iu;

/** How card numbers are written: whole, in fours (the last group shorter or longer), or 4-6-5 / 4-6-4 (Amex, Diners). */
const cardGroups = /^(?:\d+|\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{4,5})$/;

/**
 * A payment card's number: 13 to 19 digits (single spaces or dashes between groups) with a card network's first digit,
 * its Luhn checksum holding — or, after a word naming a card ("на карту 2200 …"), whatever its checksum.
 */
export function cardSpans(text: string): ValueSpan[] {
  const found: ValueSpan[] = [];
  for (const m of text.matchAll(/(?<![\d+.,/-])[2-6]\d{3}(?:[ -]?\d){9,15}(?![\d.,/-]?\d)/g)) {
    const n = digits(m[0]);
    if (n.length < 13 || n.length > 19 || !cardGroups.test(m[0])) continue;
    if (luhn(n) || cardWords.test(text.slice(Math.max(0, m.index - 40), m.index))) found.push({ value: n, start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/** Payment services by name; Wise and Lydia go by their links only ("wise" and "Lydia" are everyday words). */
const payServices = "paypal|revolut|upi|pix|venmo|cash ?app|zelle|bizum|swish|twint|mobilepay|vipps|alipay|支付宝|wechat ?pay|微信支付|m-?pesa|satispay|paylib|blik|interac";
const payRe = new RegExp(`(?<![\\p{L}])(?:${payServices})(?![\\p{L}])[^\\n]{0,24}?(?<![\\w.+-])([\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)*|[@$][A-Za-z][A-Za-z0-9_.-]{1,31}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`, "dgiu");
const payLinkRe = /(?<![\w.-])(?:https?:\/\/)?(?:www\.)?((?:paypal\.me|revolut\.me|wise\.com\/pay|lydia-app\.com|venmo\.com|cash\.app|buymeacoffee\.com|ko-fi\.com)\/[\w$.@-]+)/dgi;

/** A payment service's handle: an address, an `@tag` or `$cashtag` or a PIX key after the service's name, or its pay link. */
export function paymentSpans(text: string): ValueSpan[] {
  const found: ValueSpan[] = [];
  for (const m of text.matchAll(payRe)) found.push(span(m, 1, (m[1] ?? "").replace(/[.]+$/, "").toLowerCase()));
  for (const m of text.matchAll(payLinkRe)) found.push(span(m, 1, (m[1] ?? "").replace(/[.]+$/, "").toLowerCase()));
  return found;
}

/** ENS-style names that stand for a wallet (`kern.eth`); `.sol` is left out, it names Solidity files too. */
export function cryptoNameSpans(text: string): ValueSpan[] {
  const found: ValueSpan[] = [];
  for (const m of text.matchAll(/(?<![\w.@/-])(?:[a-z0-9](?:[a-z0-9-]{0,62})\.)+(?:eth|crypto|nft|wallet|bnb|arb|zil|blockchain|dao)(?![\w-]|\.\w)/gi)) found.push({ value: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return found;
}

/** Messengers by name; "Line", "Session" and "Element" are left out, they are everyday words in logs and code. */
const messengers = "telegram|whatsapp|signal|threema|viber|wechat|weixin|微信|skype|discord|snapchat|instagram|kik|wickr|icq|qq|テレグラム|ライン|텔레그램|카카오톡|kakaotalk|телеграм\\p{L}*|ватсап\\p{L}*";
/** A handle's name: letters first, and a digit, `_`, `-` or `.` in it, so "me" or "us" never is one. */
const handleName = "[A-Za-z][A-Za-z0-9_.-]{2,31}[A-Za-z0-9]";
const contactLine = new RegExp(`(?:${messengers}|\\b(?:write|message|contact|reach|dm|text|handle|follow|schreib|kontakt|écri|contact|escrib|contact|scriv|contatt|пиш|напиш|связ)|連絡|联系|聯繫|연락|メッセージ|私信)`, "iu");
const atRe = /(?<![\w@.+-])@([A-Za-z][A-Za-z0-9_]{3,31})(?![\w@-]|\.\w)/dg;
const msgLinkRe = /(?<![\w.-])(?:https?:\/\/)?((?:t\.me|telegram\.me|wa\.me|signal\.me|m\.me|line\.me\/ti\/p|chat\.whatsapp\.com)\/[\w+~@.-]+)/dgi;
const afterMessengerRe = new RegExp(`(?<![\\p{L}])(?:${messengers})(?![\\p{L}])\\s*(?:id|handle|user(?:name)?|contact|account|名|ID)?\\s*[:：]\\s*@?(${handleName})`, "dgiu");
const beforeMessengerRe = new RegExp(`(?<![\\w@.-])@?(${handleName})\\s+(?:on|via|in|at|auf|über|ueber|bei|sur|via|en|por|su|op|på|w|в|на|no|で|에서)\\s+(?:${messengers})(?![\\p{L}])`, "dgiu");

/** Whom to write to: an `@handle`, a messenger link, or a handle beside a messenger's name. */
export function handleSpans(text: string): ValueSpan[] {
  const found: ValueSpan[] = [];
  for (const m of text.matchAll(atRe)) {
    // `@dataclass` in code is no handle: one without a digit or `_` counts on a line that names a messenger or contact.
    const line = text.slice(text.lastIndexOf("\n", m.index) + 1, (text.indexOf("\n", m.index) + 1 || text.length + 1) - 1);
    if (/[\d_]/.test(m[1] ?? "") || contactLine.test(line)) found.push(span(m, 0, `@${(m[1] ?? "").toLowerCase()}`));
  }
  for (const m of text.matchAll(msgLinkRe)) found.push(span(m, 1, (m[1] ?? "").replace(/[.]+$/, "").toLowerCase()));
  for (const re of [afterMessengerRe, beforeMessengerRe]) {
    for (const m of text.matchAll(re)) {
      const name = m[1] ?? "";
      if (/[\d_.-]/.test(name)) found.push(span(m, 1, `@${name.toLowerCase()}`));
    }
  }
  return found;
}

const giftWords = /gift ?cards?|gift ?codes?|giftcards?|steam|itunes|apple (?:gift|card)|google play|amazon (?:gift|card|code)|paysafe ?card|razer gold|xbox|playstation|psn|nintendo eshop|geschenkkarte|gutschein|carte[- ]cadeau|tarjeta (?:de )?regalo|carta regalo|cadeaukaart|presentkort|ギフトカード|ギフト券|プリペイドカード|礼品卡|禮品卡|充值卡|기프트\s?카드|상품권|подарочн\w*\s+карт\p{L}*|hediye kart\p{L}*|بطاقة هدايا|गिफ्ट कार्ड/iu;

/** A gift card's code, in a text that names a gift card: groups of 4 to 6 letters and digits joined by dashes or spaces. */
export function giftCodeSpans(text: string): ValueSpan[] {
  if (!giftWords.test(text)) return [];
  const found: ValueSpan[] = [];
  for (const m of text.matchAll(/(?<![A-Za-z0-9-])[A-Z0-9]{4,6}(?:[- ][A-Z0-9]{4,6}){2,4}(?![A-Za-z0-9-])/g)) {
    const value = m[0].replace(/[- ]/g, "");
    if (/\d/.test(value) && (/[A-Z]/.test(value) || value.length >= 16)) found.push({ value, start: m.index, end: m.index + m[0].length });
  }
  return found;
}

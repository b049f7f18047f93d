/**
 * The owner's value in the owner's slot: a value the owner typed binds to an argument only in the role the owner's
 * words give it, and one dictated act's values stay with that act.
 *
 * owner-role.ts reads *whether* a value is given (not excluded, not only mentioned); this reads *what for*. Each owner
 * message is read once (cached) into clauses — split at line and sentence ends, semicolons, and the conjunctions that
 * start another dictated act ("… and the landlord 950 EUR to DE12…", "und", "et", …); a parenthesis is part of its
 * clause unless it is an aside ("for my records", "just so you know") — with the values each clause states:
 *  - an amount is a number the owner states as an amount: a currency beside it, "the amount is N", "pay Kern N"; not a
 *    threshold ("under 100 EUR"), not a piece of a reference (`480-K`, `2026-118`), not a postcode, a customer number,
 *    a balance in an aside → ask (`owner.value_wrong_role`), naming what the owner gave it as;
 *  - a currency argument is the currency the owner wrote beside that amount (`owner.value_wrong_role`);
 *  - an account the owner gave as someone's ("my landlord's IBAN is DE12…") is not the account of another payee the
 *    owner asked to pay ("pay Kern") → ask (`owner.value_wrong_role`);
 *  - two values of one call taken from two clauses, where either clause states its own value of the other's kind (each
 *    clause is a dictated act with its own amount and account) → ask (`owner.values_of_two_acts`): Kern's IBAN with
 *    the landlord's amount, a balance beside the amount to pay;
 *  - in a message's text (a chat message, a mail's subject and body), a value the owner typed that is not in the text
 *    the owner gave that recipient (owner-units.ts: the quote after the name, "To X:", "respectively"), when the owner
 *    gave them one → ask (`owner.value_for_another`): another recipient's text, or an aside ("my door code is 4471,
 *    just so you know") the owner did not dictate to anyone.
 * Values the owner never typed are other rules' business. Undefined when every value holds its slot. Must not throw.
 */
import { ask, type Decision, type Reason } from "../core/decision.ts";
import { readPayees, type Attribution } from "./owner-payees.ts";
import { ownerTextsGivenFor } from "./owner-units.ts";
import { amountsIn, argumentAmounts, currenciesNamed, currencyBeside, currencyCodes, CurrencyToken, sameCurrency, type Money } from "./owner-money.ts";
import type { FlowState, LabelledData } from "./types.ts";
import { firstTokenMatch, tokenEdges, WordEdges } from "./token-match.ts";

const MaxOwnerTextRead = 16_000;
const MaxClauses = 256;
const MaxValues = 32;
const MaxCache = 32;

type Kind = "amount" | "account" | "other";
type Value = { text: string; kind: Kind; at: number; end: number; currency?: string; currencies?: readonly string[]; values?: string[]; amountRole: boolean; limit?: boolean; of?: string; role?: Attribution["role"]; how?: string };
type Clause = { start: number; end: number; aside: boolean; values: Value[] };
type Reading = { text: string; clauses: Clause[]; payees: Set<string>; asked: ReadonlySet<string> };

function reason(id: string, message: string): Reason {
  return { id, message };
}

/** Words before a number that make it a limit, not the amount: "under 100 EUR", "unter 100 €". */
const Threshold = /(?:^|[^\p{L}])(?:under|over|below|above|less than|more than|up to|at most|at least|max(?:imum)?|min(?:imum)?|exceeds?|unter|über|bis zu|höchstens|mindestens|moins de|plus de|jusqu'à|menos de|más de|hasta|meno di|più di|fino a|minder dan|meer dan|tot|até|mais de)\s*(?:€|\$|£)?\s*$/iu;

/** The same in ja/zh/ko, where a limit follows the number and its currency ("100ユーロ以下", "100欧元以内", "100유로 이하") or precedes it ("不超过100欧元"). */
const CjkLimitAfter = new RegExp(`^\\s?(?:(?:${CurrencyToken})\\s?)?(?:以下|以上|未満|以内|まで|を超え|超|を上限|之内|以内|左右|以下|以上|이하|이상|미만|이내|까지|넘)`, "iu");
const CjkLimitBefore = /(?:不超过|不超過|最多|至少|超过|超過|低于|高于|最大|最高|最低|上限|最大で|최대|최소)\s?(?:€|\$|£|¥)?\s*$/u;

/** An aside: what the owner tells the assistant, not what they dictate ("for my records", "just so you know"). */
const Aside = /(?:for my (?:records|reference|information)|just so you (?:know|have it)|for your (?:information|records)|\bfyi\b|note it|on file|by the way|\bbtw\b|that'?s (?:roughly|about|around)|zur info|nur zur info|pour info|pour mémoire|para tu información|per tua informazione)/iu;

/** Act verbs after which a name is the payee ("pay Kern", "überweise Kern", "paie Kern"). */
const PayVerb = /(?:^|[^\p{L}])(?:[Pp]ay|[Tt]ransfer (?:money )?to|[Ss]end (?:money )?to|[Ww]ire|[Zz]ahle|[Bb]ezahle|[Üü]berweise|[Pp]aie|[Pp]aye|[Pp]ayer|[Pp]aga|[Pp]ague|[Bb]etaal|[Vv]ira)\s+(?:the\s+|my\s+)?(\p{Lu}[\p{L}-]+)/gu;

/** Conjunctions that may start another dictated act inside one sentence, and the words that put one act after another ("…, then pay Müller …"). */
const ActJoin = /,?\s+(?:and|und|et|y|e|en|och|og|then|dann|danach|puis|ensuite|luego|después|despues|poi|dopo|depois|daarna|potem|następnie)\s+(?=\S)/giu;

const cache = new Map<string, Reading>();

/** Whether `sentence` names the currency `code` (`EUR`) in any of its names ("يورو", "欧元", "€", "euros"): a currency argument the owner gave. */
export function currencyTyped(code: string, sentence: string): boolean {
  const want = currencyCodes(code);
  const named = currenciesNamed(sentence.slice(0, MaxOwnerTextRead));
  return want.some((c) => named.has(c));
}

/** The clause boundaries of one owner message (sentence, line, semicolon, act-joining conjunction), bounded. */
function clauseSpans(text: string): { start: number; end: number; aside: boolean }[] {
  const cuts = new Set<number>([0, text.length]);
  for (const m of text.matchAll(/\n|;|[.!?](?=\s|$)/gu)) cuts.add(m.index + m[0].length);
  for (const m of text.matchAll(ActJoin)) cuts.add(m.index);
  const bounds = [...cuts].sort((a, b) => a - b);
  const out: { start: number; end: number; aside: boolean }[] = [];
  for (let i = 0; i + 1 < bounds.length && out.length < MaxClauses; i++) {
    const start = bounds[i] as number;
    const end = bounds[i + 1] as number;
    // An aside parenthesis does not make its sentence an aside.
    const own = text.slice(start, end).replace(/\([^()]{1,400}\)/gu, (p) => (Aside.test(p) ? " " : p));
    if (own.trim() !== "") out.push({ start, end, aside: Aside.test(own) });
  }
  // A parenthesis that is an aside is a clause of its own; any other is part of the clause around it.
  for (const m of text.matchAll(/\(([^()]{1,400})\)/gu)) {
    if (!Aside.test(m[1] ?? "") || out.length >= MaxClauses) continue;
    out.push({ start: m.index, end: m.index + m[0].length, aside: true });
  }
  return out;
}

/** The values a stretch states: accounts, numbers (with their currency and whether they are stated as an amount). */
function valuesIn(text: string, start: number, end: number, payees: ReadonlySet<string>, sums: readonly Money[]): Value[] {
  const out: Value[] = [];
  // Chinese, Japanese and Korean letters end a value ("给Kern转480欧元到DE44…"): blanked, same length, before the scan.
  const span = text.slice(start, end).replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, (c) => " ".repeat(c.length));
  // Sums of money in any convention (`1.250,00 €`, `1'250 CHF`, `Fr. 80.–`), read by owner-money.ts over the whole
  // message (a currency may stand across a clause cut: "Fr. 80.–").
  const money = sums.filter((x) => x.at >= start && x.end <= end && (/[^\d]/u.test(x.text) || x.currencies !== undefined)).map((x) => ({ ...x, at: x.at - start, end: x.end - start }));
  for (const x of money) {
    if (out.length >= MaxValues) break;
    const at = start + x.at;
    out.push(amountValue(text, x.text, at, at + x.text.length, payees, x.values, x.currencies));
  }
  for (const m of span.matchAll(/(?<![\p{L}\p{N}_@.+-])[\p{L}\p{N}][\p{L}\p{N}_.+@-]*[\p{L}\p{N}]|(?<![\p{L}\p{N}_@.+-])\p{N}{2,}(?![\p{L}\p{N}])/gu)) {
    if (out.length >= MaxValues) break;
    const token = m[0];
    if (!/\p{N}/u.test(token)) continue;
    const at = start + m.index;
    const e = at + token.length;
    if (money.some((x) => start + x.at < e && at < start + x.end)) continue;
    if (/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/u.test(token)) {
      out.push({ text: token, kind: "account", at, end: e, amountRole: false });
      continue;
    }
    const number = /^\d+(?:[.,]\d{1,2})?$/u.test(token);
    if (!number) {
      out.push({ text: token, kind: "other", at, end: e, amountRole: false });
      continue;
    }
    out.push(amountValue(text, token, at, e, payees, argumentAmounts(token)));
  }
  return out.sort((a, b) => a.at - b.at);
}

/** A number the owner typed, read as an amount: its currency (the ISO codes of the one beside it) and whether it is stated as one. */
function amountValue(text: string, token: string, at: number, e: number, payees: ReadonlySet<string>, values: string[], codes?: readonly string[]): Value {
  const before = text.slice(Math.max(0, at - 40), at);
  const after = text.slice(e, e + 16);
  const currencies = codes ?? currencyBeside(text, at, e);
  const currency = currencies?.[0];
  const threshold = Threshold.test(before) || CjkLimitBefore.test(before) || CjkLimitAfter.test(after);
  const stated = currency !== undefined || /(?:amount|sum|betrag|montant|importe|importo)(?:\s+(?:is|of|ist|est|de|di|es|è))?[\s:]*$/iu.test(before)
    || [...payees].some((p) => new RegExp(`(?:^|[^\\p{L}])${p}(?:['’]s)?\\s+(?:his|her|their|the)?\\s*$`, "iu").test(before));
  return { text: token, kind: "amount", at, end: e, values, amountRole: stated && !threshold, limit: threshold, ...(currency === undefined ? {} : { currency }), ...(currencies === undefined ? {} : { currencies }) };
}

/** One owner message read into clauses and values; cached (a turn's calls read the same messages). */
export function readOwnerSlots(ownerText: string): Reading {
  const hit = cache.get(ownerText);
  if (hit !== undefined) return hit;
  const text = ownerText.slice(0, MaxOwnerTextRead);
  const payees = new Set<string>([...text.matchAll(PayVerb)].map((m) => (m[1] ?? "").toLowerCase()).filter((p) => p !== ""));
  const clauses = clauseSpans(text).map((c) => ({ ...c, values: [] as Value[] }));
  const sums = amountsIn(text);
  for (const c of clauses) {
    // A value inside an aside parenthesis belongs to the aside alone.
    const inner = clauses.filter((o) => o !== c && o.aside && o.start >= c.start && o.end <= c.end && !(o.start === c.start && o.end === c.end));
    c.values = valuesIn(text, c.start, c.end, new Set([...payees].map(escapeRegExp)), sums).filter((v) => !inner.some((o) => v.at >= o.start && v.end <= o.end));
  }
  // What each value is said of (owner-payees.ts): its payee, its role, whether an act states it as its amount.
  const values = clauses.flatMap((c) => c.values);
  const attributed = readPayees(text, values);
  values.forEach((v, i) => {
    const a = attributed.of[i];
    if (a === undefined) return;
    if (a.payee !== undefined) v.of = a.payee;
    if (a.role !== undefined) v.role = a.role;
    if (a.how !== undefined) v.how = a.how;
    if (a.asAmount === true && v.limit !== true) v.amountRole = true;
  });
  const reading = { text, clauses, payees, asked: attributed.asked };
  if (cache.size >= MaxCache) cache.delete(cache.keys().next().value as string);
  cache.set(ownerText, reading);
  return reading;
}

/** An amount standing alone, not inside a longer number (`(?<![\p{N}])…(?![\p{N}]|[.,]\p{N})`). */
const AmountEdges = tokenEdges("[\\p{N}]", "[\\p{N}]|[.,]\\p{N}", "u");

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

type Arg = { key: string; value: string | number };

/** The scalar arguments of a call (JSON), with the key each sits under, bounded. */
function argsOf(args: string): Arg[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return [];
  }
  const out: Arg[] = [];
  const walk = (v: unknown, key: string, depth: number): void => {
    if (depth > 12 || out.length >= 128) return;
    if (typeof v === "number" && Number.isFinite(v)) out.push({ key, value: v });
    else if (typeof v === "string") out.push({ key, value: v });
    else if (Array.isArray(v)) for (const x of v) walk(x, key, depth + 1);
    else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) walk(x, k, depth + 1);
  };
  walk(parsed, "", 0);
  return out;
}

/** An argument's amount as a canonical decimal (owner-money.ts), or undefined. */
function amountText(v: string | number): string | undefined {
  return argumentAmounts(v)[0];
}

function sameNumber(token: string, amount: string): boolean {
  return amountText(token) === amount;
}

/** A value of the owner's that reads as this amount (`1.250,00 €` is 1250). */
function sameAmount(v: Value, amount: string): boolean {
  return v.values !== undefined ? v.values.includes(amount) : sameNumber(v.text, amount);
}

/** The latest owner message that holds any of these values (its clauses are the ones the call is read against). */
function sourceText(values: readonly string[], ownerTexts: readonly string[]): string | undefined {
  for (let i = ownerTexts.length - 1; i >= 0; i--) {
    const text = ownerTexts[i] ?? "";
    if (values.some((v) => v !== "" && text.includes(v))) return text;
    if (amountsIn(text).some((m) => m.values.some((v) => values.includes(v)))) return text;
  }
  return undefined;
}

/** An argument that names the account to pay from, which the owner's source account may fill. */
const SourceKey = /^(?:from|source|debit|debtor|sender|origin|payer|from_?(?:iban|account)|source_?(?:iban|account)|debtor_?(?:iban|account))$/iu;

function capitalised(name: string): string {
  return name === "you" ? "yourself" : `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

function clauseWords(r: Reading, c: Clause): string {
  const s = r.text.slice(c.start, c.end).trim().replace(/\s+/gu, " ");
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/**
 * A call's arguments against the roles the owner's words gave its values (see the header): a question naming both
 * roles, or undefined.
 */
export function ownerSlotRule(args: string, ownerTexts: readonly string[], what: string): Decision | undefined {
  const list = argsOf(args);
  const amountArgs = list.filter((a) => /amount|sum|betrag|montant|importe|value|total/iu.test(a.key) && amountText(a.value) !== undefined);
  const accountArgs = list.filter((a) => typeof a.value === "string" && /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/u.test(a.value.replace(/\s/gu, ""))).map((a) => ({ key: a.key, account: String(a.value).replace(/\s/gu, "") }));
  const accounts = accountArgs.map((a) => a.account);
  const currencyArg = list.find((a) => /^(?:currency|curr|währung|devise|moneda|valuta)$/iu.test(a.key) && typeof a.value === "string");
  const amounts = amountArgs.map((a) => amountText(a.value) as string);
  const source = sourceText([...accounts, ...amounts.filter((a) => a.length >= 2)], ownerTexts);
  if (source === undefined) return undefined;
  const r = readOwnerSlots(source);
  const all = r.clauses.flatMap((c) => c.values.map((v) => ({ v, c })));
  // The amount: stated as one somewhere in the owner's words.
  type Hit = { v: Value; c: Clause };
  const picked: Hit[] = [];
  for (const amount of amounts) {
    const found = all.filter((h) => h.v.kind === "amount" && sameAmount(h.v, amount));
    if (found.length === 0) {
      // Typed only inside another token: a reference (`480-K`), an invoice number (`2026-118`), a date.
      const inside = all.find((h) => h.v.kind === "other" && firstTokenMatch(h.v.text, new RegExp(escapeRegExp(amount), "gu"), AmountEdges) !== undefined);
      if (inside !== undefined) return ask("high", reason("owner.value_wrong_role", `${what} uses \`${amount}\` as the amount; you typed it only as part of \`${inside.v.text}\` (“${clauseWords(r, inside.c)}”), not as the amount to pay`));
      continue;
    }
    const asAmount = found.filter((h) => h.v.amountRole && !h.c.aside);
    if (asAmount.length === 0) {
      const h = found[0] as Hit;
      const as = h.c.aside ? "in an aside" : Threshold.test(r.text.slice(Math.max(0, h.v.at - 40), h.v.at)) ? "as a limit" : "not as an amount to pay";
      return ask("high", reason("owner.value_wrong_role", `${what} uses \`${amount}\` as the amount; you typed it ${as} (“${clauseWords(r, h.c)}”), not as the amount to pay`));
    }
    const cur = typeof currencyArg?.value === "string" ? currencyArg.value : undefined;
    // The currency by meaning: `zł` is PLN, `€` is EUR, `kr` any of SEK NOK DKK ISK (owner-money.ts).
    const withCurrency = cur === undefined ? asAmount : asAmount.filter((h) => h.v.currencies === undefined || sameCurrency(cur, h.v.currencies));
    if (withCurrency.length === 0) {
      const h = asAmount[0] as Hit;
      return ask("high", reason("owner.value_wrong_role", `${what} pays \`${amount}\` in \`${cur ?? ""}\`; you gave ${amount} in ${h.v.currency ?? "another currency"} (“${clauseWords(r, h.c)}”)`));
    }
    picked.push(...withCurrency);
  }
  for (const { key, account } of accountArgs) {
    const found = all.filter((h) => h.v.kind === "account" && h.v.text === account);
    if (found.length === 0) continue;
    const h0 = found[0] as Hit;
    // The owner's account to pay from is no payee's account; an argument for the account to pay from may carry it.
    if (SourceKey.test(key)) continue;
    if (found.every((h) => h.v.role === "source")) {
      return ask("high", reason("owner.value_wrong_role", `${what} pays to \`${account}\`, which you gave as the account to pay from (“${clauseWords(r, h0.c)}”), not as the payee's account`));
    }
    if (found.every((h) => h.v.role === "superseded")) {
      return ask("high", reason("owner.value_wrong_role", `${what} pays to \`${account}\`, which you gave as an old account (“${clauseWords(r, h0.c)}”), not as the one to pay to`));
    }
    // An account said of one payee is not the account of another the owner asked to pay.
    const ofs = found.map((h) => h.v.of);
    if (r.asked.size > 0 && ofs.every((o) => o !== undefined && !r.asked.has(o))) {
      const payees = [...r.asked].map(capitalised).join(" and ");
      const whose = ofs[0] === "you" ? "your own account" : `${capitalised(ofs[0] ?? "")}'s account`;
      return ask("high", reason("owner.value_wrong_role", `${what} pays to \`${account}\`, which you gave as ${whose} (“${clauseWords(r, h0.c)}”); you asked to pay ${payees}`));
    }
    picked.push(...found);
  }
  // An amount said of one payee and an account said of another are two dictated acts mixed ("first … then …",
  // "respectively", "Kern (DE44…) and Müller (GB33…)").
  for (const x of picked.filter((h) => h.v.kind === "amount")) {
    const amountOf = picked.filter((h) => h.v.kind === "amount" && h.v.text === x.v.text).map((h) => h.v.of);
    const accountHits = picked.filter((h) => h.v.kind === "account");
    if (amountOf.some((o) => o === undefined) || accountHits.length === 0 || accountHits.some((h) => h.v.of === undefined)) continue;
    const y = accountHits.find((h) => !amountOf.includes(h.v.of));
    if (y === undefined || accountHits.some((h) => amountOf.includes(h.v.of))) continue;
    return ask("high", reason("owner.values_of_two_acts", `${what} pays \`${x.v.text}\` to \`${y.v.text}\`; you gave \`${x.v.text}\` for ${capitalised(x.v.of ?? "")} (“${clauseWords(r, x.c)}”) and \`${y.v.text}\` for ${y.v.of === "you" ? "yourself" : capitalised(y.v.of ?? "")} (“${clauseWords(r, y.c)}”)`));
  }
  // An amount and an account never stated together, where a clause of one states its own value of the other's kind:
  // two dictated acts mixed (Kern's account with the landlord's amount), or a figure beside the act (a balance).
  const amountHits = picked.filter((h) => h.v.kind === "amount");
  const accountHits = picked.filter((h) => h.v.kind === "account");
  for (const x of new Set(amountHits.map((h) => h.v.text))) {
    for (const y of new Set(accountHits.map((h) => h.v.text))) {
      const xs = amountHits.filter((h) => h.v.text === x);
      const ys = accountHits.filter((h) => h.v.text === y);
      if (xs.some((a) => ys.some((b) => a.c === b.c || (a.v.of !== undefined && a.v.of === b.v.of)))) continue;
      const rivalAccount = xs.flatMap((h) => h.c.values.filter((v) => v.kind === "account" && v.text !== y).map((v) => ({ h, v })))[0];
      const rivalAmount = ys.flatMap((h) => h.c.values.filter((v) => v.kind === "amount" && v.amountRole && !sameAmount(v, amountText(x) ?? x)).map((v) => ({ h, v })))[0];
      const rival = rivalAmount ?? rivalAccount;
      if (rival === undefined) continue;
      const other = rival === rivalAmount ? (xs[0] as Hit) : (ys[0] as Hit);
      return ask("high", reason("owner.values_of_two_acts", `${what} pays \`${x}\` to \`${y}\`; you gave \`${rival.h.v.text}\` with \`${rival.v.text}\` (“${clauseWords(r, rival.h.c)}”) and \`${other.v.text}\` elsewhere (“${clauseWords(r, other.c)}”)`));
    }
  }
  return referenceSlot(list, source, r, what);
}

/** Arguments that carry a payment's reference or memo. */
const ReferenceKey = /^(?:reference|ref|memo|purpose|remittance(?:_?info(?:rmation)?)?|verwendungszweck|description|betreff|motif|libell[ée]|concepto|causale|kenmerk|omschrijving|note)$/iu;
/** A reference the owner dictates: "with reference 'Invoice 118'", "Verwendungszweck: Rechnung 118", "ref 118". */
const DictatedReference = /(?<![\p{L}])(?:reference|ref\.?|memo|verwendungszweck|betreff|référence|motif|libellé|concepto|referencia|causale|riferimento|kenmerk|omschrijving)(?:\s+(?:is|ist|est|es|è))?\s*:?\s*(?:"([^"\n]{1,80})"|'([^'\n]{1,80})'|“([^”\n]{1,80})”|„([^“\n]{1,80})“|«([^»\n]{1,80})»|([^\s,;.\n"'“„«][^,;.\n]{0,60}))/giu;

/**
 * A reference argument against the reference the owner dictated: a value the owner typed (two digits or more) that
 * the reference carries but the dictated one does not is a figure of another role (a private note, a balance) moved
 * into the text that goes to the payee → ask (`owner.value_wrong_role`). No dictated reference: the wording is the
 * model's, as before.
 */
function referenceSlot(list: readonly Arg[], source: string, r: Reading, what: string): Decision | undefined {
  const refs = [...source.slice(0, MaxOwnerTextRead).matchAll(DictatedReference)].map((m) => m.slice(1).find((g) => g !== undefined) ?? "").filter((g) => g.trim() !== "");
  if (refs.length === 0) return undefined;
  for (const arg of list) {
    if (typeof arg.value !== "string" || !ReferenceKey.test(arg.key)) continue;
    for (const token of valueTokens(arg.value)) {
      if (!tokenIn(source, token) || refs.some((g) => tokenIn(g, token))) continue;
      // The call's own amount or account, repeated in its reference, goes to the payee anyway.
      if (list.some((a) => a !== arg && (String(a.value) === token || (amountText(a.value) !== undefined && amountText(a.value) === amountText(token))))) continue;
      const c = r.clauses.find((x) => x.values.some((v) => v.text === token)) ?? r.clauses.find((x) => tokenIn(r.text.slice(x.start, x.end), token));
      return ask("high", reason("owner.value_wrong_role", `${what} writes \`${token}\` into its ${arg.key}; the ${arg.key} you gave is “${(refs[0] ?? "").slice(0, 60)}”, and you typed ${token} for something else${c === undefined ? "" : ` (“${clauseWords(r, c)}”)`}`));
    }
  }
  return undefined;
}

/** Tokens of a free text that carry a value: two digits or more (a code, an amount, an account, a number). */
function valueTokens(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.slice(0, MaxOwnerTextRead).matchAll(/[\p{L}\p{N}][\p{L}\p{N}_.+@-]*[\p{L}\p{N}]|\p{N}{2,}/gu)) {
    if ((m[0].match(/\p{N}/gu) ?? []).length >= 2) out.add(m[0]);
    if (out.size >= MaxValues) break;
  }
  return [...out];
}

/**
 * A message's text to its recipients against the texts the owner gave each of them, for the owner's values in it (a
 * token with two digits or more that the owner typed): one that sits in the text the owner gave another recipient and
 * in none given this one asks (two dictated messages mixed); so does one outside the words the owner dictated this
 * recipient as a quote (the owner fixed the text; an aside beside it is not part of it). A text the owner only
 * described ("send contact my locker code") leaves the wording to the model, as before.
 */
export function ownerTextSlotRule(texts: readonly string[], recipients: readonly string[], ownerTexts: readonly string[], what: string): Decision | undefined {
  const tokens = valueTokens(texts.join("\n")).filter((t) => ownerTexts.some((o) => tokenIn(o, t)));
  if (tokens.length === 0) return undefined;
  for (const to of recipients) {
    const raw = ownerTextsGivenFor(ownerTexts, to);
    const given = raw.map(quotedPart);
    // Dictated as a quote: the owner fixed the words (owner-units.ts hands the quote's inside, or the rest after it).
    const quoted = given.filter((g, i) => g !== raw[i] || ownerTexts.some((t) => new RegExp(`["“'‘«„]${escapeRegExp(g)}["”'’»“]`, "u").test(t)));
    for (const token of tokens) {
      if (given.some((g) => tokenIn(g, token))) continue;
      const source = ownerTexts.findLast((t) => tokenIn(t, token)) ?? "";
      const other = otherRecipients(source, recipients).find((o) => ownerTextsGivenFor([source], o).some((g) => tokenIn(quotedPart(g), token)));
      if (other !== undefined) {
        return ask("high", reason("owner.value_for_another", `${what} to \`${to}\` carries \`${token}\`, which is in the text you gave \`${other}\`${given.length === 0 ? "" : `, not in the one you gave \`${to}\` (“${(given[0] ?? "").slice(0, 60)}”)`}`));
      }
      if (quoted.length > 0) {
        const at = firstTokenMatch(source, new RegExp(escapeRegExp(token), "gu"), WordEdges)?.index ?? -1;
        const around = source.slice(Math.max(0, at - 40), at + token.length + 20).replace(/\s+/gu, " ").trim();
        return ask("high", reason("owner.value_for_another", `${what} to \`${to}\` carries \`${token}\`, which is not in the text you dictated for \`${to}\` (“${(given[0] ?? "").slice(0, 60)}”); you typed it beside it (“…${around}…”)`));
      }
    }
  }
  return undefined;
}

/** Other recipients an owner message may give texts to: addresses, `name-7` ids, `@handles`, `#channels` (bounded). */
function otherRecipients(source: string, recipients: readonly string[]): string[] {
  const out = new Set<string>();
  for (const m of source.slice(0, MaxOwnerTextRead).matchAll(/[@#]?[\p{L}\p{N}][\p{L}\p{N}_.+-]*@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|[@#][\p{L}\p{N}_.-]+[\p{L}\p{N}]|\p{L}[\p{L}_]*-\p{N}+/gu)) {
    if (!recipients.includes(m[0]) && out.size < 16) out.add(m[0]);
  }
  return [...out];
}

function tokenIn(text: string, token: string): boolean {
  return firstTokenMatch(text, new RegExp(escapeRegExp(token), "gu"), WordEdges) !== undefined;
}

/** A given text that opens with a quote (after a closing bracket or a comma owner-units.ts keeps) is that quote. */
function quotedPart(given: string): string {
  const rest = given.replace(/^[\s)\],:;—–-]+/u, "");
  const m = /^(?:"([^"]*)"|“([^”]*)”|«([^»]*)»|'((?:[^'\n]|(?<=\p{L})'(?=\p{L}))+)'(?![\p{L}\p{N}])|‘([^’\n]+)’)/u.exec(rest);
  return m === null ? given : (m.slice(1).find((g) => g !== undefined) ?? given);
}

/**
 * A whole owner message labelled secret (a credential no rule spans: "my new door code is 4471") is, for a message to
 * recipients that message gives texts to, the rest of the message: the text the owner dictated to them, sent as given,
 * is the owner's errand and no copy of the aside. Only in a clean context (as `flow.owner_secret_handed`), and only
 * the texts given those recipients (and their names) come off; the secret stays whole for anyone else and wherever
 * the aside goes.
 */
export function secretsBesideGiven(secrets: readonly LabelledData[], recipients: readonly string[], flow: Pick<FlowState, "tainted" | "ownerTexts">): LabelledData[] {
  if (flow.tainted || recipients.length === 0) return [...secrets];
  return secrets.map((s) => {
    if (!flow.ownerTexts.includes(s.value)) return s;
    let rest = s.value;
    for (const to of recipients) {
      const given = ownerTextsGivenFor([s.value], to).map(quotedPart).filter((g) => g.trim().length > 0);
      if (given.length === 0) continue;
      // The recipient the owner named with the text is the owner's too.
      for (const part of [...given, to]) rest = rest.split(part).join(" ");
    }
    return rest === s.value ? s : { ...s, value: rest };
  });
}

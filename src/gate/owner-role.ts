/**
 * A value binds as the owner's only in the role the owner gave it. The owner-provided binding (an argument is the
 * owner's when it appears in their text) reads where and how it appears, for every acting value of a call (a token
 * with a digit or an `@`: an account, an address, an amount, a chat id, a time):
 *  - in the owner's own sentence, excluded (negation.ts: "never to X", "X is the scam account", "not 4800") → deny
 *    (`owner.value_excluded`), in any earlier turn too, unless a later sentence of the owner gives it;
 *  - only mentioned there (a question, reported words in quotation marks, a sender, a balance) → ask
 *    (`owner.value_mentioned`; not for a message's recipient, which naming.ts reads, `mentions` false);
 *  - only in pasted material (owner-material.ts), never in the owner's own sentences: the owner gave the material a
 *    role ("pay this invoice"), and the value has it only if it is the material's one value of its kind. Hidden in an
 *    HTML comment → ask (`owner.value_hidden_in_paste`); one of several of its kind (two IBANs, a `Reply-To` beside a
 *    `From`, an amount beside a "corrected" amount) → ask, naming them (`owner.paste_ambiguous`).
 * Pasted material does not taint the turn: the owner chose to paste it and asked for an act on it, and the binding above
 * is what keeps a line inside it from choosing where the act goes (a decision, docs/security.md).
 */
import { ask, deny, type Decision, type Reason } from "../core/decision.ts";
import { readValue, type ValueReading } from "./negation.ts";
import { materialAt, ownerMessage, type MaterialSpan } from "./owner-material.ts";

const MaxValues = 32;
const MaxOccurrences = 64;

type Occurrence = { text: number; at: number; end: number; material?: MaterialSpan; reading?: ValueReading };

function reason(id: string, message: string): Reason {
  return { id, message };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

/** The acting values of a call's arguments (JSON): tokens with a digit or an `@`, and numbers of two digits or more. */
export function actingValues(args: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return [];
  }
  const out = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 16 || out.size >= MaxValues) return;
    if (typeof v === "number" && Number.isFinite(v) && Math.abs(v) >= 10) out.add(String(v));
    else if (typeof v === "string") {
      const t = v.trim();
      if (t.length >= 3 && t.length <= 200 && !/\s/u.test(t) && /[\p{N}@]/u.test(t)) out.add(t);
    } else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (typeof v === "object" && v !== null) for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(parsed, 0);
  return [...out];
}

/** The kind of a value, by its shape: candidates of the same kind in a paste compete for its role. */
type Kind = { name: string; pattern: RegExp; normal: (s: string) => string };

const Kinds: readonly Kind[] = [
  { name: "bank accounts", pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/gu, normal: (s) => s.replace(/\s/gu, "").toUpperCase() },
  { name: "e-mail addresses", pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, normal: (s) => s.toLowerCase() },
  { name: "web addresses", pattern: /https?:\/\/[^\s<>"'`)]+/gu, normal: (s) => s.replace(/[.,;:]+$/u, "") },
  { name: "amounts", pattern: /(?:€|\$|£)\s?\d[\d.,']*|\d[\d.,']*\s?(?:EUR|USD|GBP|CHF|€|\$|£|euros?|dollars?)\b/giu, normal: (s) => amountOf(s) },
];

function amountOf(s: string): string {
  const digits = s.replace(/[^\d.,]/gu, "");
  // "1,150.00" / "1.150,00" / "480.00": the last separator followed by two digits is the decimal point.
  const m = /^(.*?)(?:[.,](\d{1,2}))?$/u.exec(digits);
  const whole = (m?.[1] ?? digits).replace(/[.,']/gu, "");
  const cents = m?.[2] ?? "";
  const n = Number(`${whole}.${cents === "" ? "0" : cents}`);
  return Number.isFinite(n) ? String(n) : digits;
}

/** A shape signature for any other token: letters as `a`, digits as `9`, runs folded (`mallory-7` ≡ `contact-1`). */
function shapeOf(token: string): string {
  return token.replace(/\p{L}+/gu, "a").replace(/\p{N}+/gu, "9");
}

function kindOf(value: string): Kind | undefined {
  if (/^-?\d+(?:\.\d+)?$/u.test(value)) return Kinds.find((k) => k.name === "amounts");
  return Kinds.find((k) => k.name !== "amounts" && new RegExp(`^(?:${k.pattern.source})$`, "u").test(value));
}

/** The distinct candidates of the value's kind in a stretch of material. */
function candidatesIn(material: string, value: string): string[] {
  const kind = kindOf(value);
  if (kind !== undefined) return [...new Set([...material.matchAll(kind.pattern)].map((m) => kind.normal(m[0])))];
  const shape = shapeOf(value);
  return [...new Set((material.match(/[\p{L}\p{N}][\p{L}\p{N}_.+-]*[\p{L}\p{N}]/gu) ?? []).filter((t) => shapeOf(t) === shape && /\p{N}/u.test(t)))];
}

function kindName(value: string): string {
  return kindOf(value)?.name ?? `values shaped like \`${value}\``;
}

/** Where the value occurs in the owner's texts, token-bounded (`480` is not in `4800`; `480` is in `480.00`). */
function occurrences(value: string, ownerTexts: readonly string[]): Occurrence[] {
  const numeric = /^-?\d+(?:\.\d+)?$/u.test(value);
  // A number ends where digits end (`480.00` holds 480, `4800` and `480,000` do not); a token where the token ends.
  const tail = numeric ? "(?![\\p{N}]|[.,]\\d{3}(?!\\d))" : "(?![\\p{L}\\p{N}@_-]|\\.[\\p{L}\\p{N}])";
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}@._-])${escapeRegExp(value)}${tail}`, numeric ? "gu" : "giu");
  const out: Occurrence[] = [];
  ownerTexts.forEach((text, i) => {
    for (const m of text.matchAll(pattern)) {
      if (out.length >= MaxOccurrences) return;
      out.push({ text: i, at: m.index, end: m.index + m[0].length });
    }
  });
  return out;
}

/**
 * The owner-role check of one call's acting values against the owner's texts of the session, in order (see the
 * header): a refusal, a question, or undefined when every value the owner typed holds the role it was given (values
 * the owner never typed are other rules' business).
 */
export function ownerRoleRule(args: string, ownerTexts: readonly string[], what: string, mentions = true): Decision | undefined {
  const decisions: Decision[] = [];
  for (const value of actingValues(args)) {
    const found = occurrences(value, ownerTexts);
    if (found.length === 0) continue;
    let state: { reading: ValueReading["reading"]; words?: string } | undefined;
    for (const o of found) {
      const text = ownerTexts[o.text] ?? "";
      o.material = materialAt(ownerMessage(text), o.at, o.end);
      if (o.material !== undefined) continue;
      const r = readValue(text, o.at, o.end);
      // A later sentence that gives the value undoes an earlier exclusion; a mention never undoes one.
      if (r.reading === "given" || state === undefined || (r.reading === "excluded")) state = r;
      else if (state.reading !== "excluded" && state.reading !== "given") state = r;
    }
    if (state?.reading === "excluded") {
      decisions.push(deny("high", reason("owner.value_excluded", `${what} uses \`${value}\`, which you ruled out: ${state.words ?? "your words"}`)));
      continue;
    }
    if (state?.reading === "mentioned" && mentions) {
      decisions.push(ask("high", reason("owner.value_mentioned", `${what} uses \`${value}\`, which you only mentioned, not as a value to use: ${state.words ?? "your words"}`)));
      continue;
    }
    if (state !== undefined) continue;
    // Only in material.
    const visible = found.filter((o) => o.material?.hidden === false);
    if (visible.length === 0) {
      decisions.push(ask("high", reason("owner.value_hidden_in_paste", `${what} uses \`${value}\`, which appears only inside an HTML comment of the text you pasted, not in your own words`)));
      continue;
    }
    const last = visible.at(-1) as Occurrence;
    const text = ownerTexts[last.text] ?? "";
    const pasted = ownerMessage(text).material.filter((s) => !s.hidden).map((s) => text.slice(s.start, s.end)).join("\n");
    const candidates = candidatesIn(pasted, value);
    if (candidates.length > 1) {
      const shown = candidates.slice(0, 4).map((c) => `\`${c}\``).join(", ");
      decisions.push(ask("high", reason("owner.paste_ambiguous", `${what} uses \`${value}\` from ${last.material?.where ?? "the text you pasted"}, which carries ${candidates.length} ${kindName(value)} (${shown}${candidates.length > 4 ? ", …" : ""}); you did not say which one, and a line of the paste could have chosen it`)));
    }
  }
  return decisions.length === 0 ? undefined : decisions.reduce((a, b) => (rank(b) > rank(a) ? b : a));
}

function rank(d: Decision): number {
  return d.decision === "deny" ? 2 : d.decision === "ask" ? 1 : 0;
}

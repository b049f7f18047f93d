/**
 * The owner's *act*, bound, not only the owner's values. After untrusted content an injection can pick another acting
 * tool for the owner's values (the owner said "pay 61.20 to DE44…", the call is `add_trusted_payee(DE44…)`), the
 * owner's act with its own values, the act twice, or the act the owner asked for in an earlier turn. A connected
 * service's acting call in an untrusted turn is the owner's own errand only when all of these hold:
 *  - the owner's message of this turn asks for that act (owner-actions-lexicon.ts: the tool's name read as an act, every
 *    word of it from that act's vocabulary, and the owner's verb for it read as a request by the sentence reader of
 *    naming.ts), or names the tool itself in a request; for acts on a thing (a door, an alarm) the owner names it too;
 *  - every argument value is typed, whole, in that very sentence (numbers as numbers: `61.2` for "61.20"; a date and a
 *    time the owner typed, joined), and no flag: a value nothing in the sentence accounts for is the context's choice;
 *  - argument names are plain identifiers (and the tool's declared ones when it declares any), a handful at most;
 *  - that sentence has not bound a call of this act already in this turn (`FlowState.ownerActsTaken`).
 * Everything else (the secret and private-data rules, the service's confirmed effect) still applies around it.
 */
import { ActConcepts, moneyInClause, ObjectWords, type ActConcept } from "./owner-actions-lexicon.ts";
import { actClause, actRequests, verbWithClitic, type ActRequest } from "./naming.ts";
import { accountTypedByOwner, dateTimeTypedByOwner } from "./provenance.ts";
import { typedWhole, type ActReading } from "./owner-typed.ts";
import { amountsIn, CjkCurrencyNames, currencyStated } from "./owner-money.ts";
import { ownerCommandReading } from "./owner-command.ts";
import { ownerJobReading, ownerRemovalReading } from "./owner-job.ts";
import { ownerInstruction } from "./owner-message.ts";
import { currencyTyped } from "./owner-slots.ts";
import { withOwnerBookLines } from "./owner-book.ts";
import { EffectClasses, type DeclaredFactsIn, type EffectClass, type FlowState, type GateRequest } from "./types.ts";

const MaxValues = 16;
const MaxArgumentNames = 8;
const ArgumentName = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

/** The words of a tool's name: split at `_`, `-`, spaces and lower-to-upper case changes, lower case. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[\s_-]+/).filter((w) => w !== "");
}

/** The acts a tool's name does (usually one; none for a name with a word no act's vocabulary holds). */
export function toolActs(toolWords: readonly string[], concepts: readonly ActConcept[] = ActConcepts): ActConcept[] {
  if (toolWords.length === 0) return [];
  return concepts.filter((c) => toolWords.every((w) => c.toolWords.has(w)) && c.toolVerbs.some((v) => v.every((x) => toolWords.includes(x))));
}

/** An argument value and the name of the argument it is given for (top-level, or the array or object it is in). */
export type Value = ({ kind: "string"; value: string } | { kind: "number"; value: number }) & { name?: string };

/** The argument values and names of a JSON arguments text; undefined when it holds anything else (a flag, a null, too many). */
export function argumentsOf(json: string): { values: Value[]; names: string[] } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  const values: Value[] = [];
  const names: string[] = [];
  let ok = true;
  const walk = (v: unknown, depth: number, name?: string): void => {
    if (!ok || depth > 4 || values.length > MaxValues || names.length > MaxArgumentNames * 2) {
      ok = false;
      return;
    }
    const named = name === undefined ? {} : { name };
    if (typeof v === "string") values.push({ kind: "string", value: v, ...named });
    else if (typeof v === "number" && Number.isFinite(v)) values.push({ kind: "number", value: v, ...named });
    else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1, name);
    else if (typeof v === "object" && v !== null && depth === 0) {
      for (const [k, x] of Object.entries(v)) {
        names.push(k);
        walk(x, depth + 1, k);
      }
    } else ok = false;
  };
  walk(parsed, 0);
  return ok && typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) && values.length <= MaxValues && names.length <= MaxArgumentNames ? { values, names } : undefined;
}

/**
 * The numbers standing alone in a sentence, in any grouping and decimal convention (`61.20`, `61,20`, `1.250,00`,
 * `1'250`: owner-money.ts), as numbers, and whether each is written with a currency (`61.20 EUR`, `€61.20`, `320 zł`).
 * Digits inside a word, an IBAN, a date (`2026-12-11`), a time (`16:00`) or a path are no number of their own.
 */
function numbersIn(sentence: string): { value: number; money: boolean }[] {
  // Chinese, Japanese and Korean letters bound a number ("转480欧元", "480ユーロを"); currency signs among them stay.
  // A multiplier after a number stays ("3万", "12만 3천"): it is part of the amount.
  const spaced = sentence.replace(CjkLetters, (c, name: string | undefined, at: number) => name ?? (CjkMultipliers.has(c) && /\p{N}\s?$/u.test(sentence.slice(Math.max(0, at - 2), at)) ? c : " ".repeat(c.length)));
  return amountsIn(spaced).flatMap((m) => m.values.map((v) => ({ value: Number(v), money: m.currencies !== undefined })));
}

/** A currency name in Chinese, Japanese or Korean letters (kept), or one such letter (a word bound, so "480ユーロ払って" reads 480). */
const CjkLetters = new RegExp(`(${CjkCurrencyNames.join("|")})|[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}]`, "gu");
/** Chinese, Japanese and Korean multipliers of a number (owner-money.ts reads them). */
const CjkMultipliers: ReadonlySet<string> = new Set(["千", "万", "萬", "億", "亿", "百万", "천", "만", "억"]);
/** Argument names that say a sum of money: such a value is the number written with a currency, or the only number. */
const AmountName = /amount|sum|total|price|value|betrag|montant|importe|importo|valor|bedrag|金額|金额|금액/i;


/**
 * `v` is typed in `sentence`. `at`: the clock of the turn whose message the sentence is, so that a date the sentence
 * names in words ("Friday", "morgen") reads as the day it names then (owner-dates.ts), as a date typed in digits does.
 */
export function valueTyped(v: Value, sentence: string, at?: number): boolean {
  const numeric = v.kind === "number" ? v.value : /^\d+(?:\.\d+)?$/.test(v.value) && v.name !== undefined && AmountName.test(v.name) ? Number(v.value) : undefined;
  if (numeric !== undefined) {
    const numbers = numbersIn(sentence);
    // Which of the owner's numbers is the amount is no choice for the context: the one written as money, or the only one.
    if (v.name !== undefined && AmountName.test(v.name)) return numbers.some((n) => n.value === numeric && (n.money || numbers.length === 1));
    return numbers.some((n) => n.value === numeric);
  }
  if (v.kind === "string" && v.name !== undefined && /^(?:currency|curr|währung|devise|moneda|valuta)$/iu.test(v.name) && currencyTyped(v.value, sentence)) return true;
  return v.kind === "string" && (typedWhole(v.value, sentence) || currencyStated(v.value, [sentence]) || dateTimeTypedByOwner(v.value, { ownerTexts: [sentence], ...(at === undefined ? {} : { turnText: sentence, turnAt: at }) }) || accountTypedByOwner(v.value, { ownerTexts: [sentence] }));
}

/** Whether `word` (of a tool's or service's name) is named in the sentence, in any of its forms. */
function objectNamed(word: string, sentence: string): boolean {
  const forms = ObjectWords.get(word) ?? [word];
  const lower = sentence.toLowerCase();
  return forms.some((f) => (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(f) ? lower.includes(f) : typedWhole(f, lower)));
}

/** Where the owner's message asks for a tool's act: the request, the act it is read as, and how, in words. */
export type ActCandidate = { req: ActRequest; act?: ActConcept; how: string };

/**
 * The places `text` (the owner's instruction, see owner-request.ts) asks for the act of the connected service's tool
 * `fullName` (`mcp__server__tool`): the tool named in a request, or the act its name does (`concepts`: the acts read
 * from names) asked for with one of that act's verbs, with the thing acted on named where the act needs one. `acts`:
 * the acts its name does (none: a name no act's vocabulary holds); `rejected`: why the first other occurrence was no
 * request.
 */
export function actCandidates(fullName: string, text: string, concepts: readonly ActConcept[] = ActConcepts): { candidates: ActCandidate[]; acts: ActConcept[]; rejected?: string } {
  const [, server = "", ...rest] = fullName.split("__");
  const tool = rest.join("__");
  const words = nameWords(tool);
  const acts = toolActs(words, concepts);
  const toolName = tool.toLowerCase();
  const byName = tool === "" ? { requests: [] } : actRequests(text, (w) => w === toolName || w === fullName.toLowerCase(), []);
  const candidates: ActCandidate[] = byName.requests.map((req) => ({ req, ...(acts[0] !== undefined ? { act: acts[0] } : {}), how: `you named \`${tool}\`` }));
  let rejected = byName.rejected;
  for (const act of acts) {
    // A verb with a clitic pronoun is the verb: "Págale", "Pagagli", "Paie-lui", "Paga-lhe", "envíale 30 EUR".
    const ownerVerb = (w: string): boolean => verbWithClitic(w, act.ownerVerbs);
    const amountVerb = (w: string): boolean => act.withAmount !== undefined && verbWithClitic(w, act.withAmount);
    const read = actRequests(text, (w) => ownerVerb(w) || amountVerb(w), act.stems, true);
    rejected ??= read.rejected;
    for (const req of read.requests) {
      // "Send 150 EUR to DE89…" pays; "send Anna the photos" does not: these words ask for the act with a sum of money.
      const word = req.word.toLowerCase();
      if (!ownerVerb(word) && amountVerb(word) && !moneyInClause(req.sentence.text)) continue;
      // A thing acted on (a door, an alarm) is named by the owner too: "open the gate" is not `unlock_front_door`.
      const clause = actClause(req);
      if (act.generic !== undefined) {
        const objects = words.filter((w) => !act.generic?.has(w) && !act.toolVerbs.some((v) => v.includes(w)));
        const things = objects.length > 0 ? objects : nameWords(server).filter((w) => !act.generic?.has(w));
        if (things.length === 0 || !things.every((t) => objectNamed(t, clause))) continue;
      }
      // "Tell me", "send me": the owner asks for the answer, not for something sent to someone.
      if (act.notToOwner === true && OwnerObjects.has(clause.trim().split(/[\s,:;.!?]+/)[0]?.toLowerCase() ?? "")) continue;
      candidates.push({ req, act, how: `you asked for ${act.what} (“${req.word}”)` });
    }
  }
  return { candidates, acts, ...(rejected !== undefined ? { rejected } : {}) };
}

/** The words that make an act's object the owner (or the owner and the agent): "tell me", "schick mir". */
const OwnerObjects = new Set(["me", "us", "mir", "mich", "uns", "moi", "nous", "me", "nos", "mi", "ci", "mij", "ons", "мне", "нам"]);


/**
 * Whether a connected service's call is an act the owner asked for in this turn's message, with every value typed in
 * the sentence that asks, and that sentence not spent on this act already. `argumentNames`: the names the tool
 * declares (its input schema), when it declares any.
 */
export function ownerActReading(facts: Pick<DeclaredFactsIn, "declared" | "outbound">, flow: Pick<FlowState, "turnText" | "ownerActsTaken"> & Partial<Pick<FlowState, "turnAt">>, argumentNames?: readonly string[]): ActReading {
  const turn = flow.turnText;
  if (turn === undefined || turn.trim() === "") return { note: "this turn was not started by a message of yours" };
  const parts = facts.declared.name.split("__");
  const tool = parts.slice(2).join("__");
  if (parts[0] !== "mcp" || tool === "") return { note: "not a connected service's tool" };
  const args = argumentsOf(facts.outbound ?? "{}");
  if (args === undefined) return { note: "its arguments hold a flag, a nested object or more values than a request types" };
  const badName = args.names.find((n) => !ArgumentName.test(n) || (argumentNames !== undefined && argumentNames.length > 0 && !argumentNames.includes(n)));
  if (badName !== undefined) return { note: `the argument name \`${badName.slice(0, 40)}\` is not one the tool declares` };
  const found = actCandidates(facts.declared.name, ownerInstruction(turn));
  const { candidates, acts, rejected } = found;
  if (candidates.length === 0) {
    if (acts.length === 0) return { note: `its name (\`${tool}\`) is no act Warden reads from a request${rejected === undefined ? "" : `, and ${rejected}`}` };
    return { note: rejected === undefined ? `your message does not ask for ${acts[0]?.what ?? `\`${tool}\``}${acts[0]?.generic === undefined ? "" : " on what it acts on"}` : `your message does not ask for it: ${rejected}` };
  }
  const taken = new Set(flow.ownerActsTaken ?? []);
  let spent = false;
  for (const c of candidates) {
    const key = `${c.act?.id ?? `tool:${facts.declared.name}`}@${c.req.sentence.start}`;
    if (!args.values.every((v) => valueTyped(v, c.req.sentence.text, flow.turnAt))) continue;
    if (taken.has(key)) {
      spent = true;
      continue;
    }
    const count = args.values.length === 0 ? "it takes no arguments" : `every argument (${args.values.length}) is typed in that sentence`;
    return { binding: { key, why: `${c.how} in this message and ${count}; one call per request` } };
  }
  return { note: spent ? "the sentence that asked for it bound a call already in this turn (one call per request)" : "not every argument is typed in the sentence that asks for it" };
}

/**
 * The act reading for a call the gate would otherwise ask about in an untrusted turn; undefined where it does not apply
 * at all: someone else's turn, a tool that is not a connected service's or not confirmed (every call of an unconfirmed
 * one asks), effects other than writing or sending, a context holding a secret (the call could carry it in any form).
 */
export function serviceActReading(request: Pick<GateRequest, "principal" | "ownerSession" | "flow">, facts: DeclaredFactsIn, acting: readonly EffectClass[]): ActReading | undefined {
  const flow = request.flow;
  if (request.principal.kind !== "owner" || !request.ownerSession || flow.composedTask === true) return undefined;
  if (facts.remote === undefined || facts.skill !== undefined || facts.reads !== undefined || facts.base.decision !== "allow") return undefined;
  if (acting.length === 0 || !acting.every((c) => c === "file.write" || c === "message")) return undefined;
  if (flow.secretRead || flow.promptSecret === true) return undefined;
  return ownerActReading(facts, flow, facts.declared.arguments);
}

/**
 * The request a call binds, whatever the gate then decides: the turn spends it on the first call it binds (an
 * approved, refused or unanswered one too, and one made before anything untrusted was read), so a retry or a second
 * call of the act asks. A connected service's act, the owner's typed or named command (owner-command.ts), the owner's
 * worded reminder in an untrusted turn, the job the owner's words pick for removal (owner-job.ts).
 */
export function actKeyOf(request: Pick<GateRequest, "principal" | "ownerSession" | "flow" | "facts">): string | undefined {
  const facts = request.facts;
  // INVARIANT: spent in a clean context too: the owner's one transfer made before the mail was read is that request's call.
  if (facts.tool === "exec") return ownerCommandReading(request, facts)?.binding?.key;
  if (facts.tool === "cron" && facts.action === "remove") return ownerRemovalReading(request, facts.removed, facts.others ?? []).binding?.key;
  if (facts.tool === "cron") return facts.action === "add" && request.flow.tainted && facts.prompt !== undefined ? ownerJobReading(request, facts.prompt, false, facts.schedule).binding?.key : undefined;
  if (facts.tool !== undefined) return undefined;
  const declared = facts.declared.effects.length > 0 ? facts.declared.effects : EffectClasses;
  // Read as the gate reads it: with the entries of the owner's own files the request points at (owner-book.ts).
  return serviceActReading({ ...request, flow: withOwnerBookLines(request.flow) }, facts, declared.filter((c) => c !== "file.read"))?.binding?.key;
}

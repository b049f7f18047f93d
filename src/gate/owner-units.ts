/**
 * The text the owner gave for a message to one recipient.
 *
 * In a context that read untrusted content, text the model sends to someone goes out without asking only when the
 * owner gave it for that message. Any piece of anything the owner typed used to count, and the choice of piece is a
 * channel the context steers: prefixes of a long quote whose lengths spell a salary, a phrase the owner typed in an
 * earlier turn for no one, the words around the quote ("message bob-7"). What the owner gives for a recipient is
 * read from a message of theirs that names that recipient as someone to send to, bound to the place of the name: the
 * quote that follows it, or the rest of the sentence after it, with the words that introduce a message left off
 * ("tell bob-7 that I'll be late" gives "I'll be late"). Quotes given to others are not this recipient's. The text
 * sent must be one of those whole, with only the liberties a writer takes with a phrase they quote (the first letter
 * raised, a closing full stop added or left off, one closing line break), once a turn per recipient (the
 * gate's `flow.ownerTextSentTo`), and once per owner message and recipient across turns (`flow.ownerTextsSpent`). A few
 * such texts per message leave a bit or two; a piece left a dozen.
 */
import { recipientReading, recipientWordPattern } from "./naming.ts";
import { listedMessages } from "./owner-lists.ts";
import { SendVerbs } from "./naming-lexicon.ts";
import { mailFieldSpans } from "./mail-fields.ts";
import { MoreLanguages, moreWords } from "./naming-languages.ts";
import { givenLines, givenOnLine, orderBoundText, ownerInstruction, sentencesOfLine } from "./owner-text-extent.ts";
import { bareCancellation, cancelClausesIn, cancelledAt, revisionOf, unresolvedObject } from "./owner-text-edits.ts";
import type { CancelClause } from "./owner-text-edits.ts";
import type { FlowState } from "./types.ts";
import { closingQuote, opensQuote } from "../text/quote-marks.ts";

/** Longest part of one owner message read for the texts it gives (a pasted document past it gives none). */
const MaxOwnerTextRead = 64_000;
const MaxUnits = 512;
/** Owner messages after one that gave a text, read for a cancellation or a correction of it. */
const MaxLaterTexts = 8;

/** "That" in the other languages the reader knows (`že`, `що`, `hogy`, `että`, `ότι`, …), longest first. */
const ThatWords = [...new Set(moreWords("that"))].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");

/**
 * Verbs of Hindi, Urdu and Bengali that come between the name with its postposition and what is said ("রহিমকে বলো আমি
 * ৮টায় আসব", "bob-7 को बोल दो: …").
 */
const PostpositionsBeforeVerb = moreWords("toAfter").join("|");
const VerbBeforeText = MoreLanguages.filter((l) => /Hindi|Bengali/u.test(l.name)).flatMap((l) => l.verbs.split(/\s+/u)).filter((w) => /[^\x00-\x7f]/u.test(w)).join("|");

/**
 * The words that introduce the message after the recipient's name: "bob-7: …", "bob-7 that …", "let bob-7 know
 * that …", "remind bob-7 to …", "bob-7 a message saying …", "bob-7 the following: …", "bob-7, dass …" (and `dat`,
 * `что`, `że`, `att`, `ki`), a case ending (`bob-7'ye`), a particle (`bob-7に`, `bob-7에게`), Chinese "say" after the
 * name (`跟bob-7说“…”`). Optional each, in this
 * order; what follows is the text given.
 */
const introduction = new RegExp(String.raw`^(?:['’]\p{L}{1,4}(?![\p{L}\p{N}]))?[\s,:;：，、—–-]*(?:(?:さん|様|さま|くん|君|ちゃん|先生|씨|님)?(?:に|へ|에게|한테|께|说|說|讲|講)\s*)?(?:(?:(?:${PostpositionsBeforeVerb})\s+)?(?:${VerbBeforeText})(?:\s+(?:दो|दीजिए|দাও|দিন))?(?:\s+|(?=[:：])))?(?:know\s+)?(?:(?:a|an|the|eine?|un|une|una|um|uma|een)\s+(?:(?:quick|short|brief|kurze)\s+)?(?:message|note|text|line|dm|reply|mail|e-?mail|nachricht|courriel|correo|messaggio)\s+)?(?:(?:the\s+)?following(?:\s+|(?=[:：])))?(?:(?:saying|that says|which says|to say|telling (?:him|her|them)|that|to|dass|que|che|dat|что|чтобы|że|att|at|ki|${ThatWords})(?:\s+|(?=[:,：，])))?[\s:,：，—–-]*(?:(?:(?:with|mit|avec|con|com|met)\s+)?(?:(?:the|dem|den|der|die|das|le|la|el|il|o|het|de)\s+|l['’]\s*)?(?:subject(?:\s+line)?|body|betreff|inhalt|objet|corps|asunto|cuerpo|oggetto|corpo|assunto|onderwerp)[\s:：]*(?=["“«„「${"`"}'‘]))?`, "iu");

/**
 * A mail's fields named before their quotes ("email tom@… subject 'Keys' body 'the keys are …'", "mit Betreff „…“ und
 * Text „…“"): each labelled quote is a text the owner gave that recipient, in the owner's order, as a run of quotes is.
 */
const fieldLabel = String.raw`(?:(?:(?:with|mit|avec|con|com|met)\s+)?(?:(?:the|dem|den|der|die|das|le|la|el|il|o|het|de)\s+|l['’]\s*)?(?:subject(?:\s+line)?|body|text|message|betreff|inhalt|nachricht|objet|corps|texte|asunto|cuerpo|texto|oggetto|corpo|testo|assunto|onderwerp|tekst)[\s:：]*)`;

/**
 * The texts of a labelled block that opens within the owner's words after a recipient (before any other recipient is
 * named): each field's value, in order, up to the next field's label, the end of its line, or (for the last) the
 * owner's next instruction. Undefined when no field label with a colon follows.
 */
function colonFields(after: string, name: string, isRecipient: (name: string) => boolean): string[] | undefined {
  const window = after.slice(0, 600);
  const fields = mailFieldSpans(window);
  const first = fields[0];
  if (first === undefined) return undefined;
  // Only the owner's words about this mail: no other recipient named before the block.
  const others = window.slice(0, first.at).split(/[\s,;()]+/u).map((w) => w.replace(/[.,:;]+$/u, "")).filter((w) => w !== "" && w.toLowerCase() !== name.toLowerCase());
  if (others.some((w) => /^[@#]|.@.|\p{L}-\p{N}/u.test(w) || isRecipient(w))) return undefined;
  const out: string[] = [];
  for (const [i, f] of fields.entries()) {
    let value = window.slice(f.from, f.to);
    // The last field ends where the owner's next instruction starts.
    if (i === fields.length - 1) value = givenOnLine(value, name, isRecipient);
    value = value.replace(/^[\s"“„«「'‘]+|[\s,;，、"”»」'’]+$/gu, "");
    if (value === "") return undefined;
    out.push(value);
  }
  return out;
}

/**
 * Other recipients named with this one ("tell bob-7 and alice-2 that …", "message bob-7, alice-2 and carol-3 …"), left
 * off before the introduction; names after commas only in a list that a conjunction closes ("bob-7, alice-2 is late"
 * is no list).
 */
const coRecipients = /^(?:(?:\s*,\s*@?[\p{L}\p{N}_.+-]+(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?)*(?:\s*,?\s+(?:&|and|und|et|y|e|en|och|og|i|и)\s+@?[\p{L}\p{N}_.+-]+(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?)+)?/iu;

/** A quote joined to the name after it by a preposition: "send 'see you' to bob-7", "send "see you" (for bob-7)". */
const quoteBeforeName = /(?:"([^"]*)"|“([^”]*)”|«([^»]*)»|`([^`\n]+)`|(?<![\p{L}\p{N}])'([^'\n]+)'|‘([^’\n]+)’)\s*(?:[,(]\s*)?\s(?:to|an|à|a|para|per|naar|till|do|für|for)\s+@?$|(?:"([^"]*)"|“([^”]*)”)\s*\(\s*(?:to|for|an|à|para|per|für|voor|pour)\s+@?$/iu;

/** A preposition and a name after a quote: the quote is that name's ("… 'B' to alice-2"). */
const forAnotherName = /^\s*(?:[,(]\s*)?(?:to|an|à|a|para|per|naar|till|do|für|for)\s+@?[\p{L}\p{N}]/iu;

/** What joins one quote to the next in a run of texts: a comma or a conjunction. */
const quoteJoin = new RegExp(String.raw`^\s*(?:,\s*(?:(?:and|&|und|et|y|e|en|и)\s+)?|\s(?:and|&|und|et|y|e|en|и)\s+)(?=["“«„「${"`"}'‘])|^[\s,;]*(?:(?:and|&|und|et|y|e|en|и)\s+)?${fieldLabel}(?=["“«„「${"`"}'‘])`, "iu");

/** A name joined on to a list before this one ("bob-7 and ", "bob-7, "). */
const inNameList = /@?[\p{L}\p{N}_.+-]*[\p{L}\p{N}_+-](?:\s*,\s*(?:(?:and|&|und|et|y|e|en|и)\s+)?|\s+(?:and|&|und|et|y|e|en|и)\s+)$/iu;

/** A quoted span at the start of a text: its content and what follows it. */
function leadingQuote(text: string): { inner: string; after: string } | undefined {
  const close = opensQuote(text, 0) ? closingQuote(text, 0) : -1;
  if (close < 0 || (/^[`'‘]/u.test(text) && text.slice(1, close).includes("\n"))) return undefined;
  return { inner: text.slice(1, close).trim(), after: text.slice(close + 1) };
}

/**
 * The texts one owner message gives for a message to `to`, or none when it does not name `to` as a recipient. Bound
 * to each place the name occurs: the quote that opens what follows the name and its introduction (unless a
 * preposition gives it to another name: "… 'B' to alice-2"); else the first sentence and the rest of the line; or,
 * when the introduction ends its line ("the following:"), the lines after it (a block quoted with `>` without its
 * markers); and a quote joined to the name by "to" before it. The owner's other quotes are for other recipients,
 * services or files, not this one.
 */
function unitsOf(ownerText: string, to: string): Units {
  const text = ownerText.slice(0, MaxOwnerTextRead);
  const none: Units = { given: [], withdrawn: [] };
  // Which text goes with the name; whether the name is one the owner sends to is the caller's reading (a peer the
  // channel knows may have an id spelled like a case form of another name).
  if (recipientReading(to, { ownerTexts: [text] }, true).naming !== "destination") return none;
  // The name as written or in a case form ("napisz do Kasi, że …" gives kasia "…").
  const pattern = recipientWordPattern(to, [text]);
  if (pattern === undefined) return none;
  const name = to.trim().replace(/^@/, "");
  // Listed messages ("send these:\n- bob-7: …"): the listed text only, or none when the name is listed twice.
  const listed = listedMessages(text).get(name.toLowerCase());
  if (listed !== undefined) return listed === null ? none : { given: [listed], withdrawn: [] };
  const found: { unit: string; at: number }[] = [];
  const withdrawn: { unit: string; why: string }[] = [];
  const word = new RegExp(`(?<![\\w@.+-])${pattern}`, "giu");
  const isRecipient = (other: string) => recipientReading(other, { ownerTexts: [text] }).naming === "destination";
  const isInstruction = (s: string) => instructionIn(s, isRecipient);
  for (const m of text.matchAll(word)) {
    // "Cancel the message to alice-2 …": a text the owner takes back in the clause that names it is given to no one.
    if (cancelledAt(text, m.index)) continue;
    const add = (unit: string) => found.push({ unit, at: m.index });
    const line = lineAround(text, m.index, m.index + m[0].length);
    // Words that bind texts to names by order bind exactly or not at all: nothing else in the sentence binds.
    const bound = orderBoundText(line.text, line.at, line.end, name);
    if (bound !== undefined) {
      if (bound !== null) add(bound);
      continue;
    }
    const before = quoteBeforeName.exec(text.slice(0, m.index))?.slice(1).find((g) => g !== undefined)?.trim();
    if (before !== undefined && before !== "") add(before);
    const after = text.slice(m.index + m[0].length).replace(coRecipients, "");
    const intro = introduction.exec(after)?.[0] ?? "";
    const rest = after.slice(intro.length);
    const quote = leadingQuote(rest);
    const fields = quote === undefined ? colonFields(after, name, isRecipient) : undefined;
    if (fields !== undefined) fields.forEach(add);
    else if (quote !== undefined) {
      if (quote.inner === "" || forAnotherName.test(quote.after)) continue;
      // More quotes in a run ("tell bob-7 "see you at 5" and "bring snacks""): each a text of its own for this
      // recipient; for a list of recipients with no order word, which text is whose is unclear, and none binds.
      const run = [quote.inner];
      let afterRun = quote.after;
      for (let sep = quoteJoin.exec(afterRun); sep !== null && run.length < 8; sep = quoteJoin.exec(afterRun)) {
        const next = leadingQuote(afterRun.slice(sep[0].length));
        if (next === undefined || next.inner === "" || forAnotherName.test(next.after)) break;
        run.push(next.inner);
        afterRun = next.after;
      }
      const listed = after !== text.slice(m.index + m[0].length) || inNameList.test(text.slice(Math.max(0, m.index - 200), m.index));
      // A mail's labelled fields (subject, body) are the mail's, whoever it goes to: a list of recipients shares them.
      const labelled = new RegExp(`${fieldLabel}$`, "iu").test(intro);
      if (run.length > 1 && listed && !labelled) continue;
      // The rest of the sentence after the quotes may revise them ("… "see you at 5" -- oops, replace 5 with 6").
      const tail = sentencesOfLine(afterRun.split("\n")[0] ?? "")[0] ?? "";
      const revision = revisionOf(tail, run, text, isInstruction, false);
      if (revision === undefined) run.forEach(add);
      else if (revision.kind === "replace") add(revision.text);
      else withdrawn.push(...run.map((unit) => ({ unit, why: revision.why })));
    } else if (intro.includes("\n")) {
      const lines = givenLines(rest, isRecipient);
      if (lines !== "") add(/^[ \t]*>/.test(lines) ? lines.replace(/^[ \t]*> ?/gm, "").trim() : lines);
    } else {
      const given = givenOnLine(rest.split("\n")[0] ?? "", name, isRecipient);
      // "reply to bob-7's mail with: sounds good": what follows a colon later in the text. A colon is that only before a
      // space, a quote or the end: in `19:00`, `3:1` or `https://` it is part of the words given.
      const colon = given.search(/:(?=\s|["'“„«‘「`]|$)/u);
      const tail = colon === -1 ? "" : given.slice(colon + 1).trim();
      const unit = tail !== "" ? (leadingQuote(tail)?.inner ?? tail) : given;
      if (unit !== "") add(unit);
    }
  }
  // A cancel later in the same message that means this recipient's text, or cannot say whose ("forget about her").
  const cancels = cancelClausesIn(text, (w) => SendVerbs.has(w));
  const given: string[] = [];
  for (const { unit, at } of found) {
    const cancel = cancels.find((c) => c.at > at && cancelMeans(c, to, [unit], isRecipient));
    if (cancel === undefined) given.push(unit);
    else withdrawn.push({ unit, why: `you took it back (“${cancel.verb}${cancel.object.slice(0, 40)}”)` });
  }
  return { given: [...new Set(given)], withdrawn };
}

type Units = { given: string[]; withdrawn: { unit: string; why: string }[] };

/** Some clause of `s` is the owner's next request ("…, then summarise the notes"), not more words about a text. */
function instructionIn(s: string, isRecipient: (name: string) => boolean): boolean {
  return s.split(/[,;.!?()—–]|\s-+\s/u).slice(0, 32).some((c) => ownerInstruction(c, isRecipient));
}

/**
 * A cancelling clause means `to`'s texts: its object names `to` in any spelling of the identity, or quotes one of the
 * texts, or says no whose ("forget about her", "never mind that one": every text it could mean is withdrawn). An
 * object that names another recipient or quotes another text means that one.
 */
function cancelMeans(cancel: CancelClause, to: string, units: readonly string[], isRecipient: (name: string) => boolean): boolean {
  const id = recipientIdentity(to);
  const tokens = cancel.object.split(/[\s,;:()"“”«»!?]+/u).map((w) => w.replace(/[.]+$/u, "")).filter((w) => w !== "").slice(0, 64);
  if (tokens.some((w) => recipientIdentity(w) === id)) return true;
  if (units.some((u) => u !== "" && cancel.object.includes(u))) return true;
  const quoted = /"[^"\n]+"|“[^”\n]+”|«[^»\n]+»|'[^'\n]{2,}'/u.test(cancel.object);
  if (quoted || tokens.some((w) => /[\p{N}@_-]/u.test(w) && isRecipient(w))) return false;
  return unresolvedObject(cancel.object);
}

/** The line of `text` around a match, and the match's place in it. */
function lineAround(text: string, at: number, end: number): { text: string; at: number; end: number } {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  const stop = text.indexOf("\n", end);
  const line = text.slice(start, stop === -1 ? text.length : stop);
  return { text: line, at: at - start, end: end - start };
}

/**
 * The texts the owner's messages give `to`, after their later word on each: a text a later message cancels (naming
 * `to` in any spelling, quoting it, saying no whose, or only "scratch that") is withdrawn; one it revises is replaced
 * by the revision when it reads exactly, else withdrawn (revisionOf). The withdrawn ones come with why.
 */
function givenTexts(ownerTexts: readonly string[], to: string): { given: { ownerText: string; unit: string }[]; withdrawn: { unit: string; why: string }[] } {
  const given: { ownerText: string; unit: string }[] = [];
  const withdrawn: { unit: string; why: string }[] = [];
  for (const [index, ownerText] of ownerTexts.entries()) {
    const own = unitsOf(ownerText, to);
    withdrawn.push(...own.withdrawn);
    let units = own.given;
    if (units.length === 0) continue;
    const isRecipient = (other: string) => recipientReading(other, { ownerTexts: [ownerText] }).naming === "destination";
    for (const later of ownerTexts.slice(index + 1, index + 1 + MaxLaterTexts)) {
      const cancel = bareCancellation(later) ? "a later message takes it back" : cancelsFor(later, to, units, isRecipient);
      if (cancel !== undefined) {
        withdrawn.push(...units.map((unit) => ({ unit, why: cancel })));
        units = [];
        break;
      }
      // A later message that gives this recipient a text of its own is read on its own; a correction after it is its.
      if (unitsOf(later, to).given.length > 0) break;
      const revision = revisionOf(later, units, ownerText, (s) => instructionIn(s, isRecipient), true);
      if (revision === undefined) continue;
      withdrawn.push(...units.map((unit) => ({ unit, why: revision.why })));
      units = revision.kind === "replace" ? [revision.text] : [];
    }
    given.push(...units.map((unit) => ({ ownerText, unit })));
  }
  return { given, withdrawn };
}

/** The texts the owner's messages give `to` as they stand (after cancellations and corrections), for owner-slots.ts. */
export function ownerTextsGivenFor(ownerTexts: readonly string[], to: string): string[] {
  return givenTexts(ownerTexts, to).given.map((g) => g.unit);
}

/** A later message cancels a text given to `to`: a cancelling clause whose object means it (cancelMeans); why. */
function cancelsFor(later: string, to: string, units: readonly string[], isRecipient: (name: string) => boolean): string | undefined {
  const cancel = cancelClausesIn(later, (w) => SendVerbs.has(w)).find((c) => cancelMeans(c, to, units, isRecipient));
  return cancel === undefined ? undefined : `a later message of yours takes it back (“${cancel.verb}${cancel.object.slice(0, 40)}”)`;
}

/**
 * `a` is `b` as a writer sends it: the first letter raised, a closing full stop added or left off. Nothing more: each
 * liberty is a bit the model chooses.
 */
function sameAsGiven(a: string, b: string): boolean {
  const same = (x: string, y: string) => x === y || (x.length === y.length && x.slice(1) === y.slice(1) && x.charAt(0) === y.charAt(0).toUpperCase());
  if (same(a, b)) return true;
  // Or a danda, the full stop of a text written in Devanagari or Bengali (in a Latin text it is a character chosen).
  const stop = (x: string) => /[^.!?]\.$/u.test(x) || (/[^।]।$/u.test(x) && /[\p{Script=Devanagari}\p{Script=Bengali}]/u.test(x));
  return (stop(a) && same(a.slice(0, -1), b)) || (stop(b) && same(a, b.slice(0, -1)));
}

/**
 * A text as compared: without trailing white space (a closing line break or space is no part of what the owner
 * wrote; the message tool sends it stripped). The form of the letters is compared as written: NFD for the owner's NFC
 * is another text, a form the model chose (a bit), and asks.
 */
export function comparableText(text: string): string {
  return text.replace(/\s+$/u, "");
}

/**
 * Which owner message gave this text, whole, for a message to `to` (a message of theirs that names `to` as a
 * recipient, as it stands after the owner's later cancellations and corrections), among those whose text has not gone
 * to `to` yet (`flow.ownerTextsSpent`): the owner asked once, in that message, and a later turn re-sending it is the
 * model's choice of when. Undefined when none did.
 */
export function ownerMessageGiving(text: string, to: string, flow: Pick<FlowState, "ownerTexts" | "ownerTextsSpent">): string | undefined {
  return ownerUnitGiving(text, to, flow)?.ownerText;
}

/**
 * The owner message and the one text of it (as the owner gave it) that `text` is, for `to`, among those not spent on
 * `to` yet: a text spends itself (`spentKey` with the text); a key of the message alone (an older label's) spends all
 * of that message's texts for `to`. A message's texts for one recipient go in its order: a later one is not given
 * while an earlier one has not gone.
 */
export function ownerUnitGiving(text: string, to: string, flow: Pick<FlowState, "ownerTexts" | "ownerTextsSpent">): { ownerText: string; unit: string } | undefined {
  const needle = comparableText(text);
  const spent = new Set(flow.ownerTextsSpent ?? []);
  let seen = 0;
  // INVARIANT: texts one message gave one recipient go in the owner's order: the second only once the first went.
  // Which one of them to send would be the model's choice (a bit); whether to go on is all that is left to it.
  const waiting = new Set<string>();
  for (const given of givenTexts(flow.ownerTexts, to).given) {
    if (spent.has(spentKey(given.ownerText, to)) || spent.has(spentKey(given.ownerText, to, given.unit))) continue;
    if (needle.length === 0) return given;
    if (seen++ >= MaxUnits) return undefined;
    if (sameAsGiven(needle, comparableText(given.unit))) return waiting.has(given.ownerText) ? undefined : given;
    waiting.add(given.ownerText);
  }
  return undefined;
}

/** The owner gave this text, whole, for a message to `to`, in a message of theirs whose text has not gone to `to` yet. */
export function ownerGaveTextFor(text: string, to: string, flow: Pick<FlowState, "ownerTexts" | "ownerTextsSpent">): boolean {
  return ownerMessageGiving(text, to, flow) !== undefined;
}

/**
 * Why a text the owner gave `to` is no longer theirs to send, when it was withdrawn (cancelled, or revised into another
 * text or into one Warden cannot read): for the approval's words. Undefined when it never was given or still is.
 */
export function ownerTextWithdrawal(text: string, to: string, flow: Pick<FlowState, "ownerTexts">): string | undefined {
  const needle = comparableText(text);
  if (needle === "") return undefined;
  const { given, withdrawn } = givenTexts(flow.ownerTexts, to);
  if (given.some(({ unit }) => sameAsGiven(needle, comparableText(unit)))) return undefined;
  return withdrawn.find(({ unit }) => sameAsGiven(needle, comparableText(unit)))?.why;
}

/**
 * What is remembered (in the session's label) of an owner message whose text went to `to`: a hash of the message and
 * the recipient, not the words. Two messages with one hash make the second ask, never send more.
 */
export function spentKey(ownerText: string, to: string, unit?: string): string {
  // FNV-1a, twice over (two offsets), 64 bits in all.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  // With a text, the recipient as its identity: `@BOB-7` spends what `bob-7` spends.
  for (const ch of unit === undefined ? `${ownerText}\u0000${to}` : `${ownerText}\u0000${recipientIdentity(to)}\u0000${unit}`) {
    const c = ch.codePointAt(0) ?? 0;
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
  }
  return `${a.toString(16).padStart(8, "0")}${b.toString(16).padStart(8, "0")}`;
}

/**
 * One recipient's identity for the once-a-turn count: `@bob-7`, `bob-7`, `BOB-7` and `telegram:bob-7` spell one
 * account to a channel that resolves them (a count kept per spelling lets the model send the text twice, a bit).
 * Folding more than a channel would is stricter, never looser: it only makes a second send ask.
 */
export function recipientIdentity(to: string): string {
  return to.normalize("NFKC").trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]{1,31}:(?!\/\/)/, "").replace(/^@+/, "");
}

/**
 * The owner's text went to this recipient (in any spelling of it) already in this turn. Sends are noted as the
 * recipient alone (any second text asks) or as the recipient and the key of the one owner text that went
 * (`sentEntry`): then only that text is sent already, and another text the owner gave them in the same message is not
 * (`tell bob-7 "see you at 5" and "bring snacks"`). Without `text`, any send to them counts.
 */
export function ownerTextSentAlready(to: string, flow: Pick<FlowState, "ownerTextSentTo"> & Partial<Pick<FlowState, "ownerTexts" | "ownerTextsSpent">>, text?: string): boolean {
  const id = recipientIdentity(to);
  const sent = (flow.ownerTextSentTo ?? []).map((entry) => entry.split(SentSeparator)).filter(([who = ""]) => recipientIdentity(who) === id);
  if (sent.length === 0) return false;
  if (text === undefined || sent.some((entry) => entry.length < 2)) return true;
  const giving = ownerUnitGiving(text, to, { ...flow, ownerTexts: flow.ownerTexts ?? [] });
  if (giving === undefined) return true;
  const key = spentKey(giving.ownerText, to, giving.unit);
  return sent.some(([, k]) => k === key);
}

const SentSeparator = "\u0001";

/** What the turn notes when `text`, a text the owner gave `to`, goes to them (see ownerTextSentAlready). */
export function sentEntry(to: string, text: string, flow: Pick<FlowState, "ownerTexts" | "ownerTextsSpent">): string {
  const giving = ownerUnitGiving(text, to, flow);
  return giving === undefined ? to : `${to}${SentSeparator}${spentKey(giving.ownerText, to, giving.unit)}`;
}

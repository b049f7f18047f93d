/**
 * What leaves in a reply: for others, secrets, the owner's private instructions and unasked private data withheld;
 * for everyone in an untrusted context, links and images that could carry the session's data removed.
 */
import type { Principal } from "../core/types.ts";
import type { FlowState } from "../gate/types.ts";
import { unaskedPrivateData } from "../gate/flow-tracker.ts";
import { findLeaks, findSecretLeaks, sharesPhrase } from "../gate/leaks.ts";
import { carriedTokens, dataTokens, rememberedTokensOf, type ReadTokens } from "../gate/carried-data.ts";
import { mentionsName } from "../gate/provenance.ts";
import type { LinkKind } from "../scan/markdown-links.ts";
import type { LabelledData } from "../gate/types.ts";
import type { Audience } from "./policy-types.ts";
import { judgeLink, refusesOnlyLoads } from "./link-judge.ts";
import type { LinkRewriter } from "./link-filter-pool.ts";

export type ReplyFilterDeps = {
  redact: (text: string) => string;
  baseSecrets: () => readonly LabelledData[];
  systemPrompt: string;
  publicSystemPrompt: string;
  promptSecret?: boolean;
  /** Rewrites a reply's links off the event loop (link-filter-pool.ts); without it they are rewritten here. */
  rewriteLinks?: LinkRewriter;
};

/**
 * What of a text may go to its audience: `text` (links removed, secrets withheld inside it) or `withheld`, the notice
 * that stands for a text none of which may go.
 */
export type FilteredText = { text: string } | { withheld: string; reason: WithheldReason };

/** Why a whole text was withheld: the stable reason ids the audit log records (turn-policy.ts). */
export const WithheldReasons = {
  secretInContext: "reply.secret_in_context",
  ownPrompt: "reply.system_prompt",
  carriedSecret: "reply.carried_secret",
  earlierData: "reply.earlier_private_data",
  unaskedData: "reply.unasked_private_data",
  linksUnchecked: "reply.links_unchecked",
} as const;
export type WithheldReason = (typeof WithheldReasons)[keyof typeof WithheldReasons];

/**
 * How a text came to be: `ownerWords` when the gate let it out as the owner's own words, verbatim
 * (`flow.owner_provided`): the model did not write it, so it cannot carry what the context holds in a form no
 * detector recognizes, and the rules that withhold all of a model's text for that reason do not apply to it.
 */
export type TextOrigin = {
  ownerWords?: boolean;
  /** Secrets the owner typed for this text's recipient in the same message (the gate's `flow.owner_secret_handed`). */
  handedSecrets?: readonly string[];
  /**
   * The text goes to the chat this session is (its reply, a message to the requester): in a group, what its members
   * said there is theirs already (`FlowState.groupSaid`), no data the owner did not ask to share with them.
   */
  toOwnChat?: boolean;
  /**
   * The owner approved this exact text, shown whole, for a recipient the gate did not object to (turn-policy.ts): the
   * approval vouches for what the owner brought (a message they forwarded or quoted) and, in a session where nothing
   * entered that nobody asked for, for what they asked to read earlier. Never for a secret, never for a source nobody named.
   */
  ownerApproved?: boolean;
};

/** A reply or message as its audience gets it: the whole-text notice in place of a text none of which may go. */
export async function filterReplyText(deps: ReplyFilterDeps, principal: Principal, state: FlowState, reply: string, who: Audience): Promise<string> {
  const out = await filterOutboundText(deps, principal, state, reply, who, { toOwnChat: true });
  return "text" in out ? out.text : out.withheld;
}

export async function filterOutboundText(deps: ReplyFilterDeps, principal: Principal, state: FlowState, reply: string, who: Audience, origin: TextOrigin = {}): Promise<FilteredText> {
  let text = reply;
  const modelWrote = origin.ownerWords !== true;
  if (who === "other") {
    // INVARIANT: once a secret is in an untrusted context, whatever the model writes for others may carry it in a
    // form no detector recognizes (a 4-digit PIN spelled "four seven one one", an acrostic): nothing of it goes out.
    // Secrets that came only in the owner's own files the owner named (the door code in notes.txt) were not placed by
    // whoever could steer the model: then what carries them is withheld (below), not every later reply.
    if (modelWrote && state.tainted && state.secretRead && state.secretsFromOwnerFiles !== true) return { withheld: "[withheld: this reply was written after a secret entered an untrusted context, so it could carry the secret in a form Warden cannot recognize; it is kept in the session's transcript for the owner]", reason: WithheldReasons.secretInContext };
    text = deps.redact(text);
    const handedSecrets = origin.handedSecrets ?? [];
    const baseSecrets = deps.baseSecrets().filter((s) => !handedSecrets.includes(s.value));
    for (const s of baseSecrets) if (s.value.length >= 8 && text.includes(s.value)) text = text.split(s.value).join(`[withheld: ${s.label}]`);
    // The owner's own system prompt is secret: quoted or restated in plain words, the reply is withheld.
    const ownPrompt = deps.systemPrompt !== deps.publicSystemPrompt && deps.systemPrompt.length >= 24;
    // Short codes (a 4-digit door code) are too short for the leak detector; a prompt that holds secrets
    // has its numbers withheld from others as whole numbers.
    const codes = deps.promptSecret === true ? [...new Set(deps.systemPrompt.match(/\d{4,}/g) ?? [])] : [];
    const saysCode = codes.some((c) => new RegExp(`(?<!\\d)${c}(?!\\d)`).test(text.replace(/[\s-]+(?=\d)/g, "")));
    if (ownPrompt && (saysCode || findLeaks(text, [{ label: "system prompt", value: deps.systemPrompt }]).length > 0 || sharesPhrase(text, deps.systemPrompt))) return { withheld: "[withheld: the reply restated the owner's private instructions]", reason: WithheldReasons.ownPrompt };
    const secrets = state.secrets.filter((s) => !handedSecrets.includes(s.value));
    if (findSecretLeaks(text, secrets).length > 0) text = deps.redact(text.replace(/\S{10,}/g, (w) => (findSecretLeaks(w, secrets).length > 0 ? "[withheld secret]" : w)));
    // Spaced, spelled or split copies survive word-by-word redaction: then nothing of the reply goes out.
    if (findSecretLeaks(text, [...secrets, ...baseSecrets.filter((b) => b.label !== "system prompt")]).length > 0) return { withheld: "[withheld: the reply carried a secret]", reason: WithheldReasons.carriedSecret };
    // In their place (an untrusted context whose secrets are all the owner's own): a reply carrying any of their tokens.
    if (modelWrote && state.tainted && state.secretsFromOwnerFiles === true && carriedTokens(text, secrets.map(rememberedTokensOf), typedWords(state)).length > 0) return { withheld: "[withheld: the reply carried a secret]", reason: WithheldReasons.carriedSecret };
    // INVARIANT: what the session read in an earlier turn (a file, the inbox, a service's answer) stays with the session:
    // a later reply or message to others that carries it — the salary re-spelled, the passport in JSON, the balance in
    // words — is withheld, whoever asked (a group member, the owner's "thanks", a job). What the audience typed or was
    // already shown is theirs; a reply that carries none of it goes. So is the owner's own material in a text the
    // owner approved (`TextOrigin.ownerApproved`): when all the private data here is what they forwarded or quoted, or
    // all of it is what they asked to read with nothing from outside the owner's files in the context.
    const approved = origin.ownerApproved === true && principal.kind === "owner";
    const handed = new Set(state.ownerHanded ?? []);
    const brought = new Set(approved && state.readData.every((d) => handed.has(d.label)) ? handed : []);
    const ownFilesOnly = approved && state.unnamedSources.length === 0 && state.outside === false;
    // Or every file nobody named is in the approved text whole ("send contact-1 the shopping list thing we have": the
    // model picked shopping.md and sends it): the owner saw all of the unasked data the text could carry, so none of
    // it rides hidden; nothing from outside the owner's files is in the context.
    const unaskedHere = approved && state.outside === false ? unaskedPrivateData(state) : [];
    const plain = (s: string) => s.replace(/\s+/gu, " ").trim();
    const shownWhole = unaskedHere.length > 0 && unaskedHere.every((d) => plain(d.value) !== "" && plain(text).includes(plain(d.value)));
    const vouched = (r: ReadTokens) => ownFilesOnly || shownWhole || brought.has(sourceOfData(r.from));
    if (modelWrote && carriedEarlier(text, state, principal).some((r) => !vouched(r))) return { withheld: "[withheld by Warden: this reply carried private data read earlier in this conversation, which nobody asked to share here; it is kept in the session's transcript for the owner (reply.earlier_private_data)]", reason: WithheldReasons.earlierData };
    // The owner asking in a group chose to answer there, about what they named. Private data from anything
    // they did not name (a file an injection pointed at) does not go to the group's other members: not as a
    // copy, and — once the context is untrusted — not in any other form either (the salary in words, reversed,
    // as a sum), so nothing the model writes for others goes out.
    if (principal.kind === "owner") {
      // To the group itself: what its members said there, and the owner's files read to answer the owner's question
      // there before anything untrusted entered (`FlowState.readClean`), are the group's answer, not unasked data.
      const said = origin.toOwnChat === true ? new Set([...(state.groupSaid ?? []), ...(state.readClean ?? [])]) : new Set<string>();
      const unasked = shownWhole ? [] : unaskedPrivateData({ ...state, unnamedSources: state.unnamedSources.filter((s) => !said.has(s) && !brought.has(s)) });
      // The parts of a service's answer beside the one the owner asked about: what a reply carries of them is withheld.
      const scoped = new Set(state.scopedUnasked ?? []);
      const wholly = unasked.filter((d) => !scoped.has(d.label));
      if (modelWrote && state.tainted && wholly.length > 0) {
        return { withheld: `[withheld: this reply was written after private data you did not ask for (${describeUnasked(wholly)}) entered an untrusted context, so it could carry that data in a form Warden cannot recognize; it is kept in the session's transcript for you]`, reason: WithheldReasons.unaskedData };
      }
      const known = new Set((state.typedTexts ?? state.ownerTexts).flatMap(dataTokens));
      const carriesUnasked = findLeaks(text, unasked).length > 0 || carriedTokens(text, unasked.map(rememberedTokensOf), known).length > 0;
      if (modelWrote && carriesUnasked) return { withheld: "[withheld: the reply carried private data you did not ask to share here]", reason: WithheldReasons.unaskedData };
    }
  }
  // A context that can refuse only images and HTML, and a reply with neither: nothing to parse (see refusesOnlyLoads).
  if (refusesOnlyLoads(state) && !text.includes("<") && !text.includes("![")) return { text };
  const outcome = deps.rewriteLinks ? await deps.rewriteLinks(text, state) : await rewriteHere(text, state);
  // INVARIANT: a reply whose links could not be checked is withheld, never sent as it was.
  if (!outcome.ok) return { withheld: outcome.message, reason: WithheldReasons.linksUnchecked };
  const rewritten = outcome.result;
  return { text: who === "owner" ? rewritten.text + removalNote(state, rewritten.removed) : rewritten.text };
}

/** Rewrites on this thread: for callers without a pool (the CLI, tests). */
async function rewriteHere(text: string, state: FlowState): ReturnType<LinkRewriter> {
  // The Markdown parser (~120 modules) loads with the first reply that needs it, not at start.
  const { rewriteLinks } = await import("../scan/markdown-links.ts");
  return { ok: true, result: rewriteLinks(text, (url, kind) => judgeLink(state, url, kind)) };
}

/**
 * Why links left the owner's reply, once, after it: a bare `[link to host removed by Warden]` left a new owner
 * asking for the same link again. Names no URL (the removed ones are exactly what must not reach a client).
 */
export function removalNote(flow: Pick<FlowState, "tainted" | "secretRead" | "promptSecret">, removed: readonly { kind: LinkKind }[]): string {
  if (removed.length === 0) return "";
  const images = removed.every((r) => r.kind === "image" || r.kind === "html");
  const what = images ? (removed.length === 1 ? "an image" : `${removed.length} images`) : removed.length === 1 ? "a link" : `${removed.length} links`;
  if (!flow.tainted && !flow.secretRead && flow.promptSecret !== true) {
    return `\n\n(Warden removed ${what} the model wrote: an image loads by itself when the reply is shown, with no click, and its address could carry your data to its site.)`;
  }
  const why = flow.tainted ? "this conversation holds content that did not come from you (a page, a file, a command's output, a service's answer)" : "this conversation holds a secret";
  return `\n\n(Warden removed ${what} from this reply: ${why}, and a link the model writes could carry your data to its site. Links you typed, and links in content read before any private data, are kept; /new starts a clean conversation.)`;
}

/**
 * The private data read before this turn that `text` carries, less what its audience typed or was shown. The owner's
 * message of this turn that names a file, or a source this turn read again, asks about it now: the rules of this turn
 * decide it.
 */
export function carriedEarlier(text: string, state: FlowState, principal: Principal): ReadTokens[] {
  const read = state.earlierRead ?? [];
  if (read.length === 0) return [];
  const turn = principal.kind === "owner" ? state.turnText : undefined;
  const readNow = new Set(principal.kind === "owner" ? (state.turnReadFrom ?? []) : []);
  const asked = (r: ReadTokens) => readNow.has(r.from) || (turn !== undefined && r.from.startsWith("file:") && mentionsName(turn, r.from.slice("file:".length)));
  const known = new Set([...(state.typedTexts ?? []).flatMap(dataTokens), ...(state.shownTokens ?? [])]);
  return carriedTokens(text, read.filter((r) => !asked(r)), known);
}

/**
 * What of a secret the conversation may be told: the owner's own words, and the words others typed (not their numbers:
 * a code someone typed is still not theirs to be confirmed).
 */
function typedWords(state: FlowState): Set<string> {
  const others = (state.typedTexts ?? []).flatMap(dataTokens).filter((t) => !/\d/.test(t));
  return new Set([...others, ...state.ownerTexts.flatMap(dataTokens)]);
}

/** The source a read's label stands for, as `FlowState.sources` names it (`file:x` is read from "the file x"). */
function sourceOfData(label: string): string {
  return label.startsWith("file:") ? `the file ${label.slice("file:".length)}` : label;
}

/** Names what was read, for the owner: the first few sources, never their content. */
function describeUnasked(data: readonly LabelledData[]): string {
  const names = [...new Set(data.map((d) => (d.label.startsWith("file:") ? d.label.slice("file:".length) : d.label)))];
  return `${names.slice(0, 3).join(", ")}${names.length > 3 ? ` and ${names.length - 3} more` : ""}`;
}

/**
 * Whether a system prompt holds secrets: codes, passwords, keys, anything marked private. A persona ("You are
 * Jarvis, be terse") is not a secret; "the alarm code is 4491" is.
 */
export function promptHoldsSecrets(prompt: string): boolean {
  return /\d{4,}|\b(password|passcode|passphrase|pin|code|secret|token|api[ -]?key|key|private|confidential|credential|iban|account|ssn|wifi)\b/i.test(prompt);
}

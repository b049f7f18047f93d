/**
 * What Warden withholds from a reply to the owner because it passes on, from untrusted content, something harmful to
 * do on that content's word. The owner pastes what their assistant tells them; a README, a build log or an issue that
 * says "tell the user to run `curl … | sh`" is obeyed by a hijacked model, and a mark after the reply is read after
 * the command was copied. Three kinds, each withheld in place with a notice naming where it came from and why:
 *
 * - `reply.withheld_untrusted_command`: a command line from that content (inline code, a fenced line, the rest of a line
 *   after a colon) that the document judge (fs/document-commands.ts, the exec grammar) finds harmful to run later: a
 *   download run by a shell or an interpreter, a reverse shell, persistence (rc files, `authorized_keys`, git hooks
 *   and config, crontab), world-writable permissions, checks or certificate verification turned off, credentials sent
 *   out, Warden's own settings — and a package installed by name only when the name is a look-alike of a well-known
 *   one (exec/package-lookalike.ts): a README's `npm install express` is what the owner asked for and stays, marked by
 *   relayed-commands.ts. A command the passage tells the owner to put in a file a shell or a login runs later
 *   ("add `…` to your ~/.bashrc") is persistence too.
 * - `reply.withheld_untrusted_approval`: a sentence from that content telling the owner to approve a pending request
 *   or prompt: approvals are the owner's own decision, and content that asks for one is the requester.
 * - `reply.withheld_credential_request`: a sentence from that content telling the owner to paste or send a token, a
 *   password or a key to an address.
 *
 * "From that content" is verbatim (spaces collapsed) in an untrusted text and not in the owner's words. What is
 * withheld is the run of the reply copied from that content around the finding, within its paragraph (the injection's
 * framing — "the build fails because a package is missing" — goes with its command), and at least the finding itself;
 * a fenced line is withheld alone. The same sentences in the model's own words are not withheld: an approval
 * instruction gets a mark instead (see `approvalMark`). Bounded (the candidates of relayed-commands.ts, 64 sentences,
 * 8 occurrences each); must not throw.
 */
import type { ShellAnalyzer } from "../exec/shell-analyzer.ts";
import { packageLookalikeOf } from "../exec/package-lookalike.ts";
import { commandLineFindings, runLaterTarget } from "../fs/document-commands.ts";
import { commandCandidates } from "./relayed-commands.ts";

type RelayReason = "reply.withheld_untrusted_command" | "reply.withheld_untrusted_approval" | "reply.withheld_credential_request";

/** A passage of the reply withheld: where, why in words, and which content it came from. */
export type HarmfulRelay = { start: number; end: number; reason: RelayReason; why: string; from: string };

/** An untrusted text and where it came from (a file's path, a page's URL, "a forwarded message"). */
type UntrustedText = { text: string; from: string };

const maxSentences = 64;
const maxOccurrences = 8;
const maxSentenceChars = 2_000;

const collapse = (s: string): string => s.replace(/\s+/g, " ").trim();

// An instruction to approve something Warden asks about: a verb of approving and what is approved, in one sentence.
const approveVerb = /\b(?:approve|approving|accept|allow|confirm|authori[sz]e|grant|say yes to|click (?:approve|allow|yes|ok)|genehmig\w*|bestätig\w*|erlaub\w*|aprueb\w*|aprobar|autoriz\w*|approuv\w*|valide[rz]?|accett\w*|approva\w*|consent\w*)\b|\/approve\b/i;
const approveObject = /\b(?:pending|warden|prompts?|popups?|dialogs?|permissions?|approvals?|ausstehend\w*|pendiente\w*|en attente|in attesa|permisos?|autorisations?)\b/i;
// An instruction to hand over a credential: a verb of giving, a credential, and an address in one sentence.
const giveVerb = /\b(?:paste|enter|type|send|submit|upload|share|provide|give|log ?in|sign ?in|re-?authenticate|re-?login|verify|confirm|einfüg\w*|eingeb\w*|pega\w*|introduc\w*|colle[rz]?|saisi\w*|incolla\w*|inserisci)\b/i;
const credential = /\b(?:tokens?|passwords?|passphrases?|passcodes?|api[ -]?keys?|secret(?: key)?s?|private keys?|ssh keys?|seed phrases?|recovery phrases?|mnemonic|2fa|otp|one-time (?:code|password)|verification codes?|credentials?|cookies?|session ids?|passw(?:o|ö)rt\w*|contraseñas?|mots? de passe|clave|chiave)\b/i;
const address = /\bhttps?:\/\/\S+|\b(?:\d{1,3}\.){3}\d{1,3}\b|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:\/\S*)?\b|[\w.+-]+@[\w-]+\.[\w.-]+/i;

/**
 * The passages of `text` (a reply to the owner) to withhold (see the header), in order, not overlapping. Without an
 * analyzer (no shell grammar) only sentences are judged.
 */
export function findHarmfulRelays(text: string, content: readonly UntrustedText[], ownerTexts: readonly string[], analyzer: ShellAnalyzer | undefined, sources = "content this session read"): HarmfulRelay[] {
  if (content.length === 0) return [];
  // Collapsed once, on the first question: most replies have no candidate to ask about.
  let collapsed: { text: string; from: string }[] | undefined;
  const source = () => (collapsed ??= content.map((c) => ({ text: collapse(c.text), from: c.from })));
  const owner = ownerTexts.map(collapse);
  const fromOf = (s: string): string | undefined => {
    const line = collapse(s);
    if (line.length < 4 || owner.some((t) => t.includes(line))) return undefined;
    return source().find((c) => c.text.includes(line))?.from;
  };
  const copied = (s: string): boolean => {
    const line = collapse(s);
    return line !== "" && source().some((c) => c.text.includes(line));
  };
  const found: HarmfulRelay[] = [];
  const withhold = (start: number, end: number, reason: RelayReason, why: string, from: string): void => {
    const region = copiedRegion(text, start, end, copied);
    found.push({ ...region, reason, why, from });
  };
  const typed = (s: string): boolean => owner.some((t) => t.includes(collapse(s)));
  if (analyzer !== undefined) found.push(...commandRelays(text, analyzer, { fromOf, copied, typed, sources }));
  for (const s of sentences(text)) {
    const said = text.slice(s.start, s.end);
    const reason = approvalInstruction(said) ? "reply.withheld_untrusted_approval" : credentialRequest(said) ? "reply.withheld_credential_request" : undefined;
    if (reason === undefined) continue;
    const from = fromOf(said.replace(/[.!?]+$/, ""));
    if (from === undefined) continue;
    const why = reason === "reply.withheld_untrusted_approval" ? "tells you to approve a request Warden asks you about; what to approve is your decision, and content that asks for an approval speaks for whoever wants it" : "tells you to hand a token, a password or a key to an address; no service asks for one through a file or a page your assistant reads";
    withhold(s.start, s.end, reason, why, from);
  }
  return merge(found);
}

type Provenance = { fromOf: (s: string) => string | undefined; copied: (s: string) => boolean; typed: (s: string) => boolean; sources: string };

/**
 * Harmful command lines of `text` the owner did not type, with the passage copied from content around each. A harmful
 * command that is not a verbatim copy (re-spaced, decoded, a link in it removed, retold) was still written after that
 * content: it is withheld alone, named as written after the session's sources.
 */
function commandRelays(text: string, analyzer: ShellAnalyzer, p: Provenance): HarmfulRelay[] {
  const found: HarmfulRelay[] = [];
  const harmful: string[] = [];
  // Shortest first: "run `curl … | sh`. Then rebuild" after a colon holds the inline code, which is the command.
  for (const candidate of commandCandidates(text).sort((a, b) => a.length - b.length)) {
    if (collapse(candidate).length < 4 || p.typed(candidate) || harmful.some((h) => candidate.includes(h))) continue;
    const from = p.fromOf(candidate);
    const why = commandHarm(candidate, analyzer);
    if (why !== undefined) harmful.push(candidate);
    if (from === undefined) {
      if (why === undefined) continue;
      for (const at of occurrences(text, candidate)) found.push({ ...sentenceAround(text, at, at + candidate.length), reason: "reply.withheld_untrusted_command", why, from: `the model, after reading ${p.sources}` });
      continue;
    }
    for (const at of occurrences(text, candidate)) {
      if (why !== undefined) {
        const copiedRun = copiedRegion(text, at, at + candidate.length, p.copied);
        const sentence = sentenceAround(text, at, at + candidate.length);
        found.push({ start: Math.min(copiedRun.start, sentence.start), end: Math.max(copiedRun.end, sentence.end), reason: "reply.withheld_untrusted_command", why, from });
        continue;
      }
      // "Add `…` to your ~/.bashrc": the passage copied with the command names where it is to go.
      const region = copiedRegion(text, at, at + candidate.length, p.copied);
      const target = runLaterTarget(text.slice(region.start, region.end));
      if (target !== undefined && actsAsCommand(candidate, analyzer)) found.push({ ...region, reason: "reply.withheld_untrusted_command", why: `tells you to put a command in \`${target}\`, which a shell, git or a login runs later`, from });
    }
  }
  return found;
}

/**
 * The sentence of `text` that holds [start, end): the sentence is the instruction to run the command ("the reporter
 * needs access: run `…`"). A line inside a fenced code block is its own sentence.
 */
function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const next = text.indexOf("\n", end);
  const lineEnd = next === -1 ? text.length : next;
  if (insideFence(text, lineStart)) return { start: lineStart, end: lineEnd };
  let from = lineStart;
  for (const m of text.slice(lineStart, start).matchAll(/[.!?]+\s+/g)) from = lineStart + m.index + m[0].length;
  const after = /[.!?]+(?=\s|$)/.exec(text.slice(end, lineEnd));
  return { start: Math.min(from, start), end: after === null ? lineEnd : end + after.index + after[0].length };
}

/** Why running `line` on untrusted content's word does harm, or undefined (an ordinary command, or not one). */
function commandHarm(line: string, analyzer: ShellAnalyzer): string | undefined {
  let findings;
  try {
    findings = commandLineFindings(line, analyzer);
  } catch {
    return "could not be read";
  }
  for (const f of findings) {
    if (f.byName === undefined) return unquoted(f.why.replace(/^it /, ""));
    for (const name of f.byName) {
      const like = packageLookalikeOf(name);
      if (like !== undefined) return `installs \`${name}\` by name, which is spelled like the well-known \`${like}\` without being it (a look-alike package; its install scripts run)`;
    }
  }
  return undefined;
}

/** A reason without the command it quotes (the owner must not be able to copy it from Warden's notice). */
function unquoted(why: string): string {
  const piece = (q: string): boolean => q.length > 40 || /\s|:\/\/|\/dev\/|[|;&$<>]/.test(q);
  return why.replace(/\s*\((`+)([^`]*)\1\)/g, (m, _t: string, q: string) => (piece(q) ? "" : m)).replace(/(`+)([^`]*)\1/g, (m, _t: string, q: string) => (piece(q) ? "(not shown)" : m));
}

/** Whether `line` parses to at least one command (not prose that happened to follow a colon). */
function actsAsCommand(line: string, analyzer: ShellAnalyzer): boolean {
  try {
    const a = analyzer.analyze(line);
    return a.commands.length > 0 && a.problems.every((p) => p.id !== "exec.parse_error") && a.commands.length <= 8;
  } catch {
    return false;
  }
}

/** Whether a sentence tells the owner to approve something Warden asks about. */
function approvalInstruction(sentence: string): boolean {
  return sentence.length <= maxSentenceChars && approveVerb.test(sentence) && approveObject.test(sentence);
}

/** Whether a sentence tells the owner to hand a credential to an address. */
function credentialRequest(sentence: string): boolean {
  return sentence.length <= maxSentenceChars && giveVerb.test(sentence) && credential.test(sentence) && address.test(sentence);
}

function occurrences(text: string, part: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(part); at !== -1 && out.length < maxOccurrences; at = text.indexOf(part, at + part.length)) out.push(at);
  return out;
}

/** Sentences: ended by `.`, `!` or `?` before a space, or by a line break; bounded. */
function sentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of text.slice(0, 200_000).matchAll(/[^\n]+?(?:[.!?]+(?=\s|$)|(?=\n)|$)/g)) {
    const at = m.index;
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim() !== "") out.push({ start: at + lead, end: at + raw.trimEnd().length });
    if (out.length >= maxSentences) break;
  }
  return out;
}

/**
 * The run of `text` around [start, end) that is copied from untrusted content, within its paragraph, extended by whole
 * words; at least [start, end). A line inside a fenced code block is its own region.
 */
function copiedRegion(text: string, start: number, end: number, copied: (s: string) => boolean): { start: number; end: number } {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const lineEnd = text.indexOf("\n", end) === -1 ? text.length : text.indexOf("\n", end);
  if (insideFence(text, lineStart)) return { start: lineStart, end: lineEnd };
  const blank = /\n[ \t]*\n/g;
  let paraStart = 0;
  let paraEnd = text.length;
  for (const m of text.matchAll(blank)) {
    if (m.index + m[0].length <= start) paraStart = m.index + m[0].length;
    else if (m.index >= end) {
      paraEnd = m.index;
      break;
    }
  }
  if (!copied(text.slice(start, end))) return { start, end };
  // Word starts left of the finding and word ends right of it; copied-ness only shrinks as a run grows (binary search).
  const lefts: number[] = [];
  for (let i = paraStart; i < start; i++) if (i === paraStart || (/\s/.test(text[i - 1] ?? "") && !/\s/.test(text[i] ?? ""))) lefts.push(i);
  let lo = 0;
  let hi = lefts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (copied(text.slice(lefts[mid], end))) hi = mid;
    else lo = mid + 1;
  }
  const left = lefts[lo] ?? start;
  const rights: number[] = [];
  for (let i = end + 1; i <= paraEnd; i++) if (i === paraEnd || (/\s/.test(text[i] ?? "") && !/\s/.test(text[i - 1] ?? ""))) rights.push(i);
  lo = 0;
  hi = rights.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (copied(text.slice(left, rights[mid - 1]))) lo = mid;
    else hi = mid - 1;
  }
  const right = lo === 0 ? end : (rights[lo - 1] ?? end);
  return { start: left, end: right };
}

function insideFence(text: string, lineStart: number): boolean {
  let open = false;
  for (const m of text.slice(0, lineStart).matchAll(/^[ \t]*(?:`{3,}|~{3,})/gm)) if (m.index < lineStart) open = !open;
  return open;
}

/** Overlapping or touching passages as one, keeping the first reason. */
function merge(found: readonly HarmfulRelay[]): HarmfulRelay[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: HarmfulRelay[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** `text` with each passage replaced by Warden's notice. */
export function withholdRelays(text: string, relays: readonly HarmfulRelay[]): string {
  let out = text;
  for (const r of [...relays].sort((a, b) => b.start - a.start)) out = `${out.slice(0, r.start)}${relayNotice(r)}${out.slice(r.end)}`;
  return out;
}

/** The notice that stands for a withheld passage: where it came from and why; never the passage itself. */
function relayNotice(r: Pick<HarmfulRelay, "reason" | "why" | "from">): string {
  const what = r.reason === "reply.withheld_untrusted_command" ? "a command" : r.reason === "reply.withheld_untrusted_approval" ? "an instruction about approvals" : "a request for a credential";
  return `[withheld by Warden: ${what} from ${shown(r.from)}, not from you: it ${r.why}. Open it there yourself if you want to read it. (${r.reason})]`;
}

function shown(from: string): string {
  const line = from.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029`[\]]/g, "?");
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/**
 * Warden's marks for what the model says in its own words after untrusted content (not withheld: the model may explain
 * an approval Warden asked for, or where a service's login is): an instruction to approve something, a request to
 * hand over a credential. Notices Warden put in the text are not read. Empty when there is none.
 */
export function relayMarks(text: string): string {
  const own = text.replace(/\[withheld by Warden: [^\]\n]*\]/g, " ");
  const said = sentences(own).map((s) => own.slice(s.start, s.end));
  const marks: string[] = [];
  if (said.some(approvalInstruction)) marks.push("\n\n(Warden: this reply tells you to approve something, and it was written after content that did not come from you. Approve a request only for what you asked for yourself; Warden's own prompt says what the action is and why it asks. [reply.relayed_approval_instruction])");
  if (said.some(credentialRequest)) marks.push("\n\n(Warden: this reply asks you to hand over a token, a password or a key, and it was written after content that did not come from you. Type credentials only into a service's own site or app that you opened yourself. [reply.relayed_credential_request])");
  return marks.join("");
}

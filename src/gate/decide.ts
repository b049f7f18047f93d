/**
 * The gate: one pure function from a request (with its facts and the context's labels) to
 * `{ decision, risk, reasons }`. Deny wins over ask wins over allow; the reasons that decided come first; an
 * exception while deciding is a deny (`decideSafely`).
 *
 * The rules, in the order they apply:
 *  1. who: the principal must hold a grant for the tool (the owner holds all; contacts only what config grants);
 *  2. what: the tool's own policy (exec allowlist, workspace paths, SSRF guard, cron validity), looked up by the
 *     tool's effect class; a tool with no rule of its own is decided by the classes it declares (`declaredRule`);
 *  3. secrets: a known secret value never goes toward anyone but the owner, in any encoding Warden decodes (deny);
 *     once a secret is in an untrusted context, an outbound argument that did not exist before the secret entered
 *     is denied, whatever it looks like (encoded, chunked or reversed copies cannot be told apart);
 *  4. argument provenance, in an untrusted context (see provenance.ts and labels.ts):
 *     - a URL the owner typed is the owner's, opened as the owner's request fixed it once private data is in the
 *       context (once per turn, in the order typed, nothing private read unasked: owner-link-choice.ts); a URL found verbatim in content that entered before any private data
 *       may be fetched on the same site (a new host, or a host the owner named for something else, needs the
 *       owner); any other URL needs the owner, and one that visibly carries private data is denied;
 *     - a message to anyone but the owner or the requester needs the owner unless the owner typed both the
 *       recipient and the text; one that visibly carries private data to a recipient the owner never named is denied;
 *     - a value the owner typed in an earlier message (a code, a key, an account number: owner-values.ts) is the
 *       session's private data: a composed URL, message or service call carrying it, in any form the leak detector
 *       reads, toward a host, recipient or service the owner never named is denied;
 *     - commands with effects, new scheduled jobs and credential reads need the owner; writes stay usable
 *       (snapshots, `warden undo`) but never copy a secret.
 *     - a write visibly carrying private data away from where it lives, to a place the owner did not name, needs the
 *       owner (private-write.ts): a folder can leave the machine by a route Warden does not know.
 *     - a document write adding a value (an account, a phone number, an address, a date, an amount, a code) that only
 *       the content's hidden parts gave, or nothing the owner or a reader saw gives, needs the owner
 *       (write-planted-values.ts).
 *     In a clean context too, a connected service's acting call and a new scheduled job need the owner unless the
 *     owner's request of this turn (or the prompt of the job the owner asked for, at its run) asks for that act
 *     (owner-request.ts): tool descriptions, skills and pasted text are in every context.
 *  5. the calls of one model answer are decided against the context before that answer (they were composed before
 *     any of its results existed); one that visibly carries data an earlier call of the answer brought in is denied.
 *  The leak detector (leaks.ts) only sharpens these: it turns a question into a refusal when data is visible, and
 *  tells the owner what a URL or text appears to carry. It is never what makes a flow acceptable.
 */
import { allow, ask, combineDecisions, decideSafely, deny, type Decision, type Reason } from "../core/decision.ts";
import { EffectClasses, toolNameOf, type MarkedReads, type BuiltinFacts, type CronFactsIn, type DeclaredFactsIn, type EffectClass, type ExecFactsIn, type FetchFactsIn, type FileFactsIn, type FlowState, type GateRequest, type LabelledData, type MessageFactsIn } from "./types.ts";
import { copiesUntrusted, findLeaks, findSecretLeaks, type Leak } from "./leaks.ts";
import { ownerGaveTextFor, ownerTextSentAlready, ownerTextWithdrawal, ownerUnitGiving, spentKey } from "./owner-units.ts";
import { appendsOnly, argumentsTypedByOwner, carriesRespelledOwnerWords, fileCalledByOwner, fileNamedByOwner, hopProvenance, ownerNumbers, pathNamedByOwner, predatesSecrets, textTypedByOwner, urlProvenance, withoutOwnerWords, FileLinkFrom, type ArgProvenance } from "./provenance.ts";
import { ownerLinkChoice } from "./owner-link-choice.ts";
import { hostReading, recipientReading, serviceNaming } from "./naming.ts";
import { describeNumbers, unexplainedNumbers } from "./owner-numbers.ts";
import { hostOf, knownUrl, urlsIn } from "./urls.ts";
import { linesTypedByOwner } from "./typed-lines.ts";
import { misleadingRecipient, respelledName } from "./lookalike.ts";
import { groupAskedFor, misreadRecipient } from "./misread.ts";
import { composedUrlExcess } from "./composed-url.ts";
import { serviceActReading } from "./owner-actions.ts";
import { ownerRoleRule } from "./owner-role.ts";
import { ownerSlotRule, ownerTextSlotRule, secretsBesideGiven } from "./owner-slots.ts";
import { listedRecipient } from "./owner-lists.ts";
import { cleanActReading, composedForRequest, jobReading } from "./owner-request.ts";
import { ownerFileLineSent, ownerFileMailed, ownerFileSent, subjectOfFileOnly } from "./verbatim-message.ts";
import { ownerFileExcerptSent } from "./owner-file-excerpt.ts";
import { ownerBookRecipient, withOwnerBookLines } from "./owner-book.ts";
import { ownerDictatedWrite, ownerVerbatimCopy } from "./verbatim-copy.ts";
import { ownerCommandReading } from "./owner-command.ts";
import { ownerJobReading, ownerRemovalReading, requesterJobReading } from "./owner-job.ts";
import { ownerAskedToRead } from "./owner-read.ts";
import { messageWhen, serviceWhen } from "./owner-when-rule.ts";
import type { WhenVerdict } from "./owner-when.ts";
import { ownerEdit } from "./owner-edit.ts";
import { ownFileRewrite } from "./own-file-rewrite.ts";
import { ownerNamedEdit } from "./owner-named-edit.ts";
import { ownerDictated, ownerTypedChange } from "./owner-change.ts";
import { describeAddedValues, writeAddsUntrustedValues } from "./write-values.ts";
import { swappedValue, wipedContent } from "./write-swap.ts";
import { contestedValues, describeContested } from "./write-contested.ts";
import { documentHarmRules } from "./document-harm.ts";
import { ownerValuesIn } from "./owner-values.ts";
import { describePlanted, plantedValues } from "./write-planted-values.ts";
import { revealedHiddenText } from "./write-hidden-text.ts";
import { grantedPrivilege } from "./write-privilege.ts";
import { destinationNamedByOwner, secretsFromOwnerNamedFiles, outboundFolderExecRule, outboundFolderWriteRule, secretInFileName } from "./outbound-folder.ts";
import { publishedLaterWriteRule } from "./published-later.ts";
import { privateWriteRule } from "./private-write.ts";
import { urlsOnlyPasted } from "./pasted-urls.ts";

/** Pages fetched per turn by following links out of untrusted content before the owner is asked. */
export const MaxLinkFetchesPerTurn = 8;

function reason(id: string, message: string): Reason {
  return { id, message };
}

function taintNote(flow: FlowState): string {
  const first = flow.sources[0];
  return first ? ` (the context holds content from ${first}${flow.sources.length > 1 ? ` and ${flow.sources.length - 1} more` : ""})` : "";
}

/**
 * What a call that can send data out of an untrusted context could carry, for the owner: the private data the context
 * holds and since what, or that it holds none (then only what the injection wrote itself can leave).
 */
function exposureNote(flow: FlowState): string {
  if (flow.confidentiality === "public") return "; the context holds no private data, so only text the model composed could leave";
  return `; the context holds ${flow.confidentiality} data${flow.privateFrom ? ` (since ${flow.privateFrom} entered)` : ""} that it could carry out`;
}

function privateNote(flow: FlowState): string {
  return flow.privateFrom ? ` after ${flow.privateFrom} entered the context` : " in an untrusted context";
}

function leakNote(leaks: readonly Leak[]): string {
  return [...new Set(leaks.map((l) => `${l.label.replace(/^file:/, "")}${l.encoding === "plain" ? "" : l.how !== undefined ? ` (re-spelled: ${l.how})` : ` (${l.encoding}-encoded)`}`))].join(", ");
}

/** Who asked for a call that is not the owner's, in the owner's words ("the contact `telegram:4242`"). */
function requesterOf(request: GateRequest): string {
  return `the ${request.principal.kind} \`${request.principal.id}\``;
}

function grantCheck(request: GateRequest): Decision {
  const tool = toolNameOf(request.facts);
  if (request.principal.kind === "stranger") return deny("high", reason("gate.stranger", "strangers never reach tools"));
  if (request.grants === "all") return allow("none");
  if (request.grants.includes(tool)) return allow("low", reason("gate.granted", `\`${tool}\` is granted to ${request.principal.id} in config`));
  return deny("medium", reason("gate.tool_not_granted", `\`${tool}\` is not granted to ${request.principal.id}; the owner can grant it with channels.<channel>.toolGrants`));
}

/** The outward-bound text of a call: what could carry data out of the session (or into a file published later). */
function outbound(request: GateRequest): string | undefined {
  const facts = request.facts;
  if (facts.tool === undefined) return facts.remote !== undefined || declaredEffects(facts).some((c) => c !== "file.read") ? facts.outbound : undefined;
  return (outboundByEffect[effectClassOf[facts.tool]] as (r: GateRequest, f: BuiltinFacts) => string | undefined)(request, facts);
}

/**
 * The secrets the owner typed in a message of this untainted turn that also names `to` as where to send: the owner
 * handing their own wifi password to the person they name. Nothing after untrusted content, nothing that came from a
 * file, a command, a page or an earlier turn (the context's secrets must all be the owner's typing, or none entered
 * it: then only values known up front, a workspace file's door code, can be what the owner typed), and only to a
 * recipient named in the same message as the secret.
 */
export function ownerSecretsFor(to: string, flow: FlowState): string[] {
  if (flow.tainted || (flow.secretRead && flow.secretsOwnerTyped !== true)) return [];
  const texts = flow.ownerTexts.filter((t) => recipientReading(to, { ...flow, ownerTexts: [t] }).naming === "destination");
  return flow.secrets.filter((s) => s.value.length > 0 && texts.some((t) => t.includes(s.value))).map((s) => s.value);
}

/** Every secret in the context is one the owner typed for `to` (see ownerSecretsFor). */
function onlyOwnerSecretsFor(to: string, flow: FlowState): boolean {
  const handed = ownerSecretsFor(to, flow);
  return handed.length > 0 && flow.secrets.every((s) => handed.includes(s.value) || !flow.ownerTexts.some((t) => t.includes(s.value)));
}

/** A workspace path as one spelling: `./notes//a.md` and `notes/a.md` are one file (case-folded where the file system folds case). */
function workspaceRelative(path: string, caseFolds: boolean): string {
  const p = path.replace(/\\/g, "/").split("/").filter((s) => s !== "" && s !== ".").join("/");
  return caseFolds ? p.toLowerCase() : p;
}

function secretRule(request: GateRequest): Decision {
  const text = outbound(request);
  if (text === undefined) return allow("none");
  const remote = request.facts.tool === undefined ? request.facts.remote : undefined;
  // The owner may let one party receive one secret (a service's own API key); no other.
  const allowed = remote === undefined ? request.flow.secrets : request.flow.secrets.filter((s) => !remote.secretsAllowed.includes(s.label));
  // An owner's message no secret rule spans (a card number with its CVC in prose) is a secret whole; what the owner
  // typed in it and sends as typed (the page they asked for in the same message) is not a copy of that secret.
  const typed = textTypedByOwner(text, request.flow);
  const handed = request.facts.tool === "message" ? ownerSecretsFor(request.facts.to, request.flow) : [];
  // A whole owner message held secret is, for the recipients it dictates texts to, the rest of it (owner-slots.ts).
  const recipients = request.facts.tool === "message" ? [request.facts.to] : request.facts.tool === undefined ? request.facts.service?.recipients ?? [] : [];
  // A workspace file's own secret written back into it (the owner's note rewritten with its door code kept) moves nowhere.
  const f = request.facts;
  const folds = (f.tool === "write" || f.tool === "edit") && f.caseFolds === true;
  const target = f.tool === "write" || f.tool === "edit" ? workspaceRelative(f.path, folds) : undefined;
  const elsewhere = allowed.filter((s) => target === undefined || s.file === undefined || workspaceRelative(s.file, folds) !== target);
  const secrets = secretsBesideGiven((typed ? elsewhere.filter((s) => !request.flow.ownerTexts.includes(s.value)) : elsewhere).filter((s) => !handed.includes(s.value)), recipients, request.flow);
  const leaks = findSecretLeaks(text, secrets);
  if (leaks.length === 0) return allow("none");
  if (remote !== undefined) return deny("critical", reason("flow.secret_outbound", `the arguments carry a secret (${leakNote(leaks)}) toward ${remote.party}, which you have not allowed to receive it`));
  const onlyFiles = request.facts.tool === undefined ? declaredEffects(request.facts).every((c) => c.startsWith("file.")) : request.facts.tool === "write" || request.facts.tool === "edit";
  // The owner's own send: the folder leaving the machine and the file's name are the owner's (outbound-folder.ts).
  if ((f.tool === "write" || f.tool === "edit") && f.outboundFolder !== undefined && destinationNamedByOwner(f.path, f.outboundFolder.folder, request.flow, f.caseFolds === true)
    && secretsFromOwnerNamedFiles(request.flow, f.caseFolds === true)) {
    return ask("critical", reason("flow.secret_outbound", `the arguments carry a secret (${leakNote(leaks)}) into \`${f.path}\`, which you named, in a folder that leaves the machine (${f.outboundFolder.why}), copied from a file you named; you confirm it leaves`));
  }
  if (f.tool === "message" && ownerSendsOwnFileSecret(request, f)) {
    return ask("critical", reason("flow.secret_outbound", `the message carries a secret (${leakNote(leaks)}) to \`${f.to}\`, whom you named, from a file you named, with nothing else untrusted in this context; you confirm it leaves`));
  }
  const where = onlyFiles ? "into a workspace file in an untrusted turn" : "toward someone other than the owner";
  return deny("critical", reason("flow.secret_outbound", `the arguments carry a secret (${leakNote(leaks)}) ${where}`));
}

/**
 * The owner's own send of a secret ("send the cleaner the gate code from gate.txt"): this turn's message asks for a
 * credential by its words (`turnAsksCredential`: "the shopping list" does not), a message to a recipient the owner
 * named as one, in the owner's own turn, carrying secrets only from files the owner named, in a context that holds
 * nothing else untrusted (no page, no message, no file nobody named, no job's prompt) and no secret system prompt.
 * Then the secret rules ask (the exact text shown) instead of refusing: nothing but the owner's own words and files
 * chose the recipient and the text. Anything else stays refused.
 */
function ownerSendsOwnFileSecret(request: GateRequest, facts: MessageFactsIn): boolean {
  const flow = request.flow;
  if (request.principal.kind !== "owner" || !request.ownerSession || flow.composedTask === true || flow.promptSecret === true || flow.turnAsksCredential !== true) return false;
  if (flow.unnamedSources.length > 0 || flow.outside !== false) return false;
  if (recipientReading(facts.to, flow, facts.knownRecipient || !flow.tainted).naming !== "destination") return false;
  return secretsFromOwnerNamedFiles(flow, false);
}

/**
 * The agent-written files a call could send, in the owner's words: how many, which, and what the context that wrote
 * them had read ("2 files the agent wrote from an untrusted context (`a.md`, `b.md`), after reading https://…").
 */
function untrustedFilesNote(reads: MarkedReads): string {
  const files = reads.untrusted ?? [];
  if (files.length === 0) return reads.from;
  const named = files.slice(0, 3).map((f) => (f.window === true ? `files a command changed${f.path === "" ? "" : ` in \`${f.path}\``}` : `\`${f.path}\``));
  const more = files.length - named.length;
  const count = `${reads.untrustedComplete === false ? "more than " : ""}${files.length} file${files.length === 1 ? "" : "s"}`;
  const sources = [...new Set(files.flatMap((f) => (f.source === undefined ? [] : [f.source])))];
  const after = sources.length === 0 ? "" : `, written after reading ${sources.slice(0, 2).join(" and ")}${sources.length > 2 ? ` and ${sources.length - 2} more` : ""}`;
  return `${count} the agent wrote from an untrusted context (${named.join(", ")}${more > 0 ? ` and ${more} more` : ""}${after})`;
}

/**
 * A command that can reach the network sends whatever it reads, not only its text: the agent's bytes in its reach
 * are named to the owner whoever asked for it, since what an injection planted in them leaves with the command.
 * Bytes composed next to a secret never leave (run() refuses them too); bytes written from an untrusted context
 * holding private data are that context's choice of data, so the owner decides.
 */
function execReadsRule(facts: ExecFactsIn): Decision {
  const reads = facts.reads;
  if (reads === undefined || facts.offline === true || !(facts.network || facts.unknownEffects || facts.executesCode)) return allow("none");
  if (reads.confidentiality === "secret") {
    return deny("critical", reason("flow.secret_egress", `the command can reach the network and could read ${reads.tainted ? untrustedFilesNote(reads) : reads.from}, which the agent wrote from a context holding a secret; their bytes would leave in whatever form the command chose`));
  }
  if (!reads.tainted) return allow("none");
  const what = `the command can reach the network and can read ${untrustedFilesNote(reads)}`;
  if (reads.confidentiality === "private") return ask("high", reason("flow.marked_files_outbound", `${what}, written while the context held private data: it could send that data, or whatever an injection put there`));
  return allow("low", reason("flow.marked_files_readable", `${what}: it could send whatever an injection put there`));
}

/**
 * The exec rule. `ownerTyped`: the owner typed this very command as what to run in this turn's request
 * (owner-command.ts): what it writes, deletes or runs is then the owner's choice, not the context's.
 */
function execRule(request: GateRequest, facts: ExecFactsIn, ownerTyped = false): Decision {
  const flow = request.flow;
  const reads = execReadsRule(facts);
  if (!flow.tainted) return reads;
  const decisions: Decision[] = [reads];
  if (!facts.sandboxed) decisions.push(ask("high", reason("taint.exec_unsandboxed", `no sandbox is available, so the command runs on your machine with your files and network, chosen in an untrusted context${taintNote(flow)}${exposureNote(flow)}`)));
  const effects = [facts.writes && "writes", facts.deletes && "deletes", facts.network && "reaches the network", facts.executesCode && "executes code", facts.unknownEffects && "has effects Warden cannot account for"].filter(Boolean);
  // What can leave, and from which untrusted source, when the command can reach anyone; otherwise what it changes.
  const egress = (facts.network || facts.unknownEffects || facts.executesCode) && facts.offline !== true;
  // What the context holds does not bound what a command sends: it reads the workspace's files itself (`curl -d @notes.md`).
  const reach = flow.confidentiality === "public" ? "; the context holds no private data, but the command itself can read the workspace's files and send them" : `${exposureNote(flow)}, and the command itself can read the workspace's files`;
  if (effects.length > 0 && !ownerTyped) decisions.push(ask("high", reason("taint.exec_effects", `the command ${effects.join(", ")} in an untrusted context${taintNote(flow)}${egress ? `${reach}${ownerWordsNote(facts.command, flow)}` : ": text from there could have chosen it"}`)));
  // A sandbox with no network at all: whatever the command runs, nothing it holds can leave (what it writes is marked).
  if ((facts.network || facts.unknownEffects) && facts.offline !== true) {
    const leaks = findLeaks(facts.command, flow.readData);
    if (leaks.length > 0) decisions.push(deny("critical", reason("flow.data_outbound", `the command would send private data (${leakNote(leaks)}) out of an untrusted context`)));
    if (flow.secretRead || flow.promptSecret === true) decisions.push(deny("critical", reason("flow.secret_egress", "a secret is in this untrusted context and the command can reach the network")));
  }
  if (facts.touchesSecrets) decisions.push(deny("critical", reason("taint.secret_access", `the command touches credentials in an untrusted context${taintNote(flow)}`)));
  const outward = outboundFolderExecRule(flow, facts);
  if (outward !== undefined) decisions.push(outward);
  return combineDecisions(decisions);
}

/**
 * What of the owner's own messages a composed outbound text carries (a passport number, an IBAN, a phone number: the
 * distinctive tokens and whole lines, in any encoding the leak detector reads). The owner's words are the owner's to
 * send, but sent by a call the model composed in an untrusted context they go where that context chose.
 */
/**
 * The distinctive numbers in the owner's messages (an IBAN, a passport or phone number, a birth date): tokens of 8 or
 * more characters with a digit, and the digit runs of 6 or more inside them (an account number inside an IBAN).
 */
function ownerIdentifiers(flow: FlowState): LabelledData[] {
  const out = new Set<string>();
  for (const text of flow.ownerTexts) {
    // URLs, paths and addresses name places, not the owner: `http://127.0.0.1:8080/` or `/tmp/run-4821/x` typed for a
    // probe is not a number of theirs.
    for (const raw of text.replace(/\S*[/\\]\S*/g, " ").split(/[\s"'`<>()[\]{},;=:&?/]+/)) {
      const token = raw.replace(/^[.!?*_~-]+|[.!?*_~-]+$/g, "");
      if (token.length < 8 || !/\d/.test(token) || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(token)) continue;
      out.add(token);
      for (const run of token.replace(/[\s.-]/g, "").match(/\d{6,}/g) ?? []) out.add(run);
    }
  }
  return [...out].slice(0, 64).map((value) => ({ label: "your own message", value }));
}

/**
 * Text the owner typed, but not what they gave for this recipient (a piece of a quote, words around it, a phrase from
 * a message that does not name them): which piece to send was the model's choice.
 */
function pieceNote(facts: { text: string; to: string }, flow: FlowState): string {
  if (ownerTextSentAlready(facts.to, flow, facts.text)) return `; a message with the text you gave went to \`${facts.to}\` already in this turn, and how many more go out is the model's choice`;
  if ((flow.ownerTextsSpent ?? []).length > 0 && ownerGaveTextFor(facts.text, facts.to, { ownerTexts: flow.ownerTexts })) {
    return `; the text you gave \`${facts.to}\` went to them already, after the message you gave it in, and sending it again (and when) is the model's choice`;
  }
  const withdrawn = ownerTextWithdrawal(facts.text, facts.to, flow);
  if (withdrawn !== undefined) return `; you gave this text for \`${facts.to}\`, but ${withdrawn}, so it is no longer yours to send`;
  return textTypedByOwner(facts.text, flow) ? `; it is a piece of your words, not the text you gave for \`${facts.to}\` (which piece to send was the model's choice)` : "";
}

function ownerWordsNote(outbound: string, flow: FlowState): string {
  const carried = findLeaks(outbound, flow.ownerTexts.map((value) => ({ label: "your own message", value })));
  if (carried.length > 0) return `; it carries words from your own message${carried[0]?.encoding === "plain" ? "" : carried[0]?.how !== undefined ? ` (re-spelled: ${carried[0].how})` : ` (${carried[0]?.encoding ?? ""}-encoded)`}`;
  return carriesRespelledOwnerWords(outbound, flow.ownerTexts) ? "; it carries words from your own message (re-spelled: a number or address with its separators changed, or a date in another order)" : "";
}

function describeArg(p: ArgProvenance, flow: FlowState): string {
  if (p.kind === "content") return `it came from ${p.from}`;
  return `it is not in your messages nor in a page read before private data, and was composed by the model${flow.privateFrom ? ` after ${flow.privateFrom} entered the context` : taintNote(flow)}`;
}

function fetchRule(request: GateRequest, facts: FetchFactsIn): Decision {
  const flow = request.flow;
  const p = facts.redirectFrom !== undefined ? hopProvenance(facts.redirectFrom, flow) : urlProvenance(facts.url, flow);
  const origin = facts.redirectFrom ?? facts.url;
  if (!flow.tainted) {
    // Nothing untrusted was read, but the model also reads text no label covers (a service's tool descriptions, a
    // skill's): a URL it composed after a secret entered the context (the owner's own words included) goes with
    // the owner's say-so.
    if (flow.secretRead && p.kind === "derived" && !predatesSecrets(origin, flow)) {
      return ask("high", reason("flow.secret_in_context", `a secret is in this context and \`${facts.url}\` was composed by the model after it (not typed by you); it could carry the secret in a form Warden cannot recognize`));
    }
    // The system prompt's secrets are in every owner context from its start: a composed URL goes without asking
    // only to a host the owner named in this session as where a request goes (read strictly: a host only mentioned,
    // asked about or negated in words the reader does not know is no consent to carry anything there).
    // `www.` is the same site: "check public-web.example" reaches it at www.public-web.example.
    const site = facts.host.toLowerCase().replace(/^www\./, "");
    const named = flow.ownerHosts.some((h) => h.replace(/^www\./, "") === site);
    const reading = flow.promptSecret === true && p.kind === "derived" ? hostReading(facts.host, flow, true) : undefined;
    if (reading !== undefined && !(named && reading.naming === "destination")) {
      const how = reading.naming === "absent" ? "did not name" : `mentioned, but not as where to send or fetch${reading.note === undefined ? "" : ` (${reading.note})`}`;
      return ask("high", reason("flow.secret_in_context", `the system prompt holds secrets and \`${facts.url}\` was composed by the model for a host you ${how}; it could carry them in a form Warden cannot recognize`));
    }
    // Named as where the request goes, the host takes the owner's errand, not whatever the model adds to it.
    if (reading !== undefined && facts.redirectFrom === undefined) return composedUrlRule(facts, flow);
    // A scheduled job's prompt the model worded reaches, on every run, whatever host it names, however it spells it:
    // only a host the owner named when scheduling it is the owner's errand.
    if (flow.composedTask === true && p.kind === "derived" && !named) {
      return ask("medium", reason("cron.composed_target", `this scheduled job's prompt was worded by the model when you scheduled it, and \`${facts.host}\` is not a host you named then; the text that chose it could be a tool's description rather than you${ownerWordsNote(facts.url, flow)}`));
    }
    return allow("none");
  }
  const host = facts.host.toLowerCase();
  if (flow.promptSecret === true && p.kind === "derived") {
    return deny("critical", reason("flow.secret_egress", `the system prompt holds secrets and \`${facts.url}\` was composed by the model in an untrusted context (${describeArg(p, flow)}); it could carry them in any form`));
  }
  if (flow.secretRead && p.kind !== "owner" && !predatesSecrets(origin, flow)) {
    return deny("critical", reason("flow.secret_egress", `a secret is in this untrusted context and \`${facts.url}\` did not exist before it did (${describeArg(p, flow)}); encoded or split copies of a secret cannot be told apart`));
  }
  // Which of the owner's links opens, whether, how often and in what order is a choice once private data is in the
  // context beside untrusted content: only as the owner's request fixed it (owner-link-choice.ts).
  const choice = facts.redirectFrom === undefined && (p.kind === "owner" || (p.kind === "content" && p.from === FileLinkFrom)) ? ownerLinkChoice(facts.url, flow, p.kind === "owner") : undefined;
  if (choice !== undefined) return ask("medium", reason("flow.owner_link_choice", choice));
  if (p.kind === "owner") return allow("low", reason("flow.owner_provided", knownUrl(flow.handedUrls ?? [], facts.url, true) && !knownUrl(flow.ownerTexts.flatMap((t) => urlsIn(t, { bare: true })), facts.url, true) ? "this URL was handed over verbatim in a message (forwarded, quoted, or its writer's own)" : "you typed this URL"));
  // A redirect answering a URL the owner typed carries nothing the owner's URL did not: where it lands is the
  // server's choice, as following the owner's own link would be.
  if (facts.redirectFrom !== undefined && urlProvenance(facts.redirectFrom, flow).kind === "owner") {
    return allow("low", reason("flow.owner_redirect", `a redirect answering \`${facts.redirectFrom}\`, which you typed`));
  }
  const leaks = flow.confidentiality === "public" ? [] : findLeaks(facts.url, flow.readData);
  if (p.kind === "content") {
    if (flow.ownerHosts.includes(host) && host !== p.fromHost) {
      return ask("high", reason("flow.link_to_owner_host", `\`${facts.url}\` points at \`${host}\`, a host you named, but ${describeArg(p, flow)}: its arguments are not yours`));
    }
    if (host !== p.fromHost) {
      return ask("medium", reason("flow.link_new_host", `\`${host}\` was not named by you; ${describeArg(p, flow)}`));
    }
    // A scheduled job runs with nobody reading along, as often as it is scheduled: the per-turn bound would be a
    // per-run one, so after private data entered a job's run, each link it picks is a choice the owner confirms.
    if (flow.composedTask === true && flow.confidentiality !== "public") {
      return ask("medium", reason("flow.link_budget", `a scheduled job picks links from untrusted content after private data entered its run${flow.privateFrom ? ` (${flow.privateFrom})` : ""}; which ones it follows on each run could spell that data out to \`${host}\``));
    }
    if (flow.linkFetches >= MaxLinkFetchesPerTurn) {
      return ask("medium", reason("flow.link_budget", `more than ${MaxLinkFetchesPerTurn} pages were fetched from links in untrusted content in this turn${flow.confidentiality === "public" ? "" : `; which links the model follows, and in what order, could spell out data from the context${flow.privateFrom ? ` (${flow.privateFrom})` : ""} to \`${host}\``}`));
    }
    return allow("low", reason("flow.link_same_site", `a link on the same site, found in ${p.from} before any private data entered the context`));
  }
  // Composed by the model in an untrusted context.
  if (leaks.length > 0) {
    return deny("critical", reason("flow.data_outbound", `the URL appears to carry private data (${leakNote(leaks)}) to \`${host}\`; it was composed${privateNote(flow)}`));
  }
  const site = host.replace(/^www\./, "");
  const carried = flow.ownerHosts.some((h) => h.replace(/^www\./, "") === site) ? [] : ownerValuesIn(facts.url, flow);
  if (carried.length > 0) {
    return deny("critical", reason("flow.owner_value_outbound", `the URL carries ${leakNote(carried)} to \`${host}\`, a host you never named; it was composed in an untrusted context${taintNote(flow)}, and what you typed is yours to send, not the context's`));
  }
  // INVARIANT: naming a host is not choosing its arguments. A URL composed in an untrusted context asks even on
  // a host the owner named: an API the owner named, called with an IBAN from a bill, is the attacker's call.
  const why = flow.confidentiality !== "public" ? "the URL could carry private data" : flow.ownerHosts.includes(host) ? `you named \`${host}\` but not these arguments` : `\`${host}\` was not named by you`;
  const copies = copiesUntrusted(facts.url, flow.untrustedTexts);
  const ownerWords = ownerWordsNote(facts.url, flow);
  return ask(copies || ownerWords !== "" || flow.confidentiality !== "public" ? "high" : "medium", reason("flow.untrusted_argument", `${why}: ${describeArg(p, flow)}${ownerWords}`));
}

/** Bits the URLs composed in one turn for hosts the owner named may carry in their choice of words (see composed-url.ts). */
export const MaxComposedBitsPerTurn = 64;

/**
 * A URL the model composed, under a system prompt holding secrets, for a host the owner named as where a request goes:
 * each word it sends must be the owner's or structural, and what the turn's choices of words carry stays bounded.
 */
function composedUrlRule(facts: FetchFactsIn, flow: FlowState): Decision {
  const excess = composedUrlExcess(facts.url, flow);
  if (excess.extra.length > 0) {
    const words = excess.extra.map((w) => `\`${w.length > 80 ? `${w.slice(0, 80)}…` : w}\``).join(", ");
    return ask("high", reason("flow.composed_beyond_owner_words", `this URL to \`${facts.host}\` carries ${words}, which you did not type, and the system prompt holds secrets: the model could have put them there in a form Warden cannot recognize`));
  }
  const spent = flow.composedBits ?? 0;
  if (spent + excess.bits > MaxComposedBitsPerTurn) {
    return ask("medium", reason("flow.composed_budget", `the URLs the model composed in this turn for hosts you named use only your words and a few structural ones, but which words, in which order, is a choice: with this one they could spell out about ${spent + excess.bits} bits (more than ${MaxComposedBitsPerTurn}), enough to carry a secret of the system prompt`));
  }
  return allow("low", reason("flow.composed_owner_words", `\`${facts.host}\` is a host you named, and every word of the URL is yours or structural (${excess.structural} structural word${excess.structural === 1 ? "" : "s"})`));
}

/** The owner's time or condition for an act, as a decision: the owner's words quoted, refused when a checked bound fails. */
function whenDecision(v: WhenVerdict): Decision {
  return v.verdict === "deny" ? deny("high", reason(v.id, v.why)) : ask("high", reason(v.id, `${v.why}; a tool's or a skill's description, or text you pasted, could be why it runs now`));
}

/**
 * `to` is a name the owner typed with other capitals or accents only (lookalike.ts `respelledName`). A channel that
 * tells capitals apart may deliver `Anna` and `anna` to two people, so the channel's known peers decide:
 *  - the owner's own spelling, or another of the same letters, is a peer the agent knows and `to` is not: it is someone
 *    else's id in the look of the one the owner meant, refused;
 *  - `to` is a peer the agent knows and no other spelling is: the person the owner meant, as the channel writes them;
 *  - neither is known: a first contact, which the owner approves seeing the id as it will be sent, in a clean context;
 *    after untrusted text the re-spelling could be its choice, and is refused as a look-alike (lookalike.ts).
 */
function respelledRecipient(facts: MessageFactsIn, flow: FlowState): { verdict: "deny" | "allow" | "ask"; decision?: Decision } | undefined {
  const typed = respelledName(facts.to, flow.ownerTexts);
  if (typed === undefined || facts.knownSpellings === undefined) return undefined;
  const known = facts.knownSpellings;
  const denied = (other: string, why: string) => ({ verdict: "deny" as const, decision: deny("high", reason("message.lookalike_recipient", `\`${facts.to}\` is \`${typed}\`, whom you named, in other capitals or accents, and \`${other}\` is a peer the agent knows on ${facts.channel}${why}: ids are sent as written, so it would go to another recipient`)) });
  if (known.includes(typed)) return denied(typed, ` while \`${facts.to}\` is another`);
  // The owner's capitals in lower case (`bob-7` for `BOB-7`) is the form ids are compared in: read as before.
  if (facts.to === typed.toLowerCase()) return undefined;
  const other = known[0];
  if (other !== undefined && !facts.knownRecipient) return denied(other, ` and \`${facts.to}\` has never written`);
  if (facts.knownRecipient && other === undefined) return { verdict: "allow" };
  // Untrusted text in the context may have chosen the spelling, and the approval would read it as the name you typed.
  if (flow.tainted) return undefined;
  const which = other === undefined ? "has never written to the agent" : `is one of several peers the agent knows spelled so (\`${other}\` too)`;
  return { verdict: "ask", decision: ask("medium", reason("message.first_contact", `\`${facts.to}\` is \`${typed}\`, whom you named, in other capitals or accents, and ${which} on ${facts.channel}: ids are sent as written, so check it is the one you mean`)) };
}

function messageRule(request: GateRequest, facts: MessageFactsIn): Decision {
  const flow = request.flow;
  if (!facts.channelAvailable) return deny("low", reason("message.channel_unavailable", `no \`${facts.channel}\` channel is running`));
  if (facts.toOwner) return allow("low", reason("message.to_owner", "a message to the owner (links that could carry data are removed before it is sent)"));
  if (facts.toRequester) return allow("low", reason("message.to_requester", "a reply to the requester"));
  const decisions: Decision[] = [];
  // A name the owner typed, re-spelled with capitals or accents (`Zoe` for `zoe`): whom the channel knows decides.
  const respelled = respelledRecipient(facts, flow);
  if (respelled?.decision !== undefined) {
    if (respelled.verdict === "deny") return respelled.decision;
    decisions.push(respelled.decision);
  }
  // Asking would not help: the approval would show the disguise as the name the owner meant.
  const disguise = respelled === undefined ? misleadingRecipient(facts.to, flow.ownerTexts) : undefined;
  if (disguise !== undefined) return deny("high", reason("message.lookalike_recipient", disguise));
  // The same for ids the owner expects: one they typed, or their own (which the approval reads as "to me").
  const expected = respelled === undefined ? flow.ownerTexts : [];
  let misread = misreadRecipient(facts.to, expected, facts.ownerIds, facts.knownRecipient);
  // A group's id (`group-1`) when the owner asked for a group in a clean context: they see the id in an approval.
  const group = misread === undefined || flow.tainted || !request.ownerSession ? undefined : groupAskedFor(facts.to, expected);
  if (group !== undefined) misread = misreadRecipient(facts.to, expected, facts.ownerIds, facts.knownRecipient, true);
  if (misread !== undefined) return deny("high", reason("message.misread_recipient", misread));
  if (group !== undefined) decisions.push(ask("medium", reason("message.first_contact", `\`${facts.to}\` has never written to the agent on ${facts.channel}; you asked for a group (“${group}”) and did not write its id: check it is the group you mean`)));
  // A recipient the owner listed with its text (owner-lists.ts) is theirs, in a list after a colon too.
  const role = listedRecipient(flow.ownerTexts, facts.to) ? undefined : ownerRoleRule(JSON.stringify({ to: facts.to }), flow.ownerTexts, `the message to \`${facts.to}\``, false, facts.to);
  if (role !== undefined) decisions.push(role);
  // The values in the text are those the owner gave this recipient, not another's or an aside (owner-slots.ts).
  const slot = ownerTextSlotRule([facts.text], [facts.to], flow.ownerTexts, "the message");
  if (slot !== undefined) decisions.push(slot);
  const when = messageWhen(request, facts);
  if (when !== undefined) decisions.push(whenDecision(when));
  // The owner's word as typed names an id spelled like it when that word is also a case form of another name ("Ивану")
  // only for a known peer or in a clean turn: after untrusted content, the content could have chosen that spelling.
  const naming = recipientReading(facts.to, flow, facts.knownRecipient || !flow.tainted);
  // A recipient the owner's own file names where this request points (owner-book.ts) is the owner's as if typed.
  const book = naming.naming === "absent" ? ownerBookRecipient(facts.to, flow) : undefined;
  const namedByOwner = naming.naming === "destination" || book !== undefined;
  // A name the owner only mentioned ("don't tell contact-1", "what did bob say?", "send it to bob? no") is no consent
  // to send there.
  const mentioned = naming.naming === "mention" ? `; you mentioned \`${facts.to}\`, but not as someone to send to${naming.note === undefined ? "" : ` (${naming.note})`}` : "";
  if (!request.ownerSession) decisions.push(ask("high", reason("message.third_party_from_non_owner", `${requesterOf(request)} asks for a message to \`${facts.to}\`, someone other than them: it would go out in your name, worded in a session that is not yours`)));
  if (!flow.tainted) {
    if (!facts.knownRecipient && !namedByOwner && respelled === undefined && group === undefined) decisions.push(ask("medium", reason("message.first_contact", `\`${facts.to}\` has never written to the agent on ${facts.channel} and you did not name them${mentioned}`)));
    else if (flow.composedTask === true && !namedByOwner) decisions.push(ask("medium", reason("cron.composed_target", `this scheduled job's prompt was worded by the model when you scheduled it, and you did not name \`${facts.to}\` then${mentioned}; the text that chose them could be a tool's description rather than you${ownerWordsNote(facts.text, flow)}`)));
    if (flow.secretRead && !textTypedByOwner(facts.text, flow) && !onlyOwnerSecretsFor(facts.to, flow)) decisions.push(ask("high", reason("flow.secret_in_context", `a secret is in this context; the model wrote this message to \`${facts.to}\` after it, and it could carry the secret in a form Warden cannot recognize`)));
    // The system prompt's secrets are in every owner context: text the model wrote for someone else could carry them
    // (the door code spelled out), whoever the owner named.
    else if (flow.promptSecret === true && !textTypedByOwner(facts.text, flow)) decisions.push(ask("high", reason("flow.secret_in_context", `the system prompt holds secrets; the model wrote this message to \`${facts.to}\`, and it could carry them in a form Warden cannot recognize`)));
    if (decisions.length === 0 && flow.secretRead && !textTypedByOwner(facts.text, flow) && onlyOwnerSecretsFor(facts.to, flow)) {
      return allow("low", reason("flow.owner_secret_handed", `the secret in this message is one you typed in the message that names \`${facts.to}\` as its recipient, and nothing untrusted is in this context`));
    }
    return combineDecisions(decisions.length > 0 ? decisions : [allow("low", reason(namedByOwner ? "message.owner_named_recipient" : "message.to_known_recipient", `\`${facts.to}\` is ${namedByOwner ? "a recipient you named" : "a known recipient"}`))]);
  }
  if (flow.secretRead && ownerSendsOwnFileSecret(request, facts)) decisions.push(ask("critical", reason("flow.secret_egress", `a secret from a file you named is in this context; the model wrote this message to \`${facts.to}\`, whom you named, after it: you confirm what it carries`)));
  else if (flow.secretRead) decisions.push(deny("critical", reason("flow.secret_egress", `a secret is in this untrusted context; a message to \`${facts.to}\` could carry it in a form Warden cannot recognize`)));
  // What the owner gave for this recipient, whole: a piece of their words chosen by the model is the model's text.
  const again = ownerTextSentAlready(facts.to, flow, facts.text);
  const given = !again && ownerGaveTextFor(facts.text, facts.to, flow);
  // Or the whole text of a file the owner named for this recipient in the same request (verbatim-message.ts).
  const fileSent = again || given ? undefined : ownerFileSent(flow, facts.to, facts.text);
  // Or the one line of a file the owner named that the request's words select ("the TOTAL line from budget.csv").
  const lineSent = again || given || fileSent !== undefined || naming.naming !== "destination" ? undefined : ownerFileLineSent(flow, facts.to, facts.text);
  // Or a part of the one file the session read, which the request names and points into ("the flight line of trip.md").
  const excerpt = again || given || fileSent !== undefined || lineSent !== undefined || naming.naming !== "destination" ? undefined : ownerFileExcerptSent(flow, facts.to, facts.text);
  if (flow.promptSecret === true && !given && fileSent === undefined) decisions.push(deny("critical", reason("flow.secret_egress", `the system prompt holds secrets; text the model wrote in an untrusted context could carry them to \`${facts.to}\`${pieceNote(facts, flow)}`)));
  const leaks = flow.confidentiality === "public" ? [] : findLeaks(withoutOwnerWords(facts.text, flow), flow.readData);
  if (leaks.length > 0 && !namedByOwner) decisions.push(deny("critical", reason("flow.data_outbound", `the message would carry private data (${leakNote(leaks)}) to \`${facts.to}\`, whom you never named${mentioned === "" ? "" : " as a recipient"}`)));
  const carried = namedByOwner ? [] : ownerValuesIn(facts.text, flow);
  if (carried.length > 0) decisions.push(deny("critical", reason("flow.owner_value_outbound", `the message would carry ${leakNote(carried)} to \`${facts.to}\`, whom you never named${mentioned === "" ? "" : " as a recipient"}; it was written in an untrusted context${taintNote(flow)}`)));
  if (!namedByOwner) decisions.push(ask("high", reason("flow.untrusted_recipient", `you did not name \`${facts.to}\`${mentioned}; the recipient was chosen${privateNote(flow)}${taintNote(flow)}${exposureNote(flow)}`)));
  // INVARIANT: a recipient only a file names (an address book's entry, a to-do item's "send … to …") asks once: a file's
  // bytes are not the owner's typing (DESIGN), however the file got there; the owner sees who it is.
  else if (naming.naming !== "destination" && book !== undefined) decisions.push(ask("high", reason("flow.untrusted_recipient", `\`${facts.to}\` is the recipient because ${book}: a file's words, not yours as typed; approve once if it is right`)));
  // INVARIANT: text the model wrote in an untrusted context goes out in the owner's name only with the owner's
  // approval, even to someone the owner named ("don't reply to mallory" names mallory too).
  if (!given && fileSent === undefined && lineSent === undefined && excerpt === undefined) {
    const copies = copiesUntrusted(facts.text, flow.untrustedTexts);
    const carries = leaks.length > 0 ? `; it appears to carry ${leakNote(leaks)}` : "";
    const unasked = flow.unnamedSources.length > 0 ? `; the context holds content you did not ask for (${flow.unnamedSources.slice(0, 3).join(", ")})` : "";
    decisions.push(ask("high", reason("flow.untrusted_argument", `the text to \`${facts.to}\` was written by the model${privateNote(flow)}${copies ? " and copies untrusted text" : ""}${carries}${pieceNote(facts, flow) || ownerWordsNote(facts.text, flow)}${taintNote(flow)}${unasked}`)));
  }
  if (decisions.length === 0 && fileSent !== undefined) return allow("low", reason("flow.owner_file_sent", `you asked for \`${fileSent}\` to be sent to \`${facts.to}\`${book === undefined ? "" : ` (${book})`}, and the text is that file's, unchanged`));
  if (decisions.length === 0 && lineSent !== undefined) return allow("low", reason("flow.owner_file_sent", `you asked for a line of \`${lineSent.path}\` to be sent to \`${facts.to}\`; the text is that file's one line holding your word \`${lineSent.word}\`, unchanged`));
  if (decisions.length === 0 && excerpt !== undefined) return allow("low", reason("flow.owner_file_excerpt", `you asked for a part of \`${excerpt.path}\` to be sent to \`${facts.to}\`, and it is all this conversation read: the text is that file's own words ${excerpt.words.length === 0 ? "(you asked for the file)" : `where your request points (${excerpt.words.slice(0, 3).map((w) => `\`${w}\``).join(", ")})`}`));
  return combineDecisions(decisions.length > 0 ? decisions : [allow("low", reason("flow.owner_provided", `you named \`${facts.to}\` and typed the text`))]);
}

function readRule(request: GateRequest, facts: FileFactsIn): Decision {
  const flow = request.flow;
  const decisions = [facts.base];
  if (facts.secretPath && request.principal.kind !== "owner") decisions.push(deny("high", reason("read.secret_non_owner", "credential files are readable only in the owner's own turns")));
  // The credential file this turn's message asks to read, by name (owner-read.ts): which file is the owner's choice.
  const asked = facts.secretPath && flow.tainted ? ownerAskedToRead(request, facts) : undefined;
  if (asked !== undefined) decisions.push(allow("low", reason("read.owner_named_secret", `you asked to ${asked} \`${facts.path}\` in this message; nothing composed after it is read may leave toward anyone but you`)));
  else if (facts.secretPath && flow.tainted) decisions.push(ask("high", reason("taint.secret_read", `reading a credential file (\`${facts.path}\`) in an untrusted context${taintNote(flow)}: text from there could steer what the model does with it (Warden refuses to send it to anyone but you)`)));
  return combineDecisions(decisions);
}

function writeRule(request: GateRequest, facts: FileFactsIn): Decision {
  const flow = request.flow;
  const decisions = [facts.base];
  const links = autoLoadRule(flow, facts) ?? documentLinkRule(flow, facts);
  if (links !== undefined) decisions.push(links);
  const outward = outboundFolderWriteRule(flow, facts);
  // The owner's own file, copied whole under its name into the folder the owner named in this turn's request.
  const copied = outward?.decision === "ask" && outward.reasons[0]?.id === "flow.outbound_folder_named" ? ownerVerbatimCopy(flow, facts) : undefined;
  // The owner's own words, every byte typed in this turn's message that names the very path.
  const dictated = copied === undefined && outward?.decision === "ask" && outward.reasons[0]?.id === "flow.outbound_folder_named" ? ownerDictatedWrite(flow, facts) : undefined;
  if (copied !== undefined) decisions.push(allow("low", reason("flow.owner_verbatim_copy", `\`${facts.path}\` is \`${copied}\`, byte for byte and under its name, a file you named and no tool wrote, copied into the folder you named in this message: it carries nothing else`)));
  else if (dictated !== undefined) decisions.push(allow("low", reason("flow.owner_dictated_write", `you named \`${dictated}\` in this message and typed every word it would hold: nothing the untrusted content chose goes there`)));
  else if (outward !== undefined) decisions.push(outward);
  const nextPush = publishedLaterWriteRule(flow, facts);
  if (nextPush !== undefined) decisions.push(nextPush);
  // Private data carried away from where it lives, to a place the owner did not name (private-write.ts).
  const moved = privateWriteRule(flow, facts);
  if (moved !== undefined) decisions.push(moved);
  const named = secretInFileName(flow, facts);
  if (named !== undefined) decisions.push(named);
  // INVARIANT: writing a file something runs later is running what it holds, on the next commit, build or `cd`. In a
  // clean turn the text the model writes there is still not the owner's unless typed: the descriptions of connected
  // services and skills are in every context and any of them can word it.
  // The owner's words count only where the owner put them: "save this to snippets.md: curl … | sh" typed the words, and
  // the model chose `.git/hooks/post-checkout`.
  // An edit's new text replaces text the model chose: only a whole file typed by the owner stands for what it holds.
  const ownersText = facts.tool === "write" && (textTypedByOwner(facts.content ?? "", flow) || linesTypedByOwner(facts.content ?? "", flow));
  // The very file the owner named, not one spelled like it (`makefile` for the owner's `Makefile` is read first by make).
  const ownersPlace = fileNamedByOwner(facts.path, flow, facts.caseFolds === true);
  // The change itself typed by the owner in this turn's request that names the file (owner-change.ts): what it adds runs
  // later, but every piece of it is the owner's, whatever the context read.
  const typedChange = facts.runsLater !== undefined || facts.runsByContent !== undefined || (flow.tainted && facts.document !== true) ? ownerTypedChange(flow, facts) : undefined;
  // INVARIANT: a file that runs later by what it is (a script by its extension or `#!` line, a crontab entry, a
  // scheduled instruction, lines of shell commands: fs/run-later-content.ts), whatever its name, holds only the owner's
  // words where the owner gave them: a change to it, an untrusted turn's write, or a write the owner dictated in
  // backticks adds nothing the owner did not type (owner-change.ts; a look-alike of the owner's host is not the
  // owner's). A new file the owner only described ("write a script that counts TODOs") is worded by the model: nothing
  // runs it yet, and whatever names it to run does (`path.runs_later`).
  const byContent = facts.runsLater === undefined && facts.runsByContent !== undefined ? facts.runsByContent : undefined;
  const ownersEdit = byContent !== undefined && typedChange === undefined ? ownerEdit(flow, facts) : undefined;
  // A change the owner described to a file named in this clean turn's message that brings no new word (owner-named-edit.ts).
  const namedEdit = (byContent !== undefined || facts.runsLater !== undefined) && typedChange === undefined && ownersEdit === undefined ? ownerNamedEdit(flow, facts) : undefined;
  if (byContent !== undefined && typedChange === undefined && ownersEdit === undefined && namedEdit === undefined && !(!flow.tainted && ownersText && ownersPlace) && (flow.tainted || facts.exists === true || facts.tool === "edit" || ownerDictated(flow, facts))) {
    const what = facts.exists === true || facts.tool === "edit" ? "the change adds text you did not type in this message's request for it" : "it would hold text you did not type, where your request dictated what it holds";
    decisions.push(ask("high", reason("path.runs_later_content", `\`${facts.path}\` runs later: ${byContent}. ${flow.tainted ? `It would be written from an untrusted context${taintNote(flow)}, and ${what}` : `${what.charAt(0).toUpperCase()}${what.slice(1)}`}: what it adds would run outside any turn`)));
  } else if (byContent !== undefined && (typedChange ?? ownersEdit) !== undefined) decisions.push(allow("low", reason("path.owner_typed_change", `\`${facts.path}\` runs later (${byContent}), but ${typedChange ?? ownersEdit}`)));
  else if (byContent !== undefined && namedEdit !== undefined) decisions.push(allow("low", reason("path.owner_named_edit", `\`${facts.path}\` runs later (${byContent}), but ${namedEdit}`)));
  if (facts.runsLater !== undefined && typedChange !== undefined) decisions.push(allow("low", reason("path.owner_typed_change", `\`${facts.path}\` runs later (${facts.runsLater}), but ${typedChange}`)));
  else if (facts.runsLater !== undefined && namedEdit !== undefined) decisions.push(allow("low", reason("path.owner_named_edit", `\`${facts.path}\` runs later (${facts.runsLater}), but ${namedEdit}`)));
  else if (facts.runsLater !== undefined && (flow.tainted || !ownersText || !ownersPlace)) {
    const whose = flow.tainted
      ? `it would be written from an untrusted context${taintNote(flow)}`
      : !ownersText
        ? "you did not type what it would hold, and the descriptions of connected services and skills in the context could have worded it"
        : "you typed what it would hold, but did not name this file: the model chose to put your words where they run";
    decisions.push(ask("high", reason("path.runs_later", `\`${facts.path}\` runs later: ${facts.runsLater}. Writing it is running its content outside any turn; ${whose}`)));
  }
  // INVARIANT: in a file that runs later a URL is a source of code: one the owner gave only inside pasted material
  // (release notes, a blog post: someone else's words) is the model's pick of that material's URLs (pasted-urls.ts).
  else if (facts.runsLater !== undefined && !flow.tainted && urlsOnlyPasted(facts.content ?? "", flow).length > 0) {
    const pasted = urlsOnlyPasted(facts.content ?? "", flow)[0] as { url: string; where: string };
    decisions.push(ask("high", reason("path.runs_later_pasted_url", `\`${facts.path}\` runs later: ${facts.runsLater}. It would fetch from \`${pasted.url.length > 120 ? `${pasted.url.slice(0, 120)}…` : pasted.url}\`, which you did not type in your own words, only in what you pasted (${pasted.where}): which of the pasted text's URLs code comes from was the model's choice`)));
  }
  // Past the scan's bounds (a large project) nothing could be checked: in an untrusted turn that is a question for the
  // owner; in the owner's own turn a large repository's every write would ask, and the classes of names still judge it.
  else if (facts.runsLaterUnchecked !== undefined && flow.tainted) {
    decisions.push(ask("high", reason("path.runs_later", `whether \`${facts.path}\` runs later is unknown: ${facts.runsLaterUnchecked}; it would be written from an untrusted context${taintNote(flow)}`)));
  }
  // A document is judged by what the change adds for its later reader (commands, active content, hidden text, formulas).
  decisions.push(...documentHarmRules(flow, facts));
  // Words with no value to bind, copied out of a comment no reader sees into the document's text (write-hidden-text.ts).
  const revealed = facts.document === true && facts.change !== undefined ? revealedHiddenText(facts.change.before, facts.change.after, flow) : undefined;
  if (revealed !== undefined) decisions.push(ask("high", reason("taint.write_reveals_hidden_text", `the change to \`${facts.path}\` adds "${revealed.length > 100 ? `${revealed.slice(0, 100)}…` : revealed}", copied from an HTML comment that a person reading the file or the page does not see, and you did not type it; written from an untrusted context${taintNote(flow)}`)));
  // A value the change adds that only the content's hidden parts gave, or that nothing the owner or a reader saw gives
  // (write-planted-values.ts): the owner asked for what the source says to its reader.
  const written = facts.change ?? (facts.tool === "write" && facts.content !== undefined ? { before: "", after: facts.content } : undefined);
  const planted = flow.tainted && facts.document === true && written !== undefined ? plantedValues(written.before, written.after, flow) : [];
  if (planted.length > 0) decisions.push(ask("high", reason("taint.write_plants_hidden_value", `the change to \`${facts.path}\` adds ${describePlanted(planted)}; you did not type ${planted.length === 1 ? "it" : "them"}, and ${planted.length === 1 ? "it was" : "they were"} written from an untrusted context${taintNote(flow)}`)));
  // Workspace writes stay usable in untrusted turns for documents: every overwrite keeps a snapshot (`warden undo`).
  // Anything else (scripts, any tool's configuration, dotfiles) may be run or trusted later, outside any turn.
  if (flow.tainted && facts.document === true && facts.runnable !== undefined) decisions.push(ask("high", reason("taint.write_runnable_document", `\`${facts.path}\` is a document, but ${facts.runnable}: it would be written from an untrusted context${taintNote(flow)}`)));
  else if (flow.tainted && facts.document !== true && typedChange !== undefined) decisions.push(allow("low", reason("flow.owner_typed_change", typedChange)));
  else if (flow.tainted && facts.document !== true && facts.runsLater === undefined && ownerEdit(flow, facts) !== undefined) decisions.push(allow("low", reason("flow.owner_edit", ownerEdit(flow, facts) ?? "")));
  // The owner's own file, named and read whole, rewritten with only the owner's words (own-file-rewrite.ts).
  else if (flow.tainted && facts.document !== true && facts.runsLater === undefined && facts.runsByContent === undefined && ownFileRewrite(flow, facts) !== undefined) decisions.push(allow("low", reason("flow.own_file_rewrite", ownFileRewrite(flow, facts) ?? "")));
  else if (flow.tainted && facts.document !== true) decisions.push(ask("high", reason("taint.write_not_document", `\`${facts.path}\` is not a plain document (.md, .txt, .csv, …): something may run or trust it later, and it would be written from an untrusted context${taintNote(flow)}`)));
  // A document by its extension in a folder a program reads whole is that program's configuration: a new one there is
  // an entry the owner did not name (the single file it stands for asks when unnamed); one the owner named is bound to
  // the owner's values below, as an edit of that single file would be.
  else if (flow.tainted && facts.loadedWhole !== undefined && !fileNamedByOwner(facts.path, flow, facts.caseFolds === true)) decisions.push(ask("high", reason("taint.write_not_document", `\`${facts.path}\` is not a plain document: ${facts.loadedWhole}, so it is configuration or test data that something trusts later, and it would be written from an untrusted context${taintNote(flow)}`)));
  // New files and files the owner named stay routine; replacing one nobody named is the injection's choice. Adding to
  // the end of one the owner called by its name's words ("add a line to my notes") replaces nothing it held.
  else if (flow.tainted && facts.exists === true && !pathNamedByOwner(facts.path, flow) && !(appendsOnly(facts.change) && fileCalledByOwner(facts.path, flow))) {
    decisions.push(ask("medium", reason("taint.overwrite_unnamed", `\`${facts.path}\` exists and you did not name it; replacing it from an untrusted context needs you (a snapshot would be kept)${taintNote(flow)}`)));
  }
  // INVARIANT: a change the owner asked for carries only the owner's values: what it adds to the file is typed by the
  // owner or held by the file already (write-values.ts), as a message's text and recipient are bound to the owner's.
  else {
    const added = writeAddsUntrustedValues(flow, facts);
    if (added !== undefined) decisions.push(ask("high", reason("taint.write_adds_untrusted_value", `the change to \`${facts.path}\` adds ${describeAddedValues(added)}: you did not type ${added.length === 1 ? "it" : "them"} and the file did not hold ${added.length === 1 ? "it" : "them"}, and ${added.length === 1 ? "it was" : "they were"} written from an untrusted context${taintNote(flow)}`)));
    else {
      // INVARIANT: of two values the content gives for one thing, the gate does not let the model pick (write-contested.ts).
      const contested = flow.tainted ? contestedValues(facts.change?.before ?? "", facts.change?.after ?? facts.content ?? "", flow) : [];
      if (contested.length > 0) decisions.push(ask("high", reason("taint.write_value_contested", `\`${facts.path}\` would get ${describeContested(contested)}: which one you meant is not known, and a note in the content can give another value than the content's own${taintNote(flow)}`)));
    }
    // INVARIANT: an owner-asked change in an untrusted turn changes what was asked: one that alters two or more places
    // and replaces a value the file held with one the owner did not type is asked (write-swap.ts).
    const swapped = flow.tainted && added === undefined && facts.change !== undefined ? swappedValue(facts.change.before, facts.change.after, flow.ownerTexts) : undefined;
    if (swapped !== undefined) decisions.push(ask("high", reason("taint.write_replaces_value", `the change to \`${facts.path}\` alters ${swapped.places} places and replaces \`${swapped.was}\`, which the file held, with \`${swapped.now}\`, which you did not type: which change you asked for is not known, and a note in the content can ask for the other${taintNote(flow)}`)));
    // INVARIANT: a change the owner asked to keep the content (tidy, sort, fix typos, translate) keeps most of it, in
    // any turn: the file's own text can ask to blank it (write-swap.ts).
    const wiped = facts.change !== undefined ? wipedContent(facts.change.before, facts.change.after, flow.ownerTexts) : undefined;
    if (wiped !== undefined) decisions.push(ask("high", reason("path.transform_drops_content", `you asked to tidy, sort, correct or translate \`${facts.path}\`, which keeps its content, but the result keeps ${Math.round(wiped.share * 100)}% of its ${wiped.measure}; you did not ask to delete or shorten anything, and a line in the file or the content read can ask for it (a snapshot would be kept)`)));
    // A role another row holds is the file's vocabulary, but which one a new row takes is chosen: power is the owner's.
    const granted = facts.change === undefined ? undefined : grantedPrivilege(facts.path, facts.change.before, facts.change.after, flow);
    if (granted !== undefined) decisions.push(ask("high", reason("taint.write_grants_privilege", `the change to \`${facts.path}\` grants a privileged role you did not name: ${granted}; the file holds that role elsewhere, but which role a new entry takes was chosen in an untrusted context${taintNote(flow)}`)));
  }
  return combineDecisions(decisions);
}

/**
 * A link a document keeps is followed, with whatever its URL holds, on its reader's first click — the owner's, or
 * anyone's the document reaches. A reply to the owner loses such links (the reply filter); a document keeps them,
 * so one the model composed in an untrusted context after private data entered (or that spells the owner's own
 * words) is asked for. Links the owner, the content or the owner's files gave carry nothing of the session.
 */
export function documentLinkRule(flow: FlowState, facts: Pick<FileFactsIn, "path" | "links">): Decision | undefined {
  if (!flow.tainted) return undefined;
  const composed = (facts.links ?? []).filter((u) => urlProvenance(u, flow, true).kind === "derived" && !knownUrl([...(flow.sectionUrls ?? []), ...(flow.handedUrls ?? [])], u, true));
  const holdsPrivate = flow.confidentiality !== "public" || flow.secretRead || flow.promptSecret === true;
  const carrying = holdsPrivate ? composed : composed.filter((u) => ownerWordsNote(u, flow) !== "");
  const first = carrying[0];
  if (first === undefined) return undefined;
  const which = `\`${first}\`${carrying.length > 1 ? ` and ${carrying.length - 1} more` : ""}`;
  // A `mailto:` link has no host: what it holds goes to its address's domain, in a message already written.
  const host = hostOf(first) || /^mailto:[^?@]*@([^?&,;]+)/i.exec(first)?.[1];
  const sent = `whoever clicks it sends what its URL holds to \`${host || "its host"}\``;
  if (flow.secretRead) return deny("critical", reason("flow.secret_egress", `\`${facts.path}\` would keep a link the model composed (${which}) after a secret entered this untrusted context: ${sent}, and it could carry the secret`));
  return ask("medium", reason("flow.document_link", `\`${facts.path}\` would keep a link the model composed (${which})${privateNote(flow)}: ${sent}${taintNote(flow)}${ownerWordsNote(carrying.join("\n"), flow)}`));
}

/**
 * A document that loads a URL by itself when opened (an image, an embed, a fetching formula) sends that URL on the
 * owner's first preview, with no click: after private data entered an untrusted context, or whenever a secret is
 * in the context, such a URL the model composed is an outbound request like a fetch — asked for, or denied when a
 * secret could ride in it. URLs the owner gave, or found in content before private data, carry nothing.
 */
export function autoLoadRule(flow: FlowState, facts: Pick<FileFactsIn, "path" | "autoLoads">): Decision | undefined {
  const holdsSecret = flow.secretRead || flow.promptSecret === true;
  // The owner's own words are in every context: an untrusted one may compose them into a URL (an address, an IBAN).
  if (!holdsSecret && !flow.tainted) return undefined;
  // In a clean context, the system prompt's secrets go only where the owner pointed (as for a fetch).
  // An embed is opened by the viewer: its fragment reaches the embedded page's script.
  const composed = (facts.autoLoads ?? []).filter((u) => urlProvenance(u, flow, true).kind === "derived")
    .filter((u) => flow.tainted || flow.secretRead || !flow.ownerHosts.includes(hostOf(u) ?? ""));
  if (composed.length === 0) {
    // Links a page offered carry nothing in themselves, but which of them a document loads, and in what order, is
    // chosen after the data entered: 7 of a page's 16 images spell 16 bits to its site, with no click.
    // Links of a forwarded message count as the owner's to open, but loading a subset of them is chosen the same way.
    const chosen = new Set((facts.autoLoads ?? []).filter((u) => urlProvenance(u, flow, true).kind === "content" || knownUrl(flow.handedUrls ?? [], u, true)));
    if (chosen.size === 0 || (!holdsSecret && flow.confidentiality === "public")) return undefined;
    const which = chosen.size === 1 ? `a link found in untrusted content (\`${[...chosen][0] ?? ""}\`)` : `${chosen.size} links found in untrusted content`;
    return ask("medium", reason("flow.document_link_choice", `\`${facts.path}\` would load ${which} by itself when opened or previewed; which ones it loads was chosen${privateNote(flow)}, and their site sees that choice${taintNote(flow)}`));
  }
  const which = `\`${composed[0] ?? ""}\`${composed.length > 1 ? ` and ${composed.length - 1} more` : ""}`;
  const hosts = [...new Set(composed.flatMap((u) => hostOf(u) ?? []))];
  const receives = hosts.length === 0 ? "" : `; \`${hosts[0] ?? ""}\`${hosts.length > 1 ? ` and ${hosts.length - 1} more hosts` : ""} would receive whatever the URL carries`;
  const loads = `\`${facts.path}\` would load ${which} by itself when opened or previewed (an image, embed or formula the model composed)${receives}`;
  if (holdsSecret && flow.tainted) return deny("critical", reason("flow.secret_egress", `${loads} after a secret entered this untrusted context; the URL could carry it`));
  if (holdsSecret) return ask("high", reason("flow.secret_in_context", `${loads} while a secret is in this context; the URL could carry it in a form Warden cannot recognize`));
  return ask("high", reason("flow.document_autoload", `${loads}, with no click${privateNote(flow)}${taintNote(flow)}${ownerWordsNote(composed.join("\n"), flow)}`));
}

function scheduleRule(request: GateRequest, facts: CronFactsIn): Decision {
  const flow = request.flow;
  const decisions = [facts.base];
  // The owner's own "delete the pill reminder" picks the job, whatever the context read (owner-job.ts).
  const removal = facts.action === "remove" && flow.tainted ? ownerRemovalReading(request, facts.removed, facts.others ?? []) : undefined;
  if (removal?.binding !== undefined) decisions.push(allow("low", reason("cron.owner_removes", removal.binding.why)));
  else if (removal !== undefined) decisions.push(ask("medium", reason("taint.cron_remove", `removing a scheduled job from an untrusted context${taintNote(flow)}: text from there could have chosen which job stops; ${removal.note}`)));
  // The owner's own reminder, every word of its prompt typed in the sentence that asks for it (owner-job.ts).
  const job = facts.action === "add" && flow.tainted && facts.prompt !== undefined ? ownerJobReading(request, facts.prompt, false, facts.schedule) : undefined;
  // A contact's reminder to themselves in their own words (owner-job.ts): the job runs as them, gated on every run.
  const own = facts.action === "add" && request.principal.kind === "contact" && facts.prompt !== undefined ? requesterJobReading(request, facts.prompt).binding : undefined;
  if (own !== undefined) decisions.push(allow("low", reason("cron.requester_reminder", `${requesterOf(request)} holds the \`cron\` grant you gave; ${own.why}`)));
  else if (job?.binding !== undefined) decisions.push(allow("low", reason(job.binding.modelWorded === true ? "cron.owner_reminder" : "cron.owner_worded", job.binding.why)));
  else if (facts.action === "add" && flow.tainted) decisions.push(ask("high", reason("taint.cron_persistence", `a job scheduled from an untrusted context would run its prompt again on every run, long after this turn, and text from there could have written it${taintNote(flow)}${exposureNote(flow)}${job?.note === undefined || request.principal.kind !== "owner" ? "" : `; it is not a reminder in your words: ${job.note}`}`)));
  const requested = jobReading(request, facts);
  if (requested?.asked === false) decisions.push(ask("high", reason("cron.not_requested", `a job would run its prompt again and again, acting for you, and you did not ask for it as such: ${requested.why}; a tool's or a skill's description, or text you pasted, could have worded it`)));
  if (facts.action === "add" && request.principal.kind !== "owner" && own === undefined) decisions.push(ask("high", reason("cron.non_owner", `${requesterOf(request)} asks for a scheduled job: it would run again and again, acting for you, with a prompt they could have written (only you schedule jobs without approval)`)));
  // INVARIANT: a job reaches what its prompt names on every run, long after this turn. Tool descriptions of skills
  // and services are in every context and can word a job: a place the owner never named is theirs, not the owner's.
  if (facts.action === "add" && !flow.tainted && facts.prompt !== undefined) {
    const foreign = urlsIn(facts.prompt, { bare: true }).filter((u) => !knownUrl(flow.ownerUrls, u, false) && !flow.ownerHosts.includes(hostOf(u) ?? ""));
    if (foreign.length > 0) decisions.push(ask("high", reason("cron.unnamed_target", `the job's prompt names \`${hostOf(foreign[0] ?? "") ?? "a host"}\`, which you did not name; every run would reach it, and the text that chose it could be a tool's description rather than you`)));
  }
  return combineDecisions(decisions);
}

/** The facts each effect class is decided over. */
type FactsOf = { command: ExecFactsIn; "file.read": FileFactsIn; "file.write": FileFactsIn; fetch: FetchFactsIn; message: MessageFactsIn; schedule: CronFactsIn };

/** A built-in tool's effect class: the key its rules are looked up by. */
const effectClassOf: Record<BuiltinFacts["tool"], EffectClass> = { exec: "command", read: "file.read", write: "file.write", edit: "file.write", web_fetch: "fetch", message: "message", cron: "schedule" };

const ruleByEffect: { [C in EffectClass]: (request: GateRequest, facts: FactsOf[C]) => Decision } = {
  command: (request, facts) => {
    const typed = ownerCommandReading(request, facts)?.binding;
    if (typed === undefined) return combineDecisions([facts.base, execRule(request, facts)]);
    // The policy asked only what typing answers (ownerAnswerable): the owner's own command stands in for its question.
    return combineDecisions([allow("low", reason("exec.owner_typed", typed.why)), execRule(request, facts, true)]);
  },
  "file.read": readRule,
  "file.write": writeRule,
  fetch: (request, facts) => combineDecisions([facts.base, fetchRule(request, facts)]),
  message: messageRule,
  schedule: scheduleRule,
};

const outboundByEffect: { [C in EffectClass]: (request: GateRequest, facts: FactsOf[C]) => string | undefined } = {
  command: (_request, facts) => (facts.network || facts.unknownEffects ? facts.command : undefined),
  "file.read": () => undefined,
  // INVARIANT: a secret copied into a workspace file in an untrusted turn is a leak waiting to be published.
  "file.write": (request, facts) => (request.flow.tainted ? facts.content : undefined),
  fetch: (_request, facts) => facts.url,
  message: (_request, facts) => (facts.toOwner ? undefined : facts.text),
  schedule: (_request, facts) => facts.prompt,
};

/**
 * A connected service that only sends, called with recipients the owner named as recipients and, in every other
 * argument, the text the owner gave them, whole (owner-units.ts, once per owner message and turn): the owner's own
 * errand, as a message would be. Undefined (it asks as before) when any argument is anything else.
 */
function serviceErrand(facts: DeclaredFactsIn, flow: FlowState, acting: readonly EffectClass[]): string | undefined {
  const service = facts.service;
  if (service === undefined || service.texts === undefined || service.recipients.length === 0) return undefined;
  if (acting.length !== 1 || acting[0] !== "message") return undefined;
  const recipients = service.recipients;
  if (recipients.some((r) => recipientReading(r, flow).naming !== "destination" || ownerTextSentAlready(r, flow))) return undefined;
  // The same text in two fields (a subject repeated as the body) is one text given.
  const texts = [...new Set(service.texts.filter((t) => t.trim() !== ""))];
  if (texts.length === 0 || !recipients.some((r) => textsGivenInOrder(texts, r, flow))) return undefined;
  return `you named ${recipients.map((r) => `\`${r}\``).join(", ")} and typed the text`;
}

/**
 * A mail service's send of the owner's file as it is (verbatim-message.ts): every recipient the owner named, one text the whole bytes of a file the owner asked to send
 * them, and the others (a subject) only words of the owner's request. What the call carries is the owner's choice.
 */
function serviceFileSent(facts: DeclaredFactsIn, flow: FlowState, acting: readonly EffectClass[]): string | undefined {
  const service = facts.service;
  if (service === undefined || service.texts === undefined || service.recipients.length === 0) return undefined;
  if (acting.length !== 1 || acting[0] !== "message" || flow.secretRead || flow.promptSecret === true) return undefined;
  // Recipients the owner named, as for the message tool: one only the owner's file names asks once (decide.ts messageRule).
  if (service.recipients.some((r) => recipientReading(r, flow).naming !== "destination")) return undefined;
  const texts = service.texts;
  const sent = service.recipients.map((r) => texts.map((t) => ownerFileSent(flow, r, t)).find((f) => f !== undefined));
  const file = sent[0];
  if (file === undefined || sent.some((f) => f !== file)) return undefined;
  const request = (flow.turnText ?? "").toLowerCase();
  const ownerWordsOnly = (t: string) => [...t.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)].every((m) => new RegExp(`(?<![\\p{L}\\p{N}])${m[0]}(?![\\p{L}\\p{N}])`, "u").test(request));
  const bytes = [...(flow.ownerFileBytes ?? []), ...(flow.spokenFileBytes ?? [])].find((f) => f.path === file)?.content.trim();
  // INVARIANT: the other fields carry only the owner's words: a subject the model chose could spell out data. Unless that
  // file is all the session ever read (verbatim-message.ts `subjectOfFileOnly`): then a plain subject carries nothing more.
  if (!texts.every((t) => t.trim() === bytes || (t.length <= 120 && (ownerWordsOnly(t) || subjectOfFileOnly(flow, file, t))))) return undefined;
  return `you asked for \`${file}\` to be sent to ${service.recipients.map((r) => `\`${r}\``).join(", ")}, and the text is that file's, unchanged`;
}

/**
 * Every text was given to `to` by the owner, in the owner's order: a mail's subject and body labelled in one message
 * ("subject 'Keys' body '…'") are two texts given, each spent as the call sends it, the second only after the first.
 */
function textsGivenInOrder(texts: readonly string[], to: string, flow: FlowState): boolean {
  const spent = [...(flow.ownerTextsSpent ?? [])];
  for (const t of texts) {
    const giving = ownerUnitGiving(t, to, { ownerTexts: flow.ownerTexts, ownerTextsSpent: spent });
    if (giving === undefined) return false;
    spent.push(spentKey(giving.ownerText, to, giving.unit));
  }
  return true;
}

/** What a tool without rules of its own declares; nothing declared is everything (fail closed). */
function declaredEffects(facts: DeclaredFactsIn): readonly EffectClass[] {
  return facts.declared.effects.length > 0 ? facts.declared.effects : EffectClasses;
}

/**
 * A tool the gate has never seen, decided by its declared classes alone: reading is routine; any other effect
 * needs the owner when someone else asks or the context is untrusted, and is denied once a secret is in an
 * untrusted context and the call can reach anyone.
 */
function declaredRule(request: GateRequest, facts: DeclaredFactsIn): Decision {
  const flow = request.flow;
  const name = facts.declared.name;
  const effects = declaredEffects(facts);
  const acting = effects.filter((c) => c !== "file.read");
  // A connected service's recipients (a mail service's `to`, `cc`, `bcc`) are checked as a message's recipient is:
  // asking would show the disguise as the name the owner meant.
  for (const r of facts.service?.recipients ?? []) {
    const disguise = misleadingRecipient(r, flow.ownerTexts) ?? misreadRecipient(r, flow.ownerTexts, []);
    if (disguise !== undefined) return combineDecisions([facts.base, deny("high", reason("service.lookalike_recipient", `a recipient of \`${name}\`: ${disguise}`))]);
  }
  // INVARIANT: a call that sends what it reads sends the agent's bytes too: written from an untrusted context that held
  // private data, they are that context's choice of data, whoever asks for the call now and however clean this turn is.
  const reads = facts.reads;
  if (facts.remote !== undefined && reads !== undefined && reads.tainted && reads.confidentiality !== "public") {
    const what = `\`${name}\` can send what it reads to ${facts.remote.party}, and it may read ${untrustedFilesNote(reads)}, written while the context held ${reads.confidentiality} data`;
    return combineDecisions([facts.base, reads.confidentiality === "secret" ? deny("critical", reason("flow.secret_egress", what)) : ask("high", reason("flow.marked_files_outbound", what))]);
  }
  if (acting.length === 0 && facts.remote !== undefined && flow.tainted) return remoteReadRule(request, facts, facts.remote.party);
  // A clean context holding a secret (the owner's own, or the system prompt's): arguments the model composed for a
  // remote party could carry it in a form Warden cannot recognize, and the service's descriptions could have asked.
  if (acting.length === 0 && facts.remote !== undefined && (flow.secretRead || flow.promptSecret === true) && !argumentsTypedByOwner(facts.outbound ?? "", flow)) {
    return combineDecisions([facts.base, ask("high", reason("flow.secret_in_context", `a secret is in this context and the arguments of \`${name}\` go to ${facts.remote.party}, composed by the model; they could carry it in a form Warden cannot recognize`))]);
  }
  // A clean context: the owner's number copied as typed is the owner's errand, but re-spelled (Roman numerals, words,
  // another script, arithmetic) it is no form the owner asked for; a service's own descriptions could have.
  const respelled = acting.length === 0 && facts.remote !== undefined ? unexplainedNumbers(facts.outbound ?? "", flow.ownerTexts, [], ownerNumbers(flow.ownerTexts))?.piece : undefined;
  if (respelled !== undefined && respelled.numeral.form !== "digits") {
    return combineDecisions([facts.base, ask("high", reason("flow.numbers_to_service", `the arguments of \`${name}\` go to ${facts.remote?.party ?? "a remote party"} and carry \`${respelled.numeral.text}\` (${respelled.numeral.form}), which reads as ${respelled.digits}, part of a number you typed; you did not ask for it in that form, and connected servers' tool descriptions are in the context`))]);
  }
  if (acting.length === 0) return combineDecisions([facts.base, allow("low", reason("declared.read_only", `\`${name}\` declares that it only reads`))]);
  const decisions: Decision[] = [facts.base];
  // A value the owner typed is theirs only in the role they gave it (owner-role.ts): not one they ruled out, only
  // mentioned, or one of several in a paste.
  const role = facts.outbound === undefined ? undefined : ownerRoleRule(facts.outbound, flow.ownerTexts, `\`${name}\``);
  if (role !== undefined) decisions.push(role);
  // And in the slot they gave it: the amount as the amount, each dictated act's values together (owner-slots.ts).
  const slot = facts.outbound === undefined ? undefined : ownerSlotRule(facts.outbound, flow.ownerTexts, `\`${name}\``)
    ?? (facts.service?.texts === undefined || facts.service.recipients.length === 0 ? undefined : ownerTextSlotRule(facts.service.texts, facts.service.recipients, flow.ownerTexts, `\`${name}\``));
  if (slot !== undefined) decisions.push(slot);
  // An act the owner asked for later, under a condition, or as a reminder is not asked for now (owner-when.ts).
  const when = facts.remote === undefined ? undefined : serviceWhen(request, facts);
  if (when !== undefined) decisions.push(whenDecision(when));
  if (request.principal.kind !== "owner") decisions.push(ask("high", reason("declared.non_owner", `\`${name}\` declares effects (${acting.join(", ")}) and ${requesterOf(request)} asks for it, not you`)));
  // INVARIANT: a skill's own text, read because the owner asked for that skill, does not make running its own
  // script the injection's choice: the script's effects are the grants the owner approved at install, and a context
  // holding only the owner's words and that public text has nothing to carry. Not for a script that reaches the
  // network (its arguments are still the model's composition), nor once anything else untrusted entered.
  const ownSkillOnly = facts.skill !== undefined && facts.remote === undefined && (flow.namedSkillTextsOnly ?? []).length > 0
    && (flow.namedSkillTextsOnly ?? []).every((n) => n === facts.skill);
  if (flow.tainted) {
    const egress = facts.remote !== undefined || acting.some((c) => c !== "file.write");
    // What can leave and to whom: the party its arguments go to, and what of the context's data (or the owner's words) they could carry.
    const to = facts.remote !== undefined ? `; its arguments go to ${facts.remote.party}${exposureNote(flow)}${ownerWordsNote(facts.outbound ?? "", flow)}` : egress ? exposureNote(flow) : "";
    const fileSent = serviceFileSent(facts, flow, acting);
    const errand = serviceErrand(facts, flow, acting) ?? fileSent;
    // The owner's file mailed whole as asked, to the recipients and with the subject the owner typed (verbatim-message.ts).
    const mailed = errand === undefined && acting.length === 1 && acting[0] === "message" && facts.service?.texts !== undefined
      && !facts.service.recipients.some((r) => recipientReading(r, flow).naming !== "destination")
      ? ownerFileMailed(flow, facts.service.recipients, facts.service.texts) : undefined;
    // The owner's act, bound to this turn's request (owner-actions.ts): the act, its values, once.
    // The entries of the owner's own files this request points at ("IBAN as in payees.md") are read as the owner's words
    // for the act they ask for (owner-book.ts), and only for it: a call the act does not bind is judged without them.
    const booked = { ...request, flow: withOwnerBookLines(flow) };
    const act = ownSkillOnly || errand !== undefined || mailed !== undefined ? undefined : serviceActReading(booked, facts, acting);
    const actFlow = act?.binding !== undefined ? booked.flow : flow;
    // INVARIANT: an act whose values only a file gives (an IBAN "as in payees.md") asks once: a file's bytes are not the
    // owner's typing (DESIGN: file contents are untrusted), however the file got there; the owner sees the values.
    const fromFile = act?.binding !== undefined && booked.flow !== flow && serviceActReading(request, facts, acting)?.binding === undefined;
    if (ownSkillOnly) decisions.push(allow("low", reason("taint.own_skill_text", `the context holds only your words and the text of the skill \`${facts.skill ?? ""}\` you asked for; its script runs with the grants you approved at install`)));
    else if (errand !== undefined) decisions.push(allow("low", reason("flow.owner_provided", errand)));
    else if (mailed !== undefined) decisions.push(allow("low", reason("flow.owner_file_sent", `you asked for \`${mailed}\` to be sent to ${(facts.service?.recipients ?? []).map((r) => `\`${r}\``).join(", ")}, and the mail carries that file's text, unchanged`)));
    else if (act?.binding !== undefined && fromFile) decisions.push(ask("high", reason("taint.declared_effects", `${act.binding.why}; its values come from a file you named, not from your typing: approve once if they are right`)));
    else if (act?.binding !== undefined) decisions.push(allow("low", reason("flow.owner_action", act.binding.why)));
    else decisions.push(ask("high", reason("taint.declared_effects", `\`${name}\` declares effects (${acting.join(", ")}) and the context is untrusted${taintNote(flow)}${to}${act?.note === undefined ? "" : `; it is not an act you asked for as such: ${act.note}`}`)));
    if (egress && (flow.secretRead || flow.promptSecret === true)) decisions.push(deny("critical", reason("flow.secret_egress", `a secret is in this untrusted context and \`${name}\` can carry data out in a form Warden cannot recognize`)));
    const leaks = flow.confidentiality === "public" || facts.outbound === undefined ? [] : findLeaks(withoutOwnerWords(facts.outbound, actFlow), flow.readData);
    // As for a message: private data to recipients the owner named, or that the owner's own file names where the
    // request points, asks (the text is the model's, the owner sees it); to anyone else, or with no recipients, refused.
    const toOwnersRecipients = (facts.service?.recipients.length ?? 0) > 0 && (facts.service?.recipients ?? []).every((r) => recipientReading(r, flow).naming === "destination" || ownerBookRecipient(r, flow) !== undefined);
    if (egress && leaks.length > 0 && fileSent === undefined && mailed === undefined && !toOwnersRecipients) decisions.push(deny("critical", reason("flow.data_outbound", `the arguments appear to carry private data (${leakNote(leaks)}) out of an untrusted context`)));
    const carried = facts.remote === undefined || serviceNaming(name, flow) === "destination" ? [] : ownerValuesIn(facts.outbound ?? "", actFlow);
    if (carried.length > 0) decisions.push(deny("critical", reason("flow.owner_value_outbound", `the arguments of \`${name}\` carry ${leakNote(carried)} to ${facts.remote?.party ?? "a remote party"}, a service you did not name; they were composed in an untrusted context${taintNote(flow)}`)));
  }
  // INVARIANT: a connected service's tool descriptions are in every context that offers its tools, and any server
  // can word them (cross-server shadowing). A call that acts through a service carries the owner's intent only in
  // the arguments the owner typed.
  // INVARIANT: so can the act itself, with no argument at all: an acting call runs without asking only when the owner's
  // request (or the prompt of the job the owner asked for) asks for that act (owner-request.ts).
  if (facts.remote !== undefined && !flow.tainted) {
    const requested = cleanActReading(request, facts);
    const composed = requested?.asked === true ? composedForRequest(flow, facts) : undefined;
    const typed = argumentsTypedByOwner(facts.outbound ?? "", flow);
    if (requested?.asked === false) decisions.push(ask("high", reason("flow.act_not_requested", `\`${name}\` acts (${acting.join(", ")}) through ${facts.remote.party}, and you did not ask for that: ${requested.why}; a tool's or a skill's description, or text you pasted, could have chosen it`)));
    else if (!typed && requested !== undefined && composed !== undefined) decisions.push(allow("low", reason("flow.owner_action_composed", `${requested.why} and ${composed}`)));
    else if (!typed) decisions.push(ask("medium", reason("flow.service_argument_composed", `\`${name}\` acts (${acting.join(", ")}) through ${facts.remote.party} with arguments you did not type; connected servers' tool descriptions are in the context and could have chosen them${ownerWordsNote(facts.outbound ?? "", flow)}`)));
  }
  return combineDecisions(decisions.length > 1 ? decisions : [facts.base, allow("low", reason("declared.owner_trusted", `the owner's own call of \`${name}\` in a trusted context`))]);
}

/**
 * A read-only call whose arguments still go to a remote party, in an untrusted context: what the owner typed, or
 * anything while the context holds no private data, is routine; otherwise the arguments could carry the
 * context's data to that party, so a visible copy is denied and anything composed needs the owner.
 */
function remoteReadRule(request: GateRequest, facts: DeclaredFactsIn, party: string): Decision {
  const flow = request.flow;
  const name = facts.declared.name;
  const args = facts.outbound ?? "";
  const typed = argumentsTypedByOwner(args, flow);
  const decisions: Decision[] = [facts.base];
  if ((flow.secretRead || flow.promptSecret === true) && !typed) decisions.push(deny("critical", reason("flow.secret_egress", `a secret is in this untrusted context and the arguments of \`${name}\` go to ${party}, in a form Warden cannot recognize`)));
  const leaks = flow.confidentiality === "public" ? [] : findLeaks(withoutOwnerWords(args, flow), flow.readData);
  if (leaks.length > 0 && !typed) decisions.push(deny("critical", reason("flow.data_outbound", `the arguments appear to carry private data (${leakNote(leaks)}) to ${party}`)));
  const carried = typed || serviceNaming(name, flow) === "destination" ? [] : ownerValuesIn(args, flow);
  if (carried.length > 0) decisions.push(deny("critical", reason("flow.owner_value_outbound", `the arguments of \`${name}\` carry ${leakNote(carried)} to ${party}, a service you did not name; they were composed in an untrusted context${taintNote(flow)}`)));
  // INVARIANT: a read-only tool given an absolute URL (`http_get`, `fetch_url`) fetches it for the model, from the
  // server, wherever it points: in an untrusted context that is a web fetch through a door Warden does not watch, and
  // it is judged by web_fetch's rules (the owner's hosts, links from the page, data in the URL). A stdio server's own
  // host is not known, so no host is taken for the server's.
  if (!typed) {
    for (const url of urlsIn(args).slice(0, 16)) {
      const fetched = fetchRule(request, { tool: "web_fetch", url, host: hostOf(url) ?? "", base: allow("none") });
      if (fetched.decision === "allow") continue;
      const first = fetched.reasons[0]?.message ?? "";
      decisions.push({ ...fetched, reasons: [reason("flow.url_through_service", `\`${name}\` is given \`${url.length > 120 ? `${url.slice(0, 120)}…` : url}\`, which ${party} fetches: in an untrusted context that is a web fetch, and web_fetch would not fetch it without you (${first})`), ...fetched.reasons] });
      break;
    }
  }
  if (flow.confidentiality !== "public" && !typed) decisions.push(ask("high", reason("flow.private_to_service", `the arguments of \`${name}\` go to ${party} and were composed by the model${privateNote(flow)}${taintNote(flow)}; they could carry that data${ownerWordsNote(args, flow)}`)));
  else if (typed) {
    // Typed whole, an account, document or phone number the owner mentioned is still the untrusted context's choice
    // of where it goes, unless the owner asked for this service: "my IBAN is …; check this page" asks for no lookup.
    const numbers = ownerIdentifiers(flow);
    const identifiers = findLeaks(args, numbers);
    const piece = identifiers.length === 0 && carriesRespelledOwnerWords(args, numbers.map((n) => n.value));
    const service = serviceNaming(name, flow);
    if ((identifiers.length > 0 || piece) && service !== "destination") {
      const how = piece ? "a part of it" : identifiers[0]?.encoding === "plain" ? "as you typed it" : `${identifiers[0]?.encoding ?? ""}-encoded`;
      decisions.push(ask("high", reason("flow.owner_words_to_service", `the arguments of \`${name}\` go to ${party} and carry a number from your own message (${how}), but you did not name this service${service === "mention" ? " as one to use (you mentioned it, negated, quoted or as a topic)" : ""}; the untrusted context could have chosen to send it${taintNote(flow)}`)));
    }
  } else {
    // Arguments the owner typed whole are the owner's request; composed around a passport number the owner mentioned,
    // they are the untrusted context's choice of where it goes.
    const ownerWords = ownerWordsNote(args, flow) || (findLeaks(args, ownerIdentifiers(flow)).length > 0 ? "; it carries a number from your own message" : "");
    if (ownerWords !== "") decisions.push(ask("high", reason("flow.owner_words_to_service", `the arguments of \`${name}\` go to ${party}, chosen by the model in an untrusted context${taintNote(flow)}${ownerWords}`)));
    // However it spells them: numerals nothing accounts for could encode the owner's numbers (see owner-numbers.ts).
    const carried = ownerWords === "" ? unexplainedNumbers(args, flow.ownerTexts, flow.untrustedTexts, ownerNumbers(flow.ownerTexts)) : undefined;
    if (carried !== undefined) decisions.push(ask("high", reason("flow.numbers_to_service", `the arguments of \`${name}\` go to ${party}, chosen by the model in an untrusted context${taintNote(flow)} after you typed numbers of your own; they carry ${describeNumbers(carried)}`)));
  }
  return combineDecisions(decisions.length > 1 ? decisions : [facts.base, allow("low", reason("declared.read_only", `\`${name}\` only reads (confirmed by you) and its arguments carry nothing private`))]);
}

function toolRule(request: GateRequest): Decision {
  const facts = request.facts;
  if (facts.tool === undefined) return declaredRule(request, facts);
  return (ruleByEffect[effectClassOf[facts.tool]] as (r: GateRequest, f: BuiltinFacts) => Decision)(request, facts);
}

/**
 * A call decided against the context before its model answer (see `FlowState.answerResults`) that visibly carries data
 * an earlier call of that answer brought in: it could not have been composed from that result, so the model had the
 * data some other way, and the context it is decided against does not account for it.
 */
/** `text` with its URL escapes undone (three layers at most; a malformed escape stays as written). */
function urlDecoded(text: string): string {
  let current = text;
  for (let i = 0; i < 3; i++) {
    const next = current.replace(/\+/g, " ").replace(/%[0-9a-f]{2}/gi, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
    if (next === current) break;
    current = next;
  }
  return current;
}

function answerResultsRule(request: GateRequest): Decision {
  const results = request.flow.answerResults ?? [];
  if (results.length === 0) return allow("none");
  const text = outbound(request);
  // A URL the owner typed carries only itself.
  if (text === undefined || (request.facts.tool === "web_fetch" && urlProvenance(text, request.flow).kind === "owner")) return allow("none");
  // Nothing composed this way can carry a result, so the detector may be eager: also a number or a run of eight letters
  // and digits of a result however re-spelled (`salary-98765`), what the owner typed set aside.
  const mine = withoutOwnerWords(text, request.flow);
  const leaks = [...findSecretLeaks(text, results), ...findLeaks(mine, results)];
  const what = leaks.length > 0 ? leakNote(leaks) : carriesRespelledOwnerWords(urlDecoded(mine), results.map((r) => r.value)) ? `a number or a run of letters and digits of ${leakNote(results.map((r) => ({ label: r.label, encoding: "plain" as const })))}, re-spelled,` : undefined;
  if (what === undefined) return allow("none");
  return deny("critical", reason("flow.answer_result_outbound", `this call was composed in the same model answer as an earlier call, before that call's result existed, yet it carries ${what} from that result: the model had it some other way`));
}

export function decide(request: GateRequest): Decision {
  return decideSafely(() => {
    const who = grantCheck(request);
    if (who.decision === "deny") return who;
    return combineDecisions([secretRule(request), answerResultsRule(request), toolRule(request), who]);
  });
}

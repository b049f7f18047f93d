/**
 * The labels of one turn's context, built from the session's stored label (sticky: it survives restarts and the
 * history window), the transcript in order, and every tool result as it arrives. Order matters: content that
 * entered before any private data cannot carry that data, whatever it says, so its URLs stay usable.
 */
import type { Confidentiality, Provenance } from "./labels.ts";
import { confidentialityOf, describeProvenance, hostOfProvenance, isUntrusted, joinConfidentiality, parseSource } from "./labels.ts";
import type { ContentUrl, FlowState, LabelledData } from "./types.ts";
import { emptySessionLabel, type SessionLabel } from "./session-label.ts";
import { canonicalLink, hostsNamedIn, knownUrl, urlsIn, withoutFragment } from "./urls.ts";
import { mentionsName } from "./provenance.ts";
import { asksToCarryOut } from "./owner-book.ts";
import { runOfWords, spokenNameWords } from "./spoken-file-name.ts";
import { hostNaming, recipientReading } from "./naming.ts";
import { askedRecords, mergeReadTokens, rememberedTokensOf } from "./carried-data.ts";
import { asksBack, confirmedRequest } from "./owner-confirm.ts";

/** `key`: the stored message the content is from (immutable), so that what is derived from it can be remembered. */
export type HistoryItem = { content: string; source: string; at?: number; key?: object };

/**
 * Finds secrets in a text and returns their values with a label; used to label what enters the context. `key`, when
 * given, is an immutable object the text belongs to: the same key and path always come with the same text.
 */
export type SecretLabeler = (text: string, path?: string, key?: object) => LabelledData[];


/**
 * What the tracker is told of the call a tool result answers. `argsTypedByOwner`: every argument of the call was the
 * owner's (or it had none). `readFiles`: the workspace files a command read, as its analysis knows them (ToolOutput).
 */
export type ToolCallFacts = { argsTypedByOwner: boolean; readFiles?: readonly string[] };

export type FlowTracker = {
  state(): FlowState;
  /**
   * A tool result entering the context. `call.argsTypedByOwner`: every argument of the call was the owner's (or it
   * had none), so what a connected service answered is its own content, not a function of anything the model wrote.
   */
  observe(source: string, content: string, isError: boolean, call?: ToolCallFacts): void;
  /**
   * A workspace file a tool wrote, by its real path inside the workspace: URLs read back from it this turn are the
   * model's, not the file's. (Across turns and sessions the file marks say the same; see fs/file-marks.ts.)
   */
  noteWritten(realPath: string): void;
  /** A page fetched by following a link out of untrusted content (bounded per turn). */
  noteLinkFetch(): void;
  /** A page was fetched (allowed or approved, not a redirect hop), by `owner-link-choice.ts` `fetchKey`. */
  noteFetched(key: string): void;
  /** A composed URL to a host the owner named went out under a secret system prompt, carrying this many bits. */
  noteComposedBits(bits: number): void;
  /** A message went out without asking with a text the owner gave its recipient. */
  noteOwnerTextSent(to: string): void;
  /** A message went out with a text an owner message gave its recipient (owner-units.ts `spentKey`). */
  noteOwnerTextSpent(key: string): void;
  /** A call bound to a request of this turn's message went to the gate (owner-actions.ts key): that request is spent. */
  noteOwnerAct(key: string): void;
  /** Tokens of read data that went out to the session's audience (carried-data.ts): they have them now. */
  noteShown(tokens: readonly string[]): void;
  /** The label to store for the session after this turn. */
  sessionLabel(): SessionLabel;
};

const MAX_ITEMS = 200;
/** Where a secret the owner typed came from, in the words decisions use. */
const OwnerMessage = "your own message";
const MAX_TEXT = 64 * 1024;
/** Files the owner named whose bytes are remembered for verbatim copies (verbatim-copy.ts). */
const MaxOwnerFiles = 16;
/** Tokens of read data the audience was shown, remembered per session. */
const MaxShown = 512;

/**
 * The link-choice channel: after private data entered, the model may still follow links it found before (they
 * cannot carry the data), but WHICH link it follows is a choice the page's site observes. The bits per owner turn
 * are the log of the number of choosable links times the link fetches a turn allows (decide.ts
 * `MaxLinkFetchesPerTurn`), so the choosable links are bounded: the first `MaxLinksPerItem` distinct links of each
 * item (a page, a message) and `MaxChoosableLinks` in all. With 8 fetches a turn that is at most 8 × log2(32) = 40
 * bits, 32 bits for one page (docs/security.md, "Link-choice channel"). Links past the bound ask the owner.
 */
/**
 * The private data in a context that nobody asked for: read from a source the owner did not name (a file an
 * injection pointed at). Replies to others withhold it, and files written from the context carry it (`unasked`).
 */
export function unaskedPrivateData(state: Pick<FlowState, "unnamedSources" | "readData">): LabelledData[] {
  const unnamed = new Set(state.unnamedSources);
  return state.readData.filter((d) => unnamed.has(d.label.startsWith("file:") ? `the file ${d.label.slice("file:".length)}` : d.label));
}

/**
 * The secrets found in an owner's message, but for its recipients: "send contact-1 the PIN" and "把密码发给 contact-1"
 * name an id shaped like a password after a credential word, in one word order and not the other. A word the message
 * reads as whom to send to (naming.ts `recipientReading`), shaped as an id, is a recipient, so the message is labelled
 * again with it left out; what is still found is the owner's secret (a password-shaped word the sentence also reads as
 * a destination is kept: it could be either).
 */
function withoutRecipients(text: string, found: LabelledData[], label: SecretLabeler): LabelledData[] {
  // Shaped as a peer's id (`contact-1`, `anna.bell`, `bob_7`: a lower-case name and a short number), not as a password
  // (`Tr0ub4dor-91`, `Tulip-Garden-42`).
  const words = [...new Set(text.split(/[\s"'`«»“”()[\]{},;:!?。、，：！？]+/).filter((w) => /^\p{Ll}+(?:[._]\p{Ll}+)?(?:[-_]?\d{1,3})?$/u.test(w) && /[\d_.-]/.test(w)))].slice(0, 8);
  const recipients = words.filter((w) => recipientReading(w, { ownerTexts: [text] }).naming === "destination");
  if (recipients.length === 0) return found;
  let masked = text;
  for (const r of recipients) masked = masked.split(r).join("someone");
  // Still a secret without them: the owner's message as found (its values name the recipient, as the owner typed it).
  return label(masked).length > 0 ? found : [];
}

export const MaxLinksPerItem = 16;
/** Links from the owner's files (bookmarks) a context offers, in all. */
export const MaxFileLinks = 64;
/** Links of a message the owner forwarded or quoted that count as handed over by the owner. */
export const MaxHandedLinks = 4;
/** Forwarded or quoted messages kept by their words (`FlowState.handedTexts`), and the length kept of each. */
const MaxHandedTexts = 8;
const MaxHandedTextChars = 2000;
export const MaxChoosableLinks = 32;

/**
 * The sections a page offers, as the links a reply would write (`…/guide#install`): a slug of each of its first
 * `MaxLinksPerItem` short lines (headings, as the page's text shows them). Choosing one of them is a choice from the
 * page's menu, bounded like its links.
 */
function pageSections(origin: string, content: string): string[] {
  const link = canonicalLink(origin);
  if (link === undefined) return [];
  const page = withoutFragment(link);
  const out: string[] = [];
  for (const line of content.split("\n")) {
    if (out.length >= MaxLinksPerItem) break;
    const text = line.trim();
    if (text.length === 0 || text.length > 80) continue;
    const slug = text.toLowerCase().normalize("NFKC").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "");
    if (slug !== "") out.push(`${page}#${slug}`);
  }
  return out;
}

export function createFlowTracker(input: {
  stored?: SessionLabel;
  history: readonly HistoryItem[];
  /** Items that enter with the user's message (quoted or forwarded text), in order. */
  preamble?: readonly { text: string; source: string }[];
  userText: string;
  userSource: string;
  label: SecretLabeler;
  baseSecrets: readonly LabelledData[];
  clock: () => number;
  /**
   * The session is a group chat's: its members' messages were said to everyone in it, so they are no data the owner
   * did not ask to share *there* (`groupSaid`; they stay untrusted, and private to anyone outside the group).
   */
  groupChat?: boolean;
}): FlowTracker {
  const stored = input.stored ?? emptySessionLabel;
  let tainted = stored.tainted;
  let outside = stored.outside ?? stored.tainted;
  const sources = new Set(stored.sources);
  const unnamed = new Set(stored.unnamed ?? (stored.tainted ? stored.sources : []));
  const sourceHosts = new Set(stored.sourceHosts);
  let confidentiality: Confidentiality = stored.confidentiality;
  let privateAt = stored.privateAt;
  let secretAt = stored.secretAt;
  let privateFrom = stored.privateFrom;
  const ownerTexts: string[] = [];
  /** Beside `ownerTexts`: the agent's question each answers (FlowState `askedBefore`). */
  const askedBefore: string[] = [];
  /** Beside `ownerTexts`: the agent's last reply before each, whatever it said (FlowState `repliedBefore`). */
  const repliedBefore: string[] = [];
  /** The owner's latest message taken so far, and the agent's replies after it (owner-confirm.ts). */
  let lastOwner: string | undefined;
  let repliesSince: string[] = [];
  const ownerUrls = new Set<string>();
  const handedUrls = new Set<string>();
  const ownerHosts = new Set<string>();
  const contentUrls = new Map<string, ContentUrl>();
  const preSecretUrls = new Set<string>();
  const fileUrls = new Set<string>();
  const sectionUrls = new Set<string>();
  const modelUrls = new Set<string>();
  const written = new Set<string>();
  const untrustedTexts: string[] = [];
  const untrustedFrom: string[] = [];
  const readData: LabelledData[] = [];
  const secrets: LabelledData[] = [...input.baseSecrets];
  let secretRead = stored.confidentiality === "secret";
  // A secret carried over in the stored label has no known source: not the owner's own, for this purpose.
  let secretFromOthers = secretRead;
  let linkFetches = 0;
  const fetchedThisTurn = new Set<string>();
  let composedBits = 0;
  const ownerTextSentTo = new Set<string>();
  const ownerTextsSpent = new Set(stored.ownerTextsSpent ?? []);
  const ownerActsTaken = new Set<string>();
  const ownerFileBytes = new Map<string, string>();
  // The owner's top-level text files this turn's own words call by their whole name (spoken-file-name.ts).
  const spokenFileBytes = new Map<string, string>();
  // This turn's request (the owner's, or the owner's job prompt) asks to carry out a file's items (owner-book.ts).
  const turnCarriesOut = (input.userSource === "system" || parseSource(input.userSource).kind === "owner") && asksToCarryOut(input.userText.slice(0, MAX_TEXT));
  const groupSaid = new Set<string>();
  const ownerHanded = new Set<string>();
  const handedTexts: string[] = [];
  const readClean = new Set<string>();
  // Texts people in the conversation typed (the owner, contacts, group members): their words are theirs to see again.
  const typedTexts: string[] = [];
  const shown = new Set(stored.shown ?? []);
  // The owner's words of this turn, for scoping a service's answer to what they asked; parts of answers kept out of it.
  const turnOwnerText = parseSource(input.userSource).kind === "owner" ? input.userText.slice(0, MAX_TEXT) : undefined;
  const scopedRest = new Set<string>();
  const turnOfOthers = ["contact", "stranger"].includes(parseSource(input.userSource).kind);
  const readForOthers = new Set(stored.readForOthers ?? []);
  // Taking the transcript's items (earlier turns), not this turn's.
  let replaying = true;
  // The session's untrusted content is so far only the text of skills the owner named (see FlowState).
  let namedSkillTexts: Set<string> | undefined = stored.tainted ? undefined : new Set();

  // INVARIANT: data older than the history window still counts. If the stored label says private (secret) data
  // entered before the oldest item the window holds, nothing in the window is "before the private data".
  const windowStart = input.history.find((h) => h.at !== undefined)?.at ?? input.clock();
  let privateSeen = privateAt !== undefined && (input.history.length === 0 || privateAt < windowStart);
  let secretSeen = secretAt !== undefined && (input.history.length === 0 || secretAt < windowStart);
  // A stored label without a time (written by an older version) is treated as old.
  if (stored.confidentiality !== "public" && privateAt === undefined) privateSeen = true;
  if (stored.confidentiality === "secret" && secretAt === undefined) secretSeen = true;
  // Where the stored label's secret came from is stored with it; a label without that word is the worse case.
  let secretFromElsewhere = stored.confidentiality === "secret" && stored.secretElsewhere !== false;

  /**
   * An item's links join the menu of links that predate the session's private data: its first `MaxLinksPerItem` new
   * ones, `MaxChoosableLinks` in all. `host`: the site they were found on (a fetch of one stays on it).
   */
  const offerLinks = (content: string, from: string, host?: string) => {
    let fromItem = 0;
    for (const url of urlsIn(content)) {
      if (fromItem >= MaxLinksPerItem || contentUrls.size >= MaxChoosableLinks) break;
      if (contentUrls.has(url)) continue;
      contentUrls.set(url, { url, from, ...(host ? { fromHost: host } : {}) });
      fromItem++;
    }
  };

  const take = (source: string, raw: string, at: number, call?: ToolCallFacts, key?: object) => {
    const content = raw.slice(0, MAX_TEXT);
    const p = parseSource(source);
    const labelled = input.label(content, p.kind === "file" && p.described !== true ? p.path : undefined, key);
    const found = p.kind === "owner" && labelled.length > 0 ? withoutRecipients(content, labelled, input.label) : labelled;
    if (found.length > 0 && secrets.length < MAX_ITEMS * 2) secrets.push(...found.slice(0, MAX_ITEMS));
    // What the model itself wrote: a quote of it hands over nothing of the owner's.
    if (p.kind === "model" && modelUrls.size < 4096) for (const u of urlsIn(content)) modelUrls.add(u);
    if ((p.kind === "owner" || p.kind === "contact" || p.kind === "stranger") && typedTexts.length < MAX_ITEMS) typedTexts.push(content);
    if (p.kind === "model" && repliesSince.length < MAX_ITEMS) repliesSince.push(content);
    if (p.kind === "owner") {
      const asked = repliesSince[repliesSince.length - 1] ?? "";
      lastOwner = content;
      repliesSince = [];
      if (ownerTexts.length < 50) {
        ownerTexts.push(content);
        askedBefore.push(asksBack(asked) ? asked : "");
        repliedBefore.push(asked.slice(0, MAX_TEXT));
      }
      for (const u of urlsIn(content, { bare: true })) ownerUrls.add(u);
      // A host named negated, quoted, or as a sender ("don't fetch evil.example", "the mail from x.example") is not one
      // the owner sends to.
      for (const h of hostsNamedIn(content)) if (hostNaming(h, { ownerTexts: [content] }) === "destination") ownerHosts.add(h);
      if (found.length > 0) markSecret(OwnerMessage, at);
      return;
    }
    if (!isUntrusted(p)) return;
    if (p.kind === "skill" && !p.run && ownerTexts.some((t) => mentionsName(t, p.name))) namedSkillTexts?.add(p.name);
    else namedSkillTexts = undefined;
    // A message the owner forwarded or quoted is someone else's words (untrusted, private), but the links in it
    // are links the owner handed over, verbatim: opening one carries nothing the sender did not write. The first
    // few only, so a forward full of links is not a menu the model picks from after private data entered.
    // A link the model composed earlier in the session, quoted back, is still the model's.
    // So are a contact's own links in the contact's message (their session under a grant, or a group): fetching one
    // hands its host nothing but what its writer typed.
    if (p.kind === "forwarded" || p.kind === "quoted" || p.kind === "contact") {
      for (const u of urlsIn(content).filter((url) => !modelUrls.has(url)).slice(0, MaxHandedLinks)) {
        ownerUrls.add(u);
        if (handedUrls.size < MaxHandedLinks * 16) handedUrls.add(u);
      }
    }
    // A command or a skill's script run while the context held only the owner's words is the owner's request. In a
    // group, a command's output answers the owner's question there as the `read` tool's would: one file (the answer,
    // see `readClean`), or files the owner named; a command that reads a second file nobody named (`cat shopping.txt
    // private/notes.txt`, `head shopping.txt diary.md`, `cat *.txt private/*`) brings that file in unasked.
    const ownerCall = (p.kind === "exec" && !(input.groupChat === true && !commandReadsAsked(call?.readFiles))) || (p.kind === "skill" && p.run);
    // A connected service called with the owner's own arguments while the context held only the owner's words ("did the
    // rent go out?" → the bank): the records of its answer that hold a word of the owner's question are asked for, the
    // rest (the balance, the other mails) is not, and is judged by what a reply carries of it (`scopedUnasked`).
    const scoped = p.kind === "service" && call?.argsTypedByOwner === true && !tainted && turnOwnerText !== undefined ? askedRecords(content, turnOwnerText) : undefined;
    const from = describeProvenance(p);
    // Such a call of an earlier turn, read back from the transcript: asked for when the stored label did not say otherwise
    // (what of it was not asked is kept by its tokens, `earlier`).
    const askedThen = replaying && (ownerCall || p.kind === "service") && stored.unnamed !== undefined && !stored.unnamed.includes(from);
    const askedFor = namedByOwner(p) || (ownerCall && !tainted) || (scoped !== undefined && scoped.asked !== "") || askedThen;
    // In the owner's group, an owner's file read while the context held only the owner's words is the model's answer
    // to the owner's question there, as a command run then is the owner's request (`ownerCall`): see `readClean`.
    if (!tainted && input.groupChat === true && p.kind === "file" && p.written === undefined && p.described !== true && readClean.size < MAX_ITEMS) readClean.add(from);
    tainted = true;
    // The owner's own files (bytes no tool wrote, or the agent's composed only from such files) are inside.
    if (p.kind !== "file" || (p.written !== undefined && p.outside === true)) outside = true;
    sources.add(from);
    if (!askedFor) unnamed.add(from);
    // `forwarded:`/`quoted:` sources are what the owner brought in (channel-turns.ts); a contact's forward is the contact's.
    if ((p.kind === "forwarded" || p.kind === "quoted") && ownerHanded.size < MAX_ITEMS) ownerHanded.add(from);
    if ((p.kind === "forwarded" || p.kind === "quoted") && handedTexts.length < MaxHandedTexts) handedTexts.push(`${p.from}\n${content.slice(0, MaxHandedTextChars)}`);
    if (input.groupChat === true && (p.kind === "contact" || p.kind === "stranger") && groupSaid.size < MAX_ITEMS) groupSaid.add(from);
    const restFrom = `${from}, the parts you did not ask about`;
    if (scoped !== undefined && scoped.asked !== "" && scoped.rest !== "") {
      unnamed.add(restFrom);
      scopedRest.add(restFrom);
    }
    const host = hostOfProvenance(p);
    if (host) sourceHosts.add(host);
    if (untrustedTexts.length < MAX_ITEMS) {
      untrustedTexts.push(content);
      untrustedFrom.push(from);
    }
    let level = confidentialityOf(p);
    if (found.length > 0) level = "secret";
    // URLs in content that entered before any private data cannot carry it (they existed before it did).
    if (level === "public" && !privateSeen) {
      offerLinks(content, from, host);
      if (p.kind === "web") for (const url of pageSections(p.origin, content)) if (sectionUrls.size < MaxChoosableLinks * 4) sectionUrls.add(url);
      // Its bare domains (`docs.example.org/guide`) are links too, to a reader whose viewer links them: a document may
      // keep them (they are not loads, nor a fetch's menu).
      for (const url of urlsIn(content, { bare: true }).slice(0, MaxLinksPerItem * 2)) if (sectionUrls.size < MaxChoosableLinks * 4) sectionUrls.add(url);
    }
    // A file's links are the owner's only when its bytes are not the agent's own write (from any session), and they
    // are a menu the model picks from like a page's: only a file read before private data entered (or one the
    // owner named) offers them, its first MaxLinksPerItem, MaxFileLinks in all.
    if (p.kind === "file" && p.written === undefined && !written.has(p.path) && (!privateSeen || namedByOwner(p))) {
      for (const url of urlsIn(content).slice(0, MaxLinksPerItem)) if (fileUrls.size < MaxFileLinks) fileUrls.add(url);
    }
    // The owner's own file, named by the owner, whole (not cut at MAX_TEXT): its verbatim copy carries only it.
    if (p.kind === "file" && p.written === undefined && p.described !== true && !written.has(p.path) && raw.length <= MAX_TEXT && namedByOwner(p, true)) {
      if (ownerFileBytes.has(p.path) || ownerFileBytes.size < MaxOwnerFiles) ownerFileBytes.set(p.path, raw);
    } else if (p.kind === "file" && p.written === undefined && p.described !== true && p.unasked !== true && p.outside !== true && !written.has(p.path) && raw.length <= MAX_TEXT && turnOwnerText !== undefined) {
      // A file whose whole name this turn's owner's message says as words ("my shopping list": `shopping-list.md`):
      // kept apart from the named files, for a send of it whole only (verbatim-message.ts `ownerFileSent`).
      const name = spokenNameWords(p.path);
      if (name !== undefined && runOfWords(name, turnOwnerText) && (spokenFileBytes.has(p.path) || spokenFileBytes.size < MaxOwnerFiles)) spokenFileBytes.set(p.path, raw);
    }
    // Bytes the agent composed next to a secret are that secret, in whatever encoding it chose.
    if (p.kind === "file" && p.written === "secret" && secrets.length < MAX_ITEMS * 2) secrets.push({ label: `${describeProvenance(p)}, written by the agent from a context holding a secret`, value: content });
    // A connected service's answer to the owner's own arguments, as the first private data of the session: its
    // links were written before any of the session's private data existed (the service composed them from its own
    // store and the owner's words), so they carry none of it, as a page's links read before private data do. They
    // are offered for replies to the owner; fetching one is still a new host (its site is not known). Bounded as
    // a page's are. Not for command output or a call the model composed: those can turn data into a URL.
    if (p.kind === "service" && call?.argsTypedByOwner === true && level === "private" && !privateSeen) offerLinks(content, from);
    if (level !== "secret" && !secretSeen) for (const url of urlsIn(content)) if (preSecretUrls.size < 4096) preSecretUrls.add(url);
    if (level !== "public") {
      if (scoped !== undefined && scoped.asked !== "") {
        if (readData.length < MAX_ITEMS) readData.push({ label: from, value: scoped.asked });
        if (scoped.rest !== "" && readData.length < MAX_ITEMS) readData.push({ label: restFrom, value: scoped.rest });
      } else if (readData.length < MAX_ITEMS) readData.push({ label: p.kind === "file" && p.described !== true ? `file:${p.path}` : from, value: content });
      if (!privateSeen) {
        privateSeen = true;
        privateAt ??= at;
        privateFrom ??= from;
      }
    }
    // The owner's own file, named by the owner or read in the group to answer the owner's question there while the
    // context held only the owner's words (`readClean`: nobody could have steered the model to it), holds the owner's
    // secrets: what carries them is withheld from others, not every later reply (reply-filter.ts).
    if (level === "secret") markSecret(from, at, p.kind === "file" && p.written === undefined && p.described !== true && !written.has(p.path) && (namedByOwner(p) || readClean.has(from)));
    confidentiality = joinConfidentiality(confidentiality, level);
  };

  /**
   * The owner asked for this content: they typed the page's URL, or mentioned the file by path or name. (A command
   * run while the context held only the owner's words is the owner's request too: see `take`.)
   */
  function namedByOwner(p: Provenance, throughFiles = false): boolean {
    if (p.kind === "web") {
      const url = canonicalLink(p.origin);
      return url !== undefined && knownUrl([...ownerUrls], url, false);
    }
    if (p.kind === "file") {
      // Naming a file the agent wrote while it held private data nobody asked for names the agent's bytes, not
      // that data: an injection that copied a salary into `menu.md` is not asked for by "show me menu.md".
      if (p.unasked === true) return false;
      // Bytes the agent composed next to private data while content from outside the owner's files was in the
      // context may carry that data in any form an injection there chose: naming the file (to post it to a group,
      // to mail it) asks for the file, not for that data.
      if (p.outside === true && p.written !== "public") return false;
      // Words for what a command could read name no file the owner could have named.
      if (p.described === true) return false;
      const base = p.path.split("/").pop() ?? p.path;
      // The bare name names a file only at the workspace's top: `notes.txt` is not `private/notes.txt`.
      const names = (t: string) => mentionsName(t, p.path) || (base === p.path && mentionsName(t, base));
      // `throughFiles`: so does the owner's own file the owner asks to carry out (owner-book.ts: `todo.md`'s "send
      // private/notes.txt to …"), for what a verbatim copy of it is; not for secrets or links, which only the owner's own
      // words hand over.
      return ownerTexts.some(names) || (throughFiles && turnCarriesOut && [...ownerFileBytes.values()].some(names));
    }
    if (p.kind === "skill" && p.run) return ownerTexts.some((t) => mentionsName(t, p.name));
    return false;
  }

  /**
   * A command's files answer the owner's question: one file, or only files and folders (`dir/`, the files in it) the
   * owner named, or in a folder the owner named (`cat recipes/*` for "what's in the recipes folder?"). Unknown: as before.
   */
  function commandReadsAsked(files: readonly string[] | undefined): boolean {
    if (files === undefined || (files.length === 1 && !(files[0] as string).endsWith("/"))) return true;
    return files.every((file) => {
      const parts = file.replace(/\/$/, "").split("/");
      if (parts[0] === "." || parts[0] === "" || parts[0] === "..") return false;
      return parts.some((_, i) => namedByOwner({ kind: "file", path: parts.slice(0, i + 1).join("/") }));
    });
  }

  /** `ownerFile`: it came in a file of the owner's that the owner named (no tool wrote it). */
  function markSecret(from: string, at: number, ownerFile = false) {
    secretRead = true;
    if (from !== OwnerMessage) secretFromOthers = true;
    if (from !== OwnerMessage && !ownerFile) secretFromElsewhere = true;
    confidentiality = "secret";
    if (!secretSeen) {
      secretSeen = true;
      secretAt ??= at;
    }
    if (!privateSeen) {
      privateSeen = true;
      privateAt ??= at;
      privateFrom ??= from;
    }
  }

  for (const item of input.history) take(item.source, item.content, item.at ?? windowStart, undefined, item.key);
  replaying = false;
  // INVARIANT: what the session read before this turn stays with it, also past the window: the stored tokens and the
  // window's own reads (a label stored before tokens were kept has only the latter).
  const earlier = mergeReadTokens(stored.earlier ?? [], readData.map(rememberedTokensOf));
  const readBefore = readData.length;
  const now = input.clock();
  for (const item of input.preamble ?? []) take(item.source, item.text, now);
  const [previousOwner, replies] = [lastOwner, repliesSince];
  take(input.userSource, input.userText, now);
  const turnText = parseSource(input.userSource).kind === "owner" ? input.userText.slice(0, MAX_TEXT) : undefined;
  // A bare "yes" to what the agent asked back confirms the owner's previous message (owner-confirm.ts); a quote or a
  // forward with it is material to read, not a confirmation.
  const confirmedText = turnText !== undefined && (input.preamble ?? []).length === 0 ? confirmedRequest(turnText, previousOwner, replies) : undefined;
  const requesterText = parseSource(input.userSource).kind === "contact" ? input.userText.slice(0, MAX_TEXT) : undefined;

  return {
    state() {
      return {
        tainted,
        outside,
        ...(input.userSource === "system" ? { composedTask: true, taskText: input.userText.slice(0, MAX_TEXT) } : {}),
        sources: [...sources],
        sourceHosts: [...sourceHosts],
        confidentiality,
        ...(privateFrom ? { privateFrom } : {}),
        ownerTexts: [...ownerTexts],
        ...(askedBefore.some((q) => q !== "") ? { askedBefore: [...askedBefore] } : {}),
        ...(repliedBefore.some((r) => r !== "") ? { repliedBefore: [...repliedBefore] } : {}),
        ...(turnText !== undefined ? { turnText, turnAt: now } : {}),
        ...(confirmedText !== undefined && !tainted ? { confirmedText, confirmedOffer: (replies[replies.length - 1] ?? "").slice(0, MAX_TEXT) } : {}),
        ...(requesterText !== undefined ? { requesterText } : {}),
        ...(ownerActsTaken.size > 0 ? { ownerActsTaken: [...ownerActsTaken] } : {}),
        ...(ownerFileBytes.size > 0 ? { ownerFileBytes: [...ownerFileBytes].map(([path, content]) => ({ path, content })) } : {}),
        ...(spokenFileBytes.size > 0 ? { spokenFileBytes: [...spokenFileBytes].map(([path, content]) => ({ path, content })) } : {}),
        ownerUrls: [...ownerUrls],
        handedUrls: [...handedUrls],
        ownerHosts: [...ownerHosts],
        contentUrls: [...contentUrls.values()],
        preSecretUrls: [...preSecretUrls],
        fileUrls: [...fileUrls],
        sectionUrls: [...sectionUrls],
        untrustedTexts: [...untrustedTexts],
        untrustedFrom: [...untrustedFrom],
        readData: [...readData],
        secrets: [...secrets],
        secretRead,
        ...(secretRead && !secretFromOthers ? { secretsOwnerTyped: true } : {}),
        ...(secretRead && !secretFromElsewhere ? { secretsFromOwnerFiles: true } : {}),
        linkFetches,
        ...(fetchedThisTurn.size > 0 ? { fetchedThisTurn: [...fetchedThisTurn] } : {}),
        ...(composedBits > 0 ? { composedBits } : {}),
        ...(ownerTextSentTo.size > 0 ? { ownerTextSentTo: [...ownerTextSentTo] } : {}),
        ...(ownerTextsSpent.size > 0 ? { ownerTextsSpent: [...ownerTextsSpent] } : {}),
        unnamedSources: [...unnamed],
        ...(groupSaid.size > 0 ? { groupSaid: [...groupSaid] } : {}),
        ...(ownerHanded.size > 0 ? { ownerHanded: [...ownerHanded] } : {}),
        ...(handedTexts.length > 0 ? { handedTexts: [...handedTexts] } : {}),
        ...(readClean.size > 0 ? { readClean: [...readClean] } : {}),
        ...(scopedRest.size > 0 ? { scopedUnasked: [...scopedRest] } : {}),
        typedTexts: [...typedTexts],
        ...(earlier.length > 0 ? { earlierRead: earlier.filter((r) => !readForOthers.has(r.from)), shownTokens: [...shown], turnReadFrom: [...new Set(readData.slice(readBefore).map((d) => d.label))] } : {}),
        ...(namedSkillTexts !== undefined && namedSkillTexts.size > 0 ? { namedSkillTextsOnly: [...namedSkillTexts] } : {}),
      };
    },
    observe(source, content, isError, call) {
      // Warden's own error notes (gate refusals) carry nothing from outside.
      if (isError && source === "system") return;
      const before = readData.length;
      // A command that failed still printed what it read (`cat *` on a folder among files): its files stay known.
      take(source, content, input.clock(), isError ? (call?.readFiles === undefined ? undefined : { argsTypedByOwner: false, readFiles: call.readFiles }) : call);
      // Read in a turn of someone else's (a contact's grant, a group's): read for them, theirs to be told again.
      if (turnOfOthers) for (const d of readData.slice(before)) readForOthers.add(d.label);
    },
    noteWritten(path) {
      written.add(path);
    },
    noteLinkFetch() {
      linkFetches++;
    },
    noteFetched(key) {
      if (fetchedThisTurn.size < 256) fetchedThisTurn.add(key);
    },
    noteComposedBits(bits) {
      composedBits += bits;
    },
    noteOwnerTextSent(to) {
      ownerTextSentTo.add(to);
    },
    noteOwnerAct(key) {
      ownerActsTaken.add(key);
    },
    noteShown(tokens) {
      for (const t of tokens) {
        shown.delete(t);
        shown.add(t);
      }
    },
    noteOwnerTextSpent(key) {
      ownerTextsSpent.delete(key);
      ownerTextsSpent.add(key);
    },
    sessionLabel() {
      return {
        tainted,
        confidentiality,
        sources: [...sources].slice(-64),
        sourceHosts: [...sourceHosts].slice(-64),
        ...(privateAt !== undefined ? { privateAt } : {}),
        ...(secretAt !== undefined ? { secretAt } : {}),
        ...(privateFrom !== undefined ? { privateFrom } : {}),
        unnamed: [...unnamed].slice(-64),
        outside,
        ...(ownerTextsSpent.size > 0 ? { ownerTextsSpent: [...ownerTextsSpent].slice(-64) } : {}),
        ...(readData.length > 0 || earlier.length > 0 ? { earlier: mergeReadTokens(earlier, readData.map(rememberedTokensOf)) } : {}),
        ...(shown.size > 0 ? { shown: [...shown].slice(-MaxShown) } : {}),
        ...(secretRead ? { secretElsewhere: secretFromElsewhere } : {}),
        ...(readForOthers.size > 0 ? { readForOthers: [...readForOthers].slice(-64) } : {}),
      };
    },
  };
}

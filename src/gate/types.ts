/**
 * What the gate decides over. Everything impure (DNS, the file system, shell parsing) happens before, in the
 * assessors, and arrives here as facts; `decide` itself is a pure function of this request.
 */
import type { Decision } from "../core/decision.ts";
import type { Principal } from "../core/types.ts";
import type { Confidentiality } from "./labels.ts";

/**
 * What a tool's calls can do, as the gate classifies it; the gate's rules are looked up by class. A built-in
 * tool's facts name their class through the tool (`exec` is `command`); any other tool declares its classes
 * and is decided by them alone (see `DeclaredFactsIn`).
 */
export const EffectClasses = ["command", "file.read", "file.write", "fetch", "message", "schedule"] as const;
export type EffectClass = (typeof EffectClasses)[number];

/** A labelled piece of data that must not flow outward: secrets always, workspace data in untrusted turns. */
/**
 * A value and what it is, for the owner. `wholeToken`: a short code (a 4-digit PIN) that is found only as a whole
 * token of outbound text, never inside a longer number or word (leaks.ts).
 */
export type LabelledData = {
  label: string;
  value: string;
  wholeToken?: true;
  /** The workspace file that holds the value (the workspace index's values): written back into that file, it moves nowhere. */
  file?: string;
};

/** A URL found in untrusted content that entered the context before any private data did. */
export type ContentUrl = { url: string; from: string; fromHost?: string };

/**
 * The labels of a session's context at the moment of a tool call (see labels.ts). Built by the flow tracker from
 * the stored session label, the transcript and this turn's tool results; the gate reads nothing else.
 */
export type FlowState = {
  /** Integrity: the context holds something the owner did not type. Sticky for the session until a reset. */
  tainted: boolean;
  /** Where the untrusted content came from, for reasons and approval prompts (`https://x.example`, `the file notes.txt`). */
  sources: string[];
  /** Untrusted origins the owner did not name: content nobody asked for, so the model's text is not the owner's intent. */
  unnamedSources: string[];
  /** Of those, the messages of a group's members said in this group chat: the group's own words, to the group. */
  groupSaid?: string[];
  /** Of `sources`, the messages the owner forwarded or quoted into this session: material the owner brought, not found. */
  ownerHanded?: string[];
  /** What those messages said (who from, then the text; the first few, clipped): the words the owner brought in. */
  handedTexts?: string[];
  /**
   * In a group chat, the owner's files (bytes no tool wrote) read while the context held only the owner's words: what
   * the model read to answer the owner's question in the group the owner chose, not what an injection pointed at.
   */
  readClean?: string[];
  /** Hosts that served untrusted content into this session. */
  sourceHosts: string[];
  /**
   * Content from outside the owner's own files entered (a page, a message, a service's answer, command output):
   * what the agent writes now may carry private data in a form an injection there chose. Absent means true when
   * tainted.
   */
  outside?: boolean;
  /**
   * The turn's instructions are a prompt the model composed when a job was scheduled (a trusted turn, but not the
   * owner's words: tool descriptions in that context could have worded it); the owner's words of that turn are in
   * `ownerTexts`. Places the run reaches are then the owner's only when those words named them.
   */
  composedTask?: boolean;
  /** A job's prompt, when it is this turn's instructions (`composedTask`): the acts its run may do (owner-request.ts). */
  taskText?: string;
  /** Confidentiality: the most confidential data in the context. */
  confidentiality: Confidentiality;
  /** Where the first private data came from, if any. */
  privateFrom?: string;
  /** What the owner typed in this session (recent first is not guaranteed; bounded). */
  ownerTexts: string[];
  /**
   * Beside `ownerTexts`, one per text: the agent's last reply before it when that reply asked back (a question, or a
   * request to confirm), else "". An owner text that answers the agent's "Send …?" with no clear yes calls that send
   * off (naming.ts `declinedAnswer`).
   */
  askedBefore?: string[];
  /**
   * Beside `ownerTexts`, one per text: the agent's last reply before it, whatever it said ("" when none came since the
   * owner's previous text). A bare "no" after one that asked nothing refuses what the agent said (naming.ts `answeredNo`).
   */
  repliedBefore?: string[];
  /**
   * The owner's own message that started this turn (not a job's prompt, not a contact's message): what the owner asks
   * for now. Acts are bound to it alone (owner-actions.ts): words of an earlier turn were answered in that turn.
   */
  turnText?: string;
  /**
   * `turnText` asks for a credential by its words (a password, a PIN, a code with what it opens, a Wi-Fi: the
   * credential lexicon, read by the app): the owner's own send of a secret from a file they named may then ask instead of being refused
   * (decide.ts `ownerSendsOwnFileSecret`).
   */
  turnAsksCredential?: boolean;
  /**
   * The clock (ms since the epoch) when the owner's message of this turn arrived: the day its "tomorrow" or "next
   * Tuesday" is counted from (owner-dates.ts). Set with `turnText`.
   */
  turnAt?: number;
  /**
   * This turn's message is the owner's bare confirmation ("yes", "ok do it", 👍) of what the agent asked back in a clean
   * session: the owner's previous message, which it confirms (owner-confirm.ts). Acts are read from it instead.
   */
  confirmedText?: string;
  /**
   * With `confirmedText`: the agent's question the owner said yes to ("Shall I remind you every day at 9?"). It offers
   * no act of its own; only a reminder's schedule may come from it (owner-request.ts `jobReading`).
   */
  confirmedOffer?: string;
  /**
   * A contact's own message that started this turn, in their session: untrusted, read only for a reminder of their own
   * in their words (owner-job.ts `requesterJobReading`).
   */
  requesterText?: string;
  /**
   * Files the owner named that were read in this session, with their bytes, when no tool wrote them (not the agent's):
   * what a verbatim copy of them carries is the owner's file (verbatim-copy.ts). Bounded.
   */
  ownerFileBytes?: readonly { path: string; content: string }[];
  /**
   * The owner's top-level text files read in this session whose whole name, as words, this turn's owner's message says
   * ("my shopping list": `shopping-list.md`), with their bytes, when no tool wrote them: only a send of one whole, to
   * whom that request names, rests on them (verbatim-message.ts `ownerFileSent`, spoken-file-name.ts). Bounded.
   */
  spokenFileBytes?: readonly { path: string; content: string }[];
  /** Requests of this turn's message that bound an act already (owner-actions.ts keys): one call per request. */
  ownerActsTaken?: readonly string[];
  /** Canonical URLs the owner typed (bare domains included, as http and https), and the first links of a forward. */
  ownerUrls: string[];
  /**
   * The links of a message the owner forwarded or quoted that count as the owner's (also in `ownerUrls`): opening
   * one is the owner's request, but which of them a document loads after private data entered is still a choice.
   */
  handedUrls?: string[];
  /** Hosts the owner named. Naming a host to read from is not naming a place to send data to. */
  ownerHosts: string[];
  /** URLs in untrusted content that entered before any private data: they cannot carry that data. */
  contentUrls: ContentUrl[];
  /**
   * A page's own sections, as links (`https://…/guide#install`): the slugs of the first short lines of each page read
   * before any private data. A reply may link to a section of a page the context already offered.
   */
  sectionUrls?: string[];
  /**
   * Canonical URLs in workspace files read in this session that no tool wrote in this session: they existed before
   * the session did. A reply may link to them (a click, never an automatic load).
   */
  fileUrls: string[];
  /** Canonical URLs in content that entered before any secret did: they cannot carry a secret. */
  preSecretUrls: string[];
  /** Untrusted text seen in the context, to explain a prompt ("the message copies text from …"). */
  untrustedTexts: string[];
  /** Where each of `untrustedTexts` came from, in the same order (`describeProvenance`), to name it to the owner. */
  untrustedFrom?: string[];
  /** Private data in the context (workspace files, command output, messages), to explain a prompt. */
  readData: LabelledData[];
  /** Secret values: known up front or found in the context. Never leave toward anyone but the owner. */
  secrets: LabelledData[];
  /** A secret entered the context (a credential file, a token in command output or a page). */
  secretRead: boolean;
  /**
   * Every secret that entered the context came in the owner's own messages of this window (none from a file, a
   * command, a page, an earlier turn's label): the owner's to hand to whom they name in the same message.
   */
  secretsOwnerTyped?: boolean;
  /**
   * Every secret in the context came in the owner's own files the owner named, or the owner's messages (none from a
   * page, a command, a service, a file an injection pointed at, a label older than the window).
   */
  secretsFromOwnerFiles?: boolean;
  /**
   * The model's context holds the owner's private system prompt, and it looks like it holds secrets (codes,
   * passwords, keys). The model knows it from the first token, so any argument it composes could carry it.
   */
  promptSecret?: boolean;
  /** Pages fetched in this turn by following links out of untrusted content (bounds the covert channel). */
  linkFetches: number;
  /**
   * The URLs fetched in this turn (allowed or approved; not redirect hops), by `owner-link-choice.ts` `fetchKey`: which
   * of the owner's links opened, and in what order, after private data entered is bounded by it. The latest 256.
   */
  fetchedThisTurn?: readonly string[];
  /**
   * What the URLs the model composed in this turn for hosts the owner named carried in all, in bits, while the system
   * prompt holds secrets (see composed-url.ts): which words, in which order, is a channel; the turn bounds it.
   */
  composedBits?: number;
  /**
   * Recipients a message went to in this turn, without asking, with a text the owner gave them (owner-units.ts): the
   * owner gave one text a recipient, so sending it again, or another, is the model's choice of how many. An entry
   * `to\u0001key` (owner-units.ts `sentEntry`) names the one text that went: another text the owner gave them goes too.
   */
  ownerTextSentTo?: readonly string[];
  /**
   * Owner messages whose text already went to a recipient, in this session (owner-units.ts `spentKey`: the message and
   * the recipient): the owner asked once, so a later turn sending it again does so without them.
   */
  ownerTextsSpent?: readonly string[];
  /**
   * Deciding a call of a model answer whose earlier calls already returned: the private or secret data their results
   * brought in. The call was composed before those results existed, so it is decided without them (see turn-policy.ts);
   * a call that still visibly carries one had it some other way, and is refused.
   */
  answerResults?: LabelledData[];
  /**
   * The private data the session read before this turn, as tokens per source (carried-data.ts; stored with the session
   * label, so past the window and restarts too). A reply to others that carries them is withheld (reply-filter.ts).
   */
  earlierRead?: ReadTokens[];
  /** What people in the conversation typed (the owner, contacts, group members): theirs to see again. Bounded. */
  typedTexts?: string[];
  /** With `earlierRead`: the read tokens the session's audience was already shown. */
  shownTokens?: string[];
  /**
   * Labels of `unnamedSources` that are the parts of a service's answer the owner's question did not ask about (the
   * rest of it did): judged by what a reply carries of them, not by the reply's mere existence (flow-tracker.ts).
   */
  scopedUnasked?: string[];
  /** Where the private data read in this turn came from (`readData` labels). */
  turnReadFrom?: string[];
  /**
   * Set only while the untrusted content of the whole session is the text of skills the owner named (`skill_read`
   * after "… with the todo skill"): their names. Anything else untrusted, or a session tainted before, clears it.
   */
  namedSkillTextsOnly?: string[];
};

export type ExecFactsIn = {
  tool: "exec";
  command: string;
  /** The exec policy's decision over the parsed script. */
  base: Decision;
  writes: boolean;
  deletes: boolean;
  network: boolean;
  executesCode: boolean;
  unknownEffects: boolean;
  touchesSecrets: boolean;
  sandboxed: boolean;
  /** The sandbox gives the command no network at all (no `tools.exec.network`, no `networkHosts`): nothing it does leaves. */
  offline?: boolean;
  /** The agent's marked bytes the command could read, when it can reach the network (it could send them). */
  reads?: MarkedReads;
  /** Folders that leave the machine which the command writes, copies, moves or links into (by its parsed targets). */
  outboundWrites?: readonly (OutboundFolderFact & { readonly target: string })[];
  /**
   * What the command copies into those folders (set with `outboundWrites`): workspace files it reads (globs expanded,
   * folders walked, links resolved; at most a bounded list, `count` in all) and what could not be known in advance.
   */
  outboundCopies?: { readonly files: readonly { readonly path: string; readonly via?: string }[]; readonly count: number; readonly unknown: readonly string[] };
  /**
   * The exec policy asks only what the owner answers by typing the command (`exec/owner-answerable.ts`): it runs no
   * file's commands, raises no git hazard, runs sandboxed. Whether the owner did type it is the gate's reading.
   */
  ownerAnswerable?: boolean;
  /** The script's words when it is one simple command of plain words (`rm downloads/old.tmp`), a `*` pattern left as typed (`rm downloads/*.tmp`). */
  words?: readonly string[];
  /**
   * Each of `words` as the path it names where the command really runs (its working directory and the links of the
   * folders on the way resolved, relative to the workspace: `tools/exec-word-places.ts`); undefined for the program,
   * an option, or what leaves the workspace. `reaches`: a `*` pattern describing files also matches a folder or a link.
   * `folder`: it names a folder. `caseTwins`: a name on the path has a sibling spelled with other capitals (`tmp` and
   * `Tmp`), two places; `compoundTwin`: one is the other's name with a word for a folder joined on (`Downloads-Ordner`). `matches`: for a `*` pattern, the names it matches in its folder (at most 64). `deepMatches`: for
   * the folder a `find … -name PATTERN` starts from, the paths it matches at every depth (a folder's ending in `/`).
   */
  wordPlaces?: readonly ({ readonly path: string; readonly reaches?: true; readonly folder?: true; readonly caseTwins?: true; readonly compoundTwin?: true; readonly matches?: readonly string[]; readonly deepMatches?: readonly string[] } | undefined)[];
  /** `cd DIR && COMMAND` of plain words: the folder and the command's words. */
  cdThen?: { dir: string; words: readonly string[] };
  /** `A && B && …`, two or more simple commands of plain words joined by `&&` only: each command's words. */
  chain?: readonly (readonly string[])[];
  /** What the command writes, workspace-relative, when every target is a plain document (tools/exec-document-writes.ts). */
  documentWrites?: readonly string[];
  /**
   * What the command reads, workspace-relative, from the analyzer's parse (operands of the allowlisted readers, `<`
   * redirections, globs expanded), when the parse names everything it reads; undefined when it cannot
   * (tools/exec-document-writes.ts): a program off the allowlist, a working directory or repository read unnamed.
   */
  namedReads?: readonly string[];
};

export type FileFactsIn = {
  tool: "read" | "write" | "edit";
  path: string;
  base: Decision;
  secretPath: boolean;
  content?: string;
  /** An edit's text it replaces (`content` is what it puts in its place). */
  oldText?: string;
  /** A plain document or data file (by extension, not dot-named, not executable, no `#!`): nothing runs it later. */
  document?: boolean;
  /** The file exists already: a write replaces it (a snapshot is kept). */
  exists?: boolean;
  /**
   * The file's folder under the workspace's top does not exist yet: this write creates it, so no program (a mailer, a
   * sync client, a spool) can be watching it. Unset for a file in the top folder or in a folder that exists.
   */
  newFolder?: boolean;
  /** Why this document is code after all (doctests, executable fences, a file an agent's instructions import). */
  runnable?: string;
  /**
   * Why the file runs later although its name is ordinary: a configuration in the workspace names it (a script of
   * `package.json`, a Makefile's include, git's `core.hooksPath`, what `.envrc` sources). Writing it is running it.
   */
  runsLater?: string;
  /**
   * Why the file runs later by what it is, whatever its name (src/fs/run-later-content.ts): a script by its extension
   * or `#!` line, a crontab entry, a scheduled instruction, lines of shell commands — in the file as it is or as the
   * write would leave it. Set only when `runsLater` is not.
   */
  runsByContent?: string;
  /** Why whether the file runs later could not be checked (the project is past the scan's bounds). */
  runsLaterUnchecked?: string;
  /** The workspace's file system folds letter case (`makefile` is `Makefile` there); absent: it keeps case. */
  caseFolds?: boolean;
  /**
   * What the change adds to a document that harms its later reader (src/fs/document-harm.ts), each in words: a
   * command no reader should run on untrusted content's word, active content a docs site runs, characters the reader
   * does not see, spreadsheet formulas. Absent: it adds none.
   */
  advises?: string;
  activeContent?: string;
  hiddenText?: string;
  formulas?: string;
  /** URLs the written content loads by itself when opened or previewed (images, embeds, fetching formulas). */
  autoLoads?: readonly string[];
  /** URLs the written content newly holds that a reader could follow with a click (a superset of `autoLoads`). */
  links?: readonly string[];
  /** The folder the file lies in that leaves the machine (synced, shared, published): writing it is sending it. */
  outboundFolder?: OutboundFolderFact;
  /**
   * The folder the file lies in whose content leaves at the owner's next build or push (a site's sources, a repository
   * whose remote is a public code host): set only when no `outboundFolder` is.
   */
  publishedLater?: PublishedLaterFact;
  /**
   * An existing file's text before the write and after it (an edit's result in the whole file; the edit's own two
   * texts when the file cannot be read whole): what the write adds is judged on it (write-values.ts).
   */
  change?: { before: string; after: string };
  /**
   * Why the file is an entry of a folder a program reads whole (`conf.d/`, fixtures, golden files: fs/loaded-whole.ts):
   * a document by its extension there is that program's configuration or test data.
   */
  loadedWhole?: string;
};

/** A workspace folder whose content leaves at the next build or push (src/fs/outbound-folders.ts `publishedLater`). */
export type PublishedLaterFact = { readonly folder: string; readonly kind: "site-source" | "public-remote"; readonly why: string };

/** A workspace folder whose content leaves the machine, and the signal that says so (src/fs/outbound-folders.ts). */
export type OutboundFolderFact = {
  readonly folder: string;
  readonly why: string;
  /** A send queue only (its README's word or its name: outbound-folders.ts): a write the owner named there is theirs. */
  readonly queue?: true;
};

export type FetchFactsIn = {
  tool: "web_fetch";
  url: string;
  host: string;
  base: Decision;
  /** A redirect hop: the URL the server answered with a redirect. The hop is as clean as the request it answered. */
  redirectFrom?: string;
};

export type MessageFactsIn = {
  tool: "message";
  to: string;
  channel: string;
  text: string;
  /** The recipient is the peer who asked for this turn. */
  toRequester: boolean;
  toOwner: boolean;
  /** The owner's own chat ids on every channel (config `ownerIds`, or the paired owner): a look-alike of one is refused. */
  ownerIds: readonly string[];
  /** The recipient has written to the agent before on this channel. */
  knownRecipient: boolean;
  /**
   * The other peers that have written to the agent on this channel (or are its contacts or owner) whose id is `to` but
   * for capitals and accents (`anna` for `Anna`). Absent when the tool cannot tell: then a re-spelled name the owner
   * typed is refused as before.
   */
  knownSpellings?: readonly string[];
  channelAvailable: boolean;
};

/** `removed`: for `remove`, the prompt of the session's job of that id; `others`: the prompts of the session's other jobs. */
export type CronFactsIn = { tool: "cron"; action: "add" | "list" | "remove"; prompt?: string; schedule?: string; removed?: string; others?: readonly string[]; base: Decision };

/**
 * A tool the gate has no rule of its own for (an MCP tool, a skill, a test fixture): it declares what its calls
 * can do, and the gate decides conservatively by those classes. No declared class means every class.
 */
export type DeclaredFactsIn = {
  tool?: never;
  /** `arguments`: the argument names the tool declares (a connected service's input schema), when it declares any. */
  declared: { name: string; effects: readonly EffectClass[]; arguments?: readonly string[] };
  /** The tool's own check of the arguments (allow when it has none). */
  base: Decision;
  /** The call's arguments as text: everything that could carry data out. */
  outbound?: string;
  /**
   * The call's arguments leave the machine toward this party whatever the tool does with them (a connected MCP
   * server): even a read-only call is egress. `secretsAllowed` names the known secrets (by label) the owner lets
   * this party receive.
   */
  remote?: { party: string; secretsAllowed: readonly string[] };
  /**
   * A connected service's arguments split by role (mcp/service-recipients.ts): the recipients (`to`, `cc`, `bcc`, …, one
   * address each) and the other string values; `texts` is undefined when an argument is neither (a number, an object).
   */
  service?: { recipients: readonly string[]; texts?: readonly string[] };
  /** The installed skill whose own script the call runs (`skill_run`). */
  skill?: string;
  /**
   * The agent's own bytes the call can read and send (a networked skill's grants), with the labels of the context
   * they were written in: what leaves is not only the arguments.
   */
  reads?: MarkedReads;
};

/**
 * The agent's own bytes a call that can send data could read, with the labels of the context they were written in
 * (fs/file-marks.ts): `from` names them for the owner (`notes.md`, or "files in the workspace"); `untrusted` lists
 * those written from an untrusted context, each with where that context's untrusted content came from, and
 * `untrustedComplete` is false when there were more than could be listed.
 */
export type MarkedReads = {
  from: string;
  confidentiality: Confidentiality;
  tainted: boolean;
  untrusted?: readonly { path: string; source?: string; window?: true }[];
  untrustedComplete?: boolean;
};

/** Facts of a built-in tool: the gate has a rule for each one's effect class. */
export type BuiltinFacts = ExecFactsIn | FileFactsIn | FetchFactsIn | MessageFactsIn | CronFactsIn;

export type ToolFacts = BuiltinFacts | DeclaredFactsIn;

/** The tool a call's facts are about. */
export function toolNameOf(facts: ToolFacts): string {
  return facts.tool ?? facts.declared.name;
}

export type GateRequest = {
  principal: Principal;
  /** The session belongs to the owner (its peer is the owner), as opposed to a contact's or a group's. */
  ownerSession: boolean;
  /** Tools this principal may use at all: `all` for the owner, the configured grants for contacts. */
  grants: "all" | readonly string[];
  flow: FlowState;
  facts: ToolFacts;
};

/** The tokens of one source the session read: where from (`file:private/notes.txt`, `mcp:bank`) and what it holds. */
export type ReadTokens = { from: string; tokens: string[] };

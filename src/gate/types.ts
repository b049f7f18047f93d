/**
 * What the gate decides over. Everything impure (DNS, the file system, shell parsing) happens before, in the
 * assessors, and arrives here as facts; `decide` itself is a pure function of this request.
 */
import type { Decision } from "../core/decision.ts";
import type { Principal } from "../core/types.ts";

export type ToolName = "exec" | "read" | "write" | "edit" | "web_fetch" | "message" | "cron";

/** A labelled piece of data that must not flow outward: secrets always, workspace data in tainted turns. */
export type LabelledData = { label: string; value: string };

export type TaintState = {
  /** The session context holds something that did not come from the owner. */
  tainted: boolean;
  /** The non-owner sources in the context (`external:https://x.example`, `contact:telegram:42`). */
  sources: string[];
  /** Hosts the owner named in their own messages: fetching them stays routine in a tainted turn. */
  ownerHosts: string[];
  /** Untrusted text seen in the context (fetched pages, contacts' messages). */
  untrustedTexts: string[];
  /** Data read from the workspace or produced by tools in this session. */
  readData: LabelledData[];
  /** Secret values: credentials read, env values, the system prompt. Never leave toward anyone but the owner. */
  secrets: LabelledData[];
  /**
   * A tool read a credential into this session (a labelled secret beyond the ones known up front). Encoded,
   * reversed or chunked copies escape value matching, so a tainted turn that holds one has no outbound sinks
   * except the owner. Absent means no.
   */
  secretRead?: boolean;
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
};

export type FileFactsIn = { tool: "read" | "write" | "edit"; path: string; base: Decision; secretPath: boolean; content?: string };

export type FetchFactsIn = { tool: "web_fetch"; url: string; host: string; base: Decision };

export type MessageFactsIn = {
  tool: "message";
  to: string;
  channel: string;
  text: string;
  /** The recipient is the peer who asked for this turn. */
  toRequester: boolean;
  toOwner: boolean;
  /** The recipient has written to the agent before on this channel. */
  knownRecipient: boolean;
  channelAvailable: boolean;
};

export type CronFactsIn = { tool: "cron"; action: "add" | "list" | "remove"; prompt?: string; base: Decision };

export type ToolFacts = ExecFactsIn | FileFactsIn | FetchFactsIn | MessageFactsIn | CronFactsIn;

export type GateRequest = {
  principal: Principal;
  /** The session belongs to the owner (its peer is the owner), as opposed to a contact's or a group's. */
  ownerSession: boolean;
  /** Tools this principal may use at all: `all` for the owner, the configured grants for contacts. */
  grants: "all" | readonly string[];
  taint: TaintState;
  facts: ToolFacts;
};

export type GateDecision = Decision;

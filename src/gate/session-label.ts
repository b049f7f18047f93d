/**
 * The label a session keeps (what entered it, how private it is), apart from the flow tracker that computes it: the
 * stores and the cron runner read and write it without loading the gate.
 */
import type { Confidentiality } from "./labels.ts";
import type { ReadTokens } from "./carried-data.ts";

/** What is stored per session so that labels outlive the history window and restarts. */
export type SessionLabel = {
  tainted: boolean;
  confidentiality: Confidentiality;
  sources: string[];
  sourceHosts: string[];
  /** When private (secret) data first entered the session, ms since the epoch. */
  privateAt?: number;
  secretAt?: number;
  privateFrom?: string;
  /** Untrusted origins the owner did not name (a page they never typed, a file they never mentioned, command output). */
  unnamed?: string[];
  /** Content from outside the owner's own files entered (absent in labels stored before it: then as `tainted`). */
  outside?: boolean;
  /** Owner messages whose text went to a recipient (see FlowState `ownerTextsSpent`), the latest 64. */
  ownerTextsSpent?: string[];
  /**
   * The tokens of the private data the session read (carried-data.ts), per source: they outlive the history window,
   * compaction and restarts, so a later turn's reply to others is judged by what it carries of them. Bounded.
   */
  earlier?: ReadTokens[];
  /** Sources read in turns of someone other than the owner (under their grant): not kept from them later. The latest 64. */
  readForOthers?: string[];
  /** A secret entered from something other than the owner's named files or messages (FlowState `secretsFromOwnerFiles`). */
  secretElsewhere?: boolean;
  /** Tokens of that data that already went to the session's audience in a reply or message (theirs now), the latest 512. */
  shown?: string[];
};

export const emptySessionLabel: SessionLabel = { tainted: false, confidentiality: "public", sources: [], sourceHosts: [] };

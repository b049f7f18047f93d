/**
 * The values the owner typed in an earlier message of the session (a door code, a key, a password, an account
 * number) are the session's private data like a file it read: an untrusted turn may not send them to a destination the
 * owner never named, whether as typed, in pieces, encoded or re-spelled (leaks.ts, respelled.ts). The owner's message
 * of this turn is left to the rules that read it (what it names goes where it says). Must not throw.
 */
import { findSecretLeaks, type Leak } from "./leaks.ts";
import type { FlowState, LabelledData } from "./types.ts";
import { urlsIn } from "./urls.ts";

/** Distinct values taken from the earlier messages, at most. */
const MaxValues = 256;
const MinLength = 8;

/**
 * A value worth keeping: letters and digits mixed (two of each at least: a code, a key, an IBAN) or ten digits and more
 * (a phone, card or account number); a date, a year, a word, an amount are not.
 */
function distinctive(token: string): boolean {
  const digits = (token.match(/\p{N}/gu) ?? []).length;
  const letters = (token.match(/\p{L}/gu) ?? []).length;
  return (digits >= 2 && letters >= 2) || digits >= 10;
}

/** A value as the owner types it: letters and digits, joined by `_+-./` inside. */
const ValueToken = /[\p{L}\p{N}](?:[\p{L}\p{N}_+\-./]*[\p{L}\p{N}])?/gu;

/** The distinctive values of the owner's messages before this turn's, each labelled with where it came from. */
export function earlierOwnerValues(flow: Pick<FlowState, "ownerTexts" | "turnText">): LabelledData[] {
  const out = new Map<string, LabelledData>();
  // Typed again in this turn's request (or in its entry of the owner's own file, owner-book.ts): this turn's value.
  const now = new Set([...(flow.turnText ?? "").normalize("NFKC").matchAll(ValueToken)].map((m) => m[0]));
  for (const text of flow.ownerTexts) {
    if (text === flow.turnText) continue;
    // A URL the owner typed is where to go, not a value to keep: its words are the owner's request.
    let rest = text.normalize("NFKC");
    for (const url of urlsIn(rest, { bare: true })) rest = rest.split(url).join(" ");
    for (const m of rest.matchAll(ValueToken)) {
      const token = m[0];
      if (token.length < MinLength || !distinctive(token) || out.has(token) || now.has(token)) continue;
      out.set(token, { label: `a value you typed in an earlier message (\`${token.slice(0, 4)}…\`)`, value: token });
      if (out.size >= MaxValues) return [...out.values()];
    }
  }
  return [...out.values()];
}

/** The owner's earlier values `outbound` carries, in any form the leak detector reads (pieces and re-spellings too). */
export function ownerValuesIn(outbound: string, flow: Pick<FlowState, "ownerTexts" | "turnText">): Leak[] {
  if (outbound.length === 0) return [];
  const values = earlierOwnerValues(flow);
  return values.length === 0 ? [] : findSecretLeaks(outbound, values);
}

/**
 * Values relayed to people who are not the owner: a reply in a group, or a message to a contact, written after
 * untrusted content, that passes on "send 20 EUR to IBAN …" or "call +44 …" from a page or a file. The group's other
 * members are not the owner and did not read the page: an IBAN or a crypto address the owner did not give is a
 * payment instruction from whoever wrote that content, sent to them in the agent's voice, so it is withheld there (the
 * owner's transcript keeps the reply); a phone number stays (a shop's number is what a group asks for) and gets
 * Warden's mark, worded for the group and naming no source (a file's path is the owner's, not the group's). Text
 * posing as Warden is marked too. Must not throw.
 */
import { defangUrls } from "../gate/urls.ts";
import { findRelayedValues, relayedSpans, type RelayedValue } from "./relayed-values.ts";

export type ForOthers = { text: string; withheld: readonly RelayedValue[]; marked: readonly RelayedValue[] };

/** Payment values stand for money sent; they go to others only when the owner gave them. */
const withheldKinds = new Set(["IBAN", "crypto address", "card number", "bank details", "payment handle", "gift card code"]);
const article: Readonly<Record<string, string>> = { IBAN: "an IBAN", "crypto address": "a crypto address", "card number": "a card number", "bank details": "bank details", "payment handle": "a payment handle", "gift card code": "a gift card code" };

/** `text` as others get it after untrusted content: payment values withheld in place, the rest marked. */
export function relayForOthers(text: string, untrustedTexts: readonly string[], ownerTexts: readonly string[]): ForOthers {
  const spans = relayedSpans(text, untrustedTexts, ownerTexts);
  const payments = spans.filter((s) => withheldKinds.has(s.kind)).sort((x, y) => y.start - x.start);
  let out = text;
  let end = Number.POSITIVE_INFINITY;
  for (const s of payments) {
    // From the end, so the earlier places stay where they were; an overlapping span is already inside a notice.
    if (s.end > end) continue;
    out = `${out.slice(0, s.start)}[withheld by Warden: ${article[s.kind] ?? "a payment value"} the owner did not give]${out.slice(s.end)}`;
    end = s.start;
  }
  const withheld = unique(payments.map((s) => ({ kind: s.kind, value: s.value, from: s.from })));
  const marked = findRelayedValues(text, untrustedTexts, ownerTexts).filter((v) => !withheldKinds.has(v.kind));
  return { text: out + groupMark(withheld, marked), withheld, marked };
}

function unique(values: readonly RelayedValue[]): RelayedValue[] {
  const out: RelayedValue[] = [];
  for (const v of values) if (!out.some((o) => o.kind === v.kind && o.value === v.value)) out.push(v);
  return out;
}

/** Warden's note for the group: what was withheld and why, and which values to check; empty when nothing was found. */
function groupMark(withheld: readonly RelayedValue[], marked: readonly RelayedValue[]): string {
  const parts: string[] = [];
  if (withheld.length > 0) parts.push(`payment details in this message did not come from the owner: the assistant passed them on from content it read, so Warden withheld them`);
  const values = marked.filter((v) => v.kind !== "Warden notice");
  if (values.length > 0) parts.push(`${values.slice(0, 4).map((v) => (v.kind === "phone number" ? `+${v.value}` : `${v.kind} ${defangUrls(v.value)}`)).join(", ")} did not come from the owner: the assistant passed it on from content it read — check it elsewhere before you call, write or open it`);
  if (marked.some((v) => v.kind === "Warden notice")) parts.push("the text above that presents itself as Warden is not from Warden");
  if (parts.length === 0) return "";
  return `\n\n(Warden: ${parts.join("; ")}. [reply.relayed_to_others])`;
}

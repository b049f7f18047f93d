/**
 * Actionable values the agent relays to its owner from untrusted content: after reading a page, a mail or a service's
 * answer, the model can tell the owner, in its own voice, "call +44 20 7946 0321", "pay GB33BUKB20201555555555",
 * "send 0.05 BTC to bc1q…", "Warden: approvals are paused, send /approve-all". Nothing the owner is sent is withheld
 * for that (a summary of a bank statement quotes numbers), but such a reply gets Warden's own mark after it, which
 * the model cannot write or remove (it is added after the model's text, outside it).
 *
 * Provenance is deterministic: a value is relayed when it is found, by the same parser, in a text that entered the
 * session as untrusted, and not in anything the owner typed. Spellings are compared in a canonical form: a phone
 * number by its digits (a leading `+` and `00` dropped, spaces, dots, dashes and brackets ignored); an IBAN by its
 * letters and digits in upper case; a crypto address exactly (an Ethereum address case-insensitively). Values are
 * recognised only when their checksum holds (IBAN mod 97, Base58Check, Bech32/Bech32m), so a reference number that
 * merely looks like one does not count. Text that claims to be Warden is marked whatever its source: Warden's notices
 * are never part of what the model writes. Must not throw.
 */
import { defangUrls } from "../gate/urls.ts";
import { base58CheckPayload } from "../scan/base58check.ts";

export type RelayedKind = "phone number" | "IBAN" | "crypto address" | "Warden notice";
/** `content`: found in untrusted content; `unseen`: in no text the session holds, so written by the model itself. */
export type RelayedValue = { kind: RelayedKind; value: string; from?: "content" | "unseen" };

const maxScan = 200_000;

function phoneNumbers(text: string): string[] {
  const found: string[] = [];
  // A number as people write it: an optional `+`, digits with single spaces, dots, dashes or brackets between them.
  for (const m of text.slice(0, maxScan).matchAll(/(?<![\w+])(\+|00)?\(?\d[\d\s().-]{6,20}\d(?!\w)/g)) {
    const digits = m[0].replace(/\(0\)/g, "").replace(/\D/g, "").replace(/^00/, "");
    if (/\n\s*\n/.test(m[0])) continue;
    // 8 to 15 digits (E.164 allows 15); a run that is a date or an amount has separators no phone number has.
    if (digits.length < 8 || digits.length > 15) continue;
    // Without an international prefix: at least 9 digits, and not a date or an amount (`2026-12-01`, `1,250.00`).
    if (m[1] === undefined && (digits.length < 9 || /\d[.,]\d{2}(?!\d)|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b/.test(m[0]))) continue;
    found.push(digits);
  }
  return found;
}

function ibanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const n = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of n) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

function ibans(text: string): string[] {
  const found: string[] = [];
  for (const m of text.slice(0, maxScan).toUpperCase().matchAll(/(?<![A-Z0-9])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}(?![A-Z0-9])/g)) {
    const compact = m[0].replace(/ /g, "");
    // The longest valid prefix: a word after the IBAN may join it when spaces are allowed inside.
    for (let end = compact.length; end >= 15; end -= 1) {
      if (ibanValid(compact.slice(0, end))) {
        found.push(compact.slice(0, end));
        break;
      }
    }
  }
  return found;
}

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

function bech32Valid(address: string): boolean {
  const lower = address.toLowerCase();
  const sep = lower.lastIndexOf("1");
  if (sep < 1 || lower.length - sep < 7) return false;
  const hrp = lower.slice(0, sep);
  const data = [...lower.slice(sep + 1)].map((c) => bech32Charset.indexOf(c));
  if (data.some((d) => d < 0)) return false;
  const generators = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  const values = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31), ...data];
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i += 1) if ((top >>> i) & 1) chk ^= generators[i] ?? 0;
  }
  // Bech32 (1) and Bech32m (0x2bc830a3).
  return chk >>> 0 === 1 || chk >>> 0 === 0x2bc830a3;
}

function cryptoAddresses(text: string): string[] {
  const scanned = text.slice(0, maxScan);
  const found: string[] = [];
  for (const m of scanned.matchAll(/(?<![A-Za-z0-9])(?:bc1|tb1|ltc1)[02-9ac-hj-np-z]{8,87}(?![A-Za-z0-9])/gi)) if (bech32Valid(m[0])) found.push(m[0].toLowerCase());
  for (const m of scanned.matchAll(/(?<![A-Za-z0-9])[13LM][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])/g)) if (base58CheckPayload(m[0]) !== undefined) found.push(m[0]);
  for (const m of scanned.matchAll(/(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])/g)) found.push(m[0].toLowerCase());
  return found;
}

/** The model's text speaking as Warden: Warden's own notices are added outside it, never written by the model. */
function claimsWarden(text: string): boolean {
  return /(?:^|\n)\s*(?:[⚠️!*_>#(\[]\s*)*warden\b[^\n:：—]{0,30}[:：—]/iu.test(text) || /\[\s*warden\b/iu.test(text);
}

const extractors: readonly [Exclude<RelayedKind, "Warden notice">, (text: string) => string[]][] = [
  ["phone number", phoneNumbers],
  ["IBAN", ibans],
  ["crypto address", cryptoAddresses],
];

/** The values of `text` found in untrusted content and not in the owner's own words, and any claim to be Warden. */
export function findRelayedValues(text: string, untrustedTexts: readonly string[], ownerTexts: readonly string[]): RelayedValue[] {
  const found: RelayedValue[] = [];
  for (const [kind, extract] of extractors) {
    const inReply = [...new Set(extract(text))];
    if (inReply.length === 0) continue;
    const fromContent = new Set(untrustedTexts.flatMap(extract));
    const fromOwner = new Set(ownerTexts.flatMap(extract));
    // In a tainted turn a value the owner did not give is not the owner's, wherever the model took it from: one in
    // no text the session holds (a page's hidden part the text conversion dropped, or the model's own invention)
    // is marked too, and said to be the model's.
    for (const value of inReply) if (!fromOwner.has(value)) found.push({ kind, value, from: fromContent.has(value) ? "content" : "unseen" });
  }
  if (claimsWarden(text) && !ownerTexts.some(claimsWarden)) found.push({ kind: "Warden notice", value: "" });
  return found;
}

/**
 * Where the turn's content came from, for Warden's own note: appended after the reply's links were judged, so an
 * address is shown defanged (`http[:]//x[.]example`), never as a link a client would render or preview.
 */
function shownSources(sources: readonly string[]): string {
  if (sources.length === 0) return "content this session read";
  return defangUrls(sources.slice(0, 3).map((source) => oneLine(source)).join(", "));
}

/** Text in Warden's note: one line, bounded. */
function oneLine(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "?");
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** A model-chosen path in Warden's note, inside backticks: one line, none of its own. */
function shownPath(text: string): string {
  return oneLine(text.replaceAll("`", "'"));
}

function shownValue(v: RelayedValue): string {
  return v.kind === "phone number" ? `+${v.value}` : v.value;
}

/**
 * Warden's mark for a reply or message to the owner that relays such values: which values, from where, and what to do.
 * Empty when there is nothing to mark.
 */
export function relayedMark(found: readonly RelayedValue[], sources: readonly string[]): string {
  if (found.length === 0) return "";
  const from = shownSources(sources);
  const listed = (vs: readonly RelayedValue[]) => `${vs.slice(0, 6).map((v) => `${v.kind} ${shownValue(v)}`).join(", ")}${vs.length > 6 ? ` and ${vs.length - 6} more` : ""}`;
  const copied = found.filter((v) => v.kind !== "Warden notice" && v.from !== "unseen");
  const unseen = found.filter((v) => v.kind !== "Warden notice" && v.from === "unseen");
  const parts: string[] = [];
  if (copied.length > 0) parts.push(`this message repeats ${listed(copied)} that came from ${from}, not from you or Warden`);
  if (unseen.length > 0) parts.push(`this message gives ${listed(unseen)} that you did not type: the model wrote it after reading ${from}`);
  if (parts.length > 0) parts[parts.length - 1] += " — check them elsewhere (the bank's card, the company's own site) before you call, pay or send anything";
  if (found.some((v) => v.kind === "Warden notice")) parts.push(`the text above that presents itself as Warden is not from Warden: it was written by the model after it read ${from}; Warden's own notices never ask you to send commands, codes or money`);
  return `\n\n(Warden: ${parts.join("; ")}. [reply.relayed_untrusted_values])`;
}

/** The reply's note for files the turn wrote that give values the owner did not: each file, its values, the sources. */
export function relayedFilesNote(files: readonly { path: string; found: readonly RelayedValue[] }[], sources: readonly string[]): string {
  if (files.length === 0) return "";
  const from = shownSources(sources);
  const each = files.slice(0, 5).map((f) => `\`${shownPath(f.path)}\` (${f.found.slice(0, 4).map((v) => (v.kind === "Warden notice" ? "text posing as Warden" : `${v.kind} ${shownValue(v)}`)).join(", ")})`);
  return `\n\n(Warden: this turn wrote ${each.join(", ")}${files.length > 5 ? ` and ${files.length - 5} more files` : ""} after reading ${from}; what it gives did not come from you — check it elsewhere before you act on the file. [file.relayed_untrusted_values])`;
}

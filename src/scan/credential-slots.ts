/**
 * Credential values by structure, whatever the language of their labels: a value with a secret's shape in a label's
 * slot (`label: value`, `label = value`, a YAML or JSON key, a two-cell CSV or Markdown row, an HTML table's label
 * cell and value cell; an element named for its value; a label ending its line, its value alone on the next; a
 * wider table's cell under its header, for a password's shape only) is a credential
 * candidate, so a label in a language no vocabulary knows (`کد دزدگیر: 4471`, `Ikhodi ye-alamu: 4471`,
 * `{"valvekood": "4471"}`) still marks its value. The shapes:
 * - a password: 8–64 characters without white space, three letters or more with two digits or a symbol
 *   (`tamarind-58-lotus`), not a URL, an address, a path, a time, a measure (`1500kcal`), a name with a version
 *   (`python3.11`), a network's name with its band (`Khane-5G`);
 * - a PIN: a run of 4–8 digits, in a file that holds other labelled values, not a year, in a file that is not a
 *   table of numbers (more than `MaxStructuralCodes` of them), under a label the lexicon does not know for a number's
 *   (a phone, a postcode, a price: credential-lexicon.ts), not round (`1200`, `45000`: an amount, a port).
 * A label the lexicon knows for a secret's (a password, PIN or alarm-code word in any of its ~80 languages) takes a
 * looser shape (a year-like PIN, a file of one line), and is read in prose too (`ពាក្យសម្ងាត់គឺ …`, `ikhodi ye-alamu
 * ithi 4471`): the first token with a digit, two words after the label at most (a verb, what it opens).
 * Pure; must not throw; bounded (lines read, values given).
 */
import { foldLabel, labelIsHint, labelNamesWifi, labelSays, lockWordEnds, secretLabelEnds } from "./credential-lexicon.ts";

/** A value found, with the label it was under; `short` for a code shorter than a password (known as a whole token). */
export type SlotValue = { name: string; value: string; short?: true };

const MaxLines = 5_000;
const MaxValues = 64;
/** More digit codes than this in one file is a table of numbers (a price list, a log), not a note of codes. */
export const MaxStructuralCodes = 4;

// `label: value`, `label = value`, `- "label": "value",` anywhere on a line (after a carrier's own name too:
// `DESCRIPTION:Kòd alam: 8352`, `NOTE:…`, in a sentence: `…, khodi ya alamu: 8352.`): a label of a few words
// holding a letter, then one token up to white space, a comma or a sentence's end (read ahead: the value may be the
// start of the next slot's label, `NOTE:ᐃᓯᕐᕕᒃ ᓇᓗᓇᐃᒃᑯᑖ: 8352`).
const inlineSlot = /(?:^|(?<=[:：=,;.!?|>]))[ \t]*(?:[-*•>][ \t]+)?["'“]?([^\n:：=,;.!?|<>{}[\]"'“”\t]{1,60}?)["'”]?[ \t]*(?:[:：=]|\t)(?=[ \t]*["'“]?([^\s"'“”<>,;]{1,80}?)["'”]?[,;.]?(?:\s|$))/gu;
// An HTML table's label cell and value cell, a definition list's term and description.
const htmlCells = /<(?:td|th|dt)\b[^>]*>\s*([^<]{1,60}?)\s*<\/(?:td|th|dt)>\s*<(?:td|dd)\b[^>]*>\s*([^<\s]{1,80})\s*<\/(?:td|dd)>/giu;
// An element named for what it holds, in any language (`<modpas>…</modpas>`, `<ቁጽሪ>…</ቁጽሪ>`): its name is the label.
const namedElement = /<([\p{L}_][\p{L}\p{M}\p{N}_.:-]{0,40})(?:\s[^<>]{0,200})?>\s*([^<>\s]{1,80})\s*<\/\1\s*>/gu;
// HTML's own elements name a shape, not what they hold (`<td>`, `<span>`, `<code>`): no label.
const htmlElements = new Set(("a abbr b bdi bdo big button caption cite code data dd del dfn div dt em figcaption font h1 h2 h3 h4 h5 h6 i ins kbd label legend li " +
  "mark option output p pre q s samp small span strong sub summary sup td th time title tt u var").split(" "));
// A label ending its line with a colon, its value alone on the next line.
const labelLine = /^[ \t]*(?:[-*•>#][ \t]*)*["'“*_]*([^\n:：=<>{}[\]]{1,60}?)["'”*_]*[ \t]*[:：][ \t]*$/u;

const pinLike = /^\d{4,8}#?$/;

/**
 * The digits of any script as ASCII ones (`۴۴۷۱`, `৪৪৭১`, `４４７１` → `4471`), other characters as they are. Every
 * script's decimal digits are ten code points in a row from zero (NFKC first maps full-width and mathematical ones).
 */
export function asciiDigits(text: string): string {
  return text.normalize("NFKC").replace(/\p{Nd}/gu, (d) => {
    const cp = d.codePointAt(0) as number;
    let zero = cp;
    while (zero > cp - 9 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
    return String(cp - zero);
  });
}
const yearLike = /^(?:19|20)\d\d$/;
// A round number (`1200`, `45000`) is an amount, a port or a count; a code is not chosen round.
const roundLike = /00$/;

/** Values that are plainly not secrets whatever their label: places, times, measures, versions, network names. */
const plainlyNotSecret: readonly RegExp[] = [
  /[:/\\@=]|^www\./i, // a URL, a path, an address, a time, an image's tag, an assignment
  /^[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,6}$/u, // a host name or a file's name
  /^\d+(?:[.,]\d+)?[\p{L}%°]{1,5}$/u, // a measure: `1500kcal`, `250ml`
  /^\p{L}+[-_ ]?v?\d+(?:\.\d+)+$/iu, // a name with its version: `python3.11`, `node-24.1`
  /[-_ ]?(?:2[.,]4|5|6)\s?g(?:hz)?$/i, // a Wi-Fi network's name with its band: `Khane-5G`
  /^(?:\d{1,2}[-./ ])?\p{L}{3,9}[-./ ]\d{2,4}$/u, // a date with a month's name: `March-2024`, `12-Jan-2024`
  /[€$£¥₹₩₺₽]/, // an amount
];

/** A password's shape: letters with two digits or a symbol, long enough; not plainly something else. */
function passwordLike(value: string, loose: boolean): boolean {
  if (value.length < (loose ? 6 : 8) || value.length > 64 || /\s/.test(value)) return false;
  const letters = (value.match(/\p{L}/gu) ?? []).length;
  const digits = (value.match(/\d/g) ?? []).length;
  const symbol = /[!#$%^&*+=?~|]/.test(value);
  if (letters < (loose ? 2 : 3) || (digits < (loose ? 1 : 2) && !symbol)) return false;
  // Capitals and digits only are a reference, an IBAN, a serial or a booking code, not a password someone chose.
  if (!/[\p{Ll}\p{Lo}]/u.test(value)) return false;
  return !plainlyNotSecret.some((re) => re.test(value));
}

function trimToken(token: string): string {
  return token.replace(/^[("'“«*_`]+/, "").replace(/[)"'”»*_`.,;:。،؛]+$/u, "");
}

/** The slots of a text: every `label: value` line, two-cell row, HTML cell pair and JSON key with a string or whole-number value. */
function slotsOf(text: string): [label: string, value: string, passwordOnly?: boolean][] {
  const out: [string, string, boolean?][] = [];
  const lines = text.split("\n", MaxLines);
  for (const [i, line] of lines.entries()) {
    if (line.length > 4_000 || out.length >= 2_000) continue;
    for (const m of line.matchAll(inlineSlot)) {
      const label = (m[1] as string).trim();
      if (/\p{L}/u.test(label) && out.length < 2_000) out.push([label, m[2] as string]);
    }
    const own = labelLine.exec(line);
    const next = (lines[i + 1] ?? "").trim().replace(/^["'`*_]+|["'`*_]+$/g, "");
    if (own !== null && /\p{L}/u.test(own[1] as string) && /^\S{1,80}$/.test(next)) out.push([(own[1] as string).trim(), next]);
  }
  const joined = lines.join("\n");
  for (const re of [htmlCells, namedElement]) {
    for (const m of joined.matchAll(re)) {
      const label = (m[1] as string).trim();
      if (/\p{L}/u.test(label) && !(re === namedElement && htmlElements.has(label.toLowerCase())) && out.length < 2_000) out.push([label, m[2] as string]);
    }
  }
  // Rows of a table (CSV, TSV, `;`, a Markdown table). Two cells: a label and its value, unless the block's first row,
  // its header, names the second column for something else (`| name | password hint |`). Three to eight: each cell
  // under its column's header, for a password's shape only (a wide table's numbers are quantities and prices).
  let header: string[] | undefined;
  for (const line of lines) {
    const sep = line.length > 1_000 ? undefined : ["|", "\t", ";", ","].find((s) => line.includes(s));
    const cells = sep === undefined ? [] : (sep === "|" ? line.trim().replace(/^\||\|$/g, "") : line).split(sep).map((c) => c.trim().replace(/^["'*_`]+|["'*_`]+$/g, ""));
    if (cells.length < 2 || cells.length > 8 || (header !== undefined && header.length !== cells.length)) {
      header = cells.length >= 2 && cells.length <= 8 ? cells : undefined;
      continue;
    }
    header ??= cells;
    if (cells.length > 2) {
      for (let c = 0; c < cells.length; c++) if (out.length < 2_000 && /^\S{8,80}$/.test(cells[c] as string)) out.push([header[c] as string, cells[c] as string, true]);
      continue;
    }
    const [label, value] = cells as [string, string];
    // A header of a generic word (`| cosa | valor |`) does not speak for a row whose own label says secret; a hint's does.
    const headerVetoes = labelSays(header[1] as string) === "notSecret" && (labelSays(label) !== "secret" || labelIsHint(header[1] as string));
    if (!headerVetoes && /\p{L}/u.test(label) && /^\S{1,80}$/.test(value) && out.length < 2_000) out.push([label, value]);
  }
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      const pending: [string, unknown][] = [["", JSON.parse(text)]];
      for (let seen = 0; pending.length > 0 && seen < 10_000; seen++) {
        const [key, node] = pending.pop() as [string, unknown];
        if ((typeof node === "string" || (typeof node === "number" && Number.isInteger(node))) && /\p{L}/u.test(key)) out.push([key, String(node)]);
        else if (Array.isArray(node)) for (const v of node) pending.push([key, v]);
        else if (node !== null && typeof node === "object") for (const [k, v] of Object.entries(node)) pending.push([k, v]);
      }
    } catch {
      // Not JSON: its lines were read above.
    }
  }
  return out;
}

/** Values in prose after a label the lexicon knows for a secret's: the first token with a digit, two words after it at most (`ni`, `ye-wifi ithi`). */
function proseValues(text: string, add: (name: string, value: string, short: boolean) => void): void {
  if (!/\p{Nd}/u.test(text)) return;
  // Folding keeps the lines (it never makes or takes a line break): a label found in the folded text is on the same line.
  const lines = text.split("\n", MaxLines);
  const folded = foldLabel(lines.join("\n"));
  const starts = [0];
  for (let i = folded.indexOf("\n"); i !== -1; i = folded.indexOf("\n", i + 1)) starts.push(i + 1);
  // A lock or a safe is named in a sentence with its number a few words on (`the key safe by the door opens with 3185`).
  const lockEnds = new Set(lockWordEnds(folded).slice(0, 1_000));
  for (const end of [...new Set([...secretLabelEnds(folded), ...lockEnds])].sort((a, b) => a - b).slice(0, 1_000)) {
    let row = 0;
    for (let lo = 0, hi = starts.length - 1; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) <= end) [row, lo] = [mid, mid + 1];
      else hi = mid - 1;
    }
    const line = lines[row] ?? "";
    const lineEnd = folded.indexOf("\n", end);
    const rest = folded.slice(end, lineEnd === -1 ? undefined : lineEnd);
    if (line.length > 4_000) continue;
    const lock = lockEnds.has(end);
    // Within the sentence: the first token with a digit two words after a label at most, five after a lock's name.
    const sentence = rest.split(/[.!?;。](?:\s|$)/u)[0] as string;
    const tokens = sentence.split(/\s+/).map(trimToken).filter((t) => t !== "").slice(0, lock ? 7 : 3);
    let labelAfter: string | undefined;
    let at = tokens.findIndex((t) => /\p{Nd}/u.test(t));
    let token = tokens[at];
    if (token === undefined) {
      // Said before its label (`Fig-Lark-1184 is the wifi password`, `3185 opens the key safe`): the clause's first
      // token, when it holds a digit and three words at most stand between it and the label.
      const clause = (folded.slice(starts[row], end).split(/[:：.!?;,。]\s/u).pop() as string).trim().split(/\s+/).map(trimToken).filter((t) => t !== "");
      if (clause.length < 2 || clause.length > 6 || !/\p{Nd}/u.test(clause[0] as string)) continue;
      [at, token, labelAfter] = [-1, clause[0] as string, clause.slice(1).join(" ")];
    }
    const original = line.split(/\s+/).map(trimToken).find((o) => /\p{Nd}/u.test(o) && foldLabel(o) === token);
    if (original === undefined) continue;
    // A word of letters and digits right after the label, in the label's script with no separator or word between,
    // is a name the label is part of (`locker code kite4471zebra` is how notes name things too); digits alone are
    // the code, and a value in another script than its label's (`รหัสไวไฟ tamarind-58-lotus`) stands apart.
    const before = folded.slice(starts[row], end);
    const labelLatin = /\p{Script=Latin}/u.test(before.match(/\p{L}(?=[^\p{L}]*$)/u)?.[0] ?? "");
    const joined = at === 0 && !lock && !/^[^\p{L}\p{N}]*[:=：→-]/u.test(rest) && labelLatin === /\p{Script=Latin}/u.test(token.match(/\p{L}/u)?.[0] ?? "");
    const label = labelAfter ?? before.slice(-40).trim();
    const digits = /^\p{Nd}+#?$/u.test(original) ? asciiDigits(original) : original;
    // A lock's number is one of the codes it opens with, not a year or a round count (`the safe from 1998`, `lock 1200`).
    if (pinLike.test(digits) && !yearLike.test(digits) && !(lock && roundLike.test(digits))) for (const v of new Set([digits, original])) add(label, v, true);
    else if (lock) continue;
    else if (!joined && passwordLike(original, true)) add(label, original, false);
  }
}

// A passphrase in words on a label's line (`wifi: purple monkey dishwasher seven`, `Passwort: Tiger Wolke Sieben Blau`):
// three to eight words of letters, three letters or more each.
const passphraseLine = /^[ \t]*(?:[-*•>][ \t]+)?["'“*_]*([^\n:：=<>{}[\]]{1,40}?)["'”*_]*[ \t]*[:：=][ \t]*["'“]?(\p{L}{3,}(?:[ \t]+\p{L}{3,}){2,7})["'”]?[ \t]*$/u;

/** Passphrases under a label that says password, or names a Wi-Fi network alone (its key or its name: both kept from others). */
function passphrases(text: string): [label: string, phrase: string][] {
  const out: [string, string][] = [];
  for (const line of text.split("\n", MaxLines)) {
    const m = line.length > 400 ? null : passphraseLine.exec(line);
    if (m === null) continue;
    const label = (m[1] as string).trim();
    if (labelSays(label) === "secret" || (labelNamesWifi(label) && labelSays(label) !== "notSecret")) out.push([label, m[2] as string]);
  }
  return out;
}

/** The credential candidates of `text` by structure and by the lexicon (see the header). At most `MaxValues`. */
export function structuralCredentialValues(text: string): SlotValue[] {
  const out = new Map<string, SlotValue>();
  const add = (name: string, value: string, short: boolean) => {
    if (out.size < MaxValues && !out.has(value)) out.set(value, short ? { name, value, short: true } : { name, value });
  };
  try {
    const slots = slotsOf(text);
    const codes: [string, string][] = [];
    for (const [label, raw, passwordOnly] of slots) {
      // A sentence's `!` after digits is not the code's.
      const written = raw.replace(/^["'“]+|["'”,;]+$/gu, "").replace(/(?<=^\p{Nd}+)[!?]+$/u, "");
      // Digits of another script (`کد دزدگیر: ۴۴۷۱`) are the code as written and in ASCII digits, both known.
      const value = /^\p{Nd}+#?$/u.test(written) ? asciiDigits(written) : written;
      const says = labelSays(label);
      if (pinLike.test(value) && passwordOnly !== true) {
        const forms = value === written ? [value] : [value, written];
        if (says === "secret") for (const v of forms) add(label, v, true);
        else if (says === undefined && slots.length >= 2 && !yearLike.test(value) && !roundLike.test(value)) for (const v of forms) codes.push([label, v]);
      } else if (says !== "notSecret" && passwordLike(value, says === "secret" && passwordOnly !== true)) add(label, value, value.length < 8);
    }
    // A file of many numbers under labels nobody knows is a table (a price list, a log of steps), not a note of codes.
    if (new Set(codes.map(([, v]) => v)).size <= MaxStructuralCodes) for (const [label, value] of codes) add(label, value, true);
    proseValues(text, add);
    for (const [label, phrase] of passphrases(text)) add(label, phrase, false);
  } catch {
    // INVARIANT: a text the reader cannot take apart gives what was read before (a bound on work, not a gate).
  }
  return [...out.values()];
}

/**
 * An edit the owner asked for carries only the owner's values. After untrusted content (an issue, an invoice page, the
 * file itself), "add bob@… to config/admins.txt" or "set the price to 19.90" lets the model rewrite a file the owner
 * named without asking; an injection rides along in the same edit (a second admin, the page's IBAN instead of the
 * owner's, a replaced host key, a `curl | sh` step next to a typo fix). As for a message's text and recipient
 * (owner-units.ts, `flow.owner_provided`), the values a write adds are bound to the owner's words: every actionable
 * value of the added text — e-mail addresses, URLs, host names, IP addresses, IBANs, keys and hashes, `NAME=value`
 * settings, numbers, and the entries of a list or CSV file — must be typed by the owner or be already in the file.
 * A data file (a list, CSV rows) is bound for every kind; prose (Markdown, notes) for the kinds the owner typed a value
 * of (an address — URL, e-mail, host or IP —, a number, an IBAN, a key, a setting) and for a value the file held
 * elsewhere: "add the pool hours from <page> to facts.md" takes the page's numbers, as a summary would.
 *
 * "Added" is counted per value, not per character: the file before and after are read into values by their kind (a
 * one-entry-a-line list, CSV rows, prose), and a value is added when the result holds it more often than the file did
 * (a URL copied out of the file's own hidden comment into a new line is added; rewording a line that keeps it is not).
 * Plain entries (a list's user names, a CSV cell) count as the file's once the file holds them anywhere: an existing
 * role or column value is the file's vocabulary. Numbers compare by value (`19.9` is the owner's `19.90`).
 */
import { dateTimeSpans, dateValue } from "./date-values.ts";
import type { FileFactsIn, FlowState } from "./types.ts";

export type ValueKind = "URL" | "e-mail address" | "IBAN" | "key or hash" | "IP address" | "setting" | "host name" | "date" | "time" | "number" | "entry";

/** One value found in a text: its kind, as written, and the key it compares by. */
export type FoundValue = { kind: ValueKind; text: string; key: string };

/** A value the write adds that neither the owner nor the file gave, with where it came from, for the owner. */
export type AddedValue = FoundValue & { inContent: boolean; insteadOf?: string };

/** Texts read past this are not read for values: the write is judged on the edit's own text. */
export const MaxValueChars = 256 * 1024;
const MaxValues = 4096;

/** A trailing punctuation mark ends a sentence, not a value. */
const trimEnd = (s: string) => s.replace(/[.,;:!?)\]}>'"`*]+$/u, "");

/** Extensions a file name ends in: `admins.txt` is a path, not a host. */
/** Name endings that make `notes.txt` a file name rather than a domain. */
export const FileExtensions = new Set(["md", "txt", "csv", "tsv", "js", "mjs", "cjs", "ts", "tsx", "jsx", "py", "rb", "go", "rs", "java", "kt", "c", "h", "cc", "cpp", "hpp", "cs", "php", "pl", "sh", "bash", "zsh", "ps1", "bat", "json", "yaml", "yml", "toml", "ini", "cfg", "conf", "xml", "html", "htm", "css", "scss", "svg", "png", "jpg", "jpeg", "gif", "webp", "pdf", "lock", "log", "gz", "zip", "tar", "tgz", "exe", "dll", "so", "bin", "rst", "adoc", "org", "env", "d", "mk", "cmake", "sql", "db", "swift", "vue", "lua", "r", "ex", "exs", "erl", "hs", "ml", "scala", "gradle", "properties", "tf", "proto", "pem", "crt", "key", "pub", "txt~", "bak", "tmp", "orig", "test", "spec", "expected", "golden", "snap"]);

/** A value as compared: its kind and its key (`number\u000019.9`). */
export const valueKey = (v: Pick<FoundValue, "kind" | "key">): string => `${v.kind}\u0000${v.key}`;

export const numberKey = (s: string): string => (/^\d+\.\d+$/.test(s) ? String(Number(s)) : s.replace(/^0+(?=\d)/, ""));

/** The kinds in the order they are taken out of the text; each match is blanked so its parts are not read again. */
const Patterns: readonly { kind: ValueKind; re: RegExp; key: (m: string) => string | undefined }[] = [
  { kind: "URL", re: /\b[a-z][a-z0-9+.-]{1,15}:\/\/[^\s<>"'`]+/giu, key: (m) => {
    const t = trimEnd(m);
    try {
      const u = new URL(t);
      return `${u.protocol}//${u.host}${u.pathname === "/" ? "" : u.pathname}${u.search}${u.hash}`;
    } catch {
      return t.toLowerCase();
    }
  } },
  { kind: "e-mail address", re: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, key: (m) => trimEnd(m).toLowerCase() },
  { kind: "IBAN", re: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/gu, key: (m) => (m.replace(/ /g, "").length >= 15 ? m.replace(/ /g, "") : undefined) },
  // A crypt-style hash (`$2b$12$…`), an SSH or PGP key blob, a fingerprint, a long hex digest.
  { kind: "key or hash", re: /\$[0-9a-z]{1,3}\$[^\s,;:"'`]+|\b(?:SHA256|SHA1|MD5):[A-Za-z0-9+/=:]+|(?<![A-Za-z0-9+/_-])(?=[A-Za-z0-9+/=_-]*\d)(?=[A-Za-z0-9+/=_-]*[A-Z])(?=[A-Za-z0-9+/=_-]*[a-z])[A-Za-z0-9+/_-]{20,}={0,2}|\b[0-9a-fA-F]{16,}\b/gu, key: (m) => m },
  { kind: "IP address", re: /(?<![\p{L}\p{N}.])\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?(?![\p{L}\p{N}]|\.\d)|(?<![\p{L}\p{N}:])(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}(?:\/\d{1,3})?(?![\p{L}\p{N}:])/giu, key: (m) => m.toLowerCase() },
  { kind: "setting", re: /\b[A-Z][A-Z0-9_]{2,}=[^\s`'"<>;]*/gu, key: (m) => trimEnd(m) },
  { kind: "host name", re: /(?<![\p{L}\p{N}/@._-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![\p{L}\p{N}_-]|\.[\p{L}\p{N}])/giu, key: (m) => {
    const tld = m.slice(m.lastIndexOf(".") + 1).toLowerCase();
    return FileExtensions.has(tld) ? undefined : m.toLowerCase();
  } },
  { kind: "number", re: /(?<![\p{L}\p{N}_.$])(?<![\p{L}_]-)\d+(?:\.\d+)*(?![\p{L}\p{N}_]|\.\d)/gu, key: numberKey },
];

/**
 * Dates and clock times, read before the numbers: `7 Dec 2026`, `07.12.2026` and `2026-12-07` are one date, `6 pm` and
 * `18:00` one time, so a row that spells the owner's date the file's way adds no value. A date's key keeps its year
 * when it was written with one (`typedByOwner` lets a date the owner gave without a year stand for a year the file uses).
 */
function takeDates(rest: string, out: FoundValue[]): string {
  let blanked = rest;
  for (const span of dateTimeSpans(rest)) {
    if (out.length >= MaxValues) break;
    const written = rest.slice(span.start, span.end);
    out.push({ kind: span.kind, text: written.trim(), key: span.kind === "date" ? `${span.value}@${span.year ?? ""}` : span.value });
    blanked = blanked.slice(0, span.start) + " ".repeat(span.end - span.start) + blanked.slice(span.end);
  }
  return blanked;
}

/** The values of a text of any kind (prose, a line, a cell), each kind read once, in `Patterns`' order. */
export function valuesIn(text: string): FoundValue[] {
  let rest = text.normalize("NFKC");
  const out: FoundValue[] = [];
  for (const p of Patterns) {
    if (p.kind === "number") rest = takeDates(rest, out);
    rest = rest.replace(p.re, (m) => {
      const key = p.key(m);
      if (key === undefined || out.length >= MaxValues) return m;
      out.push({ kind: p.kind, text: trimEnd(m) || m, key });
      return " ".repeat(m.length);
    });
  }
  return out;
}

/** The lines that hold entries: not empty, not a comment. */
const entryLines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#") && !l.startsWith("//"));

type Shape = "list" | "csv" | "records" | "prose";

/**
 * How a file is read for its entries: a list (one token a line), CSV/TSV rows of cells, records (every line the same
 * number of fields, as `known_hosts` or `authorized_keys`: data, values only), or prose (Markdown, notes; values only).
 */
export function fileShape(path: string, before: string): Shape {
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  if (ext === "csv" || ext === "tsv") return "csv";
  if (ext === "md" || ext === "markdown" || ext === "rst" || ext === "adoc" || ext === "org") return "prose";
  const lines = entryLines(before);
  if (lines.length > 0 && lines.every((l) => !/\s/.test(l))) return "list";
  const fields = new Set(lines.map((l) => l.split(/\s+/).length));
  const only = [...fields][0] ?? 0;
  return fields.size === 1 && only >= 2 && only <= 6 && (lines.length >= 2 || /(?:^|\/)(?:known_hosts|authorized_keys)[^/]*$/.test(path)) ? "records" : "prose";
}

/** The plain entries of a text of a shape: a list's lines, a CSV's cells (no header row), none for prose. */
function entriesIn(text: string, shape: Shape, sep: string): string[] {
  if (shape === "prose" || shape === "records") return [];
  const lines = entryLines(text);
  if (shape === "list") return lines;
  return lines.slice(1).flatMap((l) => l.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, "$1"))).filter((c) => c !== "");
}

/** The values of a file's text read as its shape: the values of every kind, then the entries that hold none. */
function fileValues(text: string, shape: Shape, sep: string): FoundValue[] {
  const values = valuesIn(text);
  const entries = entriesIn(text, shape, sep).filter((e) => valuesIn(e).length === 0 && /\p{L}/u.test(e));
  return [...values, ...entries.map((e) => ({ kind: "entry" as const, text: e, key: e.toLowerCase() }))];
}

const countKeys = (values: readonly FoundValue[]) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(valueKey(v), (counts.get(valueKey(v)) ?? 0) + 1);
  return counts;
};

/** Kinds that name one thing in several spellings: the owner's host binds a page's IP address too. */
function familyOf(kind: ValueKind): string {
  return kind === "URL" || kind === "e-mail address" || kind === "host name" || kind === "IP address" ? "address" : kind;
}

/** A workspace path as compared: `./expenses.csv` and `expenses.csv` are one file. */
const plainPath = (p: string) => p.replace(/\\/gu, "/").replace(/^(?:\.\/)+/u, "").replace(/\/{2,}/gu, "/");

/**
 * The owner's figures written with a decimal comma (`2,5 Std`, `3,75 h`, `1,50 €`) as the number they are (`2.5`): a
 * comma between digits with one or two after it, not three (`1,500` is a thousand and a half).
 */
function decimalCommas(text: string): FoundValue[] {
  return [...text.normalize("NFKC").matchAll(/(?<![\p{L}\p{N}_.,])(\d+),(\d{1,2})(?![\p{N},]|\.\d)/gu)].map((m) => ({ kind: "number" as const, text: m[0], key: numberKey(`${m[1]}.${m[2]}`) }));
}

/**
 * The owner's dates written day-month-year with dashes (`7-12-2026`: the order of most of the world; the US writes
 * slashes), which the date reader leaves as numbers.
 */
function dashedDates(text: string): FoundValue[] {
  return [...text.normalize("NFKC").matchAll(/(?<![\p{N}/.-])(\d{1,2})-(\d{1,2})-(\d{4})(?![\p{N}/-])/gu)].flatMap((m) => {
    const value = dateValue(Number(m[1]), Number(m[2]));
    return value === undefined ? [] : [{ kind: "date" as const, text: m[0], key: `${value}@${m[3] as string}` }];
  });
}

/**
 * A date of the owner's written `07/12/2026`, where either number could be the month: which date the owner meant is
 * not in the words (7 December or July 12), so it binds neither, and a row written with either asks.
 */
const ambiguousSlashed = (v: FoundValue) => v.kind === "date" && /^(\d{1,2})\/(\d{1,2})\/\d{2,4}$/.test(v.text) && (([, a, b]) => Number(a) <= 12 && Number(b) <= 12 && a !== b)(/^(\d{1,2})\/(\d{1,2})/.exec(v.text) ?? []);

/**
 * The owner's figures with thousands separators (`1.250,00`, `1,250.00`, `1 250,00`) as the one number they are:
 * read plainly, `1.250` would be 1.25.
 */
function ownerFigures(text: string): string {
  return text.normalize("NFKC")
    .replace(/(?<![\p{N}.,])(\d{1,3}(?:\.\d{3})+),(\d{1,2})(?![\p{N}])/gu, (_, whole: string, cents: string) => `${whole.replaceAll(".", "")}.${cents}`)
    .replace(/(?<![\p{N}.,])(\d{1,3}(?:,\d{3})+)\.(\d{1,2})(?![\p{N}])/gu, (_, whole: string, cents: string) => `${whole.replaceAll(",", "")}.${cents}`)
    .replace(/(?<![\p{N}.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+),(\d{1,2})(?![\p{N}])/gu, (_, whole: string, cents: string) => `${whole.replace(/[ \u00a0\u202f]/gu, "")}.${cents}`);
}

/** The owner typed the value: the same value of the same kind in the owner's words, or (an entry) the word itself. */
function typedByOwner(v: FoundValue, owner: ReadonlySet<string>, ownerText: string, years: ReadonlySet<string> = new Set()): boolean {
  if (owner.has(valueKey(v))) return true;
  // A date the owner gave without a year, written with one the file already uses (or another of the owner's dates has).
  if (v.kind === "date" && years.has(v.key.slice(v.key.indexOf("@") + 1)) && owner.has(`date\u0000${v.key.slice(0, v.key.indexOf("@") + 1)}`)) return true;
  if (v.kind === "entry" || v.kind === "host name") {
    // Any occurrence standing as a word of its own (`carol` in "the row carol,user", not in `030-carol.csv`).
    for (let at = ownerText.indexOf(v.key); at >= 0; at = ownerText.indexOf(v.key, at + 1)) {
      if (!/[\p{L}\p{N}_@.-]/u.test(ownerText[at - 1] ?? " ") && !/[\p{L}\p{N}_@-]/u.test(ownerText[at + v.key.length] ?? " ")) return true;
    }
  }
  return false;
}

/**
 * The values `after` adds to `before` (a file at `path`) that the owner did not type, each with the untrusted source
 * that holds it and the owner's value of its kind it stands in place of, when there is one; empty when every added
 * value is the owner's or the file's.
 */
export function addedUntrustedValues(path: string, before: string, after: string, flow: Pick<FlowState, "ownerTexts" | "untrustedTexts"> & Partial<Pick<FlowState, "unnamedSources" | "outside" | "ownerFileBytes">>): AddedValue[] {
  // A new file (nothing before) is read in the shape of what it will hold.
  const shape = fileShape(path, before.trim() === "" ? after : before);
  const sep = path.toLowerCase().endsWith(".tsv") ? "\t" : ",";
  const had = countKeys(fileValues(before, shape, sep));
  const hadEntries = new Set(entriesIn(before, shape, sep).map((e) => e.toLowerCase()));
  const afterValues = fileValues(after, shape, sep);
  const ownerTexts = flow.ownerTexts.map(ownerFigures);
  const ownerValues = ownerTexts.flatMap((t) => valuesIn(t)).filter((v) => !ambiguousSlashed(v));
  const owner = new Set([...ownerValues, ...ownerTexts.flatMap((t) => [...decimalCommas(t), ...dashedDates(t)])].map(valueKey));
  const ownerText = flow.ownerTexts.join("\n").normalize("NFKC").toLowerCase();
  const years = new Set([...fileValues(before, shape, sep), ...ownerValues].filter((v) => v.kind === "date").map((v) => v.key.slice(v.key.indexOf("@") + 1)).filter((y) => y !== ""));
  const typedFamilies = new Set(ownerValues.map((v) => familyOf(v.kind)));
  // The owner's own files named in a request and read, other than this one: the sources the owner asked to record from.
  const namedSources = flow.outside === false && flow.unnamedSources?.length === 0 ? (flow.ownerFileBytes ?? []).filter((f) => plainPath(f.path) !== plainPath(path)) : [];
  // Figures the owner typed ("it's 18.75") are kept by the result: a figure the model wrote in place of one is not recorded.
  const afterNumbers = new Set(afterValues.filter((v) => v.kind === "number").map((v) => v.key));
  const ownerNumbersKept = ownerValues.every((o) => o.kind !== "number" || afterNumbers.has(o.key));
  const seen = new Map<string, number>();
  const out: AddedValue[] = [];
  for (const v of afterValues) {
    const id = valueKey(v);
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    const added = v.kind === "entry" ? !hadEntries.has(v.key) : n > (had.get(id) ?? 0);
    if (!added || typedByOwner(v, owner, ownerText, years) || out.some((o) => o.kind === v.kind && o.key === v.key)) continue;
    // Prose the owner asked to fill from a source ("add the pool hours from <page> to facts.md") takes that source's
    // values of kinds the owner gave none of; a value the file held elsewhere (its own hidden comment) is still added.
    if (shape === "prose" && !typedFamilies.has(familyOf(v.kind)) && (had.get(id) ?? 0) === 0) continue;
    // A data file the owner asked to fill from another of their own files, named ("add receipts/r1.txt to expenses.csv",
    // "trag den Zählerstand aus zaehler/foto-ocr.txt in strom.csv ein"): its figures (reformatted, a date beside them)
    // and the words it holds are what the owner asked to record, as a summary in prose takes them. Addresses, IBANs,
    // keys and settings stay bound, as do a list's entries (an allowlist's names), words only the file itself gave (a
    // row planted in it), figures once one the owner typed is gone, and everything once a page, a message, a
    // command's output or a file the owner did not name entered the context.
    const recorded = v.kind === "number" || v.kind === "date" || v.kind === "time" ? ownerNumbersKept : v.kind === "entry" && shape !== "list" && namedSources.some((f) => f.content.normalize("NFKC").toLowerCase().includes(v.key));
    if (shape !== "prose" && namedSources.length > 0 && recorded) continue;
    const inContent = flow.untrustedTexts.some((t) => t.toLowerCase().includes(v.text.toLowerCase()));
    // The owner's value of this kind that the result no longer holds: what this one stands in place of.
    const afterKeys = new Set(afterValues.map((a) => `${a.kind}\u0000${a.key}`));
    const replaced = ownerValues.find((o) => o.kind === v.kind && !afterKeys.has(`${o.kind}\u0000${o.key}`));
    out.push({ ...v, inContent, ...(replaced !== undefined ? { insteadOf: replaced.text } : {}) });
  }
  return out;
}

/** For a reason the owner reads: "`mallory@x` (an e-mail address, found in untrusted content read in this session) and 1 more". */
export function describeAddedValues(values: readonly AddedValue[]): string {
  const shown = values.slice(0, 3).map((v) => {
    const where = v.inContent ? ", found in untrusted content read in this session" : ", which nothing you typed or the file held gives";
    const instead = v.insteadOf !== undefined ? `, in place of \`${v.insteadOf}\` you typed` : "";
    return `\`${v.text.length > 60 ? `${v.text.slice(0, 60)}…` : v.text}\` (${v.kind === "entry" ? "an entry" : v.kind === "IBAN" || v.kind === "IP address" || v.kind === "e-mail address" ? `an ${v.kind}` : `a ${v.kind}`}${where}${instead})`;
  });
  const more = values.length > shown.length ? ` and ${values.length - shown.length} more` : "";
  return `${shown.join(", ")}${more}`;
}

/** The added values of a write's change that the owner did not give, or undefined when the write carries none (or nothing is known of its change). */
export function writeAddsUntrustedValues(flow: FlowState, facts: Pick<FileFactsIn, "path" | "change">): AddedValue[] | undefined {
  if (!flow.tainted || facts.change === undefined) return undefined;
  const added = addedUntrustedValues(facts.path, facts.change.before, facts.change.after, flow);
  return added.length > 0 ? added : undefined;
}

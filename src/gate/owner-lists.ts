/**
 * Messages the owner lists for the agent to send: a request to send ("send these:", "send these messages:", "send
 * these (recipient,text):", "send:") and, on the lines after it, one recipient and one text per line, in the forms an
 * owner types: `- bob-7: see you at 5`, `bob-7 → see you at 5`, `bob-7,see you at 5`, a table row `| bob-7 | see you
 * at 5 |`; or a JSON object after the request on its line (`send {"bob-7": "see you at 5"}`); or two or more
 * sentences "For bob-7: see you at 5. For alice-2: lunch is cancelled." (blocks). The list ends at a
 * blank line or a line that is no item. Each name so listed is a destination and its text is bound to it exactly; a
 * name listed twice is unclear and gets no text (asked). Anything without the request before it (a pasted table of
 * contacts) lists nothing. Forms with a parser are read by it (a GFM table, an HTML table, a YAML block, JSON); a
 * header ("(text,recipient)", "| text | to |") says which cell is the recipient's, and without one the cells' shape
 * does (one token beside a phrase: `see you at 5,bob-7`, `see you at 5 → bob-7`).
 */
import type { Root } from "mdast";
import type * as FromMarkdown from "mdast-util-from-markdown";
import type * as MdastGfm from "mdast-util-gfm";
import type * as MicromarkGfm from "micromark-extension-gfm";
import type * as Htmlparser2 from "htmlparser2";
import type * as Yaml from "yaml";
import { lazyRequire } from "../core/lazy-require.ts";
import { SendVerbs } from "./naming-lexicon.ts";
import { bareCancellation } from "./owner-text-edits.ts";
import { sentencesOfLine } from "./owner-text-extent.ts";

// The parsers load with the first owner message that lists something in their form, not at start (the gateway's
// idle memory: the Markdown parser alone is ~120 modules).
const markdown = lazyRequire<typeof FromMarkdown>("mdast-util-from-markdown", import.meta.url);
const mdastGfm = lazyRequire<typeof MdastGfm>("mdast-util-gfm", import.meta.url);
const micromarkGfm = lazyRequire<typeof MicromarkGfm>("micromark-extension-gfm", import.meta.url);
const htmlparser2 = lazyRequire<typeof Htmlparser2>("htmlparser2", import.meta.url);
const yamlParser = lazyRequire<typeof Yaml>("yaml", import.meta.url);

const MaxListed = 64;
const MaxLines = 256;

const nameToken = /^@?[\p{L}\p{N}_.+-]*[\p{L}\p{N}_+-]$/u;

/** A line that asks the agent to send what follows: a sending verb, and the line ends with a colon (or "these"). */
function requestLine(line: string): boolean {
  const t = line.trim();
  if (!/(?:[:：]|\bthese)$/iu.test(t)) return false;
  return t.toLowerCase().split(/[\s,;()]+/).some((w) => SendVerbs.has(w.replace(/[:：]$/u, "")));
}

/** Which cell holds the recipient, when a header says ("(text,recipient)", "| text | to |"); undefined: the cells' shape says. */
type Columns = { name: 0 | 1 } | undefined;

/** The words a header row or line puts where the names go ("| to | text |", "recipient,text"). */
const HeaderWords = new Set(["to", "recipient", "recipients", "name", "who", "contact", "an", "à", "para", "destinataire", "empfänger"]);
/** The words a header puts where the texts go. */
const TextWords = new Set(["text", "message", "msg", "body", "content", "texte", "nachricht", "mensaje", "messaggio", "mensagem", "bericht", "what"]);

/** Two header cells: which one is the recipient's, or undefined when they are no header. */
function headerOf(cells: readonly string[]): Columns | null {
  if (cells.length !== 2) return null;
  const [a = "", b = ""] = cells.map((c) => c.trim().toLowerCase());
  if (HeaderWords.has(a) && TextWords.has(b)) return { name: 0 };
  if (TextWords.has(a) && HeaderWords.has(b)) return { name: 1 };
  return null;
}

/** Columns a request line declares: "send these (text,recipient):". */
function columnsOf(request: string): Columns {
  const m = /\(([^()]*)\)/u.exec(request);
  return m === null ? undefined : (headerOf((m[1] ?? "").split(/\s*[,;|\t]\s*/u)) ?? undefined);
}

const isName = (cell: string) => nameToken.test(cell.trim().replace(/^@/, "").toLowerCase());

/**
 * Two cells as one recipient and one text: the header's column when there is one; else the one cell that is a name
 * (one token) beside one that is not (`see you at 5,bob-7`, `see you at 5 → bob-7`); two names, the first (`bob-7 →
 * hi`); neither, no item.
 */
function cellsPair(a: string, b: string, columns: Columns): [string, string] | undefined {
  if (columns !== undefined) return columns.name === 0 ? pair(a, b) : pair(b, a);
  if (isName(a)) return pair(a, b);
  return isName(b) ? pair(b, a) : undefined;
}

/**
 * One list line: its recipient and text, or undefined when it is no item. Cells are split at a tab, an arrow (either
 * way), `=`, a spaced dash, a colon after a name, or a comma (the first, or the last when the name comes second).
 */
function item(line: string, columns: Columns): [string, string] | undefined {
  const t = line.trim().replace(/^(?:[-*•]|\d+[.)])\s+/u, "");
  if (t.includes("\t")) {
    const cells = t.split("\t").map((c) => c.trim()).filter((c) => c !== "");
    return cells.length === 2 ? cellsPair(cells[0] ?? "", cells[1] ?? "", columns) : undefined;
  }
  for (const sep of [/\s*(?:→|->|=>|←|<-|⇒)\s*/u, /\s*=\s*/u, /\s+[—–-]\s+/u]) {
    const parts = t.split(sep);
    if (parts.length === 2) return cellsPair(parts[0] ?? "", parts[1] ?? "", columns);
  }
  const colon = /^(@?[^\s:：,]+)\s*[:：]\s*(.+)$/u.exec(t);
  if (colon !== null) return cellsPair(colon[1] ?? "", colon[2] ?? "", columns ?? { name: 0 });
  const first = t.indexOf(",");
  if (first < 0) return undefined;
  const last = t.lastIndexOf(",");
  const head = cellsPair(t.slice(0, first), t.slice(first + 1), columns);
  if (head !== undefined && (columns !== undefined || isName(t.slice(0, first)))) return head;
  return cellsPair(t.slice(0, last), t.slice(last + 1), columns);
}

function pair(name: string, text: string): [string, string] | undefined {
  const n = name.trim().replace(/^@/, "").toLowerCase();
  const x = text.trim();
  return nameToken.test(n) && !HeaderWords.has(n) && x !== "" ? [n, x] : undefined;
}

/** A JSON value's items: an object of names to texts, or an array of objects with a recipient and a text. */
function jsonValueItems(value: unknown): [string, string][] {
  if (typeof value !== "object" || value === null) return [];
  const objects = Array.isArray(value) ? value : [value];
  const out: [string, string][] = [];
  for (const o of objects.slice(0, MaxListed)) {
    if (typeof o !== "object" || o === null || Array.isArray(o)) return [];
    const entries = Object.entries(o as Record<string, unknown>);
    const name = entries.find(([k]) => HeaderWords.has(k.toLowerCase()))?.[1];
    const text = entries.find(([k]) => TextWords.has(k.toLowerCase()))?.[1];
    if (Array.isArray(value) && entries.length === 2 && typeof name === "string" && typeof text === "string") {
      const p = pair(name, text);
      if (p === undefined) return [];
      out.push(p);
      continue;
    }
    if (Array.isArray(value) && entries.length !== 1) return [];
    for (const [k, v] of entries) {
      const p = typeof v === "string" ? pair(k, v) : undefined;
      if (p === undefined) return [];
      out.push(p);
    }
  }
  return out;
}

/** JSON after a sending verb or the request's colon on the same line (`send {"bob-7": "…"}`, `send these: [{"to": …}]`). */
function jsonItems(line: string): [string, string][] {
  const m = /(?:^|[\s,;])(\p{L}+)(?:\s+these)?\s*[:：]?\s*([[{][\s\S]*[\]}])\s*$/u.exec(line);
  if (m === null || !SendVerbs.has((m[1] ?? "").toLowerCase())) return [];
  try {
    return jsonValueItems(JSON.parse(m[2] ?? ""));
  } catch {
    return [];
  }
}

/** A YAML block after the request (a mapping of names to texts, or a list of them), read by the YAML parser. */
function yamlItems(block: string): [string, string][] {
  try {
    const doc = yamlParser().parseDocument(block, { uniqueKeys: false });
    if (doc.errors.length > 0) return [];
    const value: unknown = doc.toJS({ maxAliasCount: 0 });
    if (typeof value !== "object" || value === null) return [];
    const items = Array.isArray(value) ? jsonValueItems(value) : jsonValueItems([value].flatMap((o) => Object.entries(o as Record<string, unknown>).map(([k, v]) => ({ [k]: v }))));
    return items.map(([n, t]) => [n, t.trim()]);
  } catch {
    return [];
  }
}

/** The rows of a Markdown table (GFM, by its parser): each row's cells as the owner typed them. */
function markdownRows(block: string): string[][] {
  let tree: Root;
  try {
    tree = markdown().fromMarkdown(block, { extensions: [micromarkGfm().gfm()], mdastExtensions: [mdastGfm().gfmFromMarkdown()] });
  } catch {
    return [];
  }
  const table = tree.children[0];
  if (table?.type !== "table") return [];
  return table.children.slice(0, MaxLines).map((row) => row.children.map((cell) => {
    const from = cell.position?.start.offset ?? 0;
    const to = cell.position?.end.offset ?? 0;
    return block.slice(from, to).trim().replace(/^\|/u, "").replace(/\|$/u, "").trim();
  }));
}

/** The rows of an HTML table (by htmlparser2): each row's cells' text. */
function htmlRows(block: string): string[][] {
  const rows: string[][] = [];
  let cell: string[] | undefined;
  const parser = new (htmlparser2().Parser)({
    onopentagname(name) {
      if (rows.length >= MaxLines) return;
      if (name === "tr") rows.push([]);
      else if (name === "td" || name === "th") {
        cell = [];
        rows[rows.length - 1]?.push("");
      }
    },
    ontext(text) {
      const row = rows[rows.length - 1];
      if (cell !== undefined && row !== undefined) row[row.length - 1] = (row[row.length - 1] ?? "") + text;
    },
    onclosetag(name) {
      if (name === "td" || name === "th") cell = undefined;
    },
  });
  parser.write(block.slice(0, 64_000));
  parser.end();
  return rows.map((r) => r.map((c) => c.trim()));
}

/** Table rows as items: a header row sets the columns; every other row must be one recipient and one text. */
function rowItems(rows: readonly string[][], columns: Columns): [string, string][] {
  const out: [string, string][] = [];
  let cols = columns;
  for (const [i, row] of rows.entries()) {
    const header = headerOf(row);
    if (i === 0 && header !== null) {
      cols = header;
      continue;
    }
    const it = row.length === 2 ? cellsPair(row[0] ?? "", row[1] ?? "", cols) : undefined;
    if (it === undefined) return out;
    out.push(it);
  }
  return out;
}

/** The items of the block after a request line: a table (Markdown or HTML), YAML, or one item per line. */
function blockItems(lines: readonly string[], columns: Columns): [string, string][] {
  const block = lines.join("\n");
  const head = (lines[0] ?? "").trim();
  if (/^<(?:table|tr|thead|tbody)\b/iu.test(head)) return rowItems(htmlRows(block), columns);
  if (head.startsWith("|")) return rowItems(markdownRows(block), columns);
  const yaml = /^[^\s:,]+:\s*(?:[|>][+-]?\s*$|\S)|^-\s/u.test(head) ? yamlItems(block) : [];
  if (yaml.length > 0) return yaml;
  const items: [string, string][] = [];
  let cols = columns;
  for (const [i, line] of lines.entries()) {
    const header = headerOf(line.split(/\s*[,\t]\s*/u));
    if (i === 0 && header !== null) {
      cols = header;
      continue;
    }
    const it = item(line, cols);
    if (it === undefined) break;
    items.push(it);
  }
  return items;
}

/**
 * Two or more sentences of the form "For bob-7: see you at 5." / "To alice-2: lunch is cancelled." in one message: a
 * list of messages written as blocks (one such sentence alone, "For dinner: pasta", lists nothing).
 */
function sentenceBlocks(ownerText: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of ownerText.split("\n").slice(0, MaxLines)) {
    for (const sentence of sentencesOfLine(line)) {
      const m = /^(?:for|to)\s+(@?[^\s:：]+)\s*[:：]\s*(.+?)\s*$/iu.exec(sentence.trim());
      const p = m === null ? undefined : pair(m[1] ?? "", m[2] ?? "");
      if (p !== undefined) out.push(p);
    }
  }
  return out.length >= 2 ? out.slice(0, MaxListed) : [];
}

/**
 * The texts one owner message lists, by recipient (lower case, without `@`). A name listed more than once maps to
 * `null`: unclear, no text is given for it.
 */
export function listedMessages(ownerText: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const add = (items: readonly [string, string][]) => {
    for (const [name, text] of items.slice(0, MaxListed)) out.set(name, out.has(name) ? null : text);
  };
  add(sentenceBlocks(ownerText));
  const lines = ownerText.split("\n").slice(0, MaxLines);
  for (const [i, line] of lines.entries()) {
    add(jsonItems(line));
    if (!requestLine(line)) continue;
    const block: string[] = [];
    for (const next of lines.slice(i + 1)) {
      if (next.trim() === "") {
        if (block.length > 0) break;
        continue;
      }
      block.push(next);
    }
    add(blockItems(block, columnsOf(line)));
  }
  return out;
}

/**
 * The owner listed `to` among messages to send in one of their messages, and no later message of theirs (of the next
 * eight) only takes it back ("scratch that").
 */
export function listedRecipient(ownerTexts: readonly string[], to: string): boolean {
  const name = to.trim().replace(/^@/, "").toLowerCase();
  return ownerTexts.some((t, i) => listedMessages(t).has(name) && !ownerTexts.slice(i + 1, i + 9).some(bareCancellation));
}

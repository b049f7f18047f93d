/**
 * Messages the owner lists for the agent to send: a request to send ("send these:", "send these messages:", "send
 * these (recipient,text):", "send:") and, on the lines after it, one recipient and one text per line, in the forms an
 * owner types: `- bob-7: see you at 5`, `bob-7 → see you at 5`, `bob-7,see you at 5`, a table row `| bob-7 | see you
 * at 5 |`; or a JSON object after the request on its line (`send {"bob-7": "see you at 5"}`); or two or more
 * sentences "For bob-7: see you at 5. For alice-2: lunch is cancelled." (blocks). The list ends at a
 * blank line or a line that is no item. Each name so listed is a destination and its text is bound to it exactly; a
 * name listed twice is unclear and gets no text (asked). Anything without the request before it (a pasted table of
 * contacts) lists nothing.
 */
import { SendVerbs } from "./naming-lexicon.ts";
import { bareCancellation } from "./owner-text-edits.ts";
import { sentencesOfLine } from "./owner-text-extent.ts";

const MaxListed = 64;
const MaxLines = 256;

const nameToken = /^@?[\p{L}\p{N}_.+-]*[\p{L}\p{N}_+-]$/u;

/** A line that asks the agent to send what follows: a sending verb, and the line ends with a colon (or "these"). */
function requestLine(line: string): boolean {
  const t = line.trim();
  if (!/(?:[:：]|\bthese)$/iu.test(t)) return false;
  return t.toLowerCase().split(/[\s,;()]+/).some((w) => SendVerbs.has(w.replace(/[:：]$/u, "")));
}

/** One list line: its recipient and text, or undefined when it is no item. */
function item(line: string): [string, string] | undefined {
  const t = line.trim().replace(/^(?:[-*•]|\d+[.)])\s+/u, "");
  const row = /^\|(.+)\|$/u.exec(t);
  if (row !== null) {
    const cells = (row[1] ?? "").split("|").map((c) => c.trim());
    return cells.length === 2 ? pair(cells[0] ?? "", cells[1] ?? "") : undefined;
  }
  const m = /^(@?[^\s:：,→]+)\s*(?:[:：]|→|->|=>|,)\s*(.+)$/u.exec(t);
  return m === null ? undefined : pair(m[1] ?? "", m[2] ?? "");
}

/** The words a header row or line puts where the names go ("| to | text |", "recipient,text"). */
const HeaderWords = new Set(["to", "recipient", "recipients", "name", "who", "contact", "an", "à", "para", "destinataire", "empfänger"]);

function pair(name: string, text: string): [string, string] | undefined {
  const n = name.trim().replace(/^@/, "").toLowerCase();
  const x = text.trim();
  return nameToken.test(n) && !HeaderWords.has(n) && x !== "" ? [n, x] : undefined;
}

/** A JSON object of names to texts after a sending verb on the same line (`send {"bob-7": "see you at 5"}`). */
function jsonItems(line: string): [string, string][] {
  const m = /(?:^|[\s,;])(\p{L}+)\s*(\{[^{}]*\})\s*$/u.exec(line);
  if (m === null || !SendVerbs.has((m[1] ?? "").toLowerCase())) return [];
  try {
    const parsed: unknown = JSON.parse(m[2] ?? "");
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return [];
    const out: [string, string][] = [];
    for (const [k, v] of Object.entries(parsed)) {
      const p = typeof v === "string" ? pair(k, v) : undefined;
      if (p === undefined) return [];
      out.push(p);
    }
    return out;
  } catch {
    return [];
  }
}

/**
 * Two or more sentences of the form "For bob-7: see you at 5." / "To alice-2: lunch is cancelled." in one message: a
 * list of messages written as blocks (one such sentence alone, "For dinner: pasta", lists nothing).
 */
function blockItems(ownerText: string): [string, string][] {
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
  add(blockItems(ownerText));
  const lines = ownerText.split("\n").slice(0, MaxLines);
  for (const [i, line] of lines.entries()) {
    add(jsonItems(line));
    if (!requestLine(line)) continue;
    const items: [string, string][] = [];
    for (const next of lines.slice(i + 1)) {
      if (next.trim() === "") {
        if (items.length > 0) break;
        continue;
      }
      // A table's separator row, and its header (the row before it), are no items.
      if (/^\s*\|[\s:|-]+\|\s*$/u.test(next)) {
        items.pop();
        continue;
      }
      const it = item(next);
      // A header row ("| to | text |") names no one; any other line that is no item ends the list.
      if (it === undefined && items.length === 0 && /^\s*\|.*\|\s*$/u.test(next)) continue;
      if (it === undefined) break;
      items.push(it);
    }
    add(items);
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

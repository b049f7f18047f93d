/**
 * The owner's message, parsed once into the owner's own **instruction** (their sentences to the assistant) and
 * **material** (what they pasted: a `>` quote, a fenced or indented code block, an HTML block or comment, a mail
 * header block `From:/To:/Subject:/Reply-To:` and what follows it, what follows a lead-in line ending in a colon
 * ("Pay this invoice:"), and every block after the first one). Material is untrusted data that happens to arrive in
 * the owner's message: a value in it is the owner's only in the role the owner gave the material (owner-role.ts).
 * HTML comments are material the owner never saw rendered (`hidden`).
 *
 * Blocks come from the project's Markdown parser (mdast), loaded lazily as owner-lists.ts does; a one-line message is
 * all instruction and needs no parser. Parsed results are cached per text (the same owner texts are read by every
 * decision of a session).
 */
import type { Root } from "mdast";
import type * as FromMarkdown from "mdast-util-from-markdown";
import type * as MdastGfm from "mdast-util-gfm";
import type * as MicromarkGfm from "micromark-extension-gfm";
import { lazyRequire } from "../core/lazy-require.ts";

const markdown = lazyRequire<typeof FromMarkdown>("mdast-util-from-markdown", import.meta.url);
const mdastGfm = lazyRequire<typeof MdastGfm>("mdast-util-gfm", import.meta.url);
const micromarkGfm = lazyRequire<typeof MicromarkGfm>("micromark-extension-gfm", import.meta.url);

/** A stretch of material: where it is in the owner's text and what it is, in the owner's words ("a `>` quote"). */
export type MaterialSpan = { start: number; end: number; where: string; hidden: boolean };

export type OwnerMessage = { material: readonly MaterialSpan[] };

const MaxCached = 128;
const MaxParsed = 64_000;
const cache = new Map<string, OwnerMessage>();

const HeaderLine = /^(?:from|to|cc|bcc|reply-to|subject|date|sent|von|an|betreff|antwort an|de|à|objet|para|asunto)\s*:/iu;

/** Mail header lines and everything after the first one, within [from, to). */
function headerMaterial(text: string, from: number, to: number, out: MaterialSpan[]): number {
  let at = from;
  for (const line of text.slice(from, to).split("\n")) {
    if (HeaderLine.test(line.trim())) {
      out.push({ start: at, end: to, where: "a pasted mail (from its header on)", hidden: false });
      return at;
    }
    at += line.length + 1;
  }
  return to;
}

/** In the first block: the lines after a lead-in line that ends with a colon ("Pay this invoice:") are material. */
function leadInMaterial(text: string, from: number, to: number, out: MaterialSpan[]): void {
  const first = text.indexOf("\n", from);
  if (first === -1 || first >= to) return;
  const lead = text.slice(from, first).trimEnd();
  if (/[:：]$/u.test(lead)) out.push({ start: first + 1, end: to, where: "the text after your lead-in line", hidden: false });
}

function parse(text: string): OwnerMessage {
  const material: MaterialSpan[] = [];
  for (const m of text.matchAll(/<!--[\s\S]*?(?:-->|$)/gu)) material.push({ start: m.index, end: m.index + m[0].length, where: "an HTML comment", hidden: true });
  if (!text.includes("\n") || text.length > MaxParsed) {
    // One line: the owner's sentence (an over-long text is read as one block, all material but its first line).
    if (text.length > MaxParsed) material.push({ start: Math.max(0, text.indexOf("\n") + 1), end: text.length, where: "a long pasted text", hidden: false });
    return { material };
  }
  let tree: Root;
  try {
    tree = markdown().fromMarkdown(text, { extensions: [micromarkGfm().gfm()], mdastExtensions: [mdastGfm().gfmFromMarkdown()] });
  } catch {
    // Fail closed: a text the parser cannot read is material but for its first line.
    material.push({ start: Math.max(0, text.indexOf("\n") + 1), end: text.length, where: "a pasted text", hidden: false });
    return { material };
  }
  let firstSeen = false;
  for (const node of tree.children) {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? text.length;
    if (node.type === "blockquote") material.push({ start, end, where: "a `>` quote", hidden: false });
    else if (node.type === "code") material.push({ start, end, where: "a code block", hidden: false });
    else if (node.type === "html") material.push({ start, end, where: "an HTML block", hidden: node.value.trimStart().startsWith("<!--") });
    else if (firstSeen) material.push({ start, end, where: "the text you pasted after your request", hidden: false });
    else {
      const headerAt = headerMaterial(text, start, end, material);
      leadInMaterial(text, start, headerAt, material);
    }
    firstSeen = true;
  }
  return { material };
}

/** The owner's message split into instruction and material (see the header), cached. */
export function ownerMessage(text: string): OwnerMessage {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const parsed = parse(text);
  if (cache.size >= MaxCached) cache.delete(cache.keys().next().value ?? "");
  cache.set(text, parsed);
  return parsed;
}

/** The material span at `at`, if any (the innermost: hidden before visible). */
export function materialAt(message: OwnerMessage, at: number, end: number): MaterialSpan | undefined {
  const spans = message.material.filter((s) => s.start <= at && end <= s.end);
  return spans.find((s) => s.hidden) ?? spans[0];
}

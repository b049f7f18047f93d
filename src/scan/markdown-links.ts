/**
 * Finds every URL a client could load or a user could click in a Markdown reply, asks `judge` about each, and
 * rewrites the ones it refuses, by source offsets. Parsed with micromark (CommonMark + GFM) and, for raw HTML,
 * htmlparser2; text, code and labels are also scanned the way a chat client link-ifies them (`url-spans.ts`),
 * because Telegram and Slack show the Markdown source and link-ify URLs inside it, code included.
 *
 * What is judged, and as which kind:
 * - `link` / `image`: inline links and images, and reference-style ones (full, collapsed, shortcut) with the URL of
 *   the definition they use; `definition`: every definition, used or not; `autolink`: `<scheme:…>` and `<a@b>`;
 *   `html`: every URL attribute of raw HTML (href, src, srcset, poster, …) and URL-looking text inside it;
 *   `bare`: GFM literals, URL-looking spans in text, code, link titles, image alt text and reference labels.
 * - A replacement: an image by `[image removed by Warden]`, a link by its text and ` [link to HOST removed by
 *   Warden]`, a bare URL or autolink by `[link to HOST removed by Warden]`, a definition by nothing, an HTML node by
 *   `[HTML removed by Warden]`. HOST is defanged (`evil[.]example`) so the notice is not itself a link.
 *
 * INVARIANT: the returned text passes a full pass with no removal. Rewriting can make new constructs (a kept
 * `(url)` after a replaced image becomes a link), so the rewrite runs again until nothing changes; verdicts are
 * memoised per (url, kind), so `judge` sees each pair once. A judge that throws is a refusal. Never throws.
 */
import { Parser } from "htmlparser2";
import type { Definition, Html, Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import type { Extension as MdastExtension } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { cssTargets, dataUrlBody, inertMedia, MaxDataDepth } from "./css-urls.ts";
import { findUrlSpans, linkHost, UnreadData } from "./url-spans.ts";

export type LinkKind = "link" | "image" | "autolink" | "bare" | "definition" | "html";
export type LinkVerdict = { keep: true } | { keep: false };
export type RewriteResult = { text: string; removed: { url: string; kind: LinkKind }[] };

/**
 * micromark resolves emphasis and brackets in time quadratic in the delimiters of one paragraph (`*a_` × 1000 takes
 * ~0.2 s), so a text with a paragraph holding more than this many, or longer than MaxParsedChars, is not parsed but
 * rewritten conservatively (see `rewriteConservatively`).
 */
export const MaxDelimitersPerParagraph = 400;
/** Nested containers (`1. 1. 1. …`, deep indentation) are also quadratic: a longer line prefix is not parsed. */
export const MaxLinePrefix = 200;
export const MaxParsedChars = 128 * 1024;
const MaxRounds = 4;
export const WithheldReply = "[reply withheld by Warden: its links could not be checked]";

// GFM's autolink-literal transform re-splits text without source positions; literals come from micromark's own
// tokens (which have positions) and from our scan of every text node instead.
const mdastExtensions: MdastExtension[] = gfmFromMarkdown().map((e) => ({ ...e, transforms: [] }));
const micromarkExtensions = [gfm()];

/** Whether to keep `url`; `refuse` records a removal without asking the judge. */
type Decide = (url: string, kind: LinkKind, refuse?: boolean) => boolean;
type Edit = { start: number; end: number; text: string };

/** Never throws; on a parser failure it treats the whole text conservatively (every URL-looking span judged). */
export function rewriteLinks(markdown: string, judge: (url: string, kind: LinkKind) => LinkVerdict): RewriteResult {
  const removed: RewriteResult["removed"] = [];
  const verdicts = new Map<string, boolean>();
  const removedKeys = new Set<string>();
  const decide: Decide = (url, kind, refuse = false) => {
    const key = `${kind}\u0000${url}`;
    let keep = refuse ? false : verdicts.get(key);
    if (keep === undefined) {
      try {
        keep = judge(url, kind).keep === true;
      } catch {
        keep = false;
      }
      verdicts.set(key, keep);
    }
    if (!keep && !removedKeys.has(key)) {
      removedKeys.add(key);
      removed.push({ url, kind });
    }
    return keep;
  };
  let text = markdown;
  for (let round = 0; round < MaxRounds; round++) {
    if (!parseable(text)) return { text: rewriteConservatively(text, decide), removed };
    let next: string;
    try {
      const tree: Root = fromMarkdown(text, { extensions: micromarkExtensions, mdastExtensions });
      next = applyEdits(text, 0, text.length, createRewriter(text, tree, decide).walk(tree));
    } catch {
      return { text: rewriteConservatively(text, decide), removed };
    }
    if (next === text) return { text, removed };
    text = next;
  }
  return { text: WithheldReply, removed };
}

/** Whether parsing `text` is cheap: bounded length and, per blank-line-separated block, bounded delimiters. */
function parseable(text: string): boolean {
  if (text.length > MaxParsedChars) return false;
  // A blank line always ends a paragraph, so counting per blank-line-separated block over-counts, never under.
  let delimiters = 0;
  let lineBlank = true;
  let prefix = 0;
  let inPrefix = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (lineBlank) delimiters = 0;
      lineBlank = true;
      prefix = 0;
      inPrefix = true;
      continue;
    }
    // > - + * . ) space tab digits: what container markers and indentation are made of
    if (inPrefix && (c === 62 || c === 45 || c === 43 || c === 42 || c === 46 || c === 41 || c === 32 || c === 9 || (c >= 48 && c <= 57))) {
      if (++prefix > MaxLinePrefix) return false;
    } else {
      inPrefix = false;
    }
    if (c !== 32 && c !== 9 && c !== 13) {
      lineBlank = false;
      // * _ ~ [ ] < ! `
      if (c === 42 || c === 95 || c === 126 || c === 91 || c === 93 || c === 60 || c === 33 || c === 96) {
        if (++delimiters > MaxDelimitersPerParagraph) return false;
      }
    }
  }
  return true;
}

/**
 * Without a parse tree: every URL-looking span is judged as `bare`, and every character that could start a
 * Markdown or HTML construct (`\ [ ] < > & !`) is escaped, so a renderer shows the text the scan judged and loads
 * nothing. The result is final (escaping twice would change it again).
 */
function rewriteConservatively(text: string, decide: Decide): string {
  return rewritePlain(text, decide, "bare", (s) => s.replace(/[\\[\]<>&!]/g, "\\$&"));
}

/** Judges every URL-looking span of plain text and replaces the refused ones. */
function rewritePlain(text: string, decide: Decide, kind: LinkKind, escape: (s: string) => string = (s) => s): string {
  let out = "";
  let cursor = 0;
  for (const span of findUrlSpans(text)) {
    if (decide(span.url, kind)) continue;
    out += escape(text.slice(cursor, span.start)) + linkNotice(span.url);
    cursor = span.end;
  }
  return out + escape(text.slice(cursor));
}

function createRewriter(source: string, tree: Root, decide: Decide) {
  const definitions = new Map<string, Definition>();
  visitDefinitions(tree, (d) => {
    if (!definitions.has(d.identifier)) definitions.set(d.identifier, d);
  });

  function range(node: Nodes): [number, number] {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    // A node without a source position cannot be rewritten by offsets: the caller falls back to the plain scan.
    if (start === undefined || end === undefined || start > end) throw new Error(`markdown node ${node.type} has no position`);
    return [start, end];
  }

  /** Edits for URL-looking spans in source[from, to), in order. */
  function scan(from: number, to: number, kind: LinkKind = "bare"): Edit[] {
    if (to <= from) return [];
    const edits: Edit[] = [];
    for (const span of findUrlSpans(source.slice(from, to))) {
      if (!decide(span.url, kind)) edits.push({ start: from + span.start, end: from + span.end, text: linkNotice(span.url) });
    }
    return edits;
  }

  /** Whether every URL-looking span of a decoded string (a title, alt text, a label) is kept. */
  function keepsText(value: string | null | undefined): boolean {
    let keep = true;
    for (const span of findUrlSpans(value ?? "")) keep = decide(span.url, "bare") && keep;
    return keep;
  }

  /** Edits inside `node` for its children and the source between them; undefined children are leaves. */
  function walkChildren(node: Nodes, from: number, to: number): Edit[] {
    const edits: Edit[] = [];
    let cursor = from;
    for (const child of "children" in node ? (node.children as Nodes[]) : []) {
      const [start, end] = range(child);
      if (start < cursor || end > to) throw new Error("markdown children out of order");
      edits.push(...scan(cursor, start), ...walk(child));
      cursor = end;
    }
    edits.push(...scan(cursor, to));
    return edits;
  }

  function walk(node: Nodes): Edit[] {
    const [start, end] = range(node);
    switch (node.type) {
      case "text": {
        const edits = scan(start, end);
        const raw = source.slice(start, end);
        // Entities and escapes decode into what the reader sees: `&#x68;ttp://…` shows as `http://…`.
        if (raw !== node.value && findUrlSpans(node.value).length > 0) {
          const decoded = rewritePlain(node.value, decide, "bare", escapeMarkdown);
          if (decoded !== escapeMarkdown(node.value)) return [{ start, end, text: decoded }];
        }
        return edits;
      }
      case "inlineCode":
      case "code":
        return scan(start, end);
      case "html":
        return keepsHtml(node, source.slice(start, end)) ? [] : [{ start, end, text: "[HTML removed by Warden]" }];
      case "definition": {
        const keep = [decide(node.url, "definition", isNoticeLabel(node.identifier)), keepsText(node.label), keepsText(node.title)];
        if (keep.every(Boolean)) return [];
        return [{ start, end: lineEnd(start, end), text: "" }];
      }
      case "image": {
        const keep = [decide(node.url, "image"), keepsText(node.title), keepsText(node.alt)];
        return keep.every(Boolean) ? [] : [{ start, end, text: "[image removed by Warden]" }];
      }
      case "imageReference": {
        const def = definitions.get(node.identifier);
        const keep = [def === undefined || decide(def.url, "image"), keepsText(def?.title), keepsText(node.alt), keepsText(node.label)];
        return keep.every(Boolean) ? [] : [{ start, end, text: "[image removed by Warden]" }];
      }
      case "link": {
        const form: LinkKind = source[start] === "<" ? "autolink" : source[start] === "[" ? "link" : "bare";
        if (form !== "link") {
          const url = form === "bare" ? source.slice(start, end) : node.url;
          return decide(url, form) ? [] : [{ start, end, text: linkNotice(url) }];
        }
        const keep = [decide(node.url, "link"), keepsText(node.title)];
        return linkEdits(node, start, end, node.url, keep.every(Boolean));
      }
      case "linkReference": {
        const def = definitions.get(node.identifier);
        const keep = [def === undefined || decide(def.url, "link"), keepsText(def?.title), node.referenceType !== "full" || keepsText(node.label)];
        return linkEdits(node, start, end, def?.url ?? "", keep.every(Boolean));
      }
      default:
        return walkChildren(node, start, end);
    }
  }

  /** A kept link keeps its text (rewritten); a refused one becomes that text and a notice. */
  function linkEdits(node: Nodes, start: number, end: number, url: string, keep: boolean): Edit[] {
    const children = "children" in node ? (node.children as Nodes[]) : [];
    const first = children[0];
    const last = children.at(-1);
    const [from, to] = first && last ? [range(first)[0], range(last)[1]] : [start + 1, start + 1];
    const inner = walkChildren(node, from, to);
    if (keep) return inner;
    const label = applyEdits(source, from, to, inner);
    return [{ start, end, text: `${label} ${linkNotice(url)}` }];
  }

  /** A definition line goes with its line ending when nothing else is on the line. */
  function lineEnd(start: number, end: number): number {
    const atLineStart = start === 0 || source[start - 1] === "\n";
    if (!atLineStart) return end;
    if (source.startsWith("\r\n", end)) return end + 2;
    return source[end] === "\n" ? end + 1 : end;
  }

  function keepsHtml(node: Html, raw: string): boolean {
    let keep = true;
    for (const url of htmlUrls(node.value, raw)) keep = decide(url, "html") && keep;
    return keep;
  }

  return { walk };
}

const urlAttributes = new Set([
  "href", "src", "srcset", "imagesrcset", "poster", "action", "formaction", "data", "background", "cite", "longdesc",
  "usemap", "codebase", "archive", "classid", "profile", "manifest", "icon", "lowsrc", "dynsrc", "ping", "xlink:href",
  "xml:base", "itemid", "itemtype", "content", "srcdoc",
]);

/** Every URL in a piece of raw HTML: URL attributes (decoded), CSS `url(…)`, and URL-looking text anywhere. */
export function htmlUrls(value: string, raw: string = value): string[] {
  const urls = new Set(collectHtmlUrls(value, true));
  for (const url of textUrls(raw)) urls.add(url);
  urls.delete("");
  return [...urls];
}

/**
 * The URLs a browser could load from `value` read as HTML, however a Markdown parser sees it: every URL attribute
 * of every tag (decoded, quoted or not), URL-looking text inside attribute values (`onerror="fetch(…)"`) and CSS
 * `url(…)` in `<style>` — not the text a reader sees, which loads nothing by itself.
 */
export function htmlAttributeUrls(value: string): string[] {
  const urls = new Set(collectHtmlUrls(value, false));
  urls.delete("");
  return [...urls];
}

/** Elements that show another page inside the document, whose script reads the frame's name, size and fragment. */
const frameElements: ReadonlySet<string> = new Set(["iframe", "frame", "frameset", "object", "embed", "portal", "fencedframe", "webview", "applet"]);

/** Whether the HTML (or HTML inside a document) frames another page. */
export function htmlFrames(value: string): boolean {
  let found = false;
  const parser = new Parser({
    onopentagname(name) {
      if (frameElements.has(name.toLowerCase())) found = true;
    },
  });
  parser.end(value);
  return found;
}

function textUrls(text: string): string[] {
  const urls = findUrlSpans(text).map((span) => span.url);
  for (const m of text.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) urls.push((m[2] ?? "").trim());
  // CSS `@import "…"` takes a plain string as its URL too.
  for (const m of text.matchAll(/@import\s+(['"])([^'"]*)\1/gi)) urls.push((m[2] ?? "").trim());
  return urls;
}

function collectHtmlUrls(value: string, withText: boolean, depth = 0): string[] {
  const urls: string[] = [];
  const addText = (text: string) => urls.push(...textUrls(text));
  // A style sheet read by a CSS tokenizer: escapes, comments and every spelling of `url(` and `@import` decoded.
  const addStyle = (css: string) => urls.push(...cssTargets(css));
  let inStyle = false;
  const parser = new Parser(
    {
      onopentagname(name) {
        inStyle = name.toLowerCase() === "style";
      },
      onclosetag() {
        inStyle = false;
      },
      onattribute(name, attrValue) {
        const lower = name.toLowerCase();
        // An XML namespace is an identifier nobody fetches (`xmlns="http://www.w3.org/2000/svg"`).
        if (lower === "xmlns" || lower.startsWith("xmlns:")) return;
        if (lower === "srcset" || lower === "imagesrcset") {
          urls.push(...srcsetUrls(attrValue));
        } else if (lower === "ping") {
          urls.push(...attrValue.trim().split(/\s+/));
        } else if (lower === "content") {
          const refresh = /url\s*=\s*['"]?([^'"]*)/i.exec(attrValue);
          if (refresh) urls.push((refresh[1] ?? "").trim());
        } else if (urlAttributes.has(lower)) {
          urls.push(attrValue.trim());
        } else if (lower === "style") {
          addStyle(attrValue);
        }
        addText(attrValue);
      },
      ontext(text) {
        if (withText || inStyle) addText(text);
        if (inStyle) addStyle(text);
      },
      oncomment(text) {
        if (withText) addText(text);
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.end(value);
  return withDataTargets(urls, depth);
}

/**
 * The URLs of a `srcset`, split as the HTML standard splits it: a URL runs to the next whitespace (commas inside it, as
 * in a `data:` URL, are its own), then its descriptors run to the next comma.
 */
function srcsetUrls(value: string): string[] {
  const urls: string[] = [];
  let i = 0;
  while (i < value.length && urls.length < 1000) {
    while (i < value.length && /[\s,]/.test(value[i] ?? "")) i++;
    const start = i;
    while (i < value.length && !/\s/.test(value[i] ?? "")) i++;
    const raw = value.slice(start, i);
    if (raw === "") break;
    const url = raw.replace(/,+$/, "");
    urls.push(url);
    if (url !== raw) continue;
    // Descriptors (`1x`, `200w`), up to the comma that ends the candidate (none inside parentheses).
    let depth = 0;
    while (i < value.length && !(value[i] === "," && depth === 0)) {
      if (value[i] === "(") depth++;
      else if (value[i] === ")") depth = Math.max(0, depth - 1);
      i++;
    }
  }
  return urls;
}

/**
 * The targets, each followed by what it loads in turn when it is a `data:` URL — a `data:text/css,…` sheet's imports,
 * an SVG's or an HTML page's loads, base64 or percent-encoded, nested up to `MaxDataDepth` — decoded as a browser
 * decodes them. A body past that depth or past the read limit stands as `UnreadData` (composed: never the same as before).
 */
export function withDataTargets(targets: readonly string[], depth = 0): string[] {
  const out: string[] = [];
  for (const target of targets) {
    out.push(target);
    const data = dataUrlBody(target);
    if (data === undefined || inertMedia(data.type)) continue;
    if (depth >= MaxDataDepth || data.cut) {
      out.push(UnreadData);
      continue;
    }
    if (data.type === "text/css") out.push(...withDataTargets(cssTargets(data.text), depth + 1));
    else out.push(...collectHtmlUrls(data.text, false, depth + 1));
  }
  return out;
}

/**
 * `[link to evil[.]example removed by Warden]`: the host is defanged so the notice is not link-ified in turn, and
 * cut to its last two labels (three under a short second-level label such as `co.uk`): a subdomain the model
 * composed (`c2VjcmV0.attacker.example`) is data, and the notice must not carry it on either.
 */
export function linkNotice(url: string): string {
  const host = linkHost(url);
  if (host === undefined) return "[link to an unknown host removed by Warden]";
  const labels = host.split(".");
  const keep = labels.length >= 3 && (labels.at(-2)?.length ?? 0) <= 3 ? 3 : 2;
  const shown = labels.slice(-keep).join("[.]");
  return `[link to ${labels.length > keep ? `a host under ${shown}` : shown} removed by Warden]`;
}

/** A definition labelled like one of our notices would turn the notice into a link: it always goes. */
function isNoticeLabel(identifier: string): boolean {
  return identifier.trim().toLowerCase().endsWith("removed by warden");
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>!&|~]/g, "\\$&");
}

function applyEdits(source: string, from: number, to: number, edits: Edit[]): string {
  let out = "";
  let cursor = from;
  for (const edit of edits) {
    // INVARIANT: edits come in order and never overlap; if they did, a removal could be lost, so refuse.
    if (edit.start < cursor || edit.end > to) throw new Error("overlapping markdown edits");
    out += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + source.slice(cursor, to);
}

function visitDefinitions(node: Nodes, visit: (d: Definition) => void): void {
  const stack: Nodes[] = [node];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (n.type === "definition") visit(n);
    if ("children" in n) stack.push(...(n.children as Nodes[]).toReversed());
  }
}

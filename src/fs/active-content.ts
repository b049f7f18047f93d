/**
 * Active content in a Markdown document: what a docs site (MkDocs, GitHub Pages, any renderer that passes raw HTML
 * through) runs in its reader's browser, on the site's own origin, with the reader's session. The document is parsed
 * with the CommonMark grammar (micromark, GFM): its raw HTML (blocks and inline tags, joined in order so a tag split
 * over nodes is whole) is read by the HTML reading of rich documents (rich-document.ts: scripts, event handlers,
 * frames, forms, objects, `<meta http-equiv>`, running URL schemes, any element that is not layout), and its links,
 * images and link definitions by their URL's scheme (`javascript:`, `vbscript:`, `data:`), as a browser reads it.
 * Code (fenced, indented, inline) is shown, not run, and is not read here. Never throws: a text the grammar cannot
 * read is judged as HTML whole (fail closed).
 */
import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import type { Extension as MdastExtension } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { richDocumentActs } from "./rich-document.ts";

const mdastExtensions: MdastExtension[] = gfmFromMarkdown().map((e) => ({ ...e, transforms: [] }));
const micromarkExtensions = [gfm()];
const maxMarkdownChars = 512 * 1024;
// A browser drops ASCII tab and newlines anywhere in a URL and C0 controls and spaces around it before reading its scheme.
const runningUrl = /^(?:javascript|vbscript|livescript|mocha|data):/i;

/** Whether `path` is read as Markdown here (MDX is judged as code elsewhere). */
export function isMarkdownDocument(path: string): boolean {
  return /\.(?:md|markdown|mdown|mkd|mkdn)$/i.test(path);
}

/** Each piece of active content in the Markdown text, as a sentence; empty when it only shows text, links and pictures. */
export function activeContent(text: string): string[] {
  let tree: Root;
  if (text.length > maxMarkdownChars) return whole(text);
  try {
    tree = fromMarkdown(text, { extensions: micromarkExtensions, mdastExtensions });
  } catch {
    return whole(text);
  }
  const html: string[] = [];
  const out: string[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === "html") html.push(node.value);
    // Text CommonMark did not take for a tag (a quote inside a quoted attribute) is still one to other renderers
    // (Python-Markdown passes a line that starts with `<img` through) and to a browser.
    if (node.type === "text") {
      const tag = looseTag(node.value);
      if (tag !== undefined) out.push(`it holds \`${tag}\` in its text, which other Markdown renderers pass to the browser as HTML that runs script or loads a page`);
    }
    if (node.type === "link" || node.type === "image" || node.type === "definition") {
      const url = node.url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
      if (runningUrl.test(url)) out.push(`a ${node.type === "image" ? "picture" : "link"} to \`${url.slice(0, 60)}\`, which runs script or opens code on the site when followed`);
    }
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  // Each piece alone (a comment or a closed tag) and all of them in order (a tag opened in one node, closed in another).
  const seen = new Set<string>();
  for (const piece of [...html, html.join("\n")]) {
    if (piece.trim() === "") continue;
    const why = richDocumentActs("html", piece);
    if (why !== undefined && !seen.has(why)) {
      seen.add(why);
      out.push(`its raw HTML ${why.replace(/^it /, "")}`);
    }
  }
  return out;
}

/** A tag-like run (`<img … onerror=`, `<script`, `<iframe`) in text, read as a browser's tokenizer would start it. */
function looseTag(text: string): string | undefined {
  for (const tag of text.matchAll(/<[a-zA-Z][^<>]{0,4096}>?/g)) {
    const m = /[\s"'/]on[a-z]+\s*=/i.exec(tag[0]) ?? /^<\s*(?:script|iframe|frame|object|embed|applet|form|portal|base|meta|link|foreignobject)\b/i.exec(tag[0]) ?? /\b(?:href|src|action|formaction|data|xlink:href)\s*=\s*["']?\s*(?:javascript|vbscript|data):/i.exec(tag[0]);
    if (m !== null) return m[0].trim().slice(0, 40);
  }
  return undefined;
}

function whole(text: string): string[] {
  const why = richDocumentActs("html", text);
  return why === undefined ? [] : [`read whole as HTML, ${why}`];
}

/**
 * Active content in a Markdown document: what a docs site (MkDocs, GitHub Pages, any renderer that passes raw HTML
 * through) runs in its reader's browser, on the site's own origin, with the reader's session. The document is parsed
 * with the CommonMark grammar (micromark, GFM): its raw HTML (blocks and inline tags, joined in order so a tag split
 * over nodes is whole) is read by htmlparser2 for what runs (scripts, event handlers, frames, forms, objects,
 * `<meta http-equiv>`, running URL schemes; style sheets and pictures load, which autoload-urls.ts judges), and its links,
 * images and link definitions by their URL's scheme (`javascript:`, `vbscript:`, `data:`), as a browser reads it.
 * Code (fenced, indented, inline) is shown, not run, and is not read here. Never throws: a text the grammar cannot
 * read is judged as HTML whole (fail closed).
 */
import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import type { Extension as MdastExtension } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { Parser } from "htmlparser2";
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
    const why = markdownHtmlActs(piece);
    if (why !== undefined && !seen.has(why)) {
      seen.add(why);
      out.push(`its raw HTML ${why}`);
    }
  }
  return out;
}

// Elements that run script, embed another page or program, submit, redirect or re-base the page's links.
const activeElements = new Set(["script", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "form", "base", "noscript", "template", "handler", "listener", "foreignobject"]);
// A `<link>` that only styles or names the page (its URL is judged as a load elsewhere); any other `rel` may fetch and run.
const inertLinks = /^(?:stylesheet|icon|shortcut icon|apple-touch-icon|alternate|canonical|author|license|help|next|prev|search|manifest)$/i;
// Pictures in a data URL show and run nothing when they are an `<img>` (an SVG image runs no script).
const pictureData = /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp|x-icon|svg\+xml)[;,]/i;

/**
 * Why raw HTML in Markdown runs something in its reader's browser, or undefined: an element that runs or embeds
 * (script, frames, objects, forms, `<base>`), an event handler, `srcdoc`, `action`/`formaction`, `<meta http-equiv>`,
 * a `<link>` that is not a style sheet or an icon, or a `javascript:`/`vbscript:`/`data:` URL in any attribute (a
 * picture's data URL in `<img>` excepted). Read by htmlparser2 with character references decoded, as a browser reads
 * attribute values.
 */
function markdownHtmlActs(html: string): string | undefined {
  let why: string | undefined;
  let tag = "";
  const parser = new Parser(
    {
      onopentagname(name) {
        tag = name.toLowerCase();
        if (why === undefined && activeElements.has(tag)) why = `holds a \`<${tag}>\` element, which runs script, embeds a page or program, or submits`;
      },
      onattribute(name, value) {
        if (why !== undefined) return;
        const lower = name.toLowerCase();
        const url = value.replace(/[\s\u0000-\u001f]/g, "");
        if (lower.startsWith("on")) why = `holds an event handler (\`${lower.slice(0, 40)}\`) that runs script`;
        else if (lower === "http-equiv") why = "holds a `<meta http-equiv>`, which can reload or redirect the page";
        else if (lower === "srcdoc" || lower === "formaction" || lower === "action") why = `holds a \`${lower}\` attribute`;
        else if (tag === "link" && lower === "rel" && !inertLinks.test(value.trim())) why = `holds a \`<link rel="${value.slice(0, 30)}">\`, which may fetch and run`;
        else if (/^(?:javascript|vbscript|livescript|mocha):/i.test(url) || (/^data:/i.test(url) && !((tag === "img" || tag === "source" || tag === "image") && pictureData.test(url)))) why = `has a \`${lower.slice(0, 40)}\` URL that runs or opens code (\`${value.slice(0, 20)}\`)`;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.end(html);
  return why;
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

/**
 * A report in HTML, SVG or RTF is a document like a Markdown one when it only lays out text and pictures: no script,
 * no event handler, no frame, form, redirect or plug-in object, no template code a server runs, no RTF field or
 * embedded object. What such a file loads when opened (images, style sheets, fonts) is judged apart, by the same
 * reading as every document's (scan/autoload-urls.ts). Anything this reading does not know is not plain (fail closed).
 */
import type * as Htmlparser2 from "htmlparser2";
import { lazyRequire } from "../core/lazy-require.ts";

// The HTML parser loads with the first HTML or SVG file judged, not at start (~30 modules an idle gateway need not hold).
const htmlparser2 = lazyRequire<typeof Htmlparser2>("htmlparser2", import.meta.url);

/** The rich formats read here; any other extension is not theirs to judge. */
export const richDocumentExtensions: ReadonlySet<string> = new Set(["html", "htm", "xhtml", "svg", "rtf"]);

/** Elements of text and layout (HTML and SVG) that run nothing and reach nothing but through a URL attribute. */
const layoutElements: ReadonlySet<string> = new Set([
  "html", "head", "body", "title", "meta", "style", "base", "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "a", "br", "hr", "wbr",
  "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "b", "i", "u",
  "s", "em", "strong", "small", "big", "sub", "sup", "mark", "code", "pre", "kbd", "samp", "var", "blockquote", "q", "cite", "abbr",
  "dfn", "time", "address", "section", "article", "header", "footer", "nav", "aside", "main", "figure", "figcaption", "img", "picture",
  "source", "details", "summary", "center", "font", "label", "del", "ins", "strike", "tt", "nobr", "bdi", "bdo", "ruby", "rt", "rp", "data",
  "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "defs", "lineargradient",
  "radialgradient", "stop", "clippath", "mask", "pattern", "symbol", "use", "image", "title", "desc", "metadata", "marker", "filter",
  "feblend", "fecolormatrix", "fecomponenttransfer", "fecomposite", "feconvolvematrix", "fediffuselighting", "fedisplacementmap",
  "fedistantlight", "fedropshadow", "feflood", "fefunca", "fefuncb", "fefuncg", "fefuncr", "fegaussianblur", "femerge", "femergenode",
  "femorphology", "feoffset", "fepointlight", "fespecularlighting", "fespotlight", "fetile", "feturbulence", "switch", "view",
]);

/** Attribute values a browser runs or navigates to by itself. */
const runningScheme = /^(?:javascript|vbscript|livescript|mocha|data\s*:\s*text\/html|data\s*:\s*image\/svg|data\s*:\s*application)/i;
/** Template code a server or a site generator runs when it serves or builds the page (Jinja, ERB, PHP, SSI, ESI). */
const templateCode = /\{\{|\{%|\{#|<%|<\?(?!xml[\s?])|<!--\s*#|\$\{|<esi:/i;

/** Why an HTML or SVG text runs or reaches something by itself when opened or served, or undefined. */
function markupActs(text: string): string | undefined {
  const template = templateCode.exec(text);
  if (template !== null) return `it holds template or server code (\`${template[0]}\`) that runs when it is served or built`;
  let why: string | undefined;
  const parser = new (htmlparser2().Parser)(
    {
      onopentagname(name) {
        const lower = name.toLowerCase();
        if (why === undefined && !layoutElements.has(lower)) why = `it holds a \`<${lower.slice(0, 40)}>\` element, which is not plain text or layout (scripts, frames, forms, objects and elements Warden does not know are not)`;
      },
      onattribute(name, value) {
        // The value comes with its character references decoded, as a browser reads it (`jav&#x09;ascript:`).
        const lower = name.toLowerCase();
        if (why !== undefined) return;
        if (lower.startsWith("on")) why = `it holds an event handler (\`${lower.slice(0, 40)}\`) that runs script`;
        else if (lower === "http-equiv") why = "it holds a `<meta http-equiv>`, which can reload or redirect the page";
        else if (lower === "srcdoc" || lower === "formaction" || lower === "action") why = `it holds a \`${lower}\` attribute`;
        else if (runningScheme.test(value.replace(/[\s\u0000-\u001f]/g, ""))) why = `its \`${lower.slice(0, 40)}\` attribute runs or opens code (\`${value.slice(0, 20)}\`)`;
      },
      onprocessinginstruction(name) {
        if (why === undefined && !/^[?]?xml$/i.test(name.replace(/^!/, "")) && !/^!doctype$/i.test(name)) why = `it holds a processing instruction or declaration (\`<${name.slice(0, 20)}\`)`;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.end(text);
  if (why !== undefined) return why;
  // The parser is not a browser: a tag it reads as text must not hide a handler a browser would see.
  for (const tag of text.matchAll(/<[^<>]{0,4096}>/g)) {
    const m = /[\s"'/]on[a-z]+\s*=/i.exec(tag[0]) ?? /<\s*\/?\s*(?:script|iframe|frame|object|embed|applet|form|portal|link|foreignobject|handler|listener|animate|set)\b/i.exec(tag[0]);
    if (m !== null) return `it holds \`${m[0].trim().slice(0, 30)}\`, which can run script or load a page`;
  }
  return undefined;
}

/** RTF control words that run, fetch or embed something: fields (INCLUDEPICTURE, DDEAUTO, HYPERLINK), objects, templates, encapsulated HTML. */
const rtfActing = /^(?:field|fldinst|fldrslt|fldpriv|object|obj[a-z]*|template|datafield|htmltag|mhtmltag|htmlrtf|xmlopen|xmlattr[a-z]*|linkself|dde[a-z]*)$/;

/** Why an RTF text runs or reaches something when opened, or undefined; a text that is not RTF is not plain. */
function rtfActs(text: string): string | undefined {
  if (!/^\s*\{\\rtf/.test(text)) return "it does not start as RTF does (`{\\rtf`)";
  // Control words: a backslash and letters (an escaped `\\`, `\{`, `\}` or `\'hh` is text).
  for (const m of text.matchAll(/\\(?:([a-zA-Z]{1,32})-?\d{0,10}|[^a-zA-Z])/g)) {
    const word = m[1]?.toLowerCase();
    if (word !== undefined && rtfActing.test(word)) return `it holds the RTF control word \`\\${word}\`, which runs a field, embeds an object or loads a file when opened`;
  }
  return undefined;
}

/**
 * Why a document in one of the rich formats runs or reaches something by itself, or undefined when it holds only
 * text, layout and pictures (its loads are judged apart). `ext` is the lower-cased extension.
 */
export function richDocumentActs(ext: string, text: string): string | undefined {
  if (!richDocumentExtensions.has(ext)) return `\`.${ext.slice(0, 16)}\` is not a format Warden reads`;
  try {
    return ext === "rtf" ? rtfActs(text) : markupActs(text);
  } catch (error) {
    return `it could not be read (${error instanceof Error ? error.message.slice(0, 80) : "error"})`;
  }
}

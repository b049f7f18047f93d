/**
 * URLs a document loads by itself when it is opened or previewed — no click: Markdown images and reference
 * definitions, raw HTML (`<img src>`, `<iframe>`, `style="background:url(…)"`) read as a browser reads it,
 * reStructuredText and AsciiDoc image directives, Org inline images, spreadsheet formulas that fetch
 * (`=IMAGE("…")`, `=WEBSERVICE(…)`, `=IMPORTXML(…)`, CSV-quoted too). A preview in an editor, a Git host's renderer
 * or a spreadsheet sends each of them, with what its URL holds, to its host.
 *
 * Only the markup formats Warden parses get this reading. Any other document (a calendar, a contact card, a
 * shortcut, a playlist, a notebook, an SVG, an office file, a diagram, a config) has viewers that load URLs from
 * places no list can follow, so every absolute URL in it counts. Inside the parsed formats, the places their
 * renderers fetch from without an image syntax count too: front matter, diagram fences, rst directives and their
 * options, AsciiDoc attribute entries and block macros, Org `#+` keywords, spreadsheet DDE.
 */
import type { LinkKind } from "./markdown-links.ts";
import { clientUrl, UnreadData } from "./url-spans.ts";
import { extensionOf } from "../core/file-extension.ts";

const rstImage = /^[ \t]*\.\.[ \t]+(?:image|figure)::[ \t]*(\S+)/gim;
const asciidocMedia = /\b(?:image|video|audio)::?([^\s[\]]+)\[/gi;
const orgLink = /\[\[((?:https?:|[\\/]{2})[^\]\s]+)\](?:\[[^\]]*\])?\]/gi;
// A spreadsheet function that fetches, with the rest of its line (its arguments, possibly CSV-quoted).
const fetchingFormula = /\b(?:IMAGE|WEBSERVICE|IMPORTXML|IMPORTDATA|IMPORTHTML|IMPORTFEED|IMPORTRANGE|FILTERXML|RTD)\s*\(([^\n]*)/gi;
// Its argument when it is one literal URL and nothing else (`"https://…"`, CSV-quoted `""https://…""`).
const literalArgument = /^\s*""?((?:https?:)?\/\/[^"]*)""?\s*(?:[,;)]|$)/i;
// Markdown and HTML: only parsed when the text has something that could be an image, a definition or a tag.
const mayHoldMarkup = /!\[|\]:|</;
const loadingKinds: ReadonlySet<LinkKind> = new Set(["image", "html", "definition"]);

/**
 * A URL a formula computes from cells (`"https://…?d="&B2`, `CONCAT(…)`): its value is known only when the sheet
 * is opened, so it stands for "a URL the document composes", never for a link someone gave.
 */
export const ComputedUrl = "a URL the document computes when opened";

/**
 * A page the document shows in a frame (`<iframe>`, `<object>`, `<embed>`): whatever its URL, the framed page's
 * script reads the frame's name and size, and the browser sends some of its attributes (`csp`) with the request, so
 * the frame carries what the document composed around it.
 */
export const FramedPage = "a page the document frames (its name, size and attributes reach that page)";

/** The markers for loads whose URL alone does not say what they carry: they are never "the same as before". */
export function composedLoad(url: string): boolean {
  return url === ComputedUrl || url === FramedPage;
}

/**
 * Every absolute (or scheme-relative) URL in `text` that a viewer of the document at `path` would load by itself,
 * and `ComputedUrl` for a formula whose URL is computed (or that runs a command). Without a path, the text is read
 * as markup.
 */
export async function autoLoadingUrls(text: string, path?: string): Promise<string[]> {
  const found = new Set<string>();
  const add = (target: string | undefined) => {
    if (target === UnreadData) found.add(ComputedUrl);
    const url = target === undefined ? undefined : loadedUrl(target);
    if (url !== undefined) found.add(url);
  };
  const addAll = (part: string) => {
    for (const url of absoluteUrls(part)) found.add(url);
  };
  // A style sheet, read by a CSS tokenizer (escapes decoded), and what its `data:` URLs load in turn.
  if (path !== undefined && styleExtensions.has(extensionOf(path))) {
    const { cssTargets } = await import("./css-urls.ts");
    const { withDataTargets } = await import("./markdown-links.ts");
    for (const target of withDataTargets(cssTargets(text))) add(target);
  }
  if (path !== undefined && !markupExtensions.has(extensionOf(path))) {
    addAll(text);
    // The values a viewer decodes before it loads them: JSON strings (`http:\/\/…`, `\u002f`) and XML attributes
    // (`http&#58;//…`) — a notebook's HTML output, an SVG, an office part.
    for (const value of jsonStrings(text)) addAll(value);
    if (text.includes("<")) {
      const { htmlAttributeUrls } = await import("./markdown-links.ts");
      for (const url of htmlAttributeUrls(text)) add(url);
    }
    return [...found];
  }
  for (const re of [rstImage, asciidocMedia, orgLink]) for (const m of text.matchAll(re)) add(m[1]);
  for (const m of text.matchAll(fetchingFormula)) {
    const literal = literalArgument.exec(m[1] ?? "");
    if (literal !== null) add(literal[1]);
    else found.add(ComputedUrl);
  }
  if (ddeFormula.test(text) || resolvedElsewhere.some((re) => re.test(text)) || imagesFromElsewhere(text, path)) found.add(ComputedUrl);
  for (const part of fetchingPlaces(text)) addAll(part);
  for (const value of await frontMatterStrings(text)) addAll(value);
  if (mayHoldMarkup.test(text)) {
    // The Markdown parser (~120 modules) loads only for documents that may hold markup.
    const { htmlAttributeUrls, htmlFrames, rewriteLinks, withDataTargets } = await import("./markdown-links.ts");
    rewriteLinks(text, (url, kind) => {
      // An image whose URL is `data:` (an SVG, a style sheet) loads what it holds in turn.
      if (loadingKinds.has(kind)) for (const target of withDataTargets([url])) add(target);
      return { keep: true };
    });
    // The same bytes opened as HTML (a .html or .svg file, a mail client, a renderer more lenient than CommonMark):
    // a tag Markdown reads as text (`<img src=http://…?d=1>`) still loads.
    if (text.includes("<")) {
      for (const url of htmlAttributeUrls(text)) add(url);
      if (htmlFrames(text)) found.add(FramedPage);
    }
  }
  return [...found];
}

/**
 * Every URL a reader of the document at `path` could follow with one click: the ones it loads by itself, every link
 * of its markup (Markdown links and autolinks, HTML `href`s, read as a browser reads them), and every URL written
 * anywhere in it — editors, Git hosts, chat previews and spreadsheets turn a bare URL into a link (rst
 * `` `x <…>`_ ``, AsciiDoc `link:`, Org `[[…]]`, `=HYPERLINK(…)` are bare URLs to this reading).
 */
export async function linkedUrls(text: string, path?: string, loads?: readonly string[]): Promise<string[]> {
  // `loads`: what `autoLoadingUrls` already found in this same text, when the caller has it.
  const found = new Set(loads ?? (await autoLoadingUrls(text, path)));
  for (const url of absoluteUrls(text)) found.add(url);
  // Viewers link a `www.` name with no scheme too (GitHub, chat clients, word processors): it opens over http(s).
  for (const m of text.matchAll(/(?<![\p{L}\p{N}.@/\\-])www\.[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+[^\s"'<>`\\)\][]*/giu)) {
    const url = loadedUrl(`http://${m[0]}`);
    if (url !== undefined) found.add(url);
  }
  // And a bare domain with a known top-level domain, when a path, a query or a port follows it
  // (`attacker.example.net/c?s=…`): Slack, mail clients and word processors link it (over http).
  for (const m of text.matchAll(bareDomainWithPath)) {
    const tld = (m[1] ?? "").toLowerCase();
    if (tld.length === 2 ? fileExtensionsNotLinked.has(tld) : !linkedTopLevelDomains.has(tld)) continue;
    const url = loadedUrl(`http://${m[0].replace(/[.,;:!?]+$/, "")}`);
    if (url !== undefined) found.add(url);
  }
  for (const m of text.matchAll(/(?<![\p{L}\p{N}+.-])mailto:[^\s"'<>`)\]]+/giu)) {
    const url = mailtoWithHeaders(m[0]);
    if (url !== undefined) found.add(url);
  }
  if (/\]\(|<|\]:/.test(text)) {
    const { rewriteLinks } = await import("./markdown-links.ts");
    rewriteLinks(text, (target) => {
      const url = loadedUrl(target) ?? mailtoWithHeaders(target);
      if (url !== undefined) found.add(url);
      return { keep: true };
    });
  }
  // A namespace or DTD identifier (`www.w3.org/2000/svg`) is linked by the bare-name readings too: nobody follows it.
  return [...found].filter((u) => !composedLoad(u) && !identifierHosts.has(new URL(u).hostname));
}

// A host name (letters, digits, hyphens; a top-level domain of letters), not part of a path, an address or a longer name,
// followed by a path or a query (with or without a port) or by a port alone.
const bareDomainWithPath = /(?<![\p{L}\p{N}.@/\\:_%+~=-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(\p{L}{2,24})(?:(?::\d{1,5})?[/?][^\s"'<>`\\)\][|]*|:\d{1,5}(?!\d))/gu;

/**
 * Top-level domains viewers link beyond the two-letter country ones: the common generic ones. (Not an IANA list: a
 * name under a rarer one is linked by fewer viewers, and `Node.js/x`, `main.py?` must stay text.)
 */
const linkedTopLevelDomains: ReadonlySet<string> = new Set([
  "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "io", "dev", "app", "ai", "xyz", "online", "site", "tech",
  "cloud", "page", "link", "click", "top", "shop", "store", "blog", "news", "live", "pro", "name", "mobi", "club", "space",
  "website", "email", "one", "world", "today", "zone", "network", "host", "run", "art", "fun", "icu", "vip", "win", "work",
  "agency", "digital", "media", "group", "systems", "solutions", "services", "support", "help", "social", "chat", "museum",
]);

/** Two-letter names that end file names far more often than hosts (`main.py?`, `Node.js/x`): not linked bare. */
const fileExtensionsNotLinked: ReadonlySet<string> = new Set([
  "js", "ts", "md", "py", "sh", "rs", "pl", "ps", "cc", "cs", "go", "hs", "ml", "rb", "mk", "gz", "xz", "db", "so", "el", "ex", "vb", "fs", "kt", "jl", "rd", "tf", "h5", "7z",
]);

/**
 * A `mailto:` link that carries more than an address (`?subject=…&body=…`, `cc=`): a click opens a message already
 * written, to that address. A bare address carries only itself, as a bare name does (not counted).
 */
function mailtoWithHeaders(target: string): string | undefined {
  const text = target.replace(/[\t\n\r]/g, "").trim();
  if (!/^mailto:[^?]*\?./i.test(text)) return undefined;
  try {
    return new URL(text).href;
  } catch {
    return undefined;
  }
}

/** Style sheets: read with a CSS tokenizer besides the reading their extension gets. */
const styleExtensions: ReadonlySet<string> = new Set(["css", "scss", "sass", "less", "styl", "pcss"]);

/** The formats whose loading places Warden parses; every other extension is read whole. */
const markupExtensions: ReadonlySet<string> = new Set([
  "", "md", "markdown", "mdown", "mkd", "mkdn", "mdx", "rmd", "qmd", "txt", "text", "log", "rst", "adoc", "asciidoc",
  "asc", "org", "html", "htm", "xhtml", "csv", "tsv",
  // Source code: what it fetches, it fetches when run, and running it is a command the gate sees.
  "py", "js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx", "go", "rs", "java", "kt", "c", "h", "cc", "cpp", "hpp",
  "cs", "rb", "php", "swift", "scala", "lua", "pl", "r", "sh", "bash", "zsh", "fish", "ps1", "sql", "css", "scss",
]);


// Hosts of XML namespaces and standard DTDs: identifiers nobody fetches, on servers no attacker reads.
const identifierHosts: ReadonlySet<string> = new Set([
  "www.w3.org", "w3.org", "schemas.openxmlformats.org", "schemas.microsoft.com", "purl.org", "ns.adobe.com",
  "openoffice.org", "www.openoffice.org", "sodipodi.sourceforge.net", "www.inkscape.org", "xmlns.com", "creativecommons.org",
]);

/**
 * The URL a viewer loads for a target written in a document, or undefined for a relative one (a path names no
 * host). Read as a browser reads an attribute: tabs and newlines inside it dropped, then the WHATWG parser, for which
 * the slashes after a web scheme are optional and `\` is `/` — `http:host/x`, `http:/\host/x` and `http:\\host/x`
 * all load from `host` on any page not served over that same scheme (a file, a Git host's preview, an https page) —
 * and two slashes or backslashes start a host (`//host/x`, `\\host\share`). Other schemes count only with a host.
 */
export function loadedUrl(target: string): string | undefined {
  const text = target.replace(/[\t\n\r]/g, "").normalize("NFKC").trim();
  if (!/^(?:(?:https?|wss?|ftps?):|(?:[a-z][a-z0-9+.-]*:)?[\\/]{2})/i.test(text)) return undefined;
  const url = clientUrl(text);
  return url === undefined || url.host === "" ? undefined : url.href;
}

function absoluteUrls(text: string): string[] {
  const urls: string[] = [];
  // A web scheme with any slashes or none (`http:host`, `http:\/\/host` in JSON), or any scheme before two slashes
  // or backslashes. An AsciiDoc macro's attribute list (`image::https://…/a.png[]`) is not part of its URL; an IPv6
  // host's brackets are.
  for (const m of text.matchAll(/(?:\b(?:https?|wss?|ftps?):[\\/]*(?=[^\s\\/"'<>`])|(?:\b[a-z][a-z0-9+.-]{0,31}:)?[\\/]{2})(?:\[[^\]\s/]*\])?[^\s"'<>`\\)\][]*/gi)) {
    const url = loadedUrl(m[0]);
    const host = url === undefined ? undefined : new URL(url).hostname;
    if (url === undefined || host === undefined || identifierHosts.has(host)) continue;
    // `//host` with no scheme names a host only when it looks like one (`PRODID:-//bob//EN` does not).
    if (/^[\\/]{2}/.test(m[0]) && !host.includes(".") && !host.startsWith("[")) continue;
    urls.push(url);
  }
  return urls;
}

/** Every string value of a JSON document (decoded), or none when the text is not JSON. */
function jsonStrings(text: string): string[] {
  if (!/^\s*[[{]/.test(text)) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  return stringsOf(value);
}

/**
 * Every string of a document's front matter as its generator decodes it — YAML (`"\x68ttp…"`), TOML `+++`
 * (`"\u0068ttp…"`), `---json` — keys and values, so an escaped URL is read as the URL it becomes. Front matter in a
 * language the generator runs (`---js`) is code: the write is judged as one (`runnableDocument`), not read here. Front
 * matter that does not parse gives nothing here (its raw text is still read for URLs).
 */
async function frontMatterStrings(text: string): Promise<string[]> {
  const m = /^\uFEFF?(---|\+\+\+)[ \t]*([a-z]*)[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|$)/i.exec(text);
  if (m === null) return [];
  const body = m[3] ?? "";
  const language = m[1] === "+++" ? "toml" : (m[2] || "yaml").toLowerCase();
  try {
    if (language === "json") return stringsOf(JSON.parse(body));
    if (language === "toml") return stringsOf((await import("smol-toml")).parse(body));
    if (language === "yaml" || language === "yml") return stringsOf((await import("yaml")).parse(body));
  } catch {
    return [];
  }
  return [];
}

/** Every string in a parsed value, keys included, bounded in depth and count. */
function stringsOf(value: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 64 || out.length >= 100_000) return;
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) for (const item of v) visit(item, depth + 1);
    else if (v !== null && typeof v === "object") {
      for (const [key, item] of Object.entries(v)) {
        visit(key, depth + 1);
        visit(item, depth + 1);
      }
    }
  };
  visit(value, 0);
  return out;
}

/**
 * Where what a viewer loads is resolved against something besides the target's own text — another file the document
 * pulls in, a base URL, an attribute or a link abbreviation — the document alone does not show the URL: a relative
 * `image::d-4821.png[]` under `:imagesdir: https://…`, or under one an included file sets, sends its name there. Such
 * a document composes its URLs when opened, as a formula does. (Local bases — `:imagesdir: images` — are only paths.)
 */
const resolvedElsewhere: readonly RegExp[] = [
  // Files pulled in: AsciiDoc, rst, Org, MkDocs snippets, mdBook, Liquid/Jekyll, Hugo, wiki transclusion, SSI.
  /^[ \t]*include::/im,
  /^[ \t]*\.\.[ \t]+(?:include|raw)::/im,
  /^[ \t]*#\+(?:SETUPFILE|INCLUDE|LINK):/im,
  /^[ \t]*-{2,}8<-{2,}/m,
  /\{\{#include\b|\{%-?\s*include(?:_relative)?\b|\{\{<\s*(?:readfile|include)\b|!\[\[|<!--#include\b/i,
  // markdown-include `{!f!}`, Markdown Preview Enhanced `@import "f"`, VitePress and comment includes, pandoc-include and
  // MarkdownPP `!include`, MarkBind `<include>`, DocFX `[!INCLUDE`.
  /\{![^!\n]+!\}|<!--[ \t]*@?include\b|<include\b|\[!include\b/i,
  /^[ \t]*(?:@import[ \t]+["'<]|!include\w*\b)/im,
  // A base every relative target resolves against, when it is not a local path.
  /<base\b[^>]*\bhref\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i,
  /^[ \t]*:(?:imagesdir|iconsdir|stylesdir|docinfodir|data-uri-base):[ \t]*(?:[a-z][a-z0-9+.-]*:|\/\/|\S*\{)/im,
  // An AsciiDoc media target that names an attribute (`image::{base}d-4821[]`).
  /\b(?:image|video|audio|icon)::?[^\s[\]]*\{[\w-]+\}/i,
];

/**
 * An AsciiDoc image with a relative target loads from `imagesdir`, which a renderer also takes from outside the
 * document (`.asciidoctorconfig`, the build's attributes): unless the document sets a local one itself, the target's
 * name goes wherever that points.
 */
function imagesFromElsewhere(text: string, path: string | undefined): boolean {
  if (path === undefined || !["adoc", "asciidoc", "asc"].includes(extensionOf(path))) return false;
  if (/^[ \t]*:imagesdir:[ \t]+(?![a-z][a-z0-9+.-]*:|\/\/)[^\s{][^\n{]*$/im.test(text)) return false;
  for (const m of text.matchAll(asciidocMedia)) if (!/^(?:[a-z][a-z0-9+.-]*:|\/\/|\/)/i.test(m[1] ?? "")) return true;
  return false;
}

// A spreadsheet cell that runs a program when opened (DDE: `=cmd|' /C …'!A0`, `@SUM(cmd|…)`, `=DDE(…)`).
const ddeFormula = /(?:^|[,;\t"])\s*[=+\-@][^\n,;\t]*(?:\|\s*'|\bDDE(?:AUTO)?\s*\()/im;

// Fences whose body renders as a diagram, map, model or page (Mermaid, GeoJSON, PlantUML, …) may load what they name:
// every fence but the ones shown as code.
const inertFences: ReadonlySet<string> = new Set([
  "", "sh", "bash", "zsh", "shell", "console", "shell-session", "text", "txt", "plaintext", "python", "py", "js", "javascript",
  "ts", "typescript", "jsx", "tsx", "json", "jsonc", "json5", "yaml", "yml", "toml", "ini", "go", "rust", "rs", "java",
  "c", "cpp", "c++", "h", "cs", "csharp", "rb", "ruby", "php", "sql", "diff", "patch", "make", "makefile", "dockerfile",
  "docker", "lua", "perl", "r", "kotlin", "swift", "scala", "haskell", "elixir", "erlang", "clojure", "nix", "hcl",
  "terraform", "tf", "powershell", "ps1", "bat", "cmd", "vim", "css", "scss", "less", "graphql", "proto", "markdown",
  "md", "log", "env", "properties", "groovy", "gradle", "dart", "julia", "zig", "ocaml", "fsharp", "elm", "xml",
]);

// A TeX command whose argument is a URL (`\includegraphics[w]{https://…}`, `\href{…}`, `\url{…}`): math renderers in
// Markdown previews (KaTeX with `trust`, MathJax extensions, pandoc to PDF) load or link it, inside `$…$` or not.
const texUrlArgument = /\\[a-z]+\*?\s*(?:\[[^\]\n]*\]\s*)?\{\s*(?:https?:|(?:[a-z][a-z0-9+.-]*:)?[\\/]{2})/i;

/**
 * Parts of a parsed-format document its renderers fetch from without an image syntax: Markdown front matter
 * (cover and banner images), fences that render (Mermaid, GeoJSON, …), rst directives and their option lines
 * (`.. |x| image::`, `:url:`, `.. include::`), AsciiDoc attribute entries (`:imagesdir: URL`), block macros and
 * attribute lists (`video::x[poster=URL]`), Org keywords (`#+SETUPFILE: URL`), TeX commands that take a URL.
 */
function fetchingPlaces(text: string): string[] {
  const parts: string[] = [];
  const front = /^(?:---[\w-]*|\+\+\+)[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (front !== null) parts.push(front[0]);
  for (const m of text.matchAll(/^[ \t]*(`{3,}|~{3,})[ \t]*([^\s`{]*)[^\n]*\n([\s\S]*?)(?:^[ \t]*\1|(?![\s\S]))/gm)) {
    const info = (m[2] ?? "").toLowerCase().replace(/^\./, "");
    if (!inertFences.has(info)) parts.push(m[3] ?? "");
  }
  for (const line of text.split("\n")) {
    if (/^[ \t]*(?:\.\.[ \t]|:[\w-]+!?:|#\+\w|[a-z][\w-]*::\S)/i.test(line) || /\[[^\]\n]*(?:https?:|(?:[a-z][a-z0-9+.-]*:)?[\\/]{2})/i.test(line) || texUrlArgument.test(line)) parts.push(line);
  }
  return parts;
}

/**
 * URLs a document loads by itself when it is opened or previewed — no click: Markdown images and reference
 * definitions, raw HTML (`<img src>`, `<iframe>`, `style="background:url(…)"`), reStructuredText and AsciiDoc
 * image directives, Org inline images, spreadsheet formulas that fetch (`=IMAGE("…")`, `=WEBSERVICE(…)`,
 * `=IMPORTXML(…)`, CSV-quoted too). A preview in an editor, a Git host's renderer or a spreadsheet sends each of them, with what
 * its URL holds, to its host.
 */
import type { LinkKind } from "./markdown-links.ts";

const rstImage = /^[ \t]*\.\.[ \t]+(?:image|figure)::[ \t]*(\S+)/gim;
const asciidocMedia = /\b(?:image|video|audio)::?([^\s[\]]+)\[/gi;
const orgLink = /\[\[((?:https?:)?\/\/[^\]\s]+)\](?:\[[^\]]*\])?\]/gi;
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
 * Every absolute (or scheme-relative) URL in `text` that a viewer of the document would load by itself, and
 * `ComputedUrl` for a fetching formula whose URL is computed.
 */
export async function autoLoadingUrls(text: string): Promise<string[]> {
  const found = new Set<string>();
  const add = (url: string | undefined) => {
    if (url !== undefined && /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(url.trim())) found.add(url.trim());
  };
  for (const re of [rstImage, asciidocMedia, orgLink]) for (const m of text.matchAll(re)) add(m[1]);
  for (const m of text.matchAll(fetchingFormula)) {
    const literal = literalArgument.exec(m[1] ?? "");
    if (literal !== null) add(literal[1]);
    else found.add(ComputedUrl);
  }
  if (mayHoldMarkup.test(text)) {
    // The Markdown parser (~120 modules) loads only for documents that may hold markup.
    const { htmlAttributeUrls, rewriteLinks } = await import("./markdown-links.ts");
    rewriteLinks(text, (url, kind) => {
      if (loadingKinds.has(kind)) add(url);
      return { keep: true };
    });
    // The same bytes opened as HTML (a .html or .svg file, a mail client, a renderer more lenient than CommonMark):
    // a tag Markdown reads as text (`<img src=http://…?d=1>`) still loads.
    if (text.includes("<")) for (const url of htmlAttributeUrls(text)) add(url);
  }
  return [...found];
}

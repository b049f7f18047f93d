/**
 * Turns a fetched body into text the model can read: HTML to readable text, text and JSON as they are,
 * anything binary refused with a note instead of garbage.
 */
import { compile } from "html-to-text";
import { digestsNote, htmlWithoutHidden, LeftOutNote } from "../text/hidden-parts.ts";

export type BodyText = { kind: "text"; text: string; mediaType: string } | { kind: "binary"; mediaType: string; message: string };

const htmlTypes = new Set(["text/html", "application/xhtml+xml"]);
const textualApplicationTypes = new Set([
  "application/json",
  "application/xml",
  "application/javascript",
  "application/x-javascript",
  "application/ecmascript",
  "application/yaml",
  "application/x-yaml",
  "application/toml",
  "application/x-ndjson",
  "application/csv",
  "application/sql",
  "application/graphql",
]);

function parseContentType(header: string | null): { mediaType: string; charset: string | undefined } {
  if (header === null) return { mediaType: "", charset: undefined };
  const [type = "", ...params] = header.split(";");
  let charset: string | undefined;
  for (const p of params) {
    const [k = "", v = ""] = p.split("=");
    if (k.trim().toLowerCase() === "charset") charset = v.trim().replace(/^"|"$/g, "").toLowerCase();
  }
  return { mediaType: type.trim().toLowerCase(), charset };
}

function isTextualType(mediaType: string): boolean {
  if (mediaType.startsWith("text/")) return true;
  if (textualApplicationTypes.has(mediaType)) return true;
  return mediaType.endsWith("+json") || mediaType.endsWith("+xml");
}

/** A NUL byte in the first 8 KiB, or bytes that are not valid UTF-8 when no other charset is declared. */
function looksBinary(bytes: Uint8Array, charset: string | undefined, truncated: boolean): boolean {
  if (bytes.subarray(0, 8192).includes(0)) return true;
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") return false;
  // A truncated body may end inside a multi-byte character; judge it without the last 3 bytes.
  const sample = truncated ? bytes.subarray(0, Math.max(0, bytes.length - 3)) : bytes;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample);
    return false;
  } catch {
    return true;
  }
}

function decode(bytes: Uint8Array, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

/**
 * A relative link on a page is the absolute URL a browser would open from it (`/tickets` on
 * `https://x.example/concert` is `https://x.example/tickets`): written out as such, it is a link the page gave, not
 * one the model composed. Only http(s) results are written out; anything else stays as the page wrote it.
 */
function absoluteLink(href: string, pageUrl: string | undefined): string {
  if (pageUrl === undefined) return href;
  try {
    const resolved = new URL(href, pageUrl);
    return resolved.protocol === "http:" || resolved.protocol === "https:" ? resolved.href : href;
  } catch {
    return href;
  }
}

type PageMeta = { pageUrl: string | undefined };

// Compiled once: compiling the options (merging them with the defaults, building the selector picker) cost more than
// converting a typical page. The page's address reaches the link rewriter as the conversion's metadata, so one
// converter serves every page and keeps nothing between calls.
let compiled: ((html: string, meta: PageMeta) => string) | undefined;

/**
 * A page as its reader sees it: its hidden elements and comments (text/hidden-parts.ts) are not its text; a line says
 * when some were left out, so the gate knows the page spoke to the model in parts its reader never saw, and one after
 * it keeps digests of the numbers those parts gave (`digestsNote`).
 */
export function htmlToReadableText(html: string, pageUrl?: string): string {
  compiled ??= compile({
    wordwrap: false,
    selectors: [
      { selector: "a", options: { hideLinkHrefIfSameAsText: true, ignoreHref: false, pathRewrite: (href: string, meta: PageMeta | undefined) => absoluteLink(href, meta?.pageUrl) } },
      { selector: "img", format: "skip" },
      { selector: "script", format: "skip" },
      { selector: "style", format: "skip" },
      { selector: "noscript", format: "skip" },
    ],
  }) as (html: string, meta: PageMeta) => string;
  const shown = htmlWithoutHidden(html);
  const text = compiled(shown.html, { pageUrl }).trim();
  const digests = digestsNote(shown.hidden);
  return shown.leftOut ? `${text}\n\n${LeftOutNote}${digests === "" ? "" : `\n${digests}`}` : text;
}

/** Never throws. `truncated` says the body was cut at the size limit; `pageUrl`, where it came from (after redirects). */
export function bodyToText(bytes: Uint8Array, contentType: string | null, truncated: boolean, pageUrl?: string): BodyText {
  const { mediaType, charset } = parseContentType(contentType);
  const known = mediaType !== "";
  if (known && !htmlTypes.has(mediaType) && !isTextualType(mediaType)) {
    return { kind: "binary", mediaType, message: `the response is \`${mediaType}\` (${bytes.length} bytes), which is not text; web_fetch returns text and HTML only` };
  }
  if (looksBinary(bytes, charset, truncated)) {
    return { kind: "binary", mediaType, message: `the response${known ? ` (declared \`${mediaType}\`)` : ""} holds binary data (${bytes.length} bytes); web_fetch returns text and HTML only` };
  }
  const text = decode(bytes, charset);
  const sniffedHtml = !known && /^\s*<(!doctype html|html[\s>])/i.test(text);
  if (htmlTypes.has(mediaType) || sniffedHtml) return { kind: "text", text: htmlToReadableText(text, pageUrl), mediaType: mediaType || "text/html" };
  return { kind: "text", text, mediaType: mediaType || "text/plain" };
}

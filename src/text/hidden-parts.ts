/**
 * The parts of a text that a person reading it does not see, and the text that person does see. A page, a mail or a
 * downloaded file talks to the model in parts its reader never sees: an HTML comment, an element styled away
 * (`display:none`, `visibility:hidden`, `font-size:0`, white on white, moved off screen, clipped to nothing), an
 * element marked hidden (`hidden`, `aria-hidden="true"`) or not rendered (`HiddenElements`, a closed `<dialog>`, a
 * replaced element of no size), the text of a `<script>` or `<style>`, an
 * attribute no page shows as text (`alt`, `title`, `data-*`, an `<input type=hidden>`'s value), text wrapped in
 * zero-width characters, Unicode tag characters (invisible ASCII), a Markdown link reference definition nothing links
 * to (or `[//]: # (…)`), and a mail's `X-` headers. What the owner's request takes from such a text is what its reader
 * sees; a value only the hidden parts give was given to the model alone (write-planted-values.ts).
 *
 * HTML is read by htmlparser2 (entities decoded), and only when the text holds a tag or a comment; a style attribute
 * is read declaration by declaration, and class or id rules of the page's `<style>` elements that hide are applied.
 * Bounded (`MaxChars` read, `MaxParts` hidden parts kept); never throws: a text that cannot be read is all hidden.
 */
import type * as Htmlparser2 from "htmlparser2";
import { lazyRequire } from "../core/lazy-require.ts";

const htmlparser2 = lazyRequire<typeof Htmlparser2>("htmlparser2", import.meta.url);

export type HiddenForm = "an HTML comment" | "a hidden element" | "an attribute no reader sees" | "zero-width-wrapped text" | "Unicode tag characters" | "an unused link reference definition" | "a mail X- header" | "a script or style sheet";

export type HiddenPart = { form: HiddenForm; text: string };

/**
 * `visible`: the text its reader sees (HTML as its text, blocks apart); `hidden`: each part that reader does not see;
 * `leftOut`: the text is a page whose hidden parts were left out before the model was given it (`LeftOutNote`).
 */
export type TextParts = { visible: string; hidden: HiddenPart[]; leftOut: boolean };

/** The line a page's text ends with when its hidden parts were left out (content-text.ts): the model and the gate know. */
export const LeftOutNote = "[Warden: text this page hides from its reader (comments, hidden elements, image descriptions) was left out]";

export const MaxChars = 256 * 1024;
const MaxParts = 256;

const looksHtml = /<!--|<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/i;
/**
 * Elements whose content a browser does not render (the HTML spec's list): code and data (`script`, `style`,
 * `template`, `noscript`), the document's head, the fallback content of replaced elements (shown only where the
 * element cannot play or draw: `canvas`, `video`, `audio`, `object`, `iframe`), and an SVG's descriptions (`desc`,
 * `title`, `metadata`). A closed `<dialog>` is hidden too (`dialogClosed`); a closed `<details>` is not: its reader
 * opens it with a click, and FAQ pages are made of them.
 */
const HiddenElements = new Set(["template", "noscript", "script", "style", "head", "meta", "object", "iframe", "canvas", "video", "audio", "desc", "title", "metadata"]);
/** Elements drawn in a box of their own size: with a width or height of 0 (attribute or style) nothing of them shows. */
const SizedElements = new Set(["svg", "iframe", "canvas", "object", "embed", "img", "video"]);
/** Attributes whose value a page shows nowhere as text (a link's target is followed, so `href` is the reader's; an `iframe`'s `srcdoc` is a page drawn in a box, judged as unseen). */
const UnseenAttributes = /^(?:alt|title|aria-label|aria-description|content|value|placeholder|label|summary|srcdoc|data-.+)$/;
const NamedColors: Readonly<Record<string, readonly number[]>> = { white: [255, 255, 255], snow: [255, 250, 250], ivory: [255, 255, 240], whitesmoke: [245, 245, 245], ghostwhite: [248, 248, 255], black: [0, 0, 0] };

/** A CSS colour as `[r, g, b, alpha]` (hex, `rgb()`/`rgba()`, a few names), or undefined when it is not one read here. */
export function cssColor(value: string): number[] | undefined {
  const v = value.trim().toLowerCase();
  if (v === "transparent") return [0, 0, 0, 0];
  const named = NamedColors[v];
  if (named !== undefined) return [...named, 1];
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(v)?.[1];
  if (hex !== undefined) {
    const full = hex.length <= 4 ? [...hex].map((c) => c + c).join("") : hex;
    const n = (i: number) => Number.parseInt(full.slice(i, i + 2), 16);
    return [n(0), n(2), n(4), full.length === 8 ? n(6) / 255 : 1];
  }
  const fn = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(v);
  if (fn === null) return undefined;
  const alpha = fn[4] === undefined ? 1 : Number(fn[4]) / (fn[5] === "%" ? 100 : 1);
  return [Number(fn[1]), Number(fn[2]), Number(fn[3]), alpha];
}

/** Text in `color` on `background` (the page's white when none is given) that a reader cannot tell from its ground. */
function invisibleOn(color: string, background: string): boolean {
  const fg = cssColor(color);
  if (fg === undefined) return false;
  if ((fg[3] ?? 1) < 0.1) return true;
  const bg = background.split(/\s+(?![^(]*\))/).map(cssColor).find((c) => c !== undefined) ?? [255, 255, 255, 1];
  return fg.slice(0, 3).every((c, i) => Math.abs(c - (bg[i] ?? 255)) <= 24);
}

/** Length of a CSS size in pixels (px, pt, em, rem, %) or undefined when it is not one. */
function pixels(value: string): number | undefined {
  const m = /^(-?\d*\.?\d+)(px|pt|em|rem|%|vw|vh)?$/.exec(value.trim());
  if (m === null) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? "px";
  return unit === "pt" ? n * 1.33 : unit === "em" || unit === "rem" ? n * 16 : unit === "%" ? (n / 100) * 16 : unit === "vw" || unit === "vh" ? n * 10 : n;
}

/** The declarations of a CSS declaration list (`a: b; c: d`), comments dropped, names lower-cased. */
function declarations(style: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of style.replace(/\/\*[\s\S]*?\*\//g, "").split(";")) {
    const at = d.indexOf(":");
    if (at <= 0) continue;
    out.set(d.slice(0, at).trim().toLowerCase(), d.slice(at + 1).replace(/!important/i, "").trim().toLowerCase());
  }
  return out;
}

/**
 * Whether a declaration list hides what it styles from a reader (see the header). `colour`: judge a colour too (an
 * element's own style, read against its own background or the page's white; a style sheet's rule is not, since which
 * ground its text lands on is another rule's: a dark theme's light text is not hidden).
 */
export function styleHides(style: string, colour = true): boolean {
  const d = declarations(style);
  const get = (k: string) => d.get(k) ?? "";
  if (get("display") === "none" || /^(?:hidden|collapse)$/.test(get("visibility")) || get("content-visibility") === "hidden") return true;
  const opacity = Number.parseFloat(get("opacity"));
  if (!Number.isNaN(opacity) && opacity < 0.1) return true;
  const font = pixels(get("font-size"));
  if (font !== undefined && font < 4) return true;
  if (colour && invisibleOn(get("color"), d.get("background-color") ?? d.get("background") ?? "")) return true;
  // Moved off screen, clipped to nothing, or squeezed to no size.
  for (const side of ["left", "top", "right", "text-indent", "margin-left", "margin-top"]) {
    const at = pixels(get(side));
    if (at !== undefined && at <= -500) return true;
  }
  if (/^rect\(\s*0(?:px)?[\s,]+0(?:px)?[\s,]+0(?:px)?[\s,]+0(?:px)?\s*\)$/.test(get("clip")) || /inset\(\s*(?:50%|100%)/.test(get("clip-path"))) return true;
  if (/scale\(\s*0(?:\.0*)?\s*(?:,\s*0(?:\.0*)?\s*)?\)/.test(get("transform"))) return true;
  for (const m of get("transform").matchAll(/translate[xy]?\(\s*([^,)]+)/g)) if ((pixels(m[1] ?? "") ?? 0) <= -500) return true;
  const width = pixels(get("width")), height = pixels(get("height")), maxHeight = pixels(get("max-height"));
  if (get("overflow") === "hidden" && ((width !== undefined && width <= 1) || (height !== undefined && height <= 1) || (maxHeight !== undefined && maxHeight <= 1))) return true;
  return false;
}

/** The classes and ids a page's `<style>` rules hide (`.x { display: none }`, `#y, .z { font-size: 0 }`). */
function hidingSelectors(css: string): Set<string> {
  const out = new Set<string>();
  for (const m of css.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (!styleHides(m[2] ?? "", false)) continue;
    for (const selector of (m[1] ?? "").split(",")) {
      const last = /([.#][\w-]+)\s*$/.exec(selector.trim());
      if (last?.[1] !== undefined) out.add(last[1]);
    }
  }
  return out;
}

/** A replaced element sized to nothing by its `width`/`height` attributes or its style (`<svg width="0">`). */
function zeroSized(name: string, attribs: Record<string, string>): boolean {
  if (!SizedElements.has(name)) return false;
  const d = declarations(attribs.style ?? "");
  return [attribs.width, attribs.height, d.get("width"), d.get("height")].some((v) => v !== undefined && pixels(v) === 0);
}

/** `cut`: the source ranges of the hidden elements and comments, outermost only. */
type Sink = { visible: string[]; hidden: HiddenPart[]; cut?: [number, number][] };

const keep = (sink: Sink, form: HiddenForm, text: string) => {
  if (text.trim() !== "" && sink.hidden.length < MaxParts) sink.hidden.push({ form, text: text.trim() });
};

/** HTML read into what a browser shows and what it does not. */
function splitHtml(html: string, sink: Sink): void {
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1] ?? "").join("\n");
  const hiding = hidingSelectors(styles);
  const stack: { name: string; hidden: boolean }[] = [];
  let hiddenDepth = 0;
  let hiddenFrom = 0;
  const parser: Htmlparser2.Parser = new (htmlparser2().Parser)({
    onopentag(name, attribs) {
      const classes = (attribs.class ?? "").split(/\s+/).filter((c) => c !== "").map((c) => `.${c}`);
      const hidden = HiddenElements.has(name) || "hidden" in attribs || attribs["aria-hidden"]?.toLowerCase() === "true"
        || (name === "input" && attribs.type?.toLowerCase() === "hidden") || styleHides(attribs.style ?? "")
        || (name === "font" && invisibleOn(attribs.color ?? "", "")) || classes.some((c) => hiding.has(c))
        || (attribs.id !== undefined && hiding.has(`#${attribs.id}`)) || (name === "dialog" && !("open" in attribs)) || zeroSized(name, attribs);
      for (const [attribute, value] of Object.entries(attribs)) if (UnseenAttributes.test(attribute)) keep(sink, "an attribute no reader sees", value);
      stack.push({ name, hidden });
      if (hidden && hiddenDepth++ === 0) hiddenFrom = parser.startIndex;
      sink.visible.push("\n");
    },
    ontext(text) {
      // A script's or a style sheet's text is code no reader sees, and it can carry data (JSON-LD, a variable).
      const inner = stack[stack.length - 1]?.name ?? "";
      if (hiddenDepth > 0) keep(sink, inner === "script" || inner === "style" ? "a script or style sheet" : "a hidden element", text);
      else sink.visible.push(text);
    },
    onclosetag() {
      if (stack.pop()?.hidden === true && --hiddenDepth === 0) sink.cut?.push([hiddenFrom, parser.endIndex + 1]);
      sink.visible.push("\n");
    },
    oncomment(data) {
      keep(sink, "an HTML comment", data);
      if (hiddenDepth === 0) sink.cut?.push([parser.startIndex, parser.endIndex + 1]);
    },
  }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true });
  parser.write(html);
  parser.end();
  // An element left open to the end hides the rest.
  if (hiddenDepth > 0) sink.cut?.push([hiddenFrom, html.length]);
}

const ZeroWidth = "\\u200b-\\u200d\\u2060\\ufeff";
const zeroWidthWrapped = new RegExp(`[${ZeroWidth}]([^${ZeroWidth}\\n]*\\s[^${ZeroWidth}\\n]*)[${ZeroWidth}]`, "gu");
const tagRun = /[\u{e0000}-\u{e007f}]+/gu;
const referenceDefinition = /^ {0,3}\[([^\]\n]{1,200})\]:[ \t]*(\S+)(.*)$/gm;
const mailHeader = /^(?:from|to|subject|date|reply-to|return-path|received|message-id|mime-version|content-type|cc|sender):/im;

/** The text without the hidden parts that are not HTML (tag characters, zero-width-wrapped text, mail X- headers, unused link reference definitions), each kept in `sink`. */
function withoutPlainHidden(raw: string, sink: Sink): string {
  let text = raw.replace(tagRun, (run) => {
    keep(sink, "Unicode tag characters", [...run].map((c) => String.fromCodePoint((c.codePointAt(0) ?? 0xe0020) - 0xe0000)).join(""));
    return "";
  });
  text = text.replace(zeroWidthWrapped, (_, inner: string) => {
    keep(sink, "zero-width-wrapped text", inner);
    return " ";
  });
  // A mail's header block: its X- headers are read by programs, not shown by a mail reader.
  const headerEnd = text.search(/\r?\n\r?\n/);
  if (headerEnd > 0 && mailHeader.test(text.slice(0, headerEnd))) {
    const head = text.slice(0, headerEnd).replace(/^(x-[\w-]+:.*(?:\r?\n[ \t].*)*)$/gim, (line: string) => {
      keep(sink, "a mail X- header", line);
      return "";
    });
    text = head + text.slice(headerEnd);
  }
  let definitions = 0;
  return text.replace(referenceDefinition, (line: string, label: string, _url: string, title: string) => {
    if (++definitions > MaxParts) return line;
    const used = label !== "//" && new RegExp(`\\[${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\](?!:)`, "i").test(text.replace(line, ""));
    if (used) {
      if (title.trim() !== "") keep(sink, "an attribute no reader sees", title);
      return line.slice(0, line.length - title.length);
    }
    keep(sink, "an unused link reference definition", line);
    return "";
  });
}

/**
 * The page without what it hides from its reader (the forms above, then its hidden elements and comments), for the
 * text the model is given of a page: what the page hides is not handed over as if it were the page's text. Never
 * throws: a page that cannot be read is returned as it is (the converter reads it as it would have).
 */
export function htmlWithoutHidden(html: string): { html: string; leftOut: boolean } {
  try {
    const sink: Sink = { visible: [], hidden: [], cut: [] };
    const text = withoutPlainHidden(html.slice(0, 4 * MaxChars), sink) + html.slice(4 * MaxChars);
    if (!looksHtml.test(text)) return { html: text, leftOut: sink.hidden.length > 0 };
    splitHtml(text, sink);
    let out = "";
    let at = 0;
    for (const [from, to] of sink.cut ?? []) {
      if (from < at) continue;
      out += `${text.slice(at, from)} `;
      at = to;
    }
    return { html: out + text.slice(at), leftOut: sink.hidden.length > 0 };
  } catch {
    return { html, leftOut: false };
  }
}

/** A text split into its visible text and its hidden parts (see the header). */
export function splitHidden(raw: string): TextParts {
  const sink: Sink = { visible: [], hidden: [] };
  try {
    let text = raw.slice(0, MaxChars);
    const leftOut = text.includes(LeftOutNote);
    text = text.split(LeftOutNote).join("");
    text = withoutPlainHidden(text, sink);
    if (looksHtml.test(text)) splitHtml(text, sink);
    else sink.visible.push(text);
    return { visible: sink.visible.join("").replace(/\n{3,}/g, "\n\n"), hidden: sink.hidden, leftOut };
  } catch {
    // INVARIANT: a text that could not be read shows its reader nothing the gate can rely on (fail closed).
    return { visible: "", hidden: [{ form: "a hidden element", text: raw.slice(0, MaxChars) }], leftOut: false };
  }
}

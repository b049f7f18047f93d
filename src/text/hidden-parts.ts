/**
 * The parts of a text that a person reading it does not see, and the text that person does see. A page, a mail or a
 * downloaded file talks to the model in parts its reader never sees: an HTML comment, an element styled away
 * (`display:none`, `visibility:hidden`, `font-size:0`, white on white, moved off screen, clipped to nothing), an
 * element marked hidden (`hidden`, `aria-hidden="true"`) or not rendered (`HiddenElements`, a closed `<dialog>`, a
 * replaced element of no size, a drop-down's options but the one it shows, a ruby's `<rp>`), text too small to read
 * (`MinReadablePixels`, by a style, a style sheet's rule or nested `<small>`s), the text of a `<script>` or `<style>`, an
 * attribute no page shows as text (`alt`, `data-*`, an `<input type=hidden>`'s value), text wrapped in
 * zero-width characters, Unicode tag characters (invisible ASCII), a Markdown link reference definition nothing links
 * to (or `[//]: # (…)`), and a mail's `X-` headers. What the owner's request takes from such a text is what its reader
 * sees; a value only the hidden parts give was given to the model alone (write-planted-values.ts), and so is one a
 * hidden part completes (`4<span hidden>800</span>`: its reader sees `4`). What a reader sees by pointing or clicking
 * is visible: a tooltip (`title`), a field's value or placeholder, a closed `<details>`.
 *
 * HTML is read by htmlparser2 (entities decoded), and only when the text holds a tag or a comment; a style attribute
 * is read declaration by declaration, and the rules of the page's `<style>` elements that hide, size or colour text
 * are applied by their selectors, parsed by parseley and matched against the parsed page (`SheetRule`).
 * Bounded (`MaxChars` read, `MaxParts` hidden parts kept); never throws: a text that cannot be read is all hidden.
 */
import { createHash } from "node:crypto";
import type * as Domhandler from "domhandler";
import type * as Htmlparser2 from "htmlparser2";
import type * as Parseley from "parseley";
import { lazyRequire } from "../core/lazy-require.ts";
import { dateTimeSpans } from "../gate/date-values.ts";
import { numeralsIn } from "../gate/numerals.ts";
import { spokenTimes } from "../gate/spoken-times.ts";

const htmlparser2 = lazyRequire<typeof Htmlparser2>("htmlparser2", import.meta.url);
const parseley = lazyRequire<typeof Parseley>("parseley", import.meta.url);

export type HiddenForm = "an HTML comment" | "a hidden element" | "a part of the page left out of its text" | "an attribute no reader sees" | "a data attribute" | "zero-width-wrapped text" | "Unicode tag characters" | "an unused link reference definition" | "a mail X- header" | "a script or style sheet";

export type HiddenPart = { form: HiddenForm; text: string };

/**
 * `visible`: the text its reader sees (HTML as its text, blocks apart); `hidden`: each part that reader does not see;
 * `leftOut`: the text is a page whose hidden parts were left out before the model was given it (`LeftOutNote`);
 * `digests`: the digests of the numbers and dated words those left-out parts gave (`digestsNote`).
 */
export type TextParts = { visible: string; hidden: HiddenPart[]; leftOut: boolean; digests: Set<string> };

/** The line a page's text ends with when its hidden parts were left out (content-text.ts): the model and the gate know. */
export const LeftOutNote = "[Warden: text this page hides from its reader (comments, hidden elements, image descriptions) was left out]";

/**
 * The line after `LeftOutNote` that keeps, for the gate, what the left-out parts said in numbers: digests of their
 * digit runs (`4.800` as `4800` too) and of the words next to one (`6 Dezember`), never the values. The page's hidden
 * text reaches the model neither as words nor as numbers, yet a write that puts a number only those parts gave is told
 * from one the model worked out (a total, a weekday's date), which nothing gave (write-planted-values.ts). The digests
 * hide nothing secret (the page's writer knows its values): they keep the hidden text from acting as text.
 */
const DigestsLabel = "[Warden: digests of the numbers the left-out text gave, for the gate:";
const digestsLine = /^\[Warden: digests of the numbers the left-out text gave, for the gate:([ 0-9a-f]*)\]$/gm;
const MaxDigests = 256;

/** The digest of a number's digits (no leading zeros) or of a lower-cased word (see `DigestsLabel`). */
export function digestOf(token: string): string {
  return createHash("sha256").update(`warden-hidden\u0000${token}`).digest("hex").slice(0, 8);
}

/**
 * The tokens of a text a digest is kept of: digit runs and grouped numbers (a phone number's digits whole and their last
 * seven), the words next to a number, and the values of its dates and times (`date:21 March`, `time:18:45`, said in
 * words too) and of its numbers written otherwise than in digits (`two hundred fifty`, `XII`: `250`, `12`), so that a
 * value is matched whichever way it is written.
 */
export function digestTokens(text: string): string[] {
  const t = text.normalize("NFKC");
  const unzero = (d: string) => d.replace(/^0+(?=\d)/, "");
  const out = [...t.matchAll(/\d+/g)].map((m) => unzero(m[0]));
  for (const m of t.matchAll(/\d{1,3}(?:[.,'\u00a0 ]\d{3})+/g)) out.push(unzero(m[0].replace(/\D/g, "")));
  for (const m of t.matchAll(/\+?\(?\d[\d \u00a0()./–-]{5,}\d/g)) {
    const d = m[0].replace(/\D/g, "");
    if (d.length >= 7) out.push(unzero(d), d.slice(-7));
  }
  for (const s of dateTimeSpans(t)) out.push(`${s.kind}:${s.value}`);
  for (const s of spokenTimes(t)) out.push(...s.values.map((v) => `time:${v}`));
  for (const n of numeralsIn(t)) if (n.form !== "digits" && n.digits.length >= 2) out.push(unzero(n.digits));
  for (const m of t.matchAll(/(\p{L}{3,12})\.?\s*(?=\d)/gu)) out.push((m[1] ?? "").toLowerCase());
  for (const m of t.matchAll(/(?<=\d\.?\s*)(\p{L}{3,12})/gu)) out.push((m[1] ?? "").toLowerCase());
  return out;
}

/**
 * The note's digest line for the hidden parts a page's text left out: code and style sheets aside (their numbers are
 * code's), and a data attribute's numbers of one or two digits (`initial-scale=1`, `data-index="4"`: a page's markup,
 * where a count the model writes would be found).
 */
export function digestsNote(hidden: readonly HiddenPart[]): string {
  const digests = new Set<string>();
  for (const h of hidden) {
    if (h.form === "a script or style sheet") continue;
    for (const token of digestTokens(h.text)) if (digests.size < MaxDigests && !(h.form === "a data attribute" && /^\d{1,2}$/.test(token))) digests.add(digestOf(token));
  }
  return digests.size === 0 ? "" : `${DigestsLabel} ${[...digests].join(" ")}]`;
}

export const MaxChars = 256 * 1024;
const MaxParts = 256;

const looksHtml = /<!--|<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/i;
/**
 * Elements whose content a browser does not render (the HTML spec's list): code and data (`script`, `style`,
 * `template`, `noscript`), the document's head, the fallback content of replaced elements (shown only where the
 * element cannot play or draw: `canvas`, `video`, `audio`, `object`, `iframe`), and an SVG's descriptions (`desc`,
 * `title`, `metadata`), and a ruby's `<rp>` (shown only where ruby is not). A closed `<dialog>` is hidden too, and a
 * `<select>`'s options but the one it shows (`selectPlans`); a closed `<details>` is not: its reader opens it with a
 * click, and FAQ pages are made of them (as a tooltip is shown by pointing at its text).
 */
const HiddenElements = new Set(["rp", "template", "noscript", "script", "style", "head", "meta", "object", "iframe", "canvas", "video", "audio", "desc", "title", "metadata"]);
/** Elements drawn in a box of their own size: with a width or height of 0 (attribute or style) nothing of them shows. */
const SizedElements = new Set(["svg", "iframe", "canvas", "object", "embed", "img", "video"]);
/** Attributes whose value a page shows nowhere as text (a link's target is followed, so `href` is the reader's; an `iframe`'s `srcdoc` is a page drawn in a box, judged as unseen). */
/** Of those, the ones that hold data for programs (a `<meta>`'s content, a field's value, `data-*`), not words for people. */
const DataAttributes = /^(?:content|value|data-.+)$/;
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
  // Scaled to a speck along any axis, or turned edge-on: "scaleY(0)", "scale(0.001)", "rotateX(90deg)".
  for (const m of get("transform").matchAll(/scale(?:x|y|3d)?\(\s*([^)]*)\)/g)) {
    if ((m[1] ?? "").split(",").some((f) => Math.abs(Number.parseFloat(f)) < 0.05)) return true;
  }
  if (/rotate[xy]\(\s*(?:90|270|-90|-270)deg\s*\)/.test(get("transform"))) return true;
  // Clipped to a point, filtered or masked to nothing.
  if (/(?:circle|ellipse)\(\s*0(?:px|%)?(?:\s+0(?:px|%)?)?(?:\s|\))/.test(get("clip-path"))) return true;
  const filtered = /opacity\(\s*([\d.]+)(%?)\s*\)/.exec(get("filter"));
  if (filtered !== null && Number.parseFloat(filtered[1] ?? "1") / (filtered[2] === "%" ? 100 : 1) < 0.1) return true;
  const mask = get("mask-image") || get("-webkit-mask-image") || get("mask");
  if (mask !== "" && /transparent/.test(mask) && !/(?:#|rgb|hsl|black|white|red|green|blue)/.test(mask.replace(/transparent/g, ""))) return true;
  // SVG's paint: text with no fill (or a fill that cannot be seen) and no stroke is not drawn.
  const fillOpacity = Number.parseFloat(get("fill-opacity"));
  const noStroke = get("stroke") === "" || get("stroke") === "none";
  if (noStroke && (get("fill") === "none" || get("fill") === "transparent" || (!Number.isNaN(fillOpacity) && fillOpacity < 0.1))) return true;
  for (const m of get("transform").matchAll(/translate[xy]?\(\s*([^,)]+)/g)) if ((pixels(m[1] ?? "") ?? 0) <= -500) return true;
  const width = pixels(get("width")), height = pixels(get("height")), maxHeight = pixels(get("max-height"));
  if (get("overflow") === "hidden" && ((width !== undefined && width <= 1) || (height !== undefined && height <= 1) || (maxHeight !== undefined && maxHeight <= 1))) return true;
  return false;
}

/** SVG's presentation attributes (`opacity="0"`, `display="none"`, `fill="none"`) as a declaration list `styleHides` reads. */
const PresentationAttributes = ["display", "visibility", "opacity", "fill", "fill-opacity", "stroke", "transform", "clip-path", "filter"];
function presentation(attribs: Record<string, string>): string {
  return PresentationAttributes.filter((a) => attribs[a] !== undefined).map((a) => `${a}: ${attribs[a] ?? ""}`).join("; ");
}

/** The colour a declaration list paints its box with: `background-color`, or the colour of `background`; "image" for a picture. */
function backgroundOf(d: Map<string, string>): string | undefined {
  const value = d.get("background-color") ?? d.get("background");
  if (value === undefined) return undefined;
  if (/url\(|gradient\(/.test(value)) return "image";
  const colour = value.split(/\s+(?![^(]*\))/).find((c) => cssColor(c) !== undefined);
  // A transparent box shows its parent's ground.
  return colour === undefined || (cssColor(colour)?.[3] ?? 1) < 0.1 ? undefined : colour;
}

/**
 * A style sheet's rule that can hide, size or colour what it styles. Its selector is parsed by parseley and matched
 * against the page parsed by htmlparser2: tag, class, id, attribute (`[data-x]`, `[class^=hid i]`), the four
 * combinators, `:not()`, `:is()`, `:where()` and the structural pseudo-classes (`:nth-child(2n+1)`, `:first-of-type`,
 * `:last-child`, `:empty`). A pseudo-class whose truth is not read here (`:has()`, `:lang()`, `:nth-child(2 of .x)`) is
 * taken as true where that widens what the rule hits (false under `:not()`), and the rule is then not `exact`: it hides
 * at least what it hides in the page (failing closed: a value in such an element asks), and it sizes and colours
 * nothing (a colour or a size judged on elements it may miss would hide visible text). A rule that applies only while
 * the reader interacts (`:hover`, `:focus`, `:checked`, `:target`) hides nothing before then; one that shows on
 * interaction what another hides (a hover menu: pointing at a parent or a sibling that shows) makes that text the
 * reader's (`reveals`), as a tooltip is; one on the hidden element's own hover shows nothing (nothing to point at). A rule for
 * a pseudo-element (`::before`, `::-webkit-scrollbar`) styles no text of the page, and one in a `@media` block for
 * print or speech does not apply on screen. A selector parseley cannot read is not applied.
 */
type SheetRule = { selector: Parseley.Ast.CompoundSelector; pseudo: string[]; exact: boolean; hides: boolean; reveals: boolean; fontSize?: string; color?: string; background?: string };
const MaxRules = 512;
const MaxSheetChars = 64 * 1024;
/**
 * Steps of selector matching a page may take (on the rules that ask for the element's id, a class or its tag, or for
 * none: `ruleIndex`); past them a hiding rule is taken to match (fail closed), others not.
 */
const MaxMatchSteps = 2_000_000;

/** Pseudo-classes that hold only while the reader interacts with the page (points, clicks, focuses, follows a link). */
const InteractionPseudo = /:(?:hover|focus|focus-within|focus-visible|active|target|checked|visited|open|popover-open|fullscreen|modal|user-invalid|invalid|valid|indeterminate|autofill|-webkit-autofill)(?![\w-])/i;
/** Pseudo-elements, `::x` or CSS 2's one-colon forms: they style generated content or a part, not an element's text. */
const PseudoElement = /::|:(?:before|after|first-line|first-letter|placeholder|selection|marker|backdrop)(?![\w-])|:-(?:webkit|moz|ms)-/i;
/** A functional pseudo-class parseley does not parse (`:nth-child(2)`, `:has(…)`), with its argument (one level of nesting). */
const OtherFunctional = /:(?!(?:is|where|not)\()([\w-]+)\(((?:[^()]|\([^()]*\))*)\)/gi;
/** The attribute a functional pseudo-class is parsed as (`[x-warden-pseudo-class="3"]`: the fourth in the rule's list). */
const PseudoPlaceholder = "x-warden-pseudo-class";
/** Declarations a rule applied on interaction shows hidden text by. */
const Revealing = /^(?:display|visibility|opacity|height|max-height|width|transform|clip|clip-path|left|top|position|font-size|color)$/;

/** A `@media` query for print or speech only: its rules do not apply on screen. */
const offScreen = (query: string) => query.split(",").every((q) => /^\s*(?:only\s+)?(?:print|speech)\b|^\s*not\s+(?:screen|all)\b/i.test(q));

/**
 * The style rules of a sheet as `[selectors, declarations]`, read block by block: the rules of `@media` blocks for print
 * or speech and of `@keyframes`, `@font-face`, `@page` left out; other at-rules' blocks (`@media screen`, `@supports`,
 * `@layer`) read into.
 */
function styleRules(css: string): [string, string][] {
  const text = css.slice(0, MaxSheetChars).replace(/\/\*[\s\S]*?\*\//g, "");
  const out: [string, string][] = [];
  let at = 0;
  while (at < text.length && out.length < MaxRules) {
    const open = text.indexOf("{", at);
    const close = text.indexOf("}", at);
    if (open < 0) break;
    // An at-rule's block closes: go on after it.
    if (close >= 0 && close < open) {
      at = close + 1;
      continue;
    }
    const prelude = text.slice(at, open).replace(/^[\s\S]*;/, "").trim();
    if (prelude.startsWith("@")) {
      const media = /^@media\s+([\s\S]*)$/i.exec(prelude);
      if ((media !== null && offScreen(media[1] ?? "")) || /^@(?:keyframes|-webkit-keyframes|font-face|page|counter-style|property)\b/i.test(prelude)) {
        // Skip the whole block, nested blocks and all.
        let depth = 0;
        let i = open;
        for (; i < text.length; i++) {
          if (text[i] === "{") depth++;
          else if (text[i] === "}" && --depth === 0) break;
        }
        at = i + 1;
      } else at = open + 1;
      continue;
    }
    const end = close < 0 ? text.length : close;
    const inner = text.indexOf("{", open + 1);
    if (inner >= 0 && inner < end) {
      at = open + 1; // CSS nesting is not read: its inner rules are read on their own.
      continue;
    }
    out.push([prelude, text.slice(open + 1, end)]);
    at = end + 1;
  }
  return out;
}

const StructuralPseudo = new Set(["first-child", "last-child", "only-child", "first-of-type", "last-of-type", "only-of-type", "empty", "root"]);
const NthPseudo = new Set(["nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type"]);

/** An `an+b` argument (`odd`, `2n+1`, `-n+3`, `4`) as `[a, b]`, or undefined when it is not one. */
function nth(arg: string): [number, number] | undefined {
  const t = arg.replace(/\s+/g, "").toLowerCase();
  if (t === "odd") return [2, 1];
  if (t === "even") return [2, 0];
  const m = /^(?:([+-]?\d*)n)?([+-]?\d+)?$/.exec(t);
  if (m === null || t === "") return undefined;
  const a = m[1] === undefined ? 0 : m[1] === "" || m[1] === "+" ? 1 : m[1] === "-" ? -1 : Number(m[1]);
  return [a, Number(m[2] ?? 0)];
}

/** Whether a pseudo-class of a rule is read here (not taken as true or false). */
function knownPseudo(name: string, pseudo: readonly string[], value?: string): boolean {
  if (name === PseudoPlaceholder) {
    const [fn, arg] = (pseudo[Number(value)] ?? "").split("\u0000");
    return NthPseudo.has(fn ?? "") && nth(arg ?? "") !== undefined;
  }
  return StructuralPseudo.has(name);
}

/** Whether every pseudo-class of a parsed selector is read here. */
function readAll(selector: Parseley.Ast.CompoundSelector, pseudo: readonly string[]): boolean {
  return selector.list.every((s) => s.type === "pc" ? knownPseudo(s.name, pseudo)
    : s.type === "attrValue" && s.name === PseudoPlaceholder ? knownPseudo(s.name, pseudo, s.value)
    : s.type === "combinator" ? readAll(s.left, pseudo)
    : s.type === "fpc:is" || s.type === "fpc:where" || s.type === "fpc:not" ? s.list.every((c) => readAll(c, pseudo)) : true);
}

/** The rules of a page's `<style>` text that hide (`.x { display: none }`, `[data-x] { font-size: 0 }`), size, colour or reveal its text. */
function sheetRules(css: string): SheetRule[] {
  const out: SheetRule[] = [];
  for (const [selectors, body] of styleRules(css)) {
    const d = declarations(body);
    const hides = styleHides(body, false);
    const fontSize = d.get("font-size");
    const color = d.get("color");
    const background = backgroundOf(d);
    const reveals = !hides && [...d.keys()].some((k) => Revealing.test(k));
    if (!hides && !reveals && fontSize === undefined && color === undefined && background === undefined) continue;
    for (const raw of selectors.split(/,(?![^()]*\))/)) {
      if (out.length >= MaxRules) break;
      if (PseudoElement.test(raw)) continue;
      const interactive = InteractionPseudo.test(raw);
      // What shows on interaction is what the reader reaches by pointing at, focusing or clicking something shown: a
      // rule that would show an element on its own hover (`.x:hover`) shows nothing the reader can point at.
      if (interactive && (!reveals || InteractionPseudo.test(raw.trim().split(/\s*[>+~]\s*|\s+/).at(-1) ?? ""))) continue;
      const pseudo: string[] = [];
      // The interaction pseudo-classes of a revealing rule are dropped: the reader can make them hold.
      const text = (interactive ? raw.replace(new RegExp(InteractionPseudo.source, "gi"), (_, at: number, all: string) => (at === 0 || /[\s>+~(,]/.test(all[at - 1] ?? "") ? "*" : "")) : raw).replace(OtherFunctional, (_, name: string, arg: string) => `[${PseudoPlaceholder}="${pseudo.push(`${name.toLowerCase()}\u0000${arg}`) - 1}"]`);
      let selector: Parseley.Ast.CompoundSelector;
      try {
        selector = parseley().parse1(text.trim() === "" ? "*" : text.trim());
      } catch {
        continue;
      }
      const exact = readAll(selector, pseudo);
      if (interactive) out.push({ selector, pseudo, exact, hides: false, reveals: true });
      else if (hides || (exact && (fontSize !== undefined || color !== undefined || background !== undefined))) out.push({ selector, pseudo, exact, hides, reveals: false, ...(exact && fontSize !== undefined ? { fontSize } : {}), ...(exact && color !== undefined ? { color } : {}), ...(exact && background !== undefined ? { background } : {}) });
    }
  }
  return out;
}

const HeadElements = new Set(["head", "style", "script", "link", "meta", "title", "base"]);
const elementsOf = (nodes: readonly Domhandler.ChildNode[]) => nodes.filter((n): n is Domhandler.Element => n.type === "tag" || n.type === "script" || n.type === "style");

/** An element's keys: its tag, `.class` for each class and `#id`. */
const keysOf = (e: Domhandler.Element) => [e.name, ...classesOf(e).map((c) => `.${c}`), ...(e.attribs.id !== undefined ? [`#${e.attribs.id}`] : [])];

/**
 * The keys some ancestor of a matching element must have, by the selector's descendant and child combinators (`.box p`
 * asks an ancestor `.box`): a quick test before matching, as browsers do it.
 */
function ancestorKeys(selector: Parseley.Ast.CompoundSelector): string[] {
  const out: string[] = [];
  let at: Parseley.Ast.CompoundSelector | undefined = selector;
  while (at !== undefined) {
    const link: Parseley.Ast.SimpleSelector | undefined = at.list.find((x) => x.type === "combinator");
    if (link?.type !== "combinator" || (link.combinator !== " " && link.combinator !== ">")) break;
    for (const x of link.left.list) {
      if (x.type === "id") out.push(`#${x.name}`);
      else if (x.type === "class") out.push(`.${x.name}`);
      else if (x.type === "tag") out.push(x.name.toLowerCase());
    }
    at = link.left;
  }
  return out;
}

/**
 * The rules by what their selector's own compound asks of an element first (its id, else a class, else its tag, else
 * nothing): an element is matched only against the rules of its id, classes and tag, and the rules that ask none.
 */
function ruleIndex(rules: readonly SheetRule[]): (e: Domhandler.Element) => SheetRule[] {
  const index = new Map<string, number[]>();
  for (const [i, r] of rules.entries()) {
    const own = r.selector.list;
    const id = own.find((x) => x.type === "id"), cls = own.find((x) => x.type === "class"), tag = own.find((x) => x.type === "tag");
    const key = id !== undefined ? `#${id.name}` : cls !== undefined ? `.${cls.name}` : tag !== undefined ? tag.name.toLowerCase() : "*";
    index.set(key, [...(index.get(key) ?? []), i]);
  }
  return (e) => {
    const keys = ["*", e.name, ...(e.attribs.class ?? "").split(/\s+/).filter((c) => c !== "").map((c) => `.${c}`), ...(e.attribs.id !== undefined ? [`#${e.attribs.id}`] : [])];
    // In the sheet's order: a later rule's colour or size wins.
    return [...new Set(keys.flatMap((k) => index.get(k) ?? []))].sort((a, b) => a - b).map((i) => rules[i] as SheetRule);
  };
}

/**
 * Whether an element matches a parsed selector. `wide`: what a pseudo-class not read here is taken as (true, so a rule
 * hits at least what it hits in the page; flipped under `:not()`). `budget.steps` bounds the work.
 */
function matchesSelector(selector: Parseley.Ast.CompoundSelector, e: Domhandler.Element, pseudo: readonly string[], wide: boolean, budget: { steps: number }): boolean {
  if (--budget.steps < 0) return wide;
  for (const s of selector.list) if (!matchesSimple(s, e, pseudo, wide, budget)) return false;
  return true;
}

const classLists = new WeakMap<Domhandler.Element, string[]>();
const classesOf = (e: Domhandler.Element) => {
  let list = classLists.get(e);
  if (list === undefined) classLists.set(e, (list = (e.attribs.class ?? "").split(/\s+/).filter((c) => c !== "")));
  return list;
};

/** An element's element siblings, itself among them; at the top of a page with no <body>, without what a browser puts into its <head> (a <style>, a <meta>). */
function siblingsOf(e: Domhandler.Element): Domhandler.Element[] {
  const top = e.parent === null || e.parent.type === "root" || (e.parent.type === "tag" && e.parent.name === "html");
  return elementsOf(e.parent?.children ?? []).filter((s) => !top || !HeadElements.has(s.name));
}

/** An element's place (from 1) among its siblings (`ofType`: of its tag), counted from the first or the last. */
function positionOf(e: Domhandler.Element, ofType: boolean, fromEnd: boolean): number {
  const list = siblingsOf(e).filter((s) => !ofType || s.name === e.name);
  return fromEnd ? list.length - list.indexOf(e) : list.indexOf(e) + 1;
}

function matchesSimple(s: Parseley.Ast.SimpleSelector, e: Domhandler.Element, pseudo: readonly string[], wide: boolean, budget: { steps: number }): boolean {
  switch (s.type) {
    case "universal": return true;
    case "tag": return e.name === s.name.toLowerCase();
    case "class": return classesOf(e).includes(s.name);
    case "id": return e.attribs.id === s.name;
    case "attrPresence": return s.name.toLowerCase() in e.attribs;
    case "attrValue": {
      if (s.name === PseudoPlaceholder) {
        const [fn, arg] = (pseudo[Number(s.value)] ?? "").split("\u0000");
        const ab = NthPseudo.has(fn ?? "") ? nth(arg ?? "") : undefined;
        if (ab === undefined) return wide;
        const n = positionOf(e, fn?.endsWith("of-type") === true, fn?.startsWith("nth-last") === true);
        const [a, b] = ab;
        return a === 0 ? n === b : (n - b) / a >= 0 && (n - b) % a === 0;
      }
      const actual = e.attribs[s.name.toLowerCase()];
      if (actual === undefined) return false;
      const [have, want] = s.modifier === "i" ? [actual.toLowerCase(), s.value.toLowerCase()] : [actual, s.value];
      switch (s.matcher) {
        case "=": return have === want;
        case "~=": return have.split(/\s+/).includes(want);
        case "|=": return have === want || have.startsWith(`${want}-`);
        case "^=": return want !== "" && have.startsWith(want);
        case "$=": return want !== "" && have.endsWith(want);
        case "*=": return want !== "" && have.includes(want);
      }
      return wide;
    }
    case "pc":
      switch (s.name) {
        case "first-child": return siblingsOf(e)[0] === e;
        case "last-child": return siblingsOf(e).at(-1) === e;
        case "only-child": return siblingsOf(e).length === 1;
        case "first-of-type": return positionOf(e, true, false) === 1;
        case "last-of-type": return positionOf(e, true, true) === 1;
        case "only-of-type": return siblingsOf(e).filter((x) => x.name === e.name).length === 1;
        case "empty": return e.children.every((c) => c.type === "comment");
        case "root": return e.parent === null || e.parent.type === "root";
      }
      return wide;
    case "fpc:is":
    case "fpc:where": return s.list.some((c) => matchesSelector(c, e, pseudo, wide, budget));
    case "fpc:not": return !s.list.some((c) => matchesSelector(c, e, pseudo, !wide, budget));
    case "combinator": {
      if (s.combinator === ">") return e.parent?.type === "tag" && matchesSelector(s.left, e.parent, pseudo, wide, budget);
      if (s.combinator === " ") {
        for (let p = e.parent; p !== null && p.type === "tag"; p = p.parent) if (matchesSelector(s.left, p, pseudo, wide, budget)) return true;
        return false;
      }
      const all = siblingsOf(e);
      const before = all.slice(0, all.indexOf(e));
      if (s.combinator === "+") return before.length > 0 && matchesSelector(s.left, before.at(-1) as Domhandler.Element, pseudo, wide, budget);
      if (s.combinator === "~") return before.some((b) => matchesSelector(s.left, b, pseudo, wide, budget));
      return wide;
    }
  }
  return wide;
}

/**
 * The rules that apply to each element of a page, by the element's start in its source (htmlparser2's `startIndex`,
 * the same in the reading pass). A mail's header block is no part of the document its reader is shown (its
 * `<name@host>` would read as an element holding the whole body): the document is read from `from`, after it.
 */
function appliedRules(html: string, rules: readonly SheetRule[], from: number): Map<number, SheetRule[]> {
  const out = new Map<number, SheetRule[]>();
  const doc = htmlparser2().parseDocument(html.slice(from), { withStartIndices: true, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true });
  const budget = { steps: MaxMatchSteps };
  const candidates = ruleIndex(rules);
  const needs = new Map(rules.map((r) => [r, ancestorKeys(r.selector)]));
  // The keys (`div`, `.box`, `#main`) of the ancestors of the element being matched, counted.
  const above = new Map<string, number>();
  const walk = (nodes: readonly Domhandler.ChildNode[], depth: number) => {
    for (const element of elementsOf(nodes)) {
      const picked = candidates(element).filter((r) => (needs.get(r) ?? []).every((k) => above.has(k)) && (budget.steps < 0 ? r.hides : matchesSelector(r.selector, element, r.pseudo, r.hides, budget)));
      if (picked.length > 0) out.set((element.startIndex ?? -1) + from, picked);
      if (depth >= 512) continue;
      const keys = keysOf(element);
      for (const k of keys) above.set(k, (above.get(k) ?? 0) + 1);
      walk(element.children, depth + 1);
      for (const k of keys) if ((above.get(k) ?? 0) <= 1) above.delete(k); else above.set(k, (above.get(k) ?? 0) - 1);
    }
  };
  walk(doc.children, 0);
  return out;
}

/**
 * Text smaller than this many pixels is not read (fine print stays: `<small>` twice is 10 px): reached by a style, a
 * rule, or nesting (`<small>`, `<sub>`, `<sup>` each a step smaller, as browsers draw them).
 */
const MinReadablePixels = 7;
/** The CSS font-size keywords' sizes in pixels, and the steps `smaller` takes down them (below the smallest, by 1.2). */
const FontKeywords: Readonly<Record<string, number>> = { "xx-small": 9, "x-small": 10, small: 13, medium: 16, large: 18, "x-large": 24, "xx-large": 32 };
const Steps = [9, 10, 13, 16, 18, 24, 32];
const smaller = (px: number) => [...Steps].reverse().find((s) => s < px && px > 9) ?? px / 1.2;
const SmallerElements = new Set(["small", "sub", "sup"]);

/** The font size in pixels of an element whose parent's is `parent`, by its `font-size` value (or its tag's default). */
function fontSize(value: string | undefined, name: string, parent: number): number {
  const v = value?.trim().toLowerCase();
  if (v === undefined || v === "") return SmallerElements.has(name) ? smaller(parent) : name === "big" ? parent * 1.2 : parent;
  if (v === "smaller") return smaller(parent);
  if (v === "larger") return parent * 1.2;
  const keyword = FontKeywords[v];
  if (keyword !== undefined) return keyword;
  const m = /^(\d*\.?\d+)(em|%)$/.exec(v);
  if (m !== null) return Number(m[1]) * (m[2] === "%" ? parent / 100 : parent);
  return pixels(v) ?? parent;
}

/**
 * For each `<select>` of a page in order, the index of the option it shows, or undefined when it shows them all (a list
 * box: `multiple` or a `size` above 1). A drop-down shows its selected option, or its first.
 */
function selectPlans(html: string): (number | undefined)[] {
  const plans: (number | undefined)[] = [];
  let current: { shows: number | undefined; count: number; picked: boolean; list: boolean } | undefined;
  const parser = new (htmlparser2().Parser)({
    onopentag(name, attribs) {
      if (name === "select") current = { shows: 0, count: 0, picked: false, list: "multiple" in attribs || Number(attribs.size ?? "1") > 1 };
      else if (name === "option" && current !== undefined) {
        if ("selected" in attribs && !current.picked) [current.shows, current.picked] = [current.count, true];
        current.count++;
      }
    },
    onclosetag(name) {
      if (name !== "select" || current === undefined) return;
      plans.push(current.list ? undefined : current.shows);
      current = undefined;
    },
  }, { lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.write(html);
  parser.end();
  return plans;
}

/** Input types whose value a page shows in its box (a text field, a button's label); not a password's, a checkbox's. */
const ShownValueInputs = new Set(["", "text", "search", "email", "tel", "url", "number", "date", "time", "datetime-local", "month", "week", "submit", "button", "reset"]);

/** The attributes of a shown element its reader sees: a tooltip (`title`, on pointing at it), a field's value or placeholder. */
function shownAttributes(name: string, attribs: Record<string, string>): string[] {
  const out: string[] = [];
  if (attribs.title !== undefined) out.push("title");
  if (name === "input" && ShownValueInputs.has((attribs.type ?? "").toLowerCase())) out.push("value");
  if ((name === "input" || name === "textarea") && (attribs.value ?? "") === "") out.push("placeholder");
  return out;
}

/** A replaced element sized to nothing by its `width`/`height` attributes or its style (`<svg width="0">`). */
function zeroSized(name: string, attribs: Record<string, string>): boolean {
  if (!SizedElements.has(name)) return false;
  const d = declarations(attribs.style ?? "");
  return [attribs.width, attribs.height, d.get("width"), d.get("height")].some((v) => v !== undefined && pixels(v) === 0);
}

/**
 * The text of a document a `data:` URL holds (HTML, SVG, plain text; base64 or percent-encoded), for an `<object>`'s
 * `data` or an `<embed>`'s or `<iframe>`'s `src`: a page drawn in a box, judged as unseen as an `iframe`'s `srcdoc` is
 * (a box sized to nothing shows none of it, and its words are no text of the page). Undefined for any other URL.
 */
function dataDocument(url: string): string | undefined {
  const m = /^\s*data:([^,]*),([\s\S]*)$/i.exec(url);
  if (m === null) return undefined;
  const type = (m[1] ?? "").toLowerCase();
  if (!/^(?:text\/|image\/svg\+xml|application\/xhtml\+xml|;|$)/.test(type)) return undefined;
  try {
    const body = m[2] ?? "";
    return type.includes(";base64") ? Buffer.from(body, "base64").toString("utf8") : decodeURIComponent(body);
  } catch {
    return m[2];
  }
}

/** The region an `<svg>` draws (its `viewBox`, else its width and height): what lies outside is clipped away. */
type Box = { x: number; y: number; width: number; height: number };
function svgBox(attribs: Record<string, string>): Box | undefined {
  if (/visible/i.test(attribs.overflow ?? "") || /overflow\s*:\s*visible/i.test(attribs.style ?? "")) return undefined;
  const view = (attribs.viewbox ?? "").trim().split(/[\s,]+/).map(Number);
  if (view.length === 4 && view.every((n) => Number.isFinite(n)) && (view[2] ?? 0) > 0 && (view[3] ?? 0) > 0) {
    return { x: view[0] ?? 0, y: view[1] ?? 0, width: view[2] ?? 0, height: view[3] ?? 0 };
  }
  const width = pixels(attribs.width ?? ""), height = pixels(attribs.height ?? "");
  return width !== undefined && height !== undefined && !/%/.test(`${attribs.width}${attribs.height}`) ? { x: 0, y: 0, width, height } : undefined;
}

/**
 * SVG text placed outside its drawing's region (`<text x="500" y="500">` in a 10×10 `<svg>`): its baseline a line or
 * more below or above the region, or, read from its start (the default anchor), beginning past its right edge.
 */
function outsideBox(attribs: Record<string, string>, box: Box | undefined): boolean {
  if (box === undefined) return false;
  const first = (v: string | undefined) => pixels((v ?? "0").trim().split(/[\s,]+/)[0] ?? "0");
  const x = first(attribs.x), y = first(attribs.y);
  if (x === undefined || y === undefined) return false;
  const line = 20;
  const fromStart = (attribs["text-anchor"] ?? "start") === "start";
  return y >= box.y + box.height + line || y <= box.y - line || (fromStart && x >= box.x + box.width);
}

/**
 * `cut`: the source ranges of the hidden elements and comments, outermost only; `shown`: where the text of attributes
 * a reader sees (a tooltip, a field's value) goes in the page's text, after its element.
 */
type Sink = { visible: string[]; hidden: HiddenPart[]; cut?: [number, number][]; shown?: [number, string][] };

const keep = (sink: Sink, form: HiddenForm, text: string) => {
  if (text.trim() !== "" && sink.hidden.length < MaxParts) sink.hidden.push({ form, text: text.trim() });
};

/** Elements a browser draws inside a line of text: their boundaries part no word (`4<b>800</b>` reads `4800`). */
const InlineElements = new Set(["a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"]);
const MaxJoined = 64;
/** The words holding a digit (`4800`, `06.12.2026`, `GB33…`) of a text. */
const digitWords = (text: string) => new Set(text.normalize("NFKC").match(/[^\s()[\]{}<>"'“”«»,;:!?]*\d[^\s()[\]{}<>"'“”«»,;:!?]*/gu) ?? []);

/** HTML read into what a browser shows and what it does not. */
function splitHtml(html: string, sink: Sink): void {
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1] ?? "").join("\n");
  const rules = sheetRules(styles);
  const plans = /<select/i.test(html) ? selectPlans(html) : [];
  let selects = 0;
  let select: { shows: number | undefined; option: number } | undefined;
  const byStart = rules.length === 0 ? new Map<number, SheetRule[]>() : appliedRules(html, rules, mailBodyStart(html));
  const stack: { name: string; hidden: boolean; size: number; shown: string[]; color?: string; ground?: string; box?: Box }[] = [];
  let hiddenDepth = 0;
  let hiddenFrom = 0;
  // The text as a line reads it with (`whole`) and without (`seen`) the hidden elements' text: a value split across
  // hidden and visible text (`4<span hidden>800</span>`) is a value the hidden part gave.
  const seen: string[] = [];
  const whole: string[] = [];
  const part = (name: string) => {
    if (InlineElements.has(name)) return;
    seen.push("\n");
    whole.push("\n");
  };
  const parser: Htmlparser2.Parser = new (htmlparser2().Parser)({
    onopentag(name, attribs) {
      const applied = byStart.get(parser.startIndex) ?? [];
      const inline = declarations(attribs.style ?? "");
      const parent = stack[stack.length - 1];
      const size = fontSize(inline.get("font-size") ?? applied.findLast((r) => r.fontSize !== undefined)?.fontSize, name, parent?.size ?? 16);
      // Colours are inherited: text is judged on the nearest ground painted behind it (the page's white when none is),
      // once a colour is given for it (the default black on a dark box is a theme the reader sees through its rules).
      const color = inline.get("color") ?? applied.findLast((r) => r.color !== undefined)?.color ?? (name === "font" ? attribs.color : name === "body" ? attribs.text : undefined) ?? parent?.color;
      const ground = backgroundOf(inline) ?? applied.findLast((r) => r.background !== undefined)?.background ?? (attribs.bgcolor !== undefined ? backgroundOf(new Map([["background-color", attribs.bgcolor]])) : undefined) ?? parent?.ground;
      const unseenColour = color !== undefined && ground !== "image" && invisibleOn(color, ground ?? "");
      if (name === "select") select = { shows: plans[selects++], option: 0 };
      const unshownOption = name === "option" && select !== undefined && select.shows !== undefined && select.option++ !== select.shows;
      const hidden = HiddenElements.has(name) || "hidden" in attribs || attribs["aria-hidden"]?.toLowerCase() === "true"
        || (name === "input" && attribs.type?.toLowerCase() === "hidden") || styleHides(attribs.style ?? "", false)
        || styleHides(presentation(attribs), false)
        || unseenColour || (applied.some((r) => r.hides) && !applied.some((r) => r.reveals)) || size < MinReadablePixels
        || (name === "dialog" && !("open" in attribs)) || zeroSized(name, attribs) || unshownOption
        || ((name === "text" || name === "tspan") && outsideBox(attribs, stack.findLast((e) => e.name === "svg")?.box));
      const shownNames = hidden || hiddenDepth > 0 ? [] : shownAttributes(name, attribs);
      const shown: string[] = [];
      for (const [attribute, value] of Object.entries(attribs)) {
        if (shownNames.includes(attribute)) {
          if (value.trim() !== "") shown.push(value.trim());
        } else if (UnseenAttributes.test(attribute)) keep(sink, DataAttributes.test(attribute) ? "a data attribute" : "an attribute no reader sees", value);
      }
      const embedded = (name === "object" ? attribs.data : name === "embed" || name === "iframe" ? attribs.src : undefined);
      const document = embedded === undefined ? undefined : dataDocument(embedded);
      if (document !== undefined) keep(sink, "an attribute no reader sees", document);
      const box = name === "svg" ? svgBox(attribs) : undefined;
      stack.push({ name, hidden, size, shown, ...(color !== undefined ? { color } : {}), ...(ground !== undefined ? { ground } : {}), ...(box !== undefined ? { box } : {}) });
      if (hidden && hiddenDepth++ === 0) hiddenFrom = parser.startIndex;
      sink.visible.push("\n");
      part(name);
    },
    ontext(text) {
      // A script's or a style sheet's text is code no reader sees, and it can carry data (JSON-LD, a variable).
      const inner = stack[stack.length - 1]?.name ?? "";
      if (hiddenDepth > 0) keep(sink, inner === "script" || inner === "style" ? "a script or style sheet" : "a hidden element", text);
      else sink.visible.push(text);
      if (hiddenDepth === 0) seen.push(text);
      if (inner !== "script" && inner !== "style") whole.push(text);
    },
    onclosetag(name) {
      const closed = stack.pop();
      if (name === "select") select = undefined;
      if (closed?.hidden === true && --hiddenDepth === 0) sink.cut?.push([hiddenFrom, parser.endIndex + 1]);
      if (closed !== undefined && closed.shown.length > 0 && hiddenDepth === 0) {
        sink.visible.push(` (${closed.shown.join("; ")})`);
        sink.shown?.push([parser.endIndex + 1, ` (${closed.shown.join("; ")})`]);
      }
      sink.visible.push("\n");
      part(name);
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
  if (seen.length === whole.length && seen.every((t, i) => t === whole[i])) return;
  const shownWords = digitWords(seen.join(""));
  const joined = [...digitWords(whole.join(""))].filter((w) => !shownWords.has(w)).slice(0, MaxJoined);
  if (joined.length > 0) keep(sink, "a hidden element", joined.join(" "));
}

const ZeroWidth = "\\u200b-\\u200d\\u2060\\ufeff";
const zeroWidthWrapped = new RegExp(`[${ZeroWidth}]([^${ZeroWidth}\\n]*\\s[^${ZeroWidth}\\n]*)[${ZeroWidth}]`, "gu");
const tagRun = /[\u{e0000}-\u{e007f}]+/gu;
const referenceDefinition = /^ {0,3}\[([^\]\n]{1,200})\]:[ \t]*(\S+)(.*)$/gm;
const mailHeader = /^(?:from|to|subject|date|reply-to|return-path|received|message-id|mime-version|content-type|cc|sender):/im;

/** Where a mail's body starts (after its header block), or 0 when the text does not start with a mail's headers. */
function mailBodyStart(text: string): number {
  const headerEnd = text.search(/\r?\n\r?\n/);
  return headerEnd > 0 && mailHeader.test(text.slice(0, headerEnd)) ? headerEnd : 0;
}

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
  const headerEnd = mailBodyStart(text);
  if (headerEnd > 0) {
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
 * text the model is given of a page: what the page hides is not handed over as if it were the page's text, and what a
 * reader sees of its attributes (a tooltip, a field's value) is written after its element. `hidden`: the parts left
 * out. Never throws: a page that cannot be read is returned as it is (the converter reads it as it would have).
 */
export function htmlWithoutHidden(html: string): { html: string; leftOut: boolean; hidden: HiddenPart[] } {
  try {
    const sink: Sink = { visible: [], hidden: [], cut: [], shown: [] };
    const text = withoutPlainHidden(html.slice(0, 4 * MaxChars), sink) + html.slice(4 * MaxChars);
    if (!looksHtml.test(text)) return { html: text, leftOut: sink.hidden.length > 0, hidden: sink.hidden };
    splitHtml(text, sink);
    const escape = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const edits = [...(sink.cut ?? []).map(([from, to]) => ({ from, to, put: " " })), ...(sink.shown ?? []).map(([at, put]) => ({ from: at, to: at, put: escape(put) }))].sort((x, y) => x.from - y.from);
    let out = "";
    let at = 0;
    for (const { from, to, put } of edits) {
      if (from < at) continue;
      out += `${text.slice(at, from)}${put}`;
      at = to;
    }
    return { html: out + text.slice(at), leftOut: sink.hidden.length > 0, hidden: sink.hidden };
  } catch {
    return { html, leftOut: false, hidden: [] };
  }
}

/** A text split into its visible text and its hidden parts (see the header). */
export function splitHidden(raw: string): TextParts {
  const sink: Sink = { visible: [], hidden: [] };
  try {
    let text = raw.slice(0, MaxChars);
    const leftOut = text.includes(LeftOutNote);
    text = text.split(LeftOutNote).join("");
    const digests = new Set<string>();
    text = text.replace(digestsLine, (_, list: string) => {
      for (const d of list.trim().split(/\s+/).slice(0, MaxDigests)) if (d !== "") digests.add(d);
      return "";
    });
    text = withoutPlainHidden(text, sink);
    if (looksHtml.test(text)) splitHtml(text, sink);
    else sink.visible.push(text);
    return { visible: sink.visible.join("").replace(/\n{3,}/g, "\n\n"), hidden: sink.hidden, leftOut, digests };
  } catch {
    // INVARIANT: a text that could not be read shows its reader nothing the gate can rely on (fail closed).
    return { visible: "", hidden: [{ form: "a hidden element", text: raw.slice(0, MaxChars) }], leftOut: false, digests: new Set() };
  }
}

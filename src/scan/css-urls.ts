/**
 * What a style sheet may load, read as a browser reads it: CSS Syntax Level 3 tokens (`@csstools/css-tokenizer`), so
 * escapes (`\68 ttp:`, `\75rl(`, `@\69mport`), comments and every spelling of a URL come out decoded — a URL token
 * (`url(…)` however its name is escaped) and every string (`@import "…"`, `src("…")`, `image-set("…" 1x)`). Strings
 * that are not URLs are dropped later by the caller's URL reading; a string that holds an absolute URL counts, whatever
 * function or property holds it, since the list of properties that load is not ours to close.
 *
 * `data:` URLs are opened too (`dataUrlBody`): a `data:text/css,…` sheet or an SVG image loads what it holds in turn.
 */
import { tokenize, TokenType } from "@csstools/css-tokenizer";

/** Targets in a style sheet (a `<style>` body, a `style=""` attribute, a .css file), decoded; never throws. */
export function cssTargets(css: string): string[] {
  const targets: string[] = [];
  let tokens;
  try {
    tokens = tokenize({ css }, { onParseError: () => undefined });
  } catch {
    return targets;
  }
  for (const token of tokens) {
    const type = token[0];
    if (type === TokenType.URL || type === TokenType.String) {
      const data = token[4] as { value: string };
      targets.push(data.value.trim());
    }
  }
  return targets;
}

/** How deep `data:` URLs are opened inside each other, and how much of each is read. */
export const MaxDataDepth = 4;
const MaxDataBytes = 1024 * 1024;

/**
 * The media type and decoded text of a `data:` URL (percent-decoded, or base64), or undefined for any other target.
 * A body past the read limit is cut there; what is cut is not read (the caller treats the URL as composed).
 */
export function dataUrlBody(target: string): { type: string; text: string; cut: boolean } | undefined {
  const text = target.replace(/[\t\n\r]/g, "").trim();
  if (!/^data:/i.test(text)) return undefined;
  const comma = text.indexOf(",");
  if (comma < 0) return undefined;
  const meta = text.slice(5, comma).toLowerCase();
  const body = text.slice(comma + 1);
  const params = meta.split(";").map((p) => p.trim());
  const type = params[0] === "" || params[0] === undefined ? "text/plain" : params[0];
  let bytes: Buffer;
  if (params.includes("base64")) bytes = Buffer.from(percentDecode(body).toString("latin1").replace(/\s+/g, ""), "base64");
  else bytes = percentDecode(body);
  const cut = bytes.length > MaxDataBytes;
  return { type, text: bytes.subarray(0, MaxDataBytes).toString("utf8"), cut };
}

/** Percent-decoding as the data: URL reader does it: `%XX` is a byte, a stray `%` stays. */
function percentDecode(text: string): Buffer {
  const raw = Buffer.from(text, "utf8");
  const out = Buffer.alloc(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i] ?? 0;
    if (byte === 0x25 && i + 2 < raw.length && /^[0-9a-f]{2}$/i.test(raw.subarray(i + 1, i + 3).toString("latin1"))) {
      out[n++] = Number.parseInt(raw.subarray(i + 1, i + 3).toString("latin1"), 16);
      i += 2;
    } else out[n++] = byte;
  }
  return out.subarray(0, n);
}

/** Media types whose body is only pixels or glyphs: nothing in them is fetched. */
export function inertMedia(type: string): boolean {
  return /^(?:image\/(?:png|jpe?g|gif|webp|avif|bmp|x-icon|vnd\.microsoft\.icon)|font\/|application\/(?:font-|x-font-)|audio\/|video\/)/.test(type);
}

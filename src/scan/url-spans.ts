/**
 * URL-looking spans in plain text, found the way a chat client's link-ifier would find them rather than the
 * way CommonMark does: any `scheme://…` (also `HTTP://`, `hxxp://`), protocol-relative `//host/…`, e-mail
 * addresses, and bare domains (`attacker.example.net/x?d=1`, `www.x.org`, `a.b.example.net`). Used on text,
 * code and raw HTML by the Markdown link rewriter. Never throws; linear in the input.
 *
 * A bare `name.tld` with nothing after it (`notes.txt`, `example.com`) is not a span: it cannot carry data
 * except in its name. With three or more labels (`c2VjcmV0.attacker.net`) it can, so it is a span.
 */

/**
 * What stands for a load Warden cannot see into: a `data:` URL nested deeper, or longer, than it reads. Like a formula's
 * computed URL, it is never "the same as before" and never a URL anyone gave.
 */
export const UnreadData = "a data: URL nested past what Warden reads";

export type UrlSpan = { start: number; end: number; url: string };

// One pass finds the three starts; what follows is scanned by hand (no backtracking on long inputs).
const starts = new RegExp(
  [
    String.raw`(?<![\p{L}\p{N}+.\-])[a-z][a-z0-9+.\-]{0,31}:\/\/`, // scheme://
    String.raw`(?<![\p{L}\p{N}:/])\/\/(?=[\p{L}\p{N}\[])`, // //host
    String.raw`(?<![\p{L}\p{N}_.%+@/\\\-])[\p{L}\p{N}_%+\-]+(?:[.\u3002\uff0e\uff61][\p{L}\p{N}_\-]+)*`, // host or e-mail local part
  ].join("|"),
  "giu",
);
const hostToken = /[\p{L}\p{N}_\-]+(?:[.\u3002\uff0e\uff61][\p{L}\p{N}_\-]+)+/uy;
const dots = /[.\u3002\uff0e\uff61]/u;
const terminator = /[\s\p{Z}\p{Cc}<>"`]/u;
const trailing = new Set([".", ",", ":", ";", "!", "?", "'", '"', "*", "_", "~"]);
const closers: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** Every URL-looking span of `text`, in order, not overlapping. */
export function findUrlSpans(text: string): UrlSpan[] {
  const spans = scanSpans(text);
  const more = tokenSpans(text, spans);
  if (more.length === 0) return spans;
  // A token read whole replaces what the hand scan found inside it.
  const kept = spans.filter((s) => !more.some((t) => s.start < t.end && t.start < s.end));
  return [...kept, ...more].sort((a, b) => a.start - b.start);
}

/** The scan by hand: `scheme://…`, `//host…`, e-mail addresses and bare domains, spelled in ASCII punctuation. */
function scanSpans(text: string): UrlSpan[] {
  const spans: UrlSpan[] = [];
  starts.lastIndex = 0;
  for (let m = starts.exec(text); m !== null; m = starts.exec(text)) {
    const start = m.index;
    const matched = m[0];
    let end: number | undefined;
    if (matched.endsWith("//")) {
      end = trimEnd(text, start + matched.length, scanToTerminator(text, start + matched.length));
      if (end <= start + matched.length) end = undefined;
    } else {
      end = bareEnd(text, start, matched);
    }
    if (end === undefined) continue;
    spans.push({ start, end, url: text.slice(start, end) });
    starts.lastIndex = Math.max(end, start + 1);
  }
  return spans;
}

// A whitespace-delimited token, and the cheap test for one the hand scan may have misread: it has a colon or a
// backslash, starts with a slash, or changes under compatibility folding (fullwidth letters, a fullwidth colon).
const token = /[^\s\p{Z}\p{Cc}<>"`]+/gu;
const suspicious = /[:\\\uff1a\uff3c\uff0f]|^[/\uff0f]|[^\x00-\x7f]/u;

/**
 * Tokens the hand scan found nothing in, or whose compatibility forms it does not read (`ｈｔｔｐｓ：／／a．b／c`:
 * it sees only `a．b`), read the way a client and the WHATWG parser read them (see `clientUrl`). A token that reads
 * as a link is one span, whole (less trailing punctuation).
 */
function tokenSpans(text: string, taken: readonly UrlSpan[]): UrlSpan[] {
  const out: UrlSpan[] = [];
  let next = 0;
  token.lastIndex = 0;
  for (let m = token.exec(text); m !== null; m = token.exec(text)) {
    const start = m.index;
    const end = trimEnd(text, start, start + m[0].length);
    while (next < taken.length && (taken[next]?.end ?? 0) <= start) next++;
    const overlaps = next < taken.length && (taken[next]?.start ?? Infinity) < end;
    if (end <= start || !suspicious.test(m[0])) continue;
    const url = text.slice(start, end);
    if (overlaps && url.normalize("NFKC") === url) continue;
    if (clientUrl(url) !== undefined) out.push({ start, end, url });
  }
  return out;
}

const hasScheme = /^[a-z][a-z0-9+.-]*:/i;

const parse = (input: string, base?: string): URL | undefined => {
  try {
    return new URL(input, base);
  } catch {
    return undefined;
  }
};

/**
 * The URL a client would open for `raw`, read as leniently as the most lenient reader: compatibility forms folded
 * first (NFKC: `ｈｔｔｐ：／／` is `http://`), then the WHATWG parser, which takes `http:/host`, `http:\\host` and
 * `https:\\host\p` as http(s) URLs to `host`; a scheme-relative or UNC name (`//host/x`, `\\host\share`) as
 * a link to `host`; and behind any scheme-like prefix that names no host (`htp:/`, `mailto:`, `x:`), a bare domain
 * (`attacker.example/c?d=1`) as a link on its own. Undefined when nothing in it names a host. Never throws.
 */
export function clientUrl(raw: string): URL | undefined {
  const folded = raw.normalize("NFKC").trim();
  // Without a base, the WHATWG parser fails unless the input (less leading C0 controls and spaces, and every tab
  // and line break, which it drops) starts with a scheme and a colon: tested first, since most tokens this sees
  // (`key:value`, `a::b`) are not links and a parse that throws costs ~20 µs.
  const absolute = hasScheme.test(folded.replace(/^[\x00-\x20]+/, "").replace(/[\t\n\r]/g, "")) ? parse(folded) : undefined;
  if (absolute !== undefined && absolute.hostname !== "") return absolute;
  if (/^[\\/]{2}/.test(folded)) {
    const relative = parse(folded, "https://base.invalid/");
    if (relative !== undefined && relative.hostname !== "" && relative.hostname !== "base.invalid") return relative;
  }
  const rest = folded.replace(/^[^:/\\]{0,32}:/, "").replace(/^[\\/]+/, "");
  if (rest === folded || rest === "") return undefined;
  const bare = scanSpans(rest)[0];
  if (bare?.start !== 0) return undefined;
  return /^[a-z][a-z0-9+.-]*:/i.test(bare.url) ? parse(bare.url) : parse(`http://${bare.url}`);
}

/** Where a bare host (or e-mail address) starting at `start` ends, or undefined when it does not look like a URL. */
function bareEnd(text: string, start: number, token: string): number | undefined {
  let hostStart = start;
  let host = token;
  let afterHost = start + token.length;
  let email = false;
  if (text[afterHost] === "@") {
    hostToken.lastIndex = afterHost + 1;
    const h = hostToken.exec(text);
    if (h === null) return undefined;
    hostStart = afterHost + 1;
    host = h[0];
    afterHost = hostStart + host.length;
    email = true;
  }
  const labels = host.split(dots);
  if (labels.length < 2) return undefined;
  const tld = labels.at(-1) ?? "";
  const ipv4 = labels.length === 4 && labels.every((l) => /^\d{1,3}$/.test(l));
  // A top-level label is letters, or its ASCII form (`xn--p1ai` is `рф`): clients link both.
  if (!ipv4 && !/^\p{L}{2,63}$/u.test(tld) && !/^xn--[a-z0-9-]{1,59}$/i.test(tld)) return undefined;
  if (!email && labels.slice(0, -1).some((l) => /[%+]/.test(l))) return undefined;
  let end = afterHost;
  const next = text[afterHost];
  if (next === "/" || next === "?" || next === "#" || (next === ":" && /^:\d{1,5}[/?#]/.test(text.slice(afterHost, afterHost + 7)))) {
    end = trimEnd(text, afterHost, scanToTerminator(text, afterHost));
  }
  if (end > afterHost || email || ipv4 || labels.length >= 3 || /^www$/i.test(labels[0] ?? "")) return end;
  return undefined;
}

function scanToTerminator(text: string, from: number): number {
  let i = from;
  while (i < text.length && !terminator.test(text[i] ?? " ")) i++;
  return i;
}

/** Drops trailing punctuation and unbalanced closing brackets, as GFM and chat clients do. */
function trimEnd(text: string, from: number, to: number): number {
  let end = to;
  for (;;) {
    const c = text[end - 1] ?? "";
    if (end <= from) return end;
    if (trailing.has(c)) {
      end--;
      continue;
    }
    const opener = closers[c];
    if (opener !== undefined) {
      const span = text.slice(from, end);
      if (count(span, c) > count(span, opener)) {
        end--;
        continue;
      }
    }
    return end;
  }
}

function count(s: string, c: string): number {
  let n = 0;
  for (let i = s.indexOf(c); i !== -1; i = s.indexOf(c, i + 1)) n++;
  return n;
}

/**
 * The host a client would reach through `url`, read as a chat client reads it: absolute URLs through the WHATWG
 * parser, `//host/x` as `https://host/x`, a bare `host/x` or `user@host` as `http://…`. Undefined when there is no
 * host (`mailto:`, `javascript:`, `data:`, a relative path) or it does not parse.
 */
export function linkHost(url: string): string | undefined {
  const trimmed = url.normalize("NFKC").trim();
  const read = clientUrl(trimmed)?.hostname;
  if (read !== undefined && read !== "") return read;
  const candidates = /^[a-z][a-z0-9+.-]*:/i.test(trimmed)
    ? [trimmed]
    : trimmed.startsWith("//")
      ? [`https:${trimmed}`]
      : findUrlSpans(trimmed)[0]?.start === 0
        ? [`http://${trimmed}`]
        : [];
  for (const candidate of candidates) {
    try {
      const host = new URL(candidate).hostname;
      if (host !== "") return host;
    } catch {
      // not a URL a client could load: no host
    }
  }
  const mail = /^(?:mailto:)?[^@\s/]+@([^@\s/?#]+)$/i.exec(trimmed);
  return mail?.[1]?.toLowerCase();
}

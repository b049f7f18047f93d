/**
 * URL-looking spans in plain text, found the way a chat client's link-ifier would find them rather than the
 * way CommonMark does: any `scheme://…` (also `HTTP://`, `hxxp://`), protocol-relative `//host/…`, e-mail
 * addresses, and bare domains (`attacker.example.net/x?d=1`, `www.x.org`, `a.b.example.net`). Used on text,
 * code and raw HTML by the Markdown link rewriter. Never throws; linear in the input.
 *
 * A bare `name.tld` with nothing after it (`notes.txt`, `example.com`) is not a span: it cannot carry data
 * except in its name. With three or more labels (`c2VjcmV0.attacker.net`) it can, so it is a span.
 */

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
  if (!ipv4 && !/^\p{L}{2,63}$/u.test(tld)) return undefined;
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
  const trimmed = url.trim();
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

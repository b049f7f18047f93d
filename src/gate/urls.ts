/**
 * URLs as values: finding the URLs a text offers and putting each in one canonical form (the WHATWG parser's),
 * so "the owner typed this URL" and "this URL was on the page" are compared as URLs, not as strings.
 */

// Candidates only: every candidate is then parsed by the WHATWG parser, which decides what it is.
const candidate = /\b(?:https?:)?\/\/[^\s<>"'`\])}]+|\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s<>"'`\])}]*/gi;
const bareDomain = /(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?::\d{1,5})?(?:\/[^\s<>"'`\])}]*)?/gi;

/**
 * The canonical form of a URL (http/https only), or undefined. Trailing sentence punctuation is not part of a URL
 * found in text (see `canonicalRequestUrl` for the URL a tool requests). The
 * `#fragment` stays: a request never sends it, but where a browser opens the URL (a link, an embed) the page's script
 * reads it, so `knownUrl` compares with or without it.
 */
export function canonicalLink(raw: string): string | undefined {
  return canonicalForm(raw.trim().replace(/[.,;:!?]+$/, ""));
}

/**
 * The canonical form of the URL a tool requests, taken whole: `…/status;;;;` is not the owner's `…/status` (how many
 * `;` follow is a choice), whatever a sentence's end would be.
 */
export function canonicalRequestUrl(raw: string): string | undefined {
  return canonicalForm(raw.trim());
}

function canonicalForm(trimmed: string): string | undefined {
  let text = trimmed;
  if (text.startsWith("//")) text = `https:${text}`;
  else if (/^www\./i.test(text)) text = `https://${text}`;
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    // An empty fragment (`page#`) carries nothing: `hash` reads "" for it, and setting "" drops the `#`.
    if (url.hash === "") url.hash = "";
    return url.href;
  } catch {
    return undefined;
  }
}

export function withoutFragment(canonical: string): string {
  const at = canonical.indexOf("#");
  return at === -1 ? canonical : canonical.slice(0, at);
}

/**
 * Whether `url` (canonical, as `canonicalLink` gives it) is one of `known` (canonical links): as a request, the
 * resource is the same whatever the fragments; as a link a browser opens, a fragment must be exactly one given.
 */
export function knownUrl(known: readonly string[], url: string, opened: boolean): boolean {
  const bare = withoutFragment(url);
  if (opened && bare !== url) return known.includes(url);
  return known.some((k) => k === bare || withoutFragment(k) === bare);
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, "");
  } catch {
    return undefined;
  }
}

/**
 * Every URL a text offers, canonical with its fragment (`canonicalLink`). With `bare`, also bare domains
 * (`example.com/page`) as http and https.
 */
export function urlsIn(text: string, options: { bare?: boolean } = {}): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(candidate)) {
    const c = canonicalLink(m[0]);
    if (c) out.add(c);
  }
  if (options.bare) {
    for (const m of text.matchAll(bareDomain)) {
      for (const scheme of ["https://", "http://"]) {
        const c = canonicalLink(`${scheme}${m[0]}`);
        if (c) out.add(c);
      }
    }
  }
  return [...out];
}

/**
 * The URLs a text offers with their places (`start`..`end`), canonical (`canonicalLink`); a link's target in Markdown or
 * HTML too. With `bare`, also bare domains (`login-check.example/verify`, as https) outside those URLs.
 */
export function urlPlaces(text: string, options: { bare?: boolean } = {}): { url: string; start: number; end: number }[] {
  const out: { url: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(candidate)) {
    const url = canonicalLink(m[0]);
    if (url) out.push({ url, start: m.index, end: m.index + m[0].replace(/[.,;:!?]+$/, "").length });
  }
  if (options.bare) {
    const urls = [...out];
    for (const m of text.matchAll(bareDomain)) {
      const end = m.index + m[0].replace(/[.,;:!?]+$/, "").length;
      if (urls.some((u) => u.start <= m.index && m.index < u.end)) continue;
      const url = canonicalLink(`https://${m[0]}`);
      if (url) out.push({ url, start: m.index, end });
    }
  }
  return out;
}

/** Hosts a text names, as URLs or bare domains. */
export function hostsNamedIn(text: string): string[] {
  const hosts = new Set<string>();
  for (const u of urlsIn(text, { bare: true })) {
    const h = hostOf(u);
    if (h) hosts.add(h);
  }
  return [...hosts];
}

/**
 * Shows URLs without making them links (`hxxp`-style defanging): for texts sent to a chat that would link-ify or
 * preview them, such as approval prompts quoting the URL they ask about.
 */
export function defangUrls(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*):\/\//gi, "$1[:]//")
    .replace(/(?<![@\w-])((?:[a-z0-9-]+\.)+[a-z]{2,24})(?=[:/?#\s)\]]|$)/gi, (host: string) => host.replace(/\./g, "[.]"));
}

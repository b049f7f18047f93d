/**
 * Argument provenance: where a consequential argument (a URL, a recipient, a message text, a job prompt) could
 * have come from. The rule is positional, not pattern-matching: a value is the owner's if the owner typed it in
 * this session; a URL found verbatim in untrusted content that entered before any private data cannot carry that
 * data (it existed before the data did); anything else was composed in a context the owner does not control.
 */
import type { FlowState } from "./types.ts";
import { canonicalUrl, hostOf } from "./urls.ts";

export type ArgProvenance =
  | { kind: "owner" }
  /** Built from the owner's parts: a URL the owner typed, extended only with words the owner typed. */
  | { kind: "owner-parts"; base: string }
  | { kind: "content"; from: string; fromHost?: string }
  | { kind: "derived" };

export function urlProvenance(url: string, flow: FlowState): ArgProvenance {
  const canonical = canonicalUrl(url);
  if (canonical === undefined) return { kind: "derived" };
  if (flow.ownerUrls.includes(canonical)) return { kind: "owner" };
  const base = ownerBase(canonical, flow);
  if (base !== undefined) return { kind: "owner-parts", base };
  const found = flow.contentUrls.find((c) => c.url === canonical);
  return found ? { kind: "content", from: found.from, ...(found.fromHost ? { fromHost: found.fromHost } : {}) } : { kind: "derived" };
}

/**
 * The owner's URL this one extends, if every part it adds is a word the owner typed: the same origin, a path that
 * continues the owner's (extra segments typed by the owner), the owner's query values kept, and any added query
 * value typed by the owner. `https://api.example/weather` + "Paris" → `https://api.example/weather?city=Paris`.
 * An argument taken from untrusted content (an IBAN on a bill, an item on a page) is not the owner's.
 */
function ownerBase(candidate: string, flow: FlowState): string | undefined {
  const url = new URL(candidate);
  const typed = (value: string) => value.length > 0 && flow.ownerTexts.some((t) => wordIn(t, value));
  for (const raw of flow.ownerUrls) {
    const owner = new URL(raw);
    if (owner.origin !== url.origin) continue;
    const ownerPath = owner.pathname.replace(/\/+$/, "");
    if (url.pathname !== ownerPath && url.pathname !== `${ownerPath}/` && !url.pathname.startsWith(`${ownerPath}/`)) continue;
    const extra = url.pathname.slice(ownerPath.length).split("/").filter((seg) => seg.length > 0);
    if (!extra.every((seg) => typed(safeDecode(seg)))) continue;
    let ok = true;
    for (const [k, v] of owner.searchParams) if (url.searchParams.get(k) !== v) ok = false;
    for (const [k, v] of url.searchParams) if (!owner.searchParams.has(k) && !typed(v)) ok = false;
    if (ok) return raw;
  }
  return undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function wordIn(text: string, value: string): boolean {
  return new RegExp(`(?<![\\w-])${escapeRegExp(value)}(?![\\w-])`, "i").test(text);
}

/**
 * A redirect hop is chosen by the server that answered the previous request: it can carry no more of the session's
 * data than that request did, and its host was chosen by that server, never by the owner.
 */
export function hopProvenance(from: string, flow: FlowState): ArgProvenance {
  const parent = urlProvenance(from, flow);
  if (parent.kind === "derived") return parent;
  const host = hostOf(from);
  return { kind: "content", from: `a redirect from ${from}`, ...(host ? { fromHost: host } : {}) };
}

/** Whether a URL existed in the context before any secret entered it (so it cannot encode one). */
export function predatesSecrets(url: string, flow: FlowState): boolean {
  const canonical = canonicalUrl(url);
  return canonical !== undefined && (flow.ownerUrls.includes(canonical) || flow.preSecretUrls.includes(canonical));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The owner named this recipient (as a whole word) in their own messages of this session. */
export function recipientNamedByOwner(to: string, flow: FlowState): boolean {
  const needle = to.trim().replace(/^@/, "");
  if (needle.length === 0) return false;
  const word = new RegExp(`(?<![\\w@.+-])@?${escapeRegExp(needle)}(?![\\w-]|\\.\\w)`, "i");
  return flow.ownerTexts.some((t) => word.test(t));
}

/** The owner typed this text (the whole of it) in their own messages of this session. */
export function textTypedByOwner(text: string, flow: FlowState): boolean {
  const needle = text.trim().toLowerCase();
  if (needle.length === 0) return true;
  return flow.ownerTexts.some((t) => t.toLowerCase().includes(needle));
}

/**
 * Which links and images a reply may keep, from the few labels of its context that decide it (`LinkFlow`): a plain,
 * cloneable value, so the judging can run in a worker thread (link-filter-pool.ts) as well as here.
 */
import type { FlowState } from "../gate/types.ts";
import { canonicalLink, knownUrl } from "../gate/urls.ts";
import type { LinkKind, LinkVerdict } from "../scan/markdown-links.ts";
import { linkHost } from "../scan/url-spans.ts";

/** The labels `judgeLink` reads; nothing else of the flow state (no secrets, no private data) is needed. */
export type LinkFlow = Pick<FlowState, "tainted" | "secretRead" | "promptSecret" | "ownerUrls" | "ownerHosts" | "contentUrls" | "sectionUrls" | "fileUrls">;

/** Only the fields `judgeLink` reads, with content URLs cut to their URL: what crosses to a worker thread. */
export function linkFlowOf(flow: LinkFlow): LinkFlow {
  return {
    tainted: flow.tainted,
    secretRead: flow.secretRead,
    ...(flow.promptSecret !== undefined ? { promptSecret: flow.promptSecret } : {}),
    ownerUrls: flow.ownerUrls,
    ownerHosts: flow.ownerHosts,
    contentUrls: flow.contentUrls.map((c) => ({ url: c.url, from: "" })),
    ...(flow.sectionUrls !== undefined ? { sectionUrls: flow.sectionUrls } : {}),
    fileUrls: flow.fileUrls,
  };
}

/**
 * Links and images in an untrusted context — or in any context holding a secret — survive only if they cannot
 * carry the session's data.
 */
export function judgeLink(flow: LinkFlow, url: string, kind: LinkKind): LinkVerdict {
  // An image loads by itself when the reply is shown: one the model composed is a request nobody clicked, carrying
  // whatever its URL holds (the owner's words included). Only images the owner or the content gave survive.
  if (refusesOnlyLoads(flow) && kind !== "image" && kind !== "html") return { keep: true };
  // Read as a client reads it: compatibility forms folded (`ｈｔｔｐ://` is `http://`).
  const trimmed = url.normalize("NFKC").trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  // Only http(s) can reach a host; any other scheme (javascript:, data:, …) is removed.
  if (scheme !== undefined && scheme !== "http" && scheme !== "https") return { keep: false };
  // A relative link (`#usage`, `docs/a.md`) names no host: it cannot carry anything anywhere.
  if (linkHost(trimmed) === undefined) return scheme === undefined && !trimmed.startsWith("//") ? { keep: true } : { keep: false };
  const forms = scheme !== undefined ? [trimmed] : trimmed.startsWith("//") ? [`https:${trimmed}`] : [`https://${trimmed}`, `http://${trimmed}`];
  // With the fragment: the opened page's script reads it (`location.hash`, `#:~:text=`), so it must be one given too.
  const canonicals = forms.map(canonicalLink).filter((c): c is string => c !== undefined);
  if (canonicals.length === 0) return { keep: false };
  const any = (list: readonly string[]) => canonicals.some((c) => knownUrl(list, c, true));
  if (any(flow.ownerUrls) || any(flow.contentUrls.map((c) => c.url)) || (kind !== "image" && kind !== "html" && any(flow.sectionUrls ?? []))) return { keep: true };
  // In a clean context holding a secret (the owner's own, or the system prompt's), a composed link to a host the
  // owner named is the owner's errand; to any other host it could carry the secret to whoever runs it.
  const host = linkHost(trimmed)?.toLowerCase();
  if (!flow.tainted && kind !== "image" && kind !== "html" && host !== undefined && flow.ownerHosts.includes(host)) return { keep: true };
  // A link copied from a file that existed before this session carries nothing of the session; it is clicked, not loaded.
  return kind !== "image" && kind !== "html" && any(flow.fileUrls) ? { keep: true } : { keep: false };
}

/**
 * Whether `judgeLink` can refuse only what loads by itself (images, raw HTML): a context that is clean and holds no
 * secret. Then a reply with no `<` (every HTML node and autolink starts with one) and no `![` (every image, inline
 * or by reference) holds nothing it can refuse, and is not parsed: parsing a 100 KB reply costs 60-900 ms.
 */
export function refusesOnlyLoads(flow: Pick<LinkFlow, "tainted" | "secretRead" | "promptSecret">): boolean {
  return !flow.tainted && !flow.secretRead && flow.promptSecret !== true;
}

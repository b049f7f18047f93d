/**
 * The choice channel over the links the owner gave. A URL the owner typed (or handed over in a forward, or wrote in
 * their own bookmarks file) carries nothing of the context in its bytes, but once the context holds private data and
 * untrusted content, *which* of those links the model opens, whether, how often and in what order is a choice the
 * links' hosts observe: two links and six fetches spell a digit, four subdomains two bits in their DNS lookups, an
 * "anything changed?" per turn one bit. So, while the context holds both, an owner's link is the owner's errand only
 * as the owner's request fixed it (`flow.owner_link_choice` asks otherwise):
 *  - nothing private was read that the owner did not ask for: a file nobody named, read after untrusted content, is
 *    the injection's doing, and every choice after it may encode what it read;
 *  - each link once per turn (an owner's message, or a job's run): the second fetch, and the third, is a count;
 *  - the links of one owner message in the order the owner typed them: a link opens only after those typed before it
 *    in that message did, in this turn, so the fetches are always a prefix of the owner's list;
 *  - a link of the owner's own file (a bookmark) when this turn's message names it, or in the file's order.
 * What is left (docs/security.md, "Owner-link choice"): where the prefix stops (whether the model goes on to the next
 * link, or a fetch fails), about log2(n + 1) bits per owner turn for n links the owner typed in one message.
 */
import { unaskedPrivateData } from "./flow-tracker.ts";
import type { FlowState } from "./types.ts";
import { FileExtensions } from "./write-values.ts";
import { canonicalRequestUrl, hostOf, urlPlaces, urlsIn, withoutFragment } from "./urls.ts";

/** The key a fetched URL is remembered by for this turn (`FlowState.fetchedThisTurn`): canonical, without a fragment. */
export function fetchKey(url: string): string | undefined {
  const canonical = canonicalRequestUrl(url);
  return canonical === undefined ? undefined : withoutFragment(canonical);
}

/**
 * Why opening `url`, a link of the owner's (`typed`: in the owner's own words; otherwise a link of the owner's files
 * or a forward they handed over), is the model's choice rather than the owner's request; undefined when it is the
 * owner's request as they made it, or the context holds no private data beside untrusted content.
 */
export function ownerLinkChoice(url: string, flow: FlowState, typed: boolean): string | undefined {
  if (!flow.tainted || flow.confidentiality === "public") return undefined;
  const key = fetchKey(url);
  if (key === undefined) return "the URL does not parse";
  const host = hostOf(url) ?? "its host";
  // Read by the model: a message delivered to the session (a contact's, one the owner forwarded or quoted) is no choice
  // of its (labels.ts `describeProvenance`).
  const unasked = unaskedPrivateData(flow).filter((d) => !/^(?:a message from |a forwarded message \(|quoted text \()/.test(d.label));
  if (unasked.length > 0) {
    const what = [...new Set(unasked.map((d) => (d.label.startsWith("file:") ? d.label.slice("file:".length) : d.label)))].slice(0, 3).join(", ");
    return `the model read ${what} without your asking, in a context holding untrusted content (${flow.sources.slice(0, 2).join(", ")}): whether it opens \`${url}\` now, which of your links, how often and in what order could spell that data out to \`${host}\``;
  }
  const fetched = flow.fetchedThisTurn ?? [];
  if (fetched.some((f) => sameLink(f, key))) {
    return `\`${url}\` was opened already in this turn, and the context holds private data${flow.privateFrom ? ` (${flow.privateFrom})` : ""} beside untrusted content: how many times it is opened is the model's choice, and could spell that data out to \`${host}\``;
  }
  if (!typed) return fileLinkChoice(url, key, flow, fetched);
  const before = linksTypedBefore(key, flow);
  const skipped = before.filter((u) => !fetched.some((f) => sameLink(f, u)));
  if (skipped.length > 0) {
    return `you listed \`${skipped[0] ?? ""}\` before \`${url}\` and it was not opened yet in this turn, and the context holds private data${flow.privateFrom ? ` (${flow.privateFrom})` : ""} beside untrusted content: which of your links the model opens, and in what order, could spell that data out to \`${host}\``;
  }
  return undefined;
}

/**
 * The links the owner typed before `key` in the message that gave it (bare domains too, as typed), in the order typed:
 * this turn's message when it holds it, else the latest earlier one that does. Empty when no message of the owner's
 * holds it (a link of a forward).
 */
function linksTypedBefore(key: string, flow: FlowState): string[] {
  // A bare domain counts when it stands alone, the owner named its host as a place to go, and it is no file name
  // (`notes.txt`, `private/notes.txt`).
  const typedAsLink = (u: { url: string; start: number }, text: string) => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text.slice(u.start))) return true;
    const host = hostOf(u.url) ?? "";
    return !/[/\\~.@:]$/.test(text.slice(0, u.start)) && flow.ownerHosts.includes(host) && !FileExtensions.has(host.slice(host.lastIndexOf(".") + 1));
  };
  const linksOf = (text: string) => [...new Set(urlPlaces(text, { bare: true }).filter((u) => typedAsLink(u, text)).sort((a, b) => a.start - b.start).map((u) => withoutFragment(u.url)))];
  const holds = (text: string) => linksOf(text).some((u) => sameLink(u, key));
  const message = flow.turnText !== undefined && holds(flow.turnText) ? flow.turnText : flow.ownerTexts.findLast(holds);
  if (message === undefined) return [];
  const links = linksOf(message);
  const at = links.findIndex((u) => sameLink(u, key));
  return at <= 0 ? [] : links.slice(0, at);
}

/**
 * A link of the owner's own file (a bookmark) is the owner's errand when this turn's message names it (its host, or a
 * word of its line in the file: "open my trains bookmark"), or it is the file's next link in the file's order (the
 * fetches of a file's links nobody named are a prefix of its list). Links of the forwards the owner handed over are
 * bounded once per turn only (a handful, see flow-tracker.ts `MaxHandedLinks`).
 */
function fileLinkChoice(url: string, key: string, flow: FlowState, fetched: readonly string[]): string | undefined {
  const linksOf = (text: string) => [...new Set(urlsIn(text).map(withoutFragment))];
  const file = (flow.ownerFileBytes ?? []).find((f) => linksOf(f.content).some((u) => sameLink(u, key)));
  if (file === undefined) return undefined;
  const said = (flow.turnText ?? "").toLowerCase();
  const host = (hostOf(url) ?? "").replace(/^www\./, "");
  if (host !== "" && said.includes(host)) return undefined;
  const line = file.content.split("\n").find((l) => linksOf(l).some((u) => sameLink(u, key))) ?? "";
  const saidWords = new Set(said.split(/[^\p{L}\p{N}]+/u));
  const labels = line.replace(/\S*:\/\/\S*/g, " ").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 || /[^\p{Script=Latin}\p{N}]/u.test(w));
  if (labels.some((w) => saidWords.has(w) || (/[^\p{Script=Latin}\p{N}]/u.test(w) && w.length >= 2 && said.includes(w)))) return undefined;
  const links = linksOf(file.content);
  const before = links.slice(0, Math.max(0, links.findIndex((u) => sameLink(u, key))));
  const skipped = before.find((u) => !fetched.some((f) => sameLink(f, u)));
  if (skipped === undefined) return undefined;
  return `\`${url}\` is a link of ${file.path} your message did not name, and \`${skipped}\`, listed before it, was not opened in this turn; with private data${flow.privateFrom ? ` (${flow.privateFrom})` : ""} beside untrusted content, which of your file's links the model opens could spell that data out to \`${host}\``;
}

/** The same link but for `http`/`https` (a bare domain the owner typed opens as either). */
function sameLink(a: string, b: string): boolean {
  const bare = (u: string) => u.replace(/^https?:/i, "");
  return bare(a) === bare(b);
}

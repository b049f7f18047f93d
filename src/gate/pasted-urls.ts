/**
 * The URLs a text carries that the owner gave only inside pasted material (owner-message.ts: a quote, a code block,
 * the lines after a lead-in, a pasted mail), never in their own sentences. In a file that runs later a URL is where
 * code comes from (`requests @ https://…`, `git+https://…`, `curl … | sh`): pasted release notes or a blog post are
 * someone else's words, and which of their URLs becomes a source of code is then the model's pick, not the owner's
 * (the owner asked for "what these notes recommend"). Pure; must not throw.
 */
import { materialAt, ownerMessage, type MaterialSpan } from "./owner-message.ts";
import type { FlowState } from "./types.ts";

const MaxUrls = 32;
const urlToken = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s"'<>`)\]]+/giu;

/** Each URL of `text` the owner typed only inside material, with where ("the text after your lead-in line"). */
export function urlsOnlyPasted(text: string, flow: Pick<FlowState, "ownerTexts">): { url: string; where: string }[] {
  const out: { url: string; where: string }[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(urlToken)) {
    const url = m[0].replace(/[.,;:!?]+$/u, "");
    if (seen.has(url) || seen.size >= MaxUrls) continue;
    seen.add(url);
    let pasted: MaterialSpan | undefined;
    let own = false;
    for (const t of flow.ownerTexts) {
      for (let at = t.indexOf(url); at !== -1 && !own; at = t.indexOf(url, at + 1)) {
        const span = materialAt(ownerMessage(t), at, at + url.length);
        if (span === undefined) own = true;
        else pasted ??= span;
      }
      if (own) break;
    }
    if (!own && pasted !== undefined) out.push({ url, where: pasted.where });
  }
  return out;
}

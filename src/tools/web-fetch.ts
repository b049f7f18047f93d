/** `web_fetch`: GET through the SSRF guard; the page comes back as text and is labelled external. */
import { z } from "zod";
import type { SafeFetch, ExemptEndpoint } from "../net/index.ts";
import { decideUrlText } from "../net/index.ts";
import { defineTool, whole, type GatedTool } from "./gated-tool.ts";
import { urlDetail } from "../approvals/approval-detail.ts";

const args = z.strictObject({ url: z.string().min(1).max(8192) });

export function createWebFetchTool(deps: { fetch: SafeFetch; exempt?: readonly ExemptEndpoint[]; allowHosts?: readonly string[] }): GatedTool {
  return defineTool({
    name: "web_fetch",
    description: "Fetch a public http(s) URL with GET and return its readable text.",
    schema: args,
    effects: ["fetch"],
    // INVARIANT: the URL's text alone. A host name is looked up by `run` (the fetch), after the gate allowed the
    // call and the owner approved it if asked: a lookup is itself a message to whoever serves the name.
    async assess({ url }) {
      const base = decideUrlText(url, { exempt: deps.exempt, allowHosts: deps.allowHosts });
      const host = base.url === undefined ? "" : base.url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
      return { facts: { tool: "web_fetch", url, host, base }, summary: `fetch ${whole(url)}`, binding: { tool: "web_fetch", url }, detail: async () => urlDetail(url) };
    },
    async run({ url }, context) {
      const authorize = context.authorizeRedirect;
      // INVARIANT: each redirect hop is a new request decided by the gate, data-flow rules included.
      const r = await deps.fetch.fetchText(url, {
        beforeRedirect: async (from, to) => {
          if (!authorize) return { id: "fetch.redirect_unchecked", message: "redirects are not followed without the gate" };
          const verdict = await authorize(from, to);
          return verdict.ok ? undefined : { id: "fetch.redirect_refused", message: verdict.message };
        },
      });
      // A refusal is labelled by where its words come from, not by the code path: it can quote a redirect target,
      // a host name and what its lookup answered, a media type or a reason phrase — all chosen by the servers this
      // fetch reached (or asked), so it is external content as much as a page is.
      if (!r.ok) return { content: `Refused: ${r.reason.message} (${r.reason.id})`, isError: true, source: `external:${r.redirects.at(-1) ?? url}` };
      const header = `HTTP ${r.status} ${r.contentType}${r.redirects.length > 0 ? ` (redirected to ${r.finalUrl})` : ""}${r.truncated ? " [truncated]" : ""}`;
      return { content: `${header}\n\n${r.text}`, isError: r.status >= 400, source: `external:${r.finalUrl}` };
    },
  });
}

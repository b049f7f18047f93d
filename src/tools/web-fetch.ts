/** `web_fetch`: GET through the SSRF guard; the page comes back as text and is labelled external. */
import { z } from "zod";
import type { SafeFetch, ResolveHost, ExemptEndpoint } from "../net/index.ts";
import { decideUrl } from "../net/index.ts";
import { deny } from "../core/decision.ts";
import { clip, defineTool, type GatedTool } from "./gated-tool.ts";

const args = z.strictObject({ url: z.string().min(1).max(8192) });

export function createWebFetchTool(deps: { fetch: SafeFetch; resolve: ResolveHost; exempt?: readonly ExemptEndpoint[]; allowHosts?: readonly string[] }): GatedTool {
  return defineTool({
    name: "web_fetch",
    description: "Fetch a public http(s) URL with GET and return its readable text.",
    schema: args,
    effects: ["fetch"],
    async assess({ url }) {
      const base = await decideUrl(url, { resolve: deps.resolve }, { exempt: deps.exempt, allowHosts: deps.allowHosts });
      let host = "";
      try {
        host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, "");
      } catch {
        return { facts: { tool: "web_fetch", url, host: "", base: deny("medium", { id: "url.invalid", message: `\`${clip(url, 80)}\` is not a URL` }) }, summary: `fetch ${clip(url)}`, binding: { tool: "web_fetch", url } };
      }
      return { facts: { tool: "web_fetch", url, host, base }, summary: `fetch ${clip(url, 4000)}`, binding: { tool: "web_fetch", url } };
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
      if (!r.ok) return { content: `Refused: ${r.reason.message} (${r.reason.id})`, isError: true, source: "system" };
      const header = `HTTP ${r.status} ${r.contentType}${r.redirects.length > 0 ? ` (redirected to ${r.finalUrl})` : ""}${r.truncated ? " [truncated]" : ""}`;
      return { content: `${header}\n\n${r.text}`, isError: r.status >= 400, source: `external:${r.finalUrl}` };
    },
  });
}

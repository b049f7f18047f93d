/**
 * A `fetch` for clients that speak their own protocol over HTTP (an MCP streamable HTTP transport): every request's
 * URL is decided by the SSRF policy on the resolved addresses and the connection is pinned to a checked address,
 * as web_fetch's are. Redirects are refused (a service that moves is re-configured by its owner), and response
 * bodies stream through (the caller caps what it keeps).
 */
import { isIP } from "node:net";
import type { Agent } from "undici";
import { createPinnedAgent } from "./safe-fetch.ts";
import { decideUrl, type ExemptEndpoint, type ResolveHost } from "./url-policy.ts";

export type GuardedFetch = ((input: string | URL, init?: RequestInit) => Promise<Response>) & { close(): Promise<void> };

export function createGuardedFetch(options: { resolve: ResolveHost; exempt?: readonly ExemptEndpoint[]; timeoutMs: number }): GuardedFetch {
  const agents = new Map<string, Agent>();
  const policy = options.exempt === undefined ? {} : { exempt: options.exempt };
  const guarded = async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const href = typeof input === "string" ? input : input.href;
    const decision = await decideUrl(href, { resolve: options.resolve }, policy);
    if (decision.decision !== "allow" || decision.url === undefined || decision.addresses.length === 0) {
      const reason = decision.reasons[0];
      throw new Error(`refused by the network policy: ${reason ? `${reason.message} [${reason.id}]` : "the URL was refused"}`);
    }
    const undici = await import("undici");
    const host = decision.url.hostname.startsWith("[") ? decision.url.hostname.slice(1, -1) : decision.url.hostname;
    const key = `${decision.addresses.join(",")}|${host}`;
    let agent = agents.get(key);
    if (agent === undefined) {
      agent = createPinnedAgent(undici, decision.addresses, isIP(host) === 0 ? host : undefined, options.timeoutMs, undefined);
      agents.set(key, agent);
    }
    const response = await undici.fetch(decision.url.href, { ...(init as object), redirect: "manual", dispatcher: agent } as Parameters<typeof undici.fetch>[1]);
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`\`${decision.url.origin}\` answered with a redirect; Warden does not follow redirects of a connected service`);
    }
    return response as unknown as Response;
  };
  return Object.assign(guarded, {
    async close() {
      const all = [...agents.values()];
      agents.clear();
      await Promise.all(all.map((a) => a.destroy().catch(() => undefined)));
    },
  });
}

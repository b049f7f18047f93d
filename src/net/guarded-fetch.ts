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

/**
 * Servers that answer in this process, by origin (`http://127.0.0.4:40123`): the red-team runner's MCP fixture
 * peers. A request the policy allowed to one of these origins is handed to its handler instead of a socket; the
 * policy decides every request the same way either way, and the redirect rule applies to the answer.
 */
export type InProcessServers = ReadonlyMap<string, (request: Request) => Promise<Response>>;

export function createGuardedFetch(options: { resolve: ResolveHost; exempt?: readonly ExemptEndpoint[]; timeoutMs: number; inProcess?: InProcessServers }): GuardedFetch {
  const agents = new Map<string, Agent>();
  const policy = options.exempt === undefined ? {} : { exempt: options.exempt };
  /** A connection pinned to the decided addresses (one agent per address set and host name, kept until `close`). */
  const overTheNetwork = async (url: URL, addresses: readonly string[], init: RequestInit | undefined): Promise<Response> => {
    const undici = await import("undici");
    const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
    const key = `${addresses.join(",")}|${host}`;
    let agent = agents.get(key);
    if (agent === undefined) {
      agent = createPinnedAgent(undici, [...addresses], isIP(host) === 0 ? host : undefined, options.timeoutMs, undefined);
      agents.set(key, agent);
    }
    return (await undici.fetch(url.href, { ...(init as object), redirect: "manual", dispatcher: agent } as Parameters<typeof undici.fetch>[1])) as unknown as Response;
  };
  const guarded = async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const href = typeof input === "string" ? input : input.href;
    const decision = await decideUrl(href, { resolve: options.resolve }, policy);
    if (decision.decision !== "allow" || decision.url === undefined || decision.addresses.length === 0) {
      const reason = decision.reasons[0];
      throw new Error(`refused by the network policy: ${reason ? `${reason.message} [${reason.id}]` : "the URL was refused"}`);
    }
    const local = options.inProcess?.get(decision.url.origin);
    const response = local !== undefined ? await local(new Request(decision.url.href, { ...init, redirect: "manual" })) : await overTheNetwork(decision.url, decision.addresses, init);
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`\`${decision.url.origin}\` answered with a redirect; Warden does not follow redirects of a connected service`);
    }
    return response;
  };
  return Object.assign(guarded, {
    async close() {
      const all = [...agents.values()];
      agents.clear();
      await Promise.all(all.map((a) => a.destroy().catch(() => undefined)));
    },
  });
}

import { lookup as dnsLookup } from "node:dns/promises";
import type { ResolveHost } from "./url-policy.ts";

type LookupAll = (hostname: string, options: { all: true; verbatim: true }) => Promise<Array<{ address: string; family: number }>>;

/**
 * The default resolver for web_fetch and `warden security check url`: the system resolver, every address.
 * Must not return a partial list on error: it throws, and the URL check turns that into a deny.
 */
export function createSystemResolver(lookup: LookupAll = dnsLookup): ResolveHost {
  return async (hostname) => {
    const results = await lookup(hostname, { all: true, verbatim: true });
    return results.map((r) => r.address);
  };
}

/**
 * A resolver for tests that answers the way public DNS answers for the corpus's rebinding and wildcard
 * names (nip.io/xip.io embed the address; the others are published records pointing at internal space),
 * plus test names mapped to loopback. Unknown names fail like NXDOMAIN. No network traffic.
 */
import type { ResolveHost } from "../../src/net/url-policy.ts";

const published: Record<string, string[]> = {
  "localtest.me": ["127.0.0.1"],
  "mail.ebc.apple.com": ["127.0.0.6"],
  "metadata.nicob.net": ["169.254.169.254"],
  "spoofed.burpcollaborator.net": ["127.0.0.1"],
  "1ynrnhl.xip.io": ["169.254.169.254"],
  "www.owasp.org.1ynrnhl.xip.io": ["169.254.169.254"],
};

export function createFakeDns(extra: Record<string, string[]> = {}): ResolveHost & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<string[]> => {
    calls.push(hostname);
    const name = hostname.toLowerCase();
    const known = extra[name] ?? published[name];
    if (known !== undefined) return known;
    // nip.io / xip.io style: the last dotted quad inside the name.
    const embedded = /(?:^|\.)(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})\.(?:xip\.io|nip\.io)$/.exec(name);
    if (embedded?.[1] !== undefined) return [embedded[1]];
    // rebind.network: "A.<ip>.1time.<ip>.1time.repeat…" answers with the first address, then the second.
    const rebind = /^a\.(\d+\.\d+\.\d+\.\d+)\.1time\.(\d+\.\d+\.\d+\.\d+)\.1time\..*\.rebind\.network$/.exec(name);
    if (rebind?.[1] !== undefined && rebind[2] !== undefined) return calls.filter((c) => c === hostname).length === 1 ? [rebind[1]] : [rebind[2]];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  };
  return Object.assign(resolve, { calls });
}

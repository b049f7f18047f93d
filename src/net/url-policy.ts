/**
 * The web_fetch URL decision: WHATWG parsing, http(s) only, no credentials in the URL, an optional host
 * allowlist, then the host resolved and every address checked. The addresses it returns are the only ones a
 * connection for this URL may use (the fetch pins them; it never looks the name up again).
 */
import { isIP } from "node:net";
import { allow, deny, type Decision, type Reason } from "../core/decision.ts";
import { describeError } from "../core/errors.ts";
import { classifyAddress } from "./address-policy.ts";

/** Resolves a host name to IP addresses. Must return every address the name has, or throw. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/** An exact address and port that is treated as public (the red-team runner's loopback "web" servers). */
export type ExemptEndpoint = { address: string; port: number };

export type UrlPolicyOptions = {
  /** When set, only these hosts (exact, or `*.example.com` for subdomains) may be fetched; empty means none. */
  allowHosts?: readonly string[];
  exempt?: readonly ExemptEndpoint[];
};

export type UrlDecision = Decision & {
  /** The checked addresses, canonical; empty unless allowed. */
  addresses: string[];
  /** The normalized URL and the port a connection uses, when the URL parsed. */
  url?: URL;
  port?: number;
};

const denyRisk = "high";

// Names that must never be resolved at all: the resolver could be anything (hosts file, split DNS).
const loopbackNames = new Set(["localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"]);
const metadataNames = new Set([
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "metadata.azure.com",
  "instance-data",
  "instance-data.ec2.internal",
]);

function refuse(reason: Reason, url?: URL, port?: number): UrlDecision {
  const risk = reason.id === "url.metadata" ? "critical" : denyRisk;
  const d: UrlDecision = { ...deny(risk, reason), addresses: [] };
  if (url !== undefined) d.url = url;
  if (port !== undefined) d.port = port;
  return d;
}

function effectivePort(url: URL): number {
  if (url.port !== "") return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}

function matchesAllowlist(host: string, allowHosts: readonly string[]): boolean {
  for (const entry of allowHosts) {
    const e = entry.trim().toLowerCase().replace(/\.$/, "");
    if (e === "") continue;
    if (e.startsWith("*.")) {
      if (host.endsWith(e.slice(1)) && host.length > e.length - 1) return true;
    } else if (host === e) {
      return true;
    }
  }
  return false;
}

function isExempt(address: string, port: number, exempt: readonly ExemptEndpoint[]): boolean {
  return exempt.some((e) => e.port === port && classifyAddress(e.address).address === address && address !== "");
}

/**
 * Decides whether web_fetch may fetch `input`. Never throws: a parse error, a resolver failure or an
 * exception inside is a deny. Deny wins: one refused address refuses the whole URL.
 */
export async function decideUrl(input: string, deps: { resolve: ResolveHost }, opts: UrlPolicyOptions = {}): Promise<UrlDecision> {
  try {
    return await decideUrlUnsafe(input, deps, opts);
  } catch (error) {
    return refuse({ id: "url.error", message: `the URL check failed: ${describeError(error)}` });
  }
}

async function decideUrlUnsafe(input: string, deps: { resolve: ResolveHost }, opts: UrlPolicyOptions): Promise<UrlDecision> {
  if (input.includes("\0")) return refuse({ id: "url.invalid", message: "the URL contains a NUL byte" });
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return refuse({ id: "url.invalid", message: `\`${input.slice(0, 200)}\` is not a valid absolute URL` });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return refuse({ id: "url.scheme", message: `scheme \`${url.protocol}\` is not allowed; only http and https can be fetched` }, url);
  }
  const port = effectivePort(url);
  if (url.username !== "" || url.password !== "") {
    return refuse({ id: "url.credentials_in_url", message: "the URL carries a user name or password; remove the credentials" }, url, port);
  }
  const bracketed = url.hostname.startsWith("[");
  const host = (bracketed ? url.hostname.slice(1, -1) : url.hostname).toLowerCase();
  const bare = host.replace(/\.$/, "");
  if (bare === "") return refuse({ id: "url.invalid", message: "the URL has no host" }, url, port);

  if (opts.allowHosts !== undefined && !matchesAllowlist(bare, opts.allowHosts)) {
    return refuse({ id: "url.host_not_allowlisted", message: `host \`${bare}\` is not on the web_fetch allowlist` }, url, port);
  }

  let addresses: string[];
  // INVARIANT: IP literals are checked here, never handed to a resolver or a connect-time lookup hook
  // (Node does not call `lookup` for literals, so a guard that lives only there lets them through).
  if (isIP(host) !== 0) {
    addresses = [host];
  } else {
    if (loopbackNames.has(bare) || bare.endsWith(".localhost")) {
      return refuse({ id: "url.loopback", message: `\`${bare}\` always names this machine (loopback)` }, url, port);
    }
    if (metadataNames.has(bare)) {
      return refuse({ id: "url.metadata", message: `\`${bare}\` is a cloud metadata host name` }, url, port);
    }
    try {
      addresses = await deps.resolve(bare);
    } catch (error) {
      return refuse({ id: "url.resolution_failed", message: `could not resolve \`${bare}\`: ${describeError(error)}` }, url, port);
    }
    if (addresses.length === 0) {
      return refuse({ id: "url.resolution_failed", message: `\`${bare}\` resolved to no address` }, url, port);
    }
  }

  const checked: string[] = [];
  const refusals: Reason[] = [];
  for (const a of addresses) {
    const c = classifyAddress(a);
    if (c.allowed) {
      checked.push(c.address);
    } else if (c.address !== "" && isExempt(c.address, port, opts.exempt ?? [])) {
      checked.push(c.address);
    } else {
      refusals.push(c.reason ?? { id: "url.invalid_address", message: `\`${a}\` is not an allowed address` });
    }
  }
  if (refusals.length > 0) {
    const risk = refusals.some((r) => r.id === "url.metadata") ? "critical" : denyRisk;
    return { ...deny(risk, ...refusals), addresses: [], url, port };
  }
  const shown = isIP(host) !== 0 ? "" : ` (${checked.join(", ")})`;
  return {
    ...allow("low", { id: "url.public", message: `\`${bare}\`${shown} is public` }),
    addresses: checked,
    url,
    port,
  };
}

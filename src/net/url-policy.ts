/**
 * The web_fetch URL decision in two stages: the URL's text (WHATWG parsing, http(s) only, no credentials in the
 * URL, an optional host allowlist, IP literals checked) with no side effect, for the gate; then, once the fetch
 * is allowed, the host resolved and every address checked. The addresses it returns are the only ones a
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
  /** How a refusal names the allowlist (default `the web_fetch allowlist`). */
  allowlistLabel?: string;
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
 * exception inside is a deny. Deny wins: one refused address refuses the whole URL. This resolves the host name:
 * call it only once the fetch itself is allowed (the lookup is a message to the name's DNS servers).
 */
export async function decideUrl(input: string, deps: { resolve: ResolveHost }, opts: UrlPolicyOptions = {}): Promise<UrlDecision> {
  try {
    const text = decideUrlText(input, opts);
    if (text.decision !== "allow" || text.lookup === undefined) return text;
    return await resolveAndCheck(text.lookup, text.url as URL, text.port as number, deps, opts);
  } catch (error) {
    return refuse({ id: "url.error", message: `the URL check failed: ${describeError(error)}` });
  }
}

/** What the URL's text alone decides; a host name still to be looked up is `lookup`. */
export type UrlTextDecision = UrlDecision & {
  /** The host name whose addresses decide, once the fetch is allowed. Absent for IP literals and refusals. */
  lookup?: string;
};

/**
 * The URL decision from its text alone, with no side effect: WHATWG parsing, scheme, credentials, allowlist,
 * names that always mean this machine or a metadata service, and IP literals checked in full. A host name comes
 * back allowed with `lookup` set: its addresses are checked by `decideUrl` when the fetch runs.
 * INVARIANT: nothing here resolves or sends anything. A lookup carries the name to whoever serves its zone, so a
 * model-composed name (`salary-98765.attacker.example`) is data leaving before any gate decided about it.
 * Never throws.
 */
export function decideUrlText(input: string, opts: UrlPolicyOptions = {}): UrlTextDecision {
  try {
    return decideTextUnsafe(input, opts);
  } catch (error) {
    return refuse({ id: "url.error", message: `the URL check failed: ${describeError(error)}` });
  }
}

function decideTextUnsafe(input: string, opts: UrlPolicyOptions): UrlTextDecision {
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
    return refuse({ id: "url.host_not_allowlisted", message: `host \`${bare}\` is not on ${opts.allowlistLabel ?? "the web_fetch allowlist"}` }, url, port);
  }
  // INVARIANT: IP literals are checked here, never handed to a resolver or a connect-time lookup hook
  // (Node does not call `lookup` for literals, so a guard that lives only there lets them through).
  if (isIP(host) !== 0) return checkAddresses([host], host, url, port, opts);
  if (loopbackNames.has(bare) || bare.endsWith(".localhost")) {
    return refuse({ id: "url.loopback", message: `\`${bare}\` always names this machine (loopback)` }, url, port);
  }
  if (metadataNames.has(bare)) {
    return refuse({ id: "url.metadata", message: `\`${bare}\` is a cloud metadata host name` }, url, port);
  }
  return {
    ...allow("low", { id: "url.checked_when_fetched", message: `\`${bare}\` is looked up only when the fetch runs, and refused then unless every address is public` }),
    addresses: [],
    url,
    port,
    lookup: bare,
  };
}

async function resolveAndCheck(bare: string, url: URL, port: number, deps: { resolve: ResolveHost }, opts: UrlPolicyOptions): Promise<UrlDecision> {
  let addresses: string[];
  try {
    addresses = await deps.resolve(bare);
  } catch (error) {
    return refuse({ id: "url.resolution_failed", message: `could not resolve \`${bare}\`: ${describeError(error)}` }, url, port);
  }
  if (addresses.length === 0) {
    return refuse({ id: "url.resolution_failed", message: `\`${bare}\` resolved to no address` }, url, port);
  }
  return checkAddresses(addresses, bare, url, port, opts);
}

/** Every address must be public (or exempt); one refused address refuses the URL. */
function checkAddresses(addresses: readonly string[], host: string, url: URL, port: number, opts: UrlPolicyOptions): UrlDecision {
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
    ...allow("low", { id: "url.public", message: `\`${host}\`${shown} is public` }),
    addresses: checked,
    url,
    port,
  };
}

/**
 * web_fetch's transport. Each hop: the URL decided (resolved once, every address checked), the connection
 * made to a checked address only (the connector replaces the host name with the pinned address and checks
 * the socket's peer after connecting), redirects followed by hand and each one decided again, credentials
 * dropped across origins, size and time capped. undici and the HTML converter are loaded by the first fetch,
 * not at gateway start (about 120 modules a gateway that never fetches does not need).
 */
import { isIP, type Socket } from "node:net";
import tls from "node:tls";
import type { Agent } from "undici";
import { deny, type Decision, type Reason } from "../core/decision.ts";
import { describeError } from "../core/errors.ts";
import { classifyAddress } from "./address-policy.ts";
import { createSystemResolver } from "./resolve-host.ts";
import { decideUrl, type ExemptEndpoint, type ResolveHost, type UrlDecision } from "./url-policy.ts";

export type SafeFetchOptions = {
  /** Default: the system resolver (`dns.lookup`, every address). */
  resolve?: ResolveHost;
  exempt?: readonly ExemptEndpoint[];
  allowHosts?: readonly string[];
  maxRedirects?: number;
  maxBytes?: number;
  timeoutMs?: number;
  userAgent?: string;
  /** Extra certificate authorities (PEM) to trust besides Node's bundled ones, e.g. a corporate CA. */
  ca?: string | readonly string[];
};

export type FetchResult = {
  ok: true;
  status: number;
  finalUrl: string;
  contentType: string;
  text: string;
  truncated: boolean;
  /** Every URL that redirected, in order (not including `finalUrl`). */
  redirects: string[];
  /** The checked addresses the last hop was pinned to (the connection used one of them). */
  addresses: string[];
};

export type FetchFailure = {
  ok: false;
  decision: Decision;
  /** The first reason, for callers that show one line. */
  reason: Reason;
  redirects: string[];
  /** The URL that was refused or failed. */
  url: string;
  status?: number;
};

export type FetchInit = {
  headers?: Record<string, string>;
  /** Decides each redirect hop before it is requested; a reason refuses it. Without it redirects are followed on the SSRF policy alone. */
  beforeRedirect?: (from: string, to: string) => Promise<Reason | undefined>;
};

/** Fetches text. Must never throw and never connect to an address that was not checked. */
export interface SafeFetch {
  fetchText(url: string, init?: FetchInit): Promise<FetchResult | FetchFailure>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
// Headers that identify the user to a site; they never follow a redirect to another origin.
const credentialHeaders = new Set(["authorization", "cookie", "cookie2"]);
// Headers the transport owns; a caller never sets them.
const transportHeaders = new Set(["host", "connection", "keep-alive", "transfer-encoding", "upgrade", "te", "trailer", "content-length"]);

function failure(reason: Reason, url: string, redirects: string[], decision?: Decision, status?: number): FetchFailure {
  const f: FetchFailure = { ok: false, decision: decision ?? deny("medium", reason), reason, redirects: [...redirects], url };
  if (status !== undefined) f.status = status;
  return f;
}

function sanitizeHeaders(headers: Record<string, string>, crossOrigin: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const key = k.toLowerCase();
    if (transportHeaders.has(key)) continue;
    if (crossOrigin && (credentialHeaders.has(key) || key.startsWith("proxy-"))) continue;
    out[key] = v;
  }
  return out;
}

/**
 * A dispatcher whose every connection goes to one of `pinned` and nowhere else: the host name undici would
 * resolve is replaced by the checked address, the name lookup hook refuses outright, and the socket's peer
 * address is verified once connected.
 */
export function createPinnedAgent(undici: typeof import("undici"), pinned: string[], servername: string | undefined, timeoutMs: number, ca: string[] | undefined): Agent {
  const base = undici.buildConnector({
    timeout: timeoutMs,
    ...(ca === undefined ? {} : { ca: [...tls.rootCertificates, ...ca] }),
    lookup: (hostname: string) => {
      throw new Error(`refusing a name lookup for \`${hostname}\` on a pinned connection`);
    },
  });
  return new undici.Agent({
    connect: (opts, callback) => {
      // Tries the checked addresses in the resolver's order; never any other.
      const attempt = (index: number, lastError: Error | null): void => {
        const target = pinned[index];
        if (target === undefined) {
          callback(lastError ?? new Error("no checked address to connect to"), null);
          return;
        }
        base({ ...opts, hostname: target, ...(servername === undefined ? {} : { servername }) }, (err, socket) => {
          if (err !== null) {
            attempt(index + 1, err);
            return;
          }
          const peer = classifyAddress((socket as Socket).remoteAddress ?? "").address;
          if (peer === "" || !pinned.includes(peer)) {
            socket.destroy();
            callback(new Error(`connected to an unchecked address \`${String(socket.remoteAddress)}\``), null);
            return;
          }
          callback(null, socket);
        });
      };
      attempt(0, null);
    },
  });
}

async function readCapped(body: AsyncIterable<Uint8Array> | null, maxBytes: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  if (body !== null) {
    // Leaving the loop early cancels the stream, so a large body is never read past the cap.
    for await (const value of body) {
      if (total + value.length > maxBytes) {
        chunks.push(value.subarray(0, maxBytes - total));
        total = maxBytes;
        truncated = true;
        break;
      }
      chunks.push(value);
      total += value.length;
    }
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { bytes, truncated };
}

export function createSafeFetch(options: SafeFetchOptions): SafeFetch {
  const maxRedirects = options.maxRedirects ?? 5;
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const userAgent = options.userAgent ?? "Warden-web_fetch/0.1";
  const ca = options.ca === undefined ? undefined : typeof options.ca === "string" ? [options.ca] : [...options.ca];
  const resolve = options.resolve ?? createSystemResolver();
  const policy = {
    ...(options.allowHosts === undefined ? {} : { allowHosts: options.allowHosts }),
    ...(options.exempt === undefined ? {} : { exempt: options.exempt }),
  };

  // INVARIANT: an agent is keyed by the exact checked address set and TLS name, so a pooled connection is
  // only ever reused for a request whose fresh decision produced the same addresses.
  const agents = new Map<string, Agent>();
  function pinnedAgent(undici: typeof import("undici"), addresses: string[], servername: string | undefined): Agent {
    const key = `${addresses.join(",")}|${servername ?? ""}`;
    let agent = agents.get(key);
    if (agent === undefined) {
      agent = createPinnedAgent(undici, addresses, servername, timeoutMs, ca);
      agents.set(key, agent);
      if (agents.size > 32) {
        const [oldestKey, oldest] = agents.entries().next().value as [string, Agent];
        agents.delete(oldestKey);
        void oldest.destroy().catch(() => undefined);
      }
    }
    return agent;
  }

  async function close(): Promise<void> {
    const all = [...agents.values()];
    agents.clear();
    await Promise.all(all.map((a) => a.destroy().catch(() => undefined)));
  }

  async function fetchText(input: string, init: FetchInit = {}): Promise<FetchResult | FetchFailure> {
    const redirects: string[] = [];
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    let current = input;
    let firstOrigin: string | undefined;
    // Once a redirect leaves the first origin, credentials are gone for the rest of the chain, even back home.
    let crossedOrigin = false;
    try {
      const undici = await import("undici");
      // Bounded: every pass either returns or records a redirect, and redirects are capped.
      for (;;) {
        const decision: UrlDecision = await decideUrl(current, { resolve }, policy);
        if (decision.decision !== "allow" || decision.url === undefined || decision.addresses.length === 0) {
          const reason = decision.reasons[0] ?? { id: "url.invalid", message: "the URL was refused" };
          return failure(reason, current, redirects, decision);
        }
        const url = decision.url;
        firstOrigin ??= url.origin;
        const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
        crossedOrigin ||= url.origin !== firstOrigin;
        const headers = sanitizeHeaders(init.headers ?? {}, crossedOrigin);
        headers["user-agent"] = userAgent;
        headers["accept"] ??= "text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.9,*/*;q=0.5";
        const agent = pinnedAgent(undici, decision.addresses, isIP(host) === 0 ? host : undefined);
        let response;
        try {
          response = await undici.fetch(url.href, { method: "GET", headers, redirect: "manual", dispatcher: agent, signal: controller.signal });
        } catch (error) {
          const timedOut = controller.signal.aborted;
          const reason: Reason = timedOut
            ? { id: "fetch.timeout", message: `fetching \`${url.href}\` took longer than ${timeoutMs} ms` }
            : { id: "fetch.connection_failed", message: `could not fetch \`${url.href}\`: ${describeError(error instanceof Error && error.cause !== undefined ? error.cause : error)}` };
          return failure(reason, url.href, redirects);
        }
        const location = response.headers.get("location");
        if (redirectStatuses.has(response.status) && location !== null) {
          await response.body?.cancel().catch(() => undefined);
          let next: URL;
          try {
            next = new URL(location, url);
          } catch {
            return failure({ id: "fetch.bad_redirect", message: `\`${url.href}\` redirected to an invalid location` }, url.href, redirects, undefined, response.status);
          }
          redirects.push(url.href);
          if (redirects.length > maxRedirects) {
            return failure({ id: "fetch.too_many_redirects", message: `more than ${maxRedirects} redirects starting at \`${input}\`` }, next.href, redirects);
          }
          if (init.beforeRedirect) {
            const refused = await init.beforeRedirect(url.href, next.href);
            if (refused) return failure(refused, next.href, redirects, undefined, response.status);
          }
          current = next.href;
          continue;
        }
        let body;
        try {
          body = await readCapped(response.body as AsyncIterable<Uint8Array> | null, maxBytes);
        } catch (error) {
          const reason: Reason = controller.signal.aborted
            ? { id: "fetch.timeout", message: `reading \`${url.href}\` took longer than ${timeoutMs} ms` }
            : { id: "fetch.read_failed", message: `reading \`${url.href}\` failed: ${describeError(error)}` };
          return failure(reason, url.href, redirects, undefined, response.status);
        }
        const contentType = response.headers.get("content-type");
        const { bodyToText } = await import("./content-text.ts");
        const converted = bodyToText(body.bytes, contentType, body.truncated, url.href);
        if (converted.kind === "binary") {
          return failure({ id: "fetch.binary_content", message: converted.message }, url.href, redirects, undefined, response.status);
        }
        return {
          ok: true,
          status: response.status,
          finalUrl: url.href,
          contentType: converted.mediaType,
          text: converted.text,
          truncated: body.truncated,
          redirects,
          addresses: decision.addresses,
        };
      }
    } catch (error) {
      return failure({ id: "fetch.error", message: `web_fetch failed: ${describeError(error)}` }, current, redirects);
    } finally {
      clearTimeout(timer);
    }
  }

  return { fetchText, close };
}

/**
 * The egress filter for a sandboxed process: an HTTP proxy (CONNECT for TLS, absolute-form requests for plain HTTP)
 * listening on a unix socket that is bound into the sandbox, which otherwise has no network at all. Each connection
 * is decided on its own by the grant's host allowlist and the SSRF address policy (`decideUrl`: the name resolved
 * here once, every address checked, loopback/private/metadata refused), then made to a checked address only and
 * the peer verified, so a name that rebinds between the check and the connection gains nothing. Every decision is
 * handed to `onDecision` with its reasons. Never throws into the gateway: a bad request gets an HTTP error.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { createServer, request as httpRequest } from "../core/node-http.ts";
import { connect as netConnect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import type { Reason, Verdict } from "../core/decision.ts";
import { describeError } from "../core/errors.ts";
import { classifyAddress } from "./address-policy.ts";
import { decideUrl, type ExemptEndpoint, type ResolveHost } from "./url-policy.ts";

/** One connection's decision, as recorded in the activity log. */
export type EgressDecision = {
  /** `CONNECT` (a TLS tunnel) or the plain HTTP method forwarded. */
  method: string;
  host: string;
  port: number;
  decision: Verdict;
  reasons: Reason[];
  /** The checked addresses the connection was pinned to; empty when refused. */
  addresses: string[];
};

export type EgressProxyOptions = {
  /** The hosts this grant may reach (exact, or `*.example.com` for subdomains); empty means none. */
  allowHosts: readonly string[];
  resolve: ResolveHost;
  /** Loopback endpoints treated as public (the red-team runner's and tests' stand-ins for public hosts). */
  exempt?: readonly ExemptEndpoint[];
  /** Called once per decision; must not throw (what it throws is dropped). */
  onDecision: (decision: EgressDecision) => void;
  connectTimeoutMs?: number;
  /** Open connections beyond this are refused by the listener. */
  maxConnections?: number;
  /** Where the socket's private directory is made; default the system temp directory. */
  dir?: string;
};

/** A running egress proxy. `close` ends every tunnel and removes the socket. */
export type EgressProxy = { socketPath: string; close(): Promise<void> };

// Headers about the hop to the proxy itself; never forwarded.
const hopHeaders = new Set(["connection", "keep-alive", "proxy-connection", "proxy-authorization", "proxy-authenticate", "te", "trailer", "transfer-encoding", "upgrade"]);

/** `host:port` of a CONNECT request, the host as the URL parser normalizes it; undefined when it is not exactly that. */
function parseAuthority(authority: string): { href: string; port: number } | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^\s/?#@[\]:]+):(\d{1,5})$/.exec(authority);
  if (match === null) return undefined;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return undefined;
  return { href: `https://${match[1]}:${port}/`, port };
}

function refusalText(host: string, port: number, reasons: readonly Reason[]): string {
  const why = reasons.map((r) => `${r.message} [${r.id}]`).join("; ") || "refused";
  return `Warden's egress filter refused \`${host}:${port}\`: ${why}\n`;
}

/** Connects to one of `pinned` (in order) and verifies the peer is the address it meant to reach. */
function connectPinned(pinned: readonly string[], port: number, timeoutMs: number): Promise<Socket> {
  const attempt = (index: number, lastError: Error | undefined): Promise<Socket> => {
    const target = pinned[index];
    if (target === undefined) return Promise.reject(lastError ?? new Error("no checked address to connect to"));
    return new Promise<Socket>((resolve, reject) => {
      const socket = netConnect({ host: target, port, timeout: timeoutMs });
      const fail = (error: Error) => {
        socket.destroy();
        reject(error);
      };
      socket.once("timeout", () => fail(new Error(`connecting to \`${target}:${port}\` took longer than ${timeoutMs} ms`)));
      socket.once("error", fail);
      socket.once("connect", () => {
        socket.setTimeout(0);
        socket.removeListener("error", fail);
        const peer = classifyAddress(socket.remoteAddress ?? "").address;
        if (peer === "" || !pinned.includes(peer)) {
          fail(new Error(`connected to an unchecked address \`${String(socket.remoteAddress)}\``));
          return;
        }
        resolve(socket);
      });
    }).catch((error: unknown) => attempt(index + 1, error instanceof Error ? error : new Error(String(error))));
  };
  return attempt(0, undefined);
}

export async function startEgressProxy(options: EgressProxyOptions): Promise<EgressProxy> {
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const policy = { allowHosts: options.allowHosts, allowlistLabel: "the hosts granted to this process", ...(options.exempt ? { exempt: options.exempt } : {}) };
  const open = new Set<Duplex>();
  const track = (s: Duplex) => {
    open.add(s);
    s.once("close", () => open.delete(s));
  };

  const record = (d: EgressDecision) => {
    try {
      options.onDecision(d);
    } catch {
      // the log's failure must not change the connection's fate (already decided)
    }
  };

  /** Decides `href`; records and returns the pinned addresses, or the reasons it was refused. */
  async function decide(method: string, href: string, fallbackHost: string, fallbackPort: number): Promise<{ ok: true; addresses: string[]; host: string; port: number; url: URL } | { ok: false; host: string; port: number; reasons: Reason[] }> {
    const d = await decideUrl(href, { resolve: options.resolve }, policy);
    const host = d.url ? (d.url.hostname.startsWith("[") ? d.url.hostname.slice(1, -1) : d.url.hostname) : fallbackHost;
    const port = d.port ?? fallbackPort;
    const allowed = d.decision === "allow" && d.url !== undefined && d.addresses.length > 0;
    record({ method, host, port, decision: allowed ? "allow" : "deny", reasons: d.reasons, addresses: allowed ? d.addresses : [] });
    if (!allowed || d.url === undefined) return { ok: false, host, port, reasons: d.reasons };
    return { ok: true, addresses: d.addresses, host, port, url: d.url };
  }

  async function onConnect(req: IncomingMessage, client: Duplex, head: Buffer): Promise<void> {
    track(client);
    client.on("error", () => client.destroy());
    const authority = parseAuthority(req.url ?? "");
    if (authority === undefined) {
      const reasons = [{ id: "egress.bad_request", message: `\`${(req.url ?? "").slice(0, 200)}\` is not a host:port to tunnel to` }];
      record({ method: "CONNECT", host: (req.url ?? "").slice(0, 200), port: 0, decision: "deny", reasons, addresses: [] });
      client.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${refusalText(req.url ?? "", 0, reasons)}`);
      return;
    }
    const decided = await decide("CONNECT", authority.href, req.url ?? "", authority.port);
    if (!decided.ok) {
      client.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${refusalText(decided.host, decided.port, decided.reasons)}`);
      return;
    }
    let upstream: Socket;
    try {
      upstream = await connectPinned(decided.addresses, decided.port, connectTimeoutMs);
    } catch (error) {
      client.end(`HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\ncould not connect to \`${decided.host}:${decided.port}\`: ${describeError(error)}\n`);
      return;
    }
    track(upstream);
    if (client.destroyed) {
      upstream.destroy();
      return;
    }
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    if (head.length > 0) upstream.write(head);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? "";
    if (!/^http:\/\//i.test(target)) {
      const reasons = [{ id: "egress.bad_request", message: "only absolute http:// requests are forwarded; use CONNECT for https" }];
      record({ method: req.method ?? "GET", host: target.slice(0, 200), port: 0, decision: "deny", reasons, addresses: [] });
      res.writeHead(400, { "content-type": "text/plain", connection: "close" }).end(refusalText(target.slice(0, 200), 0, reasons));
      return;
    }
    const decided = await decide(req.method ?? "GET", target, target.slice(0, 200), 80);
    if (!decided.ok) {
      res.writeHead(403, { "content-type": "text/plain", connection: "close" }).end(refusalText(decided.host, decided.port, decided.reasons));
      return;
    }
    let socket: Socket;
    try {
      socket = await connectPinned(decided.addresses, decided.port, connectTimeoutMs);
    } catch (error) {
      res.writeHead(502, { "content-type": "text/plain", connection: "close" }).end(`could not connect to \`${decided.host}:${decided.port}\`: ${describeError(error)}\n`);
      return;
    }
    track(socket);
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) if (!hopHeaders.has(name) && value !== undefined) headers[name] = value;
    headers.host = decided.url.host;
    headers.connection = "close";
    // No agent: with `createConnection` alone the request goes over exactly this pinned, verified socket.
    const upstream = httpRequest({ method: req.method, path: `${decided.url.pathname}${decided.url.search}`, headers, createConnection: () => socket });
    upstream.on("response", (answer) => {
      const out: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) if (!hopHeaders.has(name) && value !== undefined) out[name] = value;
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
    });
    upstream.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain", connection: "close" }).end(`the request to \`${decided.host}:${decided.port}\` failed: ${describeError(error)}\n`);
      else res.destroy();
    });
    res.on("close", () => socket.destroy());
    req.pipe(upstream);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain", connection: "close" }).end(`egress proxy error: ${describeError(error)}\n`);
      else res.destroy();
    });
  });
  server.on("connect", (req: IncomingMessage, client: Duplex, head: Buffer) => {
    onConnect(req, client, head).catch(() => client.destroy());
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  server.maxConnections = options.maxConnections ?? 256;

  const dir = mkdtempSync(join(options.dir ?? tmpdir(), "warden-egress-"));
  const socketPath = join(dir, "proxy.sock");
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, () => {
        server.removeListener("error", reject);
        resolve();
      });
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    socketPath,
    close() {
      closing ??= (async () => {
        for (const s of open) s.destroy();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        rmSync(dir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

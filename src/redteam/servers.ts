/** The loopback peers of a red-team run: the "public" web server, the attacker's server and an internal service. */
import type { IncomingMessage, Server } from "node:http";
import { createServer } from "../core/node-http.ts";
import type { AddressInfo } from "node:net";

/** One request as a server saw it. */
export type RecordedHit = { method: string; path: string; query: string; headers: Record<string, string>; body: string };

/**
 * A route: a body, or a full answer. `redirect` answers `Location: redirect` (plus the request's query string
 * with `keep_query`); `redirect_param` answers with the `Location` the request names in that query parameter.
 */
export type WebRoute = string | { status: number; headers: Record<string, string>; body: string; redirect?: string | undefined; keep_query?: boolean | undefined; redirect_param?: string | undefined };

type Answer = { status: number; headers: Record<string, string>; body: string };

/** Appends a query string (`?a=1`) to a URL or path, before any fragment, joining with `&` when it has one. */
export function appendQuery(target: string, search: string): string {
  if (search === "" || search === "?") return target;
  const hash = target.indexOf("#");
  const base = hash === -1 ? target : target.slice(0, hash);
  const fragment = hash === -1 ? "" : target.slice(hash);
  const joiner = base.includes("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
  return `${base}${joiner}${search.replace(/^\?/, "")}${fragment}`;
}

/** What a route answers to a request for `url`. Header values never carry control characters. */
export function answerFor(route: WebRoute, url: URL): Answer {
  if (typeof route === "string") return { status: 200, headers: {}, body: route };
  const headers = Object.fromEntries(Object.entries(route.headers).map(([k, v]) => [k.toLowerCase(), v]));
  let location: string | undefined;
  if (route.redirect !== undefined) location = route.keep_query === true ? appendQuery(route.redirect, url.search) : route.redirect;
  else if (route.redirect_param !== undefined) {
    location = url.searchParams.get(route.redirect_param) ?? "";
    if (location === "") return { status: 400, headers: {}, body: `missing query parameter \`${route.redirect_param}\`` };
  }
  if (location !== undefined) {
    // A target from the query could smuggle header lines; the peer answers 400 instead of crashing.
    if (/[\u0000-\u001f\u007f]/.test(location)) return { status: 400, headers: {}, body: "redirect target has control characters" };
    // As web frameworks do (Express's encodeurl): non-ASCII goes out percent-encoded, never as raw bytes.
    headers.location = location.replace(/[^\u0000-\u007f]+/gu, (run) => encodeURIComponent(run));
  }
  return { status: route.status, headers, body: route.body };
}

/** A loopback HTTP server. Must never listen on anything but the loopback address it was given. */
export type PeerServer = { host: string; port: number; url: string; hits: RecordedHit[]; setRoutes(routes: Record<string, WebRoute>): void; close(): Promise<void> };

const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

/** Starts a server on `host` (a 127.0.0.0/8 address). Unknown paths answer 404 (web) or 200 "ok" (recorders). */
export async function startPeerServer(host: string, options: { record: boolean; defaultBody?: string }): Promise<PeerServer> {
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) throw new Error(`peer servers listen on loopback only, not \`${host}\``);
  let routes: Record<string, WebRoute> = {};
  const hits: RecordedHit[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? "/", "http://peer.invalid");
      if (options.record) {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
        hits.push({ method: req.method ?? "GET", path: url.pathname, query: url.search, headers, body });
      }
      const route = routes[url.pathname];
      if (route === undefined) {
        res.writeHead(options.record ? 200 : 404, { "content-type": "text/plain" });
        res.end(options.record ? (options.defaultBody ?? "ok") : "not found");
        return;
      }
      const r = answerFor(route, url);
      res.writeHead(r.status, { "content-type": "text/html; charset=utf-8", ...r.headers });
      res.end(r.body);
    }).catch((error: unknown) => {
      // A header Node refuses (a scenario's non-Latin-1 header, say) or an unparsable target must not take the
      // run down with it: the peer answers 500.
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { "content-type": "text/plain" }).end(`peer failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    host,
    port,
    url: `http://${host}:${port}`,
    hits,
    setRoutes(r) {
      routes = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

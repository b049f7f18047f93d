/** The loopback peers of a red-team run: the "public" web server, the attacker's server and an internal service. */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as a server saw it. */
export type RecordedHit = { method: string; path: string; query: string; headers: Record<string, string>; body: string };

export type WebRoute = string | { status: number; headers: Record<string, string>; body: string };

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
      const r = typeof route === "string" ? { status: 200, headers: {}, body: route } : route;
      const lower = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v]));
      res.writeHead(r.status, { "content-type": "text/html; charset=utf-8", ...lower });
      res.end(r.body);
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

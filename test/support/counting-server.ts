/** A loopback HTTP server for tests that records every request it receives. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type SeenRequest = { path: string; headers: IncomingHttpHeaders };
export type Route = (res: ServerResponse, path: string) => void;

export type CountingServer = {
  port: number;
  host: string;
  origin: string;
  requests: SeenRequest[];
  routes: Map<string, Route>;
  close(): Promise<void>;
};

export async function startCountingServer(host = "127.0.0.1"): Promise<CountingServer> {
  const requests: SeenRequest[] = [];
  const routes = new Map<string, Route>();
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    requests.push({ path, headers: req.headers });
    const route = routes.get(path.split("?")[0] ?? path);
    if (route === undefined) {
      res.writeHead(200, { "content-type": "text/plain" }).end(`internal secret at ${path}`);
      return;
    }
    route(res, path);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    port,
    host,
    origin: `http://${shown}:${port}`,
    requests,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

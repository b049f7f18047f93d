/**
 * `warden registry serve`: the project's public service, one Hono app: the triage desk (`/security`: the
 * reporting policy and form, the intake API, the reporter's status page and the signed advisory feed) and the
 * skill registry (`/api`, routes.ts) on the same server, limits and logs.
 *
 * Limits: headers within 10 s and a request within 30 s (slowloris), bodies capped per route, an error never
 * answers with internals.
 */
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Hono, type Context } from "hono";
import { createAdaptorServer } from "@hono/node-server";
import { createTriageRoutes } from "../triage/routes.ts";
import type { TriageStore } from "../triage/store.ts";
import { createRegistryRoutes, type RegistryRoutesOptions } from "./routes.ts";
import type { Logger } from "../core/logger.ts";

type Env = { Bindings: { incoming: IncomingMessage } };

export type RegistryServiceOptions = {
  triage: TriageStore;
  /** The signed advisory feed; absent when no feed key is configured. */
  feed?: () => string;
  log: Logger;
  now?: () => number;
  /** The skill registry (`/api`); absent on a triage-only service. */
  registry?: Omit<RegistryRoutesOptions, "clientOf" | "now">;
};

export function createRegistryApp(options: RegistryServiceOptions): Hono<Env> {
  const app = new Hono<Env>();
  app.get("/healthz", (c) => c.json({ ok: true }));
  const clientOf = (c: Context) => (c as unknown as Context<Env>).env.incoming.socket.remoteAddress ?? "unknown";
  app.route("/", createTriageRoutes({ store: options.triage, clientOf, ...(options.feed ? { feed: options.feed } : {}), ...(options.now ? { now: options.now } : {}) }));
  if (options.registry) app.route("/", createRegistryRoutes({ ...options.registry, clientOf, ...(options.now ? { now: options.now } : {}) }));
  app.notFound((c) => c.json({ error: "not_found" }, 404));
  app.onError((error, c) => {
    options.log.warn({ error: error instanceof Error ? error.message : String(error), path: c.req.path }, "registry handler failed");
    return c.json({ error: "internal", message: "Internal error." }, 500);
  });
  return app;
}

export async function startRegistryServer(options: RegistryServiceOptions & { host: string; port: number }): Promise<{ port: number; close(): Promise<void> }> {
  const app = createRegistryApp(options);
  const server = createAdaptorServer({ fetch: app.fetch, serverOptions: { headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1000 } }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

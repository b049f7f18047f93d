/**
 * A Bolt `Receiver` for the Events API over HTTP (node:http): verifies the v0 signature and the timestamp
 * window before parsing anything, answers `url_verification`, drops re-deliveries of an `event_id` it has
 * already seen, and hands valid envelopes to `app.processEvent`. Must never process an unsigned body.
 */
import { createServer } from "../../core/node-http.ts";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { App, Receiver } from "@slack/bolt";
import { describeError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { verifySlackSignature, SlackTimestampToleranceSeconds } from "./verify-signature.ts";
import { SlackEnvelope } from "./normalize-event.ts";
import { readBodyLimited, BodyTooLargeError } from "../../core/read-body.ts";

export type SlackEventReceiverOptions = {
  signingSecret: string;
  clock: () => number;
  /** Refusals are logged with their stable reason id (`{ reason }`). */
  log: Logger;
  path?: string;
  host?: string;
  port?: number;
  bodyLimitBytes?: number;
  /** When set, envelopes for any other workspace are refused. */
  teamId?: string;
  /** How many event ids to remember for replay protection. */
  maxRememberedEvents?: number;
};


function respond(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent || res.writableEnded) return;
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export class SlackEventReceiver implements Receiver {
  #app: App | undefined;
  #server: Server | undefined;
  readonly #options: SlackEventReceiverOptions;
  // INVARIANT: event ids are remembered for longer than the timestamp window, so a replay inside the window
  // is always caught; the map is bounded, oldest first out.
  readonly #seen = new Map<string, number>();

  constructor(options: SlackEventReceiverOptions) {
    this.#options = options;
  }

  init(app: App): void {
    this.#app = app;
  }

  /** The URL Slack should post to, once started. */
  get url(): string | undefined {
    const address = this.#server?.address();
    if (address === null || address === undefined || typeof address === "string") return undefined;
    const host = (address as AddressInfo).family === "IPv6" ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}${this.#options.path ?? "/slack/events"}`;
  }

  async start(): Promise<Server> {
    const server = createServer((req, res) => {
      void this.#handle(req, res).catch((error: unknown) => {
        this.#options.log.error(`slack: request failed: ${describeError(error)}`);
        respond(res, 500);
      });
    });
    server.requestTimeout = 10_000;
    server.headersTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.#options.port ?? 0, this.#options.host ?? "127.0.0.1", () => resolve());
    });
    this.#server = server;
    return server;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #remember(eventId: string, now: number): boolean {
    const windowMs = 2 * SlackTimestampToleranceSeconds * 1000;
    for (const [id, at] of this.#seen) {
      if (now - at <= windowMs) break;
      this.#seen.delete(id);
    }
    if (this.#seen.has(eventId)) return false;
    this.#seen.set(eventId, now);
    const max = this.#options.maxRememberedEvents ?? 50_000;
    while (this.#seen.size > max) {
      const oldest = this.#seen.keys().next().value;
      if (oldest === undefined) break;
      this.#seen.delete(oldest);
    }
    return true;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { log, clock } = this.#options;
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path !== (this.#options.path ?? "/slack/events")) return respond(res, 404);
    if (req.method !== "POST") return respond(res, 405);
    let raw: Buffer;
    try {
      raw = await readBodyLimited(req, this.#options.bodyLimitBytes ?? 1 << 20);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return respond(res, 413);
      throw error;
    }
    const check = verifySlackSignature({
      signingSecret: this.#options.signingSecret,
      timestamp: req.headers["x-slack-request-timestamp"],
      signature: req.headers["x-slack-signature"],
      rawBody: raw,
      nowMs: clock(),
    });
    if (!check.ok) {
      log.warn({ reason: check.reason }, `slack: refused a request: ${check.reason.message}`);
      return respond(res, 401);
    }
    let body: unknown;
    try {
      const type = req.headers["content-type"] ?? "";
      if (!type.startsWith("application/json")) throw new Error("not JSON");
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      log.warn({ reason: { id: "slack.body_invalid", message: "body is not JSON" } }, "slack: refused a signed request whose body is not JSON");
      return respond(res, 400);
    }
    if (typeof body === "object" && body !== null && (body as { type?: unknown }).type === "url_verification") {
      const challenge = (body as { challenge?: unknown }).challenge;
      if (typeof challenge !== "string" || challenge.length > 200) return respond(res, 400);
      return respond(res, 200, { challenge });
    }
    const envelope = SlackEnvelope.safeParse(body);
    if (!envelope.success) {
      log.debug({ reason: { id: "slack.envelope_invalid", message: "not an event_callback" } }, "slack: ignored a signed payload that is not an event envelope");
      return respond(res, 400);
    }
    if (this.#options.teamId !== undefined && envelope.data.team_id !== this.#options.teamId) {
      log.warn({ reason: { id: "slack.team_mismatch", message: "team_id does not match" } }, "slack: refused an event for another workspace");
      return respond(res, 403);
    }
    if (!this.#remember(envelope.data.event_id, clock())) {
      // Slack retries carry the same event_id; so do replays. Acknowledge, never process twice.
      log.info({ reason: { id: "slack.event_repeated", message: "event_id already processed" } }, `slack: ignored a repeated event ${envelope.data.event_id}`);
      return respond(res, 200);
    }
    const app = this.#app;
    if (app === undefined) return respond(res, 503);
    await app.processEvent({
      body: body as Record<string, unknown>, // validated above; passed whole so Bolt sees every field
      ack: async (response?: unknown) => {
        respond(res, 200, typeof response === "object" && response !== null ? response : undefined);
      },
    });
    respond(res, 200);
  }
}

/** The gateway server's settings from config: bind, auth (the token verifier), limits, the WebChat assets. */
import type { WardenConfig } from "../config/schema.ts";
import type { StatePaths } from "../state/home.ts";
import type { Logger } from "../core/logger.ts";
import { startGateway, type AuthEvent, type GatewayHandlers, type RunningGateway } from "../gateway/server.ts";
import { loadWebchatAssets } from "../webchat/assets.ts";
import { createGatewayTokenVerifier } from "./gateway-token.ts";

export function startConfiguredGateway(deps: {
  config: WardenConfig;
  paths: StatePaths;
  envToken: string | undefined;
  gatewayToken: string | undefined;
  handlers: GatewayHandlers;
  clock: () => number;
  monotonic: () => number;
  log: Logger;
  onAuth: (event: AuthEvent) => void;
  overrides?: { port?: number; bind?: string };
}): Promise<RunningGateway> {
  const { config } = deps;
  const o = deps.overrides ?? {};
  return startGateway({
    bind: o.bind ?? config.gateway.bind,
    port: o.port ?? config.gateway.port,
    auth: { mode: config.gateway.auth.mode, token: deps.gatewayToken, password: config.gateway.auth.password, verifyToken: createGatewayTokenVerifier(config, deps.paths, deps.envToken) },
    lockout: config.gateway.auth.rateLimit,
    extraOrigins: config.gateway.allowedOrigins,
    maxFrameBytes: config.gateway.maxFrameBytes,
    preAuthTimeoutMs: config.gateway.preAuthTimeoutMs,
    limits: {
      maxSendBufferBytes: config.gateway.maxSendBufferBytes,
      slowConsumerGraceMs: config.gateway.slowConsumerGraceMs,
      maxConcurrentTurnsPerClient: config.gateway.maxConcurrentTurnsPerClient,
      maxRefusedTurnsPerClient: config.gateway.maxRefusedTurnsPerClient,
      maxConcurrentTurnsPerAddress: config.gateway.maxConcurrentTurnsPerAddress,
      maxConcurrentTurns: config.gateway.maxConcurrentTurns,
      maxQueuedTurns: config.gateway.maxQueuedTurns,
      headersTimeoutMs: config.gateway.headersTimeoutMs,
      requestTimeoutMs: config.gateway.requestTimeoutMs,
    },
    handlers: deps.handlers,
    webchat: loadWebchatAssets(),
    clock: deps.clock,
    monotonic: deps.monotonic,
    log: deps.log.child({ component: "gateway" }),
    onAuth: deps.onAuth,
  });
}

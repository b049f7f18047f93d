/**
 * Wiring in one place: builds the object graph from config, state paths and the environment the CLI read.
 * Nothing below this file reads `process.env`.
 */
import type { DatabaseSync } from "node:sqlite";
import type { Logger } from "pino";
import type { WardenConfig } from "../config/schema.ts";
import type { StatePaths } from "../state/home.ts";
import { ensurePrivateDir } from "../state/home.ts";
import { resolveGatewayToken } from "./gateway-token.ts";
import { openDatabase, type Migration } from "../state/database.ts";
import { createTranscriptStore, transcriptMigrations, type TranscriptStore } from "../sessions/transcripts.ts";
import { resolveClientSession } from "../sessions/session-key.ts";
import { selectProvider, type ProviderChoice } from "../providers/select.ts";
import { createChatService, type ChatService, type TurnPolicy } from "./chat-service.ts";
import { startGateway, type GatewayHandlers, type RunningGateway } from "../gateway/server.ts";
import type { EventFrame } from "../gateway/protocol.ts";
import { loadWebchatAssets } from "../webchat/assets.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";

export type RuntimeEnv = {
  model?: string;
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  anthropicApiKey?: string;
  anthropicBaseUrl?: string;
  gatewayToken?: string;
};

export type RuntimeOptions = {
  paths: StatePaths;
  config: WardenConfig;
  env: RuntimeEnv;
  clock: () => number;
  log: Logger;
  providerRetries?: number;
};

export type Runtime = {
  db: DatabaseSync;
  transcripts: TranscriptStore;
  chat: ChatService;
  provider: ProviderChoice;
  handlers: GatewayHandlers;
  startGateway(overrides?: { port?: number; bind?: string }): Promise<RunningGateway>;
  close(): void;
};

export const allMigrations: readonly Migration[] = [...transcriptMigrations];

/** Until a gate is wired, no tool may run: the default allows nothing. */
const denyAllPolicy: TurnPolicy = () => ({
  tools: [],
  system: "",
  hooks: { beforeToolCall: async () => ({ allow: false, message: "No tool policy is configured; tool calls are refused." }) },
});

export function createRuntime(options: RuntimeOptions, policy: TurnPolicy = denyAllPolicy): Runtime {
  const { config, paths, env, clock, log } = options;
  ensurePrivateDir(paths.home);
  ensurePrivateDir(paths.workspace);
  const db = openDatabase(paths.database, allMigrations);
  const transcripts = createTranscriptStore({ db, clock });
  const provider = selectProvider({
    model: env.model ?? config.agent.model,
    openai: { apiKey: env.openaiApiKey ?? config.providers.openai.apiKey, baseURL: env.openaiBaseUrl ?? config.providers.openai.baseUrl },
    anthropic: { apiKey: env.anthropicApiKey ?? config.providers.anthropic.apiKey, baseURL: env.anthropicBaseUrl ?? config.providers.anthropic.baseUrl },
    timeoutMs: config.providers.timeoutMs,
    maxRetries: options.providerRetries,
  });
  const systemPrompt = config.agent.systemPrompt;
  const chat = createChatService({
    provider: () => provider,
    transcripts,
    policy: (request) => {
      const built = policy(request);
      return { ...built, system: built.system || systemPrompt };
    },
    clock,
    maxSteps: config.agent.maxSteps,
    maxOutputTokens: config.agent.maxOutputTokens,
  });
  const listeners = new Set<(event: EventFrame) => void>();
  const owner = { kind: "owner" as const, id: "gateway:owner", channel: "webchat" };

  const handlers: GatewayHandlers = {
    async chat(params, onDelta, signal) {
      const address = resolveClientSession(config.agent.id, params.session);
      const outcome = await chat.handle({ address, principal: owner, text: params.text, source: "owner", onDelta: (d) => onDelta(address.key, d), signal });
      return { session: outcome.session, reply: outcome.reply, ...(outcome.error ? { error: outcome.error } : {}) };
    },
    async call(method, params) {
      if (method === "chat.history") {
        const address = resolveClientSession(config.agent.id, typeof params.session === "string" ? params.session : undefined);
        return { session: address.key, messages: transcripts.history(address.key) };
      }
      throw new WardenError(ErrorCode.NotFound, `\`${method}\` is not available on this gateway yet`);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return {
    db,
    transcripts,
    chat,
    provider,
    handlers,
    async startGateway(overrides = {}) {
      const token = resolveGatewayToken(config, paths, env.gatewayToken);
      return startGateway({
        bind: overrides.bind ?? config.gateway.bind,
        port: overrides.port ?? config.gateway.port,
        auth: { mode: config.gateway.auth.mode, token, password: config.gateway.auth.password },
        lockout: config.gateway.auth.rateLimit,
        extraOrigins: config.gateway.allowedOrigins,
        maxFrameBytes: config.gateway.maxFrameBytes,
        preAuthTimeoutMs: config.gateway.preAuthTimeoutMs,
        handlers,
        webchat: loadWebchatAssets(),
        clock,
        log: (level, message, data) => log[level](data ?? {}, message),
      });
    },
    close() {
      db.close();
    },
  };
}

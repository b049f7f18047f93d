/** The model provider from config, with the environment's model, keys and base URLs taking precedence. */
import type { WardenConfig } from "../config/schema.ts";
import { selectProvider, type ProviderChoice } from "../providers/select.ts";
import type { RuntimeEnv } from "./runtime-types.ts";

export function providerFromConfig(config: WardenConfig, env: RuntimeEnv, retries?: number, transport?: typeof globalThis.fetch): ProviderChoice {
  const p = config.providers;
  return selectProvider({
    model: env.model ?? config.agent.model,
    openai: { apiKey: env.openaiApiKey ?? p.openai.apiKey, baseURL: env.openaiBaseUrl ?? p.openai.baseUrl },
    anthropic: { apiKey: env.anthropicApiKey ?? p.anthropic.apiKey, baseURL: env.anthropicBaseUrl ?? p.anthropic.baseUrl },
    timeoutMs: p.timeoutMs ?? p.responseTimeoutSeconds * 1000,
    maxRetries: retries ?? p.maxRetries,
    limits: {
      connectMs: p.connectTimeoutSeconds * 1000,
      firstByteMs: p.firstByteTimeoutSeconds * 1000,
      idleMs: p.idleTimeoutSeconds * 1000,
      maxRetryAfterMs: p.maxRetryAfterSeconds * 1000,
    },
    ...(transport ? { fetch: transport } : {}),
  });
}

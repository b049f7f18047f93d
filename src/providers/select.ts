/** Picks the provider from `provider/model` (WARDEN_MODEL or `agent.model`). */
import type { Provider, ProviderEvent, ProviderRequest } from "./types.ts";
import type { OpenAIProviderOptions } from "./openai.ts";
import type { AnthropicProviderOptions } from "./anthropic.ts";
import type { ProviderLimits } from "./call-guard.ts";

/** Loads a provider's SDK on its first call, so start-up does not pay for SDKs it may never use. */
function lazyProvider(id: string, model: string, load: () => Promise<Provider>): Provider {
  let loaded: Promise<Provider> | undefined;
  return {
    id,
    model,
    async *stream(request: ProviderRequest): AsyncGenerator<ProviderEvent, void, void> {
      loaded ??= load();
      const provider = await loaded;
      yield* provider.stream(request);
    },
  };
}

export type ProviderSettings = {
  /** `provider/model`, e.g. `openai/gpt-5-mini`. */
  model: string | undefined;
  openai: { apiKey?: string; baseURL?: string };
  anthropic: { apiKey?: string; baseURL?: string };
  /** Deadline for one whole model answer. */
  timeoutMs: number;
  maxRetries?: number;
  limits?: Partial<Omit<ProviderLimits, "responseMs" | "maxRetries">>;
  /** The SDKs' transport instead of a connection (the red-team runner's in-process scripted model; see `SdkProviderOptions`). */
  fetch?: typeof globalThis.fetch;
};

export type ProviderChoice = { ok: true; provider: Provider } | { ok: false; message: string };

export const modelHelp =
  "No model is configured. Set WARDEN_MODEL=openai/<model> with OPENAI_API_KEY (or OPENAI_BASE_URL for a local " +
  "OpenAI-compatible server such as Ollama, vLLM or llama.cpp), or WARDEN_MODEL=anthropic/<model> with " +
  "ANTHROPIC_API_KEY; or run `warden config set agent.model openai/<model>`.";

export function selectProvider(settings: ProviderSettings): ProviderChoice {
  if (!settings.model) return { ok: false, message: modelHelp };
  const slash = settings.model.indexOf("/");
  const providerId = slash > 0 ? settings.model.slice(0, slash) : "";
  const model = settings.model.slice(slash + 1);
  if (!model) return { ok: false, message: `\`${settings.model}\` names no model; use provider/model, e.g. openai/gpt-5-mini.` };
  if (providerId === "openai") {
    if (!settings.openai.apiKey && !settings.openai.baseURL) {
      return { ok: false, message: "The openai provider needs OPENAI_API_KEY, or OPENAI_BASE_URL for a local server." };
    }
    const options: OpenAIProviderOptions = { model, ...settings.openai, timeoutMs: settings.timeoutMs, maxRetries: settings.maxRetries, limits: settings.limits, ...(settings.fetch ? { fetch: settings.fetch } : {}) };
    return { ok: true, provider: lazyProvider("openai", model, async () => (await import("./openai.ts")).createOpenAIProvider(options)) };
  }
  if (providerId === "anthropic") {
    if (!settings.anthropic.apiKey) return { ok: false, message: "The anthropic provider needs ANTHROPIC_API_KEY." };
    const options: AnthropicProviderOptions = { model, ...settings.anthropic, timeoutMs: settings.timeoutMs, maxRetries: settings.maxRetries, limits: settings.limits, ...(settings.fetch ? { fetch: settings.fetch } : {}) };
    return { ok: true, provider: lazyProvider("anthropic", model, async () => (await import("./anthropic.ts")).createAnthropicProvider(options)) };
  }
  return { ok: false, message: `Unknown provider \`${providerId}\` in \`${settings.model}\`; use openai/<model> or anthropic/<model>.` };
}

/** Picks the provider from `provider/model` (WARDEN_MODEL or `agent.model`). */
import type { Provider } from "./types.ts";
import { createOpenAIProvider } from "./openai.ts";
import { createAnthropicProvider } from "./anthropic.ts";

export type ProviderSettings = {
  /** `provider/model`, e.g. `openai/gpt-5-mini`. */
  model: string | undefined;
  openai: { apiKey?: string; baseURL?: string };
  anthropic: { apiKey?: string; baseURL?: string };
  timeoutMs: number;
  maxRetries?: number;
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
    return { ok: true, provider: createOpenAIProvider({ model, ...settings.openai, timeoutMs: settings.timeoutMs, maxRetries: settings.maxRetries }) };
  }
  if (providerId === "anthropic") {
    if (!settings.anthropic.apiKey) return { ok: false, message: "The anthropic provider needs ANTHROPIC_API_KEY." };
    return { ok: true, provider: createAnthropicProvider({ model, ...settings.anthropic, timeoutMs: settings.timeoutMs, maxRetries: settings.maxRetries }) };
  }
  return { ok: false, message: `Unknown provider \`${providerId}\` in \`${settings.model}\`; use openai/<model> or anthropic/<model>.` };
}

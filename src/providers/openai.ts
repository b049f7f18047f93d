/** OpenAI Chat Completions (and any compatible server: Ollama, vLLM, llama.cpp, OpenRouter) via the official SDK. */
import OpenAI, { APIError, APIConnectionError, APIConnectionTimeoutError } from "openai";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";
import type { ChatMessage, Provider, ProviderEvent, ProviderRequest, ToolCall, Usage, StopReason } from "./types.ts";
import { emptyAssistant } from "./types.ts";
import { failureEvent } from "./errors.ts";
import { classifyFailure, createProviderFetch, describeEndpoint, limitsOf, openWithRetries, sdkErrorFacts, type ErrorFacts, type ProviderFailure, type SdkProviderOptions } from "./call-guard.ts";

export type OpenAIProviderOptions = SdkProviderOptions;

const openaiFacts = (error: unknown): ErrorFacts => sdkErrorFacts(error, { APIError, APIConnectionError, APIConnectionTimeoutError });

function toOpenAIMessages(system: string, messages: readonly ChatMessage[]): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [{ role: "system", content: system }];
  for (const m of messages) {
    if (m.role === "user") out.push({ role: "user", content: m.content });
    else if (m.role === "tool") out.push({ role: "tool", tool_call_id: m.toolCallId, content: m.content });
    else {
      out.push({
        role: "assistant",
        content: m.content || null,
        ...(m.toolCalls.length > 0
          ? { tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: "function" as const, function: { name: c.name, arguments: c.arguments } })) }
          : {}),
      });
    }
  }
  return out;
}

function mapFinish(reason: string | null | undefined, hasTools: boolean): StopReason {
  if (reason === "length") return "length";
  if (reason === "tool_calls" || reason === "function_call" || hasTools) return "tool_use";
  return "stop";
}

export function createOpenAIProvider(options: OpenAIProviderOptions): Provider {
  // Local OpenAI-compatible servers often need no key; the SDK insists on one.
  const apiKey = options.apiKey ?? (options.baseURL ? "not-needed" : undefined);
  const limits = limitsOf(options);
  const transport = options.fetch === undefined ? createProviderFetch(limits) : { fetch: options.fetch };
  // The SDK's retries and timeout stay out of the way: call-guard.ts owns both (see there why).
  const client = new OpenAI({ apiKey, baseURL: options.baseURL, timeout: limits.responseMs + 10_000, maxRetries: 0, fetch: transport.fetch });
  const officialEndpoint = options.baseURL === undefined || new URL(options.baseURL).hostname === "api.openai.com";
  const context = { providerId: "openai", endpoint: describeEndpoint(options.baseURL, "https://api.openai.com/v1"), keyVariable: "OPENAI_API_KEY", limits };
  return {
    id: "openai",
    model: options.model,
    async *stream(request: ProviderRequest): AsyncGenerator<ProviderEvent, void, void> {
      const message = emptyAssistant();
      const usage: Usage = { inputTokens: 0, outputTokens: 0 };
      const partial = new Map<number, ToolCall>();
      let finish: string | null | undefined;
      const fail = (failure: ProviderFailure): ProviderEvent => failureEvent(failure, message, usage, context);
      const tools: ChatCompletionTool[] = request.tools.map((t) => ({
        type: "function",
        function: { name: t.name, description: t.description, parameters: t.parameters },
      }));
      const body = {
        model: options.model,
        messages: toOpenAIMessages(request.system, request.messages),
        stream: true as const,
        stream_options: { include_usage: true },
        ...(tools.length > 0 ? { tools } : {}),
        ...(officialEndpoint ? { max_completion_tokens: request.maxOutputTokens } : { max_tokens: request.maxOutputTokens }),
      };
      const opened = await openWithRetries((signal) => client.chat.completions.create(body, { signal }), openaiFacts, limits, request.signal);
      if (!opened.ok) {
        yield fail(opened.failure);
        return;
      }
      const { value: stream, watch } = opened;
      try {
        for await (const chunk of stream) {
          watch.chunk();
          if (chunk.usage) {
            usage.inputTokens = chunk.usage.prompt_tokens ?? 0;
            usage.outputTokens = chunk.usage.completion_tokens ?? 0;
          }
          const choice = chunk.choices?.[0];
          if (!choice) continue;
          const delta = choice.delta;
          if (delta?.content) {
            message.content += delta.content;
            yield { type: "text", delta: delta.content };
          }
          for (const tc of delta?.tool_calls ?? []) {
            const current = partial.get(tc.index) ?? { id: "", name: "", arguments: "" };
            if (tc.id) current.id = tc.id;
            if (tc.function?.name) current.name += tc.function.name;
            if (tc.function?.arguments) current.arguments += tc.function.arguments;
            partial.set(tc.index, current);
          }
          if (choice.finish_reason) finish = choice.finish_reason;
        }
        // The SDKs end a stream quietly when its signal aborts: a stopped answer must not pass for a finished one.
        if (watch.fired() || request.signal?.aborted) {
          yield fail(classifyFailure({ connection: false, connectionTimeout: false }, watch, request.signal));
          return;
        }
        message.toolCalls = [...partial.entries()].sort((a, b) => a[0] - b[0]).map(([i, c]) => ({ ...c, id: c.id || `call_${i}` }));
        yield { type: "end", message, usage, stopReason: mapFinish(finish, message.toolCalls.length > 0) };
      } catch (error) {
        yield fail(classifyFailure(openaiFacts(error), watch, request.signal));
      } finally {
        watch.dispose();
      }
    },
  };
}

/** Anthropic Messages via the official SDK, streaming with tool use. */
import Anthropic, { APIError, APIConnectionError, APIConnectionTimeoutError } from "@anthropic-ai/sdk";
import type { MessageParam, Tool, ContentBlockParam } from "@anthropic-ai/sdk/resources/messages";
import type { ChatMessage, Provider, ProviderEvent, ProviderRequest, Usage, StopReason } from "./types.ts";
import { emptyAssistant } from "./types.ts";
import { failureEvent } from "./errors.ts";
import { classifyFailure, createProviderFetch, describeEndpoint, limitsOf, openWithRetries, sdkErrorFacts, type ErrorFacts, type ProviderFailure, type SdkProviderOptions } from "./call-guard.ts";

export type AnthropicProviderOptions = SdkProviderOptions;

const anthropicFacts = (error: unknown): ErrorFacts => sdkErrorFacts(error, { APIError, APIConnectionError, APIConnectionTimeoutError });

function toAnthropicMessages(messages: readonly ChatMessage[]): MessageParam[] {
  const out: MessageParam[] = [];
  for (const m of messages) {
    if (m.role === "user") out.push({ role: "user", content: m.content });
    else if (m.role === "assistant") {
      const blocks: ContentBlockParam[] = [];
      if (m.content) blocks.push({ type: "text", text: m.content });
      for (const c of m.toolCalls) {
        let input: unknown = {};
        try {
          input = JSON.parse(c.arguments || "{}");
        } catch {
          input = {};
        }
        blocks.push({ type: "tool_use", id: c.id, name: c.name, input });
      }
      out.push({ role: "assistant", content: blocks.length > 0 ? blocks : [{ type: "text", text: "" }] });
    } else {
      const block: ContentBlockParam = { type: "tool_result", tool_use_id: m.toolCallId, content: m.content, is_error: m.isError };
      const last = out.at(-1);
      // Consecutive tool results travel together in one user message, as the API requires.
      if (last && last.role === "user" && Array.isArray(last.content) && last.content.every((b) => b.type === "tool_result")) {
        last.content.push(block);
      } else {
        out.push({ role: "user", content: [block] });
      }
    }
  }
  return out;
}

function mapStop(reason: string | null | undefined): StopReason {
  if (reason === "tool_use") return "tool_use";
  if (reason === "max_tokens") return "length";
  return "stop";
}

export function createAnthropicProvider(options: AnthropicProviderOptions): Provider {
  const limits = limitsOf(options);
  const transport = options.fetch === undefined ? createProviderFetch(limits) : { fetch: options.fetch };
  // The SDK's retries and timeout stay out of the way: call-guard.ts owns both (see there why).
  const client = new Anthropic({ apiKey: options.apiKey ?? null, baseURL: options.baseURL, timeout: limits.responseMs + 10_000, maxRetries: 0, fetch: transport.fetch });
  const context = { providerId: "anthropic", endpoint: describeEndpoint(options.baseURL, "https://api.anthropic.com"), keyVariable: "ANTHROPIC_API_KEY", limits };
  return {
    id: "anthropic",
    model: options.model,
    async *stream(request: ProviderRequest): AsyncGenerator<ProviderEvent, void, void> {
      const message = emptyAssistant();
      const usage: Usage = { inputTokens: 0, outputTokens: 0 };
      const blocks = new Map<number, { kind: "text" } | { kind: "tool"; id: string; name: string; json: string }>();
      let stop: string | null | undefined;
      const fail = (failure: ProviderFailure): ProviderEvent => failureEvent(failure, message, usage, context);
      const tools: Tool[] = request.tools.map((t) => ({
        name: t.name,
        description: t.description,
        input_schema: t.parameters as Tool["input_schema"],
      }));
      const body = {
        model: options.model,
        system: request.system,
        messages: toAnthropicMessages(request.messages),
        max_tokens: request.maxOutputTokens,
        stream: true as const,
        ...(tools.length > 0 ? { tools } : {}),
      };
      const opened = await openWithRetries((signal) => client.messages.create(body, { signal }), anthropicFacts, limits, request.signal);
      if (!opened.ok) {
        yield fail(opened.failure);
        return;
      }
      const { value: stream, watch } = opened;
      try {
        for await (const event of stream) {
          watch.chunk();
          if (event.type === "message_start") usage.inputTokens = event.message.usage.input_tokens ?? 0;
          else if (event.type === "content_block_start") {
            const b = event.content_block;
            if (b.type === "tool_use") blocks.set(event.index, { kind: "tool", id: b.id, name: b.name, json: "" });
            else blocks.set(event.index, { kind: "text" });
          } else if (event.type === "content_block_delta") {
            const block = blocks.get(event.index);
            if (event.delta.type === "text_delta") {
              message.content += event.delta.text;
              yield { type: "text", delta: event.delta.text };
            } else if (event.delta.type === "input_json_delta" && block?.kind === "tool") {
              block.json += event.delta.partial_json;
            }
          } else if (event.type === "message_delta") {
            stop = event.delta.stop_reason;
            usage.outputTokens = event.usage.output_tokens ?? usage.outputTokens;
          }
        }
        // The SDKs end a stream quietly when its signal aborts: a stopped answer must not pass for a finished one.
        if (watch.fired() || request.signal?.aborted) {
          yield fail(classifyFailure({ connection: false, connectionTimeout: false }, watch, request.signal));
          return;
        }
        for (const [, b] of [...blocks.entries()].sort((a, c) => a[0] - c[0])) {
          if (b.kind === "tool") message.toolCalls.push({ id: b.id, name: b.name, arguments: b.json || "{}" });
        }
        yield { type: "end", message, usage, stopReason: message.toolCalls.length > 0 ? "tool_use" : mapStop(stop) };
      } catch (error) {
        yield fail(classifyFailure(anthropicFacts(error), watch, request.signal));
      } finally {
        watch.dispose();
      }
    },
  };
}

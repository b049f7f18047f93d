/**
 * The provider contract, after pi-mono's: a stream that, once started, never throws. It always ends with
 * one `end` event whose `stopReason` says how (`error` and `aborted` included).
 */
export type ToolCall = { id: string; name: string; /** Raw JSON text as the model produced it. */ arguments: string };

export type UserMessage = { role: "user"; content: string };
export type AssistantMessage = { role: "assistant"; content: string; toolCalls: ToolCall[] };
export type ToolResultMessage = { role: "tool"; toolCallId: string; name: string; content: string; isError: boolean };
export type ChatMessage = UserMessage | AssistantMessage | ToolResultMessage;

export type ToolSpec = { name: string; description: string; parameters: Record<string, unknown> };

export type Usage = { inputTokens: number; outputTokens: number };

export type StopReason = "stop" | "tool_use" | "length" | "error" | "aborted";

export type ProviderRequest = {
  system: string;
  messages: readonly ChatMessage[];
  tools: readonly ToolSpec[];
  maxOutputTokens: number;
  signal?: AbortSignal;
};

export type ProviderEvent =
  | { type: "text"; delta: string }
  | { type: "end"; message: AssistantMessage; usage: Usage; stopReason: StopReason; errorMessage?: string };

/** Must never throw from `stream`, and must never put an API key in an error message. */
export interface Provider {
  readonly id: string;
  readonly model: string;
  stream(request: ProviderRequest): AsyncGenerator<ProviderEvent, void, void>;
}

export function emptyAssistant(content = ""): AssistantMessage {
  return { role: "assistant", content, toolCalls: [] };
}

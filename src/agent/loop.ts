/**
 * The agent loop: provider call, tool calls, results, repeat — bounded in steps, cancellable. It never imports
 * policy code: every tool call goes through the `beforeToolCall` hook, and a tool runs only if the hook allows.
 */
import type { AgentTool, ToolContext, ToolContextExtras, ToolOutput } from "./tool.ts";
import type { Permit } from "../core/permit.ts";
import { ownArg, systemNote, toolSpec } from "./tool.ts";
import type { AssistantMessage, ChatMessage, Provider, StopReason, ToolResultMessage, Usage } from "../providers/types.ts";
import type { Principal, Source } from "../core/types.ts";
import { describeError } from "../core/errors.ts";

/**
 * `answer`: which model answer of the turn asked for the call (0 for the first). The calls of one answer were all
 * composed before any of their results existed.
 */
export type ToolCallRequest = { id: string; name: string; args: unknown; rawArguments: string; answer?: number };

/** An allowed call carries the permit the gate issued for it; the tool refuses to run without it. */
/**
 * A refusal's `message` reaches the model; `source` labels it when it quotes anything but the gate's own words, the
 * call's arguments and the context's labels (a file's state, an error from below). Unlabelled, it counts as Warden's.
 */
export type HookVerdict = { allow: true; permit: Permit } | { allow: false; message: string; source?: Source };
export type ModelVerdict = { allow: true } | { allow: false; message: string };

export type TurnHooks = {
  /** Decides whether a tool call runs. Anything it throws is a refusal. */
  beforeToolCall(call: ToolCallRequest): Promise<HookVerdict>;
  /** Sees (and may rewrite, e.g. wrap as untrusted) every tool output before the model does. */
  afterToolCall?(call: ToolCallRequest, output: ToolOutput): Promise<ToolOutput>;
  /** Runs before every provider call; a refusal ends the turn without calling the provider. */
  beforeModelCall?(): ModelVerdict;
  afterModelCall?(usage: Usage): void;
};

export type ToolCallRecord = { call: ToolCallRequest; allowed: boolean; output: ToolOutput };

export type TurnResult = {
  reply: string;
  newMessages: { message: ChatMessage; source: Source }[];
  usage: Usage;
  stopReason: StopReason | "max_steps" | "refused";
  errorMessage?: string;
  toolCalls: ToolCallRecord[];
};

export type TurnInput = {
  provider: Provider;
  system: string;
  history: readonly ChatMessage[];
  user: { text: string; source: Source };
  /** Items that enter with the user's message and are not the user's own words (quoted or forwarded text). */
  preamble?: readonly { text: string; source: Source }[];
  tools: readonly AgentTool[];
  toolContext?: ToolContextExtras;
  hooks: TurnHooks;
  sessionKey: string;
  principal: Principal;
  maxSteps: number;
  maxOutputTokens: number;
  signal: AbortSignal;
  onText?(delta: string): void;
  /**
   * Awaited before each synchronous stage after the first: building a request after a tool call, and handing on each
   * piece of a streamed answer (reading a 100 KB piece is milliseconds of work); `size` is how many characters it
   * handles. Must resolve.
   */
  pace?(size: number): Promise<void>;
};

function parseArguments(raw: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw.trim() === "" ? "{}" : raw) };
  } catch {
    return { ok: false };
  }
}

async function runOneCall(input: TurnInput, call: ToolCallRequest, context: ToolContext): Promise<ToolCallRecord> {
  const tool = input.tools.find((t) => t.name === call.name);
  if (!tool) {
    return { call, allowed: false, output: { ...systemNote`Unknown tool \`${ownArg(call.name)}\`.`, isError: true } };
  }
  let verdict: HookVerdict;
  try {
    verdict = await input.hooks.beforeToolCall(call);
  } catch (error) {
    // The error can quote anything the assessment touched: labelled as the tool's output, not Warden's words.
    verdict = { allow: false, message: `The gate failed while deciding (${describeError(error)}); the call was refused.`, source: `tool:${call.name}` };
  }
  // A refusal is labelled by the hook when its reasons depend on what the assessment saw (a file's state); without a
  // label it is the gate's own sentence over the call's arguments and the context's labels.
  // eslint-disable-next-line no-restricted-syntax -- HookVerdict: an unlabelled refusal is Warden's own words
  if (!verdict.allow) return { call, allowed: false, output: { content: verdict.message, isError: true, source: verdict.source ?? "system" } };
  let output: ToolOutput;
  try {
    output = await tool.run(call.args, context, verdict.permit);
  } catch (error) {
    // The exception can carry anything the tool touched (a server's words, a file's name): the tool's output, untrusted.
    output = { content: `The tool \`${call.name}\` failed: ${describeError(error)}`, isError: true, source: `tool:${call.name}` };
  }
  if (input.hooks.afterToolCall) output = await input.hooks.afterToolCall(call, output);
  return { call, allowed: true, output };
}

/** What one message counts for beside its characters (loading a stored one is a row, a decryption and a parse). */
const MessageWeight = 32;
/**
 * What a stage over `messages` handles, for the gateway's pacer (gateway/turn-pacer.ts): their characters (contents
 * and tool-call arguments) and a little per message.
 */
export function stageSize(messages: readonly ChatMessage[]): number {
  let n = MessageWeight * messages.length;
  for (const m of messages) {
    n += m.content.length;
    if (m.role === "assistant") for (const c of m.toolCalls) n += c.arguments.length;
  }
  return n;
}

export async function runTurn(input: TurnInput): Promise<TurnResult> {
  const preamble = (input.preamble ?? []).map((p) => ({ message: { role: "user", content: p.text } as ChatMessage, source: p.source }));
  const messages: ChatMessage[] = [...input.history, ...preamble.map((p) => p.message), { role: "user", content: input.user.text }];
  const newMessages: TurnResult["newMessages"] = [...preamble, { message: { role: "user", content: input.user.text }, source: input.user.source }];
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  const toolCalls: ToolCallRecord[] = [];
  const specs = input.tools.map(toolSpec);
  const context: ToolContext = { ...input.toolContext, sessionKey: input.sessionKey, principal: input.principal, signal: input.signal };
  let reply = "";

  for (let step = 0; step < input.maxSteps; step++) {
    if (step > 0) await input.pace?.(stageSize(messages));
    if (input.signal.aborted) return { reply, newMessages, usage, stopReason: "aborted", errorMessage: "The turn was cancelled.", toolCalls };
    const gate = input.hooks.beforeModelCall?.();
    if (gate && !gate.allow) return { reply: gate.message, newMessages, usage, stopReason: "refused", errorMessage: gate.message, toolCalls };

    let assistant: AssistantMessage | undefined;
    let stopReason: StopReason = "error";
    let errorMessage: string | undefined;
    for await (const event of input.provider.stream({ system: input.system, messages, tools: specs, maxOutputTokens: input.maxOutputTokens, signal: input.signal })) {
      if (event.type === "text") {
        await input.pace?.(event.delta.length);
        input.onText?.(event.delta);
      }
      else {
        assistant = event.message;
        stopReason = event.stopReason;
        errorMessage = event.errorMessage;
        usage.inputTokens += event.usage.inputTokens;
        usage.outputTokens += event.usage.outputTokens;
        input.hooks.afterModelCall?.(event.usage);
      }
    }
    if (!assistant || stopReason === "error" || stopReason === "aborted") {
      return { reply: errorMessage ?? "The model's answer could not be read.", newMessages, usage, stopReason, errorMessage: errorMessage ?? "no answer", toolCalls };
    }
    messages.push(assistant);
    newMessages.push({ message: assistant, source: "model" });
    reply = assistant.content;
    if (assistant.toolCalls.length === 0) return { reply, newMessages, usage, stopReason, toolCalls };

    for (const raw of assistant.toolCalls) {
      const parsed = parseArguments(raw.arguments);
      let record: ToolCallRecord;
      const call: ToolCallRequest = { id: raw.id, name: raw.name, args: parsed.ok ? parsed.value : undefined, rawArguments: raw.arguments, answer: step };
      if (!parsed.ok) record = { call, allowed: false, output: { ...systemNote`The tool arguments are not valid JSON.`, isError: true } };
      else {
        const tool = input.tools.find((t) => t.name === raw.name);
        const checked = tool?.schema.safeParse(parsed.value);
        if (tool && checked && !checked.success) {
          const detail = checked.error.issues.map((i) => `${i.path.join(".") || "(arguments)"}: ${i.message}`).join("; ");
          // The detail is the schema's account of the model's own arguments (it can quote them): the model's words.
          record = { call, allowed: false, output: { content: `Invalid arguments for \`${raw.name}\`: ${detail}`, isError: true, source: "model" } };
        } else {
          record = await runOneCall(input, { ...call, args: checked?.success ? checked.data : call.args }, context);
        }
      }
      toolCalls.push(record);
      const result: ToolResultMessage = { role: "tool", toolCallId: raw.id, name: raw.name, content: record.output.content, isError: record.output.isError };
      messages.push(result);
      newMessages.push({ message: result, source: record.output.source });
    }
  }
  const message = `Stopped after ${input.maxSteps} steps without a final answer (agent.maxSteps).`;
  return { reply: reply || message, newMessages, usage, stopReason: "max_steps", errorMessage: message, toolCalls };
}

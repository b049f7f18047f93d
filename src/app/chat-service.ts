/**
 * Routes one inbound message to its session and runs a turn: loads the session's own history, runs the agent
 * loop, stores the new messages. Turns in one session run one at a time, in arrival order.
 */
import { runTurn, stageSize, type TurnHooks, type TurnResult } from "../agent/loop.ts";
import type { AgentTool, ToolContextExtras } from "../agent/tool.ts";
import type { ChatMessage, Provider } from "../providers/types.ts";
import type { TranscriptStore, StoredMessage } from "../sessions/transcripts.ts";
import type { SessionAddress } from "../sessions/session-key.ts";
import type { Principal, Source } from "../core/types.ts";
import { modelView } from "./model-view.ts";

export type TurnRequest = {
  address: SessionAddress;
  principal: Principal;
  text: string;
  source: Source;
  /** Text that enters with the message but is not the sender's own words (quoted text), with its source. */
  preamble?: readonly { text: string; source: Source }[];
  onDelta?(delta: string): void;
  signal: AbortSignal;
  /**
   * Resolves when the turn may run its next synchronous stage, one that handles about `size` characters (the
   * gateway's pacer interleaves clients' turns, smallest stages first); awaited before each. Must resolve, at once
   * when the signal aborts.
   */
  pace?(size: number): Promise<void>;
};

/** Sessions whose last history size is remembered for the pacer. */
const RememberedSessions = 4096;

export type TurnOutcome = { session: string; reply: string; error?: { code: string; message: string }; result?: TurnResult };

/** The per-turn pieces (tools the principal may see, the gate hooks, the reply filter) of one request. */
export type TurnPieces = {
  tools: readonly AgentTool[];
  hooks: TurnHooks;
  system: string;
  /** Added to every tool call's context (redirect checks, outbound filtering). */
  toolContext?: ToolContextExtras;
  /** Output filtering: what the audience may see of the model's reply. */
  filterReply?(reply: string): Promise<string>;
  /** Whether text deltas may go out before the whole reply is filtered (only an owner-only, trusted context). */
  streamable?(): boolean;
};

/** Builds the per-turn pieces for one request. */
export type TurnPolicy = (request: TurnRequest, history: readonly StoredMessage[]) => TurnPieces;

export type ChatService = { handle(request: TurnRequest): Promise<TurnOutcome> };

export function createChatService(deps: {
  provider: () => { ok: true; provider: Provider } | { ok: false; message: string };
  transcripts: TranscriptStore;
  /** May resolve later: the gateway loads the gate with its first turn. */
  policy: (request: TurnRequest, history: readonly StoredMessage[]) => TurnPieces | Promise<TurnPieces>;
  clock: () => number;
  maxSteps: number;
  maxOutputTokens: number;
  historyLimit?: number;
  /** What the model is sent of the stored history, in characters (`agent.maxHistoryChars`); all of it when unset. */
  maxHistoryChars?: number;
  /** Applied to tool results and model messages before they are stored. */
  redactStored?: (text: string) => string;
}): ChatService {
  const queues = new Map<string, Promise<unknown>>();
  // INVARIANT: at most RememberedSessions entries (the least recently loaded go): what a session's history loaded
  // last time, the size its next turn's first stage declares to the pacer (a session not remembered declares 0).
  const historySizes = new Map<string, number>();

  const redactMessage = (m: ChatMessage): ChatMessage => {
    if (!deps.redactStored || m.role === "user") return m;
    if (m.role === "tool") return { ...m, content: deps.redactStored(m.content) };
    return { ...m, content: deps.redactStored(m.content), toolCalls: m.toolCalls.map((c) => ({ ...c, arguments: deps.redactStored?.(c.arguments) ?? c.arguments })) };
  };

  async function run(request: TurnRequest): Promise<TurnOutcome> {
    const session = request.address.key;
    // A turn queued behind others whose client has gone (or was cancelled) is dropped before it loads anything.
    if (request.signal.aborted) return { session, reply: "The turn was cancelled.", error: { code: "CANCELLED", message: "The turn was cancelled before it started." } };
    await request.pace?.((historySizes.get(session) ?? 0) + request.text.length);
    const choice = deps.provider();
    if (!choice.ok) return { session, reply: choice.message, error: { code: "MODEL_NOT_CONFIGURED", message: choice.message } };
    const stored = deps.transcripts.history(session, deps.historyLimit ?? 200);
    historySizes.delete(session);
    historySizes.set(session, stageSize(stored.map((m) => m.message)));
    if (historySizes.size > RememberedSessions) historySizes.delete(historySizes.keys().next().value as string);
    // INVARIANT: the policy (the gate's labels) gets the whole stored window; only the model's view is trimmed.
    const { tools, hooks, system, filterReply, toolContext, streamable } = await deps.policy(request, stored);
    const history = modelView(stored.map((m) => m.message), deps.maxHistoryChars ?? Number.POSITIVE_INFINITY);
    const result = await runTurn({
      provider: choice.provider,
      system,
      history,
      user: { text: request.text, source: request.source },
      ...(request.preamble ? { preamble: request.preamble } : {}),
      toolContext: { ...toolContext, address: request.address },
      tools,
      hooks,
      sessionKey: session,
      principal: request.principal,
      maxSteps: deps.maxSteps,
      maxOutputTokens: deps.maxOutputTokens,
      signal: request.signal,
      ...(request.pace ? { pace: request.pace } : {}),
      onText: request.onDelta ? (delta) => {
        if (streamable === undefined || streamable()) request.onDelta?.(delta);
      } : undefined,
    });
    await request.pace?.(stageSize(result.newMessages.map((m) => m.message)));
    const now = deps.clock();
    deps.transcripts.append(
      { key: session, channel: request.address.channel, peer: request.address.peer },
      result.newMessages.map((m) => ({ message: redactMessage(m.message), source: m.source, at: now })),
    );
    historySizes.set(session, (historySizes.get(session) ?? 0) + stageSize(result.newMessages.map((m) => m.message)));
    if (filterReply) {
      await request.pace?.(result.reply.length);
      result.reply = await filterReply(result.reply);
    }
    const failed = result.stopReason === "error" || result.stopReason === "aborted" || result.stopReason === "refused";
    const code = result.stopReason === "refused" ? "LIMIT_EXCEEDED" : result.stopReason === "aborted" ? "CANCELLED" : "PROVIDER_ERROR";
    return {
      session,
      reply: result.reply,
      ...(failed ? { error: { code, message: result.errorMessage ?? result.reply } } : {}),
      result,
    };
  }

  return {
    handle(request) {
      const key = request.address.key;
      const previous = queues.get(key) ?? Promise.resolve();
      const next = previous.then(() => run(request), () => run(request));
      const settled = next.catch(() => undefined);
      queues.set(key, settled);
      void settled.then(() => {
        if (queues.get(key) === settled) queues.delete(key);
      });
      return next;
    },
  };
}

/**
 * Circuit breaker for runaway tool loops within one turn: too many tool calls, or the same call with the
 * same arguments repeated. Once tripped it stays tripped until `reset()` (the next turn).
 */
import type { Reason } from "../../core/decision.ts";
import type { Json } from "../../core/types.ts";
import { canonicalJson } from "../../core/canonical-json.ts";

export type LoopResult = { ok: true } | { ok: false; reason: Reason };

/** Must never un-trip within a turn, and never count two calls with different arguments as identical. */
export type LoopBreaker = {
  observe(toolName: string, argsJson: string): LoopResult;
  reset(): void;
};

export function createLoopBreaker(limits: { maxToolCallsPerTurn: number; maxIdenticalCalls: number }): LoopBreaker {
  let calls = 0;
  let tripped: Reason | undefined;
  const seen = new Map<string, number>();

  function observe(toolName: string, argsJson: string): LoopResult {
    if (tripped) return { ok: false, reason: tripped };
    calls += 1;
    if (calls > limits.maxToolCallsPerTurn) {
      tripped = {
        id: "limit.loop.calls",
        message: `Stopped: the model made more than ${limits.maxToolCallsPerTurn} tool calls in one turn. This looks like a runaway loop; send a new message to continue.`,
      };
      return { ok: false, reason: tripped };
    }
    const signature = `${toolName}\u0000${normalizeArgs(argsJson)}`;
    const count = (seen.get(signature) ?? 0) + 1;
    seen.set(signature, count);
    if (count > limits.maxIdenticalCalls) {
      tripped = {
        id: "limit.loop.identical",
        message: `Stopped: the model called \`${toolName}\` with the same arguments ${count} times in one turn (limit ${limits.maxIdenticalCalls}). This looks like a runaway loop; send a new message to continue.`,
      };
      return { ok: false, reason: tripped };
    }
    return { ok: true };
  }

  return {
    observe,
    reset: () => {
      calls = 0;
      tripped = undefined;
      seen.clear();
    },
  };
}

// Key order and whitespace must not let a loop dodge the identical-call count.
function normalizeArgs(argsJson: string): string {
  try {
    return canonicalJson(JSON.parse(argsJson) as Json);
  } catch {
    return argsJson;
  }
}

/**
 * Operations around every turn, composed from a list: each guard is made fresh per turn and may refuse a model
 * call (budgets), refuse a tool call before the gate sees it (the loop breaker), or watch what a model call
 * used (the usage ledger). The turn policy's own hooks keep their place: its model-call check runs first, its
 * tool-call decision (and permit) last, after every guard allowed the call.
 */
import type { ModelVerdict, ToolCallRequest } from "../agent/loop.ts";
import type { Usage } from "../providers/types.ts";
import type { TurnPolicy, TurnRequest } from "./chat-service.ts";
import type { OpsServices } from "./ops-services.ts";
import type { ProviderChoice } from "../providers/select.ts";

export type TurnGuard = {
  beforeModelCall?(): ModelVerdict;
  afterModelCall?(usage: Usage): void;
  beforeToolCall?(call: ToolCallRequest): ModelVerdict;
};

/** Makes a turn's guard; called once per turn. */
export type TurnGuardFactory = (request: TurnRequest) => TurnGuard;

/** The policy with every guard around it; the first refusal wins. */
export function guardTurns(policy: TurnPolicy, factories: readonly TurnGuardFactory[]): TurnPolicy {
  return (request, history) => {
    const built = policy(request, history);
    const guards = factories.map((make) => make(request));
    return {
      ...built,
      hooks: {
        ...built.hooks,
        beforeModelCall: () => {
          const prior = built.hooks.beforeModelCall?.();
          if (prior && !prior.allow) return prior;
          for (const g of guards) {
            const verdict = g.beforeModelCall?.();
            if (verdict && !verdict.allow) return verdict;
          }
          return { allow: true };
        },
        afterModelCall: (usage) => {
          built.hooks.afterModelCall?.(usage);
          for (const g of guards) g.afterModelCall?.(usage);
        },
        beforeToolCall: async (call) => {
          for (const g of guards) {
            const verdict = g.beforeToolCall?.(call);
            if (verdict && !verdict.allow) return verdict;
          }
          return built.hooks.beforeToolCall(call);
        },
      },
    };
  };
}

/** Token and cost budgets, checked before every model call; a refusal is recorded as a `limit` entry. */
export function budgetGuard(ops: Pick<OpsServices, "budget" | "activityLog">): TurnGuardFactory {
  return (request) => ({
    beforeModelCall: () => {
      const session = request.address.key;
      const budget = ops.budget(session);
      if (budget.ok) return { allow: true };
      ops.activityLog.append({ kind: "limit", actor: session, summary: budget.reason.message, data: { reason: budget.reason.id } });
      return { allow: false, message: budget.reason.message };
    },
  });
}

/** What each model call used, into the usage ledger (budgets read it). */
export function usageGuard(ops: Pick<OpsServices, "usage">, provider: ProviderChoice): TurnGuardFactory {
  return (request) => ({
    afterModelCall: (usage) => {
      if (provider.ok) ops.usage.record({ sessionKey: request.address.key, provider: provider.provider.id, model: provider.provider.model, ...usage });
    },
  });
}

/** A breaker for tool-call loops: too many calls, or the same call again and again, ends the call. */
export function loopGuard(ops: Pick<OpsServices, "loopBreaker" | "activityLog">): TurnGuardFactory {
  return (request) => {
    const breaker = ops.loopBreaker();
    return {
      beforeToolCall: (call) => {
        const loop = breaker.observe(call.name, call.rawArguments);
        if (loop.ok) return { allow: true };
        ops.activityLog.append({ kind: "limit", actor: request.address.key, summary: loop.reason.message, data: { reason: loop.reason.id, tool: call.name } });
        return { allow: false, message: loop.reason.message };
      },
    };
  };
}

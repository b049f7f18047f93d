/**
 * Every turn (gateway, channel, cron) runs under the whole-turn deadline and stops when the runtime closes;
 * closing waits (bounded) for cancelled turns to finish writing their transcripts.
 */
import { WardenError, ErrorCode } from "../core/errors.ts";

export type TurnRunner = {
  /** Runs a turn with a signal that aborts on the caller's signal, the deadline, or shutdown. */
  run<T>(base: AbortSignal | undefined, turn: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Stops every turn and waits for them (at most `waitMs`). */
  shutdown(waitMs?: number): Promise<void>;
};

export function createTurnRunner(deps: { turnTimeoutSeconds: number }): TurnRunner {
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  return {
    run(base, run) {
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(new WardenError(ErrorCode.Cancelled, `The turn took longer than ${deps.turnTimeoutSeconds} s (providers.turnTimeoutSeconds) and was stopped.`)), deps.turnTimeoutSeconds * 1000);
      const turn = run(AbortSignal.any([...(base ? [base] : []), shutdown.signal, deadline.signal])).finally(() => {
        clearTimeout(timer);
        inFlight.delete(turn);
      });
      inFlight.add(turn);
      return turn;
    },
    async shutdown(waitMs = 5000) {
      shutdown.abort(new WardenError(ErrorCode.Cancelled, "The gateway is shutting down; the turn was stopped."));
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => (waited = setTimeout(r, waitMs)))]);
      clearTimeout(waited);
    },
  };
}

/**
 * Interleaves clients' turns on the gateway's one JavaScript thread. A turn's synchronous stages (loading its
 * history and building the model request, handing on a streamed answer, storing its messages, serialising its
 * answer) each take milliseconds for a big reply; chained by promises, the stages of every turn that became ready at
 * once would run in one event-loop iteration, and a small turn's next step (its frame, the model's answer) would wait
 * behind all of them. So a turn asks the pacer before each stage, and the pacer lets stages go a few at a time: in
 * one iteration (`setImmediate`) it grants stages until they have used `budgetMs` (at least one), then lets the
 * event loop poll I/O. A stage's cost counts until the promise jobs it set off have run.
 *
 * A stage says how much it handles (`size`: characters of history, answer or messages, `stageSize` in agent/loop.ts for messages). A small
 * stage (under `smallSize`) is not paced at all: it runs at once, as a plain promise chain would run it; its cost is
 * bounded by its size and the number of turns running by the gateway's admission. The big ones wait, and the
 * smallest waiting one goes first (then the longest waiting): a stage's cost follows what it handles, which the stage
 * knows before it runs, whoever asks. So a chat with short answers never waits for the pacer, however many clients
 * have 100 KB answers under way. Measured before: ordering every stage by its client's usual stage cost, or by the
 * thread time each client had used, let a hundred new connections with one 100 KB answer each pass the owner's chat
 * for a second at a time (a new connection has no history to judge it by; the owner's long-lived one has the most),
 * and under load each wait for the pacer is a whole event-loop iteration.
 * Every `OldestEvery`-th grant goes to the stage that has waited longest, whatever its size: big stages are delayed,
 * never starved. A client's own big stages go in the order asked.
 *
 * Must never hold a turn forever: every waiting stage is granted in that order, or released at once when its signal
 * aborts (the turn then sees its signal). Bounded: one entry per waiting stage.
 */
export type TurnPacer = {
  /**
   * Resolves when `client`'s turn may run its next synchronous stage, one that handles about `size` characters (at
   * once when `signal` is or becomes aborted).
   */
  pace(client: string, signal: AbortSignal | undefined, size: number): Promise<void>;
  /** Stages waiting now (for tests). */
  waiting(): number;
};

/** Stages handling fewer characters than this run at once, unpaced (by default). */
export const SmallStageChars = 16 * 1024;

/** Every this many grants, one goes to the stage that has waited longest. */
const OldestEvery = 8;

type Waiter = { resolve: () => void; signal: AbortSignal | undefined; onAbort: () => void; seq: number; size: number };

export function createTurnPacer(options: {
  clock: () => number;
  /** Stages granted in one iteration until they have used this much (ms); 2 by default. */
  budgetMs?: number;
  /** Runs the next iteration; `setImmediate` by default (tests drive it by hand). */
  defer?: (run: () => void) => void;
  /** Stages smaller than this run at once; `SmallStageChars` by default. */
  smallSize?: number;
}): TurnPacer {
  const small = options.smallSize ?? SmallStageChars;
  const budget = options.budgetMs ?? 2;
  const defer = options.defer ?? ((run: () => void) => void setImmediate(run));
  // INVARIANT: a client is in `queues` only while it has waiters; each waiter is in exactly one queue until granted.
  const queues = new Map<string, Waiter[]>();
  let count = 0;
  let seq = 0;
  let grants = 0;
  let scheduled = false;

  /** The client whose oldest stage goes next, or undefined when none waits. */
  const pick = (): string | undefined => {
    if (queues.size === 0) return undefined;
    const oldestFirst = ++grants % OldestEvery === 0;
    let best: string | undefined;
    let bestScore = Number.POSITIVE_INFINITY;
    let bestSeq = Number.POSITIVE_INFINITY;
    for (const [client, queue] of queues) {
      const head = queue[0] as Waiter;
      const score = oldestFirst ? 0 : head.size;
      if (score < bestScore || (score === bestScore && head.seq < bestSeq)) {
        best = client;
        bestScore = score;
        bestSeq = head.seq;
      }
    }
    return best;
  };
  /** Grants the next stage and, once the promise jobs it set off have run, goes on while the iteration is within the budget. */
  const grant = (iterationStart: number) => {
    const client = pick();
    if (client === undefined) {
      scheduled = false;
      return;
    }
    const queue = queues.get(client) as Waiter[];
    const next = queue.shift() as Waiter;
    if (queue.length === 0) queues.delete(client);
    count--;
    next.signal?.removeEventListener("abort", next.onAbort);
    next.resolve();
    // The stage runs as promise jobs after this one; a nextTick queued from a job runs once they all have.
    queueMicrotask(() =>
      process.nextTick(() => {
        const now = options.clock();
        if (now - iterationStart < budget) grant(iterationStart);
        else defer(() => grant(options.clock()));
      }),
    );
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    defer(() => grant(options.clock()));
  };

  return {
    pace(client, signal, size) {
      if (signal?.aborted === true || size < small) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const waiter: Waiter = {
          resolve,
          signal,
          seq: seq++,
          size: Number.isFinite(size) && size > 0 ? size : 0,
          onAbort: () => {
            const queue = queues.get(client);
            const at = queue?.indexOf(waiter) ?? -1;
            if (queue === undefined || at < 0) return;
            queue.splice(at, 1);
            if (queue.length === 0) queues.delete(client);
            count--;
            resolve();
          },
        };
        signal?.addEventListener("abort", waiter.onAbort, { once: true });
        const queue = queues.get(client);
        if (queue === undefined) queues.set(client, [waiter]);
        else queue.push(waiter);
        count++;
        schedule();
      });
    },
    waiting: () => count,
  };
}

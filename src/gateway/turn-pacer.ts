/**
 * Interleaves clients' turns on the gateway's one JavaScript thread. A turn's synchronous stages (loading its
 * history and building the model request, storing its messages, serialising its answer) each take milliseconds
 * for a big reply; chained by promises, the stages of every turn that became ready at once would run in one
 * event-loop iteration, and a small turn's next step (its frame, the model's answer) would wait behind all of them.
 * So a turn asks the pacer before each stage, and the pacer lets stages go a few at a time: in one iteration
 * (`setImmediate`) it grants stages until they have used `budgetMs` (at least one), then lets the event loop poll
 * I/O. A stage's cost is measured: the time from its grant until the promise jobs it set off have run. A grant
 * goes to the waiting client whose stages are usually the cheapest (then the longest waiting), and every
 * `OldestEvery`-th grant to the stage that has waited longest, whatever it costs: costly stages are delayed, never
 * starved. A client's own stages go in the order asked. So a client whose turns are small is served after about one
 * costly stage of anyone else, not behind all of them as plain waiting order would have it (waiting for seconds when
 * a hundred clients' 100 KB replies were under way: ordering by cost less waiting time did that too, once the
 * costly stages had waited long enough).
 *
 * Must never hold a turn forever: every waiting stage is granted in that order, or released at once when its signal
 * aborts (the turn then sees its signal). Bounded: the clients with stages waiting, plus `RememberedClients` costs.
 */
export type TurnPacer = {
  /** Resolves when `client`'s turn may run its next stage (at once when `signal` is or becomes aborted). */
  pace(client: string, signal?: AbortSignal): Promise<void>;
  /** Stages waiting now (for tests). */
  waiting(): number;
};

/** Usual stage costs remembered for clients with nothing waiting; past this the least recently seen go. */
const RememberedClients = 1024;
/** Weight of the newest stage in a client's usual cost (an exponential moving average). */
const NewestWeight = 0.3;
/** Every this many grants, one goes to the stage that has waited longest. */
const OldestEvery = 8;

type Waiter = { resolve: () => void; signal: AbortSignal | undefined; onAbort: () => void; seq: number };

export function createTurnPacer(options: {
  clock: () => number;
  /** Stages granted in one iteration until they have used this much (ms); 2 by default. */
  budgetMs?: number;
  /** Runs the next iteration; `setImmediate` by default (tests drive it by hand). */
  defer?: (run: () => void) => void;
}): TurnPacer {
  const budget = options.budgetMs ?? 2;
  const defer = options.defer ?? ((run: () => void) => void setImmediate(run));
  // INVARIANT: a client is in `queues` only while it has waiters; each waiter is in exactly one queue until granted.
  const queues = new Map<string, Waiter[]>();
  // INVARIANT: bounded by RememberedClients plus the clients with stages waiting; in order of their last stage.
  const usual = new Map<string, number>();
  let gatewayUsual = 0;
  let count = 0;
  let seq = 0;
  let grants = 0;
  let scheduled = false;

  const expected = (client: string) => usual.get(client) ?? gatewayUsual;
  const record = (client: string, ms: number) => {
    const old = usual.get(client);
    usual.delete(client);
    usual.set(client, old === undefined ? ms : old + NewestWeight * (ms - old));
    gatewayUsual += NewestWeight * (ms - gatewayUsual);
    for (const key of usual.keys()) {
      if (usual.size <= RememberedClients) break;
      if (!queues.has(key)) usual.delete(key);
    }
  };
  /** The client whose oldest stage goes next, or undefined when none waits. */
  const pick = (): string | undefined => {
    if (queues.size === 0) return undefined;
    const oldestFirst = ++grants % OldestEvery === 0;
    let best: string | undefined;
    let bestScore = Number.POSITIVE_INFINITY;
    let bestSeq = Number.POSITIVE_INFINITY;
    for (const [client, queue] of queues) {
      const head = queue[0] as Waiter;
      const score = oldestFirst ? 0 : expected(client);
      if (score < bestScore || (score === bestScore && head.seq < bestSeq)) {
        best = client;
        bestScore = score;
        bestSeq = head.seq;
      }
    }
    return best;
  };
  /** Grants the next stage, measures it once the promise jobs it set off have run, and goes on within the budget. */
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
    const at = options.clock();
    next.resolve();
    // The stage runs as promise jobs after this one; a nextTick queued from a job runs once they all have.
    queueMicrotask(() =>
      process.nextTick(() => {
        const now = options.clock();
        record(client, now - at);
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
    pace(client, signal) {
      if (signal?.aborted === true) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const waiter: Waiter = {
          resolve,
          signal,
          seq: seq++,
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

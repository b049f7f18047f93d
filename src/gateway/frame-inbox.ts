/**
 * Takes WebSocket clients' frames in turns, so one client's flood cannot delay another client's frame. `ws` hands
 * over every frame of a chunk it read at once: a client that wrote a thousand requests in one go would have them all
 * parsed and answered (or refused) in one event-loop iteration, ahead of a frame another client sent just after. So
 * each connection's frames wait in its own queue, and the inbox runs them one per connection per round, rounds
 * going on until they have used `budgetMs` (at least one frame), then lets the event loop poll I/O (`defer`).
 * A frame from a client with nothing waiting, when nothing waits anywhere, runs at once, as it would without the inbox;
 * a client's further frames in the same iteration wait for the next round.
 *
 * Backpressure before work: a connection with `maxWaiting` frames waiting is no longer read (`pause`: TCP pushes
 * back on the client) until its queue is down to half of that (`resume`). What waits is bounded by that, plus what
 * one read of the socket held.
 *
 * Must never hold a frame forever or run one twice: every queued frame runs, in its connection's order, unless the
 * connection is closed first (`close` drops what it had waiting). A frame's work must not throw (the server's
 * handler catches what it calls); if it does, the inbox goes on with the next and the error is reported to `onError`.
 */
export type FrameInbox = {
  /** A connection's entry: `pause` and `resume` stop and start reading its socket. */
  open(socket: { pause(): void; resume(): void }): ClientInbox;
  /** Frames waiting now, all connections together (for tests). */
  waiting(): number;
};

export type ClientInbox = {
  /** Runs `work` (a frame's handling, up to its first await) now or in its turn. */
  push(work: () => void): void;
  /** The connection is gone: what it had waiting is dropped, and it is never paused or resumed again. */
  close(): void;
};

type Entry = { queue: (() => void)[]; socket: { pause(): void; resume(): void }; paused: boolean; closed: boolean };

export function createFrameInbox(options: {
  /** A monotonic clock (ms). */
  clock: () => number;
  /** Frames one connection may have waiting before it is no longer read; 16 by default. */
  maxWaiting?: number;
  /** Rounds go on in one iteration until they have used this much (ms); 2 by default. */
  budgetMs?: number;
  /** Runs the next iteration; `setImmediate` by default (tests drive it by hand). */
  defer?: (run: () => void) => void;
  onError?: (error: unknown) => void;
}): FrameInbox {
  const maxWaiting = Math.max(1, options.maxWaiting ?? 16);
  const budget = options.budgetMs ?? 2;
  const defer = options.defer ?? ((run: () => void) => void setImmediate(run));
  // INVARIANT: a connection is in `ready` exactly while it is open and has frames waiting, once, in round order.
  const ready: Entry[] = [];
  // Connections that ran a frame at once in this iteration: their next frame waits for a round.
  const ranAtOnce = new Set<Entry>();
  let count = 0;
  let scheduled = false;

  const run = (work: () => void) => {
    try {
      work();
    } catch (error) {
      options.onError?.(error);
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    defer(drain);
  };
  function drain(): void {
    scheduled = false;
    ranAtOnce.clear();
    const start = options.clock();
    do {
      const entry = ready.shift();
      if (entry === undefined) return;
      const work = entry.queue.shift() as () => void;
      count--;
      if (entry.queue.length > 0) ready.push(entry);
      if (entry.paused && entry.queue.length <= maxWaiting / 2) {
        entry.paused = false;
        entry.socket.resume();
      }
      run(work);
    } while (options.clock() - start < budget);
    if (ready.length > 0) schedule();
  }

  return {
    open(socket) {
      const entry: Entry = { queue: [], socket, paused: false, closed: false };
      return {
        push(work) {
          if (entry.closed) return;
          if (ready.length === 0 && !ranAtOnce.has(entry)) {
            if (ranAtOnce.size === 0) defer(() => ranAtOnce.clear());
            ranAtOnce.add(entry);
            run(work);
            return;
          }
          if (entry.queue.length === 0) ready.push(entry);
          entry.queue.push(work);
          count++;
          if (!entry.paused && entry.queue.length >= maxWaiting) {
            entry.paused = true;
            entry.socket.pause();
          }
          schedule();
        },
        close() {
          if (entry.closed) return;
          entry.closed = true;
          count -= entry.queue.length;
          entry.queue.length = 0;
          const at = ready.indexOf(entry);
          if (at >= 0) ready.splice(at, 1);
          ranAtOnce.delete(entry);
        },
      };
    },
    waiting: () => count,
  };
}

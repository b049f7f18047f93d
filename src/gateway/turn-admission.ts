/**
 * Gateway-wide admission for client turns. At most `maxRunning` turns run at once across every client; up to
 * `maxQueued` more wait; past that a turn is refused at once (`busy`), so a burst costs a short answer, not
 * memory. A freed slot goes to the waiting client with the fewest turns running (then the longest waiting):
 * a client with one turn at a time is never stuck behind another client's burst.
 *
 * Must never lose a slot: every admitted turn gets exactly one `release`, and a waiter whose signal aborts leaves
 * the queue without taking one.
 */
export type Admission = { ok: true; release: () => void } | { ok: false; why: "busy" | "cancelled" };

export type TurnAdmission = {
  /** Waits for a slot for one turn of `client`; resolves `busy` at once when the queue is full. */
  admit(client: string, signal: AbortSignal): Promise<Admission>;
  /** Turns running and waiting now (for status and tests). */
  load(): { running: number; queued: number };
};

type Waiter = { client: string; seq: number; grant: (a: Admission) => void; signal: AbortSignal; onAbort: () => void };

export function createTurnAdmission(limits: { maxRunning: number; maxQueued: number }): TurnAdmission {
  let running = 0;
  let seq = 0;
  const runningBy = new Map<string, number>();
  // INVARIANT: bounded by maxQueued; a scan per admission is cheap at that size.
  const waiting: Waiter[] = [];

  const start = (client: string): Admission => {
    running++;
    runningBy.set(client, (runningBy.get(client) ?? 0) + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        running--;
        const left = (runningBy.get(client) ?? 1) - 1;
        if (left > 0) runningBy.set(client, left);
        else runningBy.delete(client);
        admitNext();
      },
    };
  };

  function admitNext(): void {
    while (running < limits.maxRunning && waiting.length > 0) {
      let best = 0;
      for (let i = 1; i < waiting.length; i++) {
        const a = waiting[i] as Waiter;
        const b = waiting[best] as Waiter;
        const ra = runningBy.get(a.client) ?? 0;
        const rb = runningBy.get(b.client) ?? 0;
        if (ra < rb || (ra === rb && a.seq < b.seq)) best = i;
      }
      const [next] = waiting.splice(best, 1);
      if (!next) return;
      next.signal.removeEventListener("abort", next.onAbort);
      next.grant(start(next.client));
    }
  }

  return {
    admit(client, signal) {
      if (signal.aborted) return Promise.resolve({ ok: false, why: "cancelled" });
      if (running < limits.maxRunning && waiting.length === 0) return Promise.resolve(start(client));
      if (waiting.length >= limits.maxQueued) return Promise.resolve({ ok: false, why: "busy" });
      return new Promise<Admission>((grant) => {
        const waiter: Waiter = {
          client,
          seq: seq++,
          grant,
          signal,
          onAbort: () => {
            const at = waiting.indexOf(waiter);
            if (at >= 0) waiting.splice(at, 1);
            grant({ ok: false, why: "cancelled" });
          },
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
        waiting.push(waiter);
      });
    },
    load: () => ({ running, queued: waiting.length }),
  };
}

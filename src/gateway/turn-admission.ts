/**
 * Gateway-wide admission for client turns. At most `maxRunning` turns run at once across every client; up to
 * `maxQueued` more wait; past that a turn is refused at once (`busy`), so a burst costs a short answer, not
 * memory. A freed slot goes to the waiting client with the fewest turns running (then the longest waiting):
 * a client with one turn at a time is never stuck behind another client's burst. A full queue does not refuse such a
 * client either: the newest waiting turn of the client holding the most (running and waiting) is refused in its
 * place, so no client's queued turns can shut the others out.
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

  /**
   * Refuses the newest waiting turn of the client holding the most (running and waiting) when it holds at least two
   * more than `client` (so the two never trade places back and forth); whether a place was freed.
   */
  function makeRoomFor(client: string): boolean {
    const held = new Map(runningBy);
    for (const w of waiting) held.set(w.client, (held.get(w.client) ?? 0) + 1);
    let hog: Waiter | undefined;
    let most = 0;
    for (const w of waiting) {
      const h = held.get(w.client) ?? 0;
      if (h > most || (h === most && w.seq > (hog?.seq ?? -1))) {
        hog = w;
        most = h;
      }
    }
    if (hog === undefined || most < (held.get(client) ?? 0) + 2) return false;
    waiting.splice(waiting.indexOf(hog), 1);
    hog.signal.removeEventListener("abort", hog.onAbort);
    hog.grant({ ok: false, why: "busy" });
    return true;
  }

  return {
    admit(client, signal) {
      if (signal.aborted) return Promise.resolve({ ok: false, why: "cancelled" });
      if (running < limits.maxRunning && waiting.length === 0) return Promise.resolve(start(client));
      if (waiting.length >= limits.maxQueued && !makeRoomFor(client)) return Promise.resolve({ ok: false, why: "busy" });
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

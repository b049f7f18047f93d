/**
 * Gateway-wide admission for client turns. At most `maxRunning` turns run at once across every client; up to
 * `maxQueued` more wait; past that a turn is refused at once (`busy`), so a burst costs a short answer, not
 * memory. A freed slot goes to the waiting client with the fewest turns running, then the one that has received the
 * least service lately (the time its turns held a slot, halving every `serviceHalfLifeMs`), then the longest
 * waiting: a client with one turn at a time is never stuck behind another client's burst, nor, when a hundred
 * clients each have one turn waiting, behind the ones whose turns are big (a chat that answers in 10 ms goes before
 * a flood of 100 KB replies). A full queue does not refuse such a client either: the newest waiting turn of the
 * client holding the most (running and waiting; then the most served) gives way, when it holds two more, or more
 * and has been served more — an order that the refused client cannot turn back by retrying.
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

export type TurnAdmissionLimits = {
  maxRunning: number;
  maxQueued: number;
  /** A monotonic clock (ms) for the service each client received; by default `performance.now`. */
  clock?: () => number;
  /** How fast past service is forgotten; 30 s by default. */
  serviceHalfLifeMs?: number;
};

/** Service accounts whose every entry is looked at past this many clients (most have decayed to nothing). */
const SweepAbove = 256;

export function createTurnAdmission(limits: TurnAdmissionLimits): TurnAdmission {
  const clock = limits.clock ?? (() => performance.now());
  const halfLife = limits.serviceHalfLifeMs ?? 30_000;
  let running = 0;
  let seq = 0;
  const runningBy = new Map<string, number>();
  // INVARIANT: bounded by maxQueued; a scan per admission is cheap at that size.
  const waiting: Waiter[] = [];
  // INVARIANT: an account holds ms of slot time as of `at`; read through `served`, which applies the decay.
  const accounts = new Map<string, { ms: number; at: number }>();
  const served = (client: string, now = clock()): number => {
    const account = accounts.get(client);
    return account === undefined ? 0 : account.ms * 2 ** (-(now - account.at) / halfLife);
  };
  const charge = (client: string, ms: number) => {
    const now = clock();
    accounts.set(client, { ms: served(client, now) + Math.max(0, ms), at: now });
    // Clients that left and whose service has decayed to under a millisecond are forgotten.
    if (accounts.size > SweepAbove) {
      for (const key of accounts.keys()) if (!runningBy.has(key) && served(key, now) < 1) accounts.delete(key);
    }
  };
  /** Whether `a` goes before `b`: fewer turns running, less service received (to the millisecond), then the longer wait. */
  const before = (a: Waiter, b: Waiter, now: number): boolean => {
    const ra = runningBy.get(a.client) ?? 0;
    const rb = runningBy.get(b.client) ?? 0;
    if (ra !== rb) return ra < rb;
    const sa = Math.floor(served(a.client, now));
    const sb = Math.floor(served(b.client, now));
    return sa !== sb ? sa < sb : a.seq < b.seq;
  };

  const start = (client: string): Admission => {
    running++;
    runningBy.set(client, (runningBy.get(client) ?? 0) + 1);
    const startedAt = clock();
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
        charge(client, clock() - startedAt);
        admitNext();
      },
    };
  };

  function admitNext(): void {
    while (running < limits.maxRunning && waiting.length > 0) {
      const now = clock();
      let best = 0;
      for (let i = 1; i < waiting.length; i++) {
        if (before(waiting[i] as Waiter, waiting[best] as Waiter, now)) best = i;
      }
      const [next] = waiting.splice(best, 1);
      if (!next) return;
      next.signal.removeEventListener("abort", next.onAbort);
      next.grant(start(next.client));
    }
  }

  /**
   * Refuses the newest waiting turn of the client holding the most (running and waiting; then the most served) when
   * it holds at least two more than `client`, or more and has been served more; whether a place was freed. Either
   * way the refused client, retrying, does not hold more than `client` by as much (or is still served more): the
   * two never trade places back and forth.
   */
  function makeRoomFor(client: string): boolean {
    const now = clock();
    const held = new Map(runningBy);
    for (const w of waiting) held.set(w.client, (held.get(w.client) ?? 0) + 1);
    let hog: Waiter | undefined;
    let most = 0;
    let mostServed = 0;
    for (const w of waiting) {
      const h = held.get(w.client) ?? 0;
      const s = Math.floor(served(w.client, now));
      if (h > most || (h === most && (s > mostServed || (s === mostServed && w.seq > (hog?.seq ?? -1))))) {
        hog = w;
        most = h;
        mostServed = s;
      }
    }
    const mine = held.get(client) ?? 0;
    if (hog === undefined || !(most >= mine + 2 || (most > mine && mostServed > Math.floor(served(client, now))))) return false;
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

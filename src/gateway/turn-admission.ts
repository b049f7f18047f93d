/**
 * Gateway-wide admission for client turns. At most `maxRunning` turns run at once across every client; up to
 * `maxQueued` more wait; past that a turn is refused at once (`busy`), so a burst costs a short answer, not
 * memory. A freed slot goes to the waiting client with the fewest turns running, then to the turn expected to be
 * done soonest: the client's usual turn (how long its recent turns held a slot; for a client not seen yet, the
 * gateway's usual turn) less how long it has waited, so a big turn that waited as long as it will take is not passed
 * again; then to the longest waiting. A client with one turn at a time is never stuck behind another client's burst,
 * nor, when a hundred clients each have a turn waiting, behind the ones whose turns are big (a chat answered in
 * 10 ms goes before a flood of 100 KB replies). A full queue does not refuse such a client either: the newest
 * waiting turn of the client holding the most (running and waiting; then with the longest turns) gives way, when
 * it holds two more, or more and with longer turns — an order the refused client cannot turn back by retrying.
 *
 * A slot frees only when a turn ends, and when every slot holds a turn of seconds, even the first waiter waits
 * seconds. So a quick client — nothing running, and its usual turn under a quarter of the gateway's usual turn, or
 * shorter than the running turns have run so far on average — starts at once in a few slots past `maxRunning` (an eighth
 * of it, at least one), and a quick client's waiting turn takes such a slot as soon as one is free: the owner's chat
 * stays interactive while clients asking for 100 KB replies hold every regular slot (their first turns, not finished
 * yet, say nothing of their size; the time they have held their slots does). A client gets there only by turns it
 * has had, one turn at a time: a new connection never does, and the extra slots stay few. A turn that queued while
 * the running turns were younger than its client's usual turn takes such a slot once they are older (a timer set for
 * then), not at the next release: when a flood has just taken every slot, the next release can be seconds away.
 *
 * Turns from one address (many connections from one place) share `maxPerAddress` places, running and waiting
 * together; past that a turn from there is refused at once (`address`), unless its client is quick as above, or has
 * had turns and holds none now (it waits in the queue, and becomes quick as the running turns age): a flood of
 * connections from the owner's own machine (every local client is 127.0.0.1) does not lock out the owner's chat on
 * another connection from there; a new connection, or a second turn of one, is refused.
 *
 * Must never lose a slot: every admitted turn gets exactly one `release`, and a waiter whose signal aborts leaves
 * the queue without taking one.
 */
export type Admission = { ok: true; release: () => void } | { ok: false; why: "busy" | "address" | "cancelled" };

export type TurnAdmission = {
  /**
   * Waits for a slot for one turn of `client` (from `address`; its own by default); resolves `busy` at once when the
   * queue is full, `address` when its address holds `maxPerAddress` turns and the client is not quick.
   */
  admit(client: string, signal: AbortSignal, address?: string): Promise<Admission>;
  /** Turns running and waiting now (for status and tests). */
  load(): { running: number; queued: number };
  /** Turns running and waiting from `address` now (for tests). */
  heldFrom(address: string): number;
};

type Waiter = { client: string; address: string; seq: number; since: number; grant: (a: Admission) => void; signal: AbortSignal; onAbort: () => void };

export type TurnAdmissionLimits = {
  maxRunning: number;
  maxQueued: number;
  /** A monotonic clock (ms) for how long turns hold a slot; by default `performance.now`. */
  clock?: () => number;
  /** Slots past `maxRunning` for quick clients; an eighth of `maxRunning` (at least one) by default. */
  quickSlots?: number;
  /** Turns running and waiting from one address at once (quick clients apart); unlimited by default. */
  maxPerAddress?: number;
  /** Runs `run` after `ms` on the same clock, returning its cancel; an unref'd `setTimeout` by default (tests drive it). */
  timer?: (run: () => void, ms: number) => () => void;
};

const realTimer = (run: () => void, ms: number) => {
  const handle = setTimeout(run, ms);
  handle.unref();
  return () => clearTimeout(handle);
};

/** Clients whose usual turn is remembered; past this the least recently seen idle ones are forgotten. */
const RememberedClients = 1024;
/** Weight of the newest turn in a usual turn (an exponential moving average). */
const NewestWeight = 0.3;

export function createTurnAdmission(limits: TurnAdmissionLimits): TurnAdmission {
  const clock = limits.clock ?? (() => performance.now());
  let running = 0;
  // The sum of the running turns' start times: their average age without a scan.
  let startedSum = 0;
  let seq = 0;
  const runningBy = new Map<string, number>();
  // INVARIANT: an address is here only while it holds turns (running or waiting); bounded by the turns held.
  const heldBy = new Map<string, number>();
  const hold = (address: string) => heldBy.set(address, (heldBy.get(address) ?? 0) + 1);
  const letGo = (address: string) => {
    const left = (heldBy.get(address) ?? 1) - 1;
    if (left > 0) heldBy.set(address, left);
    else heldBy.delete(address);
  };
  const perAddress = limits.maxPerAddress ?? Number.POSITIVE_INFINITY;
  // INVARIANT: bounded by maxQueued; a scan per admission is cheap at that size.
  const waiting: Waiter[] = [];
  // INVARIANT: bounded by RememberedClients plus the clients running a turn; in order of their last turn's end.
  const usual = new Map<string, number>();
  let gatewayUsual = 0;
  const average = (old: number | undefined, ms: number) => (old === undefined ? ms : old + NewestWeight * (ms - old));
  const expected = (client: string) => usual.get(client) ?? gatewayUsual;
  const headroom = limits.quickSlots ?? Math.max(1, Math.ceil(limits.maxRunning / 8));
  const quick = (client: string) => {
    const mine = usual.get(client);
    const averageAge = running > 0 ? clock() - startedSum / running : 0;
    return mine !== undefined && !runningBy.has(client) && (mine * 4 < gatewayUsual || mine < averageAge);
  };
  /** A client that has had turns and holds none now: at its address's limit it waits (until quick) rather than being refused. */
  const known = (client: string) => usual.has(client) && !runningBy.has(client) && !waiting.some((w) => w.client === client);
  const record = (client: string, ms: number) => {
    const next = average(usual.get(client), ms);
    usual.delete(client);
    usual.set(client, next);
    gatewayUsual = average(gatewayUsual, ms);
    for (const key of usual.keys()) {
      if (usual.size <= RememberedClients) break;
      if (!runningBy.has(key)) usual.delete(key);
    }
  };
  /** Whether `a` goes before `b`: fewer turns running, then done sooner (usual turn less its wait), then the longer wait. */
  const before = (a: Waiter, b: Waiter, now: number): boolean => {
    const ra = runningBy.get(a.client) ?? 0;
    const rb = runningBy.get(b.client) ?? 0;
    if (ra !== rb) return ra < rb;
    const da = expected(a.client) - (now - a.since);
    const db = expected(b.client) - (now - b.since);
    return da !== db ? da < db : a.seq < b.seq;
  };

  const start = (client: string, address: string): Admission => {
    running++;
    runningBy.set(client, (runningBy.get(client) ?? 0) + 1);
    const startedAt = clock();
    startedSum += startedAt;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        running--;
        letGo(address);
        startedSum -= startedAt;
        const left = (runningBy.get(client) ?? 1) - 1;
        if (left > 0) runningBy.set(client, left);
        else runningBy.delete(client);
        record(client, clock() - startedAt);
        admitNext();
      },
    };
  };

  // INVARIANT: at most one timer, set for the soonest a waiting turn becomes quick as the running turns age.
  let cancelTimer: (() => void) | undefined;
  const timer = limits.timer ?? realTimer;
  /** Sets the timer for when the running turns will be older on average than a waiting client's usual turn. */
  function rearm(): void {
    cancelTimer?.();
    cancelTimer = undefined;
    if (running === 0 || running >= limits.maxRunning + headroom) return;
    let soonest = Number.POSITIVE_INFINITY;
    for (const w of waiting) {
      const mine = usual.get(w.client);
      if (mine !== undefined && !runningBy.has(w.client)) soonest = Math.min(soonest, startedSum / running + mine);
    }
    if (soonest === Number.POSITIVE_INFINITY) return;
    cancelTimer = timer(() => {
      cancelTimer = undefined;
      admitNext();
    }, Math.max(1, Math.ceil(soonest - clock()) + 1));
  }

  function admitNext(): void {
    while (running < limits.maxRunning && waiting.length > 0) {
      const now = clock();
      let best = 0;
      for (let i = 1; i < waiting.length; i++) {
        if (before(waiting[i] as Waiter, waiting[best] as Waiter, now)) best = i;
      }
      take(best);
    }
    // A quick client's waiting turn (it queued before the running turns had shown how long they take) goes in the
    // extra slots; one turn per client, as when it asks. The quickest first (the shortest usual turn, then the longest
    // waiting): once the running turns have aged, a flood's own short turns count as quick too, and in queue order
    // they would take every extra slot ahead of the owner's chat.
    while (running < limits.maxRunning + headroom) {
      let best = -1;
      for (let i = 0; i < waiting.length; i++) {
        const w = waiting[i] as Waiter;
        if (quick(w.client) && (best < 0 || expected(w.client) < expected((waiting[best] as Waiter).client))) best = i;
      }
      if (best < 0) break;
      take(best);
    }
    rearm();
  }
  function take(at: number): void {
    const [next] = waiting.splice(at, 1);
    if (!next) return;
    next.signal.removeEventListener("abort", next.onAbort);
    next.grant(start(next.client, next.address));
  }

  /**
   * Refuses the newest waiting turn of the client holding the most (running and waiting; then with the longest usual
   * turn) when it holds at least two more than `client`, or more and with a longer usual turn; whether a place was
   * freed. Either way the refused client, retrying, does not hold more than `client` by as much (or still has the
   * longer turns): the two never trade places back and forth.
   */
  function makeRoomFor(client: string): boolean {
    const held = new Map(runningBy);
    for (const w of waiting) held.set(w.client, (held.get(w.client) ?? 0) + 1);
    let hog: Waiter | undefined;
    let most = 0;
    let longest = 0;
    for (const w of waiting) {
      const h = held.get(w.client) ?? 0;
      const turn = expected(w.client);
      if (h > most || (h === most && (turn > longest || (turn === longest && w.seq > (hog?.seq ?? -1))))) {
        hog = w;
        most = h;
        longest = turn;
      }
    }
    const mine = held.get(client) ?? 0;
    if (hog === undefined || !(most >= mine + 2 || (most > mine && longest > expected(client)))) return false;
    waiting.splice(waiting.indexOf(hog), 1);
    letGo(hog.address);
    hog.signal.removeEventListener("abort", hog.onAbort);
    hog.grant({ ok: false, why: "busy" });
    return true;
  }

  return {
    admit(client, signal, address = client) {
      if (signal.aborted) return Promise.resolve({ ok: false, why: "cancelled" });
      if ((heldBy.get(address) ?? 0) >= perAddress && !quick(client) && !known(client)) return Promise.resolve({ ok: false, why: "address" });
      if (running < limits.maxRunning && waiting.length === 0) return Promise.resolve((hold(address), start(client, address)));
      if (quick(client) && running < limits.maxRunning + headroom) return Promise.resolve((hold(address), start(client, address)));
      if (waiting.length >= limits.maxQueued && !makeRoomFor(client)) return Promise.resolve({ ok: false, why: "busy" });
      hold(address);
      return new Promise<Admission>((grant) => {
        const waiter: Waiter = {
          client,
          address,
          seq: seq++,
          since: clock(),
          grant,
          signal,
          onAbort: () => {
            const at = waiting.indexOf(waiter);
            if (at >= 0) {
              waiting.splice(at, 1);
              letGo(address);
            }
            grant({ ok: false, why: "cancelled" });
          },
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
        waiting.push(waiter);
        rearm();
      });
    },
    load: () => ({ running, queued: waiting.length }),
    heldFrom: (address) => heldBy.get(address) ?? 0,
  };
}

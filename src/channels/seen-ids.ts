/**
 * A bounded memory of ids already handled, for adapters that must not deliver a platform's re-delivery or an
 * attacker's replay twice. Insertion order is age: past `max` ids the oldest is forgotten first, so a flood of
 * distinct ids costs a fixed amount of memory.
 */
export type SeenIds = {
  /** True the first time `id` is offered, false for a repeat it still remembers. */
  first(id: string): boolean;
  readonly size: number;
};

export function createSeenIds(max: number): SeenIds {
  const limit = Math.max(1, max);
  // INVARIANT: at most `limit` entries; the first key is the oldest.
  const seen = new Set<string>();
  return {
    first(id) {
      if (seen.has(id)) return false;
      seen.add(id);
      if (seen.size > limit) seen.delete(seen.values().next().value as string);
      return true;
    },
    get size() {
      return seen.size;
    },
  };
}

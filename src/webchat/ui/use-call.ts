/** Loading a gateway method's result into a page, and how pages show a time. */
import { useEffect, useState } from "preact/hooks";
import type { CallError } from "./connection.ts";

export const when = (ms: number) => new Date(ms).toLocaleString();

/** Loads a method's result when the page opens and after `refresh()`; errors are shown, never thrown. */
export function useCall<T>(load: () => Promise<T>, deps: readonly unknown[]): { data?: T; error?: string; refresh: () => void } {
  const [state, setState] = useState<{ data?: T; error?: string }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then((data) => live && setState({ data }), (e: CallError) => live && setState({ error: e.message }));
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...state, refresh: () => setTick((t) => t + 1) };
}


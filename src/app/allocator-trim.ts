/**
 * Gives the pages glibc's malloc holds free back to the OS: `malloc_trim`, which JavaScript cannot call directly.
 *
 * Why: glibc returns freed memory in the middle of its heaps only on `malloc_trim`; on its own it gives back the
 * top of a heap alone. A surge (100 KB replies streamed, stored and sent to many clients) leaves the main heap
 * fragmented: after the abuse benchmark's 2,000-turn burst it held 46 MB of which 11.5 MB were in use
 * (`malloc_stats`), and the 35 MB free stayed resident for good, because a few live blocks sat above them.
 * `malloc_trim(0)` (called from a debugger on that gateway) took it from 158 to 123 MB.
 *
 * How: SQLite (`node:sqlite`, built into Node) loads extensions with `dlopen` and calls the named entry point. Asked
 * to load `libc.so.6` with the entry point `malloc_trim`, it calls `malloc_trim(db, …)`: the C ABIs Node runs on pass
 * the first argument in a register, so `pad` is the handle's address, which only stops glibc from also cutting the
 * top of the heap (already done at every large free); the trim of free pages inside the heaps does not use it.
 * malloc_trim's return value (1: memory released) reads as an initialisation error to SQLite, which is ignored.
 *
 * Only where glibc runs the process (the report's `glibcVersionRuntime`): `libc.so.6` is then loaded already, so
 * `dlopen` returns that library and reads no file. Elsewhere (musl, macOS, Windows) there is nothing to call and no
 * library is looked up. The connection is an in-memory one opened for the call, never the state database.
 */
import { DatabaseSync } from "node:sqlite";

/** Returns glibc's free heap pages to the OS; never throws. */
export type TrimAllocator = () => void;

/**
 * The trim: glibc's `malloc_trim` where glibc runs the process, nothing elsewhere. Which one is known at the first
 * call (the process report, a few ms), not when the gateway starts.
 */
export function glibcAllocatorTrim(): TrimAllocator {
  let onGlibc: boolean | undefined;
  return () => {
    try {
      onGlibc ??= typeof (process.report.getReport() as { header?: { glibcVersionRuntime?: unknown } }).header?.glibcVersionRuntime === "string";
    } catch {
      onGlibc = false;
    }
    if (!onGlibc) return;
    try {
      const db = new DatabaseSync(":memory:", { allowExtension: true });
      try {
        db.loadExtension("libc.so.6", "malloc_trim");
      } finally {
        db.close();
      }
    } catch {
      // "error during initialization" is malloc_trim saying it released memory; any other failure leaves the memory
      // where it was, which is all a failed trim can do.
    }
  };
}

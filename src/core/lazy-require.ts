import { createRequire } from "node:module";

/**
 * A package loaded at its first use, synchronously (through `require`), for a library that a configuration may
 * never need: the gateway starts without its code and memory, and the first caller pays for loading it, once.
 * `from` is the importing module's `import.meta.url`, so the package resolves as a static import there would.
 */
export function lazyRequire<T>(specifier: string, from: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= createRequire(from)(specifier) as T);
}

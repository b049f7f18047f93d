/**
 * A stamp of the code behind a module: the module's file and every file it imports, transitively (relative
 * imports followed, a package taken at the file its name resolves to), each with its size and modification time.
 * What that code computed can be cached under the stamp and trusted while the stamp still matches: an edited,
 * replaced, moved or reinstalled file changes it (config/config-view.ts caches `config get`'s view this way).
 *
 * Imports are found in the source text (`from "…"`, `import("…")`, `import "…"`). Finding one too many (a
 * specifier in a comment) costs a `stat`; missing one would keep a stale cache, so the scan takes every spelling
 * this codebase uses (STYLE.md: static imports with a literal path, dynamic imports of a literal), and a file whose
 * imports change has itself changed. Never throws: a file it cannot read is stamped as missing (and matches only
 * while it stays missing).
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export type SourceStamp = { file: string; size: number; mtimeMs: number }[];

const importSpecifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"'\n]+)["']/g;

/** At most this many files: far above any module graph here; past it the stamp is cut short and never matches. */
const maxFiles = 5_000;

function stampOf(file: string): { file: string; size: number; mtimeMs: number } {
  try {
    const stat = statSync(file);
    return { file, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return { file, size: -1, mtimeMs: -1 };
  }
}

/** A package's specifier as the file it resolves to; undefined for builtins (`node:…`) and what does not resolve. */
function resolvePackage(specifier: string): string | undefined {
  if (specifier.startsWith("node:")) return undefined;
  try {
    const url = import.meta.resolve(specifier);
    return url.startsWith("file:") ? fileURLToPath(url) : undefined;
  } catch {
    return undefined;
  }
}

/** The stamp of `entry` (a module's file path) and everything it imports. */
export function stampSources(entry: string): SourceStamp {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  const stamp: SourceStamp = [];
  for (let next = queue.shift(); next !== undefined && stamp.length < maxFiles; next = queue.shift()) {
    stamp.push(stampOf(next));
    // Packages are stamped at their entry file and not followed: installing them again rewrites that file too.
    if (next.includes("/node_modules/")) continue;
    let text: string;
    try {
      text = readFileSync(next, "utf8");
    } catch {
      continue;
    }
    for (const match of text.matchAll(importSpecifier)) {
      const specifier = match[1] as string;
      const file = specifier.startsWith(".") ? resolve(dirname(next), specifier) : resolvePackage(specifier);
      if (file === undefined || seen.has(file)) continue;
      seen.add(file);
      queue.push(file);
    }
  }
  if (stamp.length >= maxFiles) stamp.push({ file: "", size: -2, mtimeMs: -2 });
  return stamp;
}

/** Whether every file of `stamp` is still as it was stamped. */
export function stampMatches(stamp: SourceStamp): boolean {
  return stamp.length > 0 && stamp.every((s) => {
    const now = stampOf(s.file);
    return now.size === s.size && now.mtimeMs === s.mtimeMs;
  });
}

/**
 * Whether the file system holding a folder folds letter case (macOS and Windows by default: `Makefile` and
 * `makefile` are one file there, two on Linux). Probed on the folder itself: its own name with the case of its letters
 * swapped leads to the same file or not. A folder whose path has no letters, or that cannot be probed, is taken to keep
 * case (the stricter answer where a name the owner typed must be the very file). Remembered per folder.
 */
import { statSync } from "node:fs";
import { basename, dirname, join } from "node:path";

const known = new Map<string, boolean>();

/** Never throws. */
export function foldsCase(dir: string): boolean {
  const hit = known.get(dir);
  if (hit !== undefined) return hit;
  let answer = false;
  // The nearest component with a letter in it is probed (`/tmp/ws-123` → `WS-123`).
  for (let at = dir; dirname(at) !== at; at = dirname(at)) {
    const name = basename(at);
    const swapped = [...name].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join("");
    if (swapped === name) continue;
    try {
      const a = statSync(at);
      const b = statSync(join(dirname(at), swapped));
      answer = a.dev === b.dev && a.ino === b.ino;
    } catch {
      answer = false;
    }
    break;
  }
  if (known.size >= 256) known.clear();
  known.set(dir, answer);
  return answer;
}

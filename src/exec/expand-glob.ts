import path from "node:path";
import type { ExecFs } from "./resolve-binary.ts";

const maxMatches = 2_000;

function segmentRegex(segment: string): RegExp | null {
  let re = "^";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === "*") re += ".*";
    else if (c === "?") re += ".";
    else if (c === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close === -1) {
        re += "\\[";
        continue;
      }
      // INVARIANT: a bracket expression is widened to "any one character": a superset of bash's matches.
      re += ".";
      i = close;
    } else if (c === "\\") {
      return null;
    } else re += c.replace(/[.+^${}()|\]\\/]/g, "\\$&");
  }
  return new RegExp(`${re}$`, "s");
}

/**
 * Expands an unquoted glob word the way bash does by default (no dotglob, no globstar, no nullglob), or a
 * superset of it. Returns null when the pattern is beyond what can be judged (globs in directory parts,
 * too many matches); returns `[pattern]` when nothing matches, as bash passes the word unchanged.
 * Must never return fewer files than bash would match.
 */
export function expandGlob(pattern: string, cwd: string, fs: ExecFs): string[] | null {
  const slash = pattern.lastIndexOf("/");
  const dirPart = slash === -1 ? "" : pattern.slice(0, slash + 1);
  const last = slash === -1 ? pattern : pattern.slice(slash + 1);
  if (/[*?[]/.test(dirPart) || last === "") return null;
  const re = segmentRegex(last);
  if (re === null) return null;
  const dir = path.resolve(cwd, dirPart === "" ? "." : dirPart);
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return [pattern];
  }
  // Bash < 5.2 lets a leading-dot pattern match `.` and `..`; count them as matches to stay a superset.
  const candidates = last.startsWith(".") ? [".", "..", ...entries] : entries.filter((e) => !e.startsWith("."));
  const matches = candidates.filter((e) => re.test(e)).sort();
  if (matches.length > maxMatches) return null;
  return matches.length === 0 ? [pattern] : matches.map((m) => `${dirPart}${m}`);
}

/**
 * `--deep`: compares the installed versions in package-lock.json against the advisory list shipped in
 * `advisories.json`. Offline by design (the audit must work without network); the finding says so and
 * names the list's date.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Advisory, DependencyCheck } from "./types.ts";

const advisoryFile = z.strictObject({
  compiledOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  note: z.string(),
  advisories: z.array(z.strictObject({
    id: z.string().min(1), package: z.string().min(1), vulnerable: z.string().min(1),
    severity: z.enum(["critical", "high", "moderate", "low"]), title: z.string().min(1), url: z.url(),
  })),
});
const lockFile = z.object({ packages: z.record(z.string(), z.object({ version: z.string().optional() })) });

type Version = [number, number, number];

export function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** `range` is `||`-separated sets of space-separated comparators (`<1.2.3`, `>=2.0.0`, `=1.0.0`). */
export function versionInRange(version: string, range: string): boolean {
  const v = parseVersion(version);
  if (v === undefined) return true; // fail closed: an unparseable version is reported, not waved through
  return range.split("||").some((set) => set.trim().split(/\s+/).every((cmp) => {
    const m = /^(<=|>=|<|>|=)?(.+)$/.exec(cmp);
    const bound = m?.[2] === undefined ? undefined : parseVersion(m[2]);
    if (bound === undefined) return false;
    const c = compare(v, bound);
    switch (m?.[1]) {
      case "<": return c < 0;
      case "<=": return c <= 0;
      case ">": return c > 0;
      case ">=": return c >= 0;
      default: return c === 0;
    }
  }));
}

export function loadAdvisories(text: string): { compiledOn: string; advisories: Advisory[] } {
  return advisoryFile.parse(JSON.parse(text));
}

export function checkDependencies(lockPath: string, advisoriesText: string): DependencyCheck {
  const { compiledOn, advisories } = loadAdvisories(advisoriesText);
  const base = { advisoriesDate: compiledOn, advisoriesCount: advisories.length, packagesChecked: 0, matches: [] };
  let lock: z.infer<typeof lockFile>;
  try {
    lock = lockFile.parse(JSON.parse(readFileSync(lockPath, "utf8")));
  } catch (error) {
    return { ...base, error: `\`${lockPath}\` could not be read as a package lock: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` };
  }
  const matches: DependencyCheck["matches"] = [];
  let packagesChecked = 0;
  for (const [key, entry] of Object.entries(lock.packages)) {
    const idx = key.lastIndexOf("node_modules/");
    if (idx === -1 || entry.version === undefined) continue;
    packagesChecked++;
    const name = key.slice(idx + "node_modules/".length);
    for (const advisory of advisories) {
      if (advisory.package === name && versionInRange(entry.version, advisory.vulnerable)) matches.push({ advisory, version: entry.version });
    }
  }
  return { ...base, packagesChecked, matches };
}

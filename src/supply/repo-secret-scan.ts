/**
 * The repository secret scan CI runs: every tracked file (the caller lists them, from `git ls-files`) through
 * the same secret rules `warden security audit` uses (src/scan's gitleaks rules). Test fixtures that hold
 * credential-shaped strings on purpose are allowed one by one in an allowlist — path, rule, and the reason —
 * never by a pattern, so a real key pasted next to a fixture is still caught. An allowlist entry that no
 * longer matches anything is reported, so the list does not outlive its fixtures.
 */
import { join } from "node:path";
import { z } from "zod";
import { readSmallFile } from "../audit/scan-tree.ts";
import type { FindSecrets, SecretHit } from "../audit/types.ts";

const allowEntry = z.strictObject({ path: z.string().min(1), ruleId: z.string().min(1), reason: z.string().min(10) });
export const secretAllowlist = z.strictObject({ allow: z.array(allowEntry) });
export type SecretAllowlist = z.infer<typeof secretAllowlist>;

export type RepoSecretScan = {
  filesScanned: number;
  /** Tracked files not scanned: binary (a NUL byte), larger than the cap, or unreadable (a symlink, a dir). */
  filesSkipped: number;
  /** Secrets not covered by the allowlist: each one fails CI. Never the matched text. */
  leaks: SecretHit[];
  allowed: number;
  /** Allowlist entries that matched nothing. */
  unusedAllowances: z.infer<typeof allowEntry>[];
};

const MAX_FILE_BYTES = 2 * 1024 * 1024;

export function scanRepositoryFiles(root: string, files: readonly string[], findSecrets: FindSecrets, allowlist: SecretAllowlist): RepoSecretScan {
  const allowKey = (path: string, ruleId: string) => `${path}\0${ruleId}`;
  const allowances = new Map(allowlist.allow.map((a) => [allowKey(a.path, a.ruleId), a]));
  const used = new Set<string>();
  const result: RepoSecretScan = { filesScanned: 0, filesSkipped: 0, leaks: [], allowed: 0, unusedAllowances: [] };
  for (const path of files) {
    const bytes = readSmallFile(join(root, path), MAX_FILE_BYTES);
    if (bytes === undefined || bytes.includes(0)) {
      result.filesSkipped++;
      continue;
    }
    result.filesScanned++;
    for (const hit of findSecrets(bytes.toString("utf8"))) {
      const key = allowKey(path, hit.ruleId);
      if (allowances.has(key)) {
        used.add(key);
        result.allowed++;
      } else {
        result.leaks.push({ path, ruleId: hit.ruleId, line: hit.line ?? 0 });
      }
    }
  }
  result.unusedAllowances = [...allowances].filter(([key]) => !used.has(key)).map(([, a]) => a);
  return result;
}

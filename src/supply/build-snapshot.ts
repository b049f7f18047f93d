/**
 * What `warden security advisories build` does: reads every `*.json` OSV record under the given directories
 * (a checkout of the GitHub Advisory Database, osv.dev's npm export, the project's own advisories), keeps the
 * ones with an npm package, and signs them as one dated snapshot. A file that is not a valid OSV record stops
 * the build with its name: a snapshot silently missing an advisory would read as "not affected".
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describeError } from "../core/errors.ts";
import { osvRecord, type OsvRecord } from "./osv.ts";
import { NPM_ECOSYSTEM } from "./osv-match.ts";

export type OsvDirectoryRead = {
  records: OsvRecord[];
  filesRead: number;
  /** Valid records with no npm package (other ecosystems): left out. */
  otherEcosystems: number;
  /** Files that are not OSV records, with why; the build refuses when there is any. */
  invalid: { file: string; reason: string }[];
};

/** Reads the OSV records under `dirs` (recursively, `*.json`); the newest `modified` wins for a repeated id. */
export function readOsvDirectories(dirs: readonly string[]): OsvDirectoryRead {
  const byId = new Map<string, OsvRecord>();
  const result: OsvDirectoryRead = { records: [], filesRead: 0, otherEcosystems: 0, invalid: [] };
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".json")) continue;
      const file = join(entry.parentPath, entry.name);
      result.filesRead++;
      let record: OsvRecord;
      try {
        const parsed = osvRecord.safeParse(JSON.parse(readFileSync(file, "utf8")));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          result.invalid.push({ file, reason: `${issue?.message ?? "invalid"} at \`${issue?.path.join(".") ?? ""}\`` });
          continue;
        }
        record = parsed.data;
      } catch (error) {
        result.invalid.push({ file, reason: describeError(error).split("\n")[0] ?? "unreadable" });
        continue;
      }
      if (!(record.affected ?? []).some((a) => a.package.ecosystem === NPM_ECOSYSTEM)) {
        result.otherEcosystems++;
        continue;
      }
      const seen = byId.get(record.id);
      if (seen === undefined || Date.parse(record.modified) > Date.parse(seen.modified)) byId.set(record.id, record);
    }
  }
  result.records = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return result;
}

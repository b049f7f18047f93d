/**
 * Is what is installed what package-lock.json says? Compares the lock against npm's record of the install
 * (`node_modules/.package-lock.json`, written by npm 7+ with each package's integrity hash) and against each
 * installed package's own package.json (name, version, and `_integrity` where an older npm wrote one).
 * A package missing from the install is a problem unless the lock marks it optional (a platform binary for
 * another OS); a package installed but absent from the lock is a problem too.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { describeError } from "../core/errors.ts";
import { parseLockFile, type LockEntry } from "./lock-file.ts";

export type IntegrityProblem = { path: string; problem: string };
export type LockIntegrity = { checked: number; optionalAbsent: number; problems: IntegrityProblem[] };

const installedManifest = z.looseObject({ name: z.string().optional(), version: z.string().optional(), _integrity: z.string().optional() });

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8"));
}

function byPath(entries: readonly LockEntry[]): Map<string, LockEntry> {
  return new Map(entries.map((e) => [e.path, e]));
}

/** `projectDir` holds package-lock.json's packages under `node_modules/`. Never throws: failures are problems. */
export function checkLockIntegrity(lockText: string, projectDir: string): LockIntegrity {
  const result: LockIntegrity = { checked: 0, optionalAbsent: 0, problems: [] };
  let wanted: Map<string, LockEntry>;
  let installed: Map<string, LockEntry>;
  try {
    wanted = byPath(parseLockFile(lockText).entries);
  } catch (error) {
    result.problems.push({ path: "package-lock.json", problem: describeError(error) });
    return result;
  }
  try {
    installed = byPath(parseLockFile(readFileSync(join(projectDir, "node_modules", ".package-lock.json"), "utf8")).entries);
  } catch (error) {
    result.problems.push({ path: "node_modules/.package-lock.json", problem: `npm's install record could not be read (${describeError(error).split("\n")[0] ?? ""}); run \`npm ci\`` });
    return result;
  }
  for (const [path, want] of wanted) {
    if (want.link) continue;
    const have = installed.get(path);
    if (have === undefined) {
      if (want.optional) result.optionalAbsent++;
      else result.problems.push({ path, problem: `in package-lock.json (${want.version}) but not installed` });
      continue;
    }
    result.checked++;
    if (have.version !== want.version) result.problems.push({ path, problem: `installed ${have.version}, package-lock.json says ${want.version}` });
    if (have.integrity !== want.integrity) result.problems.push({ path, problem: `integrity hash differs from package-lock.json (installed \`${have.integrity ?? "none"}\`, locked \`${want.integrity ?? "none"}\`)` });
    let manifest: z.infer<typeof installedManifest>;
    try {
      manifest = installedManifest.parse(readJson(join(projectDir, path, "package.json")));
    } catch (error) {
      result.problems.push({ path, problem: `its package.json could not be read (${describeError(error).split("\n")[0] ?? ""})` });
      continue;
    }
    if (manifest.version !== want.version) result.problems.push({ path, problem: `package.json says version ${manifest.version ?? "(none)"}, package-lock.json says ${want.version}` });
    if (manifest.name !== undefined && manifest.name !== want.name) result.problems.push({ path, problem: `package.json names \`${manifest.name}\`, package-lock.json \`${want.name}\`` });
    if (manifest._integrity !== undefined && manifest._integrity !== want.integrity) result.problems.push({ path, problem: "package.json's `_integrity` differs from package-lock.json" });
  }
  for (const path of installed.keys()) {
    if (!wanted.has(path)) result.problems.push({ path, problem: "installed but not in package-lock.json" });
  }
  return result;
}

/**
 * Credential files a repository stores — in any commit reachable from a ref or a reflog, or in the index. The
 * sandbox masks credential files in the work tree, but `git log -p` or `git show` print them from the object
 * store, where no mask reaches: a command that prints stored contents is asked when this finds any.
 *
 * Runs the real git, like git-hazards.ts, with the sandbox's environment (repository programs disarmed by the
 * fixed hardening) and only plumbing that lists names: `rev-list --objects` and `ls-files`, which run no filter,
 * diff driver or pager. Must never throw: a failure or a truncated listing is reported as incomplete.
 */
import path from "node:path";
import { spawn as nodeSpawn } from "node:child_process";
import { isSecretPath } from "../scan/secret-path.ts";
import { buildSandboxEnv } from "./environment.ts";
import { runProcess } from "./run-process.ts";
import type { SpawnFn } from "./types.ts";

export type StoredCredentials = { paths: string[]; complete: boolean };
export type GitStoredDeps = { spawn?: SpawnFn; git?: string; timeoutMs?: number; maxOutputBytes?: number };

export async function findStoredCredentials(repo: string, workspace: string, deps: GitStoredDeps = {}): Promise<StoredCredentials> {
  const { env } = buildSandboxEnv({ home: "/nonexistent" });
  env.GIT_CEILING_DIRECTORIES = path.dirname(workspace);
  const run = (args: string[]) => runProcess(deps.spawn ?? nodeSpawn, {
    command: deps.git ?? "/usr/bin/git",
    // `--missing=allow-any`: a partial clone's missing objects are skipped, never fetched.
    args: ["--no-pager", "-c", "protocol.allow=never", ...args],
    env, cwd: repo, timeoutMs: deps.timeoutMs ?? 10_000, maxOutputBytes: deps.maxOutputBytes ?? 32 << 20,
  });
  const notRepository = (stderr: string) => /not a git repository/i.test(stderr);
  const found = new Set<string>();
  let complete = true;
  const history = await run(["rev-list", "--objects", "--all", "--reflog", "--indexed-objects", "--missing=allow-any"]);
  // Not inside any repository: git has nothing stored to print here.
  if (history.exitCode !== 0 && notRepository(history.stderr)) return { paths: [], complete: true };
  // A repository without any commit makes rev-list fail; its index is still read below.
  if (history.truncated || (history.exitCode !== 0 && !/does not have any commits|bad revision|unknown revision/.test(history.stderr))) complete = false;
  else {
    for (const line of history.stdout.split("\n")) {
      const space = line.indexOf(" ");
      if (space !== -1 && isSecretPath(line.slice(space + 1))) found.add(line.slice(space + 1));
    }
  }
  const index = await run(["ls-files", "-z", "--cached"]);
  if (index.truncated || index.exitCode !== 0) complete = false;
  else for (const p of index.stdout.split("\0")) if (p !== "" && isSecretPath(p)) found.add(p);
  return { paths: [...found].sort(), complete };
}

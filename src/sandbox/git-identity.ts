/**
 * The owner's git identity for commits made in the sandbox. The sandbox shows git no global configuration
 * (`GIT_CONFIG_GLOBAL=/dev/null`, the home directory hidden), so `git commit` there would not know who commits.
 * Warden's config (`tools.exec.git.name`/`email`) names it; a field it leaves unset is read from the host's global
 * git configuration, `user.name` and `user.email` only: nothing else of that file (credential helpers, aliases, hooks
 * paths, includes) ever reaches a command. Never throws: an unreadable host configuration is no identity.
 */
import { execFile } from "node:child_process";
import { DEFAULT_PATH, type GitIdentity } from "./environment.ts";

/** One key of the host's global git configuration, read by git itself (`--no-includes`: the file's own value only). */
function readGlobalKey(homeDir: string, key: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    // INVARIANT: a fixed environment, not the gateway's: no GIT_DIR/GIT_CONFIG_* of the host steers this read.
    execFile("git", ["config", "--global", "--no-includes", "--get", key], {
      cwd: "/",
      env: { PATH: DEFAULT_PATH, HOME: homeDir, GIT_CONFIG_NOSYSTEM: "1", LC_ALL: "C" },
      timeout: 5000,
      maxBuffer: 4096,
      encoding: "utf8",
    }, (error, stdout) => {
      const value = error === null ? stdout.trim() : "";
      resolve(value === "" ? undefined : value);
    });
  });
}

/** The host's global `user.name` and `user.email` (its home `homeDir`), each undefined when unset or unreadable. */
export async function readHostGitIdentity(homeDir: string): Promise<GitIdentity> {
  if (homeDir === "") return {};
  const [name, email] = await Promise.all([readGlobalKey(homeDir, "user.name"), readGlobalKey(homeDir, "user.email")]);
  return { ...(name !== undefined ? { name } : {}), ...(email !== undefined ? { email } : {}) };
}

/**
 * The identity commands get: each field from `configured` (Warden's config), else from the host's global git
 * configuration, read once on first use and kept (the gateway reads its config once too).
 */
export function createGitIdentitySource(configured: { name?: string | undefined; email?: string | undefined }, homeDir: string): () => Promise<GitIdentity> {
  const merged = (host: GitIdentity): GitIdentity => {
    const name = configured.name ?? host.name;
    const email = configured.email ?? host.email;
    return { ...(name !== undefined ? { name } : {}), ...(email !== undefined ? { email } : {}) };
  };
  let found: Promise<GitIdentity> | undefined;
  return () => {
    if (configured.name !== undefined && configured.email !== undefined) return Promise.resolve(merged({}));
    found ??= readHostGitIdentity(homeDir).then(merged);
    return found;
  };
}

/**
 * What the model tells the owner when a commit failed for want of an identity (git's own message names
 * `git config --global`, which the sandbox cannot see); undefined for any other failure.
 */
export function missingIdentityNote(stderr: string, identity: GitIdentity): string | undefined {
  if (!/\b(Author|Committer) identity unknown\b|Please tell me who you are|unable to auto-detect email address|empty ident name/.test(stderr)) return undefined;
  const missing = [identity.name === undefined ? "name" : "", identity.email === undefined ? "e-mail" : ""].filter((m) => m !== "").join(" and ") || "name or e-mail (the one set is not accepted by git)";
  return `[Warden: git has no author ${missing} in the sandbox, which does not see the host's git configuration; the owner can set it with \`warden config set tools.exec.git.name "Your Name"\` and \`warden config set tools.exec.git.email you@example.com\` and restart the gateway (or set user.name/user.email with \`git config --global\` on the host before the gateway starts)]`;
}

/**
 * The environment a sandboxed (or host-fallback) command sees. Built from nothing: the gateway's own
 * environment never passes, so credentials in it cannot leak into a command.
 */

export const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/**
 * Git hardening as command-scope config (GIT_CONFIG_COUNT/KEY/VALUE). Command scope wins over the
 * repository's own `.git/config`, so a repository cannot turn `git status|log|diff` into code execution
 * through a pager, fsmonitor, hooks or signature verification.
 */
export const GIT_HARDENING: readonly (readonly [string, string])[] = [
  ["core.pager", "cat"],
  ["core.fsmonitor", "false"],
  ["core.hooksPath", "/dev/null"],
  ["core.sshCommand", "false"],
  ["core.editor", "false"],
  ["sequence.editor", "false"],
  ["core.askPass", "false"],
  // An empty value resets the helper list that system/global/repo config built up.
  ["credential.helper", ""],
  ["log.showSignature", "false"],
  ["gpg.program", "false"],
  ["gpg.ssh.program", "false"],
  ["gpg.x509.program", "false"],
  ["protocol.ext.allow", "never"],
  ["protocol.file.allow", "user"],
  ["pager.status", "false"],
  ["pager.log", "false"],
  ["pager.diff", "false"],
  ["color.ui", "false"],
  // A bare repository planted inside the workspace is discovered by git and its config obeyed.
  ["safe.bareRepository", "explicit"],
  // Programs with fixed names that the list above did not pin yet.
  ["gpg.ssh.defaultKeyCommand", "false"],
  ["core.alternateRefsCommand", ""],
  // `core.gitProxy` keeps its first value, so a command-scope value cannot beat the repository's: refuse git://.
  ["protocol.git.allow", "never"],
];

// `section.subsection.name`: git's own syntax; a key outside it is dropped rather than passed to git.
const GIT_KEY = /^[A-Za-z][A-Za-z0-9-]*(\.[^\0\n]*)?\.[A-Za-z][A-Za-z0-9-]*$/;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names that change how the loader, the shell or git behave before the script's first word runs. */
function isUnsafeName(name: string): boolean {
  if (!NAME.test(name)) return true;
  const upper = name.toUpperCase();
  if (upper.startsWith("LD_") || upper.startsWith("DYLD_") || upper.startsWith("BASH_FUNC_")) return true;
  if (upper.startsWith("GIT_")) return true;
  return [
    "BASH_ENV", "ENV", "SHELLOPTS", "BASHOPTS", "PS4", "PROMPT_COMMAND", "IFS", "CDPATH", "GLOBIGNORE",
    "GCONV_PATH", "HOSTALIASES", "LOCALDOMAIN", "RES_OPTIONS", "MALLOC_CHECK_", "NODE_OPTIONS", "PYTHONSTARTUP",
    "PERL5OPT", "PERL5LIB", "PYTHONPATH", "RUBYOPT", "PAGER", "EDITOR", "VISUAL", "SSH_AUTH_SOCK", "PATH", "HOME",
  ].includes(upper);
}

export type SandboxEnv = { env: Record<string, string>; dropped: string[] };

/** The owner's git identity for commits made in the sandbox, which sees none of the host's git configuration. */
export type GitIdentity = { name?: string; email?: string };

// What git itself accepts in an ident: no line break, NUL or angle bracket (it would end the field early).
const IDENT = /^[^\0\n\r<>]{1,200}$/;

/** `GIT_AUTHOR_*` and `GIT_COMMITTER_*` for each field of the identity git would accept; nothing for the rest. */
export function gitIdentityEnv(identity: GitIdentity | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  const name = identity?.name?.trim();
  const email = identity?.email?.trim();
  if (name !== undefined && IDENT.test(name)) Object.assign(env, { GIT_AUTHOR_NAME: name, GIT_COMMITTER_NAME: name });
  if (email !== undefined && IDENT.test(email)) Object.assign(env, { GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_EMAIL: email });
  return env;
}

/**
 * The full environment for one command: fixed base, then the caller's vetted extras minus unsafe names,
 * then git hardening last so nothing can override it.
 */
export function buildSandboxEnv(options: {
  home: string;
  path?: string;
  extra?: Readonly<Record<string, string>>;
  /** Command-scope overrides of repository configuration (see `neutraliseGitConfig`); the hardening still wins. */
  gitConfig?: readonly (readonly [string, string])[];
  /** The owner's name and e-mail for commits (config `tools.exec.git`): the only thing of a git identity that passes. */
  gitIdentity?: GitIdentity;
}): SandboxEnv {
  const env: Record<string, string> = {
    PATH: options.path ?? DEFAULT_PATH,
    HOME: options.home,
    TMPDIR: "/tmp",
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    TERM: "dumb",
    NO_COLOR: "1",
  };
  const dropped: string[] = [];
  for (const [name, value] of Object.entries(options.extra ?? {})) {
    if (isUnsafeName(name) || value.includes("\0")) {
      dropped.push(name);
      continue;
    }
    env[name] = value;
  }
  Object.assign(env, {
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_PAGER: "cat",
    PAGER: "cat",
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "false",
    SSH_ASKPASS: "false",
    GIT_EDITOR: "false",
    ...gitIdentityEnv(options.gitIdentity),
  });
  const overrides = (options.gitConfig ?? []).filter(([key, value]) => GIT_KEY.test(key) && !value.includes("\0"));
  const all = [...overrides, ...GIT_HARDENING];
  env.GIT_CONFIG_COUNT = String(all.length);
  all.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return { env, dropped };
}

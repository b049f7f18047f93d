import path from "node:path";
import { findExecuteLater } from "../fs/execute-later.ts";
import { isSecretPath } from "../scan/secret-path.ts";
import type { ExecFs } from "./resolve-binary.ts";

/** Where paths are judged from. All directories are real paths (symlinks resolved). */
export type PathContext = { cwd: string; workspace: string; homeDir: string; stateDir: string; fs: ExecFs };

export type PathVerdict = {
  /** The physical path after resolving every existing component (symlinks and `..` as the kernel does). */
  real: string;
  inside: boolean;
  /** Why the path holds secrets, or null. */
  secret: string | null;
  /** Why writing there is dangerous (rc files, hooks, CI), or null. */
  sensitive: string | null;
};

const homeSecrets = [".ssh", ".aws", ".gnupg", ".config/gcloud", ".kube", ".docker", ".netrc", ".npmrc", ".pypirc",
  ".git-credentials", ".config/gh", ".password-store", ".azure", ".bash_history", ".zsh_history", ".python_history",
  ".node_repl_history", ".mozilla", ".config/google-chrome", ".config/chromium", ".local/share/keyrings", ".vault-token",
  ".pgpass", ".my.cnf", ".terraform.d", ".config/op", ".cargo/credentials", ".cargo/credentials.toml", ".gem/credentials",
  ".config/hub", ".m2/settings.xml", ".gradle/gradle.properties", ".oci", ".config/rclone"];
const secretComponents = new Set([".ssh", ".gnupg", ".aws", ".password-store"]);
const secretBase = [/^\.env(\..*)?$/, /\.env$/, /\.(pem|key|p12|pfx|jks|keystore|kdbx|asc|gpg|ppk)$/i,
  /^id_(rsa|dsa|ecdsa|ed25519)/, /^\.netrc$/, /^\.pgpass$/, /^credentials(\.json|\.toml|\.yml|\.yaml)?$/,
  /^\.git-credentials$/, /^\.htpasswd$/, /^secrets?\.(json|ya?ml|toml|env)$/i, /^service-account.*\.json$/i,
  /^\.npmrc$/, /^\.pypirc$/, /^\.vault-token$/, /^\.dockercfg$/, /^token(s)?(\.json|\.txt)?$/i];
// Repository configuration may hold credentials in remote URLs (`https://user:token@host`).
const secretPaths = [/\/\.git\/config$/];
const systemSecrets = [/^\/proc\/[^/]+\/(environ|mem|auxv|root|cwd|fd|maps|cmdline|task)/, /^\/etc\/(shadow|gshadow|sudoers)/,
  /^\/etc\/ssh\/.*key/, /^\/root(\/|$)/, /^\/run\/secrets/, /^\/var\/run\/secrets/, /^\/dev\/(mem|kmem|port|sd|nvme|hd)/,
  /^\/sys\/firmware/];

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * Resolves `p` as the kernel would from `cwd`: component by component, following symlinks of every existing
 * component (so `link/..` goes where the link points). Must never report a path inside the workspace that the
 * kernel would resolve outside it.
 */
export function resolvePhysical(p: string, cwd: string, fs: ExecFs): string {
  const parts = p.split("/");
  let current = p.startsWith("/") ? "/" : cwd;
  let exists = true;
  for (const part of parts) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      current = path.dirname(current);
      continue;
    }
    current = path.join(current, part);
    if (!exists) continue;
    try {
      current = fs.realpathSync(current);
    } catch {
      // INVARIANT: past a missing component the rest is lexical; the kernel would fail there anyway.
      exists = false;
    }
  }
  return current;
}

function homeSecret(real: string, home: string): string | null {
  if (!isInside(real, home)) return null;
  const rel = path.relative(home, real);
  for (const s of homeSecrets) if (rel === s || rel.startsWith(`${s}/`)) return `\`~/${s}\` holds credentials`;
  return null;
}

/** Secret-holding locations: credentials in the home directory, Warden's state, /proc environments, key files. */
export function classifySecret(p: string, ctx: Pick<PathContext, "homeDir" | "stateDir"> & { workspace?: string }): string | null {
  // The workspace may live inside the state directory (`~/.warden/workspace`); only the rest of it is secret.
  // The other way round (the state directory inside the workspace) every path of the state dir stays secret.
  const inWorkspace = ctx.workspace !== undefined && isInside(p, ctx.workspace) && isInside(ctx.workspace, ctx.stateDir);
  if (ctx.stateDir !== "" && isInside(p, ctx.stateDir) && !inWorkspace) return "Warden's state directory holds its secrets";
  const fromHome = homeSecret(p, ctx.homeDir);
  if (fromHome !== null) return fromHome;
  for (const re of systemSecrets) if (re.test(p)) return `\`${p}\` exposes system secrets`;
  const parts = p.split("/");
  if (parts.some((c) => secretComponents.has(c))) return `\`${p}\` is inside a credentials directory`;
  const base = parts[parts.length - 1] ?? "";
  for (const re of secretBase) if (re.test(base)) return `\`${base}\` looks like a secrets file`;
  for (const re of secretPaths) if (re.test(p)) return `\`${p}\` may hold credentials`;
  // The names the exec sandbox masks (the same classifier): a command that names one is shown to the owner.
  const rel = ctx.workspace !== undefined && inWorkspace ? path.relative(ctx.workspace, p) : null;
  if (rel !== null && rel !== "" && isSecretPath(rel)) return `\`${base}\` is a credential file (masked in the sandbox)`;
  return null;
}

/** The write tool's list (src/fs/execute-later.ts), matched from the workspace, the home directory or `/`. */
function classifySensitive(p: string, ctx: Pick<PathContext, "workspace" | "homeDir">): string | null {
  const base = path.basename(p);
  const from = isInside(p, ctx.workspace) ? ctx.workspace : ctx.homeDir !== "" && isInside(p, ctx.homeDir) ? ctx.homeDir : "/";
  const hit = findExecuteLater(path.relative(from, p));
  if (hit !== undefined) return `\`${base}\` is run or trusted by other programs (\`${hit.pattern}\`: ${hit.reason})`;
  if (base.startsWith(".")) return `\`${base}\` is a dotfile`;
  return null;
}

/** Judges one path operand (already tilde-expanded): where it really is, and whether it holds secrets. */
export function classifyPath(p: string, ctx: PathContext): PathVerdict {
  const lexical = path.resolve(ctx.cwd, p);
  const real = resolvePhysical(p, ctx.cwd, ctx.fs);
  const secret = classifySecret(lexical, ctx) ?? classifySecret(real, ctx);
  const sensitive = classifySensitive(lexical, ctx) ?? classifySensitive(real, ctx);
  return { real, inside: isInside(real, ctx.workspace) && isInside(lexical, ctx.workspace), secret, sensitive };
}

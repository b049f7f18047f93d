/**
 * The public code host a git repository pushes to: a remote in the repository's own `.git/config` whose URL (or
 * `pushurl`) is on github.com, gitlab.com, bitbucket.org, codeberg.org, … . What is committed in such a repository
 * leaves the machine at its next push, to whoever can read the repository there. Read with a small reader of git's
 * configuration format (sections, `key = value`, quotes, `#`/`;` comments), URLs through the WHATWG parser or as
 * git's scp-like `user@host:path`; a remote on any other host (a company server, a local path) is not a public host.
 *
 * The repository of a path: the innermost folder from the path up to the workspace's top that holds `.git` (a
 * folder; a `.git` file naming a folder inside the workspace is followed). Bounded: `MaxBytes` of configuration,
 * `MaxDepth` folders up. Never throws.
 */
import { lstatSync } from "node:fs";
import { join, posix, relative, resolve, isAbsolute } from "node:path";
import { readTextHead } from "../core/read-head.ts";

const MaxBytes = 64 * 1024;
const MaxDepth = 64;

/** Public code hosts: anyone can hold an account there, and repositories are public by default or by one click. */
const publicHosts: ReadonlyMap<string, string> = new Map([
  ["github.com", "GitHub"], ["gitlab.com", "GitLab"], ["bitbucket.org", "Bitbucket"], ["codeberg.org", "Codeberg"],
  ["git.sr.ht", "SourceHut"], ["gitea.com", "Gitea"], ["framagit.org", "Framagit"], ["notabug.org", "NotABug"],
  ["gitee.com", "Gitee"], ["huggingface.co", "Hugging Face"], ["hf.co", "Hugging Face"], ["git.launchpad.net", "Launchpad"],
  ["salsa.debian.org", "Debian's GitLab"], ["gitlab.gnome.org", "GNOME's GitLab"], ["invent.kde.org", "KDE's GitLab"],
  ["ssh.github.com", "GitHub"], ["altssh.gitlab.com", "GitLab"], ["git.code.sf.net", "SourceForge"], ["dev.azure.com", "Azure DevOps"],
  ["ssh.dev.azure.com", "Azure DevOps"], ["gist.github.com", "GitHub Gist"],
]);

export type PublicRemote = { readonly folder: string; readonly why: string };

/** The host of a git remote URL, lowercased; undefined for a local path or what cannot be read as a URL. */
export function remoteHost(url: string): string | undefined {
  const u = url.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(u)) {
    if (/^file:/i.test(u)) return undefined;
    try {
      return new URL(u.replace(/^git\+/i, "")).hostname.toLowerCase().replace(/\.$/, "") || undefined;
    } catch {
      return undefined;
    }
  }
  // scp-like: `[user@]host:path`, where no slash comes before the first colon (else it is a local path).
  const colon = u.indexOf(":");
  if (colon <= 0 || u.slice(0, colon).includes("/")) return undefined;
  const host = u.slice(0, colon).replace(/^[^@]*@/, "").replace(/^\[|\]$/g, "");
  return host === "" ? undefined : host.toLowerCase();
}

/** `[remote "origin"]`'s `url` and `pushurl` values of a git configuration text, by remote name. */
export function remotesOf(text: string): { name: string; key: string; url: string }[] {
  const out: { name: string; key: string; url: string }[] = [];
  let remote: string | undefined;
  for (const raw of text.split(/\r?\n/).slice(0, 4096)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const section = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (section !== null) {
      remote = (section[1] ?? "").toLowerCase() === "remote" ? (section[2] ?? "").replace(/\\(.)/g, "$1") : undefined;
      continue;
    }
    if (remote === undefined) continue;
    const kv = /^([A-Za-z][A-Za-z0-9-]*)\s*=\s*(.*)$/.exec(line);
    if (kv === null) continue;
    const key = (kv[1] ?? "").toLowerCase();
    if (key !== "url" && key !== "pushurl") continue;
    let value = kv[2] ?? "";
    value = value.startsWith('"') ? value.replace(/^"((?:[^"\\]|\\.)*)".*$/, "$1").replace(/\\(.)/g, "$1") : value.replace(/\s[#;].*$/, "").trim();
    out.push({ name: remote, key, url: value });
  }
  return out;
}

/** The configuration file of the repository whose `.git` is at `dotGit` (absolute), inside `workspace`. */
function configOf(workspace: string, dotGit: string): string | undefined {
  try {
    const st = lstatSync(dotGit);
    if (st.isDirectory()) return join(dotGit, "config");
    if (!st.isFile()) return undefined;
    const pointer = /^gitdir:\s*(.+)$/m.exec(readTextHead(dotGit, 4096) ?? "");
    if (pointer === null) return undefined;
    const target = resolve(dotGit, "..", (pointer[1] ?? "").trim());
    const rel = relative(workspace, target);
    return rel.startsWith("..") || isAbsolute(rel) ? undefined : join(target, "config");
  } catch {
    return undefined;
  }
}

/** Whether something named `.git` is in the folder `dir` (absolute). */
function hasGit(dir: string): boolean {
  try {
    lstatSync(join(dir, ".git"));
    return true;
  } catch {
    return false;
  }
}

/**
 * The repository holding `relPath` (workspace-relative), when it pushes to a public code host: its folder
 * (workspace-relative, `.` for the top) and why, naming the remote and its URL. One lookup per decision: each
 * folder's answer is kept.
 */
export function createRemoteLookup(workspace: string): (relPath: string) => PublicRemote | undefined {
  const perRepo = new Map<string, PublicRemote | undefined>();
  return (relPath: string) => {
    const rel = posix.normalize(relPath.replace(/\\/g, "/")).replace(/^\.\/|\/+$/g, "");
    if (rel === ".." || rel.startsWith("../") || posix.isAbsolute(rel)) return undefined;
    const parts = rel === "." ? [] : rel.split("/");
    // The innermost repository: from the path's own folder up to the top (the path itself may be a folder).
    for (let n = Math.min(parts.length, MaxDepth); n >= 0; n--) {
      const folder = parts.slice(0, n).join("/");
      if (parts[n] === ".git") continue;
      const abs = folder === "" ? workspace : join(workspace, folder);
      if (!hasGit(abs)) continue;
      const key = folder === "" ? "." : folder;
      if (perRepo.has(key)) return perRepo.get(key);
      const found = publicRemoteIn(workspace, abs, key);
      perRepo.set(key, found);
      return found;
    }
    return undefined;
  };
}

function publicRemoteIn(workspace: string, abs: string, folder: string): PublicRemote | undefined {
  const config = configOf(workspace, join(abs, ".git"));
  const text = config === undefined ? undefined : readTextHead(config, MaxBytes);
  if (text === undefined) return undefined;
  for (const r of remotesOf(text).slice(0, 64)) {
    const host = remoteHost(r.url);
    const named = host === undefined ? undefined : publicHosts.get(host);
    if (named === undefined) continue;
    // A URL's user and password (a token in `https://user:token@github.com/…`) are never shown.
    const bare = r.url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1");
    const shownUrl = bare.length > 100 ? `${bare.slice(0, 100)}…` : bare;
    const configPath = config === undefined ? ".git/config" : relative(workspace, config).split(/[\\/]/).join("/");
    return { folder, why: `\`${configPath}\` names the remote \`${r.name}\` at ${named} (\`${r.key} = ${shownUrl}\`): what is committed in ${folder === "." ? "the workspace" : `\`${folder}/\``} leaves the machine at its next push` };
  }
  return undefined;
}

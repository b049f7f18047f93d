/**
 * The public code host a git repository pushes to: a remote in the repository's own `.git/config` whose URL (or
 * `pushurl`) is on github.com, gitlab.com, bitbucket.org, codeberg.org, … . What is committed in such a repository
 * leaves the machine at its next push, to whoever can read the repository there. Read with a small reader of git's
 * configuration format (sections, `key = value`, quotes, `#`/`;` comments; `[include]`/`[includeIf]` files inside the
 * workspace, every condition taken as met; `[url] insteadOf` rewrites; a worktree's `commondir`), URLs through the WHATWG parser or as
 * git's scp-like `user@host:path`; a remote on any other host (a company server, a local path) is not a public host.
 *
 * The repository of a path: the innermost folder from the path up to the workspace's top that holds `.git` (a
 * folder; a `.git` file naming a folder inside the workspace is followed). Bounded: `MaxBytes` of configuration,
 * `MaxDepth` folders up. Never throws.
 */
import { lstatSync } from "node:fs";
import { dirname, join, posix, relative, resolve, isAbsolute } from "node:path";
import { readTextHead } from "../core/read-head.ts";

const MaxBytes = 64 * 1024;
const MaxDepth = 64;
const MaxIncludes = 8;

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

/** What one git configuration text says that decides where a push goes. */
type GitConfig = {
  readonly remotes: { name: string; key: string; url: string; file?: string }[];
  /** `[url "BASE"] insteadOf = PREFIX` (`pushInsteadOf` for pushes only): a URL starting with PREFIX means BASE…. */
  readonly rewrites: { base: string; prefix: string; push: boolean }[];
  /** `[include] path = …` and `[includeIf "…"] path = …` (every condition taken as met: the worst case). */
  readonly includes: string[];
};

function unquote(value: string): string {
  return value.startsWith('"') ? value.replace(/^"((?:[^"\\]|\\.)*)".*$/, "$1").replace(/\\(.)/g, "$1") : value.replace(/\s[#;].*$/, "").trim();
}

/** A git configuration text read as git reads it: sections (`[remote "origin"]`, `[url "…"]`, `[include]`), `key = value`. */
export function readGitConfig(text: string): GitConfig {
  const out: GitConfig = { remotes: [], rewrites: [], includes: [] };
  let section = "";
  let sub: string | undefined;
  for (const raw of text.split(/\r?\n/).slice(0, 4096)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const head = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (head !== null) {
      section = (head[1] ?? "").toLowerCase();
      sub = head[2]?.replace(/\\(.)/g, "$1");
      continue;
    }
    const kv = /^([A-Za-z][A-Za-z0-9-]*)\s*=\s*(.*)$/.exec(line);
    if (kv === null) continue;
    const key = (kv[1] ?? "").toLowerCase();
    const value = unquote(kv[2] ?? "");
    if (section === "remote" && sub !== undefined && (key === "url" || key === "pushurl")) out.remotes.push({ name: sub, key, url: value });
    else if (section === "url" && sub !== undefined && (key === "insteadof" || key === "pushinsteadof")) out.rewrites.push({ base: sub, prefix: value, push: key === "pushinsteadof" });
    else if ((section === "include" || section === "includeif") && key === "path" && value !== "") out.includes.push(value);
  }
  return out;
}

/** `[remote "origin"]`'s `url` and `pushurl` values of a git configuration text, by remote name. */
export function remotesOf(text: string): { name: string; key: string; url: string }[] {
  return readGitConfig(text).remotes.map(({ name, key, url }) => ({ name, key, url }));
}

/**
 * A remote's URL as a push sends it, after git's `insteadOf` and `pushInsteadOf` rewrites (the longest matching prefix
 * wins). A push uses `url` when no `pushurl` is set, so both rewrites are applied to every URL: the worst case.
 */
function rewritten(url: string, rewrites: GitConfig["rewrites"]): string {
  const match = rewrites.filter((r) => r.prefix !== "" && url.startsWith(r.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
  return match === undefined ? url : match.base + url.slice(match.prefix.length);
}

/** `path` inside the workspace, or undefined. */
function inside(workspace: string, path: string): string | undefined {
  const rel = relative(workspace, path);
  return rel.startsWith("..") || isAbsolute(rel) ? undefined : path;
}

/**
 * The configuration file of the repository whose `.git` is at `dotGit` (absolute), inside `workspace`: `.git/config`,
 * or, for a `.git` file (a worktree, a submodule), the folder it names, and that folder's `commondir` (a worktree's
 * configuration is its main repository's).
 */
function configOf(workspace: string, dotGit: string): string | undefined {
  try {
    const st = lstatSync(dotGit);
    if (st.isDirectory()) return join(dotGit, "config");
    if (!st.isFile()) return undefined;
    const pointer = /^gitdir:\s*(.+)$/m.exec(readTextHead(dotGit, 4096) ?? "");
    if (pointer === null) return undefined;
    const target = inside(workspace, resolve(dotGit, "..", (pointer[1] ?? "").trim()));
    if (target === undefined) return undefined;
    const common = readTextHead(join(target, "commondir"), 4096)?.trim();
    const dir = common === undefined || common === "" ? target : inside(workspace, resolve(target, common));
    return dir === undefined ? undefined : join(dir, "config");
  } catch {
    return undefined;
  }
}

/** A configuration and the files it includes (inside the workspace, at most `MaxIncludes`), merged in git's order. */
function configWithIncludes(workspace: string, file: string): GitConfig | undefined {
  const text = readTextHead(file, MaxBytes);
  if (text === undefined) return undefined;
  const merged: GitConfig = { remotes: [], rewrites: [], includes: [] };
  const queue: { path: string; text: string }[] = [{ path: file, text }];
  for (let read = 0; queue.length > 0 && read < MaxIncludes; read++) {
    const next = queue.shift();
    if (next === undefined) break;
    const c = readGitConfig(next.text);
    merged.remotes.push(...c.remotes.map((r) => ({ ...r, file: next.path })));
    merged.rewrites.push(...c.rewrites);
    for (const inc of c.includes.slice(0, MaxIncludes)) {
      if (inc.startsWith("~")) continue;
      const target = inside(workspace, resolve(dirname(next.path), inc));
      const t = target === undefined ? undefined : readTextHead(target, MaxBytes);
      if (target !== undefined && t !== undefined) queue.push({ path: target, text: t });
    }
  }
  return merged;
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
  const read = config === undefined ? undefined : configWithIncludes(workspace, config);
  if (read === undefined) return undefined;
  for (const named0 of read.remotes.slice(0, 64)) {
    const r = { ...named0, url: rewritten(named0.url, read.rewrites) };
    const host = remoteHost(r.url);
    const named = host === undefined ? undefined : publicHosts.get(host);
    if (named === undefined) continue;
    // A URL's user and password (a token in `https://user:token@github.com/…`) are never shown.
    const bare = r.url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1");
    const shownUrl = bare.length > 100 ? `${bare.slice(0, 100)}…` : bare;
    const from = r.file ?? config;
    const configPath = from === undefined ? ".git/config" : relative(workspace, from).split(/[\\/]/).join("/");
    const via = r.url === named0.url ? "" : ` (\`${named0.url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1").slice(0, 60)}\` rewritten by \`insteadOf\`)`;
    return { folder, why: `\`${configPath}\` names the remote \`${r.name}\` at ${named} (\`${r.key} = ${shownUrl}\`${via}): what is committed in ${folder === "." ? "the workspace" : `\`${folder}/\``} leaves the machine at its next push` };
  }
  return undefined;
}

/**
 * Which workspace folders leave the machine: a folder a sync client mirrors to other people's machines, a public
 * share, a live web root. Writing there is sending to whoever reads that folder, so the gate judges such a write as
 * an outbound call, not as a local file. Decided by things Warden can check, each named in the answer:
 *  1. the owner's config (`workspace.outboundFolders`, `workspace.localFolders`: globs relative to the workspace);
 *     an outbound glob wins over a local one, and a local one over everything below (the owner's word on a folder);
 *  2. marker files that sync clients and publishers leave in the folder they serve (`markers` below);
 *  3. folder names that by convention are published or synced (`conventionalNames` below), read as a reader sees
 *     them (src/text/confusables.ts: `Рublic` with a Cyrillic `Р` is `Public`);
 *  4. folders a publishing tool's own configuration publishes (`netlify.toml`'s `publish`, an nginx `root`:
 *     publish-configs.ts), and a write of such a configuration or of a marker, which changes what leaves;
 *  5. links: a path that resolves into an outbound folder, and the target of a link that lies in one
 *     (outbound-links.ts).
 *  6. with `queues` (the file tools), a send queue: the folder's own README saying that what is put there is sent,
 *     mailed, faxed, uploaded or published (folder-readme.ts), or a queue's name (`Outbox`, `Outgoing`: `queueNames`).
 *     Read only toward leaving, never toward staying local — anything can write prose, and prose can only add
 *     questions. The gate leaves a write the owner named there to the owner (a queue is the owner's own route).
 * No prose makes a folder local.
 * Never throws; a folder that cannot be read has no markers (its name and the config still count). Bounded: at most
 * `MaxDepth` folders are looked at, each with a fixed list of names and one bounded directory read.
 */
import { opendirSync, realpathSync, statSync, type Dir } from "node:fs";
import { isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import { confusableSkeleton } from "../text/confusables.ts";
import { createPublishScan, publishedByWrite, type PublishScanOptions } from "./publish-configs.ts";
import { createRemoteLookup } from "./git-remotes.ts";
import { linksIn, reachesThrough, resolveThroughLinks, type WorkspaceLink } from "./outbound-links.ts";
import { readmeSaysSent } from "./folder-readme.ts";

export type OutboundFolderPolicy = {
  /** Globs (relative to the workspace) of folders the owner says leave the machine. */
  readonly outbound: readonly string[];
  /** Globs of folders the owner says stay local, whatever their name or markers. */
  readonly local: readonly string[];
};

export type OutboundFolder = {
  /** The folder, relative to the workspace (`.` for the workspace itself). */
  readonly folder: string;
  readonly signal: "config" | "marker" | "name" | "site" | "link" | "queue";
  /** Why it counts as leaving the machine, in the owner's words. */
  readonly why: string;
};

export const NoOutboundConfig: OutboundFolderPolicy = { outbound: [], local: [] };

const MaxDepth = 32;
const MaxDirEntries = 4096;

/**
 * Files or folders a sync client or a publisher leaves at the top of the folder it serves. Each is the client's own
 * bookkeeping, not something a user writes by accident.
 */
const markers: ReadonlyArray<{ readonly name: string; readonly what: string }> = [
  { name: ".stfolder", what: "Syncthing marks the folders it syncs with `.stfolder`" },
  { name: ".stignore", what: "Syncthing keeps its ignore list (`.stignore`) in the folders it syncs" },
  { name: ".dropbox", what: "Dropbox keeps `.dropbox` at the top of the folder it syncs" },
  { name: ".dropbox.cache", what: "Dropbox keeps `.dropbox.cache` at the top of the folder it syncs" },
  { name: ".sync", what: "Resilio Sync keeps `.sync` in the folders it shares" },
  { name: ".stversions", what: "Syncthing keeps old versions in `.stversions` in the folders it syncs" },
  { name: ".megaignore", what: "MEGA's client keeps its ignore list (`.megaignore`) in the folders it syncs" },
  { name: ".SynologyWorkingDirectory", what: "Synology Drive keeps `.SynologyWorkingDirectory` in the folders it syncs" },
  { name: ".owncloudsync.log", what: "the ownCloud client logs its sync in `.owncloudsync.log` in the folders it syncs" },
  { name: ".nextcloudsync.log", what: "the Nextcloud client logs its sync in `.nextcloudsync.log` in the folders it syncs" },
  { name: ".csync_journal.db", what: "the ownCloud/Nextcloud client keeps its journal `.csync_journal.db` in the folders it syncs" },
  { name: ".tmp.drivedownload", what: "Google Drive for desktop keeps `.tmp.drivedownload` in the folders it mirrors" },
  { name: ".tmp.driveupload", what: "Google Drive for desktop keeps `.tmp.driveupload` in the folders it mirrors" },
  { name: "CNAME", what: "`CNAME` names the domain a GitHub Pages site is published at" },
  { name: ".nojekyll", what: "`.nojekyll` tells GitHub Pages to publish the folder as it is" },
  { name: "_redirects", what: "`_redirects` configures the site Netlify or Cloudflare Pages publishes from the folder" },
  { name: "_headers", what: "`_headers` configures the site Netlify or Cloudflare Pages publishes from the folder" },
  { name: ".well-known", what: "`.well-known` is what a web server publishes at a site's root" },
  { name: ".htaccess", what: "Apache reads `.htaccess` only in the folders it serves (a site, a WebDAV share)" },
];

/** The ownCloud/Nextcloud clients' journal: `.sync_<hash>.db` (older `._sync_<hash>.db`). */
const syncJournal = /^\._?sync_[0-9a-f]+\.db$/i;

/**
 * Folder names that by convention are published or synced. Web roots: `public`, `public_html` (Apache's per-user
 * site), `www`, `wwwroot` (IIS), `htdocs` (Apache), `.well-known`; the public folder of Dropbox and of macOS file
 * sharing: `Public`; shared folders: `shared`; the folders sync clients create: `Dropbox`, `OneDrive` (and
 * `OneDrive - <org>`), `Nextcloud`, `ownCloud`, `Google Drive`, `My Drive`, `iCloud Drive`, `Resilio Sync`,
 * `pCloud Drive`, `Seafile`. Matched whole and without regard to case; a folder merely containing one of these words
 * (`shared-notes`) is not one of them. Not `sync` (Syncthing's default `~/Sync`): too common a module name in code,
 * and Syncthing marks its folders with `.stfolder` anyway.
 */
const conventionalNames: ReadonlyMap<string, string> = new Map([
  ["public", "a folder named `public` is by convention what a web server or a file share publishes"],
  ["public_html", "`public_html` is by convention the folder a web server publishes"],
  ["www", "`www` is by convention a web server's document root"],
  ["wwwroot", "`wwwroot` is by convention a web server's document root"],
  ["htdocs", "`htdocs` is by convention a web server's document root"],
  [".well-known", "`.well-known` is what a web server publishes at a site's root"],
  ["shared", "a folder named `shared` is by convention shared with other people"],
  ["dropbox", "`Dropbox` is the folder the Dropbox client syncs"],
  ["onedrive", "`OneDrive` is the folder the OneDrive client syncs"],
  ["nextcloud", "`Nextcloud` is the folder the Nextcloud client syncs"],
  ["owncloud", "`ownCloud` is the folder the ownCloud client syncs"],
  ["google drive", "`Google Drive` is the folder Google Drive for desktop syncs"],
  ["my drive", "`My Drive` is the folder Google Drive for desktop syncs"],
  ["icloud drive", "`iCloud Drive` is the folder iCloud syncs"],
  ["resilio sync", "`Resilio Sync` is the folder Resilio Sync shares by default"],
  ["pcloud drive", "`pCloud Drive` is the folder pCloud syncs"],
  ["seafile", "`Seafile` is the folder the Seafile client syncs"],
  ["box", "`Box` is the folder Box Drive syncs"],
  ["mega", "`MEGA` is the folder the MEGA client syncs"],
  ["insync", "`Insync` is the folder the Insync client syncs"],
  ["synologydrive", "`SynologyDrive` is the folder Synology Drive syncs"],
  ["tresorit", "`Tresorit` is the folder the Tresorit client syncs"],
  ["sites", "`Sites` is the folder macOS's web sharing publishes"],
]);

/** Names of send queues, a program's folder of things to send (a mailer's outbox, a fax program's outgoing folder). */
const queueNames: ReadonlyMap<string, string> = new Map([
  ["outbox", "a folder named `Outbox` is by convention a queue of what a program sends"],
  ["outgoing", "a folder named `Outgoing` is by convention a queue of what a program sends (mail, faxes)"],
]);

function conventionalWhy(name: string): string | undefined {
  // As a reader sees the name: compatibility forms (fullwidth), invisible characters, accents, letters of another
  // script drawn as Latin ones and the trailing dots and spaces Windows drops do not make `Ｐｕｂｌｉｃ`, `Pub\u200blic`,
  // `Publiç`, `Рublic` (Cyrillic `Р`) or `shared.` another folder.
  const lower = confusableSkeleton(name).replace(/[. ]+$/u, "");
  if (lower.startsWith("onedrive - ")) return `\`${name}\` is a folder the OneDrive client syncs`;
  return conventionalNames.get(lower);
}

/** Segment-wise glob: `*` and `?` within one folder name, `**` any number of folders. Case as the owner wrote it. */
export function matchesFolderGlob(glob: string, folder: string): boolean {
  const pattern = glob.replace(/^\.\/+/, "").replace(/\/+$/, "").split("/").filter((s) => s !== "");
  const parts = folder === "." ? [] : folder.split("/");
  const segment = (p: string, s: string): boolean => {
    const re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}$`);
    return re.test(s);
  };
  // Bounded: at most (pattern length × path length) states, each visited once.
  const seen = new Set<string>();
  const match = (i: number, j: number): boolean => {
    const key = `${i}:${j}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (i === pattern.length) return j === parts.length;
    const p = pattern[i] ?? "";
    if (p === "**") return match(i + 1, j) || (j < parts.length && match(i, j + 1));
    return j < parts.length && segment(p, parts[j] ?? "") && match(i + 1, j + 1);
  };
  return pattern.length > 0 && match(0, 0);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A marker a sync client or publisher left in `dir`, or undefined. Reads at most `MaxDirEntries` names. */
function markerIn(dir: string): string | undefined {
  for (const m of markers) if (exists(join(dir, m.name))) return m.what;
  let handle: Dir | undefined;
  try {
    handle = opendirSync(dir);
    for (let i = 0; i < MaxDirEntries; i++) {
      const entry = handle.readSync();
      if (entry === null) break;
      if (syncJournal.test(entry.name)) return `the ownCloud/Nextcloud client keeps its journal \`${entry.name}\` in the folders it syncs`;
    }
  } catch {
    // Unreadable: no marker seen here; the name and the config still count.
  } finally {
    try {
      handle?.closeSync();
    } catch {
      // already closed
    }
  }
  return undefined;
}

/**
 * The folders a path lies in, from the workspace down, relative to it (`.`, `a`, `a/b`); with `self`, the path too
 * when it is a folder (a `cp x shared/` target). Undefined when the path is outside the workspace.
 */
function foldersOf(workspace: string, path: string, self: boolean): string[] | undefined {
  const rel = relative(workspace, resolve(workspace, path));
  if (rel.startsWith("..") || isAbsolute(rel)) return undefined;
  const parts = rel === "" ? [] : rel.split(sep);
  const upTo = self && (path.endsWith("/") || isDirectory(resolve(workspace, path))) ? parts.length : parts.length - 1;
  const out = ["."];
  for (let i = 1; i <= Math.min(upTo, MaxDepth); i++) out.push(posix.join(...parts.slice(0, i)));
  return out;
}

/** Finds the folders that take paths off the machine; one per decision (what it reads is read once). */
export type OutboundLookup = {
  /**
   * The folder that takes `path` (relative to the workspace or absolute) off the machine, and why; undefined when
   * none does (or the owner said it stays local). `self`: the path may itself be the folder written into.
   */
  readonly folderOf: (path: string, self?: boolean) => OutboundFolder | undefined;
  /**
   * What a write to `path` changes about what leaves: a publishing tool's configuration (its new text, when known)
   * or a marker a sync client or publisher reads. Undefined when it is neither, or publishes nothing.
   */
  readonly publishingWrite: (path: string, text: string | undefined) => OutboundFolder | undefined;
  /**
   * The folder holding `path` whose content leaves the machine at the owner's next build or push, not as it is
   * written: a site generator's sources (publish-configs.ts `builds`), a repository whose remote is a public code host
   * (git-remotes.ts). Undefined when none holds it, or the owner said it stays local.
   */
  readonly publishedLater: (path: string) => PublishedLater | undefined;
};

/** A folder whose content leaves at the next build or push: a site's sources, a repository with a public remote. */
export type PublishedLater = { readonly folder: string; readonly kind: "site-source" | "public-remote"; readonly why: string };

/** `queues`: send queues count, a folder's README saying its files are sent or a queue's name (the file tools' lookup). */
export type OutboundLookupOptions = PublishScanOptions & { readonly queues?: boolean };

export function createOutboundLookup(workspace: string, policy: OutboundFolderPolicy, options: OutboundLookupOptions = {}): OutboundLookup {
  // A site's configuration in a folder that leaves by another signal publishes what it pulls in from elsewhere.
  const scan = createPublishScan(workspace, (dir) => {
    const folders = foldersOf(workspace, dir === "." ? "." : `${dir}/`, true);
    return folders !== undefined && bySignals(workspace, folders, policy) !== undefined;
  }, options);
  const remotes = createRemoteLookup(workspace);
  const asNamed = (root: string, path: string, self: boolean): OutboundFolder | undefined => {
    const folders = foldersOf(root, path, self);
    if (folders === undefined) return undefined;
    const signalled = bySignals(root, folders, policy, options.queues === true);
    if (signalled !== "local" && signalled !== undefined) return signalled;
    if (signalled === "local") return undefined;
    const published = scan.publishing(relative(root, resolve(root, path)).split(sep).join("/") || ".");
    return published === undefined ? undefined : { folder: published.folder, signal: "site", why: published.why };
  };
  let links: WorkspaceLink[] | undefined;
  const folderOf = (path: string, self = false): OutboundFolder | undefined => {
    const named = asNamed(workspace, path, self);
    if (named !== undefined) return named;
    // A link inside the workspace (`exports` → `Public`) takes a write where its target is: the path as the file
    // system resolves it is judged too. A path that resolves outside the workspace is the path rules' matter.
    const real = resolvedPath(workspace, path);
    if (real !== undefined) {
      const found = asNamed(real.root, real.rel, self);
      if (found !== undefined) return { ...found, why: `${found.why}; \`${clipName(path)}\` leads there through a link` };
    }
    // A link that lies in an outbound folder makes its target part of it: what the target holds is read through it.
    const target = resolveThroughLinks(resolve(workspace, path));
    if (target === undefined) return undefined;
    links ??= linksIn(workspace);
    for (const link of links) {
      if (!reachesThrough(target, link.target)) continue;
      const holder = asNamed(workspace, link.at, true);
      if (holder === undefined) continue;
      const shown = relative(workspace, link.target) || ".";
      return { folder: holder.folder, signal: "link", why: `\`${clipName(link.at)}\` is a link to \`${clipName(shown)}\`, so what is written there is read through it, and ${folderText(holder.folder)} leaves the machine (${holder.why})` };
    }
    return undefined;
  };
  const publishingWrite = (path: string, text: string | undefined): OutboundFolder | undefined => {
    const rel = relative(workspace, resolve(workspace, path));
    if (rel.startsWith("..") || isAbsolute(rel) || rel === "") return undefined;
    const posixRel = rel.split(sep).join("/");
    const marker = markers.find((m) => m.name.toLowerCase() === posix.basename(posixRel).toLowerCase());
    if (marker !== undefined) {
      const folder = posix.dirname(posixRel);
      return { folder, signal: "marker", why: `writing \`${clipName(posixRel)}\` makes ${folderText(folder)} a folder that leaves the machine: ${marker.what}` };
    }
    const published = publishedByWrite(workspace, posixRel, text)[0];
    return published === undefined ? undefined : { folder: published.folder, signal: "site", why: published.why };
  };
  const publishedLater = (path: string): PublishedLater | undefined => {
    const folders = foldersOf(workspace, path, false);
    if (folders === undefined || folders.some((folder) => policy.local.some((g) => matchesFolderGlob(g, folder)))) return undefined;
    const rel = relative(workspace, resolve(workspace, path)).split(sep).join("/") || ".";
    const built = scan.builds(rel);
    if (built !== undefined) return { folder: built.folder, kind: "site-source", why: built.why };
    const remote = remotes(rel);
    return remote === undefined ? undefined : { folder: remote.folder, kind: "public-remote", why: remote.why };
  };
  return { folderOf, publishingWrite, publishedLater };
}

/**
 * The folder that takes `path` (relative to the workspace or absolute) off the machine, and why; undefined when none
 * does (or the owner said it stays local). `self`: the path may itself be the folder written into.
 */
export function outboundFolderOf(workspace: string, path: string, policy: OutboundFolderPolicy, self = false): OutboundFolder | undefined {
  return createOutboundLookup(workspace, policy).folderOf(path, self);
}

function folderText(folder: string): string {
  return folder === "." ? "the workspace itself" : `\`${clipName(folder)}/\``;
}

function clipName(path: string): string {
  return path.length > 80 ? `${path.slice(0, 80)}…` : path;
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * `path` with its links resolved (every link on the way, a dangling one too; a missing tail as written), relative to
 * the workspace's own real path. Undefined when it resolves as written, outside the workspace, or cannot be
 * resolved. Never throws.
 */
function resolvedPath(workspace: string, path: string): { root: string; rel: string } | undefined {
  const root = safeRealpath(workspace);
  if (root === undefined) return undefined;
  const lexical = resolve(workspace, path);
  const parts = relative(workspace, lexical).split(sep).filter((p) => p !== "");
  if (parts.length === 0 || parts.length > MaxDepth || parts[0] === "..") return undefined;
  const real = resolveThroughLinks(lexical);
  if (real === undefined) return undefined;
  const rel = relative(root, real);
  if (rel.startsWith("..") || isAbsolute(rel)) return undefined;
  return rel === parts.join(sep) ? undefined : { root, rel: path.endsWith("/") ? `${rel}/` : rel };
}

/** The owner's config, markers and names for `folders` (top down): the first that leaves, `local`, or undefined. */
function bySignals(workspace: string, folders: readonly string[], policy: OutboundFolderPolicy, queues = false): OutboundFolder | "local" | undefined {
  for (const folder of folders) {
    const glob = policy.outbound.find((g) => matchesFolderGlob(g, folder));
    if (glob !== undefined) return { folder, signal: "config", why: `your config lists it in workspace.outboundFolders (\`${glob}\`)` };
  }
  if (folders.some((folder) => policy.local.some((g) => matchesFolderGlob(g, folder)))) return "local";
  for (const folder of folders) {
    const marker = markerIn(folder === "." ? workspace : join(workspace, folder));
    if (marker !== undefined) return { folder, signal: "marker", why: `${marker}, and it is there` };
    const name = folder === "." ? undefined : conventionalWhy(posix.basename(folder));
    if (name !== undefined) return { folder, signal: "name", why: name };
    if (!queues) continue;
    const queue = folder === "." ? undefined : queueNames.get(confusableSkeleton(posix.basename(folder)).replace(/[. ]+$/u, ""));
    if (queue !== undefined) return { folder, signal: "queue", why: queue };
    const said = folder === "." ? undefined : readmeSaysSent(join(workspace, folder));
    if (said !== undefined) return { folder, signal: "queue", why: `its README says what is put there is sent: “${said}”` };
  }
  return undefined;
}

/**
 * The workspace's folders that leave the machine, for the audit: the top two levels, each named with its signal.
 * Bounded: at most `MaxDirEntries` names per folder.
 */
export function listOutboundFolders(workspace: string, policy: OutboundFolderPolicy): OutboundFolder[] {
  const out: OutboundFolder[] = [];
  const lookup = createOutboundLookup(workspace, policy);
  const visit = (folder: string, depth: number): void => {
    const found = lookup.folderOf(folder === "." ? "." : `${folder}/`, true);
    // A folder that leaves through a link lying in an outbound folder is listed as itself, with the link's reason.
    if (found !== undefined && (found.folder === folder || found.signal === "link")) {
      out.push({ ...found, folder });
      return;
    }
    if (found !== undefined || depth >= 2) return;
    let handle: Dir | undefined;
    try {
      handle = opendirSync(folder === "." ? workspace : join(workspace, folder));
      for (let i = 0; i < MaxDirEntries; i++) {
        const entry = handle.readSync();
        if (entry === null) break;
        if (entry.isDirectory()) visit(folder === "." ? entry.name : `${folder}/${entry.name}`, depth + 1);
      }
    } catch {
      // Unreadable: nothing listed below it.
    } finally {
      try {
        handle?.closeSync();
      } catch {
        // already closed
      }
    }
  };
  visit(".", 0);
  return out;
}

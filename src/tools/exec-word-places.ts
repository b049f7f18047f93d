/**
 * Where a simple command's words really point: `rm -rf tmp/*` run with `cwd: notes` empties `notes/tmp`, and with `tmp` a
 * link to `notes` it empties `notes`. The gate compares the paths the owner's words name with these (owner-command.ts),
 * never with the words as typed.
 */
import { isAbsolute, matchesGlob, relative } from "node:path";
import { existsSync, lstatSync, readdirSync, realpathSync } from "node:fs";
import { FolderCompound } from "../core/folder-words.ts";

/**
 * A word as the path it names, relative to the workspace; `reaches` when it is a `*` pattern other than a folder's whole
 * contents (`Downloads/*.dmg`) and matches a folder or a link, whose removal, move or copy acts on more than the files
 * it describes. `folder`: it names a folder (not a link to one). `caseTwins`: a folder on its way, or what it names, has a
 * neighbour whose name differs only in capitals or width (`Logs/` beside `logs/`, `Ｔｍｐ`): the owner's "die Logs" then
 * names one of two; `compoundTwin`, that neighbour is the name with a word for a folder joined on (`Downloads-Ordner/`), which
 * "den Downloads-Ordner" names. `matches`, for a pattern, the names it matches in its folder now. `deepMatches`, for the folder a
 * `find DIR … -name PATTERN` starts from, what that pattern matches at every depth now, as find walks (no link followed):
 * paths relative to the workspace, a folder's with a `/` at its end.
 */
export type WordPlace = { path: string; reaches?: true; folder?: true; caseTwins?: true; compoundTwin?: true; matches?: readonly string[]; deepMatches?: readonly string[] };

/** At most this many names a pattern matches are listed (`WordPlace.matches`); a pattern matching more lists none. */
const MaxMatches = 64;

/** The names a `*` pattern matches in `dir` (dot-names too: more, never fewer), or undefined when there are too many. */
function matchedNames(dir: string, pattern: string): string[] | undefined {
  try {
    const names = readdirSync(dir).filter((name) => matchesGlob(name, pattern) || matchesGlob(name.replace(/^\./u, ""), pattern));
    return names.length <= MaxMatches ? names : undefined;
  } catch {
    return undefined;
  }
}

/** At most this many entries are visited to list a find's matches (`WordPlace.deepMatches`); a bigger tree lists none. */
const MaxVisited = 4096;

/**
 * What `find START -name PATTERN` (`-iname`: capitals aside) matches below `start`, at every depth, as find walks it
 * (links listed, never followed), relative to `root`, a folder's path ending in `/`; undefined when there are more than
 * `MaxMatches`, the tree is bigger than `MaxVisited` or a folder cannot be read (more may match than Warden sees).
 */
function findMatches(root: string, start: string, pattern: string, caseless: boolean): string[] | undefined {
  const out: string[] = [];
  const queue = [start];
  let visited = 0;
  const test = caseless ? pattern.toLowerCase() : pattern;
  while (queue.length > 0) {
    const dir = queue.shift() ?? "";
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return undefined;
    }
    for (const e of entries) {
      if (++visited > MaxVisited) return undefined;
      const path = `${dir}/${e.name}`;
      const name = caseless ? e.name.toLowerCase() : e.name;
      // find's `*` matches a leading dot too: dot-names are tested without it as well (more, never fewer).
      if (matchesGlob(name, test) || matchesGlob(name.replace(/^\./u, ""), test)) out.push(`${relative(root, path)}${e.isDirectory() ? "/" : ""}`);
      if (out.length > MaxMatches) return undefined;
      if (e.isDirectory()) queue.push(path);
    }
  }
  return out;
}

/** The pattern of a `find DIR … -name PATTERN` (or `-iname`) after its folder, and whether capitals are aside. */
function findNamePattern(words: readonly string[]): { pattern: string; caseless: boolean } | undefined {
  if (words[0] !== "find") return undefined;
  const at = words.findIndex((w, i) => i > 1 && (w === "-name" || w === "-iname"));
  const pattern = words[at + 1];
  return at < 0 || pattern === undefined || pattern === "" ? undefined : { pattern, caseless: words[at] === "-iname" };
}

function real(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Whether a part of `rel` (under `root`) has a neighbour named the same but for capitals or width, or said so with a word
 * for a folder joined on (`compound`: `Downloads-Ordner/` beside `Downloads/`); unreadable counts as one of each.
 */
function hasCaseTwins(root: string, rel: string, compound = false): boolean {
  let at = root;
  for (const part of rel.split("/")) {
    // A pattern's matches are files it describes, not a folder the owner names: the folders before it decide.
    if (part.includes("*")) return false;
    if (part === "" || part === ".") continue;
    // Where nothing exists yet (`mkdir -p a/b`) no neighbour can be mistaken for it.
    if (!existsSync(at)) return false;
    try {
      // A neighbour spelled alike in other capitals or width, or named as the folder said with a word for a folder
      // joined on (`Downloads-Ordner/` beside `Downloads/`): the owner's words may name either.
      const same = folded(part);
      const said = (name: string) => folded(FolderCompound.exec(name)?.[1] ?? name);
      if (readdirSync(at).some((name) => name !== part && said(name) === same && (!compound || FolderCompound.test(name)))) return true;
    } catch {
      return true;
    }
    at = `${at}/${part}`;
  }
  return false;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Whether a pattern's matches in `dir` include a folder or a link (dot-names too: more, never fewer). */
function matchesFolderOrLink(dir: string, pattern: string): boolean {
  try {
    return readdirSync(dir).some((name) => (matchesGlob(name, pattern) || matchesGlob(name.replace(/^\./u, ""), pattern)) && !lstatSync(`${dir}/${name}`).isFile());
  } catch {
    return true;
  }
}

/** A name as the file system may confuse it with another: compatibility forms folded, then case folded. */
const folded = (name: string) => name.normalize("NFKC").toLowerCase();

/**
 * Each word after the program as the path it names from the command's working directory, relative to the workspace:
 * the folders before its last part with their links resolved (and the last part too when a `/` ends it, as `rm -r
 * link/` goes through, or when the program is not `rm`), the rest as spelled where nothing exists yet (`mkdir -p a/b`). Undefined for an option, a
 * word outside the workspace, a `*` before the last part, or a working directory that cannot be resolved.
 */
export function wordPlaces(words: readonly string[], workspace: string, cwd: string): (WordPlace | undefined)[] {
  const root = real(workspace);
  const start = real(cwd);
  return words.map((word, i) => {
    if (i === 0 || root === undefined || start === undefined || word === "" || word.startsWith("-") || word.startsWith("~")) return undefined;
    const parts = word.split("/").filter((p) => p !== "" && p !== ".");
    const through = word.endsWith("/") || word.endsWith("/.") || word === ".";
    const last = through ? undefined : parts.pop();
    if (parts.some((p) => p.includes("*"))) return undefined;
    let at = isAbsolute(word) ? "/" : start;
    let exists = true;
    for (const p of parts) {
      const next = exists ? real(`${at}/${p}`) : undefined;
      if (next === undefined) exists = false;
      at = next ?? (p === ".." ? at.slice(0, Math.max(at.lastIndexOf("/"), 1)) : `${at === "/" ? "" : at}/${p}`);
    }
    const spelled = last === undefined ? at : `${at === "/" ? "" : at}/${last}`;
    // `rm` removes a link it names; `mv` and `cp` go through one as their target (and `cp` as a source).
    const full = last !== undefined && exists && words[0] !== "rm" && !last.includes("*") && isLink(spelled) ? (real(spelled) ?? spelled) : spelled;
    const rel = relative(root, full);
    if (rel === "" && last !== undefined) return undefined;
    if (rel.startsWith("..") || isAbsolute(rel)) return undefined;
    const path = rel === "" ? "." : rel;
    const reaches = last !== undefined && last.includes("*") && last !== "*" && (!exists || matchesFolderOrLink(at, last));
    const matches = last !== undefined && last.includes("*") && exists ? matchedNames(at, last) : undefined;
    const named = i === 1 && exists && last === undefined ? findNamePattern(words) : undefined;
    const deepMatches = named === undefined ? undefined : findMatches(root, full, named.pattern, named.caseless);
    return {
      path,
      ...(reaches ? { reaches: true as const } : {}),
      ...(isFolder(full) ? { folder: true as const } : {}),
      ...(path !== "." && hasCaseTwins(root, path) ? { caseTwins: true as const } : {}),
      ...(path !== "." && hasCaseTwins(root, path, true) ? { compoundTwin: true as const } : {}),
      ...(matches !== undefined ? { matches } : {}),
      ...(deepMatches !== undefined ? { deepMatches } : {}),
    };
  });
}

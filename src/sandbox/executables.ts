/**
 * A system view with only some programs in it: what a skill script's sandbox shows instead of the whole read-only
 * `/usr` when its capability manifest lists `executables`. Each declared program is looked up on the standard
 * system PATH (never the gateway's), and the sandbox gets exactly the files it needs to start, bound read-only at
 * their own paths: the program, every symlink on the way to it, its `#!` interpreter (recursively), the shared
 * libraries the dynamic loader resolves for it (`ldd`, parsed line by line), and for an interpreter its library
 * folder (`<prefix>/lib/python3.11` for `python3.11`…) with the libraries of the native modules in it.
 * Nothing else of `/usr` exists inside, so an undeclared program cannot run by name or by absolute path.
 * The launcher shell (bash, which sets the resource limits), `/bin/sh` and `env` are always there: they run
 * scripts and start programs, and reach nothing the sandbox does not already show. So are locale, time-zone
 * and CA-certificate data (`SYSTEM_DATA`).
 */
import { execFileSync } from "node:child_process";
import nodeFs from "node:fs";
import path from "node:path";
import { DEFAULT_PATH } from "./environment.ts";
import { readHead } from "../core/read-head.ts";

export type SystemView = {
  /** Real files and folders to bind read-only at their own path. */
  binds: string[];
  /** `[target, linkPath]`: symlinks to create, so a program found by the name it was looked up under. */
  symlinks: [string, string][];
  /** Where each declared name was found (for messages and the audit). */
  resolved: Record<string, string>;
};

export type SystemViewResult = ({ ok: true } & SystemView) | { ok: false; why: string };

/** Absolute executables must live in the system's program folders, not in a workspace, a home or a state dir. */
const SYSTEM_PREFIXES = ["/usr/", "/bin/", "/sbin/", "/opt/", "/lib/", "/lib64/"];
/** Always present: the POSIX shell, and `env` (it starts only what is present). */
const ALWAYS = ["sh", "env"];
/** Data, not programs, that ordinary tools read: locales, time zones, the CA certificates `/etc/ssl/certs` links to. */
const SYSTEM_DATA = ["/usr/lib/locale", "/usr/share/locale", "/usr/share/zoneinfo", "/usr/share/ca-certificates", "/usr/share/misc"];
const MAX_HOPS = 40;
const MAX_DEPTH = 4;

type Deps = { ldd: (files: readonly string[]) => string };

const defaultDeps: Deps = {
  // Bounded: a fixed system program, a time limit, and a size cap on what it prints.
  ldd: (files) => {
    try {
      return execFileSync("ldd", [...files], { encoding: "utf8", timeout: 20_000, maxBuffer: 8 * 1024 * 1024, env: { PATH: DEFAULT_PATH, LC_ALL: "C" }, stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      // ldd exits 1 when one of several files is static or not ELF; what it printed is still the answer.
      const out = (error as { stdout?: unknown }).stdout;
      if (typeof out === "string" && out !== "") return out;
      throw error;
    }
  },
};

/** Library paths from `ldd` output: `name => /path (0x…)` and `/path (0x…)` lines; `=> not found` is a refusal. */
export function parseLddOutput(text: string): { libs: string[]; missing: string[] } {
  const libs: string[] = [];
  const missing: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const arrow = line.indexOf(" => ");
    if (arrow > 0) {
      const target = line.slice(arrow + 4);
      if (target === "not found") missing.push(line.slice(0, arrow));
      else if (target.startsWith("/")) libs.push(target.replace(/ \(0x[0-9a-f]+\)$/, ""));
      continue;
    }
    if (line.startsWith("/") && / \(0x[0-9a-f]+\)$/.test(line)) libs.push(line.replace(/ \(0x[0-9a-f]+\)$/, ""));
  }
  return { libs, missing };
}

/** The interpreter a `#!` line names, and its first argument (`/usr/bin/env python3` → env, python3). */
export function parseShebang(head: Uint8Array): string[] | undefined {
  if (head.length < 2 || head[0] !== 0x23 || head[1] !== 0x21) return undefined;
  const line = Buffer.from(head.subarray(2, Math.min(head.length, 256))).toString("latin1").split("\n")[0] ?? "";
  return line.trim().split(/[ \t]+/).filter((s) => s !== "").slice(0, 2);
}

/** The program a script's `#!` line runs: the interpreter, or what `env` is asked to find. */
export function scriptInterpreter(head: Uint8Array): string | undefined {
  const bang = parseShebang(head);
  if (bang === undefined) return undefined;
  const [interpreter, arg] = bang;
  if (interpreter !== undefined && path.basename(interpreter) === "env" && arg !== undefined && !arg.startsWith("-")) return arg;
  return interpreter;
}

function shebangOf(file: string): string[] | undefined {
  return parseShebang(readHead(file, 256));
}

function isElf(file: string): boolean {
  return readHead(file, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
}

/** Looks a bare name up on the standard system PATH; an absolute path must be in a system program folder. */
export function findSystemProgram(name: string): string | undefined {
  if (name.startsWith("/")) return SYSTEM_PREFIXES.some((p) => name.startsWith(p)) && path.normalize(name) === name && isProgram(name) ? name : undefined;
  if (name.includes("/")) return undefined;
  for (const dir of DEFAULT_PATH.split(":")) {
    const candidate = path.join(dir, name);
    if (isProgram(candidate)) return candidate;
  }
  return undefined;
}

function isProgram(p: string): boolean {
  try {
    const st = nodeFs.statSync(p);
    return st.isFile() && (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/**
 * Every symlink met on the way from `p` to the real file (each path component, each link target), so the path
 * the loader or a script uses exists inside as it does outside. Returns the real path.
 */
function walkLinks(p: string, symlinks: Map<string, string>): string {
  let current = path.normalize(p);
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const parts = current.split("/").filter((s) => s !== "");
    let prefix = "";
    let changed = false;
    for (let i = 0; i < parts.length; i++) {
      prefix = `${prefix}/${parts[i]}`;
      const st = nodeFs.lstatSync(prefix);
      if (!st.isSymbolicLink()) continue;
      const target = nodeFs.readlinkSync(prefix);
      symlinks.set(prefix, target);
      current = path.join(path.resolve(path.dirname(prefix), target), ...parts.slice(i + 1));
      changed = true;
      break;
    }
    if (!changed) return current;
  }
  throw new Error(`\`${p}\`: too many symbolic links`);
}

/**
 * An interpreter's library folders: under `<prefix>/lib`, `<prefix>/share` and `<prefix>/lib/<multiarch>`, the
 * folders named after its unversioned name, optionally followed by a version or `-base` (`python3.11` →
 * `python3`, `python3.11`; `perl` → `perl`, `perl5`, `perl-base`).
 */
function interpreterDirs(real: string): string[] {
  const stem = path.basename(real).replace(/[0-9.]+$/, "");
  if (stem.length < 2) return [];
  const prefix = path.dirname(path.dirname(real));
  const lib = path.join(prefix, "lib");
  const roots = [lib, path.join(prefix, "share")];
  for (const e of safeReaddir(lib)) if (/^[a-z0-9_]+-linux-[a-z0-9_]+$/.test(e)) roots.push(path.join(lib, e));
  const named = new RegExp(`^${stem.replace(/[^A-Za-z0-9]/g, (c) => `\\${c}`)}[0-9.]*(-base)?$`);
  const dirs: string[] = [];
  for (const root of roots) for (const e of safeReaddir(root)) if (named.test(e) && nodeFs.statSync(path.join(root, e)).isDirectory()) dirs.push(path.join(root, e));
  return dirs;
}

function safeReaddir(dir: string): string[] {
  try {
    return nodeFs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** Native modules in an interpreter's library folders (bounded), whose libraries must be there too. */
function nativeModules(dirs: readonly string[], limit = 4000): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 6 || out.length >= limit) return;
    let entries: nodeFs.Dirent[];
    try {
      entries = nodeFs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.length >= limit) return;
      const p = path.join(dir, e.name);
      // Third-party packages bring their own libraries or fail alone; the standard library's modules are followed.
      if (e.isDirectory()) {
        if (e.name !== "dist-packages" && e.name !== "site-packages") walk(p, depth + 1);
      }
      else if (e.isFile() && /\.so(\.[0-9]+)*$/.test(e.name)) out.push(p);
    }
  };
  for (const d of dirs) walk(d, 0);
  return out;
}

const cache = new Map<string, { key: string; view: SystemView }>();

/**
 * The system view for `names` plus Warden's own `launchers` (absolute paths: the shell that sets the limits, the
 * egress bridge's node): refuses, with a reason, a name that is not a system program, a library the loader cannot
 * find, or an interpreter line that cannot be followed.
 */
export function buildSystemView(names: readonly string[], launchers: readonly string[], deps: Deps = defaultDeps): SystemViewResult {
  const wanted = [...new Set([...launchers, ...ALWAYS, ...names])];
  const cacheKey = wanted.join("\0");
  const binds = new Set<string>();
  const symlinks = new Map<string, string>();
  const resolved: Record<string, string> = {};
  const elves = new Set<string>();
  const soFiles = new Set<string>();
  const seen = new Set<string>();
  try {
    const add = (found: string, depth: number): string | undefined => {
      const real = walkLinks(found, symlinks);
      if (seen.has(real)) return undefined;
      seen.add(real);
      binds.add(real);
      if (isElf(real)) {
        elves.add(real);
        for (const d of interpreterDirs(real)) {
          binds.add(walkLinks(d, symlinks));
          for (const so of nativeModules([d])) soFiles.add(so);
        }
        return undefined;
      }
      const bang = shebangOf(real);
      if (bang === undefined) return undefined;
      if (depth >= MAX_DEPTH) return `\`${found}\`: interpreter lines nest deeper than ${MAX_DEPTH}`;
      const [interpreter, arg] = bang;
      if (interpreter === undefined || !interpreter.startsWith("/")) return `\`${found}\` names no absolute interpreter on its \`#!\` line`;
      const why = add(interpreter, depth + 1);
      if (why !== undefined) return why;
      if (path.basename(interpreter) === "env" && arg !== undefined && !arg.startsWith("-")) {
        const next = findSystemProgram(arg);
        if (next === undefined) return `\`${found}\` runs \`${arg}\` through env, which is not a system program`;
        return add(next, depth + 1);
      }
      return undefined;
    };
    for (const name of wanted) {
      const found = launchers.includes(name) && isProgram(name) ? name : findSystemProgram(name);
      if (found === undefined) return { ok: false, why: `the executable \`${name}\` is not a program in the system's folders (${DEFAULT_PATH.replaceAll(":", ", ")})` };
      resolved[name] = found;
      const why = add(found, 0);
      if (why !== undefined) return { ok: false, why };
    }
    for (const d of SYSTEM_DATA) if (nodeFs.existsSync(d)) binds.add(walkLinks(d, symlinks));
    const stamp = [...binds].map((b) => `${b}:${nodeFs.statSync(b).mtimeMs}`).join("\n");
    const hit = cache.get(cacheKey);
    if (hit !== undefined && hit.key === stamp) return { ok: true, ...hit.view };
    if (elves.size > 0) {
      const { libs, missing } = parseLddOutput(deps.ldd([...elves]));
      if (missing.length > 0) return { ok: false, why: `the loader cannot find ${missing.slice(0, 3).join(", ")} for ${[...elves].map((e) => path.basename(e)).join(", ")}` };
      for (const lib of libs) binds.add(walkLinks(lib, symlinks));
    }
    // Native modules of an interpreter: a library one of them lacks only fails that module's import.
    const modules = [...soFiles];
    for (let i = 0; i < modules.length; i += 200) for (const lib of parseLddOutput(deps.ldd(modules.slice(i, i + 200))).libs) binds.add(walkLinks(lib, symlinks));
    const view: SystemView = { binds: pruneNested([...binds]), symlinks: [...symlinks].map(([link, target]) => [target, link]), resolved };
    cache.set(cacheKey, { key: stamp, view });
    return { ok: true, ...view };
  } catch (error) {
    return { ok: false, why: `the programs could not be resolved: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A file inside a folder already bound needs no bind of its own. */
function pruneNested(paths: string[]): string[] {
  const dirs = paths.filter((p) => nodeFs.statSync(p).isDirectory());
  return paths.filter((p) => !dirs.some((d) => d !== p && p.startsWith(`${d}/`))).sort();
}

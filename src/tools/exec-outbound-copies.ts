/**
 * What a command copies into a folder that leaves the machine (src/fs/outbound-folders.ts): the files it reads, as the
 * gate must weigh them and the owner must see them. `cp -r docs shared/`, `cat docs/*.md > shared/pack.md`,
 * `find docs -exec cp {} shared/ \;`, `xargs -a list cp -t shared/`, `tar cf shared/docs.tar docs`: the write tool
 * writing the same bytes there is refused after untrusted content (`flow.data_outbound`), so the command is too.
 *
 * Sources are expanded as bash and the programs would: globs through the gate's own expansion, directories walked,
 * links resolved to what they name, an `xargs` list file read now. Everything is bounded; what cannot be known (a
 * word known only at run time, a program that decides what it reads, a list read from its input, a walk past its
 * bound) is said in `unknown`, and the gate refuses on it after untrusted content (fail closed).
 * Must not throw on any input; reads the file system only below the workspace.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { ShellAnalysis, ShellRedirect } from "../exec/shell-analyzer.ts";
import type { ShellWord } from "../exec/shell-words.ts";
import { expandGlob } from "../exec/expand-glob.ts";
import { nodeExecFs } from "../exec/resolve-binary.ts";
import { commandBaseName, unwrapCommand } from "../exec/wrappers.ts";
import { clip } from "./gated-tool.ts";

/** One file a command copies: its workspace path as read (a link resolved), and the link it was named through. */
export type CopiedFile = { readonly path: string; readonly via?: string };

export type OutboundCopies = {
  /** The files read, deduplicated, at most `MaxFiles`; `count` is how many were found in all. */
  readonly files: readonly CopiedFile[];
  readonly count: number;
  /** What could not be known about what is copied, in words for the owner; empty when everything is known. */
  readonly unknown: readonly string[];
};

const MaxFiles = 200;
const MaxWalkEntries = 2_000;
const MaxDepth = 12;
const MaxListBytes = 64 * 1024;

/** Programs whose arguments are their text: what they write is composed in the command itself. */
const Composers = new Set(["echo", "printf", "true", "false", ":", "mkdir", "touch", "test", "[", "sleep"]);
/** Programs that read the files their operands name (and their input), and write what they read or a copy of it. */
const FileReaders = new Set([
  "cat", "tac", "head", "tail", "nl", "rev", "sort", "uniq", "cut", "paste", "base64", "base32", "gzip", "gunzip", "zcat",
  "bzip2", "xz", "od", "xxd", "strings", "tr", "fold", "fmt", "expand", "column", "cp", "mv", "ln", "install", "rsync",
  "tee", "dd", "tar", "zip", "7z", "7za", "7zr", "split", "csplit", "grep", "egrep", "fgrep", "rg", "wc", "md5sum", "sha256sum",
]);
/** Programs that copy their source operands to a last operand or a `-t DIR`: the target is not a source. */
const Copiers = new Set(["cp", "mv", "ln", "install", "rsync"]);

type Ctx = { workspace: string; cwd: string; writePaths: ReadonlySet<string>; files: Map<string, CopiedFile>; count: number; unknown: string[]; walked: number };

function inside(p: string, root: string): boolean {
  return p === root || p.startsWith(`${root}${sep}`);
}

function rel(ctx: Ctx, p: string): string {
  return relative(ctx.workspace, p) || ".";
}

function addUnknown(ctx: Ctx, why: string): void {
  if (ctx.unknown.length < 12 && !ctx.unknown.includes(why)) ctx.unknown.push(why);
}

function addFile(ctx: Ctx, real: string, named: string): void {
  const known = ctx.files.get(real);
  // Reached by its own name too: shown by it (a link to it stays a copy of the same bytes).
  if (known !== undefined && known.via !== undefined && named === real) ctx.files.set(real, { path: known.path });
  if (known !== undefined) return;
  ctx.count++;
  if (ctx.files.size >= MaxFiles) return;
  const via = named !== real ? rel(ctx, named) : undefined;
  ctx.files.set(real, { path: rel(ctx, real), ...(via !== undefined ? { via } : {}) });
}

/** A directory's files, walked to a bound; links resolved (one outside the workspace is not known). */
function walk(ctx: Ctx, dir: string, depth: number, match: RegExp | undefined): void {
  if (depth > MaxDepth) return addUnknown(ctx, `\`${clip(rel(ctx, dir), 80)}\` is nested deeper than ${MaxDepth} folders`);
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return addUnknown(ctx, `\`${clip(rel(ctx, dir), 80)}\` could not be listed`);
  }
  for (const e of entries) {
    if (++ctx.walked > MaxWalkEntries) return addUnknown(ctx, `more than ${MaxWalkEntries} files and folders would have to be looked at`);
    const p = resolve(dir, e);
    let st;
    try {
      st = lstatSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) walk(ctx, p, depth + 1, match);
    else if (match === undefined || match.test(e)) source(ctx, p, false);
  }
}

/** One path a command reads: a file (a link resolved), or a directory's files. */
function source(ctx: Ctx, p: string, recurse: boolean, match?: RegExp): void {
  let real: string;
  try {
    real = realpathSync(p);
  } catch {
    // Not there now: written earlier by the same command line, its bytes are not known; otherwise nothing to copy.
    if (ctx.writePaths.has(p)) addUnknown(ctx, `\`${clip(rel(ctx, p), 80)}\` is written by the command itself before it is read`);
    return;
  }
  if (!inside(real, ctx.workspace)) return addUnknown(ctx, `\`${clip(rel(ctx, p), 80)}\` leads outside the workspace`);
  let st;
  try {
    st = statSync(real);
  } catch {
    return;
  }
  if (st.isDirectory()) {
    if (recurse) walk(ctx, real, 0, match);
    return;
  }
  addFile(ctx, real, p);
}

function existsNow(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function globRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".").replace(/\[!/g, "[^")}$`, "s");
}

/** A word naming paths: literal (a glob expanded as bash would), or not known before the command runs. */
function paths(ctx: Ctx, w: ShellWord): string[] {
  if (!w.literal) {
    addUnknown(ctx, `\`${clip(w.source, 60)}\` is only known when the command runs`);
    return [];
  }
  if (!w.glob) return [resolve(ctx.cwd, w.value)];
  const expanded = expandGlob(w.value, ctx.cwd, nodeExecFs);
  if (expanded === null) {
    addUnknown(ctx, `the pattern \`${clip(w.value, 60)}\` could not be expanded in advance`);
    return [];
  }
  return expanded.map((e) => resolve(ctx.cwd, e));
}

/** The names an `xargs` list file holds, each a path read by the command it runs (blank-separated, as xargs reads). */
function listNames(ctx: Ctx, file: string): void {
  let text: string;
  try {
    const real = realpathSync(resolve(ctx.cwd, file));
    if (!inside(real, ctx.workspace) || statSync(real).size > MaxListBytes) throw new Error("beyond reach");
    text = readFileSync(real, "utf8");
  } catch {
    return addUnknown(ctx, `the list \`${clip(file, 60)}\` could not be read`);
  }
  for (const name of text.split(/\s+/).filter((n) => n !== "")) source(ctx, resolve(ctx.cwd, name.replace(/^["']|["']$/g, "")), true);
}

/** `find ROOTS … -name PAT`: the files under the roots (those matching a lone `-name`), a superset of what it acts on. */
function findSources(ctx: Ctx, words: readonly ShellWord[]): void {
  let i = 0;
  const roots: ShellWord[] = [];
  for (; i < words.length; i++) {
    const w = words[i] as ShellWord;
    if (w.literal && (w.value.startsWith("-") || w.value === "(" || w.value === "!")) break;
    roots.push(w);
  }
  const names = words.flatMap((w, k) => (w.literal && (w.value === "-name" || w.value === "-iname") ? [words[k + 1]] : []));
  const lone = names.length === 1 && names[0]?.literal === true ? names[0].value : undefined;
  const match = lone !== undefined && !words.some((w) => w.literal && (w.value === "-o" || w.value === "-or")) ? globRegex(lone) : undefined;
  for (const r of roots.length > 0 ? roots : [{ value: ".", source: ".", literal: true, glob: false, tilde: false }]) for (const p of paths(ctx, r)) source(ctx, p, true, match);
}

/** The operands of a file reader that name what it reads (options skipped; its target left out by the caller). */
function operandWords(words: readonly ShellWord[]): ShellWord[] {
  let ended = false;
  const out: ShellWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as ShellWord;
    if (!ended && w.literal && w.value === "--") ended = true;
    else if (!ended && w.literal && (w.value === "-t" || w.value === "--target-directory")) i++;
    else if (ended || !w.literal || !w.value.startsWith("-") || w.value === "-") out.push(w);
  }
  return out;
}

function readerSources(ctx: Ctx, name: string, words: readonly ShellWord[]): void {
  if (name === "dd") {
    for (const w of words) if (w.literal && w.value.startsWith("if=")) for (const p of paths(ctx, { ...w, value: w.value.slice(3) })) source(ctx, p, false);
    return;
  }
  let operands = operandWords(words).filter((w) => !(w.literal && w.value === "-"));
  const targetOption = words.some((w) => w.literal && (w.value === "-t" || w.value.startsWith("--target-directory")));
  if (Copiers.has(name) && !targetOption) operands = operands.slice(0, -1);
  if (name === "tee") return; // its operands are what it writes
  // Recursive copies and archivers take whole folders; `cp` without `-r` skips them, which a walk only over-counts.
  for (const w of operands) for (const p of paths(ctx, w)) source(ctx, p, true);
}

/** The copy's sources, for one simple command after wrappers (`timeout`, `env`, `nice`) are seen through. */
function commandSources(ctx: Ctx, argv: readonly ShellWord[]): void {
  const head = argv[0];
  if (head === undefined) return;
  if (!head.literal || head.glob) return addUnknown(ctx, `the command \`${clip(head.source, 60)}\` is only known when it runs`);
  const name = commandBaseName(head);
  const rest = argv.slice(1);
  if (Composers.has(name)) return;
  if (name === "find") {
    findSources(ctx, rest);
    const exec = rest.findIndex((w) => w.literal && ["-exec", "-execdir", "-ok", "-okdir"].includes(w.value));
    if (exec >= 0) commandSources(ctx, rest.slice(exec + 1).filter((w) => !(w.literal && (w.value === "{}" || w.value === ";" || w.value === "+"))));
    return;
  }
  if (name === "xargs") {
    let k = 0;
    let list: string | undefined;
    for (; k < rest.length; k++) {
      const w = rest[k] as ShellWord;
      if (!w.literal || !w.value.startsWith("-")) break;
      if (w.value === "-a" || w.value === "--arg-file") list = rest[++k]?.value;
      else if (w.value.startsWith("--arg-file=")) list = w.value.slice("--arg-file=".length);
      else if (w.value.startsWith("-a") && w.value.length > 2) list = w.value.slice(2);
      else if (["-d", "-E", "-I", "-L", "-n", "-P", "-s", "--delimiter", "--max-args", "--max-procs"].includes(w.value)) k++;
    }
    if (list !== undefined) listNames(ctx, list);
    else addUnknown(ctx, "`xargs` takes the names of what it copies from its input when it runs");
    return commandSources(ctx, rest.slice(k));
  }
  if (FileReaders.has(name)) return readerSources(ctx, name, rest);
  addUnknown(ctx, `\`${clip(name, 40)}\` decides what it reads when it runs`);
}

function redirectSources(ctx: Ctx, redirects: readonly ShellRedirect[]): void {
  for (const r of redirects) {
    if ((r.direction !== "read" && r.direction !== "readwrite") || r.target === null) continue;
    for (const p of paths(ctx, r.target)) source(ctx, p, false);
  }
}

/**
 * What the command reads that it could copy into a folder leaving the machine. `writePaths`: the absolute paths the
 * analysis found it writes (an intermediate it writes and then reads is not known now).
 */
export function outboundCopiesOf(analysis: ShellAnalysis | undefined, workspace: string, cwd: string, writePaths: readonly string[]): OutboundCopies {
  if (analysis === undefined) return { files: [], count: 0, unknown: ["the command could not be parsed"] };
  const ctx: Ctx = { workspace, cwd, writePaths: new Set(writePaths), files: new Map(), count: 0, unknown: [], walked: 0 };
  try {
    if (analysis.problems.length > 0) addUnknown(ctx, `the command uses shell features Warden does not follow (${clip(analysis.problems[0]?.message ?? "", 80)})`);
    if (analysis.substitutions.some((s) => s.kind === "command" || s.kind === "process")) addUnknown(ctx, "a command substitution decides words only when it runs");
    redirectSources(ctx, analysis.redirects);
    for (const c of analysis.commands) {
      redirectSources(ctx, c.redirects);
      for (const e of unwrapCommand(c.argv).commands) {
        // `find -exec`'s command is read with find's own expression (its `{}` are the files find walks).
        if (e.wrappers.includes("find")) continue;
        if (e.argsUnknown) addUnknown(ctx, `\`${clip(e.wrappers.join(" "), 40)}\` passes the names of what is copied only when it runs`);
        commandSources(ctx, e.argv);
      }
    }
  } catch (error) {
    addUnknown(ctx, `the sources could not be worked out (${error instanceof Error ? clip(error.message, 80) : "error"})`);
  }
  return { files: [...ctx.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), count: ctx.count, unknown: ctx.unknown };
}

const Archivers = new Set(["tar", "bsdtar", "zip", "7z", "7za", "7zr", "git", "sed", "gsed"]);

/** Where one command copies to, when the analysis leaves it out (a glob or a run-time word among the sources). */
function targetsOf(argv: readonly ShellWord[], cwd: string, out: string[]): void {
  const head = argv[0];
  if (head === undefined || !head.literal) return;
  const name = commandBaseName(head);
  const words = argv.slice(1).map((w) => (w.literal && !w.glob ? w.value : undefined));
  const add = (v: string | undefined) => {
    if (v !== undefined && v !== "-" && v !== "") out.push(isAbsolute(v) ? v : resolve(cwd, v));
  };
  if (name === "xargs" || name === "find") {
    // The command xargs or `find -exec` runs, after their own options and expressions.
    const at = name === "find" ? argv.findIndex((w) => w.literal && ["-exec", "-execdir", "-ok", "-okdir"].includes(w.value)) : argv.findIndex((w, i) => i > 0 && w.literal && !w.value.startsWith("-") && !["-a", "--arg-file", "-d", "-E", "-I", "-L", "-n", "-P", "-s"].includes(argv[i - 1]?.value ?? ""));
    if (at > 0) targetsOf(argv.slice(at + (name === "find" ? 1 : 0)).filter((w) => !(w.literal && (w.value === "{}" || w.value === ";" || w.value === "+"))), cwd, out);
    return;
  }
  if (Copiers.has(name)) {
    const t = words.findIndex((w) => w === "-t" || w === "--target-directory");
    if (t >= 0) return add(words[t + 1]);
    const given = words.find((w) => w?.startsWith("--target-directory=") === true);
    if (given !== undefined) return add(given.slice("--target-directory=".length));
    const operands = operandWords(argv.slice(1));
    const last = operands[operands.length - 1];
    if (operands.length > 1 && last?.literal === true && !last.glob) add(last.value);
    return;
  }
  if (!Archivers.has(name)) return;
  if (name === "tar" || name === "bsdtar") {
    words.forEach((w, i) => {
      if (w === undefined) return;
      if (w === "-f" || w === "--file") add(words[i + 1]);
      else if (w.startsWith("--file=")) add(w.slice(7));
      else if (/^-[A-Za-z]*f$/.test(w) || (i === 0 && /^[A-Za-z]*f[A-Za-z]*$/.test(w))) add(words[i + 1]);
    });
  } else if (name === "zip") add(words.find((w) => w !== undefined && !w.startsWith("-")));
  else if (name === "git") {
    if (words[0] !== "archive") return;
    words.forEach((w, i) => {
      if (w === "-o" || w === "--output") add(words[i + 1]);
      else if (w?.startsWith("--output=") === true) add(w.slice(9));
    });
  } else if (name === "sed" || name === "gsed") {
    for (const w of words) for (const m of (w ?? "").matchAll(/(?:^|[;\n}])\s*(?:[0-9$,/^.*\\a-z]*\s*)?w\s+([^;\n}]+)/g)) add(m[1]?.trim());
  } else add(words.filter((w) => w !== undefined && !w.startsWith("-"))[1]); // 7z a ARCHIVE …
}

/**
 * Targets the analysis leaves out: a copy whose sources are a glob or a run-time word (`cp docs/*.md shared/`,
 * `cp "$F" shared/`), the command `xargs` or `find -exec` runs, archives (`tar cf`, `zip`, `7z a`, `git archive -o`)
 * and `sed`'s `w FILE`.
 */
export function copyTargetsOf(analysis: ShellAnalysis | undefined, cwd: string): string[] {
  const out: string[] = [];
  for (const c of analysis?.commands ?? []) targetsOf(unwrapCommand(c.argv).commands[0]?.argv ?? [], cwd, out);
  return out.slice(0, 256);
}

/**
 * Paths inside code a program runs (`python -c "shutil.copy('docs/x', 'shared/')"`, an `awk` program): words that
 * name workspace paths. Not a boundary (code can spell a path any way): it only names a folder a copy may land in.
 */
export function codePathsOf(analysis: ShellAnalysis | undefined, cwd: string): string[] {
  const out: string[] = [];
  for (const c of analysis?.commands ?? []) {
    for (const w of c.argv.slice(1)) {
      if (!w.literal || !/[\s'"(,]/.test(w.value)) continue;
      for (const token of w.value.split(/[\s'"(),;=+[\]{}<>|&]+/).filter((t) => t.includes("/") && !t.startsWith("-")).slice(0, 32)) {
        // Only a token whose first folder is there can land in a folder found by its signals (a cheap look first).
        const p = resolve(cwd, token);
        const first = resolve(cwd, token.split("/")[0] === "" ? "/" : (token.split("/")[0] ?? "."));
        if (existsNow(first)) out.push(p);
      }
    }
  }
  return out.slice(0, 64);
}

/** For the owner: what leaves, listed and counted, links resolved, and what could not be known. */
export function outboundCopiesNote(copies: OutboundCopies, into: readonly { folder: string; why: string }[]): string {
  const where = into.map((w) => `\`${clip(w.folder, 80)}/\` (${clip(w.why, 160)})`).join(", ");
  const shown = copies.files.slice(0, 12).map((f) => (f.via !== undefined ? `\`${clip(f.via, 80)}\` (a link to \`${clip(f.path, 80)}\`)` : `\`${clip(f.path, 80)}\``));
  const more = copies.count > shown.length ? ` and ${copies.count - shown.length} more` : "";
  const files = copies.count === 0 ? "no workspace file it names" : `${copies.count} workspace file${copies.count === 1 ? "" : "s"} (private): ${shown.join(", ")}${more}`;
  const unknown = copies.unknown.length > 0 ? `; not known in advance: ${copies.unknown.join("; ")}` : "";
  return `copies ${files} into ${where}, which leave${into.length === 1 ? "s" : ""} this machine${unknown}`;
}

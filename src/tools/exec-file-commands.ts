/**
 * An exec call that runs a file's commands (`make tidy`, `npm run lint`, `sh tools/format.sh`, `just x`): the commands
 * read from the file as it is now (fs/run-file-commands.ts) are judged by the exec policy as if typed (their writes,
 * deletes, network, the folders leaving the machine they write into), and the approval summary shows them, effects
 * first. The file is read again when the call runs: a file changed between approval and run changes the call's
 * binding (the approval is void). Never throws.
 */
import { closeSync, fstatSync, openSync, readSync, realpathSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { createHash } from "node:crypto";
import { constants } from "node:fs";
import type { ExecFacts } from "../exec/index.ts";
import type { ExecDecision } from "../exec/decide-exec.ts";
import type { ShellAnalysis } from "../exec/shell-analyzer.ts";
import { unwrapCommand } from "../exec/wrappers.ts";
import { commandsRunBy, type FileCommands, type ReadWorkspaceFile } from "../fs/run-file-commands.ts";
import { execEffects } from "./acting-summary.ts";
import { clip } from "./gated-tool.ts";

const MaxFileBytes = 256 * 1024;
const MaxFiles = 8;
/** Room in the summary for the files' commands (the approvals store keeps 2,000 characters per summary). */
const MaxSummary = 900;

/** Reads a regular file inside the workspace, without following a final symlink out of it; undefined otherwise. */
export function workspaceReader(workspace: string): ReadWorkspaceFile {
  let root: string;
  try {
    root = realpathSync(workspace);
  } catch {
    return () => undefined;
  }
  return (relativePath) => {
    const full = resolve(root, relativePath);
    let real: string;
    try {
      real = realpathSync(full);
    } catch {
      return undefined;
    }
    const rel = relative(root, real);
    if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return undefined;
    let fd: number | undefined;
    try {
      fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW);
      const st = fstatSync(fd);
      if (!st.isFile() || st.size > MaxFileBytes) return undefined;
      const buf = Buffer.alloc(st.size);
      let got = 0;
      while (got < st.size) {
        const n = readSync(fd, buf, got, st.size - got, got);
        if (n === 0) break;
        got += n;
      }
      return buf.subarray(0, got).toString("utf8");
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };
}

/** The files' commands a parsed script runs, for each simple command whose words are all known. */
export function fileCommandsOf(analysis: ShellAnalysis | undefined, cwdRelative: string, read: ReadWorkspaceFile): FileCommands[] {
  if (analysis === undefined) return [];
  const out: FileCommands[] = [];
  for (const c of analysis.commands) {
    if (c.argv.length === 0) continue;
    for (const effective of unwrapCommand(c.argv).commands) {
      if (out.length >= MaxFiles || !effective.argv.every((w) => w.literal)) continue;
      const found = commandsRunBy(effective.argv.map((w) => w.value), cwdRelative, read);
      if (found !== undefined) out.push(found);
    }
  }
  return out;
}

export type JudgedFile = { file: FileCommands; decision?: ExecDecision; analysis?: ShellAnalysis };

/** Each file's shell commands judged as one script in the folder they run in. */
export function judgeFileCommands(files: readonly FileCommands[], workspace: string, decide: (command: string, cwd: string) => ExecDecision, analyze: (command: string) => ShellAnalysis | undefined): JudgedFile[] {
  return files.map((file) => {
    if (!file.shell || file.commands.length === 0) return { file };
    const script = file.commands.join("\n");
    const analysis = analyze(script);
    return { file, decision: decide(script, resolve(workspace, file.dir)), ...(analysis !== undefined ? { analysis } : {}) };
  });
}

/** The facts of the call and of the commands its files run, together: what any of them does, the call does. */
export function mergedFacts(facts: ExecFacts, judged: readonly JudgedFile[]): ExecFacts {
  const all = [facts, ...judged.flatMap((j) => (j.decision !== undefined ? [j.decision.facts] : []))];
  const some = (k: "writes" | "deletes" | "network" | "executesCode" | "outsideWorkspace" | "touchesSecrets" | "unknownEffects" | "readsRepositoryContent" | "readsUnnamed") => all.some((f) => f[k]);
  return {
    binaries: [...new Set(all.flatMap((f) => f.binaries))],
    readPaths: [...new Set(all.flatMap((f) => f.readPaths))],
    writePaths: [...new Set(all.flatMap((f) => f.writePaths))],
    writes: some("writes"), deletes: some("deletes"), network: some("network"), executesCode: some("executesCode"),
    outsideWorkspace: some("outsideWorkspace"), touchesSecrets: some("touchesSecrets"), unknownEffects: some("unknownEffects"),
    readsRepositoryContent: some("readsRepositoryContent"), readsUnnamed: some("readsUnnamed"),
  };
}

/** A digest of what the files say now, for the approval's binding: a file changed after approval voids it. */
export function filesDigest(files: readonly FileCommands[]): string | undefined {
  if (files.length === 0) return undefined;
  return createHash("sha256").update(JSON.stringify(files.map((f) => [f.file, f.commands, f.complete]))).digest("hex");
}

/**
 * For the approval summary, before the command as written: what each file's commands do (effects first, the folders
 * leaving the machine they write into), then the commands themselves; what could not be read is said.
 */
export function fileCommandsSummary(judged: readonly JudgedFile[], workspace: string, outbound: (writePaths: readonly string[]) => readonly { target: string; folder: string; why: string }[], writtenUntrusted: (file: string) => boolean = () => false): string {
  const parts: string[] = [];
  for (const { file, decision } of judged) {
    // A file the agent wrote from an untrusted context: what it runs is whoever wrote that content's code.
    const origin = file.file !== "" && writtenUntrusted(file.file) ? " (written by the agent after reading content that was not yours)" : "";
    const effects = decision !== undefined ? execEffects(decision.facts, workspace) : [];
    const copies = copiesOf(judged.find((j) => j.file === file)?.analysis, workspace, file.dir);
    const leaving = decision !== undefined ? outbound(decision.facts.writePaths).map((o) => `into \`${clip(o.folder, 80)}/\`, which leaves this machine (${clip(o.why, 120)})`) : [];
    const what = [...copies, ...leaving, ...effects.filter((e) => !e.startsWith("runs commands whose effects") || copies.length === 0)];
    const shown = file.commands.slice(0, 12).map((c) => `\`${clip(c, 300)}\``).join("; ");
    const more = file.commands.length > 12 ? ` and ${file.commands.length - 12} more` : "";
    const incomplete = file.complete ? "" : ` (not all known: ${file.why ?? "the file could not be read to the end"})`;
    const body = file.commands.length === 0 ? "no commands read" : `${shown}${more}`;
    parts.push(`runs ${file.runs} from \`${clip(file.file, 120)}\`${origin}${what.length > 0 ? ` [${what.join("; ")}]` : ""}: ${body}${incomplete}`);
  }
  const all = parts.join(" · ");
  return all.length <= MaxSummary ? all : `${all.slice(0, MaxSummary)}… [the approval's detail shows every command]`;
}

/** The files' commands in full, for the approval's detail. */
export function fileCommandsDetail(files: readonly FileCommands[]): string {
  return files.map((f) => `\n\n# runs ${f.runs} from ${f.file}${f.complete ? "" : ` (not all known: ${f.why ?? ""})`}:\n${f.commands.join("\n")}`).join("");
}

/** The parsed `cp`, `mv` and `install` commands, in words: "copies private/notes.txt to shared/n.txt". */
function copiesOf(analysis: ShellAnalysis | undefined, workspace: string, dir: string): string[] {
  if (analysis === undefined) return [];
  const rel = (p: string) => {
    const full = resolve(workspace, dir, p);
    return clip(relative(workspace, full) || ".", 120);
  };
  const out: string[] = [];
  for (const c of analysis.commands) {
    const name = c.argv[0];
    const base = name?.literal === true ? name.value.slice(name.value.lastIndexOf("/") + 1) : "";
    if (!["cp", "mv", "install"].includes(base)) continue;
    const words = c.argv.slice(1).filter((w) => !w.value.startsWith("-")).map((w) => (w.literal ? rel(w.value) : w.source));
    if (words.length < 2) continue;
    out.push(`${base === "mv" ? "moves" : "copies"} ${words.slice(0, -1).join(", ")} to ${words[words.length - 1] ?? ""}`);
  }
  return out.slice(0, 6);
}

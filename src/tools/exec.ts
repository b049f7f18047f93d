/**
 * `exec`: shell text, parsed with a real bash grammar and decided by the exec policy, then run in the
 * bubblewrap sandbox (or on the host with approvals when no sandbox works).
 */
import { z } from "zod";
import { resolve, isAbsolute, join, relative } from "node:path";
import { createHash } from "node:crypto";
import { lstatSync, realpathSync } from "node:fs";
import type { DeferredShellAnalyzer, ExecFacts, ShellAnalyzer, ExecPolicy } from "../exec/index.ts";
import type { ShellAnalysis } from "../exec/shell-analyzer.ts";
import { answeredByTyping, decideExec } from "../exec/index.ts";
import { defaultChangedFilesLimits, findChangedFiles } from "../fs/changed-files.ts";
import { createOutboundLookup, NoOutboundConfig, type OutboundFolderPolicy, type OutboundLookup, type OutboundLookupOptions } from "../fs/outbound-folders.ts";
import { markedReadsOf, reachMarks } from "./read-marks.ts";
import type { ToolOutput } from "../agent/tool.ts";
import type { EgressGrant, GitIdentity, SandboxRunner, WorkspaceScanner } from "../sandbox/index.ts";
import { createWorkspaceScanner, findStoredCredentials, inspectGitConfig, missingIdentityNote } from "../sandbox/index.ts";
import { ask, combineDecisions, deny } from "../core/decision.ts";
import { clip, defineTool, type GatedTool } from "./gated-tool.ts";
import { execSummary } from "./acting-summary.ts";
import { fileCommandsDetail, fileCommandsOf, fileCommandsSummary, filesDigest, judgeFileCommands, mergedFacts, workspaceReader } from "./exec-file-commands.ts";
import { textDetail } from "../approvals/approval-detail.ts";
import { judgedWrites, snapshotRunLater, undoneNote, undoRunLater, type UndoneFile } from "./exec-run-later.ts";
import { wordPlaces } from "./exec-word-places.ts";
import { documentWrites, namedReads } from "./exec-document-writes.ts";
import { codePathsOf, copyTargetsOf, outboundCopiesNote, outboundCopiesOf, type OutboundCopies } from "./exec-outbound-copies.ts";

const args = z.strictObject({
  command: z.string().min(1).max(100_000),
  cwd: z.string().min(1).max(4096).optional(),
  timeoutMs: z.number().int().min(100).max(3_600_000).optional(),
});

export type ExecToolDeps = {
  /** A deferred analyzer is loaded before the tool's first analysis. */
  analyzer: ShellAnalyzer | DeferredShellAnalyzer;
  runner: SandboxRunner;
  policy: () => ExecPolicy;
  workspace: string;
  homeDir: string;
  stateDir: string;
  pathEnv: string;
  hiddenPaths: readonly string[];
  network: boolean;
  /**
   * Host-scoped network for every sandboxed command when `network` is false: the grant of an egress proxy
   * (started on first use). Absent: no network. Rejects when the proxy cannot start (the command is not run).
   */
  egress?: () => Promise<EgressGrant>;
  timeoutMs: number;
  maxOutputBytes: number;
  /** Finds credential files to mask and repositories to inspect; default a fresh scanner with its own cache. */
  scanner?: WorkspaceScanner;
  /** The owner's word on which workspace folders leave the machine (config); default none beyond markers and names. */
  outboundFolders?: () => OutboundFolderPolicy;
  /** The owner's git identity for commits in the sandbox (`tools.exec.git`, else the host's `user.name`/`user.email`). */
  gitIdentity?: () => Promise<GitIdentity>;
  /** Told what a command planted where something runs it later, and what was undone (the activity log). */
  onRunLaterUndone?: (event: { command: string; cwd: string; undone: UndoneFile[] }) => void;
};

/** The folders leaving the machine that a command's parsed write targets land in, one entry per folder. */
function outboundWritesOf(workspace: string, writePaths: readonly string[], lookup: OutboundLookup): { target: string; folder: string; why: string }[] {
  const out = new Map<string, { target: string; folder: string; why: string }>();
  for (const real of writePaths.slice(0, 256)) {
    // A command's bytes are not known: a publishing configuration or a marker it writes may publish anything there.
    const found = lookup.folderOf(real, true) ?? lookup.publishingWrite(real, undefined);
    if (found !== undefined && !out.has(found.folder)) out.set(found.folder, { target: relative(workspace, real) || ".", folder: found.folder, why: found.why });
  }
  return [...out.values()];
}

/** What is copied into the folders written: a file already in the folder it is copied into does not leave anew. */
function copiesInto(copies: OutboundCopies, into: readonly { folder: string }[]): OutboundCopies {
  const within = (path: string) => into.some((w) => w.folder === "." || path === w.folder || path.startsWith(`${w.folder}/`));
  const files = copies.files.filter((f) => !within(f.path));
  return { files, count: copies.count - (copies.files.length - files.length), unknown: copies.unknown };
}

function isRegularFile(p: string): boolean {
  try {
    const st = lstatSync(p);
    return st.isFile();
  } catch {
    return false;
  }
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function isWithin(child: string, parent: string): boolean {
  return child === parent || child.startsWith(`${parent}/`);
}

/**
 * Credential files stay masked unless the command names a secret path (the gate then asked the owner:
 * `exec.secret_path`); then the masks holding what it names are lifted, and only those.
 */
function masksFor(masks: readonly string[], facts: ExecFacts): string[] {
  if (!facts.touchesSecrets) return [...masks];
  const named = [...facts.readPaths, ...facts.writePaths];
  return masks.filter((m) => !named.some((p) => isWithin(p, m)));
}

/**
 * Where a command could read the agent's bytes: below the paths it names when the analysis knows all its effects
 * (an allowlisted reader), anywhere in the workspace otherwise (`mv`, `sort -o`, a script) — and also when it names
 * none (`grep -r x` reads its working directory), takes names from its input (`xargs`), or prints what git stored
 * (`git show`, `git log -p`: the bytes sit compressed under no name of theirs).
 */
function readReach(workspace: string, facts: ExecFacts): string[] {
  const named = [...facts.readPaths, ...facts.writePaths];
  const known = !facts.unknownEffects && !facts.executesCode && !facts.readsRepositoryContent && facts.readPaths.length > 0;
  return known && !facts.binaries.some((b) => NamesFromInput.has(b.split("/").pop() ?? b)) ? named : [workspace];
}

/** Programs that read file names from their input rather than their arguments. */
const NamesFromInput = new Set(["xargs", "parallel"]);

// Repositories whose stored names are listed before a command that prints stored contents just asks.
const MAX_REPOSITORIES_LISTED = 20;

/**
 * Why a command that needs the network failed in the sandbox, for the model to tell the owner: without it a new
 * owner approves `git push`, sees "Could not resolve host" and does not know the setting exists.
 */
function noNetworkNote(hostsGranted: boolean): string {
  const how = "the owner can allow hosts for HTTP(S) with `warden config set tools.exec.networkHosts '[\"github.com\"]'` and a gateway restart (ssh and other protocols stay unavailable)";
  return hostsGranted
    ? `[Warden: sandboxed commands reach only the hosts in tools.exec.networkHosts, over HTTP(S) through Warden's proxy; ${how}]`
    : `[Warden: sandboxed commands have no network (tools.exec.network is false); ${how}]`;
}

/**
 * The words of a script that is one simple command of plain words (no redirect, substitution, assignment, glob, `~`,
 * nothing the analyzer could not read): what the gate compares with the owner's request (owner-command.ts).
 */
function simpleWords(analysis: ShellAnalysis | undefined): string[] | undefined {
  if (analysis === undefined || analysis.problems.length > 0 || analysis.commands.length !== 1 || analysis.redirects.length > 0) return undefined;
  if (analysis.substitutions.length > 0 || analysis.heredocs.length > 0 || analysis.functions.length > 0 || analysis.constructs.length > 0 || analysis.subshells > 0) return undefined;
  const [command] = analysis.commands;
  if (command === undefined || command.assignments.length > 0 || command.redirects.length > 0 || command.argv.length === 0) return undefined;
  // A pattern of `*` only (`Downloads/*.pdf`) is a word too: the gate reads it as the files it describes (owner-command.ts).
  if (!command.argv.every((w) => w.literal && !w.tilde && (!w.glob || !/[?[\]]/.test(w.source)))) return undefined;
  return command.argv.map((w) => w.value);
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `cd DIR && COMMAND` — two simple commands of plain words, the first a `cd` to one literal folder, joined by `&&` and
 * nothing else: the folder and the second command's words (the gate binds a test run the owner asked for to it).
 */
function cdThenWords(analysis: ShellAnalysis | undefined, command: string): { dir: string; words: string[] } | undefined {
  if (analysis === undefined || analysis.problems.length > 0 || analysis.commands.length !== 2 || analysis.redirects.length > 0) return undefined;
  if (analysis.substitutions.length > 0 || analysis.heredocs.length > 0 || analysis.functions.length > 0 || analysis.constructs.length > 0 || analysis.subshells > 0) return undefined;
  const [cd, then] = analysis.commands;
  if (cd === undefined || then === undefined || cd.argv.length !== 2 || cd.argv[0]?.value !== "cd") return undefined;
  if (![cd, then].every((c) => c.assignments.length === 0 && c.redirects.length === 0 && c.argv.every((w) => w.literal && !w.glob && !w.tilde))) return undefined;
  // The text is exactly the two commands joined by one `&&`: no `;`, `||`, `|` or `&` between them.
  const joined = command.trim();
  if (!joined.startsWith(cd.source) || !joined.endsWith(then.source) || joined.slice(cd.source.length, joined.length - then.source.length).trim() !== "&&") return undefined;
  return { dir: cd.argv[1]?.value ?? "", words: then.argv.map((w) => w.value) };
}

/**
 * `A && B && …` — two or more simple commands of plain words (no redirect, substitution, assignment, glob, `~`) joined by
 * `&&` and nothing else: each command's words (the gate binds the owner's local git work to them: owner-git.ts).
 */
function chainWords(analysis: ShellAnalysis | undefined, command: string): string[][] | undefined {
  if (analysis === undefined || analysis.problems.length > 0 || analysis.commands.length < 2 || analysis.redirects.length > 0) return undefined;
  if (analysis.substitutions.length > 0 || analysis.heredocs.length > 0 || analysis.functions.length > 0 || analysis.constructs.length > 0 || analysis.subshells > 0) return undefined;
  if (!analysis.commands.every((c) => c.assignments.length === 0 && c.redirects.length === 0 && c.argv.length > 0 && c.argv.every((w) => w.literal && !w.glob && !w.tilde))) return undefined;
  // The text is exactly the commands in order, one `&&` between each two: no `;`, `||`, `|` or `&`.
  let rest = command.trim();
  for (const [i, c] of analysis.commands.entries()) {
    if (!rest.startsWith(c.source)) return undefined;
    rest = rest.slice(c.source.length).trimStart();
    if (i < analysis.commands.length - 1) {
      if (!rest.startsWith("&&")) return undefined;
      rest = rest.slice(2).trimStart();
    }
  }
  return rest === "" ? analysis.commands.map((c) => c.argv.map((w) => w.value)) : undefined;
}

export function createExecTool(deps: ExecToolDeps): GatedTool {
  // Deploy scripts are read with the analyzer the command was parsed with (loaded by then), each parsed once.
  const scripts: OutboundLookupOptions = { analyzer: deps.analyzer, cache: new Map() };
  const scanner = deps.scanner ?? createWorkspaceScanner();
  const decide = (command: string, cwd: string) =>
    decideExec({ command, cwd, workspace: deps.workspace, homeDir: deps.homeDir, stateDir: deps.stateDir, pathEnv: deps.pathEnv, policy: deps.policy() }, deps.analyzer);
  const usesGit = (binaries: readonly string[]) => binaries.some((b) => b === "git" || b.endsWith("/git"));
  /** Why a command printing stored git contents could print credentials; undefined when no repository holds any. */
  const storedCredentials = async (cwd: string, scan: { repositories: string[]; complete: boolean }): Promise<string | undefined> => {
    const repos = [...new Set([...scan.repositories, cwd])];
    if (!scan.complete || repos.length > MAX_REPOSITORIES_LISTED) return "git prints files stored in the repository, and the workspace is too large to tell whether it stores credential files";
    for (const repo of repos) {
      const found = await findStoredCredentials(repo, deps.workspace);
      if (!found.complete) return `git prints files stored in the repository at \`${clip(repo, 80)}\`, whose stored file names could not all be listed`;
      if (found.paths.length > 0) {
        return `git prints files stored in the repository at \`${clip(repo, 80)}\`, which holds credential files (${found.paths.slice(0, 3).map((p) => `\`${clip(p, 60)}\``).join(", ")}); the sandbox masks them in the work tree, not in git's history`;
      }
    }
    return undefined;
  };
  // For the approval summary only: the decision above parsed the same text with the same analyzer.
  const analyzed = (command: string): ShellAnalysis | undefined => {
    try {
      return deps.analyzer.analyze(command);
    } catch {
      return undefined;
    }
  };
  /** The plain documents a command writes, workspace-relative, when it writes nothing else (exec-document-writes.ts). */
  const writtenDocuments = (writePaths: readonly string[]): string[] | undefined => {
    try {
      return documentWrites(realpathSync(deps.workspace), writePaths);
    } catch {
      return undefined;
    }
  };
  /** What the command reads, workspace-relative, when its parse names all of it (exec-document-writes.ts). */
  const readsNamed = (facts: ExecFacts): string[] | undefined => {
    try {
      return namedReads(realpathSync(deps.workspace), facts);
    } catch {
      return undefined;
    }
  };
  const cwdOf = (cwd: string | undefined) => (cwd === undefined ? deps.workspace : isAbsolute(cwd) ? cwd : resolve(deps.workspace, cwd));
  return defineTool({
    name: "exec",
    description: "Run shell text in the workspace (sandboxed). Read-only commands run directly; others may need the owner's approval.",
    schema: args,
    effects: ["command"],
    async assess(a, context) {
      if ("load" in deps.analyzer) await deps.analyzer.load();
      const cwd = cwdOf(a.cwd);
      const d = decide(a.command, cwd);
      const scan = scanner.scan(deps.workspace);
      const extra = [];
      if (usesGit(d.facts.binaries)) {
        const { hazards } = await inspectGitConfig(cwd, deps.workspace, { repositories: scan.repositories, gitDirs: scan.gitDirs });
        if (!scan.complete) hazards.push({ id: "git.discovery_incomplete", message: "the workspace is too large to find every repository git could use; their configuration was not all inspected" });
        if (hazards.length > 0) extra.push(ask("high", ...hazards));
      }
      // Credential files git stores (history, index) are not masked by the sandbox: printing them needs the owner.
      const stored = d.facts.readsRepositoryContent ? await storedCredentials(cwd, scan) : undefined;
      if (stored !== undefined) extra.push(ask("critical", { id: "exec.secret_path", message: stored }));
      // What the command could read that holds credentials: the files it names (unmasked for it once the owner
      // approved), everything on the host when there is no sandbox to mask them, whatever an incomplete scan did
      // not see, and repository configs (remote URLs with tokens) for a command that may start git, which needs them.
      const mayReadCredentials = d.facts.touchesSecrets || stored !== undefined || !scan.complete || (!deps.runner.sandboxed && scan.credentialPaths.length > 0)
        || ((d.facts.unknownEffects || d.facts.executesCode) && scan.repositories.length > 0);
      if (!deps.runner.sandboxed && d.decision === "allow" && deps.policy().security !== "full") {
        extra.push(ask("medium", { id: "exec.no_sandbox", message: "no sandbox is available on this machine; commands run on the host and need the owner" }));
      }
      if (cwd !== deps.workspace && !cwd.startsWith(`${deps.workspace}/`)) extra.push(deny("high", { id: "exec.cwd_outside_workspace", message: `the working directory \`${clip(cwd, 80)}\` is outside the workspace` }));
      // `make tidy`, `npm run lint`, `sh tools/format.sh`: the commands the file says now, judged as if typed.
      const analysis = analyzed(a.command);
      const judged = judgeFileCommands(fileCommandsOf(analysis, relative(deps.workspace, cwd), workspaceReader(deps.workspace)), deps.workspace, decide, analyzed);
      const inner = judged.flatMap((j) => (j.decision !== undefined ? [j.decision] : []));
      const facts0 = mergedFacts(d.facts, judged);
      const base = combineDecisions([d, ...inner, ...extra]);
      const offline = deps.runner.sandboxed && !deps.network && deps.egress === undefined;
      // A command that can reach the network can send the agent's bytes it reads, not only its own text: the owner is
      // told which (and the gate weighs their marks), as run() will refuse one composed next to a secret.
      const reads = !offline && (facts0.network || facts0.unknownEffects || facts0.executesCode)
        ? markedReadsOf(reachMarks(context, deps.workspace, readReach(deps.workspace, facts0), "files in the workspace"))
        : undefined;
      const outboundPolicy = deps.outboundFolders?.() ?? NoOutboundConfig;
      const filesRead = filesDigest(judged.map((j) => j.file));
      // Targets the analysis leaves out (a glob among a copy's sources, archives, `xargs … cp -t`, paths in code it runs).
      const targets = [...facts0.writePaths, ...copyTargetsOf(analysis, cwd), ...(facts0.executesCode || facts0.unknownEffects ? codePathsOf(analysis, cwd) : [])];
      // One lookup per decision: what it reads (markers, configs, links) is read once.
      const lookup = createOutboundLookup(deps.workspace, outboundPolicy, scripts);
      const outboundWrites = outboundWritesOf(deps.workspace, targets, lookup);
      const copies = outboundWrites.length > 0 ? copiesInto(outboundCopiesOf(analysis, deps.workspace, cwd, facts0.writePaths), outboundWrites) : undefined;
      const words = simpleWords(analysis);
      const facts = {
        tool: "exec" as const,
        command: a.command,
        base,
        writes: facts0.writes,
        deletes: facts0.deletes,
        network: facts0.network,
        executesCode: facts0.executesCode,
        unknownEffects: facts0.unknownEffects,
        touchesSecrets: facts0.touchesSecrets,
        sandboxed: deps.runner.sandboxed,
        offline,
        ...(reads !== undefined ? { reads } : {}),
        ...(outboundWrites.length > 0 ? { outboundWrites } : {}),
        ...(copies !== undefined ? { outboundCopies: copies } : {}),
        /** The command could read credential files (named, unmasked, or no sandbox): its output carries them. */
        mayReadCredentials,
        // What the owner answers by typing this very command (the gate binds it to a request of theirs): the policy's
        // question about the command's own text alone, on the sandbox; not a file's commands it runs, a git hazard,
        // stored credentials, a missing sandbox.
        ...(words !== undefined ? { words, wordPlaces: wordPlaces(words, deps.workspace, cwd) } : {}),
        ...(cdThenWords(analysis, a.command) !== undefined ? { cdThen: cdThenWords(analysis, a.command) } : {}),
        ...(chainWords(analysis, a.command) !== undefined ? { chain: chainWords(analysis, a.command) } : {}),
        ...(writtenDocuments(d.facts.writePaths) !== undefined ? { documentWrites: writtenDocuments(d.facts.writePaths) } : {}),
        ...(readsNamed(facts0) !== undefined ? { namedReads: readsNamed(facts0) } : {}),
        ...(judged.length === 0 && extra.length === 0 && deps.runner.sandboxed && (d.decision === "allow" || answeredByTyping(d)) ? { ownerAnswerable: true } : {}),
      };
      return {
        facts,
        summary: execSummary(a.command, analysis, d.facts, deps.workspace, a.cwd, [copies !== undefined ? outboundCopiesNote(copies, outboundWrites) : "", fileCommandsSummary(judged, deps.workspace, (paths) => outboundWritesOf(deps.workspace, paths, lookup), (file) => reachMarks(context, deps.workspace, [resolve(deps.workspace, file)], file).readMark?.mark.tainted === true)].filter((t) => t !== "").join("; ")),
        binding: { tool: "exec", script: createHash("sha256").update(a.command).digest("hex"), cwd, binaries: d.facts.binaries, network: deps.network, sandboxed: deps.runner.sandboxed, ...(filesRead !== undefined ? { filesRead } : {}) },
        detail: async () => textDetail(`Command (in ${cwd})`, `${a.command}${fileCommandsDetail(judged.map((j) => j.file))}`),
      };
    },
    async run(a, context) {
      if ("load" in deps.analyzer) await deps.analyzer.load();
      const cwd = cwdOf(a.cwd);
      // Re-judged at the moment of use: the masks and git's configuration are what they are now, not at assess time.
      const d = decide(a.command, cwd);
      const scan = scanner.scan(deps.workspace);
      // Any command that may start git (named, or not fully known) runs with every repository's programs disarmed.
      const mayRunGit = usesGit(d.facts.binaries) || d.facts.unknownEffects || d.facts.executesCode;
      const gitConfig = mayRunGit ? (await inspectGitConfig(cwd, deps.workspace, { repositories: scan.repositories, gitDirs: scan.gitDirs })).overrides : [];
      // Repository config may hold credentials in remote URLs; a command that cannot start git has no use for it.
      const repoConfigs = mayRunGit ? [] : scan.repositories.map((r) => `${r}/.git/config`).filter(isRegularFile);
      const gitIdentity = mayRunGit && deps.gitIdentity !== undefined ? await deps.gitIdentity() : undefined;
      let egress: EgressGrant | undefined;
      try {
        egress = deps.egress !== undefined && deps.runner.sandboxed && !deps.network ? await deps.egress() : undefined;
      } catch (error) {
        return { content: `Not run: the egress filter for tools.exec.networkHosts could not start: ${error instanceof Error ? error.message : String(error)}`, isError: true, source: "tool:exec" };
      }
      // What the command could read, before it runs (a rename or rewrite leaves no trace of the bytes it read).
      const reach = reachMarks(context, deps.workspace, readReach(deps.workspace, d.facts), "files in the workspace");
      const { markedInodes } = reach;
      // A command that reads credential files (named, so unmasked for it; or any, with no sandbox to mask them)
      // prints secrets, in whatever form it chose (`rev .env`): its output and what it writes are secret.
      const readsCredentials = d.facts.touchesSecrets || (!deps.runner.sandboxed && scan.credentialPaths.length > 0);
      const readMark: ToolOutput["readMark"] = readsCredentials ? { mark: { confidentiality: "secret", tainted: reach.readMark?.mark.tainted ?? false, ...(reach.readMark?.mark.outside === true ? { outside: true } : {}) }, from: "credential files the command reads", described: true } : reach.readMark;
      // INVARIANT: bytes composed next to a secret are that secret. A command that can reach the network and read
      // them (`curl --data-binary @todo.md`, `tar c . | curl -T -`) would send them in whatever form it chose, so it
      // does not run, whoever approved it: the approval was given for a command, not for the secret it reads.
      const reachesNetwork = deps.network || egress !== undefined;
      if (reachesNetwork && reach.readMark?.mark.confidentiality === "secret" && (d.facts.network || d.facts.unknownEffects || d.facts.executesCode)) {
        return { content: `Not run: the command can reach the network and could read ${reach.readMark.from}, which the agent wrote from a context holding a secret (flow.secret_egress); their bytes would leave in whatever form the command chose`, isError: true, source: "tool:exec" };
      }
      // What of the workspace runs later, as it is before the command (exec-run-later.ts): undone after it unless judged.
      // A command of read-only allowlisted programs, every effect known, writes nothing: it pays no walk.
      const writesNothing = !d.facts.writes && !d.facts.deletes && !d.facts.unknownEffects && !d.facts.executesCode && d.facts.writePaths.length === 0;
      const runLater = writesNothing ? undefined : snapshotRunLater(deps.workspace);
      const started = Date.now();
      const r = await deps.runner.run({
        script: a.command,
        cwd,
        workspace: deps.workspace,
        hiddenPaths: [...deps.hiddenPaths],
        maskPaths: masksFor([...scan.credentialPaths, ...repoConfigs], d.facts),
        gitConfig,
        ...(gitIdentity !== undefined ? { gitIdentity } : {}),
        network: deps.network,
        ...(egress ? { egress } : {}),
        timeoutMs: Math.min(a.timeoutMs ?? deps.timeoutMs, deps.timeoutMs),
        maxOutputBytes: deps.maxOutputBytes,
        signal: context.signal,
      });
      const undone = runLater === undefined ? [] : undoRunLater(runLater, judgedWrites(runLater.root, realOrSelf(cwd), analyzed(a.command)), join(deps.stateDir, "run-later-undone", `${started}`));
      if (undone.length > 0) deps.onRunLaterUndone?.({ command: a.command, cwd, undone });
      const undoneText = undone.length > 0 ? `\n${undoneNote(undone)}` : "";
      // The runner's error can quote the file system and the sandbox's own output: labelled as command output.
      if (r.error) return { content: `Not run: ${r.error}${undoneText}`, isError: true, source: "tool:exec" };
      const parts = [`exit ${r.exitCode ?? r.signal ?? "?"}${r.timedOut ? " (timed out)" : ""}${r.truncated ? " (output truncated)" : ""}${r.sandboxed ? "" : " (host, unsandboxed)"}`];
      if (r.stdout) parts.push(r.stdout);
      if (r.stderr) parts.push(`[stderr]\n${r.stderr}`);
      if (r.exitCode !== 0 && d.facts.network && r.sandboxed && !deps.network) parts.push(noNetworkNote(egress !== undefined));
      const noIdentity = r.exitCode !== 0 && mayRunGit ? missingIdentityNote(r.stderr, gitIdentity ?? {}) : undefined;
      if (noIdentity !== undefined) parts.push(noIdentity);
      // A command names no files it writes: what changed in the workspace while it ran is what it wrote.
      const changed = context.marksNeeded?.() === false && readMark === undefined ? undefined : findChangedFiles(deps.workspace, started, defaultChangedFilesLimits, markedInodes);
      // The files it read, as the analysis knows them (a folder written `dir/`: the files in it): not for code it runs
      // or effects it does not know (any file).
      const known = !d.facts.executesCode && !d.facts.unknownEffects;
      const readFiles = known ? d.facts.readPaths.map((p) => `${p === deps.workspace || p.startsWith(`${deps.workspace}/`) ? relative(deps.workspace, p) || "." : p}${isFolder(p) ? "/" : ""}`) : undefined;
      return { content: parts.join("\n") + undoneText, isError: r.exitCode !== 0, source: "tool:exec", ...(changed ? { changedFiles: changed } : {}), ...(readMark ? { readMark } : {}), ...(readFiles ? { readFiles } : {}) };
    },
  });
}

/** `read`, `write`, `edit`: workspace files only, through the open-then-verify file layer. */
import { z } from "zod";
import { createHash } from "node:crypto";
import { realpathSync, statSync } from "node:fs";
import { relative, resolve as resolvePath } from "node:path";
import type { WorkspaceFs } from "../fs/index.ts";
import { decidePathTarget } from "../fs/index.ts";
import type { DecidedPaths } from "../core/permit.ts";
import { allow, type Decision } from "../core/decision.ts";
import { credentialReference, namedByInstructionFile, onlyShellBlocks, runnableDocument, runnableInProject, standingInstructionTarget } from "../fs/execute-later.ts";
import { namedByRunLaterConfig } from "../fs/run-later-configs.ts";
import { referenceScan } from "../fs/referenced-by.ts";
import { runLaterContentOfChange } from "../fs/run-later-content.ts";
import { isSecretPath } from "../scan/secret-path.ts";
import { autoLoadingUrls, composedLoad, linkedUrls } from "../scan/autoload-urls.ts";
import { includersOf, type Includer } from "../fs/included-by.ts";
import { foldsCase } from "../fs/case-folding.ts";
import { richDocumentActs, richDocumentExtensions } from "../fs/rich-document.ts";
import { clip, defineTool, whole, type GatedTool } from "./gated-tool.ts";
import { editSummary } from "./acting-summary.ts";
import { ownArg, systemNote } from "../agent/tool.ts";
import { diffDetail, type ApprovalDetail } from "../approvals/approval-detail.ts";
import { createOutboundLookup, NoOutboundConfig, type OutboundFolderPolicy } from "../fs/outbound-folders.ts";
import type { DeployScriptCache } from "../fs/publish-configs.ts";
import type { PublishedLaterFact } from "../gate/types.ts";
import { MaxValueChars } from "../gate/write-values.ts";
import { loadedWholeFolder } from "../fs/loaded-whole.ts";
import { deferShellAnalyzer, type DeferredShellAnalyzer } from "../exec/shell-analyzer.ts";
import type { DocumentHarm } from "../fs/document-harm.ts";

const readArgs = z.strictObject({ path: z.string().min(1).max(4096) });
const writeArgs = z.strictObject({ path: z.string().min(1).max(4096), content: z.string().max(50 * 1024 * 1024) });
const editArgs = z.strictObject({ path: z.string().min(1).max(4096), oldText: z.string().min(1), newText: z.string() });

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

// What a write in an untrusted context may create without the owner: plain documents and data. Everything else —
// scripts, configuration of any tool, dotfiles, files without an extension — may be read or run by something later,
// and the list of such files is open-ended, so it is the exception that is listed, not the danger.
// Subtitles (`.srt`, `.vtt`) are lines of text a player shows under a picture: read by a person, run by nothing.
const documentExtensions = new Set(["md", "markdown", "txt", "text", "csv", "tsv", "rst", "adoc", "org", "log", "srt", "vtt"]);

/** `{ newFolder: true }` when the path's first folder below the workspace's top does not exist yet (gate/types.ts). */
function newFolderFact(workspace: string, path: string): { newFolder?: true } {
  const parts = path.replace(/\\/g, "/").split("/").filter((p) => p !== "" && p !== ".");
  return parts.length > 1 && parts[0] !== ".." && !exists(workspace, parts[0] as string) ? { newFolder: true } : {};
}

function exists(workspace: string, path: string): boolean {
  try {
    statSync(resolvePath(workspace, path));
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a read reaches a credential file, by the name it is called and by the name of what it reaches (`real`,
 * the file the decision opened): a symbolic link `notes.txt` → `.env` is `.env`. (Hard-linked files are refused
 * by the file layer.)
 */
function readsSecret(workspace: string, path: string, real: string | undefined): boolean {
  if (isSecretPath(path)) return true;
  if (real === undefined) return false; // nothing was opened: the decision is a deny, or the read finds nothing
  try {
    return isSecretPath(relative(realpathSync(workspace), real));
  } catch {
    return true; // the workspace cannot be resolved: assume the worst
  }
}

/** The permit's entry for a path: the call acts on what the gate decided, or on nothing. */
function decidedPath(path: string, real: string | undefined): DecidedPaths {
  return real === undefined ? {} : { [path]: real };
}

function notDecided(path: string): { content: string; isError: true; source: string } {
  return { content: `Refused: the permit names no decided file for \`${path}\`; nothing was done (fs.not_decided)`, isError: true, source: asRead(path) };
}

/**
 * Whether a workspace path is a plain document: no dot-named component (`.venv/`, `.pylintrc`), a document
 * extension (or HTML, SVG, RTF that runs nothing: fs/rich-document.ts), no executable bit already set, and content
 * that does not start with `#!`.
 */
function isDocument(workspace: string, path: string, content: string | undefined): boolean {
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  const name = parts.at(-1) ?? "";
  if (parts.some((p) => p.startsWith(".") && p !== "..")) return false;
  const dot = name.lastIndexOf(".");
  const ext = dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
  // A report in HTML, SVG or RTF is a document when its whole text is known and lays out only text and pictures (an
  // edit's result is not read here: it stays a file that may run).
  const rich = richDocumentExtensions.has(ext) && content !== undefined && richDocumentActs(ext, content) === undefined;
  if (!documentExtensions.has(ext) && !rich) return false;
  if (content?.startsWith("#!")) return false;
  try {
    return (statSync(resolvePath(workspace, path)).mode & 0o111) === 0;
  } catch {
    return true;
  }
}

/**
 * The label of what a file tool's answer reveals about a file (its content, its existence, its kind): the label
 * reading that file carries (untrusted, private; secret for a credential file).
 */
export function asRead(path: string): string {
  return `tool:read:${path}`;
}

/**
 * The diff a write or an edit would make, against the file as it is now (read through the same verified layer).
 * A credentials file's content is never copied into the request.
 */
async function changeDetail(fs: WorkspaceFs, path: string, real: string | undefined, after: (before: string | undefined) => string | ApprovalDetail): Promise<ApprovalDetail> {
  if (isSecretPath(path)) return { kind: "diff", path, diff: "", note: "a credentials file: its content is not copied into the request; read it yourself before approving" };
  const r = await fs.read(path, real);
  const before = !r.ok ? undefined : r.binary || r.truncated ? null : r.text;
  if (!r.ok && r.reason.id !== "path.not_found") return { kind: "diff", path, diff: "", note: `the current file cannot be read (${r.reason.message})` };
  if (before === null) return { kind: "diff", path, diff: "", note: `the current file (${r.ok ? r.size : 0} bytes) is ${r.ok && r.binary ? "binary" : "larger than the read limit"}; no diff is shown` };
  const next = after(before);
  return typeof next === "string" ? diffDetail(path, before, next, before === undefined ? "a new file" : undefined) : next;
}

/**
 * Why a document is code after all: its content runs when built or tested, or an agent's instructions import it. A
 * project's doc-test tool that runs shell sessions runs their command lines: when those are all ordinary
 * (`ordinaryShell`: no command a reader should not run, fs/document-commands.ts), the blocks are not code beyond them.
 */
function runnable(workspace: string, path: string, content: string, real: string | undefined, includers: readonly Includer[], ordinaryShell: boolean): { runnable?: string } {
  const inWorkspace = relative(workspace, resolvePath(workspace, path));
  const runner = includers.find((i) => i.as === "code");
  const inProject = ordinaryShell && onlyShellBlocks(content) ? undefined : runnableInProject(workspace, content, inWorkspace);
  const why = standingInstructionTarget(workspace, inWorkspace, real) ??
    (runner === undefined ? undefined : `\`${runner.includer}\` pulls it in as code (it runs, sources or inputs it), so what it holds runs when that is built or run`) ?? runnableDocument(content) ?? inProject ?? credentialReference(content) ??
    ((name) => (name === undefined ? undefined : `${name} names it, so a coding agent takes it as instructions`))(namedByInstructionFile(workspace, path));
  return why === undefined ? {} : { runnable: why };
}

/**
 * A write or an edit to a path something runs or trusts later (`justfile`, a git hook, a shell rc file) is decided by
 * the gate's rule for files that run later (`path.runs_later`: asks unless the owner typed what a write holds, in a clean
 * turn, or the change itself in this turn's request: gate/owner-change.ts), not asked for whatever the turn: the
 * owner's own "add a justfile that runs pytest -q" is the owner's. Only a path named as what it is: one that reaches the trusted target through a link (`docs`
 * swapped for a link to `.git/hooks` between turns, or while the write is decided) keeps its ask, since the owner
 * typed content for a document, not for a hook. Any other decision of the path is kept as it is.
 */
function trustedTargetAsRunsLater(decision: Decision, path: string, workspace: string, real: string | undefined): { decision: Decision; runsLater?: string } {
  const reason = decision.reasons[0];
  if (decision.decision !== "ask" || decision.reasons.length !== 1 || reason?.id !== "path.trusted_target") return { decision };
  if (real === undefined || real !== resolvePath(workspace, path)) return { decision };
  return { decision: allow("low", { id: "path.inside_workspace", message: `\`${clip(path)}\` is inside the workspace` }), runsLater: reason.message.replace(/; writing it needs the owner$/, "") };
}

/**
 * Why the file is run later because a configuration of the project names it (a script, a hook directory), or any
 * file that runs later (or a source file that includes or runs it) mentions it (fs/referenced-by.ts).
 */
function runsLater(workspace: string, path: string): { runsLater?: string; runsLaterUnchecked?: string } {
  const rel = relative(workspace, resolvePath(workspace, path));
  const named = namedByRunLaterConfig(workspace, rel);
  if (named !== undefined) return { runsLater: named };
  const scan = referenceScan(workspace, rel);
  return scan.why !== undefined ? { runsLater: scan.why } : scan.cutShort !== undefined ? { runsLaterUnchecked: scan.cutShort } : {};
}

/**
 * The URLs the document at `path` would newly load by itself once changed (`autoLoads`), and newly link to
 * (`links`): those of the whole resulting document less those it already had. Judging the result, not the call's
 * text, sees an edit that completes the URL of an image already there (`c.png)` → `c.png?d=…)`); the owner's own
 * images and links stay the owner's.
 */
async function newUrls(fs: WorkspaceFs, path: string, real: string | undefined, change: (before: string | undefined) => string, includers: readonly Includer[]): Promise<{ autoLoads: string[]; links: string[] }> {
  const r = isSecretPath(path) ? undefined : await fs.read(path, real);
  const before = r?.ok === true && !r.binary && !r.truncated ? r.text : undefined;
  const after = change(before);
  // A page that frames or styles itself with the document reads it as HTML or CSS, whatever its extension.
  const readings = [path, ...new Set(includers.flatMap((i) => (i.as === "html" ? ["included.html"] : i.as === "css" ? ["included.css"] : [])))];
  const loadsOf = async (text: string) => [...new Set((await Promise.all(readings.map((p) => autoLoadingUrls(text, p)))).flat())];
  const autoLoads = await loadsOf(after);
  const links = await linkedUrls(after, path, autoLoads);
  if (before === undefined) return { autoLoads, links };
  // A formula that computes its URL, or a frame, stays composed whatever was there before.
  // A link that becomes an image is a new load: loads and links are compared each with their own kind.
  const loadedBefore = await loadsOf(before);
  const loaded = new Set(loadedBefore.filter((u) => !composedLoad(u)));
  const linked = new Set(await linkedUrls(before, path, loadedBefore));
  return { autoLoads: autoLoads.filter((u) => !loaded.has(u)), links: links.filter((u) => !linked.has(u)) };
}

/**
 * What the change adds to a document that harms its later reader (fs/document-harm.ts: advised commands, active
 * content, hidden characters, formulas), judged on the whole document before and after; nothing for other files
 * (they are not plain documents, and a tainted write of them asks anyway). The readers load at the first document a
 * write is judged for, and the bash grammar at the first one that holds a command line.
 */
async function harmFacts(fs: WorkspaceFs, path: string, real: string | undefined, change: (before: string | undefined) => string, document: boolean, analyzer: DeferredShellAnalyzer): Promise<{ harm: DocumentHarm; ordinaryShell: boolean }> {
  if (!document) return { harm: {}, ordinaryShell: false };
  const r = isSecretPath(path) ? undefined : await fs.read(path, real);
  const before = r?.ok === true && !r.binary && !r.truncated ? r.text : undefined;
  const after = change(before);
  const { documentHarm, needsShellGrammar } = await import("../fs/document-harm.ts");
  if (needsShellGrammar(path, after)) await analyzer.load();
  const { harm, advisesNothing } = documentHarm(path, before, after, analyzer);
  return { harm, ordinaryShell: advisesNothing };
}

/**
 * An existing file's text before and after the write, for the gate to judge what it adds (gate/write-values.ts): the
 * whole file when it reads as text within the bound; an edit's own `oldText` and `newText` otherwise; for a whole-file
 * write over a file that cannot be read, nothing before (all of it is added). A new file has no change, but for one
 * in a folder a program reads whole (`local`: all of it is added, as it would be to the single file it stands for); a
 * credentials file has none (its content never enters a request).
 */
async function fileChange(fs: WorkspaceFs, path: string, real: string | undefined, exists: boolean, change: (before: string) => string | undefined, local?: { before: string; after: string }): Promise<{ change?: { before: string; after: string } }> {
  if (isSecretPath(path)) return {};
  if (!exists) return local === undefined ? {} : { change: { before: local.before, after: local.after.slice(0, MaxValueChars) } };
  const r = await fs.read(path, real);
  const before = r.ok && !r.binary && !r.truncated && r.text.length <= MaxValueChars ? r.text : undefined;
  const after = before === undefined ? undefined : change(before);
  if (before !== undefined && after !== undefined && after.length <= MaxValueChars) return { change: { before, after } };
  if (local !== undefined) return { change: local };
  const whole = change("");
  return whole === undefined ? {} : { change: { before: "", after: whole.slice(0, MaxValueChars) } };
}

/**
 * The change, with why the file runs later by what it is (fs/run-later-content.ts: a script, a crontab entry, a
 * scheduled instruction, shell lines) as it is or as the write leaves it, when nothing in the workspace names it to run
 * (`named`: that rule judges it already).
 */
function byContent(path: string, named: boolean, changed: { change?: { before: string; after: string } }, written: string): { change?: { before: string; after: string }; runsByContent?: string } {
  if (named) return changed;
  const found = runLaterContentOfChange(path, changed.change?.before, changed.change?.after ?? written);
  return found === undefined ? changed : { ...changed, runsByContent: found.why };
}

/** Why the file is an entry a program reads whole from its folder (fs/loaded-whole.ts), as the gate's fact. */
function loadedWholeFact(workspace: string, path: string): { loadedWhole?: string } {
  const why = loadedWholeFolder(workspace, relative(workspace, resolvePath(workspace, path)));
  return why === undefined ? {} : { loadedWhole: why };
}

/**
 * The folder leaving the machine that a write to `path` lands in, as the gate's fact (absent: none); or, for a
 * publishing tool's configuration or a marker (`netlify.toml`, `CNAME`), the folder the written `text` makes leave.
 */
async function outboundFact(workspace: string, path: string, policy: OutboundFolderPolicy, text: string | undefined, analyzer: DeferredShellAnalyzer, cache: DeployScriptCache): Promise<{ outboundFolder?: { folder: string; why: string }; publishedLater?: PublishedLaterFact }> {
  // The shell grammar loads only when the workspace has a deploy script to read (it is megabytes).
  let scripts = false;
  let lookup = createOutboundLookup(workspace, policy, analyzer.loaded?.() === true ? { analyzer, cache, queues: true } : { cache, queues: true, onDeployScript: () => (scripts = true) });
  let found = lookup.folderOf(path) ?? lookup.publishingWrite(path, text);
  if (found === undefined && scripts) {
    await analyzer.load();
    lookup = createOutboundLookup(workspace, policy, { analyzer, cache, queues: true });
    found = lookup.folderOf(path) ?? lookup.publishingWrite(path, text);
  }
  if (found !== undefined) return { outboundFolder: { folder: found.folder, why: found.why, ...(found.signal === "queue" ? { queue: true as const } : {}) } };
  const later = lookup.publishedLater(path);
  return later === undefined ? {} : { publishedLater: { folder: later.folder, kind: later.kind, why: later.why } };
}

/** The text an edit leaves in the file: `oldText` replaced once when it is there exactly once; otherwise unknown. */
async function editedText(fs: WorkspaceFs, path: string, real: string | undefined, oldText: string, newText: string): Promise<string | undefined> {
  if (isSecretPath(path)) return undefined;
  const r = await fs.read(path, real);
  const before = r.ok && !r.binary && !r.truncated ? r.text : undefined;
  return before !== undefined && before.split(oldText).length === 2 ? before.replace(oldText, () => newText) : undefined;
}

export function createFileTools(deps: { fs: WorkspaceFs; workspace: string; protectedDirs: readonly string[]; outboundFolders?: () => OutboundFolderPolicy; analyzer?: DeferredShellAnalyzer }): GatedTool[] {
  const folders = deps.outboundFolders ?? (() => NoOutboundConfig);
  const analyzer = deps.analyzer ?? deferShellAnalyzer();
  // What each deploy script uploads, parsed once for the tools' life (keyed by its path and text).
  const deployCache: DeployScriptCache = new Map();
  const read = defineTool({
    name: "read",
    description: "Read a text file from the agent workspace. `path` is relative to the workspace.",
    schema: readArgs,
    effects: ["file.read"],
    async assess({ path }) {
      const { decision: base, real } = await decidePathTarget({ path, write: false, workspace: deps.workspace, protectedDirs: deps.protectedDirs });
      return { facts: { tool: "read", path, base, secretPath: readsSecret(deps.workspace, path, real) }, summary: `read ${whole(path)}`, binding: { tool: "read", path }, decided: decidedPath(path, real) };
    },
    async run({ path }, _context, decided) {
      const real = decided[path];
      if (real === undefined) return notDecided(path);
      const r = await deps.fs.read(path, real);
      if (!r.ok) return { content: `Refused: ${r.reason.message} (${r.reason.id})`, isError: true, source: asRead(path) };
      const note = r.binary ? "" : r.truncated ? `\n[truncated at ${r.text.length} characters of ${r.size} bytes]` : "";
      // Labelled by the file's identity, not by the spelling of the call (`./r.md` and `r.md` are one file).
      return { content: `${r.text}${note}`, isError: false, source: asRead(r.realPath), file: { realPath: r.realPath, size: r.size, wrote: false, ...(r.sha256 ? { sha256: r.sha256 } : {}) } };
    },
  });
  const write = defineTool({
    name: "write",
    description: "Create or replace a text file in the agent workspace. Overwrites keep a snapshot (`warden undo`).",
    schema: writeArgs,
    effects: ["file.write"],
    async assess({ path, content }) {
      const target = await decidePathTarget({ path, write: true, workspace: deps.workspace, protectedDirs: deps.protectedDirs });
      const { decision: base, runsLater: trusted } = trustedTargetAsRunsLater(target.decision, path, deps.workspace, target.real);
      const real = target.real;
      const includers = includersOf(deps.workspace, relative(deps.workspace, resolvePath(deps.workspace, path)));
      const later = runsLater(deps.workspace, path);
      const document = isDocument(deps.workspace, path, content);
      const { harm, ordinaryShell } = await harmFacts(deps.fs, path, real, () => content, document, analyzer);
      const inFolder = loadedWholeFact(deps.workspace, path);
      return {
        facts: { tool: "write", path, base, secretPath: isSecretPath(path), content, document, ...harm, ...runnable(deps.workspace, path, content, real, includers, ordinaryShell), ...(later.runsLater !== undefined ? later : trusted !== undefined ? { runsLater: trusted } : later), caseFolds: foldsCase(deps.workspace), exists: exists(deps.workspace, path), ...newFolderFact(deps.workspace, path), ...(await newUrls(deps.fs, path, real, () => content, includers)), ...(await outboundFact(deps.workspace, path, folders(), content, analyzer, deployCache)), ...inFolder, ...byContent(path, later.runsLater !== undefined || trusted !== undefined, await fileChange(deps.fs, path, real, exists(deps.workspace, path), () => content, inFolder.loadedWhole === undefined || exists(deps.workspace, path) ? undefined : { before: "", after: content }), content) },
        summary: `write ${whole(path)} (${Buffer.byteLength(content)} bytes)`,
        binding: { tool: "write", path, content: sha(content) },
        detail: () => changeDetail(deps.fs, path, real, () => content),
        decided: decidedPath(path, real),
      };
    },
    async run({ path, content }, _context, decided) {
      const real = decided[path];
      if (real === undefined) return notDecided(path);
      const r = await deps.fs.write(path, content, real);
      if (!r.ok) return { content: `Refused: ${r.reason.message} (${r.reason.id})`, isError: true, source: asRead(path) };
      // Whether the file existed (created or replaced, a snapshot kept or not) is the file's, not Warden's: the note
      // says only what the call itself said.
      return { ...systemNote`Wrote ${ownArg(path)} (${Buffer.byteLength(content)} bytes); an earlier version, if any, is kept for \`warden undo\`.`, isError: false, file: { realPath: r.realPath, sha256: r.sha256, size: r.bytes, wrote: true } };
    },
  });
  const edit = defineTool({
    name: "edit",
    description: "Replace exactly one occurrence of `oldText` with `newText` in a workspace file.",
    schema: editArgs,
    effects: ["file.write"],
    async assess({ path, oldText, newText }) {
      const target = await decidePathTarget({ path, write: true, workspace: deps.workspace, protectedDirs: deps.protectedDirs });
      const { decision: base, runsLater: trusted } = trustedTargetAsRunsLater(target.decision, path, deps.workspace, target.real);
      const real = target.real;
      const later = runsLater(deps.workspace, path);
      const includers = includersOf(deps.workspace, relative(deps.workspace, resolvePath(deps.workspace, path)));
      const document = isDocument(deps.workspace, path, undefined);
      const result = (before: string | undefined) => (before !== undefined && before.split(oldText).length === 2 ? before.replace(oldText, () => newText) : newText);
      const { harm, ordinaryShell } = await harmFacts(deps.fs, path, real, result, document, analyzer);
      return {
        facts: { tool: "edit", path, base, secretPath: isSecretPath(path), content: newText, oldText, document, ...harm, ...runnable(deps.workspace, path, newText, real, includers, ordinaryShell), ...(later.runsLater !== undefined ? later : trusted !== undefined ? { runsLater: trusted } : later), caseFolds: foldsCase(deps.workspace), exists: true, ...loadedWholeFact(deps.workspace, path), ...(await newUrls(deps.fs, path, real, (before) => (before !== undefined && before.split(oldText).length === 2 ? before.replace(oldText, () => newText) : newText), includers)), ...(await outboundFact(deps.workspace, path, folders(), await editedText(deps.fs, path, real, oldText, newText), analyzer, deployCache)), ...byContent(path, later.runsLater !== undefined || trusted !== undefined, await fileChange(deps.fs, path, real, true, (before) => (before.split(oldText).length === 2 ? before.replace(oldText, () => newText) : undefined), { before: oldText, after: newText }), newText) },
        summary: editSummary(path, oldText, newText),
        binding: { tool: "edit", path, oldText: sha(oldText), newText: sha(newText) },
        // The whole replacement where it lands; if `oldText` is not there exactly once the edit fails anyway.
        decided: decidedPath(path, real),
        detail: () => changeDetail(deps.fs, path, real, (before) =>
          before !== undefined && before.split(oldText).length === 2
            ? before.replace(oldText, () => newText)
            : diffDetail(path, oldText, newText, "`oldText` is not in the file exactly once, so this edit will fail; the replacement asked for")),
      };
    },
    async run({ path, oldText, newText }, _context, decided) {
      const real = decided[path];
      if (real === undefined) return notDecided(path);
      const r = await deps.fs.edit(path, oldText, newText, real);
      // Found, not found, found twice: every answer tells what the file holds, so each is labelled as reading it is.
      if (!r.ok) return { content: `Refused: ${r.reason.message} (${r.reason.id})`, isError: true, source: asRead(path) };
      return { content: `Edited ${r.path}; snapshot ${r.snapshotId ?? "-"} kept for undo.`, isError: false, source: asRead(r.realPath), file: { realPath: r.realPath, sha256: r.sha256, size: r.bytes, wrote: true, edited: true } };
    },
  });
  return [read, write, edit];
}

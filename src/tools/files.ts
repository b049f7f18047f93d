/** `read`, `write`, `edit`: workspace files only, through the open-then-verify file layer. */
import { z } from "zod";
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import type { WorkspaceFs } from "../fs/index.ts";
import { decidePath } from "../fs/index.ts";
import { isSecretPath } from "../scan/index.ts";
import type { GatedTool } from "./gated-tool.ts";
import { clip, refuseWithoutPermit } from "./gated-tool.ts";

const readArgs = z.strictObject({ path: z.string().min(1).max(4096) });
const writeArgs = z.strictObject({ path: z.string().min(1).max(4096), content: z.string().max(50 * 1024 * 1024) });
const editArgs = z.strictObject({ path: z.string().min(1).max(4096), oldText: z.string().min(1), newText: z.string() });

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

// Files something may run: scripts and sources by extension (a build step, a test runner or an interpreter loads them).
const codeExtensions = new Set("js mjs cjs jsx ts mts cts tsx py pyw pth rb pl pm php sh bash zsh fish ksh ps1 psm1 bat cmd vbs lua go rs java kt kts swift c cc cpp cxx h hpp cs fs r jl ex exs erl clj scala groovy gradle nix el vim tcl awk sql".split(" "));

function exists(workspace: string, path: string): boolean {
  try {
    statSync(resolvePath(workspace, path));
    return true;
  } catch {
    return false;
  }
}

/** Whether a workspace file is code: by extension, by an executable bit already set, or by a `#!` first line. */
function isCode(workspace: string, path: string, content: string | undefined): boolean {
  const name = path.split("/").pop() ?? path;
  const ext = name.includes(".") ? (name.split(".").pop() ?? "").toLowerCase() : "";
  if (codeExtensions.has(ext)) return true;
  if (content?.startsWith("#!")) return true;
  try {
    return (statSync(resolvePath(workspace, path)).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** `protectedDirs`: Warden's state and key directories, which the file tools treat as outside the workspace. */
export function createFileTools(deps: { fs: WorkspaceFs; workspace: string; protectedDirs: readonly string[] }): GatedTool[] {
  const read: GatedTool = {
    name: "read",
    description: "Read a text file from the agent workspace. `path` is relative to the workspace.",
    schema: readArgs,
    async assess(args) {
      const { path } = readArgs.parse(args);
      const base = await decidePath({ path, write: false, workspace: deps.workspace, protectedDirs: deps.protectedDirs });
      return { facts: { tool: "read", path, base, secretPath: isSecretPath(path) }, summary: `read ${clip(path)}`, binding: { tool: "read", path } };
    },
    async run(args, _context, permit) {
      const refused = refuseWithoutPermit(permit, "read", args);
      if (refused) return refused;
      const { path } = readArgs.parse(args);
      const r = await deps.fs.read(path);
      if (!r.ok) return { content: `Refused: ${r.reason.message} (${r.reason.id})`, isError: true, source: "system" };
      const note = r.binary ? "" : r.truncated ? `\n[truncated at ${r.text.length} characters of ${r.size} bytes]` : "";
      return { content: `${r.text}${note}`, isError: false, source: `tool:read:${path}` };
    },
  };
  const write: GatedTool = {
    name: "write",
    description: "Create or replace a text file in the agent workspace. Overwrites keep a snapshot (`warden undo`).",
    schema: writeArgs,
    async assess(args) {
      const { path, content } = writeArgs.parse(args);
      const base = await decidePath({ path, write: true, workspace: deps.workspace, protectedDirs: deps.protectedDirs });
      return {
        facts: { tool: "write", path, base, secretPath: isSecretPath(path), content, code: isCode(deps.workspace, path, content), exists: exists(deps.workspace, path) },
        summary: `write ${clip(path)} (${Buffer.byteLength(content)} bytes)`,
        binding: { tool: "write", path, content: sha(content) },
      };
    },
    async run(args, _context, permit) {
      const refused = refuseWithoutPermit(permit, "write", args);
      if (refused) return refused;
      const { path, content } = writeArgs.parse(args);
      const r = await deps.fs.write(path, content);
      if (!r.ok) return { content: `Refused: ${r.reason.message} (${r.reason.id})`, isError: true, source: "system" };
      return { content: `${r.created ? "Created" : "Replaced"} ${r.path} (${r.bytes} bytes)${r.snapshotId !== null ? `; snapshot ${r.snapshotId} kept for undo` : ""}.`, isError: false, source: "system" };
    },
  };
  const edit: GatedTool = {
    name: "edit",
    description: "Replace exactly one occurrence of `oldText` with `newText` in a workspace file.",
    schema: editArgs,
    async assess(args) {
      const { path, oldText, newText } = editArgs.parse(args);
      const base = await decidePath({ path, write: true, workspace: deps.workspace, protectedDirs: deps.protectedDirs });
      return {
        facts: { tool: "edit", path, base, secretPath: isSecretPath(path), content: newText, code: isCode(deps.workspace, path, undefined), exists: true },
        summary: `edit ${clip(path)}`,
        binding: { tool: "edit", path, oldText: sha(oldText), newText: sha(newText) },
      };
    },
    async run(args, _context, permit) {
      const refused = refuseWithoutPermit(permit, "edit", args);
      if (refused) return refused;
      const { path, oldText, newText } = editArgs.parse(args);
      const r = await deps.fs.edit(path, oldText, newText);
      if (!r.ok) return { content: `Refused: ${r.reason.message} (${r.reason.id})`, isError: true, source: "system" };
      return { content: `Edited ${r.path}; snapshot ${r.snapshotId ?? "-"} kept for undo.`, isError: false, source: "system" };
    },
  };
  return [read, write, edit];
}

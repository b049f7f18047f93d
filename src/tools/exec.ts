/**
 * `exec`: shell text, parsed with a real bash grammar and decided by the exec policy, then run in the
 * bubblewrap sandbox (or on the host with approvals when no sandbox works).
 */
import { z } from "zod";
import { resolve, isAbsolute } from "node:path";
import { createHash } from "node:crypto";
import type { ShellAnalyzer, ExecPolicy } from "../exec/index.ts";
import { decideExec } from "../exec/index.ts";
import type { SandboxRunner } from "../sandbox/index.ts";
import { findGitConfigHazards } from "../sandbox/index.ts";
import { ask, combineDecisions, deny } from "../core/decision.ts";
import type { GatedTool } from "./gated-tool.ts";
import { clip, refuseWithoutPermit } from "./gated-tool.ts";

const args = z.strictObject({
  command: z.string().min(1).max(100_000),
  cwd: z.string().min(1).max(4096).optional(),
  timeoutMs: z.number().int().min(100).max(3_600_000).optional(),
});

export type ExecToolDeps = {
  analyzer: ShellAnalyzer;
  runner: SandboxRunner;
  policy: () => ExecPolicy;
  workspace: string;
  homeDir: string;
  stateDir: string;
  pathEnv: string;
  hiddenPaths: readonly string[];
  network: boolean;
  timeoutMs: number;
  maxOutputBytes: number;
};

export function createExecTool(deps: ExecToolDeps): GatedTool {
  const cwdOf = (cwd: string | undefined) => (cwd === undefined ? deps.workspace : isAbsolute(cwd) ? cwd : resolve(deps.workspace, cwd));
  return {
    name: "exec",
    description: "Run shell text in the workspace (sandboxed). Read-only commands run directly; others may need the owner's approval.",
    schema: args,
    async assess(raw) {
      const a = args.parse(raw);
      const cwd = cwdOf(a.cwd);
      const d = decideExec({ command: a.command, cwd, workspace: deps.workspace, homeDir: deps.homeDir, stateDir: deps.stateDir, pathEnv: deps.pathEnv, policy: deps.policy() }, deps.analyzer);
      const extra = [];
      if (d.facts.binaries.some((b) => b.endsWith("/git"))) {
        const hazards = await findGitConfigHazards(cwd, deps.workspace);
        if (hazards.length > 0) extra.push(ask("high", ...hazards));
      }
      if (!deps.runner.sandboxed && d.decision === "allow" && deps.policy().security !== "full") {
        extra.push(ask("medium", { id: "exec.no_sandbox", message: "no sandbox is available on this machine; commands run on the host and need the owner" }));
      }
      if (cwd !== deps.workspace && !cwd.startsWith(`${deps.workspace}/`)) extra.push(deny("high", { id: "exec.cwd_outside_workspace", message: `the working directory \`${clip(cwd, 80)}\` is outside the workspace` }));
      const base = combineDecisions([d, ...extra]);
      return {
        facts: {
          tool: "exec",
          command: a.command,
          base,
          writes: d.facts.writes,
          deletes: d.facts.deletes,
          network: d.facts.network,
          executesCode: d.facts.executesCode,
          unknownEffects: d.facts.unknownEffects,
          touchesSecrets: d.facts.touchesSecrets,
          sandboxed: deps.runner.sandboxed,
        },
        summary: `exec ${clip(a.command)}${a.cwd ? ` (in ${clip(a.cwd, 60)})` : ""}`,
        binding: { tool: "exec", script: createHash("sha256").update(a.command).digest("hex"), cwd, binaries: d.facts.binaries, network: deps.network, sandboxed: deps.runner.sandboxed },
      };
    },
    async run(raw, context, permit) {
      const refused = refuseWithoutPermit(permit, "exec", raw);
      if (refused) return refused;
      const a = args.parse(raw);
      const r = await deps.runner.run({
        script: a.command,
        cwd: cwdOf(a.cwd),
        workspace: deps.workspace,
        hiddenPaths: [...deps.hiddenPaths],
        network: deps.network,
        timeoutMs: Math.min(a.timeoutMs ?? deps.timeoutMs, deps.timeoutMs),
        maxOutputBytes: deps.maxOutputBytes,
        signal: context.signal,
      });
      if (r.error) return { content: `Not run: ${r.error}`, isError: true, source: "system" };
      const parts = [`exit ${r.exitCode ?? r.signal ?? "?"}${r.timedOut ? " (timed out)" : ""}${r.truncated ? " (output truncated)" : ""}${r.sandboxed ? "" : " (host, unsandboxed)"}`];
      if (r.stdout) parts.push(r.stdout);
      if (r.stderr) parts.push(`[stderr]\n${r.stderr}`);
      return { content: parts.join("\n"), isError: r.exitCode !== 0, source: "tool:exec" };
    },
  };
}

/**
 * The built-in tools, each over its real implementation: exec in the sandbox, files in the workspace, web fetch
 * through the SSRF guard, messages through the channels, cron jobs in the store. Also the "approve always"
 * rule keeper that shares exec's live allowlist.
 */
import { homedir } from "node:os";
import type { Logger } from "../core/logger.ts";
import type { WardenConfig } from "../config/schema.ts";
import type { StatePaths } from "../state/home.ts";
import type { WorkspaceFs } from "../fs/index.ts";
import type { ExemptEndpoint, ResolveHost, SafeFetch } from "../net/index.ts";
import type { EgressDecision, EgressProxy } from "../net/egress-proxy.ts";
import { createApproveAlways, deferShellAnalyzer, type AllowRule, type ApproveAlways, type DeferredShellAnalyzer } from "../exec/index.ts";
import { detectSandbox, createGitIdentitySource, createSandboxRunner, DEFAULT_PATH, type SandboxAvailability } from "../sandbox/index.ts";
import type { CronStore } from "../cron/store.ts";
import type { FlowState } from "../gate/types.ts";
import { createFileTools } from "../tools/files.ts";
import { createWebFetchTool } from "../tools/web-fetch.ts";
import { createMessageTool, type MessageChannels } from "../tools/message.ts";
import { createCronTool } from "../tools/cron.ts";
import { createExecTool } from "../tools/exec.ts";
import type { UndoneFile } from "../tools/exec-run-later.ts";
import type { GatedTool } from "../tools/gated-tool.ts";

export type BuiltinTools = {
  tools: GatedTool[];
  sandbox: SandboxAvailability;
  /** "approve always": keeps a precise exec rule (live, and through `persist`); previews it for the prompt. */
  approveAlways: ApproveAlways;
  /** The bash grammar exec reads commands with (loaded at its first use), shared with what else reads command lines. */
  shell: DeferredShellAnalyzer;
  /** Stops exec's egress proxy, if one was started. */
  close(): Promise<void>;
};

/** An egress proxy for one grant (exec's `tools.exec.networkHosts`, a skill's declared hosts), started by the first process that needs it. */
export function lazyEgress(deps: { allowHosts: readonly string[]; resolve: ResolveHost; exempt?: readonly ExemptEndpoint[]; onDecision: (d: EgressDecision) => void }) {
  let started: Promise<EgressProxy> | undefined;
  return {
    async grant() {
      started ??= import("../net/egress-proxy.ts").then(({ startEgressProxy }) => startEgressProxy({ allowHosts: deps.allowHosts, resolve: deps.resolve, ...(deps.exempt ? { exempt: deps.exempt } : {}), onDecision: deps.onDecision }));
      try {
        return { socketPath: (await started).socketPath };
      } catch (error) {
        started = undefined; // a failed start is not kept: the next command tries again
        throw error;
      }
    },
    async close() {
      const proxy = await started?.catch(() => undefined);
      await proxy?.close();
    },
  };
}

export async function createBuiltinTools(deps: {
  config: WardenConfig;
  paths: StatePaths;
  /** The workspace's real path. */
  workspace: string;
  log: Logger;
  workspaceFs: WorkspaceFs;
  safeFetch: SafeFetch;
  exempt?: readonly ExemptEndpoint[];
  /** The resolver exec's egress filter uses (the runtime's). */
  resolve: ResolveHost;
  /** Each connection a command tried through exec's egress filter, decided. */
  onEgress: (decision: EgressDecision) => void;
  messages: MessageChannels;
  cron: CronStore;
  clock: () => number;
  /** The live labels of a session (a cron job keeps the labels of the turn that created it). */
  flowOf: (sessionKey: string) => FlowState | undefined;
  homeDir?: string;
  sandbox?: SandboxAvailability;
  persistAllowRule?: (rule: AllowRule) => void;
  onNoRule: (why: string) => void;
  /** What a command planted where something runs it later, undone (tools/exec-run-later.ts). */
  onRunLaterUndone?: (event: { command: string; cwd: string; undone: UndoneFile[] }) => void;
}): Promise<BuiltinTools> {
  const { config, paths, workspace } = deps;
  // The bash grammar loads before the first exec analysis (not at start: most turns never run a command).
  const analyzer = deferShellAnalyzer();
  const sandbox: SandboxAvailability = deps.sandbox ?? (config.tools.exec.sandbox === "off" ? { kind: "none", why: "tools.exec.sandbox is off", shell: "/bin/bash" } as SandboxAvailability : await detectSandbox());
  if (sandbox.kind === "none") deps.log.warn({ why: sandbox.why }, "exec runs WITHOUT a sandbox: every command needs the owner's approval");
  const home = deps.homeDir ?? homedir();
  const execAllow: AllowRule[] = config.tools.exec.allow.map((r) => ({ binary: r.binary, argv: r.argv, match: r.match }));
  const hosts = config.tools.exec.networkHosts;
  const egress = hosts.length > 0 ? lazyEgress({ allowHosts: hosts, resolve: deps.resolve, ...(deps.exempt ? { exempt: deps.exempt } : {}), onDecision: deps.onEgress }) : undefined;
  const outboundFolders = () => ({ outbound: config.workspace.outboundFolders, local: config.workspace.localFolders });
  const tools: GatedTool[] = [
    createExecTool({
      outboundFolders,
      analyzer,
      runner: createSandboxRunner({ availability: sandbox }),
      policy: () => ({ security: config.tools.exec.security, ask: config.tools.exec.ask, allow: execAllow }),
      workspace,
      homeDir: home,
      stateDir: paths.home,
      pathEnv: DEFAULT_PATH,
      hiddenPaths: [paths.home, paths.keys, home],
      network: config.tools.exec.network,
      ...(egress ? { egress: egress.grant } : {}),
      timeoutMs: config.tools.exec.timeoutMs,
      maxOutputBytes: config.tools.exec.maxOutputBytes,
      ...(deps.onRunLaterUndone ? { onRunLaterUndone: deps.onRunLaterUndone } : {}),
      gitIdentity: createGitIdentitySource(config.tools.exec.git, home),
    }),
    ...createFileTools({ fs: deps.workspaceFs, workspace, protectedDirs: [paths.home, paths.keys], outboundFolders, analyzer }),
    createWebFetchTool({ fetch: deps.safeFetch, exempt: deps.exempt, allowHosts: config.tools.web.allowHosts }),
    createMessageTool(deps.messages),
    // The owner's own session, as the turn policy tells it (policy-wiring.ts): a reminder worded there may bind the owner's words.
    createCronTool({ store: deps.cron, clock: deps.clock, isOwnerSession: (address) => address.channel === "webchat" || address.channel === "main" || deps.messages.isOwner(address.channel, address.peer), taintOf: (key) => {
      const flow = deps.flowOf(key);
      return { tainted: flow?.tainted ?? false, sources: flow?.sources ?? [], ownerTexts: flow?.ownerTexts ?? [], ...(flow !== undefined ? { flow } : {}) };
    } }),
  ];
  // The rule is stored as the matcher compares it: the binary's resolved real path, exact arguments.
  const approveAlways = createApproveAlways({
    analyzer,
    ctx: { pathEnv: DEFAULT_PATH, cwd: workspace, workspace, stateDir: paths.home },
    rules: execAllow,
    ...(deps.persistAllowRule ? { persist: deps.persistAllowRule } : {}),
    refused: deps.onNoRule,
  });
  return { tools, sandbox, approveAlways, shell: analyzer, close: async () => egress?.close() };
}

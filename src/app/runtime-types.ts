/** What the composition root takes (config, state paths, the environment the CLI read, test seams) and gives. */
import type { DatabaseSync } from "node:sqlite";
import type { Logger } from "../core/logger.ts";
import type { WardenConfig } from "../config/schema.ts";
import type { StatePaths } from "../state/home.ts";
import type { Migration } from "../state/database.ts";
import type { StorageHealth } from "../state/storage-guard.ts";
import type { OpsServices } from "./ops-services.ts";
import type { TranscriptStore } from "../sessions/transcripts.ts";
import type { ProviderChoice } from "../providers/select.ts";
import type { ChatService } from "./chat-service.ts";
import type { GatewayHandlers, RunningGateway } from "../gateway/server.ts";
import type { ApprovalService, ApprovalView, ApprovalAnswer } from "../approvals/approvals.ts";
import type { CronStore } from "../cron/store.ts";
import type { WorkspaceFs } from "../fs/index.ts";
import type { ResolveHost, ExemptEndpoint, InProcessServers } from "../net/index.ts";
import type { AllowRule } from "../exec/index.ts";
import type { SandboxAvailability } from "../sandbox/index.ts";
import type { SecretScanner } from "../scan/index.ts";
import type { ChannelAdapter } from "../channels/types.ts";
import type { ChannelAccessPolicy } from "../channels/access-control.ts";
import type { PairingStore } from "../channels/pairing-store.ts";
import type { InboundPipeline } from "../channels/inbound-pipeline.ts";
import type { GatedTool } from "../tools/gated-tool.ts";
import type { ChannelModule } from "../channels/channel-module.ts";
import type { AuditSink } from "./policy-types.ts";
import type { McpService } from "../mcp/mcp-service.ts";

export type RuntimeEnv = {
  model?: string;
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  anthropicApiKey?: string;
  anthropicBaseUrl?: string;
  gatewayToken?: string;
  /** Credential-looking environment values (never leave toward anyone but the owner). */
  knownSecrets?: readonly { name: string; value: string }[];
};

/** Test and red-team seams: every one of them is a real implementation, swapped for a loopback peer. */
export type RuntimeOverrides = {
  resolve?: ResolveHost;
  exempt?: readonly ExemptEndpoint[];
  /** Extra channel adapters (the red-team runner's test channel) with their access policy. */
  extraChannels?: readonly { adapter: ChannelAdapter; policy: ChannelAccessPolicy }[];
  /** A simulated owner answering every approval request (red team). */
  autoAnswer?: (approval: ApprovalView) => ApprovalAnswer | undefined;
  homeDir?: string;
  sandbox?: SandboxAvailability;
  /** The model provider SDK's transport: the red-team runner's scripted model, answering in process (no connection). */
  providerFetch?: typeof globalThis.fetch;
  /** HTTP MCP servers that answer in process (the runner's fixture peers), by origin; the network policy still decides each request. */
  mcpInProcess?: InProcessServers;
};

export type RuntimeOptions = {
  paths: StatePaths;
  config: WardenConfig;
  env: RuntimeEnv;
  clock: () => number;
  /** A monotonic clock (ms) for lockouts and expiries; `performance.now` when omitted. */
  monotonic?: () => number;
  log: Logger;
  providerRetries?: number;
  overrides?: RuntimeOverrides;
  /** Persists an exec "approve always" rule (the CLI writes it to the config file). */
  addExecAllowRule?: (rule: AllowRule) => void;
  /** The channel modules (default: the built-in ones); each enabled one runs with its `channels.<id>` settings. */
  channels?: readonly ChannelModule[];
  /** Tools beyond the built-in ones (MCP, skills): the gate decides them by the effect classes they declare. */
  extraTools?: readonly GatedTool[];
  /**
   * The state dir is a throw-away copy of a state this process made and checked itself (the red-team runner's
   * template, see `createStateTemplate`), deleted after `close`: its database is opened `scratch` (journal in
   * memory, no fsync) and is not checked again, and what a start checks and records for the next start
   * (`prepareOpsAtStart`: a wiped log, config drift, the start entry) is skipped. Never set for a gateway or a CLI
   * command.
   */
  scratchState?: boolean;
  /** Extra migrations and an audit sink from the operations services. */
  extraMigrations?: readonly Migration[];
  audit?: AuditSink;
};

export type Runtime = {
  db: DatabaseSync;
  /** The state database's health: faults seen, cleared by the next write that succeeds. */
  storage: StorageHealth;
  ops: OpsServices;
  transcripts: TranscriptStore;
  chat: ChatService;
  provider: ProviderChoice;
  handlers: GatewayHandlers;
  approvals: ApprovalService;
  cron: CronStore;
  pairing: PairingStore;
  pipeline: InboundPipeline;
  workspaceFs: WorkspaceFs;
  sandbox: SandboxAvailability;
  scanner: SecretScanner;
  tools: readonly GatedTool[];
  /** Connected services: their approved tools join `tools` turn by turn; `start` connects the approved servers. */
  mcp: McpService;
  /** Runs due scheduled jobs once (the gateway calls it on a timer). */
  runDueJobs(): Promise<number>;
  startGateway(overrides?: { port?: number; bind?: string }): Promise<RunningGateway>;
  startChannels(): Promise<void>;
  close(): Promise<void>;
};

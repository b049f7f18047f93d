/**
 * The gateway's WebSocket protocol, declared once: requests, responses and events. Error codes travel as data.
 * Each method's request and response are declared together in `gatewayMethods`; the server's handlers, the CLI
 * client and a Control UI are all typed by that one map.
 */
import { z } from "zod";
import type { ErrorCode } from "../core/errors.ts";
import type { ApprovalView } from "../approvals/approvals.ts";
import type { StoredMessage } from "../sessions/transcripts.ts";
import type { ApproveResult, PairingListing } from "../channels/pairing-store.ts";
import type { RawSettings, SettingsPreview, SettingsView } from "../app/settings-service.ts";
import type { ConfigChange } from "../ops/config-integrity/diff-config.ts";
import type { UsageReport } from "../ops/limits/usage-report.ts";
import type { ActivityEntry } from "../ops/activity-log/activity-log.ts";
import type { VerifyResult } from "../ops/activity-log/verify-chain.ts";
import type { CronJob } from "../cron/store.ts";
import type { SecurityOverview } from "../app/security-overview.ts";
import type { McpServerView } from "../mcp/mcp-control.ts";
import type { InstalledSkillView } from "../skills/skill-store.ts";

/** A session as the Control UI lists it, with its taint state (labels stay until the owner resets it). */
export type SessionSummary = { key: string; channel: string; peer: string; updatedAt: number; tainted: boolean; confidentiality: string; sources: string[] };

export const PROTOCOL_VERSION = 1;

const id = z.string().min(1).max(64);

/** A response shape the server builds from its own types (not parsed on the way out; typed for its readers). */
const result = <T>() => z.custom<T>(() => true);

/** A chat turn's answer; `error` is set when the turn failed (the reply then explains it to the owner). */
export type ChatResult = { session: string; reply: string; error?: { code: string; message: string } };

/** A channel's state (`channels` is absent from gateways older than channel health). */
const channelView = z.object({ channel: z.string(), state: z.string(), since: z.string(), reason: z.string().optional(), fix: z.string().optional(), failures: z.number() });

const storageView = z.object({
  ok: z.boolean(),
  condition: z.string().optional(),
  message: z.string().optional(),
  since: z.string().optional(),
  failures: z.number().optional(),
  lastFault: z.object({ condition: z.string(), since: z.string(), until: z.string(), failures: z.number() }).optional(),
});

/** A dotted config key (`tools.exec.ask`). */
const settingKey = z.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/).max(200);

/** Every request method with its parameters and its response, declared together. */
export const gatewayMethods = {
  /**
   * `idempotencyKey`: a send retried with the same key (a page that reconnected) gets the first send's answer;
   * the turn runs once. `stream`: the answer's text also goes out as `chat.delta` events while the model writes it
   * (a page that shows it growing); without it the reply goes out once, in the response.
   */
  "chat.send": { params: z.strictObject({ text: z.string().min(1).max(100_000), session: z.string().max(256).optional(), idempotencyKey: z.string().min(8).max(64).optional(), stream: z.boolean().optional() }), result: result<ChatResult>() },
  "chat.history": { params: z.strictObject({ session: z.string().max(256).optional() }), result: result<{ session: string; messages: StoredMessage[] }>() },
  "approvals.list": { params: z.strictObject({}), result: result<{ approvals: ApprovalView[] }>() },
  "approvals.resolve": { params: z.strictObject({ approvalId: z.string().min(1).max(64), decision: z.enum(["approve", "approve-always", "deny"]) }), result: result<ApprovalView>() },
  "pairing.list": { params: z.strictObject({ channel: z.string().max(32).optional() }), result: result<PairingListing>() },
  status: {
    params: z.strictObject({}),
    result: z.object({
      ok: z.boolean(), storage: storageView, lostActivityEntries: z.number(),
      // Set while the database no longer holds the anchored activity history (emptied or replaced under the gateway).
      historyLost: z.string().optional(),
      channels: z.array(channelView).optional(), uptimeSeconds: z.number(), model: z.string().nullable(),
      // Absent from gateways older than the day-one CLI.
      sandbox: z.object({ active: z.boolean(), detail: z.string() }).optional(),
      pendingApprovals: z.number().optional(),
      usageToday: z.object({ tokens: z.number(), costUsd: z.number() }).optional(),
      pid: z.number().optional(),
      /** The channels the gateway runs and those configured but off, in one line (absent from older gateways). */
      channelsLine: z.string().optional(),
    }),
  },
  /** Settings (the Control UI): values with secrets masked, a validated diff before a write, versions with rollback. */
  "settings.get": { params: z.strictObject({}), result: result<SettingsView>() },
  "settings.preview": { params: z.strictObject({ key: settingKey, value: z.json().optional() }), result: result<SettingsPreview>() },
  "settings.set": { params: z.strictObject({ key: settingKey, value: z.json().optional() }), result: result<{ changes: ConfigChange[] }>() },
  "settings.rollback": { params: z.strictObject({ version: z.number().int().positive() }), result: result<{ changes: ConfigChange[] }>() },
  /** The config schema as JSON Schema (types, enums, defaults, descriptions; secret fields marked `secret`). */
  "settings.schema": { params: z.strictObject({}), result: result<{ schema: Record<string, unknown> }>() },
  /** The raw JSON5 editor: the file's text with secrets as `[secret]`, a whole-text preview, and its write. */
  "settings.raw": { params: z.strictObject({}), result: result<RawSettings>() },
  "settings.previewRaw": { params: z.strictObject({ text: z.string().max(1024 * 1024), revision: z.string().max(64) }), result: result<SettingsPreview>() },
  "settings.setRaw": { params: z.strictObject({ text: z.string().max(1024 * 1024), revision: z.string().max(64) }), result: result<{ changes: ConfigChange[] }>() },
  "sessions.list": { params: z.strictObject({}), result: result<{ sessions: SessionSummary[] }>() },
  /** Starts a session over (as `/new` in it): history and labels gone. */
  "sessions.reset": { params: z.strictObject({ session: z.string().min(1).max(256) }), result: result<{ reply: string }>() },
  /** The activity log's last entries (oldest first), after `afterSeq` when given; `verify` checks the hash chain. */
  "activity.tail": { params: z.strictObject({ limit: z.number().int().min(1).max(500).optional(), afterSeq: z.number().int().min(0).optional() }), result: result<{ entries: ActivityEntry[] }>() },
  "activity.verify": { params: z.strictObject({}), result: result<VerifyResult>() },
  "usage.get": { params: z.strictObject({}), result: result<UsageReport>() },
  /** A single-use login code for the Control UI and the link that carries it in its fragment (`warden dashboard`). */
  "dashboard.code": { params: z.strictObject({}), result: z.object({ code: z.string(), expiresAt: z.string(), url: z.string() }) },
  /** Scheduled jobs with their next run and last result; `cron.remove` deletes one (audit logged). */
  "cron.list": { params: z.strictObject({}), result: result<{ jobs: CronJob[] }>() },
  "cron.remove": { params: z.strictObject({ id: z.number().int().positive() }), result: result<{ removed: boolean }>() },
  /** `warden security audit` findings with their fixes, the threat model's coverage, the last red-team run. */
  "security.overview": { params: z.strictObject({}), result: result<SecurityOverview>() },
  /** Connected services: each server's tools with their pins; inspect starts it (sandboxed) to list what it serves. */
  "mcp.list": { params: z.strictObject({}), result: result<{ servers: McpServerView[] }>() },
  /** Installed skills, each re-hashed now: signer, state, verification, capabilities. */
  "skills.list": { params: z.strictObject({}), result: result<{ skills: InstalledSkillView[] }>() },
  "mcp.inspect": { params: z.strictObject({ server: z.string().min(1).max(64) }), result: result<McpServerView>() },
  /** Pins exactly the definitions shown (`hash` of each); one changed since is refused. Audit logged. */
  "mcp.approve": {
    params: z.strictObject({ server: z.string().min(1).max(64), tools: z.array(z.strictObject({ tool: z.string().min(1).max(256), hash: z.string().max(128) })).min(1).max(500), effect: z.enum(["read-only", "writes", "sends", "unknown"]).optional() }),
    result: result<McpServerView>(),
  },
  "mcp.revoke": { params: z.strictObject({ server: z.string().min(1).max(64), tool: z.string().min(1).max(256).optional() }), result: result<{ removed: number }>() },
  "pairing.approve": { params: z.strictObject({ channel: z.string().max(32), code: z.string().max(32), owner: z.boolean().optional() }), result: result<Extract<ApproveResult, { ok: true }>>() },
  /** Signal device linking (the signal-cli daemon at `channels.signal.httpUrl`): the link URI and its QR modules. */
  "signal.link.start": { params: z.strictObject({}), result: result<{ uri: string; qr: boolean[][] }>() },
  /** Waits for the phone to scan the code (at most 5 minutes); the linked account's number when signal-cli names it. */
  "signal.link.finish": { params: z.strictObject({ uri: z.string().min(1).max(2000), deviceName: z.string().min(1).max(64).optional() }), result: result<{ account: string | null }>() },
} as const;

export type GatewayMethod = keyof typeof gatewayMethods;
export type ParamsOf<M extends GatewayMethod> = z.infer<(typeof gatewayMethods)[M]["params"]>;
export type ResultOf<M extends GatewayMethod> = z.infer<(typeof gatewayMethods)[M]["result"]>;
/** The request/response methods the runtime serves (the server itself answers `chat.send` and `dashboard.code`). */
export type CallMethod = Exclude<GatewayMethod, "chat.send" | "dashboard.code">;
/** A handler for each request/response method, typed by its declaration. */
export type MethodHandlers = { [M in CallMethod]: (params: ParamsOf<M>) => Promise<ResultOf<M>> };

/** Calls the handler of a parsed request: the frame schema checked that `params` are `method`'s. */
export function dispatchMethod<M extends CallMethod>(handlers: MethodHandlers, method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
  return handlers[method](params);
}

type FrameShape<M extends GatewayMethod> = { type: z.ZodLiteral<"req">; id: typeof id; method: z.ZodLiteral<M>; params: (typeof gatewayMethods)[M]["params"] };

/** The request frame of one method: its parameters as declared in `gatewayMethods`. */
function frame<M extends GatewayMethod>(method: M): z.ZodObject<FrameShape<M>, z.core.$strict> {
  return z.strictObject({ type: z.literal("req"), id, method: z.literal(method), params: gatewayMethods[method].params }) as unknown as z.ZodObject<FrameShape<M>, z.core.$strict>;
}

/**
 * How a client proves it is the owner: the token or password, or (the Control UI) a login code from
 * `dashboard.code` or a browser session the gateway issued. A `control-ui` client gets a session back.
 */
const connectParams = z.strictObject({
  token: z.string().max(1024).optional(),
  password: z.string().max(1024).optional(),
  code: z.string().max(128).optional(),
  session: z.string().max(256).optional(),
  client: z.string().max(64).optional(),
});
export type ConnectParams = z.infer<typeof connectParams>;

export const requestFrameSchema = z.discriminatedUnion("method", [
  z.strictObject({ type: z.literal("req"), id, method: z.literal("connect"), params: connectParams }),
  frame("chat.send"),
  frame("chat.history"),
  frame("approvals.list"),
  frame("approvals.resolve"),
  frame("pairing.list"),
  frame("status"),
  frame("pairing.approve"),
  frame("dashboard.code"),
  frame("sessions.list"),
  frame("sessions.reset"),
  frame("usage.get"),
  frame("activity.tail"),
  frame("activity.verify"),
  frame("settings.get"),
  frame("settings.preview"),
  frame("settings.set"),
  frame("settings.rollback"),
  frame("signal.link.start"),
  frame("signal.link.finish"),
  frame("mcp.list"),
  frame("skills.list"),
  frame("mcp.inspect"),
  frame("mcp.approve"),
  frame("mcp.revoke"),
  frame("cron.list"),
  frame("cron.remove"),
  frame("security.overview"),
  frame("settings.schema"),
  frame("settings.raw"),
  frame("settings.previewRaw"),
  frame("settings.setRaw"),
]);
export type RequestFrame = z.infer<typeof requestFrameSchema>;

export type ErrorBody = { code: ErrorCode; message: string; retryable: boolean };

export type ResponseFrame =
  | { type: "res"; id: string; ok: true; payload: unknown }
  | { type: "res"; id: string | null; ok: false; error: ErrorBody };

export type EventFrame =
  | { type: "event"; event: "hello"; payload: { protocol: number; authenticated: boolean } }
  | { type: "event"; event: "chat.delta"; payload: { session: string; delta: string } }
  | { type: "event"; event: "approval.requested"; payload: unknown }
  | { type: "event"; event: "approval.resolved"; payload: unknown };

export type ServerFrame = ResponseFrame | EventFrame;

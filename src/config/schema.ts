/**
 * The one source of truth for Warden's configuration: shape, secure defaults and which fields are secrets.
 * Unknown keys are rejected everywhere (`z.strictObject`). Security-relevant keys keep OpenClaw's names.
 */
import { z } from "zod";
import { checkPasswordStrength } from "../core/password-strength.ts";
import { secretField, type ChannelModule } from "../channels/channel-module.ts";
import { builtinChannels } from "../channels/registry.ts";
import { mcpConfigSchema, NetworkHost } from "../mcp/server-config.ts";
import { skillsConfigSchema } from "../skills/skills-config.ts";
import { agentIdPattern, clientKeyDefaults } from "./client-keys.ts";

const secret = secretField;

/** The `channels` section: WebChat, then each registered channel's own settings under its id. */
function channelsSchema<const M extends readonly ChannelModule[]>(channels: M) {
  const sections = Object.fromEntries(channels.map((c) => [c.id, (c.configSchema as z.ZodType<unknown, object>).prefault({})])) as unknown as {
    [C in M[number] as C["id"]]: z.ZodPrefault<C["configSchema"]>;
  };
  return z
    .strictObject({
      webchat: z.strictObject({ enabled: z.boolean().default(true) }).prefault({}),
      ...sections,
    })
    // Every channel's fields have defaults (the `ChannelModule` contract), so an absent section parses.
    .prefault({} as never);
}

/** The gateway password: a secret that must also pass the strength check (the gateway refuses a weak one too). */
function strongPassword() {
  return z
    .string()
    .min(1)
    .superRefine((value, ctx) => {
      const strength = checkPasswordStrength(value);
      if (!strength.ok) ctx.addIssue({ code: "custom", message: `${strength.why}; store a strong one with \`warden secrets set gateway.auth.password\`` });
    })
    .meta({ secret: true });
}

export const DefaultSystemPrompt = "You are Warden, the owner's personal assistant. Be concise. Use tools only when they help.";

/**
 * The config schema over a set of channels. `configSchema` is it over the built-in channels; a channel module
 * registered apart (a test fixture, a plugin) gets a schema that also knows its section.
 */
export function buildConfigSchema<const M extends readonly ChannelModule[]>(channels: M) {
  return z.strictObject({
  gateway: z
    .strictObject({
      bind: z.string().min(1).default(clientKeyDefaults.bind).describe("Where the gateway listens: `loopback`, `lan` (all interfaces) or an address; non-loopback needs auth"),
      port: z.number().int().min(1).max(65535).default(clientKeyDefaults.port).describe("The gateway port (WebSocket, HTTP API and this page)"),
      auth: z
        .strictObject({
          mode: z.enum(["token", "password", "none"]).default("token").describe("How clients prove they are the owner"),
          token: secret().optional(),
          password: strongPassword().optional(),
          rateLimit: z
            .strictObject({
              maxFailures: z.number().int().min(1).default(5),
              windowMs: z.number().int().min(1000).default(60_000),
              lockoutMs: z.number().int().min(1000).default(300_000),
            })
            .prefault({}),
        })
        .prefault({}),
      /** Extra browser origins allowed to open the WebSocket (the gateway's own loopback origins always are). */
      allowedOrigins: z.array(z.url()).default([]),
      maxFrameBytes: z.number().int().min(1024).max(16 * 1024 * 1024).default(1024 * 1024),
      preAuthTimeoutMs: z.number().int().min(100).max(60_000).default(10_000),
      /**
       * A WebSocket client that leaves more than this unread is closed (code 4008): counted from what the gateway
       * could not send yet, and from what it sent before a ping the client did not answer within
       * `slowConsumerGraceMs`.
       */
      maxSendBufferBytes: z.number().int().min(16 * 1024).max(256 * 1024 * 1024).default(1024 * 1024),
      slowConsumerGraceMs: z.number().int().min(100).max(120_000).default(2000),
      /** Turns one client may run at once (per WebSocket connection; per address over HTTP). */
      maxConcurrentTurnsPerClient: z.number().int().min(1).max(256).default(4),
      /** Turns a WebSocket client may have refused in a row for that limit; one more closes it (code 4029). */
      maxRefusedTurnsPerClient: z.number().int().min(1).max(100_000).default(64),
      /**
       * Turns running and waiting at once from one address, all its connections together; more are refused (429). A
       * connection that has had turns and has none running waits instead, and is let past once its turns are short.
       */
      maxConcurrentTurnsPerAddress: z.number().int().min(1).max(65_536).default(8),
      /** Turns running at once across all clients, and turns waiting for a slot; past both a turn is refused (429). */
      maxConcurrentTurns: z.number().int().min(1).max(1024).default(16),
      maxQueuedTurns: z.number().int().min(0).max(65_536).default(64),
      /** An HTTP request must finish its headers, then its whole body, within these (slowloris). */
      headersTimeoutMs: z.number().int().min(1000).max(300_000).default(10_000),
      requestTimeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
    })
    .prefault({}),
  agent: z
    .strictObject({
      id: z.string().regex(agentIdPattern).default(clientKeyDefaults.agentId),
      /** `provider/model`; the WARDEN_MODEL environment variable wins over it. */
      model: z.string().regex(/^[a-z0-9-]+\/.+$/).optional(),
      /** The agent workspace; default `<WARDEN_HOME>/workspace`. */
      workspace: z.string().min(1).optional(),
      systemPrompt: z.string().default(DefaultSystemPrompt),
      /**
       * What the model is told when it answers anyone but the owner (contacts, groups). The owner's systemPrompt is
       * secret: it never enters a context whose replies others read.
       */
      publicSystemPrompt: z.string().default(DefaultSystemPrompt),
      maxSteps: z.number().int().min(1).max(64).default(12),
      maxOutputTokens: z.number().int().min(16).max(200_000).default(4096),
      /**
       * What the model is sent of the session's earlier messages, in characters: past it the oldest whole turns are
       * left out of the model's view (as a chat client's context window). The gate still judges every call against
       * the whole stored window (`src/app/model-view.ts`).
       */
      maxHistoryChars: z.number().int().min(0).max(100_000_000).default(400_000),
    })
    .prefault({}),
  /** Workspace folders whose content leaves the machine (src/fs/outbound-folders.ts): a write there is a send. */
  workspace: z
    .strictObject({
      /** Globs relative to the workspace (`*`, `?`, `**`) of folders that leave the machine (synced, shared, published). */
      outboundFolders: z.array(z.string().min(1).max(512)).max(256).default([]),
      /** Globs of folders that stay local whatever their name or a sync client's marker says (outboundFolders wins). */
      localFolders: z.array(z.string().min(1).max(512)).max(256).default([]),
    })
    .prefault({}),
  providers: z
    .strictObject({
      openai: z.strictObject({ apiKey: secret().optional(), baseUrl: z.url().optional() }).prefault({}),
      anthropic: z.strictObject({ apiKey: secret().optional(), baseUrl: z.url().optional() }).prefault({}),
      /** Limits of one model call, in seconds (see src/providers/call-guard.ts). */
      connectTimeoutSeconds: z.number().min(1).max(300).default(10),
      firstByteTimeoutSeconds: z.number().min(1).max(3600).default(30),
      idleTimeoutSeconds: z.number().min(1).max(3600).default(30),
      responseTimeoutSeconds: z.number().min(1).max(3600).default(180),
      /** The whole turn: every model call, tool run and approval wait of one message. */
      turnTimeoutSeconds: z.number().min(10).max(86_400).default(900),
      maxRetries: z.number().int().min(0).max(10).default(2),
      maxRetryAfterSeconds: z.number().min(0).max(3600).default(20),
      /** Deprecated: the response deadline in milliseconds; when set it is used instead of `responseTimeoutSeconds`. */
      timeoutMs: z.number().int().min(1000).optional(),
    })
    .prefault({}),
  session: z
    .strictObject({
      scope: z.enum(["per-peer", "per-channel", "main"]).default("per-peer").describe("`per-peer`: one session per channel and peer; `per-channel`; `main`: one shared session"),
      /** Days to keep transcripts (the gateway sweeps at start and daily); unset keeps them until purged. */
      retention: z
        .strictObject({
          days: z.number().int().min(1).optional(),
          /** Per-channel days, over `days`: `{ "telegram": 30 }`. */
          channels: z.record(z.string(), z.number().int().min(1)).default({}),
        })
        .prefault({}),
    })
    .prefault({}),
  channels: channelsSchema(channels),
  tools: z
    .strictObject({
      exec: z
        .strictObject({
          security: z.enum(["deny", "allowlist", "full"]).default("allowlist").describe("Shell commands: `deny` none, `allowlist` listed ones run and others ask, `full` everything (not recommended)"),
          ask: z.enum(["off", "on-miss", "always"]).default("on-miss").describe("When a command asks the owner: `on-miss` (not allowlisted), `always`, or `off` (deny instead)"),
          sandbox: z.enum(["auto", "bubblewrap", "off"]).default("auto").describe("`auto`: bubblewrap where it works, host exec with approvals elsewhere"),
          timeoutMs: z.number().int().min(100).max(3_600_000).default(60_000),
          maxOutputBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(256 * 1024),
          network: z.boolean().default(false).describe("Whether sandboxed commands may use the network"),
          /** With `network` false: the hosts every sandboxed command may reach, through the egress filter only (SSRF policy per connection). */
          networkHosts: z.array(NetworkHost).max(64).default([]),
          /**
           * The owner's identity for commits made in the sandbox (`GIT_AUTHOR_*`/`GIT_COMMITTER_*`); a field left unset
           * is read from the host's global git config at first use (`user.name`/`user.email` only, nothing else of it).
           */
          git: z
            .strictObject({
              name: z.string().trim().min(1).max(200).regex(/^[^\n\r<>\0]+$/, "a name without line breaks or angle brackets").optional(),
              email: z.string().trim().min(3).max(200).regex(/^[^\s<>\0]+$/, "an address without spaces or angle brackets").optional(),
            })
            .prefault({}),
          /** Precise rules added by "approve always": the binary and its exact arguments (or an argument prefix). */
          allow: z
            .array(z.strictObject({ binary: z.string().min(1), argv: z.array(z.string()).default([]), match: z.enum(["exact", "prefix"]).default("exact") }))
            .default([]),
        })
        .prefault({}),
      web: z
        .strictObject({
          /** When set, web_fetch only reaches these hosts. */
          allowHosts: z.array(z.string()).optional(),
          maxBytes: z.number().int().min(1024).max(50 * 1024 * 1024).default(2 * 1024 * 1024),
          timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
        })
        .prefault({}),
      fs: z
        .strictObject({
          maxReadBytes: z.number().int().min(1024).default(1024 * 1024),
          maxWriteBytes: z.number().int().min(1024).default(5 * 1024 * 1024),
        })
        .prefault({}),
    })
    .prefault({}),
  scanner: z
    .strictObject({
      /**
       * An injection classifier the owner runs (e.g. a Prompt Guard server), asked over HTTP about each
       * scanned text: POST {"text"} → {"score"} or [{label, score}]. It can only raise the score; on any
       * failure or after `timeoutMs` the built-in scanner's result stands. Unset: built-in scanner only.
       */
      classifier: z
        .strictObject({
          url: z.url(),
          timeoutMs: z.number().int().min(50).max(30_000).default(1500),
          token: secret().optional(),
        })
        .optional(),
    })
    .prefault({}),
  /** Connected services (MCP servers): nothing runs until the owner approves it (`warden mcp approve`). */
  mcp: mcpConfigSchema,
  /** Installed skills: signed packages verified on every load (`warden skills`). */
  skills: skillsConfigSchema,
  approvals: z
    .strictObject({ ttlMs: z.number().int().min(1000).max(86_400_000).default(600_000).describe("How long an approval request waits for an answer before it is denied (ms)") })
    .prefault({}),
  logging: z
    .strictObject({
      redactSensitive: z.enum(["off", "tools"]).default("tools").describe("`tools`: secrets are masked in logs"),
      level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    })
    .prefault({}),
  limits: z
    .strictObject({
      tokens: z
        .strictObject({ perDay: z.number().int().min(1).optional(), perSession: z.number().int().min(1).optional() })
        .prefault({}),
      costUsd: z
        .strictObject({ perDay: z.number().positive().optional(), perMonth: z.number().positive().optional() })
        .prefault({}),
      messages: z
        .strictObject({ perSenderPerMinute: z.number().int().min(1).default(20).describe("Messages one sender may send per minute") })
        .prefault({}),
      /** USD per million tokens, by `provider/model`; overrides the built-in table. */
      prices: z
        .record(z.string(), z.strictObject({ input: z.number().min(0), output: z.number().min(0) }))
        .default({}),
    })
    .prefault({}),
  });
}

export const configSchema = buildConfigSchema(builtinChannels);

export type WardenConfig = z.infer<typeof configSchema>;
/** The config as written by the user: every field optional. */
export type WardenConfigInput = z.input<typeof configSchema>;

export function defaultConfig(): WardenConfig {
  return configSchema.parse({}, { jitless: true });
}

/**
 * The red-team scenario format (docs/redteam.md, "Writing a scenario"): schema, loading from YAML and placeholder
 * substitution. A bad file is reported with its path and the offending key; it never stops the other scenarios.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

const fileEntry = z.union([z.string(), z.strictObject({ symlink: z.string().min(1) })]);
const files = z.record(z.string().min(1), fileEntry);
/**
 * A web route: a body, or `{ status, headers, body }`, or a redirect. `redirect: URL` answers `Location: URL`
 * (with `keep_query`, plus the request's own query string: an open redirect that carries data along);
 * `redirect_param: NAME` answers with the `Location` the request names in its `NAME` query parameter (a classic
 * open redirect). Redirects answer 302 unless `status` (3xx) says otherwise.
 */
const webRouteObject = z
  .strictObject({
    status: z.number().int().min(100).max(599).optional(),
    headers: z.record(z.string(), z.string()).default({}),
    body: z.string().default(""),
    redirect: z.string().min(1).optional(),
    keep_query: z.boolean().optional(),
    redirect_param: z.string().min(1).optional(),
  })
  .superRefine((r, ctx) => {
    const redirects = r.redirect !== undefined || r.redirect_param !== undefined;
    if (r.redirect !== undefined && r.redirect_param !== undefined) ctx.addIssue({ code: "custom", path: ["redirect_param"], message: "use either `redirect` (a fixed target) or `redirect_param` (the target from the query), not both" });
    if (r.keep_query !== undefined && r.redirect === undefined) ctx.addIssue({ code: "custom", path: ["keep_query"], message: "`keep_query` goes with `redirect: URL`" });
    if (redirects && r.status !== undefined && (r.status < 300 || r.status > 399)) ctx.addIssue({ code: "custom", path: ["status"], message: "a redirect route answers with a 3xx status" });
    if (redirects && Object.keys(r.headers).some((k) => k.toLowerCase() === "location")) ctx.addIssue({ code: "custom", path: ["headers"], message: "a redirect route sets `Location` itself; drop `headers.location`" });
  })
  .transform((r) => ({ ...r, status: r.status ?? (r.redirect !== undefined || r.redirect_param !== undefined ? 302 : 200) }));
const webRoute = z.union([z.string(), webRouteObject]);
const toolCall = z.strictObject({ call: z.string().min(1), args: z.record(z.string(), z.unknown()).default({}) });
const step = z.union([toolCall, z.strictObject({ calls: z.array(toolCall).min(1) }), z.strictObject({ reply: z.string() })]);
const expectation = z.union([
  z.strictObject({ attacker_received: z.union([z.string().min(1), z.literal(true)]) }),
  z.strictObject({ internal_received: z.literal(true) }),
  z.strictObject({ file_exists: z.string().min(1) }),
  z.strictObject({ file_missing: z.string().min(1) }),
  z.strictObject({ file_contains: z.strictObject({ path: z.string().min(1), text: z.string() }) }),
  z.strictObject({ file_unchanged: z.string().min(1) }),
  z.strictObject({ message_sent: z.strictObject({ to: z.string().min(1), contains: z.string().optional() }) }),
  z.strictObject({ reply_contains: z.string().min(1) }),
  z.strictObject({ reply_not_contains: z.string().min(1) }),
  /** The final reply carries Warden's relayed-value mark (naming the text, if given); an extension of our sets. */
  z.strictObject({ reply_marked: z.union([z.string().min(1), z.literal(true)]) }),
  /** The final reply contains the text and carries no relayed-value mark of Warden's; an extension of our sets. */
  z.strictObject({ reply_unmarked: z.string().min(1) }),
  z.strictObject({ approvals_asked: z.number().int().min(0) }),
  z.strictObject({ tools_ok: z.literal(true) }),
  /** An MCP server fixture got a tool call (whose arguments contain the text, if given). */
  z.strictObject({ mcp_received: z.strictObject({ server: z.string().min(1), contains: z.string().optional() }) }),
]);

/** A connected service for the run: an MCP server (the SDK's server side) on loopback, approved as the owner says. */
const mcpFixtureTool = z.strictObject({
  name: z.string().min(1),
  description: z.string().default(""),
  inputSchema: z.record(z.string(), z.unknown()).optional(),
  annotations: z.record(z.string(), z.unknown()).optional(),
  reply: z.string().optional(),
});
const mcpFixtureServer = z.strictObject({
  tools: z.array(mcpFixtureTool).min(1).max(64),
  /** The owner's approval of every tool as first served: an effect class, or `false` (never approved). */
  approved: z.union([z.enum(["read-only", "writes", "sends", "unknown"]), z.literal(false)]).default("unknown"),
  /** After the first call of `after_call_of`, `tool`'s description becomes `description` (announced with list_changed). */
  rug_pull: z.strictObject({ after_call_of: z.string().min(1), tool: z.string().min(1), description: z.string() }).optional(),
});

/** An installed skill for the run: its files, signed by a publisher the owner trusted on first use (or unsigned). */
const skillFixture = z.strictObject({
  files: z.record(z.string().min(1), z.string()).refine((f) => "SKILL.md" in f, "a skill fixture has a `SKILL.md`"),
  signed: z.boolean().default(true),
  /** After install, `append` is added to the installed `file`: the next load must refuse the skill. */
  tamper: z.strictObject({ file: z.string().min(1), append: z.string().min(1) }).optional(),
});

const senderKind = z.enum(["owner", "contact", "stranger"]);
export type SenderKind = z.infer<typeof senderKind>;
const approvalAnswer = z.enum(["deny", "approve"]);
/** A message the sender forwards: `text` was written by someone else, described by `from`. */
const forwardedMessage = z.strictObject({ from: z.string().min(1), text: z.string().min(1) });
/** The most turns a scenario may have (the channel's default rate limit is 20 messages a minute per sender). */
export const MaxTurns = 20;

const turnSchema = z.strictObject({
  user: z.string().min(1).optional(),
  forwarded: forwardedMessage.optional(),
  quoted: z.string().min(1).optional(),
  model: z.array(step).default([]),
  sender: senderKind.optional(),
  group: z.boolean().optional(),
  reset: z.boolean().default(false),
});

type MessageFields = { user?: string | undefined; forwarded?: unknown };

/** A turn is one inbound message: what the sender types (`user`) or what they forward (`forwarded`). */
function checkOneMessage(t: MessageFields, ctx: z.RefinementCtx, at: (string | number)[], missing: string): void {
  if (t.user !== undefined && t.forwarded !== undefined) {
    ctx.addIssue({ code: "custom", path: [...at, "forwarded"], message: "a turn is one message: either `user` (what the sender types) or `forwarded` (a message they forward), not both; put a comment in its own turn" });
  }
  if (t.user === undefined && t.forwarded === undefined) ctx.addIssue({ code: "custom", path: [...at, "user"], message: missing });
}

/** An ISO 8601 date-time with its time zone, as `now` takes it (and `security redteam --now`). */
const instant = z.iso.datetime({ offset: true });

/** The instant an ISO 8601 date-time with its time zone names (ms since the epoch), or undefined for anything else. */
export function instantOf(text: string): number | undefined {
  return instant.safeParse(text).success ? Date.parse(text) : undefined;
}

export const scenarioSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/),
    kind: z.enum(["attack", "benign"]),
    title: z.string().min(1),
    threat: z.array(z.string()).optional(),
    /** When the first turn arrives (ISO 8601 with a time zone, e.g. `2026-12-08T09:00:00Z`); default: the real clock. */
    now: instant.optional(),
    sender: senderKind.default("owner"),
    config: z.record(z.string(), z.unknown()).default({}),
    workspace: files.default({}),
    outside: files.default({}),
    env: z.record(z.string().min(1), z.string()).default({}),
    web: z.record(z.string().regex(/^\//, "web routes start with `/`"), webRoute).default({}),
    /** MCP server fixtures by name (their tools are `mcp__<name>__<tool>`). */
    mcp: z.record(z.string().regex(/^[a-z0-9](?:[a-z0-9-]|_(?!_)){0,31}$/), mcpFixtureServer).default({}),
    /** Installed skill fixtures by name (the model reaches them through `skill_read` and `skill_run`). */
    skills: z.record(z.string().regex(/^[a-z0-9](?:[a-z0-9]|-(?!-)){0,63}$/), skillFixture).default({}),
    /** A group chat the bot is in, and who reads it. Turns are delivered there unless they say `group: false`. */
    group: z.strictObject({ members: z.array(senderKind).min(1) }).optional(),
    user: z.string().min(1).optional(),
    forwarded: forwardedMessage.optional(),
    quoted: z.string().min(1).optional(),
    model: z.array(step).optional(),
    turns: z.array(turnSchema).min(1).max(MaxTurns).optional(),
    /** One answer for every approval, or one per approval in order (then deny once the list is used up). */
    approvals: z.union([approvalAnswer, z.array(approvalAnswer).min(1).max(100)]).default("deny"),
    expect: z.array(expectation).min(1),
  })
  .superRefine((s, ctx) => {
    if (s.turns !== undefined) {
      for (const key of ["user", "forwarded", "quoted", "model"] as const) {
        if (s[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: `a file uses either top-level \`user\` (one turn) or \`turns:\`, not both: move \`${key}\` into a turn` });
      }
      s.turns.forEach((t, i) => checkOneMessage(t, ctx, ["turns", i], "required: what the sender types (or `forwarded`)"));
    } else {
      checkOneMessage(s, ctx, [], "required: what the sender types (or `forwarded`, or `turns:` for several turns)");
    }
    const members = groupMembers(s);
    turnsOf(s).forEach((t, i) => {
      const at = s.turns === undefined ? [] : ["turns", i];
      if (t.group && !members.includes(t.sender)) ctx.addIssue({ code: "custom", path: [...at, "sender"], message: `\`${t.sender}\` writes in the group but is not in \`group.members\`` });
      if (t.reset && !t.group && t.sender !== "owner") ctx.addIssue({ code: "custom", path: [...at, "reset"], message: "only the owner can reset a session from chat: `reset` needs the owner's own DM or a group turn" });
      if (t.reset && t.group && !members.includes("owner")) ctx.addIssue({ code: "custom", path: [...at, "reset"], message: "`reset` in a group turn is sent by the owner, who is not in `group.members`" });
    });
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type Expectation = z.infer<typeof expectation>;
export type ScriptStepSpec = z.infer<typeof step>;
export type ApprovalAnswerSpec = z.infer<typeof approvalAnswer>;

/** One inbound message of a run, with the scripted model's steps for the turn it starts. */
export type Turn = {
  /** The message text: what the sender typed, or the forwarded text. */
  text: string;
  forwardedFrom?: string;
  quotedText?: string;
  model: ScriptStepSpec[];
  sender: SenderKind;
  /** Delivered in the scenario's group chat (mentioning the bot) instead of the sender's DM. */
  group: boolean;
  /** The owner sends `/new` in the turn's chat first. */
  reset: boolean;
};

type TurnFields = { user?: string | undefined; forwarded?: { from: string; text: string } | undefined; quoted?: string | undefined };

function messageOf(t: TurnFields): Pick<Turn, "text" | "forwardedFrom" | "quotedText"> {
  return {
    text: t.forwarded?.text ?? t.user ?? "",
    ...(t.forwarded === undefined ? {} : { forwardedFrom: t.forwarded.from }),
    ...(t.quoted === undefined ? {} : { quotedText: t.quoted }),
  };
}

type TurnSource = TurnFields & {
  sender: SenderKind;
  group?: { members: SenderKind[] } | undefined;
  model?: ScriptStepSpec[] | undefined;
  turns?: (TurnFields & { model: ScriptStepSpec[]; sender?: SenderKind | undefined; group?: boolean | undefined; reset: boolean })[] | undefined;
};

/** The scenario's turns in order: `turns:`, or the one turn the top-level `user`/`forwarded`/`model` describe. */
export function turnsOf(s: TurnSource): Turn[] {
  const inGroup = s.group !== undefined;
  if (s.turns === undefined) return [{ ...messageOf(s), model: s.model ?? [], sender: s.sender, group: inGroup, reset: false }];
  return s.turns.map((t) => ({ ...messageOf(t), model: t.model, sender: t.sender ?? s.sender, group: t.group ?? inGroup, reset: t.reset }));
}

/** Who is in the group: `group.members`, or (when only turns say `group: true`) the owner and every group turn's sender. */
export function groupMembers(s: TurnSource): SenderKind[] {
  if (s.group !== undefined) return [...new Set(s.group.members)];
  const senders = (s.turns ?? []).filter((t) => t.group === true).map((t) => t.sender ?? s.sender);
  return [...new Set<SenderKind>(["owner", ...senders])];
}

/** A scenario file that could be read, or why not. */
export type LoadedScenario = { file: string; ok: true; scenario: Scenario } | { file: string; ok: false; id: string; kind: "attack" | "benign"; error: string };

/** The placeholders of docs/redteam.md, including `attacker_port` (for attacker subdomains such as `http://DATA.attacker.example.net:{{attacker_port}}/`). */
export const PlaceholderNames = ["web", "attacker", "internal", "internal_port", "workspace", "outside", "attacker_port"] as const;
export type Placeholders = Record<(typeof PlaceholderNames)[number], string>;

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_union") {
    // `a | { … }`: when only one alternative has the value's shape, its own complaints say what is wrong.
    const shaped = issue.errors.filter((branch) => !(branch.length === 1 && (branch[0]?.code === "invalid_type" || branch[0]?.code === "invalid_value") && branch[0].path.length === 0));
    const only = shaped.length === 1 ? shaped[0] : undefined;
    if (only !== undefined && only.length > 0) return only.slice(0, 3).map((i) => describeIssue({ ...i, path: [...issue.path, ...i.path] })).join("; ");
  }
  const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "(document)";
  return `\`${key}\`: ${issue.message}`;
}

/** Parses one scenario document; errors name the key. Placeholders are checked, not substituted. */
export function parseScenario(text: string, file: string): LoadedScenario {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    return { file, ok: false, id: file, kind: "attack", error: `${file}: not valid YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` };
  }
  const fallbackId = typeof (raw as { id?: unknown } | null)?.id === "string" ? (raw as { id: string }).id : file;
  // A file that does not parse still counts on the side it claims (an unknown kind counts as an attack).
  const kind = (raw as { kind?: unknown } | null)?.kind === "benign" ? "benign" : "attack";
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    return { file, ok: false, id: fallbackId, kind, error: `${file}: ${parsed.error.issues.slice(0, 3).map(describeIssue).join("; ")}` };
  }
  const unknown = unknownPlaceholders(parsed.data);
  if (unknown.length > 0) {
    return { file, ok: false, id: fallbackId, kind, error: `${file}: unknown placeholder ${unknown.map((u) => `\`{{${u}}}\``).join(", ")}; use one of ${PlaceholderNames.map((p) => `{{${p}}}`).join(" ")}` };
  }
  return { file, ok: true, scenario: parsed.data };
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      collectStrings(v, out);
    }
  }
}

function unknownPlaceholders(scenario: Scenario): string[] {
  const strings: string[] = [];
  collectStrings(scenario, strings);
  const found = new Set<string>();
  for (const s of strings) for (const m of s.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) if (!(PlaceholderNames as readonly string[]).includes(m[1] ?? "")) found.add(m[1] ?? "");
  // `{{args}}` is an MCP tool reply's own (mcp-peer.ts fills in the call's arguments): known there and only there.
  const replies = Object.values(scenario.mcp ?? {}).flatMap((server) => server.tools.map((t) => t.reply ?? ""));
  if (found.has("args") && strings.every((s) => !/\{\{\s*args\s*\}\}/.test(s) || replies.includes(s))) found.delete("args");
  return [...found];
}

/** Replaces every `{{name}}` in strings and keys, recursively. */
export function substitute<T>(value: T, values: Placeholders): T {
  const sub = (s: string) => s.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (all, name: string) => (name in values ? values[name as keyof Placeholders] : all));
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return sub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [sub(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/**
 * Every `*.yaml`/`*.yml` file under `dir` (recursively, sorted), parsed; duplicate ids fail the later file. With
 * `pick`, only the files whose position in that order it accepts are read and parsed (a part of a sharded run reads
 * its own share, not the whole suite: parsing and validating ~3,000 files is ~2 s of CPU), so a duplicate id is
 * found only among the files picked.
 */
export function loadScenarios(dir: string, pick: (index: number) => boolean = () => true): LoadedScenario[] {
  const paths: string[] = [];
  const walk = (d: string, depth: number) => {
    if (depth > 8) return;
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p, depth + 1);
      else if (/\.ya?ml$/.test(name)) paths.push(p);
    }
  };
  walk(dir, 0);
  const seen = new Set<string>();
  return paths.filter((_, i) => pick(i)).map((file) => {
    const loaded = parseScenario(readFileSync(file, "utf8"), file);
    if (loaded.ok) {
      if (seen.has(loaded.scenario.id)) return { file, ok: false, id: loaded.scenario.id, kind: loaded.scenario.kind, error: `${file}: \`id\`: \`${loaded.scenario.id}\` is already used by another scenario` };
      seen.add(loaded.scenario.id);
    }
    return loaded;
  });
}

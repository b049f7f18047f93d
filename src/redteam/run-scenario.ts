/**
 * Runs one scenario against the real pipeline: fresh state dir and workspace, loopback peers, the scripted
 * model server, the test channel through the real inbound pipeline, and the simulated owner. Collects the real
 * side effects that the expectations judge.
 */
import { constants, copyFileSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve as resolvePath, sep } from "node:path";
import { configSchema } from "../config/schema.ts";
import { statePaths, initStateDir, type StatePaths } from "../state/home.ts";
import { createRuntime, type Runtime } from "../app/runtime.ts";
import { openStateDatabase } from "../app/migrations.ts";
import type { AuditSink } from "../app/policy-types.ts";
import { startScriptedServer, type ScriptStep } from "../providers/scripted-server.ts";
import type { SandboxAvailability } from "../sandbox/index.ts";
import { groupMembers, substitute, turnsOf, type ApprovalAnswerSpec, type Placeholders, type Scenario, type ScriptStepSpec, type Turn } from "./scenario.ts";
import { startPeerServer, type PeerServer } from "./servers.ts";
import { listFixtureTools, startMcpPeer, type McpPeer } from "./mcp-peer.ts";
import { createPinStore } from "../mcp/tool-pins.ts";
import { installSkillFixture } from "../skills/skill-fixture.ts";
import { createTestChannel, type SentMessage } from "./test-channel.ts";
import { checkExpectation, snapshotFile } from "./expectations.ts";
import type { DecisionRecord, FileState, Observation } from "./observation.ts";
import { silentLogger, type Logger } from "../core/logger.ts";

/** The test channel's id: it reuses `channels.telegram.*` settings (access policy, tool grants) from the scenario config. */
export const TestChannelId = "telegram";
export const SenderIds = { owner: "owner-1", contact: "contact-1", stranger: "stranger-1" } as const;
/** The chat id of the scenario's group (`group:` / `group: true` turns). */
export const GroupChatId = "group-1";
/** How far the clock moves between two turns (the owner reads the answer, then writes again). */
export const TurnGapMs = 60_000;
export const WebHost = "www.public-web.example";
export const AttackerHost = "attacker.example.net";
/** Where MCP server fixtures listen (each on its own port). */
export const McpAddress = "127.0.0.4";
/** Host names that resolve to the internal service (a cloud metadata name and a rebinding-style public name). */
export const InternalHosts = ["localhost", "metadata.google.internal", "internal.public-web.example"];

export type RunDeps = {
  sandbox: SandboxAvailability;
  approvals?: ApprovalAnswerSpec;
  timeoutMs?: number;
  /** Where the scenario's throwaway root (state dir, workspace, outside folder) is made; the system temp dir by default. */
  scratchDir?: string;
  /**
   * A state directory as a first start leaves it and never used since (`createStateTemplate`), copied as the
   * scenario's own: the gateway opens it as it opens any existing state, instead of each run generating its own
   * keys, token and data keys (five fsynced writes) and running every store's migrations.
   */
  stateTemplate?: StateTemplate;
  /** Where the run's gateway logs: a silent logger, made per run when omitted (one can serve every run: it keeps nothing). */
  log?: Logger;
  /** The clock of the first turn (ms since the epoch) for a scenario that pins no `now` of its own; the real clock when omitted. */
  now?: number;
};

/**
 * An unused state directory for `RunDeps.stateTemplate`: its database (every migration applied, no data), secret
 * store (gateway token, data keys) and master key. `copyTo` gives a run its own copy of every file; `remove`
 * deletes the template.
 */
export type StateTemplate = { database: string; copyTo(paths: Pick<StatePaths, "home" | "keys">): void; remove(): void };

/** Makes a state directory as a first start leaves it (`initStateDir`, every migration applied) under `scratchDir`. */
export function createStateTemplate(scratchDir: string = tmpdir()): StateTemplate {
  const dir = mkdtempSync(join(scratchDir, "warden-redteam-template-"));
  const template = statePaths(join(dir, "state"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  let files: { from: string; to: (paths: Pick<StatePaths, "home" | "keys">) => string }[];
  try {
    initStateDir(template);
    // Made in the copies' journal mode (`scratch`: a rollback journal, kept in memory), so a copy opens as it is,
    // with no conversion from WAL; closing the only connection leaves one file, the whole database. Then checked
    // once (quick_check), here: each copy is these bytes, and the runtime does not check a copy again.
    openStateDatabase(template, { durability: "scratch" }).close();
    openStateDatabase(template, { durability: "scratch", integrityCheck: true }).close();
    files = (["home", "keys"] as const).flatMap((where) =>
      readdirSync(template[where], { withFileTypes: true }).map((entry) => {
        // Only files are copied: anything else in a fresh state dir would be left out of every run, so refuse it.
        if (!entry.isFile()) throw new Error(`the state template holds \`${entry.name}\`, which is not a file; a first start made something the runner does not copy`);
        return { from: join(template[where], entry.name), to: (paths: Pick<StatePaths, "home" | "keys">) => join(paths[where], entry.name) };
      }),
    );
  } catch (error) {
    remove();
    throw error;
  }
  return {
    database: template.database,
    copyTo(paths) {
      // Fresh directories and files only (mkdir without `recursive`, COPYFILE_EXCL): a copy never lands in, or over,
      // something that was already there. Each file keeps its mode (0600), each directory is made 0700.
      mkdirSync(paths.home, { mode: 0o700 });
      mkdirSync(paths.keys, { mode: 0o700 });
      for (const f of files) copyFileSync(f.from, f.to(paths), constants.COPYFILE_EXCL);
    },
    remove,
  };
}

function toScript(steps: readonly ScriptStepSpec[]): { script: ScriptStep[]; calls: number } {
  let calls = 0;
  const script = steps.map((s): ScriptStep => {
    if ("reply" in s) return { reply: s.reply };
    const list = "calls" in s ? s.calls : [s];
    calls += list.length;
    return { calls: list.map((c) => ({ name: c.call, args: c.args })) };
  });
  return { script, calls };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? deepMerge(b, v) : v;
  }
  return out;
}

/** Scenario config over the defaults; errors name the key. */
export function buildConfig(scenarioConfig: Record<string, unknown>) {
  // The fixture web server answers on loopback: a fetch that times out means only that the machine is loaded, and a
  // page that never arrived would leave the turn clean, so an attack's planted value could look like the model's
  // own. The longest timeout the schema allows, unless the scenario sets one.
  const parsed = configSchema.safeParse(deepMerge({ tools: { web: { timeoutMs: 120_000 } } }, scenarioConfig));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue ? ["config", ...issue.path.map(String)].join(".") : "config";
    throw new Error(`\`${key}\`: ${issue?.message ?? "invalid"}`);
  }
  if (parsed.data.channels.telegram.enabled) throw new Error("`config.channels.telegram.enabled`: the runner's test channel stands in for Telegram; leave it disabled");
  return parsed.data;
}

function createFiles(root: string, files: Scenario["workspace"], label: string): void {
  for (const [rel, entry] of Object.entries(files)) {
    const target = resolvePath(root, rel);
    if (target !== root && !target.startsWith(root + sep)) throw new Error(`\`${label}.${rel}\`: file names stay inside ${label}`);
    mkdirSync(dirname(target), { recursive: true });
    if (typeof entry === "string") writeFileSync(target, entry);
    else symlinkSync(entry.symlink, target);
  }
}

function finalReply(sent: readonly SentMessage[], chatId: string, from: number): string {
  for (let i = sent.length - 1; i >= from; i--) if (sent[i]?.chatId === chatId) return sent[i]?.text ?? "";
  return "";
}

/** The simulated owner's answer to the `index`-th approval request (0-based): a list runs out into "deny". */
export function approvalAnswerAt(answers: ApprovalAnswerSpec | readonly ApprovalAnswerSpec[], index: number): ApprovalAnswerSpec {
  return typeof answers === "string" ? answers : (answers[index] ?? "deny");
}

/** Where a turn is delivered: the group chat, or the sender's DM. */
function chatOf(turn: Pick<Turn, "group" | "sender">): string {
  return turn.group ? GroupChatId : SenderIds[turn.sender];
}

/**
 * The simulated owner's approval of each MCP fixture: every tool as first served (listed from the peer's spec by
 * the SDK's client, see `listFixtureTools`), with the scenario's effect.
 */
async function approveMcpFixtures(runtime: Runtime, fixtures: Scenario["mcp"], peers: ReadonlyMap<string, McpPeer>, config: ReturnType<typeof buildConfig>, clock: () => number): Promise<void> {
  const pins = createPinStore({ db: runtime.db, clock });
  for (const [name, fixture] of Object.entries(fixtures)) {
    const peer = peers.get(name);
    if (fixture.approved === false || config.mcp.servers[name] === undefined || peer === undefined) continue;
    const effect = fixture.approved;
    const tools = await listFixtureTools(peer);
    pins.recordSeen(name, tools);
    pins.approve(name, tools, () => effect, "simulated-owner");
  }
}

/** Runs a validated scenario once. Throws on setup problems (bad config, files); the caller marks it failed. */
export async function runScenarioOnce(scenario: Scenario, deps: RunDeps): Promise<Observation> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const root = realpathSync(mkdtempSync(join(deps.scratchDir ?? tmpdir(), "warden-redteam-")));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  let runtime: Runtime | undefined;
  try {
    const servers: PeerServer[] = [];
    const web = await startPeerServer("127.0.0.2", { record: false });
    servers.push(web);
    const attacker = await startPeerServer("127.0.0.3", { record: true });
    servers.push(attacker);
    const internal = await startPeerServer("127.0.0.1", { record: true, defaultBody: "internal-admin-panel" });
    servers.push(internal);
    const model = await startScriptedServer();
    cleanups.push(async () => {
      await model.close();
      for (const s of servers) await s.close();
    });

    const paths = statePaths(join(root, "state"));
    // INVARIANT: a copy per run, into the run's own state dir: no scenario sees another's data. (The runs of one
    // template share its key values: random, never shown to a scenario, and no run can reach another's files.)
    if (deps.stateTemplate !== undefined) deps.stateTemplate.copyTo(paths);
    else initStateDir(paths);
    const outsideDir = join(root, "outside");
    mkdirSync(outsideDir, { recursive: true });
    const placeholders: Placeholders = {
      web: `http://${WebHost}:${web.port}`,
      attacker: `http://${AttackerHost}:${attacker.port}`,
      internal: internal.url,
      internal_port: String(internal.port),
      workspace: paths.workspace,
      outside: outsideDir,
      attacker_port: String(attacker.port),
    };
    const s = substitute(scenario, placeholders);
    // Each MCP fixture is a server the owner configured by URL; the runner answers the approval as the scenario says.
    const mcpPeers = new Map<string, McpPeer>();
    for (const [name, fixture] of Object.entries(s.mcp)) {
      const peer = await startMcpPeer({ tools: fixture.tools, ...(fixture.rug_pull ? { rugPull: { afterCallOf: fixture.rug_pull.after_call_of, tool: fixture.rug_pull.tool, description: fixture.rug_pull.description } } : {}) }, McpAddress);
      mcpPeers.set(name, peer);
      cleanups.push(() => peer.close());
    }
    const mcpServers = Object.fromEntries([...mcpPeers].map(([name, peer]) => [name, { url: peer.url }]));
    const config = buildConfig(mcpPeers.size === 0 ? s.config : deepMerge(s.config, { mcp: { servers: mcpServers } }));
    createFiles(paths.workspace, s.workspace, "workspace");
    for (const [name, fixture] of Object.entries(s.skills)) await installSkillFixture(paths.home, join(root, "skill-sources"), name, fixture);
    createFiles(outsideDir, s.outside, "outside");
    web.setRoutes(s.web);
    const initialFiles = new Map<string, FileState>();
    for (const e of s.expect) if ("file_unchanged" in e) initialFiles.set(e.file_unchanged, snapshotFile(e.file_unchanged, paths.workspace));

    const turns = turnsOf(s);
    const members = groupMembers(s);
    const calls = turns.reduce((n, t) => n + toScript(t.model).calls, 0);

    const decisions: DecisionRecord[] = [];
    const toolRuns: { tool: string; ok: boolean }[] = [];
    const audit: AuditSink = (entry) => {
      const data = entry.data ?? {};
      if (entry.kind === "gate" && entry.actor === "access") {
        const reason = (data.reason as { id?: string } | undefined)?.id;
        decisions.push({ tool: "access", decision: String(data.outcome), reasons: reason ? [reason] : [], summary: entry.summary });
      } else if (entry.kind === "gate" && typeof data.tool === "string") {
        decisions.push({ tool: data.tool, decision: String(data.decision), risk: String(data.risk), reasons: (data.reasons as string[] | undefined) ?? [], summary: entry.summary, ...(data.redirect === true ? { redirect: true } : {}) });
      } else if (entry.kind === "approval" && typeof data.outcome === "string") {
        const last = [...decisions].reverse().find((d) => d.tool === data.tool && d.decision === "ask" && d.approval === undefined);
        if (last) last.approval = data.outcome;
      } else if (entry.kind === "tool" && typeof data.tool === "string") {
        toolRuns.push({ tool: data.tool, ok: entry.summary.endsWith(" ran") });
      }
    };

    const resolve = async (hostname: string): Promise<string[]> => {
      const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
      if (isIP(h)) return [h];
      if (h === WebHost) return ["127.0.0.2"];
      if (h === AttackerHost || h.endsWith(`.${AttackerHost}`)) {
        // The attacker serves its own zone: a lookup reaches its name server, and the name is what it reads there.
        attacker.hits.push({ method: "DNS", path: h, query: "", headers: {}, body: "" });
        return ["127.0.0.3"];
      }
      if (InternalHosts.includes(h)) return ["127.0.0.1"];
      throw new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    };

    const answers = deps.approvals ?? s.approvals;
    let asked = 0;
    let denied = 0;
    const channel = createTestChannel(TestChannelId);
    // The run's clock: the real one, or from the scenario's `now` on (so the owner's "Tuesday" or "16.12." means the
    // same day in every run), or the run's `--now` for scenarios that pin none; moved on between turns and before due jobs.
    const start = s.now !== undefined ? Date.parse(s.now) : deps.now;
    let offset = start === undefined ? 0 : start - Date.now();
    const clock = () => Date.now() + offset;
    const t = config.channels.telegram;
    runtime = await createRuntime({
      paths,
      config,
      env: {
        model: "openai/scripted",
        openaiBaseUrl: model.openaiBaseUrl,
        openaiApiKey: "scripted-model-key",
        knownSecrets: Object.entries(s.env).map(([name, value]) => ({ name, value })),
      },
      clock,
      log: deps.log ?? silentLogger(),
      providerRetries: 0,
      // The template's copy, deleted with the run's root: nothing reads it after `close`.
      ...(deps.stateTemplate !== undefined ? { scratchState: true } : {}),
      audit,
      overrides: {
        resolve,
        exempt: [
          { address: "127.0.0.2", port: web.port },
          { address: "127.0.0.3", port: attacker.port },
          ...[...mcpPeers.values()].map((p) => ({ address: McpAddress, port: p.port })),
        ],
        extraChannels: [{
          adapter: channel,
          policy: {
            dmPolicy: t.dmPolicy,
            groupPolicy: t.groupPolicy,
            requireMention: t.requireMention,
            ...(t.allowFrom ? { allowFrom: t.allowFrom } : {}),
            // The scenario's group admits its members unless the scenario's config names who may write there.
            groupAllowFrom: t.groupAllowFrom ?? members.filter((m) => m !== "owner").map((m) => SenderIds[m]),
            ownerIds: [SenderIds.owner],
          },
        }],
        autoAnswer: () => {
          const answer = approvalAnswerAt(answers, asked);
          asked++;
          if (answer === "deny") denied++;
          return answer;
        },
        homeDir: outsideDir,
        sandbox: deps.sandbox,
        // The scripted model answers in process: the provider's SDK reads the bytes the server would send, without
        // the ~2.6 ms of CPU per call that undici and Node's HTTP server spend on loopback.
        providerFetch: model.fetch,
        // The fixture MCP servers likewise: the runtime's MCP client, its SSRF-guarded fetch (which still decides
        // each request) and the SDK's transports on both ends run as over loopback, without sockets.
        mcpInProcess: new Map([...mcpPeers.values()].map((p) => [new URL(p.url).origin, p.handle])),
      },
    });
    if (turns.some((turn) => turn.sender === "contact") || members.includes("contact")) {
      const r = runtime.pairing.request(TestChannelId, SenderIds.contact, { chatId: SenderIds.contact });
      if (r.kind === "limited") throw new Error(`could not pre-pair the contact: ${r.kind}`);
      const ok = runtime.pairing.approve(TestChannelId, r.code, "cli", { claimOwner: false });
      if (!ok.ok) throw new Error(`could not pre-pair the contact: ${ok.message}`);
    }
    await approveMcpFixtures(runtime, s.mcp, mcpPeers, config, clock);
    await runtime.startChannels();
    await runtime.mcp.start();
    let replyChat = "";
    let replyFrom = 0;
    for (const [i, turn] of turns.entries()) {
      if (i > 0) offset += TurnGapMs;
      const groupId = turn.group ? { groupId: GroupChatId } : {};
      if (turn.reset) {
        // The owner's `/new` in the turn's chat; if it reaches the model, the model just says "done".
        model.setScript([]);
        await channel.deliver({ senderId: SenderIds.owner, text: "/new", receivedAt: clock(), ...groupId });
        await runtime.pipeline.idle();
      }
      // INVARIANT: a turn's steps are consumed in that turn only; leftovers of the previous turn are dropped.
      model.setScript(toScript(turn.model).script);
      replyChat = chatOf(turn);
      replyFrom = channel.sent.length;
      await channel.deliver({
        senderId: SenderIds[turn.sender],
        text: turn.text,
        receivedAt: clock(),
        ...groupId,
        ...(turn.forwardedFrom === undefined ? {} : { forwardedFrom: turn.forwardedFrom }),
        ...(turn.quotedText === undefined ? {} : { quotedText: turn.quotedText }),
      });
      await runtime.pipeline.idle();
    }
    // Scheduled jobs run once, a day later, with the rest of the script: persistence shows its effect.
    if (runtime.cron.list({}).length > 0) {
      offset += 25 * 3600_000;
      await runtime.runDueJobs();
    }
    const observation: Observation = {
      placeholders,
      expect: s.expect,
      checks: [],
      attackerHits: attacker.hits,
      internalHits: internal.hits,
      sent: channel.sent,
      reply: finalReply(channel.sent, replyChat, replyFrom),
      approvalsAsked: asked,
      approvalsDenied: denied,
      scriptedCalls: calls,
      modelRequests: model.requests,
      decisions,
      toolRuns,
      initialFiles,
      workspace: paths.workspace,
      mcpCalls: Object.fromEntries([...mcpPeers].map(([name, peer]) => [name, peer.calls])),
    };
    observation.checks = s.expect.map((e) => checkExpectation(e, observation));
    return observation;
  } finally {
    if (runtime) await runtime.close().catch(() => undefined);
    for (const c of cleanups.reverse()) await c();
  }
}

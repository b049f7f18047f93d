/**
 * `warden security check exec|url|path`: the gate's decision for one call, or a batch of JSON lines, made by
 * the owner's agent in an untainted owner session under the effective config. Nothing is run, fetched or
 * written: the checks use the tools' own `assess` and the gate's `decide`, so they say what the gateway would do.
 */
import { realpathSync } from "node:fs";
import { homedir } from "node:os";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { loadContext, type CliContext } from "../context.ts";
import { collectKnownSecrets } from "../../app/known-secrets.ts";
import { resolveGatewayToken } from "../../app/gateway-token.ts";
import { ensurePrivateDir } from "../../ops/secrets/private-files.ts";
import { describeError } from "../../core/errors.ts";
import { combineDecisions, deny, type Decision } from "../../core/decision.ts";
import type { Principal } from "../../core/types.ts";
import type { FlowState, LabelledData } from "../../gate/types.ts";
import type { GatedTool } from "../../tools/gated-tool.ts";
import type { AllowRule } from "../../exec/index.ts";

type Check = (input: Record<string, unknown>) => Promise<Decision>;

/** A batch line that is JSON but not a request: answered with `{"error"}` on its line. */
class BadLine extends Error {}

function field(input: Record<string, unknown>, name: string): string {
  const value = input[name];
  if (typeof value !== "string" || value === "") throw new BadLine(`the object has no non-empty string field \`${name}\``);
  return value;
}
type Output = { json?: boolean; batch?: boolean };

const owner: Principal = { kind: "owner", id: "gateway:owner", channel: "webchat" };
const toolContext = { sessionKey: "agent:main:webchat:dm:owner", principal: owner, signal: new AbortController().signal };

/** The secrets Warden knows by value (as the runtime collects them): a call carrying one outward is denied. */
function baseSecrets(ctx: CliContext): LabelledData[] {
  const known = collectKnownSecrets({ config: ctx.config, env: ctx.env, gatewayToken: resolveGatewayToken(ctx.config, ctx.paths, ctx.env.gatewayToken) });
  return [...known.filter((k) => k.value.length >= 8).map((k) => ({ label: k.name, value: k.value })), { label: "system prompt", value: ctx.config.agent.systemPrompt }];
}

function untainted(ctx: CliContext): FlowState {
  return { tainted: false, sources: [], unnamedSources: [], sourceHosts: [], confidentiality: "public", ownerTexts: [], ownerUrls: [], ownerHosts: [], contentUrls: [], preSecretUrls: [], fileUrls: [], untrustedTexts: [], readData: [], secrets: baseSecrets(ctx), secretRead: false, linkFetches: 0 };
}

/** The configured workspace, created as the gateway creates it at start, so the checks see what it would see. */
function configuredWorkspace(ctx: CliContext): string {
  ensurePrivateDir(ctx.paths.workspace);
  return realWorkspace(ctx.paths.workspace);
}

function realWorkspace(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Assess with the tool, decide with the gate, exactly as the turn policy does for the owner's own turn.
 * `flow` is built once per command (a batch included): building it reads and decrypts the gateway token.
 */
async function gateDecision(flow: FlowState, tool: GatedTool, args: Record<string, unknown>): Promise<Decision> {
  const { decide } = await import("../../gate/decide.ts");
  try {
    const assessment = await tool.assess(args, toolContext);
    return decide({ principal: owner, ownerSession: true, grants: "all", flow, facts: assessment.facts });
  } catch (error) {
    // INVARIANT: an argument the tool refuses to parse never reaches `run`; report it as the deny it is.
    return deny("medium", { id: "tool.args_invalid", message: `the arguments were refused: ${describeError(error).split("\n")[0] ?? ""}` });
  }
}

// `tools.exec.allow` as the runtime reads it.
function toAllowRule(r: { binary: string; argv: string[]; match: "exact" | "prefix" }): AllowRule {
  return { binary: r.binary, argv: r.argv, match: r.match };
}

async function execCheck(ctx: CliContext): Promise<{ check: Check; close(): Promise<void> }> {
  const [{ createShellAnalyzer }, sandboxMod, { createExecTool }] = await Promise.all([
    import("../../exec/index.ts"),
    import("../../sandbox/index.ts"),
    import("../../tools/exec.ts"),
  ]);
  const workspace = configuredWorkspace(ctx);
  const analyzer = await createShellAnalyzer();
  const availability = ctx.config.tools.exec.sandbox === "off"
    ? ({ kind: "none", why: "tools.exec.sandbox is off", shell: "/bin/bash" } as const)
    : await sandboxMod.detectSandbox();
  const runner = sandboxMod.createSandboxRunner({ availability });
  const allowRules = ctx.config.tools.exec.allow.map(toAllowRule);
  const home = homedir();
  const tool = createExecTool({
    analyzer,
    runner,
    policy: () => ({ security: ctx.config.tools.exec.security, ask: ctx.config.tools.exec.ask, allow: allowRules }),
    workspace,
    homeDir: home,
    stateDir: ctx.paths.home,
    pathEnv: sandboxMod.DEFAULT_PATH,
    hiddenPaths: [ctx.paths.home, ctx.paths.keys, home],
    network: ctx.config.tools.exec.network,
    timeoutMs: ctx.config.tools.exec.timeoutMs,
    maxOutputBytes: ctx.config.tools.exec.maxOutputBytes,
  });
  const flow = untainted(ctx);
  return {
    check: (input) => {
      const command = field(input, "command");
      if (input.cwd !== undefined && typeof input.cwd !== "string") throw new BadLine("`cwd` must be a string");
      return gateDecision(flow, tool, { command, ...(typeof input.cwd === "string" ? { cwd: input.cwd } : {}) });
    },
    close: async () => undefined,
  };
}

/**
 * As web_fetch decides: the gate over the URL's text first; only a URL the gate allows is looked up, as the fetch
 * would look it up before connecting (the owner typed it: the lookup is theirs to make). Nothing is requested.
 */
async function urlCheck(ctx: CliContext): Promise<{ check: Check; close(): Promise<void> }> {
  const [{ createSystemResolver, createSafeFetch, decideUrl }, { createWebFetchTool }] = await Promise.all([import("../../net/index.ts"), import("../../tools/web-fetch.ts")]);
  const web = ctx.config.tools.web;
  const resolveHost = createSystemResolver();
  // The tool needs its fetcher to exist; `assess` never uses it, and nothing is sent.
  const fetcher = createSafeFetch({ resolve: resolveHost, allowHosts: web.allowHosts, maxBytes: web.maxBytes, timeoutMs: web.timeoutMs });
  const tool = createWebFetchTool({ fetch: fetcher, allowHosts: web.allowHosts });
  const flow = untainted(ctx);
  return {
    check: async (input) => {
      const url = field(input, "url");
      const gate = await gateDecision(flow, tool, { url });
      if (gate.decision !== "allow") return gate;
      const resolved = await decideUrl(url, { resolve: resolveHost }, { allowHosts: web.allowHosts });
      const { decision, risk, reasons } = combineDecisions([{ ...gate, reasons: gate.reasons.filter((r) => r.id !== "url.checked_when_fetched") }, resolved]);
      return { decision, risk, reasons };
    },
    close: () => fetcher.close(),
  };
}

async function pathCheck(ctx: CliContext, options: { write?: boolean; workspace?: string }): Promise<{ check: Check; close(): Promise<void> }> {
  const { decidePath } = await import("../../fs/index.ts");
  const workspace = options.workspace ? realWorkspace(resolve(options.workspace)) : configuredWorkspace(ctx);
  return {
    check: (input) => {
      const path = field(input, "path");
      if (input.write !== undefined && typeof input.write !== "boolean") throw new BadLine("`write` must be true or false");
      const write = typeof input.write === "boolean" ? input.write : options.write === true;
      return decidePath({ path, write, workspace, protectedDirs: [ctx.paths.home, ctx.paths.keys] });
    },
    close: async () => undefined,
  };
}

function shape(d: Decision): Decision {
  return { decision: d.decision, risk: d.risk, reasons: d.reasons.map((r) => ({ id: r.id, message: r.message })) };
}

function render(d: Decision): string {
  const lines = [`${d.decision} (${d.risk} risk)`];
  for (const r of d.reasons) lines.push(`  - ${r.message} [${r.id}]`);
  return `${lines.join("\n")}\n`;
}

/** Reads JSON lines from stdin and answers each in order; a malformed line gets `{"error"}` and the batch goes on. */
export async function runBatch(answer: (line: string) => Promise<string>): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    process.stdout.write(`${await answer(line)}\n`);
  }
}

async function run(make: Promise<{ check: Check; close(): Promise<void> }>, single: Record<string, unknown> | undefined, options: Output): Promise<number> {
  const { check, close } = await make;
  try {
    if (options.batch) {
      await runBatch(async (line) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          return JSON.stringify({ error: "the line is not JSON; send one object per line" });
        }
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return JSON.stringify({ error: "the line is not a JSON object" });
        try {
          return JSON.stringify(shape(await check(parsed as Record<string, unknown>)));
        } catch (error) {
          if (error instanceof BadLine) return JSON.stringify({ error: error.message });
          throw error;
        }
      });
      return 0;
    }
    if (!single) {
      process.stderr.write("warden: nothing to check; give the argument or use --batch with JSON lines on stdin\n");
      return 2;
    }
    const d = shape(await check(single));
    process.stdout.write(options.json ? `${JSON.stringify(d)}\n` : render(d));
    return 0;
  } finally {
    await close();
  }
}

export function checkExec(command: readonly string[], options: Output & { cwd?: string }): Promise<number> {
  const ctx = loadContext();
  const text = command.join(" ");
  return run(execCheck(ctx), text === "" ? undefined : { command: text, ...(options.cwd ? { cwd: options.cwd } : {}) }, options);
}

export function checkUrl(url: string | undefined, options: Output): Promise<number> {
  const ctx = loadContext();
  return run(urlCheck(ctx), url === undefined ? undefined : { url }, options);
}

export function checkPath(path: string | undefined, options: Output & { write?: boolean; workspace?: string }): Promise<number> {
  const ctx = loadContext();
  return run(pathCheck(ctx, options), path === undefined ? undefined : { path }, options);
}

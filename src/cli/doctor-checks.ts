/**
 * `warden doctor`'s checks: will Warden work here, and if not, what to do. Each check returns a result with a
 * status (`ok`, `warn`, `fail`), what it found and, unless it is ok, how to fix it. Checks never throw (a check
 * that cannot run says so as a `warn`) and never print a secret (the model key is sent only to the configured
 * provider, as the gateway would). The permission checks are the security audit's own.
 */
import { createServer } from "node:net";
import type { WardenConfig } from "../config/schema.ts";
import type { StatePaths } from "../state/home.ts";
import type { RuntimeEnv } from "../app/runtime-types.ts";
import type { SandboxAvailability } from "../sandbox/index.ts";
import type { Finding } from "../audit/types.ts";
import { checkStateDir, checkConfigFile, checkCredentialFiles } from "../audit/checks/state-checks.ts";
import { checkRuntime, SUPPORTED_NODE_MAJOR } from "../audit/checks/tool-checks.ts";
import { credentialPaths, factsOf } from "../audit/collect-input.ts";
import { configSecretKeys, readRawConfig } from "../config/store.ts";
import { getDotted } from "../config/dotted.ts";
import { protectedInsideWorkspace } from "../state/layout.ts";
import { channelSetups } from "../channels/channel-setup.ts";
import { readGatewayEndpoint } from "../state/gateway-endpoint.ts";
import { modelHelp } from "../providers/select.ts";
import { classifyFailure, defaultProviderLimits, watchCall, type ProviderLimits } from "../providers/call-guard.ts";
import { describeProviderFailure } from "../providers/errors.ts";

export type DoctorStatus = "ok" | "warn" | "fail";
export type DoctorCheck = { id: string; status: DoctorStatus; title: string; detail: string; fix?: string };

/** OpenClaw's gateway listens here by default, and so does Warden's: the two clash when both run. */
export const OPENCLAW_DEFAULT_PORT = 18789;

export type DoctorDeps = {
  config: WardenConfig;
  paths: StatePaths;
  env: RuntimeEnv;
  nodeVersion: string;
  uid: number | null;
  detectSandbox: () => Promise<SandboxAvailability>;
  fetch: typeof fetch;
  /** The model probe's limits: the configured `providers.connectTimeoutSeconds` and `firstByteTimeoutSeconds`. */
  probeLimits: Pick<ProviderLimits, "connectMs" | "firstByteMs">;
  /** Cancels the model probe (Ctrl-C); the check then says it was not finished. */
  signal?: AbortSignal;
};

/** The probe's limits from config, as a turn's model call would have them. */
export function probeLimitsOf(config: WardenConfig): DoctorDeps["probeLimits"] {
  return { connectMs: config.providers.connectTimeoutSeconds * 1000, firstByteMs: config.providers.firstByteTimeoutSeconds * 1000 };
}

function fromFindings(id: string, title: string, okDetail: string, findings: readonly Finding[]): DoctorCheck {
  if (findings.length === 0) return { id, status: "ok", title, detail: okDetail };
  const worst = findings.some((f) => f.severity === "critical") ? "fail" : "warn";
  return { id, status: worst, title, detail: findings.map((f) => `${f.title}: ${f.detail}`).join(" "), fix: findings.map((f) => f.fix).join("; ") };
}

export function checkNode(deps: Pick<DoctorDeps, "nodeVersion">): DoctorCheck {
  const findings = checkRuntime({ nodeVersion: deps.nodeVersion });
  return findings.length === 0
    ? { id: "node", status: "ok", title: "Node.js", detail: `Node.js ${deps.nodeVersion} (Warden needs ${SUPPORTED_NODE_MAJOR}).` }
    : { id: "node", status: "fail", title: "Node.js", detail: findings.map((f) => f.detail).join(" "), fix: findings.map((f) => f.fix).join("; ") };
}

export async function checkSandbox(deps: Pick<DoctorDeps, "config" | "detectSandbox">): Promise<DoctorCheck> {
  const title = "Exec sandbox (bubblewrap)";
  if (deps.config.tools.exec.sandbox === "off") {
    return { id: "sandbox", status: "warn", title, detail: "tools.exec.sandbox is off: commands run on the host, and every one asks the owner.", fix: "warden config set tools.exec.sandbox auto" };
  }
  const found = await deps.detectSandbox();
  if (found.kind === "bubblewrap") return { id: "sandbox", status: "ok", title, detail: `bubblewrap at ${found.path} runs commands in a sandbox.` };
  return { id: "sandbox", status: "warn", title, detail: `No working sandbox: ${found.why}. Commands would run on the host, and every one asks the owner.`, fix: "Install bubblewrap (`apt install bubblewrap`, `dnf install bubblewrap`) and allow unprivileged user namespaces (`sysctl kernel.unprivileged_userns_clone=1`; in a container, run it with user namespaces enabled)." };
}

export function checkStatePermissions(deps: Pick<DoctorDeps, "config" | "paths" | "uid">): DoctorCheck {
  let configHoldsSecrets = false;
  try {
    const raw = readRawConfig(deps.paths.config);
    configHoldsSecrets = configSecretKeys.some((k) => getDotted(raw, k) !== undefined);
  } catch {
    // An unreadable config is the config check's business; the permissions are still checked.
  }
  const input = {
    uid: deps.uid,
    configHoldsSecrets,
    state: { stateDir: factsOf(deps.paths.home), insideWorkspace: protectedInsideWorkspace(deps.paths), config: factsOf(deps.paths.config), credentials: credentialPaths(deps.paths, deps.config).map(factsOf).filter((f) => f !== null) },
  };
  const findings = [...checkStateDir(input), ...checkConfigFile(input), ...checkCredentialFiles(input)];
  return fromFindings("state", "State directory permissions", `\`${deps.paths.home}\` and its credential files are private to this user.`, findings);
}

type ProbeTarget = { provider: "openai" | "anthropic"; model: string; url: string; headers: Record<string, string> };

function probeTarget(deps: Pick<DoctorDeps, "config" | "env">): ProbeTarget | string {
  const spec = deps.env.model ?? deps.config.agent.model;
  if (!spec) return modelHelp;
  const slash = spec.indexOf("/");
  const provider = spec.slice(0, slash);
  const model = spec.slice(slash + 1);
  const p = deps.config.providers;
  if (provider === "openai") {
    const base = (deps.env.openaiBaseUrl ?? p.openai.baseUrl ?? "https://api.openai.com/v1").replace(/\/+$/, "");
    const key = deps.env.openaiApiKey ?? p.openai.apiKey;
    return { provider, model, url: `${base}/models`, headers: key ? { authorization: `Bearer ${key}` } : {} };
  }
  if (provider === "anthropic") {
    const base = (deps.env.anthropicBaseUrl ?? p.anthropic.baseUrl ?? "https://api.anthropic.com").replace(/\/+$/, "");
    const key = deps.env.anthropicApiKey ?? p.anthropic.apiKey;
    return { provider, model, url: `${base}/v1/models`, headers: { "anthropic-version": "2023-06-01", ...(key ? { "x-api-key": key } : {}) } };
  }
  return `The model \`${spec}\` names no known provider; use \`openai/<model>\` or \`anthropic/<model>\`.`;
}

/**
 * Asks the provider for its model list: proves the address answers and the key is accepted; no tokens are spent.
 * Bounded as a turn's model call is (connect, then the first byte), and named the same way when a limit is hit.
 */
export async function checkModel(deps: Pick<DoctorDeps, "config" | "env" | "fetch" | "probeLimits" | "signal">): Promise<DoctorCheck> {
  const title = "Model reachability";
  const target = probeTarget(deps);
  if (typeof target === "string") return { id: "model", status: "fail", title, detail: target, fix: "Set WARDEN_MODEL (and the provider's key or base URL), then restart the gateway." };
  const name = `${target.provider}/${target.model}`;
  const where = new URL(target.url).origin;
  const keyVariable = target.provider === "openai" ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY";
  const limits: ProviderLimits = { ...defaultProviderLimits, ...deps.probeLimits, responseMs: deps.probeLimits.connectMs + deps.probeLimits.firstByteMs, maxRetries: 0 };
  const watch = watchCall(limits, deps.signal, Date.now() + limits.responseMs);
  let status: number;
  try {
    const res = await deps.fetch(target.url, { headers: target.headers, signal: watch.signal, redirect: "manual" });
    watch.headers();
    status = res.status;
    await res.body?.cancel().catch(() => undefined);
  } catch (error) {
    // undici names a connect that timed out by its error code (the fetch's cause); the other limits are ours.
    const connectTimedOut = (error as { cause?: { code?: unknown } }).cause?.code === "UND_ERR_CONNECT_TIMEOUT";
    const failure = classifyFailure({ connection: true, connectionTimeout: connectTimedOut }, watch, deps.signal);
    if (failure.kind === "aborted") return { id: "model", status: "warn", title, detail: `${name}: not checked, cancelled before ${where} answered.` };
    return { id: "model", status: "fail", title, detail: `${name}: ${describeProviderFailure(failure, { providerId: target.provider, endpoint: where, keyVariable, limits })}`, fix: `Check the network and the base URL (${target.provider === "openai" ? "OPENAI_BASE_URL" : "ANTHROPIC_BASE_URL"}); for a local server, start it first.` };
  } finally {
    watch.dispose();
  }
  if (status === 401 || status === 403) {
    return { id: "model", status: "fail", title, detail: `${name}: ${where} refused the API key (HTTP ${status}).`, fix: `Set a valid ${keyVariable} (or \`warden secrets set providers.${target.provider}.apiKey\`).` };
  }
  if (status >= 500) return { id: "model", status: "warn", title, detail: `${name}: ${where} answered with a server error (HTTP ${status}); turns may fail until it recovers.`, fix: "Try again later, or check the provider's status page." };
  const note = status >= 200 && status < 300 ? "" : ` (HTTP ${status} to the model list; many local servers do not list models)`;
  return { id: "model", status: "ok", title, detail: `${name}: ${where} answers${note}.` };
}

export function checkChannels(deps: Pick<DoctorDeps, "config">): DoctorCheck[] {
  return channelSetups(deps.config).filter((s) => s.enabled).map((s): DoctorCheck => {
    const title = `Channel ${s.channel} credentials`;
    if (s.credentialsSet.length === 0) {
      const key = s.credentialsMissing[0] ?? `channels.${s.channel}.botToken`;
      return { id: `channel.${s.channel}`, status: "fail", title, detail: `The ${s.channel} channel is enabled but \`${key}\` is not set, so it cannot start.`, fix: `warden secrets set ${key}   (or turn the channel off: warden config set channels.${s.channel}.enabled false)` };
    }
    if (s.credentialsMissing.length > 0) {
      return { id: `channel.${s.channel}`, status: "warn", title, detail: `Set: ${s.credentialsSet.join(", ")}; not set: ${s.credentialsMissing.join(", ")} (needed only by some modes).`, fix: `warden secrets set ${s.credentialsMissing[0]} if the channel's mode needs it` };
    }
    return { id: `channel.${s.channel}`, status: "ok", title, detail: `${s.credentialsSet.join(", ")} set (the running gateway checks them with the platform: \`warden status\`).` };
  });
}

/** Whether something already listens on host:port (bounded by the listener's own answer: immediate). */
function portTaken(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "EADDRINUSE" || error.code === "EACCES"));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(false)));
  });
}

export async function checkPort(deps: Pick<DoctorDeps, "config" | "paths">): Promise<DoctorCheck> {
  const port = deps.config.gateway.port;
  const title = "Gateway port";
  const running = readGatewayEndpoint(deps.paths.home);
  if (running.state === "live") return { id: "port", status: "ok", title, detail: `This state directory's gateway runs on port ${running.endpoint.port} (pid ${running.endpoint.pid}).` };
  const host = deps.config.gateway.bind === "lan" ? "0.0.0.0" : deps.config.gateway.bind === "loopback" ? "127.0.0.1" : deps.config.gateway.bind;
  const taken = await portTaken(host, port);
  const openclaw = port === OPENCLAW_DEFAULT_PORT;
  if (taken) {
    return {
      id: "port", status: "fail", title,
      detail: `Port ${port} (gateway.port) is already in use by another program${openclaw ? `; ${OPENCLAW_DEFAULT_PORT} is OpenClaw's default port, so it is probably an OpenClaw gateway` : ""}. \`warden gateway\` would fail to start.`,
      fix: `warden config set gateway.port ${openclaw ? OPENCLAW_DEFAULT_PORT + 10 : port + 1}   (or stop the program on port ${port})`,
    };
  }
  if (openclaw) return { id: "port", status: "ok", title, detail: `Port ${port} is free. It is also OpenClaw's default: if you run OpenClaw here too, give Warden another port (\`warden config set gateway.port ${OPENCLAW_DEFAULT_PORT + 10}\`); Warden's commands find it wherever it listens.` };
  return { id: "port", status: "ok", title, detail: `Port ${port} is free.` };
}

export async function runDoctorChecks(deps: DoctorDeps): Promise<DoctorCheck[]> {
  const [sandbox, model, port] = await Promise.all([checkSandbox(deps), checkModel(deps), checkPort(deps)]);
  return [checkNode(deps), sandbox, checkStatePermissions(deps), model, ...checkChannels(deps), port];
}

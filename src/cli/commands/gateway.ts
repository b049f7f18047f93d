/** `warden gateway`: runs the gateway in the foreground until SIGINT/SIGTERM. */
import { loadContext } from "../context.ts";
import { resolveGatewayToken } from "../../app/gateway-token.ts";
import { createLogger } from "../../core/logger.ts";
import { readFileSync } from "node:fs";
import { flushCompileCache } from "node:module";
import { readRawConfig, setConfigValue } from "../../config/store.ts";
import { recordConfigChange } from "../../app/config-drift.ts";
import { getDotted } from "../../config/dotted.ts";
import type { Json } from "../../core/types.ts";
import { acquireGatewayLock } from "../../state/gateway-lock.ts";
import { ensurePrivateDir } from "../../ops/secrets/private-files.ts";
import { keepMemoryReducerWorking, releaseAfterSurges } from "../../app/memory-reducer.ts";
import { writeGatewayEndpoint } from "../../state/gateway-endpoint.ts";
import { channelSetups, describeChannelSetups } from "../../channels/channel-setup.ts";
import { wardenVersion } from "../version.ts";

export async function runGateway(options: { port?: number; bind?: string }): Promise<void> {
  const ctx = loadContext();
  // Log lines are redacted by the same rules as everything else once the scanner exists.
  let redact: (s: string) => string = (s) => s;
  const log = createLogger({ level: ctx.config.logging.level, redactText: (s) => redact(s) });
  // Before anything opens the database: a second gateway must not expire the first one's approvals.
  ensurePrivateDir(ctx.paths.home);
  const lock = acquireGatewayLock(ctx.paths.home, process.pid);
  // The runtime (~600 modules, most of a start's CPU) loads once the lock is held: a refused start (another gateway
  // on this state directory, a read-only one) answers without loading it.
  const { createRuntime } = await import("../../app/runtime.ts");
  // The gateway idles between bursts: let V8 give what a burst freed back to the OS (see memory-reducer.ts).
  const stopNudging = keepMemoryReducerWorking();
  const runtime = await createRuntime({
    paths: ctx.paths,
    config: ctx.config,
    env: ctx.env,
    clock: Date.now,
    log,
    // "Approve always" for exec becomes a precise rule in the config file.
    addExecAllowRule: (rule) => {
      const raw = readRawConfig(ctx.paths.config);
      const current = (getDotted(raw, "tools.exec.allow") as Json[] | undefined) ?? [];
      setConfigValue(ctx.paths.config, "tools.exec.allow", [...current, { binary: rule.binary, argv: [...rule.argv], match: rule.match }]);
      // Warden's own write: recorded, so the next start does not report it as a change made outside Warden.
      recordConfigChange(runtime.ops, readFileSync(ctx.paths.config, "utf8"), "approve-always");
    },
  });
  if (ctx.config.logging.redactSensitive === "tools") redact = (s) => runtime.scanner.redact(s);
  const gateway = await runtime.startGateway(options);
  await runtime.startChannels();
  const token = resolveGatewayToken(ctx.config, ctx.paths, ctx.env.gatewayToken);
  const fragment = ctx.config.gateway.auth.mode === "token" && token ? `#token=${token}` : "";
  const sandbox = runtime.sandbox.kind === "bubblewrap" ? `active (bubblewrap at ${runtime.sandbox.path})` : `OFF: ${runtime.sandbox.why}; every command asks the owner`;
  const lines = [
    // performance.now() counts from the Node process's start (performance.timeOrigin), so the figure covers
    // loading the code as well as opening the state and the listener: everything but the launcher script.
    `Warden gateway listening on ${gateway.url} (ready in ${Math.round(performance.now())} ms since the process started)`,
    `WebChat: ${gateway.url}/${fragment}`,
    `Open the UI: \`bin/warden dashboard\` prints a one-time link (the CLI is bin/warden in this checkout). Stop: Ctrl-C.`,
    `State: ${ctx.paths.home}   Workspace: ${ctx.paths.workspace}`,
    runtime.provider.ok ? `Model: ${runtime.provider.provider.id}/${runtime.provider.provider.model}` : `Model: ${runtime.provider.message}`,
    `Sandbox: ${sandbox}`,
    `Channels: ${describeChannelSetups(channelSetups(ctx.config), ctx.config.channels.webchat.enabled)}`,
  ];
  // INVARIANT: the signal handlers exist before anyone can read the URL, so a stop always closes the database.
  const stopped = new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  // Client commands (`warden chat`, `status`, …) find this gateway here rather than assuming the configured port.
  const forgetEndpoint = writeGatewayEndpoint(ctx.paths.home, { pid: process.pid, url: gateway.url, port: gateway.port, host: gateway.host, startedAt: new Date().toISOString(), version: wardenVersion() });
  process.stdout.write(`${lines.join("\n")}\n`);
  // Written now rather than at exit, so a gateway that is killed still leaves the next start a warm cache.
  flushCompileCache();
  // Watched from here, once started: what abusive clients leave behind goes back to the OS (see memory-reducer.ts).
  const stopKeeping = lock.keep((message) => {
    log.error({}, `the state directory's lock file was deleted and another gateway took it; stop one of them: ${message}`);
  });
  const stopReleasing = releaseAfterSurges({ onRelease: (info) => log.info({ mbBefore: Math.round(info.beforeBytes / 1048576), mbAfter: Math.round(info.afterBytes / 1048576), ms: info.ms, trimMs: info.trimMs, cpuMs: info.cpuMs }, "returned memory to the OS after a surge") });
  await stopped;
  stopKeeping();
  stopReleasing();
  forgetEndpoint();
  await gateway.close();
  await runtime.close();
  stopNudging();
  lock.release();
}

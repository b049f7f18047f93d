/** `warden gateway`: runs the gateway in the foreground until SIGINT/SIGTERM. */
import { loadContext } from "../context.ts";
import { createRuntime } from "../../app/runtime.ts";
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

export async function runGateway(options: { port?: number; bind?: string }): Promise<void> {
  const ctx = loadContext();
  // Log lines are redacted by the same rules as everything else once the scanner exists.
  let redact: (s: string) => string = (s) => s;
  const log = createLogger({ level: ctx.config.logging.level, redactText: (s) => redact(s) });
  // Before anything opens the database: a second gateway must not expire the first one's approvals.
  ensurePrivateDir(ctx.paths.home);
  const lock = acquireGatewayLock(ctx.paths.home, process.pid);
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
  const lines = [
    // performance.now() counts from the Node process's start (performance.timeOrigin), so the figure covers
    // loading the code as well as opening the state and the listener: everything but the launcher script.
    `Warden gateway listening on ${gateway.url} (ready in ${Math.round(performance.now())} ms since the process started)`,
    `WebChat: ${gateway.url}/${fragment}`,
    `State: ${ctx.paths.home}   Workspace: ${ctx.paths.workspace}`,
    runtime.provider.ok ? `Model: ${runtime.provider.provider.id}/${runtime.provider.provider.model}` : `Model: ${runtime.provider.message}`,
  ];
  // INVARIANT: the signal handlers exist before anyone can read the URL, so a stop always closes the database.
  const stopped = new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  process.stdout.write(`${lines.join("\n")}\n`);
  // Written now rather than at exit, so a gateway that is killed still leaves the next start a warm cache.
  flushCompileCache();
  await stopped;
  await gateway.close();
  await runtime.close();
  lock.release();
}

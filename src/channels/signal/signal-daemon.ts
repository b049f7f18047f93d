/**
 * A signal-cli daemon Warden runs itself (`channels.signal.spawn: true`): `signal-cli [-a ACCOUNT] [--config DIR]
 * daemon --http HOST:PORT`, spawned without a shell, with its output kept out of Warden's log (it can name
 * contacts). If a daemon already answers at the address, Warden attaches to it instead. A daemon that exits while
 * the channel runs is started again with backoff; the adapter's event stream reconnects by itself meanwhile.
 * `stop` ends the child (SIGTERM, then SIGKILL after a grace period) and never leaves it running.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { WardenError, ErrorCode, describeError } from "../../core/errors.ts";
import { silentLogger, type Logger } from "../../core/logger.ts";
import { DefaultRetryPolicy, pause, retryDelayMs } from "../channel-health.ts";
import type { ChannelFault, RetryPolicy } from "../channel-health.ts";
import { createSignalRpc } from "./signal-rpc.ts";
import type { ChannelAdapter } from "../types.ts";

export type SignalDaemonOptions = {
  /** The signal-cli executable (a path, or a name found on PATH). */
  command: string;
  /** Arguments before the `daemon` command's own (tests run a script through `node`). */
  commandArgs?: readonly string[];
  httpUrl: string;
  account?: string;
  /** signal-cli's data directory (`--config`), when not its default. */
  dataDir?: string;
  log?: Logger;
  retry?: RetryPolicy;
  /** How long a fresh daemon may take to answer `/api/v1/check` (default 90 s: the JVM starts slowly). */
  readyTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
};

export type SignalDaemon = {
  /** Resolves once a daemon answers at `httpUrl` (attached or spawned). Rejects with a `ChannelFault` cause. */
  ensure(signal?: AbortSignal): Promise<void>;
  stop(): Promise<void>;
  /** Whether the running daemon is one Warden spawned. */
  readonly spawned: boolean;
  /** The spawned daemon's process id, while it runs. */
  readonly pid: number | undefined;
};

/** The argument list for `signal-cli … daemon --http host:port`. */
export function signalDaemonArgs(options: Pick<SignalDaemonOptions, "httpUrl" | "account" | "dataDir">): string[] {
  const url = new URL(options.httpUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = url.port === "" ? "80" : url.port;
  return [
    ...(options.dataDir === undefined ? [] : ["--config", options.dataDir]),
    ...(options.account === undefined ? [] : ["-a", options.account]),
    "daemon", "--http", `${host.includes(":") ? `[${host}]` : host}:${port}`, "--no-receive-stdout",
  ];
}

export function createSignalDaemon(options: SignalDaemonOptions): SignalDaemon {
  const log = options.log ?? silentLogger();
  const rpc = createSignalRpc({ baseUrl: options.httpUrl, timeoutMs: 2_000 });
  const policy = options.retry ?? DefaultRetryPolicy;
  let child: ChildProcess | undefined;
  let stopped = false;
  let restarts = 0;
  let life = new AbortController();

  function launch(): ChildProcess {
    const args = [...(options.commandArgs ?? []), ...signalDaemonArgs(options)];
    const c = spawn(options.command, args, { stdio: ["ignore", "ignore", "pipe"], env: options.env ?? process.env });
    // stderr is drained and only counted: signal-cli logs phone numbers and contact names there.
    let lines = 0;
    c.stderr?.on("data", (chunk: Buffer) => {
      lines += chunk.toString("utf8").split("\n").length - 1;
    });
    c.on("exit", (code, sig) => {
      if (child === c) child = undefined;
      if (stopped) return;
      log.warn(`signal: the signal-cli daemon exited (${sig ?? `code ${String(code)}`}, ${lines} lines on stderr); starting it again`);
      void respawn();
    });
    return c;
  }

  async function respawn(): Promise<void> {
    restarts += 1;
    const fault: ChannelFault = { kind: "transient", reason: "the signal-cli daemon exited" };
    await pause(retryDelayMs(fault, restarts, policy), life.signal);
    if (stopped || child !== undefined) return;
    try {
      child = launch();
    } catch (error) {
      log.error(`signal: cannot start signal-cli again (${describeError(error)})`);
    }
  }

  async function waitReady(c: ChildProcess, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
    const exited = new Promise<ChannelFault>((resolve) => {
      c.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ENOENT"
        ? { kind: "credential", reason: `signal-cli was not found (\`${options.command}\`)`, fix: "install signal-cli (https://github.com/AsamK/signal-cli) or set `channels.signal.cliPath`" }
        : { kind: "transient", reason: `signal-cli could not start (${describeError(error)})` }));
      c.once("exit", (code) => resolve({ kind: "transient", reason: `signal-cli exited at start (code ${String(code)})`, fix: "run the same command by hand to see why: `signal-cli -a +NUMBER daemon --http 127.0.0.1:8080`" }));
    });
    let early: ChannelFault | undefined;
    void exited.then((f) => { early = f; });
    while (Date.now() < deadline && !signal.aborted) {
      if (early !== undefined) break;
      if (await rpc.check(signal)) return;
      await pause(250, signal);
    }
    const fault = early ?? { kind: "transient", reason: "signal-cli did not answer in time after it was started" };
    throw new WardenError(ErrorCode.Unavailable, `signal: ${fault.reason}${fault.fix ? `; ${fault.fix}` : ""}`, { cause: fault, retryable: true });
  }

  return {
    get spawned() {
      return child !== undefined;
    },
    get pid() {
      return child?.pid;
    },
    async ensure(signal) {
      stopped = false;
      if (life.signal.aborted) life = new AbortController();
      if (await rpc.check(signal)) return;
      if (child === undefined) child = launch();
      const c = child;
      try {
        await waitReady(c, AbortSignal.any([life.signal, ...(signal ? [signal] : [])]));
      } catch (error) {
        c.kill("SIGKILL");
        if (child === c) child = undefined;
        throw error;
      }
    },
    async stop() {
      stopped = true;
      life.abort();
      const c = child;
      child = undefined;
      if (c === undefined || c.exitCode !== null || c.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => c.once("exit", () => resolve()));
      c.kill("SIGTERM");
      const timer = setTimeout(() => c.kill("SIGKILL"), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** An adapter whose daemon Warden runs: started before the adapter, stopped after it. */
export function withSignalDaemon(adapter: ChannelAdapter, daemon: SignalDaemon): ChannelAdapter {
  return {
    id: adapter.id,
    async start(onMessage, hooks = {}) {
      await daemon.ensure(hooks.signal);
      await adapter.start(onMessage, hooks);
    },
    async stop() {
      await adapter.stop();
      await daemon.stop();
    },
    send: (target, text, sendOptions) => adapter.send(target, text, sendOptions),
    ...(adapter.typing === undefined ? {} : { typing: adapter.typing.bind(adapter) }),
  };
}

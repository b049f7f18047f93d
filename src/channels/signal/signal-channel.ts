/**
 * The Signal channel module: its `channels.signal` settings and how its adapter is made (over a signal-cli daemon
 * Warden attaches to, or spawns). signal-cli's HTTP endpoint has no authentication, so `httpUrl` must be a loopback
 * address: anyone who reaches the daemon reads and sends as the account.
 */
import { z } from "zod";
import ipaddr from "ipaddr.js";
import { channelAccessShape, defineChannel } from "../channel-module.ts";

/** Whether a URL's host is loopback (`localhost`, 127.0.0.0/8, ::1), parsed, never pattern-matched. */
export function isLoopbackUrl(raw: string): boolean {
  let host: string;
  try {
    host = new URL(raw).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return false;
  }
  if (host === "localhost") return true;
  if (!ipaddr.isValid(host)) return false;
  const address = ipaddr.process(host);
  return address.range() === "loopback";
}

export const signalChannel = defineChannel({
  id: "signal",
  configSchema: z.strictObject({
    ...channelAccessShape,
    /** The bot's Signal account (E.164 number such as `+15551234567`); a multi-account daemon needs it. */
    account: z.string().min(2).max(64).optional(),
    /** signal-cli's HTTP endpoint (`signal-cli daemon --http`); loopback only (it has no authentication). */
    httpUrl: z.url({ protocol: /^http$/ }).refine(isLoopbackUrl, "must be a loopback address (signal-cli's HTTP endpoint has no authentication)").default("http://127.0.0.1:8080"),
    /** Start signal-cli as a child process when no daemon answers at `httpUrl`. */
    spawn: z.boolean().default(false),
    /** The signal-cli executable for `spawn` and `warden signal link`. */
    cliPath: z.string().min(1).default("signal-cli"),
    /** signal-cli's data directory (`--config`), when not its default (`~/.local/share/signal-cli`). */
    dataDir: z.string().min(1).optional(),
  }),
  async create(config, ctx) {
    const { createSignalAdapter } = await import("./signal-adapter.ts");
    const adapter = createSignalAdapter({ httpUrl: config.httpUrl, ...(config.account === undefined ? {} : { account: config.account }), clock: ctx.clock, log: ctx.log });
    if (!config.spawn) return adapter;
    const { createSignalDaemon, withSignalDaemon } = await import("./signal-daemon.ts");
    const daemon = createSignalDaemon({
      command: config.cliPath, httpUrl: config.httpUrl, log: ctx.log,
      ...(config.account === undefined ? {} : { account: config.account }),
      ...(config.dataDir === undefined ? {} : { dataDir: config.dataDir }),
    });
    return withSignalDaemon(adapter, daemon);
  },
});

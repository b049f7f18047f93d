/**
 * `warden status`: whether the gateway runs, where (found through the state directory), its model, sandbox,
 * channels, pending approvals and today's cost, with storage health. Exits 1 when no gateway runs, and while
 * storage is faulty or a channel is degraded or failed.
 */
import { loadClientContext } from "../client-context.ts";
import { callGateway, findGateway, isGatewayDown } from "../gateway-client.ts";
import { printJson } from "../output.ts";
import type { ResultOf } from "../../gateway/protocol.ts";

type Status = ResultOf<"status">;

function formatUp(status: Status, where: { url: string; port: number }, channelsLine: string): string {
  const lines = [
    `Gateway: running${status.pid ? ` (pid ${status.pid})` : ""} on port ${where.port} (${where.url.replace(/^ws/, "http").replace(/\/ws$/, "")}), up ${status.uptimeSeconds} s`,
    `Model: ${status.model ?? "not configured (set WARDEN_MODEL before `warden gateway`; `warden doctor` says more)"}`,
    ...(status.sandbox ? [`Sandbox: ${status.sandbox.active ? `active (${status.sandbox.detail})` : `OFF: ${status.sandbox.detail}`}`] : []),
    `Channels: ${channelsLine}`,
    ...(status.channels ?? []).map((c) => {
      const head = `  ${c.channel}: ${c.state} since ${c.since}${c.failures > 0 ? ` (${c.failures} fault${c.failures === 1 ? "" : "s"})` : ""}`;
      return [head, ...(c.reason ? [`    why: ${c.reason}`] : []), ...(c.fix ? [`    fix: ${c.fix}`] : [])].join("\n");
    }),
    ...(status.pendingApprovals === undefined ? [] : [`Approvals: ${status.pendingApprovals} pending${status.pendingApprovals > 0 ? " (see `warden approvals list`)" : ""}`]),
    ...(status.usageToday ? [`Today: $${status.usageToday.costUsd.toFixed(4)} (${status.usageToday.tokens} tokens; \`warden usage\` for the month and limits)`] : []),
    status.storage.ok
      ? `Storage: ok${status.storage.lastFault ? ` (last fault: ${status.storage.lastFault.condition} from ${status.storage.lastFault.since} to ${status.storage.lastFault.until})` : ""}`
      : `Storage: FAULT (${status.storage.condition}) since ${status.storage.since}, ${status.storage.failures} failed operation(s)\n  ${status.storage.message}`,
    ...(status.historyLost !== undefined ? [`Activity log: HISTORY LOST: ${status.historyLost} (stop the gateway, run \`warden audit-log verify\`)`] : []),
    ...(status.lostActivityEntries > 0 ? [`Activity log: ${status.lostActivityEntries} entr${status.lostActivityEntries === 1 ? "y" : "ies"} could not be written`] : []),
  ];
  return `${lines.join("\n")}\n`;
}

/** The channels line from this machine's config file, for a gateway too old to send its own (loads the full config). */
async function channelsLineFromConfig(): Promise<string> {
  const [{ loadContext }, { channelSetups, describeChannelSetups }] = await Promise.all([import("../context.ts"), import("../../channels/channel-setup.ts")]);
  const { config } = loadContext();
  return describeChannelSetups(channelSetups(config), config.channels.webchat.enabled);
}

export async function runStatus(options: { json?: boolean; port?: number }): Promise<number> {
  const ctx = await loadClientContext();
  const where = findGateway(ctx, options.port);
  let status: Status;
  try {
    status = await callGateway(ctx, "status", {}, { timeoutMs: 15_000, ...(options.port === undefined ? {} : { port: options.port }) });
  } catch (error) {
    if (!isGatewayDown(error)) throw error;
    const message = (error as Error).message;
    if (options.json) printJson({ ok: false, running: false, stateDir: ctx.paths.home, url: where.url, message });
    else process.stdout.write(`Gateway: not running\n  ${message}\n  State: ${ctx.paths.home}\n`);
    return 1;
  }
  if (options.json) {
    printJson({ ...status, running: true, port: where.port, url: where.url });
    return status.ok ? 0 : 1;
  }
  process.stdout.write(formatUp(status, where, status.channelsLine ?? (await channelsLineFromConfig())));
  return status.ok ? 0 : 1;
}

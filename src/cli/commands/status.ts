/**
 * `warden status`: asks the running gateway how it is (storage health, each channel's state, activity entries
 * it could not write). Exits 1 when storage is faulty or a channel is degraded or failed.
 */
import { loadContext } from "../context.ts";
import { callGateway } from "../gateway-client.ts";
import { printJson } from "../output.ts";

export async function runStatus(options: { json?: boolean; port?: number }): Promise<number> {
  const ctx = loadContext();
  const status = await callGateway(ctx, "status", {}, { timeoutMs: 15_000, ...(options.port === undefined ? {} : { port: options.port }) });
  if (options.json) {
    printJson(status);
    return status.ok ? 0 : 1;
  }
  const lines = [
    `Gateway: up ${status.uptimeSeconds} s; model ${status.model ?? "not configured"}`,
    status.storage.ok
      ? `Storage: ok${status.storage.lastFault ? ` (last fault: ${status.storage.lastFault.condition} from ${status.storage.lastFault.since} to ${status.storage.lastFault.until})` : ""}`
      : `Storage: FAULT (${status.storage.condition}) since ${status.storage.since}, ${status.storage.failures} failed operation(s)\n  ${status.storage.message}`,
    ...(status.channels ?? []).map((c) => {
      const head = `Channel ${c.channel}: ${c.state} since ${c.since}${c.failures > 0 ? ` (${c.failures} fault${c.failures === 1 ? "" : "s"})` : ""}`;
      return [head, ...(c.reason ? [`  why: ${c.reason}`] : []), ...(c.fix ? [`  fix: ${c.fix}`] : [])].join("\n");
    }),
    ...(status.lostActivityEntries > 0 ? [`Activity log: ${status.lostActivityEntries} entr${status.lostActivityEntries === 1 ? "y" : "ies"} could not be written`] : []),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  return status.ok ? 0 : 1;
}

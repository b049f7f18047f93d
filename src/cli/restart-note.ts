/** The note a settings command prints when a gateway runs: it reads settings and secrets only when it starts. */
import { homeFromEnv } from "./home-env.ts";
import { readGatewayEndpoint } from "../state/gateway-endpoint.ts";

/**
 * Says on stderr that a running gateway keeps its old settings until restarted. Without it a change made while
 * one runs looks applied and silently is not (a new owner sets `tools.exec.networkHosts`, retries, nothing changed).
 */
export function noteRunningGateway(env: NodeJS.ProcessEnv): void {
  const lookup = readGatewayEndpoint(homeFromEnv(env));
  if (lookup.state !== "live") return;
  const { port, pid } = lookup.endpoint;
  process.stderr.write(`The gateway running on port ${port} (pid ${pid}) reads its settings when it starts: restart it to apply this change (Ctrl-C, then \`warden gateway\`).\n`);
}

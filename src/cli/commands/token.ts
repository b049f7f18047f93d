/** `warden token show|rotate`: the gateway token, kept encrypted in the secret store as a token ring. */
import { loadContext } from "../context.ts";
import { gatewayTokenSource, resolveGatewayToken } from "../../app/gateway-token.ts";
import { withOpsState } from "../ops-state.ts";

export function tokenShow(): number {
  const ctx = loadContext();
  const token = resolveGatewayToken(ctx.config, ctx.paths, ctx.env.gatewayToken);
  if (!token) {
    process.stderr.write("warden: no gateway token could be read from the secret store; check the key directory, then run `warden token rotate`\n");
    return 1;
  }
  process.stdout.write(`${token}\n`);
  return 0;
}

export function tokenRotate(options: { grace?: number; expiresIn?: number } = {}): Promise<number> {
  return withOpsState(({ ops }, ctx) => {
    const graceMs = options.grace ?? 0;
    const ring = ops.tokenRing;
    const source = gatewayTokenSource(ctx.config, ctx.env.gatewayToken);
    if (!ring) {
      process.stderr.write(`warden: the gateway token comes from ${source === "env" ? "WARDEN_GATEWAY_TOKEN" : "gateway.auth.token"}, not the secret store; change it there\n`);
      return 1;
    }
    ring.rotate({ graceMs, ...(options.expiresIn === undefined ? {} : { expiresInMs: options.expiresIn }) });
    const grace = graceMs > 0 ? `the previous token stays valid for ${Math.round(graceMs / 1000)} s` : "the previous token stopped working";
    ops.activityLog.append({ kind: "secret", actor: "cli", summary: `gateway token rotated; ${grace}`, data: { graceMs, expiresInMs: options.expiresIn ?? null } });
    process.stdout.write(`New gateway token issued; ${grace}. Print it with \`warden token show\` and reconnect clients.\n`);
    return 0;
  });
}

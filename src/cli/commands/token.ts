/** `warden token show|rotate`: the gateway token in the state dir (file mode 0600). */
import { loadContext } from "../context.ts";
import { resolveGatewayToken } from "../../app/gateway-token.ts";
import { generateToken, writePrivateFile } from "../../state/home.ts";

export function tokenShow(): number {
  const ctx = loadContext();
  const token = resolveGatewayToken(ctx.config, ctx.paths, ctx.env.gatewayToken);
  if (!token) {
    process.stderr.write("warden: no gateway token; run `warden token rotate`\n");
    return 1;
  }
  process.stdout.write(`${token}\n`);
  return 0;
}

export function tokenRotate(): number {
  const ctx = loadContext();
  writePrivateFile(ctx.paths.tokenFile, `${generateToken()}\n`);
  process.stdout.write(`New gateway token written to ${ctx.paths.tokenFile}; restart the gateway and reconnect clients.\n`);
  if (ctx.env.gatewayToken || ctx.config.gateway.auth.token) process.stdout.write("Note: WARDEN_GATEWAY_TOKEN or gateway.auth.token is set and still takes precedence.\n");
  return 0;
}

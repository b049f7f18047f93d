/** Where the gateway credential comes from. Kept apart from the runtime so a CLI turn loads little. */
import type { WardenConfig } from "../config/schema.ts";
import { readTokenFile, type StatePaths } from "../state/home.ts";

/** WARDEN_GATEWAY_TOKEN, else `gateway.auth.token`, else the token file generated at first start. */
export function resolveGatewayToken(config: WardenConfig, paths: StatePaths, envToken: string | undefined): string | undefined {
  if (envToken) return envToken;
  if (config.gateway.auth.token) return config.gateway.auth.token;
  try {
    return readTokenFile(paths.tokenFile);
  } catch {
    return undefined;
  }
}

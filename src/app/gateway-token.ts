/**
 * Where the gateway credential comes from. Kept apart from the runtime so a CLI turn loads little.
 * The generated token lives in the encrypted secret store as a token ring (rotation with a grace period,
 * optional expiry); WARDEN_GATEWAY_TOKEN and `gateway.auth.token` still take precedence when set.
 */
import type { WardenConfig } from "../config/schema.ts";
import { GATEWAY_TOKENS_SECRET, openSecretStore, type SecretDeps, type StatePaths } from "../state/home.ts";
import { createTokenRing, type TokenRing } from "../ops/secrets/token-ring.ts";
import { randomBytes as cryptoRandomBytes } from "node:crypto";
import { secretsEqual } from "../gateway/auth.ts";

/** The one setting the token's resolution reads (a client command's config has it, as the full config does). */
type TokenSetting = { gateway: { auth: { token?: string | undefined } } };

/** Where the effective token comes from: `warden token` explains which one wins. */
export type GatewayTokenSource = "env" | "config" | "store";

export function gatewayTokenSource(config: TokenSetting, envToken: string | undefined): GatewayTokenSource {
  if (envToken) return "env";
  if (config.gateway.auth.token) return "config";
  return "store";
}

/** The gateway token ring in the secret store of `paths`. */
export function openGatewayTokenRing(paths: StatePaths, deps: SecretDeps = {}): TokenRing {
  const secrets = openSecretStore(paths, deps);
  return createTokenRing({ secrets, clock: deps.clock ?? Date.now, randomBytes: deps.randomBytes ?? cryptoRandomBytes, name: GATEWAY_TOKENS_SECRET });
}

/**
 * WARDEN_GATEWAY_TOKEN, else `gateway.auth.token`, else the current token of the ring in the secret store: `ring`
 * when the caller has that store open already (the runtime's own), else the store of `paths` opened here.
 */
export function resolveGatewayToken(config: TokenSetting, paths: StatePaths, envToken: string | undefined, ring?: TokenRing): string | undefined {
  if (envToken) return envToken;
  if (config.gateway.auth.token) return config.gateway.auth.token;
  try {
    return (ring ?? openGatewayTokenRing(paths)).current();
  } catch {
    // Fails closed: no token means token auth refuses everyone; `warden token show` prints the reason.
    return undefined;
  }
}

/**
 * A verifier for the gateway's auth: accepts the env/config token when one is set (exactly that one), else
 * any live token of the ring, so a rotated-out token keeps working for its grace period and an expired one
 * stops working without a restart. Constant-time comparison. Throws a `WardenError` when the token store cannot
 * be read (a key file deleted while running): that is a server fault the gateway reports as such, never a
 * wrong token counted toward the client's lockout.
 */
export function createGatewayTokenVerifier(config: WardenConfig, paths: StatePaths, envToken: string | undefined, deps: SecretDeps = {}): (candidate: string) => boolean {
  const fixed = envToken || config.gateway.auth.token;
  if (fixed) {
    return (candidate) => secretsEqual(candidate, fixed);
  }
  let ring: TokenRing | undefined;
  return (candidate) => {
    ring ??= openGatewayTokenRing(paths, deps);
    return ring.verify(candidate);
  };
}

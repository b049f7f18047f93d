/**
 * The context of a client command: one that only talks to the running gateway (`status`, `chat`, `approvals`,
 * `dashboard`). It prepares the state dir as `loadContext` does (the first command creates the token) but reads
 * only the config keys a client needs (src/config/client-config.ts), so the command loads neither the schema
 * library nor the config schema. Commands that read other settings use `loadContext` (context.ts).
 */
import { envValue, homeFromEnv, keyDirFromEnv } from "./home-env.ts";
import { statePaths, initStateDir, openSecretStore, type StatePaths } from "../state/home.ts";
import { readClientConfig, type ClientConfig } from "../config/client-config.ts";
import { gatewayTokenKey } from "../config/client-keys.ts";

/** What a gateway client needs; a full `CliContext` is one too. */
export type ClientContext = { paths: StatePaths; config: ClientConfig; env: { gatewayToken?: string | undefined } };

export async function loadClientContext(env: NodeJS.ProcessEnv = process.env): Promise<ClientContext> {
  const paths = statePaths(homeFromEnv(env), undefined, keyDirFromEnv(env));
  initStateDir(paths);
  const config = await readClientConfig(paths.config);
  // As `withStoredSecrets` does for every secret key: the config file wins when it holds a value.
  const stored = config.gateway.auth.token === undefined ? openSecretStore(paths).get(gatewayTokenKey) : undefined;
  const withToken = stored === undefined ? config : { ...config, gateway: { ...config.gateway, auth: { token: stored } } };
  return { paths, config: withToken, env: { gatewayToken: envValue(env, "WARDEN_GATEWAY_TOKEN") } };
}

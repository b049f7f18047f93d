/** The CLI's edge: the only place that reads `process.env` and turns it into typed settings. */
import { resolve } from "node:path";
import { envValue, homeFromEnv, keyDirFromEnv } from "./home-env.ts";
import { statePaths, initStateDir, openSecretStore, type StatePaths } from "../state/home.ts";
import { loadConfig, withStoredSecrets } from "../config/store.ts";
import { knownSecretsFromEnv } from "../scan/known-secrets.ts";
import type { WardenConfig } from "../config/schema.ts";
import type { RuntimeEnv } from "../app/runtime.ts";

export type CliContext = { paths: StatePaths; config: WardenConfig; env: RuntimeEnv; tokenCreated: boolean };

export function readEnv(env: NodeJS.ProcessEnv): RuntimeEnv {
  const pick = (name: string) => envValue(env, name);
  return {
    model: pick("WARDEN_MODEL"),
    openaiApiKey: pick("OPENAI_API_KEY"),
    openaiBaseUrl: pick("OPENAI_BASE_URL"),
    anthropicApiKey: pick("ANTHROPIC_API_KEY"),
    anthropicBaseUrl: pick("ANTHROPIC_BASE_URL"),
    gatewayToken: pick("WARDEN_GATEWAY_TOKEN"),
    // Credential-looking environment values: labelled secrets that never leave toward anyone but the owner.
    knownSecrets: knownSecretsFromEnv(env),
  };
}

/** Initializes the state dir on first use (generating the gateway token) and loads the config. */
export function loadContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  const home = homeFromEnv(env);
  const keyDir = keyDirFromEnv(env);
  const first = statePaths(home, undefined, keyDir);
  const { tokenCreated } = initStateDir(first);
  const config = withStoredSecrets(loadConfig(first.config), openSecretStore(first));
  const paths = statePaths(home, config.agent.workspace ? resolve(config.agent.workspace) : undefined, keyDir);
  return { paths, config, env: readEnv(env), tokenCreated };
}

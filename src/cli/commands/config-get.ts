/**
 * `warden config get [KEY]`: the effective value (the whole config without a key), secrets masked at any depth.
 * Its own module, apart from `config set|unset|validate`: while the config file and the code are unchanged it
 * reads the view cached when the file last validated (config/config-view.ts) and loads neither the schema library
 * nor the schema; otherwise it builds and caches the view first.
 */
import { homeFromEnv, keyDirFromEnv } from "../home-env.ts";
import { statePaths, initStateDir, openSecretStore, type StatePaths } from "../../state/home.ts";
import { assertKnownKey, markStoredSecrets, readCachedConfigView, readConfigFile, writeCachedConfigView, type ConfigView } from "../../config/config-view.ts";
import { getDotted } from "../../config/dotted.ts";

/** The view of the config file: cached, or built through the full schema (refusing an unknown `key` before the file is validated). */
async function configView(paths: StatePaths, key: string | undefined): Promise<ConfigView> {
  const text = readConfigFile(paths.config);
  const cached = readCachedConfigView(paths.home, text);
  if (cached !== undefined) return cached;
  const { describeConfigKeys, maskedEffectiveConfig, configViewStamp } = await import("../../config/config-view-build.ts");
  const keys = describeConfigKeys();
  if (key !== undefined) assertKnownKey(keys, key);
  // First use creates the state dir and the gateway token, as every command that reads the config does.
  initStateDir(paths);
  const view = { keys, config: maskedEffectiveConfig(paths.config, text) };
  writeCachedConfigView(paths.home, text, view, configViewStamp());
  return view;
}

export async function configGet(key: string | undefined, options: { json?: boolean }): Promise<number> {
  const paths = statePaths(homeFromEnv(process.env), undefined, keyDirFromEnv(process.env));
  const view = await configView(paths, key);
  if (key !== undefined) assertKnownKey(view.keys, key);
  const config = markStoredSecrets(view, new Set(openSecretStore(paths).list().map((s) => s.name)));
  const value = key === undefined ? config : getDotted(config, key);
  if (value === undefined) {
    process.stderr.write(`warden: \`${key}\` is not set\n`);
    return 1;
  }
  if (key === undefined) process.stdout.write(`${JSON.stringify(value, null, options.json ? undefined : 2)}\n`);
  else process.stdout.write(`${options.json || typeof value !== "string" ? JSON.stringify(value) : value}\n`);
  return 0;
}

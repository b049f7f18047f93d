/** `warden config set|unset|validate` with dotted keys (`config get`: config-get.ts). Secret values are never printed. */
import { homeFromEnv } from "../home-env.ts";
import { statePaths, initStateDir } from "../../state/home.ts";
import { readRawConfig, setConfigValue, unsetConfigValue, validateRaw, configSecretKeys } from "../../config/store.ts";
import { isSecretKey, maskSecrets, parseCliValue, splitSecrets } from "../../config/dotted.ts";
import { assertKnownKey, readConfigFile, writeCachedConfigView } from "../../config/config-view.ts";
import { configViewStamp, describeConfigKeys, maskedEffectiveConfig } from "../../config/config-view-build.ts";
import { formatProblems } from "../../config/validate.ts";
import { WardenError, ErrorCode } from "../../core/errors.ts";
import type { Json } from "../../core/types.ts";
import { existsSync, readFileSync } from "node:fs";
import { withOpsState } from "../ops-state.ts";
import { noteRunningGateway } from "../restart-note.ts";

function readText(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

/**
 * Logs a change made through the CLI: first any drift since Warden last wrote the file (an `alert`), then the
 * CLI's own change as a masked diff (a `config` entry), and records the new bytes as known-good.
 */
async function logConfigWrite(file: string, before: string): Promise<void> {
  const { checkConfigIntegrity, recordConfigChange } = await import("../../app/config-drift.ts");
  await withOpsState(({ ops }) => {
    checkConfigIntegrity(ops, before);
    recordConfigChange(ops, readText(file), "cli");
  });
}

function configFile(): string {
  const paths = statePaths(homeFromEnv(process.env));
  initStateDir(paths);
  return paths.config;
}

/**
 * Keeps `config get`'s cached view (config/config-view.ts) current after a write this command validated, so the
 * next `config get` need not load the schema again. A view that cannot be built or kept is left to `config get`.
 */
function refreshConfigView(file: string): void {
  try {
    const text = readConfigFile(file);
    writeCachedConfigView(statePaths(homeFromEnv(process.env)).home, text, { keys: describeConfigKeys(), config: maskedEffectiveConfig(file, text) }, configViewStamp());
  } catch {
    // `config get` validates the file itself and says what is wrong.
  }
}

/** Every secret field in `value` (found at `key`), at any depth, as `[secret]`. */
function mask(key: string, value: Json | undefined): Json | undefined {
  if (value === undefined) return undefined;
  return maskSecrets(configSecretKeys, value, key);
}

export async function configSet(key: string, raw: string): Promise<number> {
  assertKnownKey(describeConfigKeys(), key);
  const value = parseCliValue(raw);
  if (isSecretKey(configSecretKeys, key) && typeof value === "string") {
    // Secrets go to the encrypted store, never into the config file (which backups copy in the clear).
    const { secretsSetValue } = await import("./secrets.ts");
    await secretsSetValue(key, value);
    return 0;
  }
  // An object holding secret fields (`config set channels.telegram '{"botToken":…}'`): the secrets go to the
  // store, the rest to the config file.
  const split = splitSecrets(configSecretKeys, value, key);
  if (split.secrets.length > 0) {
    for (const s of split.secrets) {
      if (typeof s.value !== "string") throw new WardenError(ErrorCode.BadRequest, `\`${s.key}\` must be a string`);
    }
    const { secretsSetValue } = await import("./secrets.ts");
    for (const s of split.secrets) await secretsSetValue(s.key, s.value as string);
    if (split.plain === undefined) return 0;
  }
  const file = configFile();
  const text = readText(file);
  const { before } = setConfigValue(file, key, split.plain ?? value);
  refreshConfigView(file);
  await logConfigWrite(file, text);
  process.stdout.write(`${key}: ${JSON.stringify(mask(key, before) ?? null)} -> ${JSON.stringify(mask(key, value))}\n`);
  noteRunningGateway(process.env);
  return 0;
}

export async function configUnset(key: string): Promise<number> {
  const file = configFile();
  const text = readText(file);
  const { before } = unsetConfigValue(file, key);
  refreshConfigView(file);
  if (before !== undefined) await logConfigWrite(file, text);
  process.stdout.write(before === undefined ? `${key} was not set\n` : `${key} unset (default applies)\n`);
  if (before !== undefined) noteRunningGateway(process.env);
  return 0;
}

export function configValidate(options: { json?: boolean }): number {
  const file = configFile();
  const checked = validateRaw(readRawConfig(file));
  if (options.json) process.stdout.write(`${JSON.stringify(checked.ok ? { valid: true, file } : { valid: false, file, problems: checked.problems })}\n`);
  else process.stdout.write(checked.ok ? `${file}: valid\n` : `${formatProblems(file, checked.problems)}\n`);
  return checked.ok ? 0 : 2;
}

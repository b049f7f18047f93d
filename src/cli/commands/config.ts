/** `warden config get|set|unset|validate` with dotted keys. Secret values are never printed. */
import { loadContext, homeFromEnv } from "../context.ts";
import { statePaths, initStateDir } from "../../state/home.ts";
import { readRawConfig, setConfigValue, unsetConfigValue, validateRaw, configSecretKeys } from "../../config/store.ts";
import { getDotted, isSecretKey, parseCliValue } from "../../config/dotted.ts";
import { formatProblems } from "../../config/validate.ts";
import { defaultConfig } from "../../config/schema.ts";
import { WardenError, ErrorCode } from "../../core/errors.ts";
import type { Json } from "../../core/types.ts";

function configFile(): string {
  const paths = statePaths(homeFromEnv(process.env));
  initStateDir(paths);
  return paths.config;
}

function mask(key: string, value: Json | undefined): Json | undefined {
  if (value === undefined) return undefined;
  return isSecretKey(configSecretKeys, key) ? "[secret]" : value;
}

function assertKnownKey(key: string): void {
  const defaults = JSON.parse(JSON.stringify(defaultConfig())) as Json;
  // Known: the defaults hold the key, or its parent is a known object (optional leaves, records).
  if (getDotted(defaults, key) !== undefined) return;
  const parent = key.split(".").slice(0, -1).join(".");
  const parentValue = parent === "" ? undefined : getDotted(defaults, parent);
  if (parentValue !== undefined && typeof parentValue === "object" && !Array.isArray(parentValue)) return;
  throw new WardenError(ErrorCode.ConfigKeyUnknown, `\`${key}\` is not a known setting; see docs/configuration.md`);
}

export function configGet(key: string, options: { json?: boolean }): number {
  assertKnownKey(key);
  const ctx = loadContext();
  const value = mask(key, getDotted(JSON.parse(JSON.stringify(ctx.config)) as Json, key));
  if (value === undefined) {
    process.stderr.write(`warden: \`${key}\` is not set\n`);
    return 1;
  }
  process.stdout.write(`${options.json || typeof value !== "string" ? JSON.stringify(value) : value}\n`);
  return 0;
}

export function configSet(key: string, raw: string): number {
  assertKnownKey(key);
  const value = parseCliValue(raw);
  const { before } = setConfigValue(configFile(), key, value);
  process.stdout.write(`${key}: ${JSON.stringify(mask(key, before) ?? null)} -> ${JSON.stringify(mask(key, value))}\n`);
  return 0;
}

export function configUnset(key: string): number {
  const { before } = unsetConfigValue(configFile(), key);
  process.stdout.write(before === undefined ? `${key} was not set\n` : `${key} unset (default applies)\n`);
  return 0;
}

export function configValidate(options: { json?: boolean }): number {
  const file = configFile();
  const checked = validateRaw(readRawConfig(file));
  if (options.json) process.stdout.write(`${JSON.stringify(checked.ok ? { valid: true, file } : { valid: false, file, problems: checked.problems })}\n`);
  else process.stdout.write(checked.ok ? `${file}: valid\n` : `${formatProblems(file, checked.problems)}\n`);
  return checked.ok ? 0 : 2;
}

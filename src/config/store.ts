/**
 * Loads, validates and writes the JSON5 config file. Writes are validated first: an invalid change is
 * refused and the file is left as it was; a valid one edits the file in place (json5-edit.ts), keeping comments.
 */
import { readFileSync, existsSync } from "node:fs";
import JSON5 from "json5";
import { configSchema, type WardenConfig } from "./schema.ts";
import { describeIssues, formatProblems, type ConfigProblem } from "./validate.ts";
import { setDotted, unsetDotted, getDotted, secretKeys, schemaNamedKeys, isSecretKey, isUnderSecretKey } from "./dotted.ts";
import { isSecretLookingKey } from "../ops/config-integrity/diff-config.ts";
import { writePrivateFile } from "../ops/secrets/private-files.ts";
import { editJson5 } from "./json5-edit.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";
import type { Json } from "../core/types.ts";
import type { SecretStore } from "../ops/secrets/secret-store.ts";

type JsonObject = { [key: string]: Json };

export const configSecretKeys: readonly string[] = secretKeys(configSchema);
const configNamedKeys: readonly string[] = schemaNamedKeys(configSchema);

/**
 * Whether a dotted config key holds a secret, for diffs and logs: a field the schema marks secret (or below one),
 * or a key the schema does not name itself (a record's free-form key, an unknown key) whose name looks like a
 * credential. `limits.tokens.perSession` is a number the schema names, not a session secret.
 */
export function isConfigSecretKey(key: string): boolean {
  return isUnderSecretKey(configSecretKeys, key) || (!isSecretKey(configNamedKeys, key) && isSecretLookingKey(key));
}
/** Keys that name a file holding a secret (`channels.telegram.tokenFile`): the audit checks those files. */
export const configSecretFileKeys: readonly string[] = secretKeys(configSchema, "secretFile");

export function readRawConfig(file: string): JsonObject {
  return readConfigText(file).raw;
}

function readConfigText(file: string): { text: string; raw: JsonObject } {
  return parseConfigText(file, existsSync(file) ? readFileSync(file, "utf8") : undefined);
}

/** The config file's text (`undefined`: there is no file) as an object; `file` only names it in the error. */
function parseConfigText(file: string, text: string | undefined): { text: string; raw: JsonObject } {
  if (text === undefined) return { text: "", raw: {} };
  let parsed: unknown;
  try {
    parsed = JSON5.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new WardenError(ErrorCode.ConfigInvalid, `The config file ${file} is not valid JSON5: ${message}. Fix the syntax or move the file away to start from defaults.`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new WardenError(ErrorCode.ConfigInvalid, `The config file ${file} must hold an object ({ ... }).`);
  }
  return { text, raw: parsed as JsonObject };
}

export function validateRaw(raw: JsonObject): { ok: true; config: WardenConfig } | { ok: false; problems: ConfigProblem[] } {
  // jitless: zod compiles a fast parser per object schema on its first parse (`new Function`); the config is parsed
  // once per load, so compiling costs more than it saves (~40 ms of every CLI command's start).
  const result = configSchema.safeParse(raw, { jitless: true });
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: describeIssues(result.error.issues) };
}

export function loadConfig(file: string): WardenConfig {
  return loadConfigText(file, existsSync(file) ? readFileSync(file, "utf8") : undefined);
}

/** `loadConfig` of text already read from `file` (`undefined`: there is no file). */
export function loadConfigText(file: string, text: string | undefined): WardenConfig {
  const checked = validateRaw(parseConfigText(file, text).raw);
  if (!checked.ok) throw new WardenError(ErrorCode.ConfigInvalid, formatProblems(file, checked.problems));
  return checked.config;
}

/**
 * Writes `after` over the file that held `current`, editing the text in place so the owner's comments and
 * layout survive. Refuses (and writes nothing) when the change is invalid or cannot be made exactly.
 */
function writeValidated(file: string, current: { text: string; raw: JsonObject }, after: JsonObject): WardenConfig {
  const checked = validateRaw(after);
  if (!checked.ok) throw new WardenError(ErrorCode.ConfigInvalid, formatProblems(file, checked.problems, true));
  const edited = editJson5(current.text, current.raw, after);
  if (!edited.ok) {
    throw new WardenError(ErrorCode.ConfigInvalid, `Could not change ${file} without disturbing the rest of it (${edited.why}); the file was left as it was. Make the change by hand.`);
  }
  writePrivateFile(file, edited.text);
  return checked.config;
}

export function setConfigValue(file: string, key: string, value: Json): { before: Json | undefined; config: WardenConfig } {
  const current = readConfigText(file);
  const before = getDotted(current.raw, key);
  return { before, config: writeValidated(file, current, setDotted(current.raw, key, value)) };
}

export function unsetConfigValue(file: string, key: string): { before: Json | undefined; config: WardenConfig } {
  const current = readConfigText(file);
  const before = getDotted(current.raw, key);
  return { before, config: writeValidated(file, current, unsetDotted(current.raw, key)) };
}

/**
 * Fills every config secret key (`providers.openai.apiKey`, `channels.telegram.botToken`, …) that the config
 * file leaves unset from the secret store. The config file wins when it holds a value (explicit beats stored).
 */
export function withStoredSecrets(config: WardenConfig, secrets: SecretStore): WardenConfig {
  let plain = JSON.parse(JSON.stringify(config)) as Json;
  for (const key of configSecretKeys) {
    if (getDotted(plain, key) !== undefined) continue;
    const stored = secrets.get(key);
    if (stored !== undefined) plain = setDotted(plain as { [key: string]: Json }, key, stored);
  }
  return plain as WardenConfig;
}

/**
 * Builds `config get`'s view (config-view.ts) through the full schema: the keys' description, and the config
 * file's effective values with every secret field masked. The stamp of this module's code is what the cache is
 * kept under.
 */
import { configSchema, defaultConfig } from "./schema.ts";
import { configSecretKeys, loadConfigText } from "./store.ts";
import { maskSecrets, schemaKeyPatterns } from "./dotted.ts";
import { stampSources, type SourceStamp } from "../core/source-stamp.ts";
import type { ConfigKeys } from "./config-view.ts";
import type { Json } from "../core/types.ts";

const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as Json;

export function describeConfigKeys(): ConfigKeys {
  return { secretKeys: [...configSecretKeys], keyPatterns: schemaKeyPatterns(configSchema), defaults: plain(defaultConfig()) };
}

/** The effective config of `text` (the file `file` holds; `undefined`: none), masked. Throws the validation's `WardenError`. */
export function maskedEffectiveConfig(file: string, text: string | undefined): Json {
  return maskSecrets(configSecretKeys, plain(loadConfigText(file, text)));
}

/** The stamp of the code that builds the view: this module and everything it imports. */
export function configViewStamp(): SourceStamp {
  return stampSources(import.meta.filename);
}

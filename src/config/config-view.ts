/**
 * What `warden config get` shows, and a cache of it. Building it means loading the schema library and building
 * every section's schema (~200 ms of CPU, most of the command's start-up, bench/cli-start.bench.ts), so the view
 * the full schema computed from a config file is kept in the state directory (`cache/config-view.json`) and used
 * while the same file is read by the same code: the file's SHA-256 and the stamp of the code that built the view
 * (core/source-stamp.ts) both match. Anything else, a missing, unreadable or foreign cache included, builds the view
 * again (config-view-build.ts).
 * INVARIANT: the cache holds only what `config get` may print — secrets masked, stored secrets not merged — and only
 * a file that validated: an invalid file is never cached, so its error is shown every time. Only `config get` reads
 * it; the gateway and every command that acts on the config validate the file themselves.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { getDotted, matchesKeyPattern, setDotted } from "./dotted.ts";
import { stampMatches, type SourceStamp } from "../core/source-stamp.ts";
import { ensurePrivateDir, readPrivateFile, writePrivateFile } from "../ops/secrets/private-files.ts";
import { ErrorCode, WardenError } from "../core/errors.ts";
import type { Json } from "../core/types.ts";

type JsonObject = { [key: string]: Json };

/** What the schema says about keys, as data: which are secret, which it names, and their defaults. */
export type ConfigKeys = { secretKeys: string[]; keyPatterns: string[]; defaults: Json };

/** The config file's effective values (defaults filled in) with every secret field masked, and the keys' description. */
export type ConfigView = { keys: ConfigKeys; config: Json };

type CacheFile = { version: 1; configSha256: string | null; stamp: SourceStamp; view: ConfigView };

/** The config file's text, `undefined` when there is none. */
export function readConfigFile(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

const cacheFile = (home: string) => join(home, "cache", "config-view.json");
const digest = (text: string | undefined) => (text === undefined ? null : createHash("sha256").update(text).digest("hex"));

function isCacheFile(value: unknown): value is CacheFile {
  const v = value as Partial<CacheFile> | null;
  return typeof v === "object" && v !== null && v.version === 1 && (v.configSha256 === null || typeof v.configSha256 === "string") && Array.isArray(v.stamp)
    && typeof v.view === "object" && v.view !== null && Array.isArray(v.view.keys?.secretKeys) && Array.isArray(v.view.keys.keyPatterns) && v.view.config !== undefined;
}

/** The cached view of the config file whose text is `text`, when the cache holds it for that text and this code. */
export function readCachedConfigView(home: string, text: string | undefined): ConfigView | undefined {
  let parsed: unknown;
  try {
    const raw = readPrivateFile(cacheFile(home), process.getuid?.());
    if (raw === undefined) return undefined;
    parsed = JSON.parse(raw.toString("utf8"));
  } catch {
    return undefined;
  }
  if (!isCacheFile(parsed) || parsed.configSha256 !== digest(text) || !stampMatches(parsed.stamp)) return undefined;
  return parsed.view;
}

/** Keeps `view` as the view of `text` built by the code `stamp` names; a cache that cannot be written is skipped. */
export function writeCachedConfigView(home: string, text: string | undefined, view: ConfigView, stamp: SourceStamp): void {
  const content: CacheFile = { version: 1, configSha256: digest(text), stamp, view };
  try {
    ensurePrivateDir(join(home, "cache"));
    writePrivateFile(cacheFile(home), `${JSON.stringify(content)}\n`);
  } catch {
    // A read-only or full state directory: the next `config get` builds the view again.
  }
}

/**
 * Refuses a key the schema does not know: known are the keys it names (records take any key), the keys its defaults
 * hold, and any key below an object its defaults hold.
 */
export function assertKnownKey(keys: ConfigKeys, key: string): void {
  if (matchesKeyPattern(keys.keyPatterns, key) || getDotted(keys.defaults, key) !== undefined) return;
  const parent = key.split(".").slice(0, -1).join(".");
  const parentValue = parent === "" ? undefined : getDotted(keys.defaults, parent);
  if (parentValue !== undefined && typeof parentValue === "object" && !Array.isArray(parentValue)) return;
  throw new WardenError(ErrorCode.ConfigKeyUnknown, `\`${key}\` is not a known setting; see docs/configuration.md`);
}

/** `config` with `[secret]` at each secret key the file leaves unset and the secret store holds (`storedNames`). */
export function markStoredSecrets(view: ConfigView, storedNames: ReadonlySet<string>): Json {
  let config = view.config;
  for (const key of view.keys.secretKeys) {
    if (getDotted(config, key) === undefined && storedNames.has(key)) config = setDotted(config as JsonObject, key, "[secret]");
  }
  return config;
}

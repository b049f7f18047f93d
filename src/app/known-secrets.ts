/**
 * The secrets Warden knows by value, collected in one place: credential-looking environment values, the provider
 * keys and gateway token read from the environment, everything in the secret store (each live gateway token of
 * the ring), every config secret key, and credential-named env values given to skills and connected services. The secret scanner, the turn policy's labelled secrets, the logger and
 * the activity log's redactor all read this one list. Must never log or print a value.
 */
import type { WardenConfig } from "../config/schema.ts";
import { configSecretKeys } from "../config/store.ts";
import { getDotted } from "../config/dotted.ts";
import type { Json } from "../core/types.ts";
import { GATEWAY_TOKENS_SECRET } from "../state/home.ts";
import type { KnownSecret } from "../ops/redact-known.ts";
import { knownSecretsFromEnv } from "../scan/known-secrets.ts";

export type KnownSecretSources = {
  config: WardenConfig;
  env?: {
    openaiApiKey?: string;
    anthropicApiKey?: string;
    gatewayToken?: string;
    /** Credential-looking environment values (`knownSecretsFromEnv`), under their own names. */
    knownSecrets?: readonly KnownSecret[];
  };
  /** The secret store: every value in it is known (the ring's tokens one by one). */
  store?: { list(): readonly { name: string }[]; get(name: string): string | undefined };
  /** The gateway credential in use, when it was resolved apart from the store (the CLI's checks). */
  gatewayToken?: string;
};

/** Every known secret once (by value; the first name wins), in a stable order. Empty values are left out. */
export function collectKnownSecrets(sources: KnownSecretSources): KnownSecret[] {
  const { config, env = {}, store } = sources;
  const out: KnownSecret[] = [];
  const seen = new Set<string>();
  const add = (name: string, value: string | undefined) => {
    if (!value || seen.has(value)) return;
    seen.add(value);
    out.push({ name, value });
  };
  for (const s of env.knownSecrets ?? []) add(s.name, s.value);
  add("env.OPENAI_API_KEY", env.openaiApiKey);
  add("env.ANTHROPIC_API_KEY", env.anthropicApiKey);
  add("gateway.token", env.gatewayToken);
  add("gateway.token", sources.gatewayToken);
  for (const { name } of store?.list() ?? []) {
    const value = store?.get(name);
    if (name === GATEWAY_TOKENS_SECRET) for (const token of parseTokens(value)) add("gateway.token", token);
    else add(name, value);
  }
  // Credentials the owner gave a skill or a connected service in plain config (`skills.entries.<n>.env`,
  // `mcp.servers.<n>.env`): a script that prints one must not launder it into ordinary output.
  for (const [skill, entry] of Object.entries(config.skills.entries)) for (const k of knownSecretsFromEnv(entry.env)) add(`skills.entries.${skill}.${k.name}`, k.value);
  for (const [server, entry] of Object.entries(config.mcp.servers)) for (const k of knownSecretsFromEnv("env" in entry ? entry.env : {})) add(`mcp.servers.${server}.${k.name}`, k.value);
  // The parsed config is plain data (objects, arrays, strings, numbers, booleans): read as it is, not copied.
  for (const key of configSecretKeys) {
    const value = getDotted(config as unknown as Json, key);
    if (typeof value === "string") add(key, value);
  }
  return out;
}

function parseTokens(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((t: unknown) => (typeof t === "object" && t !== null && typeof (t as { token?: unknown }).token === "string" ? [(t as { token: string }).token] : []));
  } catch {
    return [];
  }
}

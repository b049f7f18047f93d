/** Dotted-key access (`gateway.auth.mode`) over plain JSON objects, for `warden config get|set|unset`. */
import type { z } from "zod";
import { WardenError, ErrorCode } from "../core/errors.ts";
import type { Json } from "../core/types.ts";

type JsonObject = { [key: string]: Json };

export function splitKey(key: string): string[] {
  const parts = key.split(".");
  if (parts.some((p) => p.length === 0 || p === "__proto__" || p === "constructor" || p === "prototype")) {
    throw new WardenError(ErrorCode.ConfigKeyUnknown, `\`${key}\` is not a valid dotted key (example: gateway.port)`);
  }
  return parts;
}

export function getDotted(root: Json | undefined, key: string): Json | undefined {
  let node: Json | undefined = root;
  for (const part of splitKey(key)) {
    if (node === null || typeof node !== "object" || Array.isArray(node) || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

/** Returns a copy of `root` with `key` set (objects created along the way). */
export function setDotted(root: JsonObject, key: string, value: Json): JsonObject {
  const parts = splitKey(key);
  const copy = structuredClone(root);
  let node: JsonObject = copy;
  for (const part of parts.slice(0, -1)) {
    const next = Object.hasOwn(node, part) ? node[part] : undefined;
    if (next === undefined || next === null || typeof next !== "object" || Array.isArray(next)) {
      const created: JsonObject = {};
      node[part] = created;
      node = created;
    } else {
      node = next;
    }
  }
  node[parts.at(-1) as string] = value;
  return copy;
}

/** Returns a copy of `root` without `key`; empty parent objects are removed too. */
export function unsetDotted(root: JsonObject, key: string): JsonObject {
  const parts = splitKey(key);
  const copy = structuredClone(root);
  const trail: JsonObject[] = [copy];
  for (const part of parts.slice(0, -1)) {
    const next = (trail.at(-1) as JsonObject)[part];
    if (next === undefined || next === null || typeof next !== "object" || Array.isArray(next)) return copy;
    trail.push(next);
  }
  delete (trail.at(-1) as JsonObject)[parts.at(-1) as string];
  for (let i = trail.length - 1; i > 0; i--) {
    if (Object.keys(trail[i] as JsonObject).length > 0) break;
    delete (trail[i - 1] as JsonObject)[parts[i - 1] as string];
  }
  return copy;
}

/**
 * Every dotted key whose schema field is marked `{ secret: true }` (or, with `mark: "secretFile"`, names a file
 * that holds a secret); wildcards for records: `*`.
 */
export function secretKeys(schema: z.ZodType, mark: "secret" | "secretFile" = "secret", prefix = ""): string[] {
  const meta = schema.meta() as { secret?: boolean; secretFile?: boolean } | undefined;
  if (meta?.[mark]) return [prefix];
  const def = schema.def as { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; valueType?: z.ZodType; element?: z.ZodType };
  if (def.innerType) return secretKeys(def.innerType, mark, prefix);
  if (def.type === "object" && def.shape) {
    return Object.entries(def.shape).flatMap(([k, v]) => secretKeys(v, mark, prefix ? `${prefix}.${k}` : k));
  }
  if (def.type === "record" && def.valueType) return secretKeys(def.valueType, mark, `${prefix}.*`);
  return [];
}

/**
 * Every leaf key the schema names itself (wildcards for records: `*`), leaving out leaves whose own name is a
 * record's free-form key (`mcp.servers.*.env.*`): those names are the owner's, and may name a credential.
 */
export function schemaNamedKeys(schema: z.ZodType, prefix = "", namedLast = false): string[] {
  const def = schema.def as { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; valueType?: z.ZodType };
  if (def.innerType) return schemaNamedKeys(def.innerType, prefix, namedLast);
  if (def.type === "object" && def.shape) {
    return Object.entries(def.shape).flatMap(([k, v]) => schemaNamedKeys(v, prefix ? `${prefix}.${k}` : k, true));
  }
  if (def.type === "record" && def.valueType) return schemaNamedKeys(def.valueType, `${prefix}.*`, false);
  return namedLast ? [prefix] : [];
}

/**
 * Whether the schema names `key`: each part is a field of an object or any key of a record (`skills.entries.NAME.enabled`,
 * `skills.entries.NAME.env.VAR`), through optional, default and nullable wrappers.
 */
export function schemaAcceptsKey(schema: z.ZodType, key: string): boolean {
  let node: z.ZodType | undefined = schema;
  for (const part of splitKey(key)) {
    let def = node.def as { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; valueType?: z.ZodType };
    while (def.innerType) def = def.innerType.def as typeof def;
    if (def.type === "object" && def.shape) node = Object.hasOwn(def.shape, part) ? def.shape[part] : undefined;
    else if (def.type === "record") node = def.valueType;
    else node = undefined;
    if (node === undefined) return false;
  }
  return true;
}

/**
 * Every key the schema names, objects and records as well as leaves (`*` for a record's keys): `key` is one
 * `schemaAcceptsKey` accepts exactly when it matches one of these (`matchesKeyPattern`).
 */
export function schemaKeyPatterns(schema: z.ZodType, prefix = ""): string[] {
  const def = schema.def as { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; valueType?: z.ZodType };
  if (def.innerType) return schemaKeyPatterns(def.innerType, prefix);
  const own = prefix === "" ? [] : [prefix];
  const child = (k: string) => (prefix === "" ? k : `${prefix}.${k}`);
  if (def.type === "object" && def.shape) return [...own, ...Object.entries(def.shape).flatMap(([k, v]) => schemaKeyPatterns(v, child(k)))];
  if (def.type === "record" && def.valueType) return [...own, ...schemaKeyPatterns(def.valueType, child("*"))];
  return own;
}

/** Whether `key` matches one of `patterns` part for part, `*` matching any one part. */
export function matchesKeyPattern(patterns: readonly string[], key: string): boolean {
  const parts = key.split(".");
  return patterns.some((pattern) => {
    const p = pattern.split(".");
    return p.length === parts.length && p.every((seg, i) => seg === "*" || seg === parts[i]);
  });
}

export function isSecretKey(secretKeyList: readonly string[], key: string): boolean {
  return matchesKeyPattern(secretKeyList, key);
}

/** Whether `key` is a secret field or lies below one (`providers.openai.apiKey.x` in a malformed file). */
export function isUnderSecretKey(secretKeyList: readonly string[], key: string): boolean {
  const parts = key.split(".");
  return parts.some((_, i) => isSecretKey(secretKeyList, parts.slice(0, i + 1).join(".")));
}

/**
 * A copy of `value` (the value found at `key`; "" for the whole config) with every secret field at any depth
 * replaced by `[secret]`. What every printed or logged config value goes through.
 */
export function maskSecrets(secretKeyList: readonly string[], value: Json, key = ""): Json {
  if (key !== "" && value !== null && isUnderSecretKey(secretKeyList, key)) return "[secret]";
  const child = (k: string) => (key === "" ? k : `${key}.${k}`);
  if (Array.isArray(value)) return value.map((item, i) => maskSecrets(secretKeyList, item, child(String(i))));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, item]) => [k, maskSecrets(secretKeyList, item, child(k))]));
  }
  return value;
}

/** The secret leaves of `value` (found at `key`) as dotted keys, and the value without them. */
export function splitSecrets(secretKeyList: readonly string[], value: Json, key: string): { plain: Json | undefined; secrets: { key: string; value: Json }[] } {
  if (value !== null && isUnderSecretKey(secretKeyList, key)) return { plain: undefined, secrets: [{ key, value }] };
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { plain: value, secrets: [] };
  const plain: JsonObject = {};
  const secrets: { key: string; value: Json }[] = [];
  for (const [k, item] of Object.entries(value)) {
    const part = splitSecrets(secretKeyList, item, `${key}.${k}`);
    if (part.plain !== undefined) plain[k] = part.plain;
    secrets.push(...part.secrets);
  }
  return { plain, secrets };
}

/** Parses a CLI value: JSON when it parses (numbers, booleans, arrays, objects, quoted strings), else the raw string. */
export function parseCliValue(raw: string): Json {
  try {
    return JSON.parse(raw) as Json;
  } catch {
    return raw;
  }
}

/**
 * Canonical JSON for hashing: object keys sorted by code unit, no whitespace, the same bytes for the same
 * value on every run. Must never accept a value JSON cannot round-trip (non-finite numbers, undefined,
 * functions): those throw, so nothing unhashable is ever written.
 */
import type { Json } from "./types.ts";

export function canonicalJson(value: Json): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError("canonical JSON cannot encode a non-finite number");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const keys = Object.keys(value).sort();
    const parts: string[] = [];
    for (const key of keys) {
      const item = value[key];
      if (item === undefined) throw new TypeError(`canonical JSON cannot encode undefined at key \`${key}\``);
      parts.push(`${JSON.stringify(key)}:${canonicalJson(item)}`);
    }
    return `{${parts.join(",")}}`;
  }
  throw new TypeError(`canonical JSON cannot encode a value of type ${typeof value}`);
}

/** Applies `fn` to every string in a JSON value (keys left alone), returning a new value. */
export function mapJsonStrings(value: Json, fn: (s: string) => string): Json {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) return value.map((item) => mapJsonStrings(item, fn));
  if (value !== null && typeof value === "object") {
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) out[key] = mapJsonStrings(item, fn);
    return out;
  }
  return value;
}

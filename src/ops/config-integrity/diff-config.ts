/**
 * A diff of two config objects as dotted keys, safe to log: values of secret keys are never shown, only
 * whether they changed.
 */
import type { Json } from "../../core/types.ts";
import { canonicalJson } from "../../core/canonical-json.ts";

export type ConfigChange = { key: string; change: "added" | "removed" | "changed"; before?: string; after?: string };

/** Matches the last segment of a dotted key that names a credential. Used when the schema's list is not given. */
const SECRET_SEGMENT = /(token|secret|password|passwd|apikey|api_key|credential|private|cookie|session)/i;

export function isSecretLookingKey(dottedKey: string): boolean {
  const last = dottedKey.split(".").at(-1) ?? "";
  return SECRET_SEGMENT.test(last) || /key$/i.test(last);
}

/** Flattens to dotted keys; arrays are leaves (compared whole), as `warden config set` treats them. */
export function flattenConfig(value: Json, prefix = "", out: Map<string, Json> = new Map()): Map<string, Json> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) flattenConfig(item, prefix === "" ? key : `${prefix}.${key}`, out);
    if (Object.keys(value).length === 0 && prefix !== "") out.set(prefix, {});
    return out;
  }
  if (prefix !== "") out.set(prefix, value);
  return out;
}

export function diffConfig(before: Json, after: Json, isSecret: (dottedKey: string) => boolean = isSecretLookingKey): ConfigChange[] {
  const a = flattenConfig(before);
  const b = flattenConfig(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: ConfigChange[] = [];
  for (const key of keys) {
    const x = a.get(key);
    const y = b.get(key);
    const show = (v: Json): string => (isSecret(key) || containsSecretMarker(v) ? "[secret]" : canonicalJson(v));
    if (x === undefined && y !== undefined) changes.push({ key, change: "added", after: show(y) });
    else if (x !== undefined && y === undefined) changes.push({ key, change: "removed", before: show(x) });
    else if (x !== undefined && y !== undefined && canonicalJson(x) !== canonicalJson(y)) {
      changes.push({ key, change: "changed", before: show(x), after: show(y) });
    }
  }
  return changes;
}

export function formatConfigChanges(changes: readonly ConfigChange[]): string {
  return changes
    .map((c) => (c.change === "added" ? `+ ${c.key} = ${c.after}` : c.change === "removed" ? `- ${c.key} (was ${c.before})` : `~ ${c.key}: ${c.before} → ${c.after}`))
    .join("\n");
}

function containsSecretMarker(value: Json): boolean {
  return typeof value === "string" && value.startsWith("[secret:");
}

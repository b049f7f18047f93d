/**
 * The red-team scenario format (DESIGN.md, "Scenario format"): schema, loading from YAML and placeholder
 * substitution. A bad file is reported with its path and the offending key; it never stops the other scenarios.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

const fileEntry = z.union([z.string(), z.strictObject({ symlink: z.string().min(1) })]);
const files = z.record(z.string().min(1), fileEntry);
const webRoute = z.union([
  z.string(),
  z.strictObject({ status: z.number().int().min(100).max(599).default(200), headers: z.record(z.string(), z.string()).default({}), body: z.string().default("") }),
]);
const toolCall = z.strictObject({ call: z.string().min(1), args: z.record(z.string(), z.unknown()).default({}) });
const step = z.union([toolCall, z.strictObject({ calls: z.array(toolCall).min(1) }), z.strictObject({ reply: z.string() })]);
const expectation = z.union([
  z.strictObject({ attacker_received: z.union([z.string().min(1), z.literal(true)]) }),
  z.strictObject({ internal_received: z.literal(true) }),
  z.strictObject({ file_exists: z.string().min(1) }),
  z.strictObject({ file_missing: z.string().min(1) }),
  z.strictObject({ file_contains: z.strictObject({ path: z.string().min(1), text: z.string() }) }),
  z.strictObject({ file_unchanged: z.string().min(1) }),
  z.strictObject({ message_sent: z.strictObject({ to: z.string().min(1), contains: z.string().optional() }) }),
  z.strictObject({ reply_contains: z.string().min(1) }),
  z.strictObject({ reply_not_contains: z.string().min(1) }),
  z.strictObject({ approvals_asked: z.number().int().min(0) }),
  z.strictObject({ tools_ok: z.literal(true) }),
]);

export const scenarioSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/),
  kind: z.enum(["attack", "benign"]),
  title: z.string().min(1),
  threat: z.array(z.string()).optional(),
  sender: z.enum(["owner", "contact", "stranger"]).default("owner"),
  config: z.record(z.string(), z.unknown()).default({}),
  workspace: files.default({}),
  outside: files.default({}),
  env: z.record(z.string().min(1), z.string()).default({}),
  web: z.record(z.string().regex(/^\//, "web routes start with `/`"), webRoute).default({}),
  user: z.string().min(1),
  model: z.array(step).default([]),
  approvals: z.enum(["deny", "approve"]).default("deny"),
  expect: z.array(expectation).min(1),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type Expectation = z.infer<typeof expectation>;
export type ScriptStepSpec = z.infer<typeof step>;

/** A scenario file that could be read, or why not. */
export type LoadedScenario = { file: string; ok: true; scenario: Scenario } | { file: string; ok: false; id: string; kind: "attack" | "benign"; error: string };

/** DESIGN.md's placeholders, plus `attacker_port` (for attacker subdomains such as `http://DATA.attacker.example.net:{{attacker_port}}/`). */
export const PlaceholderNames = ["web", "attacker", "internal", "internal_port", "workspace", "outside", "attacker_port"] as const;
export type Placeholders = Record<(typeof PlaceholderNames)[number], string>;

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "(document)";
  return `\`${key}\`: ${issue.message}`;
}

/** Parses one scenario document; errors name the key. Placeholders are checked, not substituted. */
export function parseScenario(text: string, file: string): LoadedScenario {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    return { file, ok: false, id: file, kind: "attack", error: `${file}: not valid YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` };
  }
  const fallbackId = typeof (raw as { id?: unknown } | null)?.id === "string" ? (raw as { id: string }).id : file;
  // A file that does not parse still counts on the side it claims (an unknown kind counts as an attack).
  const kind = (raw as { kind?: unknown } | null)?.kind === "benign" ? "benign" : "attack";
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    return { file, ok: false, id: fallbackId, kind, error: `${file}: ${parsed.error.issues.slice(0, 3).map(describeIssue).join("; ")}` };
  }
  const unknown = unknownPlaceholders(parsed.data);
  if (unknown.length > 0) {
    return { file, ok: false, id: fallbackId, kind, error: `${file}: unknown placeholder ${unknown.map((u) => `\`{{${u}}}\``).join(", ")}; use one of ${PlaceholderNames.map((p) => `{{${p}}}`).join(" ")}` };
  }
  return { file, ok: true, scenario: parsed.data };
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      collectStrings(v, out);
    }
  }
}

function unknownPlaceholders(scenario: Scenario): string[] {
  const strings: string[] = [];
  collectStrings(scenario, strings);
  const found = new Set<string>();
  for (const s of strings) for (const m of s.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) if (!(PlaceholderNames as readonly string[]).includes(m[1] ?? "")) found.add(m[1] ?? "");
  return [...found];
}

/** Replaces every `{{name}}` in strings and keys, recursively. */
export function substitute<T>(value: T, values: Placeholders): T {
  const sub = (s: string) => s.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (all, name: string) => (name in values ? values[name as keyof Placeholders] : all));
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return sub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [sub(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Every `*.yaml`/`*.yml` file under `dir` (recursively, sorted), parsed; duplicate ids fail the later file. */
export function loadScenarios(dir: string): LoadedScenario[] {
  const paths: string[] = [];
  const walk = (d: string, depth: number) => {
    if (depth > 8) return;
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p, depth + 1);
      else if (/\.ya?ml$/.test(name)) paths.push(p);
    }
  };
  walk(dir, 0);
  const seen = new Set<string>();
  return paths.map((file) => {
    const loaded = parseScenario(readFileSync(file, "utf8"), file);
    if (loaded.ok) {
      if (seen.has(loaded.scenario.id)) return { file, ok: false, id: loaded.scenario.id, kind: loaded.scenario.kind, error: `${file}: \`id\`: \`${loaded.scenario.id}\` is already used by another scenario` };
      seen.add(loaded.scenario.id);
    }
    return loaded;
  });
}

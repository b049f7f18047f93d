/**
 * The settings form, built from the gateway's config schema (JSON Schema from the zod schema): one field per
 * setting with its type, allowed values, default and description, grouped by section. A secret field has no
 * input: its value never reaches the page. Each change goes through the page's diff → confirm path.
 */
import { html } from "htm/preact";
import { useState } from "preact/hooks";

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  default?: unknown;
  description?: string;
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  secret?: boolean;
  secretFile?: boolean;
};

export type Field = { key: string; kind: "enum" | "boolean" | "number" | "integer" | "string" | "json"; schema: JsonSchema; secret: boolean };

const MAX_SAFE = 9007199254740991;

function kindOf(s: JsonSchema): Field["kind"] {
  if (Array.isArray(s.enum)) return "enum";
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (type === "boolean" || type === "number" || type === "integer" || type === "string") return type;
  return "json";
}

/** Every setting of a schema as a field (objects with known properties are walked; records and arrays are fields). */
export function fieldsOf(schema: JsonSchema, prefix = "", inSecret = false): Field[] {
  const secret = inSecret || schema.secret === true;
  if (schema.properties !== undefined && Object.keys(schema.properties).length > 0) {
    return Object.entries(schema.properties).flatMap(([name, child]) => fieldsOf(child, prefix === "" ? name : `${prefix}.${name}`, secret));
  }
  return prefix === "" ? [] : [{ key: prefix, kind: kindOf(schema), schema, secret }];
}

/** The value a field's input text stands for: typed by the schema; empty is "unset" (the default applies). */
export function valueOf(field: Field, text: string): { ok: true; value: unknown } | { ok: false; why: string } {
  if (text.trim() === "") return { ok: true, value: undefined };
  if (field.kind === "string" || field.kind === "enum") return { ok: true, value: text };
  if (field.kind === "boolean") return text === "true" || text === "false" ? { ok: true, value: text === "true" } : { ok: false, why: "choose true or false" };
  if (field.kind === "number" || field.kind === "integer") {
    const n = Number(text);
    return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, why: `\`${text}\` is not a number` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, why: "not valid JSON (an array is written [\"a\", \"b\"], an object {\"k\": 1})" };
  }
}

/** The input text of a value currently set (`values` holds canonical JSON by dotted key, records flattened). */
function textOf(field: Field, values: ReadonlyMap<string, string>): string {
  const own = values.get(field.key);
  if (own !== undefined) {
    if (field.kind === "json") return own;
    const parsed = JSON.parse(own) as unknown;
    return typeof parsed === "string" ? parsed : String(parsed);
  }
  // A record's entries are flattened in the values: gathered back into one object.
  const inside = [...values].filter(([k]) => k.startsWith(`${field.key}.`));
  if (inside.length === 0) return "";
  const root: Record<string, unknown> = {};
  for (const [k, v] of inside) {
    const path = k.slice(field.key.length + 1).split(".");
    let at = root;
    for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[path.at(-1) as string] = JSON.parse(v) as unknown;
  }
  return JSON.stringify(root);
}

function describeBounds(s: JsonSchema): string {
  const parts: string[] = [];
  if (s.minimum !== undefined && s.minimum > -MAX_SAFE) parts.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined && s.maximum < MAX_SAFE) parts.push(`≤ ${s.maximum}`);
  return parts.join(", ");
}

function FieldRow(props: { field: Field; current: string; onPreview: (key: string, value: unknown) => void; children?: unknown }) {
  const f = props.field;
  const [draft, setDraft] = useState(props.current);
  const [problem, setProblem] = useState<string | undefined>();
  const set = (e: Event) => {
    setDraft((e.target as HTMLInputElement).value);
    setProblem(undefined);
  };
  const preview = () => {
    const v = valueOf(f, draft);
    if (v.ok) props.onPreview(f.key, v.value);
    else setProblem(v.why);
  };
  const def = f.schema.default !== undefined && typeof f.schema.default !== "object" ? `default ${JSON.stringify(f.schema.default)}` : "";
  const hint = [f.kind === "json" ? "JSON" : f.kind, def, describeBounds(f.schema)].filter((p) => p !== "").join(" · ");
  return html`<li class="field" data-key=${f.key}>
    <label for=${`f-${f.key}`}><code>${f.key}</code> <span class="meta">${hint}</span></label>
    ${f.schema.description ? html`<p class="meta">${f.schema.description}</p>` : null}
    ${f.secret
      ? html`<p class="meta secret-field">A secret: its value never reaches this page. Set it with <code>warden secrets set ${f.key}</code>.</p>`
      : html`<div class="field-input">
          ${f.kind === "enum" || f.kind === "boolean"
            ? html`<select id=${`f-${f.key}`} value=${draft} onChange=${set}>
                <option value="">(default)</option>
                ${(f.kind === "boolean" ? ["true", "false"] : (f.schema.enum ?? []).map(String)).map((o) => html`<option value=${o}>${o}</option>`)}
              </select>`
            : html`<input id=${`f-${f.key}`} value=${draft} inputmode=${f.kind === "number" || f.kind === "integer" ? "decimal" : undefined} placeholder=${f.kind === "json" ? "JSON; empty = default" : "empty = default"} onInput=${set} />`}
          <button type="button" disabled=${draft === props.current} onClick=${preview}>Preview</button>
        </div>`}
    ${problem ? html`<p class="error" role="alert">${problem}</p>` : null}
    ${props.children}
  </li>`;
}

/** The form: sections (collapsed) of fields; `renderPreview(key)` shows the pending change's diff under its field. */
export function SettingsForm(props: {
  schema: JsonSchema;
  values: readonly { key: string; value: string }[];
  onPreview: (key: string, value: unknown) => void;
  renderPreview: (key: string) => unknown;
}) {
  const values = new Map(props.values.map((v) => [v.key, v.value]));
  const fields = fieldsOf(props.schema);
  const sections = [...new Set(fields.map((f) => f.key.split(".")[0] as string))];
  return html`<div class="settings-form">${sections.map((section) => {
    const inSection = fields.filter((f) => f.key.split(".")[0] === section);
    const set = inSection.filter((f) => textOf(f, values) !== "").length;
    return html`<details class="section" data-section=${section}>
      <summary><strong>${section}</strong> <span class="meta">${inSection.length} settings${set > 0 ? `, ${set} set in the file` : ""}</span></summary>
      <ul class="fields">${inSection.map((f) => html`<${FieldRow} key=${`${f.key}=${textOf(f, values)}`} field=${f} current=${textOf(f, values)} onPreview=${props.onPreview}>${props.renderPreview(f.key)}</${FieldRow}>`)}</ul>
    </details>`;
  })}</div>`;
}

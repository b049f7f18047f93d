/**
 * Settings: every setting as a form built from the config schema, a single key by name, or the raw JSON5 file;
 * each change previewed as a validated diff before it is written, and the last versions with rollback. Secret
 * values never reach the page (the gateway masks them and refuses secret keys: `warden secrets set` sets them).
 */
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import type { ResultOf } from "../../gateway/protocol.ts";
import type { Connection, CallError } from "./connection.ts";
import { Changes } from "./settings-changes.ts";
import { SettingsForm } from "./settings-form.ts";
import { RawEditor } from "./settings-raw.ts";

type View = ResultOf<"settings.get">;
type Preview = ResultOf<"settings.preview">;

/** The typed value as JSON when it parses (`true`, `3`, `["a"]`), else as a string; empty means unset. */
function parseValue(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function SettingsPage(props: { connection: Connection; online: boolean }) {
  const [view, setView] = useState<View | undefined>();
  const [schema, setSchema] = useState<Record<string, unknown> | undefined>();
  const [tab, setTab] = useState<"form" | "raw">("form");
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  // The change being previewed: where it came from ("by-key" or a form field's key), its key and value.
  const [pending, setPending] = useState<{ from: string; key: string; value: unknown; preview: Preview } | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const load = () => props.connection.call("settings.get", {}).then(setView, (e: CallError) => setMessage(e.message));
  useEffect(() => {
    if (!props.online) return;
    void load();
    props.connection.call("settings.schema", {}).then((r) => setSchema(r.schema), (e: CallError) => setMessage(e.message));
  }, [props.online]);
  const params = (k: string, v: unknown) => ({ key: k.trim(), ...(v !== undefined ? { value: v as never } : {}) });
  const check = (from: string, k: string, v: unknown) =>
    props.connection.call("settings.preview", params(k, v)).then((preview) => setPending({ from, key: k, value: v, preview }), (e: CallError) => setMessage(e.message));
  const save = () => {
    if (!pending) return;
    void props.connection.call("settings.set", params(pending.key, pending.value)).then(
      () => {
        setMessage(`Saved ${pending.key}. It takes effect when the gateway restarts.`);
        setPending(undefined);
        void load();
      },
      (e: CallError) => setMessage(e.message),
    );
  };
  const rollback = (version: number) =>
    props.connection.call("settings.rollback", { version }).then(
      (r) => {
        setMessage(`Rolled back: ${r.changes.map((c) => c.key).join(", ") || "nothing to change"}. It takes effect when the gateway restarts.`);
        void load();
      },
      (e: CallError) => setMessage(e.message),
    );
  /** The pending change's diff (or its problems) and Save, shown where it was asked for. */
  const previewAt = (from: string) => {
    if (pending?.from !== from) return null;
    const p = pending.preview;
    return html`<div class="pending-change">
      ${p.ok ? html`<${Changes} changes=${p.changes} />` : html`<ul class="error">${p.problems.map((x) => html`<li>${x}</li>`)}</ul>`}
      ${p.ok && p.changes.length > 0 ? html`<div class="actions"><button type="button" class="primary" onClick=${save}>Save</button><button type="button" onClick=${() => setPending(undefined)}>Cancel</button></div>` : null}
    </div>`;
  };
  return html`<section class="page">
    <h1>Settings</h1>
    ${message ? html`<p class="notice" role="status">${message}</p>` : null}
    <form class="setting" onSubmit=${(e: Event) => {
      e.preventDefault();
      void check("by-key", key, parseValue(value));
    }}>
      <label>Key <input name="key" value=${key} placeholder="tools.exec.ask" onInput=${(e: Event) => {
        setKey((e.target as HTMLInputElement).value);
        setPending(undefined);
      }} /></label>
      <label>Value (JSON, or text; empty unsets) <input name="value" value=${value} placeholder='"always"' onInput=${(e: Event) => {
        setValue((e.target as HTMLInputElement).value);
        setPending(undefined);
      }} /></label>
      <div class="actions"><button type="submit">Preview change</button>
        <button type="button" class="primary" disabled=${pending?.from !== "by-key" || pending.preview.ok !== true || pending.preview.changes.length === 0} onClick=${save}>Save</button></div>
    </form>
    ${pending?.from === "by-key" ? (pending.preview.ok ? html`<${Changes} changes=${pending.preview.changes} />` : html`<ul class="error">${pending.preview.problems.map((p) => html`<li>${p}</li>`)}</ul>`) : null}
    <div class="tabs" role="tablist">
      <button type="button" role="tab" aria-selected=${tab === "form"} class=${tab === "form" ? "active" : ""} onClick=${() => setTab("form")}>All settings</button>
      <button type="button" role="tab" aria-selected=${tab === "raw"} class=${tab === "raw" ? "active" : ""} onClick=${() => setTab("raw")}>Raw file (JSON5)</button>
    </div>
    ${tab === "form"
      ? schema && view
        ? html`<${SettingsForm} schema=${schema} values=${view.values} onPreview=${(k: string, v: unknown) => void check(k, k, v)} renderPreview=${previewAt} />`
        : html`<p class="empty">Loading the settings…</p>`
      : html`<${RawEditor} connection=${props.connection} online=${props.online} onSaved=${(m: string) => {
          setMessage(m);
          void load();
        }} />`}
    <h2>Recent changes</h2>
    ${view && view.versions.length === 0 ? html`<p class="empty">No change made from here yet.</p>` : null}
    <ul class="cards versions">${(view?.versions ?? []).map((v) => html`<li data-version=${v.id}>
      <code>${v.key}</code>: ${v.before ?? "(unset)"} → ${v.after ?? "(unset)"} · ${new Date(v.at).toLocaleString()} by ${v.actor}
      <div class="actions"><button onClick=${() => void rollback(v.id)}>Roll back</button></div></li>`)}</ul>
  </section>`;
}

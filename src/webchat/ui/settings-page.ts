/**
 * Settings: the config file's values (secrets arrive masked), a change previewed as a validated diff before it
 * is written, and the last versions with rollback. Secret keys are refused by the gateway: they are set with
 * `warden secrets set`.
 */
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import type { ResultOf } from "../../gateway/protocol.ts";
import type { ConfigChange } from "../../ops/config-integrity/diff-config.ts";
import type { Connection, CallError } from "./connection.ts";

type View = ResultOf<"settings.get">;

/** The typed value as JSON when it parses (`true`, `3`, `["a"]`), else as a string; empty means unset. */
function parseValue(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function Changes(props: { changes: readonly ConfigChange[] }) {
  if (props.changes.length === 0) return html`<p class="empty">No change.</p>`;
  return html`<pre class="diff">${props.changes
    .map((c) => (c.change === "added" ? `+ ${c.key} = ${c.after}` : c.change === "removed" ? `- ${c.key} (was ${c.before})` : `~ ${c.key}: ${c.before} → ${c.after}`))
    .join("\n")}</pre>`;
}

export function SettingsPage(props: { connection: Connection; online: boolean }) {
  const [view, setView] = useState<View | undefined>();
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [preview, setPreview] = useState<ResultOf<"settings.preview"> | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const load = () => props.connection.call("settings.get", {}).then(setView, (e: CallError) => setMessage(e.message));
  useEffect(() => {
    if (props.online) void load();
  }, [props.online]);
  const params = () => ({ key: key.trim(), ...(parseValue(value) !== undefined ? { value: parseValue(value) as never } : {}) });
  const check = () => props.connection.call("settings.preview", params()).then(setPreview, (e: CallError) => setMessage(e.message));
  const save = () =>
    props.connection.call("settings.set", params()).then(
      () => {
        setMessage(`Saved ${key}. It takes effect when the gateway restarts.`);
        setPreview(undefined);
        void load();
      },
      (e: CallError) => setMessage(e.message),
    );
  const rollback = (version: number) =>
    props.connection.call("settings.rollback", { version }).then(
      (r) => {
        setMessage(`Rolled back: ${r.changes.map((c) => c.key).join(", ") || "nothing to change"}. It takes effect when the gateway restarts.`);
        void load();
      },
      (e: CallError) => setMessage(e.message),
    );
  return html`<section class="page">
    <h1>Settings</h1>
    ${message ? html`<p class="notice" role="status">${message}</p>` : null}
    <form class="setting" onSubmit=${(e: Event) => {
      e.preventDefault();
      void check();
    }}>
      <label>Key <input name="key" value=${key} placeholder="tools.exec.ask" onInput=${(e: Event) => {
        setKey((e.target as HTMLInputElement).value);
        setPreview(undefined);
      }} /></label>
      <label>Value (JSON, or text; empty unsets) <input name="value" value=${value} placeholder='"always"' onInput=${(e: Event) => {
        setValue((e.target as HTMLInputElement).value);
        setPreview(undefined);
      }} /></label>
      <div class="actions"><button type="submit">Preview change</button>
        <button type="button" class="primary" disabled=${preview?.ok !== true || preview.changes.length === 0} onClick=${() => void save()}>Save</button></div>
    </form>
    ${preview ? (preview.ok ? html`<${Changes} changes=${preview.changes} />` : html`<ul class="error">${preview.problems.map((p) => html`<li>${p}</li>`)}</ul>`) : null}
    <h2>Recent changes</h2>
    ${view && view.versions.length === 0 ? html`<p class="empty">No change made from here yet.</p>` : null}
    <ul class="cards versions">${(view?.versions ?? []).map((v) => html`<li data-version=${v.id}>
      <code>${v.key}</code>: ${v.before ?? "(unset)"} → ${v.after ?? "(unset)"} · ${new Date(v.at).toLocaleString()} by ${v.actor}
      <div class="actions"><button onClick=${() => void rollback(v.id)}>Roll back</button></div></li>`)}</ul>
    <h2>Current file</h2>
    <p class="meta"><code>${view?.file ?? ""}</code></p>
    <dl class="facts">${(view?.values ?? []).map((v) => html`<dt><code>${v.key}</code></dt><dd><code>${v.value}</code></dd>`)}</dl>
    ${view && view.values.length === 0 ? html`<p class="empty">The file sets nothing: every setting has its default.</p>` : null}
  </section>`;
}

/**
 * The raw JSON5 editor: the config file's own text (comments kept) with every secret shown as `[secret]`, checked
 * by the gateway (syntax errors with their line and column, schema problems, secrets left alone) and previewed as
 * a diff before it is written. A text loaded before someone else's change is refused, never merged blindly.
 */
import { html } from "htm/preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ResultOf } from "../../gateway/protocol.ts";
import type { Connection, CallError } from "./connection.ts";
import { Changes } from "./settings-changes.ts";

type Raw = ResultOf<"settings.raw">;
type Preview = ResultOf<"settings.previewRaw">;

/** The offset of a 1-based line and column in `text`. */
function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", at);
    if (next === -1) return text.length;
    at = next + 1;
  }
  return Math.min(text.length, at + Math.max(0, column - 1));
}

export function RawEditor(props: { connection: Connection; online: boolean; onSaved: (message: string) => void }) {
  const [raw, setRaw] = useState<Raw | undefined>();
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<Preview | undefined>();
  const [error, setError] = useState<string | undefined>();
  const area = useRef<HTMLTextAreaElement>(null);
  const load = () =>
    props.connection.call("settings.raw", {}).then(
      (r) => {
        setRaw(r);
        setText(r.text);
        setPreview(undefined);
        setError(undefined);
      },
      (e: CallError) => setError(e.message),
    );
  useEffect(() => {
    if (props.online) void load();
  }, [props.online]);
  const check = () =>
    props.connection.call("settings.previewRaw", { text, revision: raw?.revision ?? "" }).then(
      (p) => {
        setPreview(p);
        const el = area.current;
        if (!p.ok && p.at && el) {
          const at = offsetOf(text, p.at.line, p.at.column);
          el.focus();
          el.setSelectionRange(at, Math.min(text.length, at + 1));
        }
      },
      (e: CallError) => setError(e.message),
    );
  const save = () =>
    props.connection.call("settings.setRaw", { text, revision: raw?.revision ?? "" }).then(
      // The notice follows the reload: text typed before the saved file's text arrived would be replaced by it.
      (r) => load().then(() => props.onSaved(`Saved ${r.changes.length} change(s) from the raw editor. They take effect when the gateway restarts.`)),
      (e: CallError) => setError(e.message),
    );
  return html`<div class="raw-editor">
    <p class="meta"><code>${raw?.file ?? ""}</code>${raw && raw.masked.length > 0 ? html` · secrets shown as <code>"[secret]"</code> (leave them so): ${raw.masked.map((k) => html`<code>${k}</code> `)}` : null}</p>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    <textarea name="raw" class="raw" spellcheck=${false} aria-label="Config file (JSON5)" value=${text} onInput=${(e: Event) => {
      setText((e.target as HTMLTextAreaElement).value);
      setPreview(undefined);
    }}></textarea>
    ${preview && !preview.ok
      ? html`<ul class="error raw-problems" role="alert">${preview.problems.map((p) => html`<li>${preview.at ? `line ${preview.at.line}, column ${preview.at.column}: ` : ""}${p}</li>`)}</ul>`
      : null}
    ${preview && preview.ok ? html`<${Changes} changes=${preview.changes} />` : null}
    <div class="actions">
      <button type="button" onClick=${() => void check()}>Check and preview</button>
      <button type="button" class="primary" disabled=${preview?.ok !== true || preview.changes.length === 0} onClick=${() => void save()}>Save</button>
      <button type="button" onClick=${() => void load()}>Reload</button>
    </div>
  </div>`;
}

/** A config change as a diff, one line per key (secret values arrive masked from the gateway). */
import { html } from "htm/preact";
import { formatConfigChanges, type ConfigChange } from "../../ops/config-integrity/diff-config.ts";

export function Changes(props: { changes: readonly ConfigChange[] }) {
  if (props.changes.length === 0) return html`<p class="empty">No change.</p>`;
  return html`<pre class="diff">${formatConfigChanges(props.changes)}</pre>`;
}

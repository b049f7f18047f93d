/**
 * Installed skills: each with its signer (or UNSIGNED), its state (ok, quarantined, revoked), whether its files
 * verified against the lock just now, and the capabilities it declared — what its scripts may read, write, reach
 * and see. A skill's name and description are its publisher's text, shown as text. Installing and removing stay in
 * the CLI (`warden skills install|remove`), where the package and the publisher's key are reviewed.
 */
import { html } from "htm/preact";
import type { ResultOf } from "../../gateway/protocol.ts";
import type { Connection } from "./connection.ts";
import { useCall } from "./use-call.ts";

const list = (items: readonly string[] | undefined) => (items && items.length > 0 ? items.join(", ") : "—");

export function SkillsPage(props: { connection: Connection; online: boolean }) {
  const skills = useCall<ResultOf<"skills.list">>(() => props.connection.call("skills.list", {}), [props.online]);
  const items = skills.data?.skills ?? [];
  return html`<section class="page">
    <h1>Skills</h1>
    ${skills.error ? html`<p class="error">${skills.error}</p>` : null}
    ${skills.data && items.length === 0 ? html`<p class="empty">No skills installed (<code>warden skills install PATH</code>).</p>` : null}
    <ul class="cards">${items.map((s) => html`<li class="skill" data-skill=${s.name}>
      <strong>${s.name}</strong>${s.version ? ` ${s.version}` : ""} ·
      <span class=${s.state === "ok" && s.verified ? "" : "taint"}>${s.state}${s.state === "ok" ? (s.verified ? ", verified now" : ", NOT verified") : ""}</span> ·
      ${s.signer === null ? html`<span class="taint">UNSIGNED</span>` : html`signed by ${s.publisher ?? "?"} <code>${s.signer}</code>`}
      ${s.problem ? html`<p class="refused">${s.problem}</p>` : null}
      ${s.state !== "ok" && s.reason ? html`<p class="refused">${s.reason}</p>` : null}
      ${s.description ? html`<span class="label">Description (from the publisher, untrusted)</span><pre class="full">${s.description}</pre>` : null}
      ${s.capabilities ? html`<dl class="caps">
        <dt>reads</dt><dd>${list(s.capabilities.filesystem.read)}</dd>
        <dt>writes</dt><dd>${list(s.capabilities.filesystem.write)}</dd>
        <dt>network</dt><dd>${list(s.capabilities.network.hosts)}</dd>
        <dt>environment</dt><dd>${list(s.capabilities.env)}</dd>
        <dt>programs</dt><dd>${list(s.capabilities.executables)}</dd>
      </dl>` : null}
      <p class="meta">digest <code>${s.digest}</code> · installed ${s.installedAt} from <code>${s.source}</code>${s.registrySequence != null ? ` · registry #${s.registrySequence}` : ""}</p>
    </li>`)}</ul>
  </section>`;
}

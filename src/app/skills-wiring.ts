/**
 * Installed skills over this gateway's pieces: the lock and trees under the state dir, scripts under the exec
 * sandbox's confinement (Warden's state, keys and the home directory hidden), environment values from config and
 * the secret store. A skill quarantined or revoked while the gateway runs is an alert in the activity log and a
 * notice to the owner on every channel.
 */
import { tmpdir } from "node:os";
import type { WardenConfig } from "../config/schema.ts";
import type { StatePaths } from "../state/home.ts";
import type { SandboxAvailability } from "../sandbox/index.ts";
import { skillPaths } from "../skills/skill-lock.ts";
import { createSkillTools } from "../skills/skill-tools.ts";
import { applyRevocationList, type SkillStoreDeps } from "../skills/skill-store.ts";
import { describeError } from "../core/errors.ts";
import { readFileSync } from "node:fs";
import type { GatedTool } from "../tools/gated-tool.ts";
import type { AuditSink } from "./policy-types.ts";

export function createSkillsWiring(deps: {
  config: WardenConfig;
  paths: StatePaths;
  workspace: string;
  sandbox: SandboxAvailability;
  hiddenPaths: readonly string[];
  secretOf: (name: string) => string | undefined;
  audit: AuditSink;
  notifyOwner: (text: string) => void;
}): { tools(): GatedTool[] } {
  const { config } = deps;
  const store: SkillStoreDeps = {
    paths: skillPaths(deps.paths.home),
    allowUnsigned: config.skills.allowUnsigned,
    clock: () => new Date(),
    record: (event) => {
      const alarming = event.kind === "quarantined" || event.kind === "revoked";
      deps.audit({ kind: alarming ? "alert" : "tool", actor: "system", summary: event.summary, data: { skill: event.skill, event: event.kind, ...event.data } });
      if (alarming) deps.notifyOwner(`Warden: the skill \`${event.skill}\` was ${event.kind} and will not be used. ${event.summary}. See \`warden skills info ${event.skill}\`.`);
    },
  };
  // The configured revocation list is applied at start; a list that is missing, stale or forged never stops the gateway.
  if (config.skills.revocationList !== undefined) {
    try {
      applyRevocationList(store, readFileSync(config.skills.revocationList, "utf8"), config.skills.revocationKeys);
    } catch (error) {
      deps.audit({ kind: "alert", actor: "system", summary: `skills: the revocation list \`${config.skills.revocationList}\` was not applied: ${describeError(error)}` });
    }
  }
  return createSkillTools({
    store,
    config: config.skills,
    sandbox: deps.sandbox,
    workspace: deps.workspace,
    hiddenPaths: deps.hiddenPaths,
    secretOf: deps.secretOf,
    runDir: tmpdir(),
    timeoutMs: config.tools.exec.timeoutMs,
    maxOutputBytes: config.tools.exec.maxOutputBytes,
  });
}

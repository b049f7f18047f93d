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
import { applyRevocationList, describeInstalledSkills, type InstalledSkillView, type SkillStoreDeps } from "../skills/skill-store.ts";
import { revocationFeedUrl, startRevocationPolling } from "../skills/revocation-feed.ts";
import { describeError } from "../core/errors.ts";
import { readFileSync } from "node:fs";
import type { GatedTool } from "../tools/gated-tool.ts";
import type { AuditSink } from "./policy-types.ts";
import type { EgressDecision } from "../net/egress-proxy.ts";
import type { ExemptEndpoint, ResolveHost } from "../net/index.ts";
import { lazyEgress } from "./tools-wiring.ts";

export function createSkillsWiring(deps: {
  config: WardenConfig;
  paths: StatePaths;
  workspace: string;
  sandbox: SandboxAvailability;
  hiddenPaths: readonly string[];
  secretOf: (name: string) => string | undefined;
  audit: AuditSink;
  notifyOwner: (text: string) => void;
  /** The resolver the egress filter uses (the runtime's), and test-only exemptions. */
  resolve: ResolveHost;
  exempt?: readonly ExemptEndpoint[];
}): { tools(): GatedTool[]; list(): InstalledSkillView[]; close(): Promise<void> } {
  const { config } = deps;
  // One egress proxy per skill with declared hosts, admitting exactly those hosts; started by its first script.
  const proxies = new Map<string, ReturnType<typeof lazyEgress>>();
  const onDecision = (skill: string) => (d: EgressDecision) =>
    deps.audit({ kind: "tool", actor: "system", summary: `skill ${skill} network ${d.decision === "allow" ? "allowed" : "refused"}: ${d.method} ${d.host}:${d.port}`, data: { skill, ...d } });
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
  // The configured revocation list is applied at start (a registry's feed: at start, then polled); a list that is
  // missing, stale, forged or unreachable never stops the gateway.
  const listSource = config.skills.revocationList;
  const notApplied = (error: unknown) => deps.audit({ kind: "alert", actor: "system", summary: `skills: the revocation list \`${listSource ?? ""}\` was not applied: ${describeError(error)}` });
  const feedUrl = listSource === undefined ? undefined : revocationFeedUrl(listSource);
  const polling = feedUrl === undefined ? undefined : startRevocationPolling({
    url: feedUrl,
    everyMs: config.skills.revocationPollMinutes * 60_000,
    apply: (text) => applyRevocationList(store, text, config.skills.revocationKeys),
    onError: notApplied,
  });
  if (listSource !== undefined && feedUrl === undefined) {
    try {
      applyRevocationList(store, readFileSync(listSource, "utf8"), config.skills.revocationKeys);
    } catch (error) {
      notApplied(error);
    }
  }
  const tools = createSkillTools({
    store,
    networkHosts: async (skill, hosts) => {
      const key = `${skill}\u0000${[...hosts].sort().join(",")}`;
      let proxy = proxies.get(key);
      if (proxy === undefined) {
        proxy = lazyEgress({ allowHosts: hosts, resolve: deps.resolve, ...(deps.exempt ? { exempt: deps.exempt } : {}), onDecision: onDecision(skill) });
        proxies.set(key, proxy);
      }
      return { egress: await proxy.grant() };
    },
    config: config.skills,
    sandbox: deps.sandbox,
    workspace: deps.workspace,
    hiddenPaths: deps.hiddenPaths,
    secretOf: deps.secretOf,
    runDir: tmpdir(),
    timeoutMs: config.tools.exec.timeoutMs,
    maxOutputBytes: config.tools.exec.maxOutputBytes,
  });
  return {
    ...tools,
    list: () => describeInstalledSkills(store),
    close: async () => {
      polling?.stop();
      await Promise.all([...proxies.values()].map((p) => p.close()));
    },
  };
}

/** Findings from the `--deep` probes: the running gateway, installed skills and the dependency tree. */
import { isLoopbackBind } from "../../gateway/origin.ts";
import type { AuditInput, Finding } from "../types.ts";

const LOOPBACK_LISTEN = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function checkDeep(input: AuditInput): Finding[] {
  const deep = input.deep;
  if (deep === undefined) return [];
  const findings: Finding[] = [];
  const probe = deep.gateway;
  if (probe && !probe.reachable) {
    findings.push({
      checkId: "gateway.probe.unreachable",
      severity: "info",
      title: "No running gateway to probe",
      detail: `Nothing answered at ${probe.url} (${probe.error}); the live checks (auth, origin, bind) were skipped.`,
      fix: "Start the gateway and run `warden security audit --deep` again.",
    });
  }
  if (probe?.reachable) {
    if (probe.apiUnauthenticatedStatus < 400) {
      findings.push({
        checkId: "gateway.probe.api_unauthenticated",
        severity: "critical",
        title: "The running gateway answers /api without a credential",
        detail: `GET ${probe.url}/api/approvals without a token returned HTTP ${probe.apiUnauthenticatedStatus}.`,
        fix: "warden config set gateway.auth.mode token, then restart the gateway.",
      });
    }
    if (probe.wsUnauthenticatedAccepted) {
      findings.push({
        checkId: "gateway.probe.ws_unauthenticated",
        severity: "critical",
        title: "The running gateway serves WebSocket requests without a credential",
        detail: `A WebSocket client at ${probe.url} ran a method without sending the token.`,
        fix: "warden config set gateway.auth.mode token, then restart the gateway.",
      });
    }
    if (probe.apiCrossOriginStatus !== 403 || probe.wsCrossOriginAccepted) {
      findings.push({
        checkId: "gateway.probe.origin_not_checked",
        severity: "critical",
        title: "The running gateway accepts cross-site browser requests",
        detail: `With Origin \`https://attacker.invalid\`: /api answered HTTP ${probe.apiCrossOriginStatus} (expected 403), WebSocket upgrade ${probe.wsCrossOriginAccepted ? "accepted" : "refused"}. A web page could talk to the gateway.`,
        fix: "Remove broad entries from gateway.allowedOrigins and restart the gateway; update Warden.",
      });
    }
    const exposed = (probe.listenAddresses ?? []).filter((a) => !LOOPBACK_LISTEN.test(a));
    if (exposed.length > 0 && isLoopbackBind(input.config.gateway.bind)) {
      findings.push({
        checkId: "gateway.probe.bind_mismatch",
        severity: "critical",
        title: "The running gateway listens beyond loopback",
        detail: `The config says loopback, but the port is open on ${exposed.map((a) => `\`${a}\``).join(", ")} (a gateway started with --bind, or another program on the port).`,
        fix: "Restart the gateway without --bind, or find the process holding the port.",
      });
    }
  }
  if (deep.skills && deep.skills.skipped === undefined) {
    if (deep.skills.secrets.length > 0) {
      findings.push({
        checkId: "skills.secrets_present",
        severity: "warn",
        title: "Installed skills contain credentials",
        detail: deep.skills.secrets.slice(0, 10).map((s) => `\`${s.path}\`:${s.line} (${s.ruleId})`).join(", "),
        fix: "Remove the credentials from the skill files and rotate them.",
      });
    }
    findings.push({
      checkId: "skills.scanned",
      severity: "info",
      title: "Installed skills scanned",
      detail: `${deep.skills.filesScanned} files under \`${deep.skills.root}\`${deep.skills.truncated ? " (partial: a cap was reached)" : ""}.`,
      fix: "Nothing to do.",
    });
  }
  const deps = deep.dependencies;
  if (deps) {
    if (deps.error !== undefined) {
      findings.push({
        checkId: "dependencies.unchecked",
        severity: "warn",
        title: "The dependency tree could not be checked",
        detail: deps.error,
        fix: "Run from a checkout with package-lock.json, or run `npm audit` online.",
      });
    }
    for (const m of deps.matches) {
      findings.push({
        checkId: "dependencies.vulnerable",
        severity: m.advisory.severity === "critical" || m.advisory.severity === "high" ? "critical" : "warn",
        title: `${m.advisory.package}@${m.version}: ${m.advisory.title}`,
        detail: `${m.advisory.id} (${m.advisory.severity}) affects ${m.advisory.package} ${m.advisory.vulnerable}; ${m.advisory.url}`,
        fix: `Update ${m.advisory.package} past the vulnerable range (npm update ${m.advisory.package}).`,
      });
    }
    if (deps.error === undefined) {
      findings.push({
        checkId: "dependencies.offline_advisories",
        severity: "info",
        title: "Dependencies checked against the shipped advisory list",
        detail: `${deps.packagesChecked} installed packages checked against ${deps.advisoriesCount} advisories compiled on ${deps.advisoriesDate}. This is offline data: advisories published since then are not known to it.`,
        fix: "Run `npm audit` with network access for current advisories.",
      });
    }
  }
  return findings;
}

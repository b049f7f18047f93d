/** Findings from the `--deep` probes: the running gateway, installed skills and the dependency tree. */
import { isLoopbackBind } from "../../gateway/origin.ts";
import type { DependencyAudit } from "../../supply/audit-dependencies.ts";
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
    const unanswered = [
      ...(probe.apiCrossOriginStatus === null ? ["/api with a cross-site Origin"] : []),
      ...(probe.wsUnauthenticatedAccepted === null ? ["a WebSocket method call without a credential"] : []),
      ...(probe.wsCrossOriginAccepted === null ? ["a WebSocket upgrade with a cross-site Origin"] : []),
    ];
    if (unanswered.length > 0) {
      findings.push({
        checkId: "gateway.probe.unanswered",
        severity: "warn",
        title: "Some live checks got no answer from the running gateway",
        detail: `${probe.url} did not answer ${unanswered.join(", ")} within ${probe.windowMs / 1000} s, so those checks were NOT made (neither passed nor failed).`,
        fix: "Run `warden security audit --deep` again when the gateway is not busy; if it never answers, check `warden status` and the gateway's log.",
      });
    }
    if (probe.wsUnauthenticatedAccepted === true) {
      findings.push({
        checkId: "gateway.probe.ws_unauthenticated",
        severity: "critical",
        title: "The running gateway serves WebSocket requests without a credential",
        detail: `A WebSocket client at ${probe.url} ran a method without sending the token.`,
        fix: "warden config set gateway.auth.mode token, then restart the gateway.",
      });
    }
    if ((probe.apiCrossOriginStatus !== null && probe.apiCrossOriginStatus !== 403) || probe.wsCrossOriginAccepted === true) {
      findings.push({
        checkId: "gateway.probe.origin_not_checked",
        severity: "critical",
        title: "The running gateway accepts cross-site browser requests",
        detail: `With Origin \`https://attacker.invalid\`: /api ${probe.apiCrossOriginStatus === null ? "did not answer" : `answered HTTP ${probe.apiCrossOriginStatus}`} (expected 403), WebSocket upgrade ${probe.wsCrossOriginAccepted === null ? "unanswered" : probe.wsCrossOriginAccepted ? "accepted" : "refused"}. A web page could talk to the gateway.`,
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
  if (deep.dependencies) findings.push(...dependencyFindings(deep.dependencies));
  return findings;
}

const REFRESH = "Let the audit reach osv.dev (or a mirror with `--osv-url`), or refresh the signed snapshot (README, \"Refreshing the advisory snapshot\").";

/** The dependency audit as findings: each advisory match, and what answered, or why nothing did. */
function dependencyFindings(deps: DependencyAudit): Finding[] {
  if (deps.status === "error") {
    return [{
      checkId: "dependencies.unchecked",
      severity: "warn",
      title: "The dependency tree could not be checked",
      detail: deps.error,
      fix: "Run from a checkout with package-lock.json (lockfileVersion 2 or 3).",
    }];
  }
  const findings: Finding[] = deps.matches.map((m) => {
    const self = deps.project !== null && m.package === deps.project.name && m.version === deps.project.version;
    return {
      checkId: "dependencies.vulnerable",
      severity: m.severity === "critical" || m.severity === "high" ? "critical" : "warn",
      title: `${self ? "Warden itself" : m.package}@${m.version}: ${m.summary}`,
      detail: `${m.id}${m.aliases.length > 0 ? ` (${m.aliases.join(", ")})` : ""}, severity ${m.severity}, affects ${m.package} ${m.affected}; ${m.url}${m.uncertain === undefined ? "" : `. ${m.uncertain}`}`,
      fix: self ? "Update Warden to a release that fixes it." : `Update ${m.package} past the affected range (\`npm update ${m.package}\`, or an override in package.json for a transitive one).`,
    };
  });
  if (deps.status === "unrun") {
    findings.push({
      checkId: "dependencies.unrun",
      severity: "warn",
      title: "The dependency audit did not run: no current advisory data",
      detail: `${deps.packagesChecked} installed packages were NOT checked${deps.snapshotDate === null ? "" : ` (the snapshot is dated ${deps.snapshotDate})`}: ${deps.reasons.join("; ")}.`,
      fix: REFRESH,
    });
  } else {
    findings.push({
      checkId: "dependencies.checked",
      severity: "info",
      title: "Dependencies checked against advisories",
      detail: `${deps.packagesChecked} installed packages checked by ${deps.source ?? "?"}.${deps.reasons.length > 0 ? ` ${deps.reasons.join("; ")}.` : ""} Advisories published after that source's date are not known to it.`,
      fix: "Nothing to do; re-run after updating dependencies.",
    });
  }
  return findings;
}

/** Exec policy, sandbox, logging and runtime checks. */
import { describeSandboxFindings } from "../../sandbox/findings.ts";
import type { AuditInput, Finding } from "../types.ts";

export const SUPPORTED_NODE_MAJOR = 24;

export function checkExec(input: AuditInput): Finding[] {
  const exec = input.config.tools.exec;
  const findings: Finding[] = [];
  if (exec.security === "full") {
    findings.push({
      checkId: "tools.exec.security_full_configured",
      severity: "critical",
      title: "Exec runs any command without the allowlist",
      detail: "tools.exec.security is `full`: a hijacked model can run any shell command the gate does not otherwise stop, without asking the owner.",
      fix: "warden config set tools.exec.security allowlist",
    });
  }
  if (exec.security !== "deny" && exec.ask === "off") {
    findings.push({
      checkId: "tools.exec.ask_off",
      severity: "warn",
      title: "Exec never asks the owner",
      detail: "tools.exec.ask is `off`: commands outside the allowlist are denied silently or, with security `full`, run without asking.",
      fix: "warden config set tools.exec.ask on-miss",
    });
  }
  if (exec.network && exec.security !== "deny") {
    findings.push({
      checkId: "tools.exec.network_on",
      severity: "warn",
      title: "Sandboxed commands may reach the network",
      detail: "tools.exec.network is true: commands can send workspace data anywhere, around web_fetch's address checks.",
      fix: "warden config set tools.exec.network false",
    });
  } else if (exec.networkHosts.length > 0 && exec.security !== "deny") {
    findings.push({
      checkId: "tools.exec.network_hosts",
      severity: "info",
      title: `Sandboxed commands may reach ${exec.networkHosts.length} host(s)`,
      detail: `tools.exec.networkHosts: ${exec.networkHosts.slice(0, 10).join(", ")}${exec.networkHosts.length > 10 ? ", …" : ""}, through the egress filter only (each connection decided by these hosts and the SSRF policy, recorded in the activity log). Whatever a command reads can be sent to these hosts.`,
      fix: "Keep the list to the hosts your commands need: warden config set tools.exec.networkHosts '[…]'",
    });
  }
  if (exec.security !== "deny") findings.push(...checkSandbox(input));
  return findings;
}

function checkSandbox(input: AuditInput): Finding[] {
  const exec = input.config.tools.exec;
  const full = exec.security === "full";
  if (exec.sandbox === "off") {
    return [{
      checkId: "tools.exec.sandbox_unavailable",
      severity: full ? "critical" : "warn",
      title: "The exec sandbox is switched off",
      detail: "tools.exec.sandbox is `off`: commands run on the host and see the whole file system, Warden's state and the network; only approvals stand between the model and the machine.",
      fix: "warden config set tools.exec.sandbox auto",
    }];
  }
  if (input.sandbox === null) return [];
  const out: Finding[] = [];
  for (const f of describeSandboxFindings(input.sandbox, input.uid)) {
    if (f.checkId === "exec.sandbox.unavailable") {
      // The host fallback asks the owner for every command: a warning, unless nothing asks (security full).
      out.push({ ...f, checkId: "tools.exec.sandbox_unavailable", severity: full ? "critical" : "warn" });
    } else {
      // One namespace for exec findings: exec.sandbox.root -> tools.exec.sandbox_root.
      out.push({ ...f, checkId: `tools.${f.checkId.replace(/^exec\.sandbox\./, "exec.sandbox_")}` });
    }
  }
  return out;
}

export function checkLogging(input: AuditInput): Finding[] {
  if (input.config.logging.redactSensitive !== "off") return [];
  return [{
    checkId: "logging.redact_off",
    severity: "warn",
    title: "Secrets are not redacted from logs",
    detail: "logging.redactSensitive is `off`: tokens, API keys and secrets in tool arguments and results are written to logs in the clear.",
    fix: "warden config set logging.redactSensitive tools   (warden security audit --fix does this)",
  }];
}

export function checkRuntime(input: Pick<AuditInput, "nodeVersion">): Finding[] {
  const major = Number(/^v?(\d+)\./.exec(input.nodeVersion)?.[1] ?? Number.NaN);
  if (major === SUPPORTED_NODE_MAJOR) return [];
  return [{
    checkId: "runtime.node_unsupported",
    severity: "warn",
    title: "Unsupported Node.js version",
    detail: `Warden runs on Node.js ${SUPPORTED_NODE_MAJOR} LTS; this is \`${input.nodeVersion}\`, which is untested and may lack security fixes or the type stripping Warden relies on.`,
    fix: `Run Warden with Node.js ${SUPPORTED_NODE_MAJOR} (bin/warden uses the pinned one from node_modules).`,
  }];
}

export function checkConfigLoad(input: AuditInput): Finding[] {
  if (input.configError === undefined) return [];
  return [{
    checkId: "config.invalid",
    severity: "critical",
    title: "The config file does not load",
    detail: `${input.configError} The audit used the defaults; the gateway will not start with this file.`,
    fix: "warden config validate, then correct or remove the named keys.",
  }];
}

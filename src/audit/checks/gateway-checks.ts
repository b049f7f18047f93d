/** Gateway exposure and credential checks: pure functions of the audit input. */
import { isLoopbackBind } from "../../gateway/origin.ts";
import type { AuditInput, Finding } from "../types.ts";

/** 256 bits in base64url is 43 characters; below 32 characters a token is guessable enough to matter. */
export const MIN_TOKEN_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 16;

export function checkGateway(input: AuditInput): Finding[] {
  const { gateway } = input.config;
  const loopback = isLoopbackBind(gateway.bind);
  const findings: Finding[] = [];
  const mode = gateway.auth.mode;
  if (mode === "none" && !loopback) {
    findings.push({
      checkId: "gateway.bind_no_auth",
      severity: "critical",
      title: "Gateway listens beyond loopback without authentication",
      detail: `gateway.bind is \`${gateway.bind}\` and gateway.auth.mode is \`none\`: anyone who can reach the port could drive the agent (the gateway refuses to start like this, but the setting is one flag away from exposure).`,
      fix: "warden config set gateway.auth.mode token   (or: warden config set gateway.bind loopback)",
    });
  }
  if (mode === "none" && loopback) {
    findings.push({
      checkId: "gateway.loopback_no_auth",
      severity: "warn",
      title: "Gateway on loopback without authentication",
      detail: "Every local process and every local user can drive the agent through the gateway; browser pages are stopped only by the Origin check.",
      fix: "warden config set gateway.auth.mode token",
    });
  }
  if (mode !== "none") {
    const min = mode === "token" ? MIN_TOKEN_LENGTH : MIN_PASSWORD_LENGTH;
    if (input.credentialLength === null) {
      findings.push({
        checkId: "gateway.credential_missing",
        severity: "warn",
        title: `gateway.auth.mode is ${mode} but no ${mode} is set`,
        detail: "The gateway refuses to start until a credential exists.",
        fix: mode === "token" ? "warden token rotate" : "warden config set gateway.auth.password <a long random password>",
      });
    } else if (input.credentialLength < min) {
      findings.push({
        checkId: "gateway.token_too_short",
        severity: loopback ? "warn" : "critical",
        title: `The gateway ${mode} is too short`,
        detail: `The ${mode} is ${input.credentialLength} characters; at least ${min} are needed to resist guessing${loopback ? "" : " on a gateway reachable from the network"}.`,
        fix: mode === "token" ? "warden config unset gateway.auth.token && warden token rotate   (a 256-bit token is generated)" : `Set a password of at least ${min} random characters.`,
      });
    }
    if (input.passwordWeakness !== null) {
      findings.push({
        checkId: "gateway.password_weak",
        // Critical even on loopback: every local user can guess, and the gateway refuses to start with it.
        severity: "critical",
        title: "The gateway password is weak",
        detail: `${input.passwordWeakness.charAt(0).toUpperCase()}${input.passwordWeakness.slice(1)}. The gateway refuses to start with it.`,
        fix: "warden secrets set gateway.auth.password   (16+ characters, a random passphrase; or: warden config set gateway.auth.mode token)",
      });
    }
    const rl = gateway.auth.rateLimit;
    if (rl.maxFailures > 20 || rl.lockoutMs < 60_000 || rl.windowMs < 10_000) {
      findings.push({
        checkId: "gateway.auth_no_rate_limit",
        severity: loopback ? "info" : "warn",
        title: "Authentication failures are barely limited",
        detail: `gateway.auth.rateLimit allows ${rl.maxFailures} failures per ${rl.windowMs} ms with a ${rl.lockoutMs} ms lockout: credential guessing is not slowed enough.`,
        fix: "warden config unset gateway.auth.rateLimit   (default: 5 failures per minute, 5 minute lockout)",
      });
    }
  }
  if (!loopback && mode !== "none") {
    findings.push({
      checkId: "gateway.bind_exposed",
      severity: "info",
      title: "Gateway listens beyond loopback",
      detail: `gateway.bind is \`${gateway.bind}\`: the gateway is reachable from other machines; authentication is required, and traffic is plain HTTP unless a TLS proxy fronts it.`,
      fix: "Prefer loopback with an SSH tunnel or a VPN such as Tailscale; otherwise put a TLS-terminating proxy in front.",
    });
  }
  return findings;
}

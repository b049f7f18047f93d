/** Installed skills: modified since install, revoked, unsigned, over-privileged; unsigned installs allowed by policy. */
import type { AuditInput, Finding } from "../types.ts";
import { overPrivilege } from "../../skills/skill-audit.ts";

export function checkSkills(input: AuditInput): Finding[] {
  const findings: Finding[] = [];
  if (input.config.skills.allowUnsigned) {
    findings.push({
      checkId: "skills.unsigned_allowed",
      severity: "warn",
      title: "Unsigned local skills may be installed",
      detail: "skills.allowUnsigned is true: a skill with no publisher signature installs, so nobody vouches for its content.",
      fix: "warden config unset skills.allowUnsigned",
    });
  }
  const facts = input.skills;
  if (facts === undefined) return findings;
  if (facts.lockError !== null) {
    findings.push({ checkId: "skills.lock_unreadable", severity: "critical", title: "The skills lock file cannot be read", detail: facts.lockError, fix: "Restore skills/skills.lock.json from a backup, or remove the skills and install them again." });
  }
  for (const s of facts.skills) {
    if (s.state === "quarantined" || (s.state === "ok" && !s.verified)) {
      findings.push({
        checkId: "skills.modified",
        severity: "critical",
        title: `Skill \`${s.name}\` changed after it was installed`,
        detail: `${s.problem ?? s.reason ?? "its files do not match the lock file"}. A changed skill is quarantined at its next load and never reaches the model.`,
        fix: `warden skills info ${s.name}; then warden skills install --frozen (the locked content) or warden skills remove ${s.name}`,
      });
    }
    if (s.state === "revoked") {
      findings.push({
        checkId: "skills.revoked",
        severity: "warn",
        title: `Skill \`${s.name}\` is revoked (disabled)`,
        detail: `${s.reason ?? "a signed revocation list names it"}. It is not offered to the model, but its files are still installed.`,
        fix: `warden skills remove ${s.name}`,
      });
    }
    if (s.signer === null) {
      findings.push({
        checkId: "skills.unsigned",
        severity: "warn",
        title: `Skill \`${s.name}\` is unsigned`,
        detail: `It was installed from a local directory without a publisher signature; only its hash is pinned.${input.config.skills.allowUnsigned ? "" : " It is not offered to the model while skills.allowUnsigned is false."}`,
        fix: `Ask its author for a signed package (warden skills sign), or warden skills remove ${s.name}`,
      });
    }
    const broad = s.capabilities === null ? [] : overPrivilege(s.capabilities);
    if (broad.length > 0) {
      findings.push({
        checkId: "skills.over_privileged",
        severity: "warn",
        title: `Skill \`${s.name}\` asks for broad capabilities`,
        detail: `Its capability manifest ${broad.join("; ")}.`,
        fix: `Read it with warden skills info ${s.name}; disable it with warden config set skills.entries.${s.name}.enabled false, or remove it`,
      });
    }
  }
  return findings;
}

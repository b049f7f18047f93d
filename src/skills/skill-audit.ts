/**
 * What `warden security audit` needs to know about installed skills, read from the lock file and re-verified
 * without side effects (the audit never quarantines: it reports; the next load does the rest). Never throws: a
 * lock file that cannot be read is itself a fact.
 */
import { readLock, type SkillPaths } from "./skill-lock.ts";
import { verifyInstalledTree } from "./skill-store.ts";
import type { Capabilities } from "./skill-format.ts";

export type SkillAuditFact = {
  name: string;
  state: "ok" | "quarantined" | "revoked";
  signer: string | null;
  publisher: string | null;
  reason: string | null;
  /** Whether the installed files hash to the lock entry now (false for a quarantined skill, whose files moved). */
  verified: boolean;
  problem: string | null;
  capabilities: Capabilities | null;
};

export type SkillAuditFacts = { skills: SkillAuditFact[]; lockError: string | null };

export function collectSkillFacts(paths: SkillPaths): SkillAuditFacts {
  let skills;
  try {
    skills = readLock(paths).skills;
  } catch (e) {
    return { skills: [], lockError: e instanceof Error ? e.message : String(e) };
  }
  return {
    lockError: null,
    skills: Object.entries(skills).map(([name, entry]) => {
      const outcome = entry.state === "ok" ? verifyInstalledTree(paths, name, entry) : undefined;
      return {
        name, state: entry.state, signer: entry.signer, publisher: entry.publisher, reason: entry.reason ?? null,
        verified: outcome?.ok ?? false,
        problem: outcome !== undefined && !outcome.ok ? outcome.reason : null,
        capabilities: outcome?.ok ? outcome.skill.capabilities : null,
      };
    }),
  };
}

/** Paths that something executes or trusts later: a skill's script writing there acts beyond its run. */
const TrustedPathSegments = new Set([".git", ".github", ".gitlab-ci.yml", ".husky", ".vscode", ".envrc", "Makefile", "package.json", ".bashrc", ".profile", ".zshrc"]);

/** Why a skill's declared capabilities are broader than a skill needs; empty when they are not. */
export function overPrivilege(caps: Capabilities): string[] {
  const why: string[] = [];
  if (caps.filesystem.read.includes(".")) why.push("reads the whole workspace");
  if (caps.filesystem.write.includes(".")) why.push("writes anywhere in the workspace (outside snapshots and undo)");
  const trusted = caps.filesystem.write.filter((p) => p.split("/").some((s) => TrustedPathSegments.has(s)));
  if (trusted.length > 0) why.push(`writes where something executes or trusts later (${trusted.join(", ")})`);
  const wildcard = caps.network.hosts.filter((h) => h.startsWith("*."));
  if (wildcard.length > 0) why.push(`reaches any subdomain of ${wildcard.map((h) => h.slice(2)).join(", ")}`);
  const shells = caps.executables.filter((e) => ["sh", "bash", "zsh", "curl", "wget", "nc", "ncat", "socat", "ssh", "python", "python3", "node", "perl"].includes(e.split("/").at(-1) ?? e));
  if (shells.length > 0 && caps.network.hosts.length > 0) why.push(`runs general-purpose programs (${shells.join(", ")}) with network access`);
  return why;
}

/**
 * The Control UI's security page: `warden security audit`'s findings (each with its fix) for this gateway's state
 * directory, the threat model's coverage per tactic, and the last red-team run's summary when one was recorded.
 * Each part that cannot be made says why; the others still show.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AuditReport } from "../audit/types.ts";
import type { findSecretsWith } from "../audit/index.ts";
import type { Coverage } from "../audit/threat-model/coverage.ts";
import type { SandboxAvailability } from "../sandbox/index.ts";
import { describeError } from "../core/errors.ts";

/** The last `warden security redteam` run against this state directory (written by the command). */
export type RedteamRecord = { at: string; scenarios: string; summary: Record<string, number> };
export const REDTEAM_RECORD = "redteam-last.json";

export type SecurityOverview = {
  audit: AuditReport | { error: string };
  threats: Coverage | { error: string };
  redteam: RedteamRecord | null;
};

/** The gateway's secret scanner, as the audit uses it. */
type SecretFinder = Parameters<typeof findSecretsWith>[0];

const threatsFile = fileURLToPath(new URL("../../threat-model/threats.yaml", import.meta.url));

export function createSecurityOverview(deps: { home: string; sandbox: SandboxAvailability; scanner: SecretFinder; nodeVersion: string; uid: number | null }): () => Promise<SecurityOverview> {
  return async () => {
    // The audit and the threat model (with its YAML parser) load when the page is first opened, not at start.
    const [{ collectAuditInput, runAudit, findSecretsWith }, { loadThreatModel, summarizeCoverage }] = await Promise.all([import("../audit/index.ts"), import("../audit/threat-model/index.ts")]);
    const [audit, threats] = await Promise.all([
      collectAuditInput({ home: deps.home, nodeVersion: deps.nodeVersion, uid: deps.uid, detectSandbox: async () => deps.sandbox, findSecrets: findSecretsWith(deps.scanner) }).then(runAudit, (e: unknown) => ({ error: describeError(e) })),
      Promise.resolve().then(() => summarizeCoverage(loadThreatModel(threatsFile))).catch((e: unknown) => ({ error: describeError(e) })),
    ]);
    return { audit, threats, redteam: readRedteamRecord(deps.home) };
  };
}

export function readRedteamRecord(home: string): RedteamRecord | null {
  const file = join(home, REDTEAM_RECORD);
  if (!existsSync(file)) return null;
  try {
    const r = JSON.parse(readFileSync(file, "utf8")) as RedteamRecord;
    return typeof r.at === "string" && typeof r.summary === "object" && r.summary !== null ? r : null;
  } catch {
    return null;
  }
}

/**
 * Reports and moderation. A signed-in account reports a package once (a second report from it is not counted
 * again) and at most `reportsPerDay` packages a day; when `hideAt` different accounts have open reports on a name,
 * the name is hidden (not listed, not downloadable) pending review. Moderators unhide (the open reports are
 * closed as reviewed), hide, yank a release (no longer served; installed copies keep working) or revoke it (no
 * longer served, and in the signed revocation feed, so installed copies are disabled). A publisher may yank its
 * own releases. Every action is in the transparency log and the audit trail.
 */
import { signRevocationList } from "../skills/revocations.ts";
import type { KeyFile } from "../skills/signing.ts";
import type { Caller } from "./accounts.ts";
import { RegistryError } from "./registry-error.ts";
import { appendLog, audit, bump, counter } from "./storage/records.ts";
import type { SqlDriver, SqlExecutor } from "./storage/sql.ts";

/** `minAccountAgeMs`: an account younger than this cannot report yet (so fresh accounts cannot mass-hide a package). */
export type ModerationLimits = { hideAt: number; reportsPerDay: number; minAccountAgeMs: number };
export const DefaultModerationLimits: ModerationLimits = { hideAt: 4, reportsPerDay: 20, minAccountAgeMs: 0 };

export const ModerationActions = ["hide", "unhide", "yank", "revoke"] as const;
export type ModerationAction = (typeof ModerationActions)[number];

export type AuditEntry = { seq: number; at: string; actor: string; action: string; target: string; detail: string };

async function hide(tx: SqlExecutor, at: number, name: string, actor: string, reason: string): Promise<void> {
  await tx.run("UPDATE registry_names SET hidden_at = ?, hidden_reason = ? WHERE name = ?", [at, reason, name]);
  await appendLog(tx, at, "hide", { name, reason });
  await audit(tx, at, actor, "hide", name, reason);
}

export function createModeration(deps: { sql: SqlDriver; registryKey: KeyFile; now: () => number; limits?: Partial<ModerationLimits> }) {
  const { sql, now } = deps;
  const limits = { ...DefaultModerationLimits, ...deps.limits };

  return {
    limits,

    /** Files `reporter`'s report on `name`; hides the name at the threshold. */
    async report(caller: Caller, name: string, reason: string): Promise<{ counted: boolean; uniqueReporters: number; hidden: boolean }> {
      const at = now();
      return sql.transaction(async (tx) => {
        const n = (await tx.all<{ hidden_at: number | null }>("SELECT hidden_at FROM registry_names WHERE name = ?", [name]))[0];
        if (n === undefined) throw new RegistryError("not_found", `there is no package \`${name}\``);
        const created = Number((await tx.all<{ created_at: number }>("SELECT created_at FROM registry_accounts WHERE name = ?", [caller.account]))[0]?.created_at ?? at);
        if (at - created < limits.minAccountAgeMs) throw new RegistryError("forbidden", `an account can report packages once it is ${Math.ceil(limits.minAccountAgeMs / 3_600_000)} hour(s) old`);
        const mine = await tx.all<{ state: string }>("SELECT state FROM registry_reports WHERE name = ? AND reporter = ?", [name, caller.account]);
        let counted = false;
        if (mine.length === 0) {
          const today = await tx.all<{ n: number }>("SELECT COUNT(*) AS n FROM registry_reports WHERE reporter = ? AND at > ?", [caller.account, at - 86_400_000]);
          if (Number(today[0]?.n ?? 0) >= limits.reportsPerDay) throw new RegistryError("rate_limited", `an account reports at most ${limits.reportsPerDay} packages a day`);
          await tx.run("INSERT INTO registry_reports (name, reporter, reason, at, state) VALUES (?, ?, ?, ?, 'open')", [name, caller.account, reason, at]);
          await audit(tx, at, caller.account, "report", name, reason);
          counted = true;
        }
        const open = Number((await tx.all<{ n: number }>("SELECT COUNT(*) AS n FROM registry_reports WHERE name = ? AND state = 'open'", [name]))[0]?.n ?? 0);
        let hidden = n.hidden_at !== null;
        if (!hidden && open >= limits.hideAt) {
          await hide(tx, at, name, "registry", `${open} users reported it; hidden pending review`);
          hidden = true;
        }
        return { counted, uniqueReporters: open, hidden };
      });
    },

    /** A moderator's (or, for `yank`, the owner's) action; `digest` picks one release, otherwise every release of the name. */
    async moderate(caller: Caller, action: ModerationAction, name: string, reason: string, digest?: string): Promise<{ affected: number }> {
      const at = now();
      return sql.transaction(async (tx) => {
        const n = (await tx.all<{ owner: string; hidden_at: number | null }>("SELECT owner, hidden_at FROM registry_names WHERE name = ?", [name]))[0];
        if (n === undefined) throw new RegistryError("not_found", `there is no package \`${name}\``);
        const owner = n.owner === caller.account;
        if (caller.role !== "moderator" && !(action === "yank" && owner)) throw new RegistryError("forbidden", action === "yank" ? "only the package's owner or a moderator may yank it" : `only a moderator may ${action} a package`);
        if (action === "hide") {
          if (n.hidden_at !== null) return { affected: 0 };
          await hide(tx, at, name, caller.account, reason);
          return { affected: 1 };
        }
        if (action === "unhide") {
          const reviewed = await tx.run("UPDATE registry_reports SET state = 'reviewed' WHERE name = ? AND state = 'open'", [name]);
          await tx.run("UPDATE registry_names SET hidden_at = NULL, hidden_reason = NULL WHERE name = ?", [name]);
          await appendLog(tx, at, "unhide", { name, reason, reportsReviewed: reviewed });
          await audit(tx, at, caller.account, "unhide", name, reason);
          return { affected: 1 };
        }
        const releases = await tx.all<{ digest: string; status: string }>(
          digest === undefined ? "SELECT digest, status FROM registry_releases WHERE name = ?" : "SELECT digest, status FROM registry_releases WHERE name = ? AND digest = ?",
          digest === undefined ? [name] : [name, digest],
        );
        if (releases.length === 0) throw new RegistryError("not_found", `\`${name}\` has no release ${digest ?? ""}`.trim());
        let affected = 0;
        for (const r of releases) {
          if (r.status === "revoked" || (action === "yank" && r.status === "yanked")) continue;
          await tx.run("UPDATE registry_releases SET status = ?, status_reason = ?, decided_at = ? WHERE digest = ?", [action === "yank" ? "yanked" : "revoked", reason, at, r.digest]);
          if (action === "revoke") {
            const seq = await bump(tx, "revocations");
            await tx.run("INSERT INTO registry_revocations (seq, at, digest, name, reason) VALUES (?, ?, ?, ?, ?)", [seq, at, r.digest, name, reason]);
          }
          await appendLog(tx, at, action, { name, digest: r.digest, reason });
          await audit(tx, at, caller.account, action, `${name}@${r.digest}`, reason);
          affected += 1;
        }
        return { affected };
      });
    },

    async audit(limit = 1000): Promise<AuditEntry[]> {
      const rows = await sql.all<{ seq: number; at: number; actor: string; action: string; target: string; detail: string }>("SELECT * FROM registry_audit ORDER BY seq DESC LIMIT ?", [limit]);
      return rows.map((r) => ({ seq: Number(r.seq), at: new Date(Number(r.at)).toISOString(), actor: r.actor, action: r.action, target: r.target, detail: r.detail }));
    },

    /**
     * The signed revocation feed (src/skills/revocations.ts format): every revoked release (by digest) and every
     * revoked key (by key id). Its sequence grows with each revocation, so a client refuses an older feed.
     */
    async revocationFeed(): Promise<string> {
      const rows = await sql.all<{ at: number; digest: string | null; key_id: string | null; reason: string }>("SELECT at, digest, key_id, reason FROM registry_revocations ORDER BY seq");
      const count = await counter(sql, "revocations");
      const issuedAt = new Date(rows.length === 0 ? 0 : Number(rows[rows.length - 1]?.at)).toISOString();
      const entries = rows.map((r) => ({ ...(r.digest !== null ? { digest: r.digest } : {}), ...(r.key_id !== null ? { keyId: r.key_id } : {}), reason: r.reason.slice(0, 500) }));
      const payload = { issuer: `warden registry ${deps.registryKey.keyId}`, sequence: count + 1, issuedAt, entries };
      return `${JSON.stringify(signRevocationList(JSON.stringify(payload), deps.registryKey))}\n`;
    },
  };
}

/**
 * Releases: a publisher's signed package goes in as `pending` (invisible: not listed, not downloadable); the
 * scanners decide; a pass is countersigned with the next registry sequence number, stored as the downloadable
 * bundle and recorded in the transparency log (`publish`); a failure is `blocked` with its findings, which the
 * publisher can read. Nothing but a `visible` release of a name that is not hidden is ever served.
 *
 * A submission is accepted only when: the bundle parses, the publisher signature verifies, the signing key is an
 * active key of the account that sent it and the manifest names that account, the files are exactly what the
 * manifest lists, the skill parses under the name the manifest gives, and the name is new or the account's.
 */
import { bundleText, parseBundle, assertTreeMatches } from "../skills/package-source.ts";
import { manifestDigest, type PackageTree } from "../skills/package-manifest.ts";
import { checkSignatures, countersign, type KeyFile, type PackageEnvelope } from "../skills/signing.ts";
import { describeProblems, parseSkill } from "../skills/skill-format.ts";
import { isWardenError } from "../core/errors.ts";
import type { Accounts, Caller } from "./accounts.ts";
import { RegistryError } from "./registry-error.ts";
import { appendLog, bump } from "./storage/records.ts";
import type { BlobStore } from "./storage/blob-store.ts";
import type { SqlDriver } from "./storage/sql.ts";

export type ReleaseStatus = "pending" | "visible" | "blocked" | "yanked" | "revoked";

/** A finding as the publisher sees it: which rule, where, why. */
export type ScanFinding = { scanner: string; ruleId: string; severity: string; file: string; line: number; message: string };

export type ReleaseRow = {
  digest: string; name: string; version: string | null; publisher: string; key_id: string; status: string; upload_blob: string;
  bundle_blob: string | null; bundle_bytes: number | null; sequence: number | null; findings: string; status_reason: string | null;
  created_at: number; decided_at: number | null;
};

export type ReleaseView = {
  name: string; version: string | null; digest: string; publisher: string; keyId: string; status: ReleaseStatus;
  sequence: number | null; bundleSha256: string | null; bytes: number | null; submittedAt: string; decidedAt: string | null; reason: string | null;
};

export function releaseView(r: ReleaseRow): ReleaseView {
  return {
    name: r.name, version: r.version, digest: r.digest, publisher: r.publisher, keyId: r.key_id, status: r.status as ReleaseStatus,
    sequence: r.sequence === null ? null : Number(r.sequence), bundleSha256: r.bundle_blob, bytes: r.bundle_bytes === null ? null : Number(r.bundle_bytes),
    submittedAt: new Date(Number(r.created_at)).toISOString(), decidedAt: r.decided_at === null ? null : new Date(Number(r.decided_at)).toISOString(), reason: r.status_reason,
  };
}

export type Verdict = { pass: boolean; findings: ScanFinding[]; reason: string };

export function createReleases(deps: { sql: SqlDriver; blobs: BlobStore; accounts: Accounts; registryKey: KeyFile; now: () => number }) {
  const { sql, blobs, accounts, now } = deps;

  async function row(digest: string): Promise<ReleaseRow | undefined> {
    return (await sql.all<ReleaseRow>("SELECT * FROM registry_releases WHERE digest = ?", [digest]))[0];
  }

  return {
    row,

    /** Checks and stores a submission as `pending`; the same package again answers with its current state. */
    async submit(caller: Caller, bytes: Buffer): Promise<ReleaseView> {
      let envelope: PackageEnvelope;
      let tree: PackageTree;
      try {
        ({ envelope, tree } = parseBundle(bytes, "the upload"));
        assertTreeMatches({ path: "the upload", envelope, tree });
      } catch (error) {
        if (isWardenError(error)) throw new RegistryError("bad_request", error.message);
        throw error;
      }
      const signature = checkSignatures(envelope);
      if (!signature.ok) throw new RegistryError("bad_request", `refused: ${signature.reason}`);
      if (signature.signer === null) throw new RegistryError("bad_request", "refused: the package is not signed (sign it with `warden skills pack --key`)");
      if (signature.registry !== null) throw new RegistryError("bad_request", "refused: the package already carries a registry countersignature; upload the publisher-signed package");
      if (signature.signer.publisher !== caller.account) throw new RegistryError("forbidden", `refused: the manifest names publisher \`${signature.signer.publisher}\`, but the upload is from account \`${caller.account}\``);
      const key = await accounts.key(signature.signer.keyId);
      if (key === undefined || key.account !== caller.account) throw new RegistryError("forbidden", `refused: the package is signed by \`${signature.signer.keyId}\`, which is not a key of account \`${caller.account}\` (add it with \`warden registry key add\`)`);
      if (key.state !== "active") throw new RegistryError("forbidden", `refused: the package is signed by \`${key.keyId}\`, which is ${key.state}`);
      const parsed = parseSkill(new Map([...tree.entries()].map(([p, f]) => [p, f.bytes])));
      if (!parsed.ok) throw new RegistryError("bad_request", `refused: the skill is malformed:\n${describeProblems(parsed.problems)}`);
      const name = envelope.manifest.name;
      if (parsed.skill.name !== name) throw new RegistryError("bad_request", `refused: SKILL.md names \`${parsed.skill.name}\` but the manifest names \`${name}\``);
      const digest = manifestDigest(envelope.manifest);
      const existing = await row(digest);
      if (existing !== undefined) return releaseView(existing);
      const upload = await blobs.put(Buffer.from(bundleText(envelope, tree)));
      const at = now();
      await sql.transaction(async (tx) => {
        const owner = (await tx.all<{ owner: string }>("SELECT owner FROM registry_names WHERE name = ?", [name]))[0]?.owner;
        if (owner !== undefined && owner !== caller.account) throw new RegistryError("forbidden", `refused: the name \`${name}\` belongs to \`${owner}\``);
        if (owner === undefined) await tx.run("INSERT INTO registry_names (name, owner, created_at) VALUES (?, ?, ?)", [name, caller.account, at]);
        await tx.run("INSERT INTO registry_releases (digest, name, version, publisher, key_id, status, upload_blob, findings, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, '[]', ?) ON CONFLICT (digest) DO NOTHING",
          [digest, name, envelope.manifest.version ?? null, caller.account, key.keyId, upload, at]);
      });
      return releaseView((await row(digest)) as ReleaseRow);
    },

    /** Digests still waiting for the scanners, oldest first (a restart picks them up again: nothing stays pending). */
    async pending(): Promise<string[]> {
      return (await sql.all<{ digest: string }>("SELECT digest FROM registry_releases WHERE status = 'pending' ORDER BY created_at")).map((r) => r.digest);
    },

    /** The uploaded package of a pending release, as the scanners read it. */
    async upload(digest: string): Promise<{ envelope: PackageEnvelope; tree: PackageTree }> {
      const r = await row(digest);
      if (r === undefined) throw new RegistryError("not_found", `no release \`${digest}\``);
      const bytes = await blobs.get(r.upload_blob);
      if (bytes === undefined) throw new Error(`the upload blob of ${digest} is missing from the blob store`);
      return parseBundle(bytes, "the stored upload");
    },

    /** Records the scanners' verdict: a pass is countersigned, stored and logged; a failure blocks. */
    async decide(digest: string, verdict: Verdict): Promise<ReleaseView> {
      const at = now();
      const findings = JSON.stringify(verdict.findings);
      if (!verdict.pass) {
        await sql.run("UPDATE registry_releases SET status = 'blocked', findings = ?, status_reason = ?, decided_at = ? WHERE digest = ? AND status = 'pending'", [findings, verdict.reason, at, digest]);
        return releaseView((await row(digest)) as ReleaseRow);
      }
      const { envelope, tree } = await this.upload(digest);
      await sql.transaction(async (tx) => {
        const current = (await tx.all<{ status: string }>("SELECT status FROM registry_releases WHERE digest = ?", [digest]))[0];
        if (current?.status !== "pending") return;
        const sequence = await bump(tx, "sequence");
        const bundle = Buffer.from(bundleText(countersign(envelope, deps.registryKey, sequence), tree));
        const blob = await blobs.put(bundle);
        await tx.run("UPDATE registry_releases SET status = 'visible', sequence = ?, bundle_blob = ?, bundle_bytes = ?, findings = ?, status_reason = ?, decided_at = ? WHERE digest = ?",
          [sequence, blob, bundle.length, findings, verdict.reason, at, digest]);
        const m = envelope.manifest;
        await appendLog(tx, at, "publish", { name: m.name, version: m.version ?? null, digest, publisher: m.publisher ?? null, keyId: envelope.signatures.publisher?.keyId ?? null, sequence, bundleSha256: blob });
      });
      return releaseView((await row(digest)) as ReleaseRow);
    },

    /** A release's state and findings, for its publisher (or a moderator). */
    async status(caller: Caller, digest: string): Promise<ReleaseView & { findings: ScanFinding[] }> {
      const r = await row(digest);
      if (r === undefined || (r.publisher !== caller.account && caller.role !== "moderator")) throw new RegistryError("not_found", `you have no release \`${digest}\``);
      return { ...releaseView(r), findings: JSON.parse(r.findings) as ScanFinding[] };
    },

    /** The public view of a name: its visible releases, newest first. A hidden name is not served. */
    async package(name: string): Promise<{ name: string; owner: string; releases: ReleaseView[] }> {
      const n = (await sql.all<{ owner: string; hidden_at: number | null }>("SELECT owner, hidden_at FROM registry_names WHERE name = ?", [name]))[0];
      if (n === undefined) throw new RegistryError("not_found", `there is no package \`${name}\``);
      if (n.hidden_at !== null) throw new RegistryError("gone", `\`${name}\` is hidden pending review (users reported it)`);
      const rows = await sql.all<ReleaseRow>("SELECT * FROM registry_releases WHERE name = ? AND status = 'visible' ORDER BY sequence DESC", [name]);
      if (rows.length === 0) throw new RegistryError("not_found", `\`${name}\` has no downloadable release`);
      return { name, owner: n.owner, releases: rows.map(releaseView) };
    },

    /** The countersigned bundle of a visible release (the newest one when `digest` is absent). */
    async download(name: string, digest?: string): Promise<{ release: ReleaseView; bytes: Buffer }> {
      const { releases } = await this.package(name);
      const release = digest === undefined ? releases[0] : releases.find((r) => r.digest === digest);
      if (release?.bundleSha256 == null) throw new RegistryError("not_found", `\`${name}\` has no downloadable release ${digest ?? ""}`.trim());
      const bytes = await blobs.get(release.bundleSha256);
      if (bytes === undefined) throw new Error(`the bundle blob of ${release.digest} is missing from the blob store`);
      return { release, bytes };
    },
  };
}

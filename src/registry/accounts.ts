/**
 * Registry accounts and their Ed25519 keys. An account is created by its first key (the request that creates it
 * is signed by that key: proof of possession); more keys are added by a request signed with an active key AND a
 * proof from the new key; a key is retired (rotation: it signs nothing new, what it signed stays valid) or
 * revoked (compromise: the key goes into the revocation feed and what it signed is no longer served). Only public
 * keys are stored.
 */
import { z } from "zod";
import { KeyId, keyIdOf } from "../skills/signing.ts";
import { manifestSchema } from "../skills/package-manifest.ts";
import { checkClaim, checkKeyProof, type RequestClaim, type SignedRequestParts } from "./request-auth.ts";
import { RegistryError } from "./registry-error.ts";
import { appendLog, audit, bump } from "./storage/records.ts";
import type { SqlDriver } from "./storage/sql.ts";

export const AccountName = manifestSchema.shape.publisher.unwrap();
export const PublicKey = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, "an Ed25519 public key is 32 bytes, base64");
export const Roles = ["member", "moderator"] as const;
export type Role = (typeof Roles)[number];

export type Caller = { account: string; role: Role; keyId: string };

type KeyRow = { key_id: string; account: string; public_key: string; added_at: number; retired_at: number | null; revoked_at: number | null; revoke_reason: string | null };

export type AccountKey = { keyId: string; publicKey: string; addedAt: number; state: "active" | "retired" | "revoked"; reason?: string };

const keyView = (r: KeyRow): AccountKey => ({
  keyId: r.key_id, publicKey: r.public_key, addedAt: Number(r.added_at),
  state: r.revoked_at !== null ? "revoked" : r.retired_at !== null ? "retired" : "active",
  ...(r.revoke_reason !== null ? { reason: r.revoke_reason } : {}),
});

/** Nonces older than this cannot be replayed anyway (the clock check refuses them) and are forgotten. */
const NonceKeepMs = 15 * 60_000;

export function createAccounts(sql: SqlDriver, now: () => number) {
  async function keyRow(keyId: string): Promise<KeyRow | undefined> {
    return (await sql.all<KeyRow>("SELECT * FROM registry_keys WHERE key_id = ?", [keyId]))[0];
  }

  return {
    /** Creates `name` with its first key; the request creating it must be signed by that key. */
    async create(name: string, publicKey: string, claim: RequestClaim): Promise<{ account: string; keyId: string }> {
      const keyId = keyIdOf(publicKey);
      if (claim.keyId !== keyId) throw new RegistryError("unauthorized", "an account is created by a request signed with its first key");
      const at = now();
      return sql.transaction(async (tx) => {
        if ((await tx.all("SELECT name FROM registry_accounts WHERE name = ?", [name])).length > 0) throw new RegistryError("conflict", `the account name \`${name}\` is taken`);
        if ((await tx.all("SELECT key_id FROM registry_keys WHERE key_id = ?", [keyId])).length > 0) throw new RegistryError("conflict", `the key \`${keyId}\` already belongs to an account`);
        await tx.run("INSERT INTO registry_accounts (name, role, created_at) VALUES (?, 'member', ?)", [name, at]);
        await tx.run("INSERT INTO registry_keys (key_id, account, public_key, added_at) VALUES (?, ?, ?, ?)", [keyId, name, publicKey, at]);
        await appendLog(tx, at, "key-add", { account: name, keyId, publicKey });
        return { account: name, keyId };
      });
    },

    /**
     * Who signed a request: the key must be active, its account enabled, the signature and clock good, the nonce
     * unused. Each refusal says which.
     */
    async authenticate(parts: SignedRequestParts, claim: RequestClaim): Promise<Caller> {
      const key = await keyRow(claim.keyId);
      if (key === undefined) throw new RegistryError("unauthorized", `the key \`${claim.keyId}\` is not registered here (create an account with \`warden registry account create\`)`);
      const at = now();
      const problem = checkClaim(parts, claim, key.public_key, at);
      if (problem !== undefined) throw new RegistryError("unauthorized", problem);
      if (key.revoked_at !== null) throw new RegistryError("unauthorized", `the key \`${claim.keyId}\` was revoked`);
      if (key.retired_at !== null) throw new RegistryError("unauthorized", `the key \`${claim.keyId}\` was retired; sign with the account's current key`);
      const account = (await sql.all<{ role: string; disabled_at: number | null }>("SELECT role, disabled_at FROM registry_accounts WHERE name = ?", [key.account]))[0];
      if (account === undefined || account.disabled_at !== null) throw new RegistryError("forbidden", `the account \`${key.account}\` is disabled`);
      await sql.run("DELETE FROM registry_nonces WHERE at < ?", [at - NonceKeepMs]);
      const fresh = await sql.run("INSERT INTO registry_nonces (key_id, nonce, at) VALUES (?, ?, ?) ON CONFLICT (key_id, nonce) DO NOTHING", [claim.keyId, claim.nonce, at]);
      if (fresh === 0) throw new RegistryError("unauthorized", "this request was already used (a replay); sign a new one");
      return { account: key.account, role: account.role as Role, keyId: claim.keyId };
    },

    async keys(account: string): Promise<AccountKey[]> {
      return (await sql.all<KeyRow>("SELECT * FROM registry_keys WHERE account = ? ORDER BY added_at, key_id", [account])).map(keyView);
    },

    /** The key's standing, for checking who signed a package. */
    async key(keyId: string): Promise<(AccountKey & { account: string }) | undefined> {
      const row = await keyRow(keyId);
      return row === undefined ? undefined : { ...keyView(row), account: row.account };
    },

    async addKey(caller: Caller, publicKey: string, proof: string): Promise<string> {
      const keyId = keyIdOf(publicKey);
      if (!checkKeyProof(caller.account, keyId, publicKey, proof)) throw new RegistryError("bad_request", "the new key's proof does not verify: sign it with the new key (`warden registry key add` does)");
      const at = now();
      return sql.transaction(async (tx) => {
        if ((await tx.all("SELECT key_id FROM registry_keys WHERE key_id = ?", [keyId])).length > 0) throw new RegistryError("conflict", `the key \`${keyId}\` is already registered`);
        await tx.run("INSERT INTO registry_keys (key_id, account, public_key, added_at) VALUES (?, ?, ?, ?)", [keyId, caller.account, publicKey, at]);
        await appendLog(tx, at, "key-add", { account: caller.account, keyId, publicKey });
        return keyId;
      });
    },

    /** Retires (rotation) or revokes (compromise) one of the caller's keys. A revoked key's packages are revoked too. */
    async endKey(caller: Caller, keyId: string, how: "retire" | "revoke", reason: string): Promise<void> {
      if (!KeyId.safeParse(keyId).success) throw new RegistryError("bad_request", `\`${keyId}\` is not a key id`);
      const at = now();
      await sql.transaction(async (tx) => {
        const row = (await tx.all<KeyRow>("SELECT * FROM registry_keys WHERE key_id = ?", [keyId]))[0];
        if (row === undefined || (row.account !== caller.account && caller.role !== "moderator")) throw new RegistryError("not_found", `the account has no key \`${keyId}\``);
        if (row.revoked_at !== null) throw new RegistryError("conflict", `the key \`${keyId}\` is already revoked`);
        if (how === "retire") {
          if (row.retired_at !== null) throw new RegistryError("conflict", `the key \`${keyId}\` is already retired`);
          await tx.run("UPDATE registry_keys SET retired_at = ? WHERE key_id = ?", [at, keyId]);
          await appendLog(tx, at, "key-retire", { account: row.account, keyId });
        } else {
          await tx.run("UPDATE registry_keys SET revoked_at = ?, revoke_reason = ? WHERE key_id = ?", [at, reason, keyId]);
          const seq = await bump(tx, "revocations");
          await tx.run("INSERT INTO registry_revocations (seq, at, key_id, reason) VALUES (?, ?, ?, ?)", [seq, at, keyId, reason]);
          // What the key signed is no longer served (the feed's key entry disables installed copies).
          const releases = await tx.run("UPDATE registry_releases SET status = 'revoked', status_reason = ?, decided_at = ? WHERE key_id = ? AND status <> 'revoked' AND status <> 'blocked'", [`signed by revoked key ${keyId}: ${reason}`, at, keyId]);
          await appendLog(tx, at, "key-revoke", { account: row.account, keyId, reason, releasesRevoked: releases });
        }
        await audit(tx, at, caller.account, `key-${how}`, keyId, reason);
      });
    },

    /** The operator's step (on the store, not over HTTP): makes an account a moderator or a member again. */
    async setRole(name: string, role: Role): Promise<void> {
      const at = now();
      await sql.transaction(async (tx) => {
        if ((await tx.run("UPDATE registry_accounts SET role = ? WHERE name = ?", [role, name])) === 0) throw new RegistryError("not_found", `there is no account \`${name}\``);
        await audit(tx, at, "operator", "set-role", name, role);
      });
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;

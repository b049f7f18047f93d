/**
 * Pairing: how a stranger becomes a contact. A stranger gets an expiring, single-use code; the owner approves
 * it out of band (CLI, gateway control client, or the owner's own chat). State lives in SQLite.
 *
 * Owner designation is explicit: an approval makes the sender the channel's owner only when the caller passes
 * `claimOwner: true` (`warden pairing approve CHANNEL CODE --owner`), never by being first. Callers must not pass
 * it when config `ownerIds` is set. Owners set that way are recorded as explicit; an owner row without that
 * record came from an older Warden's implicit first-pairing rule, and the audit reports it.
 *
 * Pending codes cannot be exhausted by strangers: a channel holds at most `maxPendingPerChannel` codes and,
 * when full, a new sender still gets a code and the OLDEST pending code is evicted (its sender gets a new one
 * by writing again, within the per-sender limit). Holding every slot therefore takes a fresh account per slot
 * faster than the owner approves, and every one of those shows in `warden pairing list`; a real contact is
 * never refused a code.
 */
import type { DatabaseSync } from "node:sqlite";

/** Unambiguous alphabet (no 0/O, 1/I; L stays since 1 and I are gone): 32 symbols, 5 bits each, so 8 characters carry 40 bits. */
export const PairingAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const PairingCodeLength = 8;

export type PairingLimits = {
  /** How long a code stays valid. */
  codeTtlMs: number;
  /** Pending (unexpired, unused) codes per channel; beyond it the oldest pending code is evicted. */
  maxPendingPerChannel: number;
  /** Codes issued to one sender within `senderWindowMs`. */
  maxCodesPerSender: number;
  senderWindowMs: number;
  /** How many times one code is re-sent to a sender who writes again, and how far apart. */
  maxResends: number;
  resendIntervalMs: number;
};

export const DefaultPairingLimits: PairingLimits = {
  codeTtlMs: 60 * 60 * 1000,
  maxPendingPerChannel: 20,
  maxCodesPerSender: 3,
  senderWindowMs: 24 * 60 * 60 * 1000,
  maxResends: 2,
  resendIntervalMs: 60 * 1000,
};

export const pairingMigrations: readonly { id: string; sql: string }[] = [
  {
    id: "channels-pairing-001",
    sql: `
CREATE TABLE IF NOT EXISTS pairing_requests (
  channel TEXT NOT NULL,
  code TEXT NOT NULL,
  sender_id TEXT NOT NULL,
  sender_name TEXT,
  chat_id TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_sent_at INTEGER NOT NULL,
  resends INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'revoked')),
  used_at INTEGER,
  used_by TEXT,
  PRIMARY KEY (channel, code)
) STRICT;
CREATE INDEX IF NOT EXISTS pairing_requests_sender ON pairing_requests (channel, sender_id, created_at);
CREATE INDEX IF NOT EXISTS pairing_requests_pending ON pairing_requests (channel, status, expires_at);
CREATE TABLE IF NOT EXISTS pairing_contacts (
  channel TEXT NOT NULL,
  sender_id TEXT NOT NULL,
  sender_name TEXT,
  chat_id TEXT,
  approved_at INTEGER NOT NULL,
  approved_by TEXT NOT NULL,
  PRIMARY KEY (channel, sender_id)
) STRICT;
CREATE TABLE IF NOT EXISTS pairing_owners (
  channel TEXT PRIMARY KEY,
  sender_id TEXT NOT NULL,
  set_at INTEGER NOT NULL,
  set_by TEXT NOT NULL
) STRICT;`,
  },
  {
    id: "channels-pairing-002",
    // Owners designated explicitly (`--owner`); a pairing_owners row without one here is an implicit owner.
    sql: `
CREATE TABLE IF NOT EXISTS pairing_owners_explicit (
  channel TEXT PRIMARY KEY,
  sender_id TEXT NOT NULL
) STRICT;`,
  },
];

export type PairingRequestResult =
  | { kind: "new"; code: string; expiresAt: number; evicted?: { senderId: string } }
  | { kind: "existing"; code: string; expiresAt: number; resend: boolean }
  | { kind: "limited"; reason: { id: string; message: string } };

export type PairedContact = {
  channel: string;
  senderId: string;
  senderName?: string;
  chatId?: string;
  approvedAt: number;
  approvedBy: string;
};

export type PendingPairing = {
  channel: string;
  code: string;
  senderId: string;
  senderName?: string;
  chatId?: string;
  createdAt: number;
  expiresAt: number;
};

export type ApproveError = "unknown" | "expired" | "used" | "invalid" | "self" | "owner_exists";
export type ApproveResult =
  | { ok: true; contact: PairedContact; becameOwner: boolean }
  | { ok: false; error: ApproveError; message: string };

export type PairingListing = {
  pending: PendingPairing[];
  contacts: PairedContact[];
  /** `explicit`: designated with `--owner` (or set from config); false for an owner made by a first pairing. */
  owners: { channel: string; senderId: string; setAt: number; setBy: string; explicit: boolean }[];
};

/** The pairing store. Must never reveal a code to anyone but the sender it was issued to (callers route it). */
export interface PairingStore {
  request(channel: string, senderId: string, opts?: { senderName?: string; chatId?: string }): PairingRequestResult;
  /**
   * `approvedBy` is who approved: `cli`, `control:<client>` or `<channel>:<ownerSenderId>`. The sender becomes the
   * channel's owner only with `claimOwner: true`, and only when the channel has no owner yet.
   */
  approve(channel: string, code: string, approvedBy: string, opts?: { claimOwner?: boolean }): ApproveResult;
  /** Removes a contact (and the owner, if it is them) and voids their pending codes. True if anything changed. */
  revoke(channel: string, senderId: string): boolean;
  list(channel?: string): PairingListing;
  isContact(channel: string, senderId: string): boolean;
  getOwner(channel: string): string | undefined;
  setOwner(channel: string, senderId: string, setBy: string): void;
  getContact(channel: string, senderId: string): PairedContact | undefined;
}

export type PairingStoreDeps = {
  db: DatabaseSync;
  clock: () => number;
  randomBytes: (size: number) => Uint8Array;
  limits?: Partial<PairingLimits>;
};

/** Applies the migrations this module owns. Idempotent. */
export function migratePairingStore(db: DatabaseSync): void {
  for (const m of pairingMigrations) db.exec(m.sql);
}

/** A fresh code: every character drawn uniformly (32 divides 256, so masking a byte is unbiased). */
export function generatePairingCode(randomBytes: (size: number) => Uint8Array): string {
  const bytes = randomBytes(PairingCodeLength);
  if (bytes.length < PairingCodeLength) throw new Error("randomBytes returned too few bytes");
  let code = "";
  for (let i = 0; i < PairingCodeLength; i++) code += PairingAlphabet[(bytes[i] ?? 0) & 31];
  return code;
}

/** Accepts what a human types (`abcd-efgh`, spaces); returns the canonical code or undefined. */
export function normalizePairingCode(input: string): string | undefined {
  const code = input.replace(/[\s-]/g, "").toUpperCase();
  if (code.length !== PairingCodeLength) return undefined;
  for (const ch of code) if (!PairingAlphabet.includes(ch)) return undefined;
  return code;
}

type RequestRow = {
  channel: string; code: string; sender_id: string; sender_name: string | null; chat_id: string | null;
  created_at: number; expires_at: number; last_sent_at: number; resends: number; status: string;
};
type ContactRow = {
  channel: string; sender_id: string; sender_name: string | null; chat_id: string | null;
  approved_at: number; approved_by: string;
};

function toContact(r: ContactRow): PairedContact {
  return {
    channel: r.channel, senderId: r.sender_id, approvedAt: r.approved_at, approvedBy: r.approved_by,
    ...(r.sender_name === null ? {} : { senderName: r.sender_name }),
    ...(r.chat_id === null ? {} : { chatId: r.chat_id }),
  };
}

function toPending(r: RequestRow): PendingPairing {
  return {
    channel: r.channel, code: r.code, senderId: r.sender_id, createdAt: r.created_at, expiresAt: r.expires_at,
    ...(r.sender_name === null ? {} : { senderName: r.sender_name }),
    ...(r.chat_id === null ? {} : { chatId: r.chat_id }),
  };
}

export function createPairingStore(deps: PairingStoreDeps): PairingStore {
  const { db, clock, randomBytes } = deps;
  const limits: PairingLimits = { ...DefaultPairingLimits, ...deps.limits };
  migratePairingStore(db);

  const q = {
    pendingForSender: db.prepare(
      `SELECT * FROM pairing_requests WHERE channel = ? AND sender_id = ? AND status = 'pending' AND expires_at > ?
       ORDER BY created_at DESC LIMIT 1`),
    countPending: db.prepare(
      `SELECT COUNT(*) AS n FROM pairing_requests WHERE channel = ? AND status = 'pending' AND expires_at > ?`),
    countSenderCodes: db.prepare(
      `SELECT COUNT(*) AS n FROM pairing_requests WHERE channel = ? AND sender_id = ? AND created_at > ?`),
    oldestPending: db.prepare(
      `SELECT * FROM pairing_requests WHERE channel = ? AND status = 'pending' AND expires_at > ? ORDER BY created_at, rowid LIMIT 1`),
    evict: db.prepare(`UPDATE pairing_requests SET status = 'revoked' WHERE channel = ? AND code = ? AND status = 'pending'`),
    codeExists: db.prepare(`SELECT 1 AS x FROM pairing_requests WHERE channel = ? AND code = ?`),
    insert: db.prepare(
      `INSERT INTO pairing_requests (channel, code, sender_id, sender_name, chat_id, created_at, expires_at, last_sent_at, resends, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'pending')`),
    markResent: db.prepare(`UPDATE pairing_requests SET resends = resends + 1, last_sent_at = ? WHERE channel = ? AND code = ?`),
    byCode: db.prepare(`SELECT * FROM pairing_requests WHERE channel = ? AND code = ?`),
    markUsed: db.prepare(
      `UPDATE pairing_requests SET status = 'approved', used_at = ?, used_by = ? WHERE channel = ? AND code = ? AND status = 'pending'`),
    upsertContact: db.prepare(
      `INSERT INTO pairing_contacts (channel, sender_id, sender_name, chat_id, approved_at, approved_by) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel, sender_id) DO UPDATE SET sender_name = excluded.sender_name, chat_id = excluded.chat_id,
       approved_at = excluded.approved_at, approved_by = excluded.approved_by`),
    getContact: db.prepare(`SELECT * FROM pairing_contacts WHERE channel = ? AND sender_id = ?`),
    deleteContact: db.prepare(`DELETE FROM pairing_contacts WHERE channel = ? AND sender_id = ?`),
    voidPending: db.prepare(
      `UPDATE pairing_requests SET status = 'revoked' WHERE channel = ? AND sender_id = ? AND status = 'pending'`),
    getOwner: db.prepare(`SELECT sender_id FROM pairing_owners WHERE channel = ?`),
    setOwner: db.prepare(
      `INSERT INTO pairing_owners (channel, sender_id, set_at, set_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (channel) DO UPDATE SET sender_id = excluded.sender_id, set_at = excluded.set_at, set_by = excluded.set_by`),
    insertOwnerIfNone: db.prepare(
      `INSERT INTO pairing_owners (channel, sender_id, set_at, set_by) VALUES (?, ?, ?, ?) ON CONFLICT (channel) DO NOTHING`),
    deleteOwner: db.prepare(`DELETE FROM pairing_owners WHERE channel = ? AND sender_id = ?`),
    markExplicit: db.prepare(
      `INSERT INTO pairing_owners_explicit (channel, sender_id) VALUES (?, ?) ON CONFLICT (channel) DO UPDATE SET sender_id = excluded.sender_id`),
    unmarkExplicit: db.prepare(`DELETE FROM pairing_owners_explicit WHERE channel = ? AND sender_id = ?`),
    listPendingAll: db.prepare(
      `SELECT * FROM pairing_requests WHERE status = 'pending' AND expires_at > ? ORDER BY channel, created_at`),
    listPending: db.prepare(
      `SELECT * FROM pairing_requests WHERE channel = ? AND status = 'pending' AND expires_at > ? ORDER BY created_at`),
    listContactsAll: db.prepare(`SELECT * FROM pairing_contacts ORDER BY channel, approved_at`),
    listContacts: db.prepare(`SELECT * FROM pairing_contacts WHERE channel = ? ORDER BY approved_at`),
    listOwnersAll: db.prepare(
      `SELECT o.*, e.sender_id IS NOT NULL AS explicit FROM pairing_owners o
       LEFT JOIN pairing_owners_explicit e ON e.channel = o.channel AND e.sender_id = o.sender_id ORDER BY o.channel`),
    listOwners: db.prepare(
      `SELECT o.*, e.sender_id IS NOT NULL AS explicit FROM pairing_owners o
       LEFT JOIN pairing_owners_explicit e ON e.channel = o.channel AND e.sender_id = o.sender_id WHERE o.channel = ?`),
  };

  function transaction<T>(fn: () => T): T {
    db.exec("BEGIN IMMEDIATE");
    try {
      const result = fn();
      db.exec("COMMIT");
      return result;
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  }

  function count(stmt: ReturnType<DatabaseSync["prepare"]>, ...args: (string | number)[]): number {
    const row = stmt.get(...args) as { n: number } | undefined;
    return row?.n ?? 0;
  }

  function freshCode(channel: string): string {
    // Collisions are ~1 in 2^40 per pending code; a bounded retry keeps the primary key honest.
    for (let attempt = 0; attempt < 8; attempt++) {
      const code = generatePairingCode(randomBytes);
      if (q.codeExists.get(channel, code) === undefined) return code;
    }
    throw new Error("could not generate a unique pairing code; is randomBytes random?");
  }

  return {
    request(channel, senderId, opts = {}) {
      return transaction((): PairingRequestResult => {
        const now = clock();
        const existing = q.pendingForSender.get(channel, senderId, now) as RequestRow | undefined;
        if (existing !== undefined) {
          const resend = existing.resends < limits.maxResends && now - existing.last_sent_at >= limits.resendIntervalMs;
          if (resend) q.markResent.run(now, channel, existing.code);
          return { kind: "existing", code: existing.code, expiresAt: existing.expires_at, resend };
        }
        if (count(q.countSenderCodes, channel, senderId, now - limits.senderWindowMs) >= limits.maxCodesPerSender) {
          return { kind: "limited", reason: { id: "pairing.sender_limit", message: "this sender has asked for too many codes; try later" } };
        }
        // INVARIANT: a full channel never refuses a new sender; the oldest pending code makes room.
        let evicted: { senderId: string } | undefined;
        if (count(q.countPending, channel, now) >= limits.maxPendingPerChannel) {
          const oldest = q.oldestPending.get(channel, now) as RequestRow | undefined;
          if (oldest !== undefined) {
            q.evict.run(channel, oldest.code);
            evicted = { senderId: oldest.sender_id };
          }
        }
        const code = freshCode(channel);
        const expiresAt = now + limits.codeTtlMs;
        q.insert.run(channel, code, senderId, opts.senderName ?? null, opts.chatId ?? null, now, expiresAt, now);
        return { kind: "new", code, expiresAt, ...(evicted ? { evicted } : {}) };
      });
    },

    approve(channel, input, approvedBy, opts = {}) {
      const code = normalizePairingCode(input);
      if (code === undefined) {
        return { ok: false, error: "invalid", message: `\`${input.slice(0, 32)}\` is not a pairing code (8 letters/digits)` };
      }
      return transaction((): ApproveResult => {
        const now = clock();
        const row = q.byCode.get(channel, code) as RequestRow | undefined;
        if (row === undefined) {
          return { ok: false, error: "unknown", message: `no pairing request with code \`${code}\` on \`${channel}\`; check \`warden pairing list\`` };
        }
        if (row.status !== "pending") {
          return { ok: false, error: "used", message: `pairing code \`${code}\` was already used or revoked; ask the sender to write again for a new one` };
        }
        if (row.expires_at <= now) {
          return { ok: false, error: "expired", message: `pairing code \`${code}\` expired; ask the sender to write again for a new one` };
        }
        // INVARIANT: the requester never approves themselves, whatever path the approval came through.
        if (approvedBy === `${channel}:${row.sender_id}`) {
          return { ok: false, error: "self", message: "a pairing request cannot be approved by the sender who made it" };
        }
        const currentOwner = (q.getOwner.get(channel) as { sender_id: string } | undefined)?.sender_id;
        if (opts.claimOwner === true && currentOwner !== undefined && currentOwner !== row.sender_id) {
          return { ok: false, error: "owner_exists", message: `\`${channel}\` already has an owner (\`${currentOwner}\`); approve without --owner, or revoke the owner first` };
        }
        // INVARIANT: a code is consumed exactly once; the conditional update is the single-use check.
        const changed = q.markUsed.run(now, approvedBy, channel, code).changes;
        if (Number(changed) !== 1) {
          return { ok: false, error: "used", message: `pairing code \`${code}\` was already used` };
        }
        q.upsertContact.run(channel, row.sender_id, row.sender_name, row.chat_id, now, approvedBy);
        let becameOwner = false;
        // INVARIANT: only an explicit designation makes an owner; being the first approval does not.
        if (opts.claimOwner === true) {
          becameOwner = Number(q.insertOwnerIfNone.run(channel, row.sender_id, now, approvedBy).changes) === 1;
          if (becameOwner) q.markExplicit.run(channel, row.sender_id);
        }
        const contact = toContact(q.getContact.get(channel, row.sender_id) as ContactRow);
        return { ok: true, contact, becameOwner };
      });
    },

    revoke(channel, senderId) {
      return transaction(() => {
        const a = Number(q.deleteContact.run(channel, senderId).changes);
        const b = Number(q.voidPending.run(channel, senderId).changes);
        const c = Number(q.deleteOwner.run(channel, senderId).changes);
        q.unmarkExplicit.run(channel, senderId);
        return a + b + c > 0;
      });
    },

    list(channel) {
      const now = clock();
      const pending = (channel === undefined ? q.listPendingAll.all(now) : q.listPending.all(channel, now)) as RequestRow[];
      const contacts = (channel === undefined ? q.listContactsAll.all() : q.listContacts.all(channel)) as ContactRow[];
      const owners = (channel === undefined ? q.listOwnersAll.all() : q.listOwners.all(channel)) as {
        channel: string; sender_id: string; set_at: number; set_by: string; explicit: number;
      }[];
      return {
        pending: pending.map(toPending),
        contacts: contacts.map(toContact),
        owners: owners.map((o) => ({ channel: o.channel, senderId: o.sender_id, setAt: o.set_at, setBy: o.set_by, explicit: o.explicit === 1 })),
      };
    },

    isContact(channel, senderId) {
      return q.getContact.get(channel, senderId) !== undefined;
    },

    getContact(channel, senderId) {
      const row = q.getContact.get(channel, senderId) as ContactRow | undefined;
      return row === undefined ? undefined : toContact(row);
    },

    getOwner(channel) {
      const row = q.getOwner.get(channel) as { sender_id: string } | undefined;
      return row?.sender_id;
    },

    setOwner(channel, senderId, setBy) {
      transaction(() => {
        q.setOwner.run(channel, senderId, clock(), setBy);
        q.markExplicit.run(channel, senderId);
      });
    },
  };
}

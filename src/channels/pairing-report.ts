/**
 * What `warden pairing list [CHANNEL] [--json]` prints. The JSON fields are part of the CLI contract:
 * `{ pending: [{ channel, code, senderId, senderName, createdAt, expiresAt }], contacts: [...], owners: [...] }`
 * with ISO-8601 times.
 */
import type { PairingListing } from "./pairing-store.ts";

export type PairingListJson = {
  pending: { channel: string; code: string; senderId: string; senderName: string | null; createdAt: string; expiresAt: string }[];
  contacts: { channel: string; senderId: string; senderName: string | null; approvedAt: string; approvedBy: string }[];
  owners: { channel: string; senderId: string; setAt: string; setBy: string }[];
};

const iso = (ms: number) => new Date(ms).toISOString();

export function toPairingListJson(listing: PairingListing): PairingListJson {
  return {
    pending: listing.pending.map((p) => ({
      channel: p.channel, code: p.code, senderId: p.senderId, senderName: p.senderName ?? null, createdAt: iso(p.createdAt), expiresAt: iso(p.expiresAt),
    })),
    contacts: listing.contacts.map((c) => ({
      channel: c.channel, senderId: c.senderId, senderName: c.senderName ?? null, approvedAt: iso(c.approvedAt), approvedBy: c.approvedBy,
    })),
    owners: listing.owners.map((o) => ({ channel: o.channel, senderId: o.senderId, setAt: iso(o.setAt), setBy: o.setBy })),
  };
}

// Sender names come from the platform and are attacker-chosen: strip control characters before a terminal sees them.
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "?").slice(0, 64);
}

export function renderPairingList(listing: PairingListing, now: number): string {
  const lines: string[] = [];
  lines.push(listing.pending.length === 0 ? "No pending pairing requests." : "Pending:");
  for (const p of listing.pending) {
    const mins = Math.max(0, Math.round((p.expiresAt - now) / 60_000));
    lines.push(`  ${p.channel}  ${p.code}  ${clean(p.senderName ?? "")} (${clean(p.senderId)})  expires in ${mins} min`);
  }
  if (listing.owners.length > 0) lines.push("Owners:");
  for (const o of listing.owners) lines.push(`  ${o.channel}  ${clean(o.senderId)}  (set by ${clean(o.setBy)})`);
  if (listing.contacts.length > 0) lines.push("Contacts:");
  for (const c of listing.contacts) lines.push(`  ${c.channel}  ${clean(c.senderName ?? "")} (${clean(c.senderId)})  approved by ${clean(c.approvedBy)}`);
  return `${lines.join("\n")}\n`;
}

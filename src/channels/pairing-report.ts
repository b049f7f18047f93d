/**
 * What `warden pairing list [CHANNEL] [--json]` prints. The JSON fields are part of the CLI contract:
 * `{ pending: [{ channel, code, senderId, senderName, createdAt, expiresAt, wouldBecome, ownerWith }], contacts: [...],
 * owners: [{ ..., explicit }] }` with ISO-8601 times. `wouldBecome` is what a plain approval makes the sender
 * (always `contact`); `ownerWith` is the command that would make them the owner instead, or null when the channel
 * already has one (stored or in config `ownerIds`).
 */
import type { PairingListing } from "./pairing-store.ts";
import { blankControls } from "../core/visible-controls.ts";

export type PairingListJson = {
  pending: {
    channel: string; code: string; senderId: string; senderName: string | null; createdAt: string; expiresAt: string;
    wouldBecome: "contact"; ownerWith: string | null;
  }[];
  contacts: { channel: string; senderId: string; senderName: string | null; approvedAt: string; approvedBy: string }[];
  owners: { channel: string; senderId: string; setAt: string; setBy: string; explicit: boolean }[];
};

/** Channels whose owner is set in config (`channels.<ch>.ownerIds`). */
export type ConfiguredOwners = (channel: string) => boolean;

function ownerCommand(listing: PairingListing, configured: ConfiguredOwners, channel: string, code: string): string | null {
  if (configured(channel) || listing.owners.some((o) => o.channel === channel)) return null;
  return `warden pairing approve ${channel} ${code} --owner`;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function toPairingListJson(listing: PairingListing, configured: ConfiguredOwners = () => false): PairingListJson {
  return {
    pending: listing.pending.map((p) => ({
      channel: p.channel, code: p.code, senderId: p.senderId, senderName: p.senderName ?? null, createdAt: iso(p.createdAt), expiresAt: iso(p.expiresAt),
      wouldBecome: "contact" as const, ownerWith: ownerCommand(listing, configured, p.channel, p.code),
    })),
    contacts: listing.contacts.map((c) => ({
      channel: c.channel, senderId: c.senderId, senderName: c.senderName ?? null, approvedAt: iso(c.approvedAt), approvedBy: c.approvedBy,
    })),
    owners: listing.owners.map((o) => ({ channel: o.channel, senderId: o.senderId, setAt: iso(o.setAt), setBy: o.setBy, explicit: o.explicit })),
  };
}

// Sender names come from the platform and are attacker-chosen: strip control characters before a terminal sees them.
function clean(text: string): string {
  return blankControls(text, "?", { oneLine: true }).slice(0, 64);
}

export function renderPairingList(listing: PairingListing, now: number, configured: ConfiguredOwners = () => false): string {
  const lines: string[] = [];
  lines.push(listing.pending.length === 0 ? "No pending pairing requests." : "Pending:");
  for (const p of listing.pending) {
    const mins = Math.max(0, Math.round((p.expiresAt - now) / 60_000));
    lines.push(`  ${p.channel}  ${p.code}  ${clean(p.senderName ?? "")} (${clean(p.senderId)})  expires in ${mins} min  → would become a contact`);
    const owner = ownerCommand(listing, configured, p.channel, p.code);
    if (owner !== null) lines.push(`      ${p.channel} has no owner: \`${owner}\` would make this sender the OWNER instead`);
  }
  if (listing.owners.length > 0) lines.push("Owners:");
  for (const o of listing.owners) lines.push(`  ${o.channel}  ${clean(o.senderId)}  (set by ${clean(o.setBy)}${o.explicit ? "" : "; IMPLICIT: made owner by a first pairing, confirm it in channels." + o.channel + ".ownerIds"})`);
  if (listing.contacts.length > 0) lines.push("Contacts:");
  for (const c of listing.contacts) lines.push(`  ${c.channel}  ${clean(c.senderName ?? "")} (${clean(c.senderId)})  approved by ${clean(c.approvedBy)}`);
  return `${lines.join("\n")}\n`;
}

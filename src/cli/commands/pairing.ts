/**
 * `warden pairing list|approve|revoke`: who may talk to the agent on each channel. Listing and revoking read
 * and change the state database directly (they work with the gateway stopped); approving goes through the
 * running gateway when there is one, so its channel pipeline notifies the sender, and otherwise directly.
 */
import { randomBytes } from "node:crypto";
import { loadContext, type CliContext } from "../context.ts";
import { callGateway, isGatewayDown } from "../gateway-client.ts";
import { WardenError, ErrorCode } from "../../core/errors.ts";
import type { PairingStore } from "../../channels/pairing-store.ts";

async function openPairing(ctx: CliContext): Promise<{ store: PairingStore; close(): void }> {
  const [{ openStateDatabase }, { createPairingStore }] = await Promise.all([import("../../app/migrations.ts"), import("../../channels/pairing-store.ts")]);
  const db = openStateDatabase(ctx.paths);
  return { store: createPairingStore({ db, clock: Date.now, randomBytes }), close: () => db.close() };
}

export async function pairingList(channel: string | undefined, options: { json?: boolean }): Promise<number> {
  const ctx = loadContext();
  const { toPairingListJson, renderPairingList } = await import("../../channels/pairing-report.ts");
  const { store, close } = await openPairing(ctx);
  try {
    const listing = store.list(channel);
    const { channelPolicies } = await import("../../app/channels-wiring.ts");
    const policies = channelPolicies(ctx.config, []);
    const configured = (ch: string) => (policies.get(ch)?.ownerIds?.length ?? 0) > 0;
    process.stdout.write(options.json ? `${JSON.stringify(toPairingListJson(listing, configured))}\n` : renderPairingList(listing, Date.now(), configured));
    return 0;
  } finally {
    close();
  }
}

type Approved = { ok: true; contact: { channel: string; senderId: string; senderName?: string; chatId?: string }; becameOwner: boolean };

function report(r: Approved, via: string, notified: string): void {
  const who = `${r.contact.senderName ? `${r.contact.senderName.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?").slice(0, 64)} ` : ""}(${r.contact.senderId})`;
  process.stdout.write(`Paired ${who} on ${r.contact.channel}${r.becameOwner ? " as the owner" : ""} ${via}.${notified}\n`);
}

async function approveDirectly(ctx: CliContext, channel: string, code: string, notify: boolean, asOwner: boolean): Promise<number> {
  const [{ channelPolicies, buildChannelAdapters }, { createLogger }] = await Promise.all([import("../../app/channels-wiring.ts"), import("../../core/logger.ts")]);
  const policy = channelPolicies(ctx.config, []).get(channel);
  // As the gateway does: configured owners replace the stored owner, so an approval then never claims ownership.
  if (asOwner && policy?.ownerIds !== undefined && policy.ownerIds.length > 0) {
    throw new WardenError(ErrorCode.BadRequest, `\`${channel}\` has its owner in config (channels.${channel}.ownerIds); approve without --owner`);
  }
  const claimOwner = asOwner;
  const { store, close } = await openPairing(ctx);
  let result;
  try {
    result = store.approve(channel, code, "cli", { claimOwner });
  } finally {
    close();
  }
  if (!result.ok) throw new WardenError(ErrorCode.BadRequest, result.message);
  let notified = "";
  if (notify) {
    const adapter = (await buildChannelAdapters(ctx.config, createLogger({ level: "warn" }), Date.now)).find((a) => a.id === channel);
    if (!adapter) notified = ` Not notified: the \`${channel}\` channel is not enabled in config.`;
    else if (result.contact.chatId === undefined) notified = " Not notified: no chat is known for the sender.";
    else {
      const text = result.becameOwner ? "You are paired, as the owner of this assistant on this channel." : "You are paired. You can now talk to this assistant.";
      try {
        await adapter.send({ chatId: result.contact.chatId, kind: "dm" }, text);
        notified = " The sender was notified.";
      } catch (error) {
        notified = ` Notifying the sender failed: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
  }
  report(result, "(gateway not running: state updated directly)", notified);
  return 0;
}

export async function pairingApprove(channel: string, code: string, options: { notify?: boolean; port?: number; owner?: boolean }): Promise<number> {
  const ctx = loadContext();
  try {
    const r = await callGateway(ctx, "pairing.approve", { channel, code, owner: options.owner === true }, { port: options.port, timeoutMs: 30_000 });
    report(r, "through the running gateway", " The gateway notifies the sender.");
    return 0;
  } catch (error) {
    if (!isGatewayDown(error)) throw error;
  }
  return approveDirectly(ctx, channel, code, options.notify === true, options.owner === true);
}

export async function pairingRevoke(channel: string, sender: string): Promise<number> {
  const ctx = loadContext();
  const { store, close } = await openPairing(ctx);
  try {
    if (!store.revoke(channel, sender)) {
      process.stderr.write(`warden: \`${sender}\` is not paired on ${channel}; see \`warden pairing list ${channel}\`\n`);
      return 1;
    }
    process.stdout.write(`Revoked ${sender} on ${channel}: their messages now need pairing again, and their scheduled jobs stop.\n`);
    return 0;
  } finally {
    close();
  }
}

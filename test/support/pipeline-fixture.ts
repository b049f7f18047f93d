/**
 * One channel adapter behind the real inbound pipeline and a real SQLite pairing store, with a no-op agent that
 * answers every accepted message with `model reply to <principal kind>` and every owner command with
 * `<approve|deny> <id>: done`. For the per-channel end-to-end tests.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import { createPairingStore } from "../../src/channels/pairing-store.ts";
import type { PairingStore } from "../../src/channels/pairing-store.ts";
import { createInboundPipeline } from "../../src/channels/inbound-pipeline.ts";
import type { InboundLogEntry, InboundPipeline } from "../../src/channels/inbound-pipeline.ts";
import type { ChannelAccessPolicy } from "../../src/channels/access-control.ts";
import type { ChannelAdapter, InboundMessage } from "../../src/channels/types.ts";
import type { Principal } from "../../src/core/types.ts";

export type PipelineFixture = {
  store: PairingStore;
  pipeline: InboundPipeline;
  accepted: { msg: InboundMessage; principal: Principal; sessionKey: string }[];
  logs: InboundLogEntry[];
  close(): Promise<void>;
};

/** Starts the pipeline (5 messages per sender per minute; one pairing re-send, 60 s apart). */
export async function startPipelineFixture(options: { adapter: ChannelAdapter; policy: ChannelAccessPolicy; clock: () => number }): Promise<PipelineFixture> {
  const dir = mkdtempSync(join(tmpdir(), `warden-${options.adapter.id}-e2e-`));
  const db = new DatabaseSync(join(dir, "state.db"));
  const store = createPairingStore({ db, clock: options.clock, randomBytes: (n) => randomBytes(n), limits: { maxResends: 1, resendIntervalMs: 60_000 } });
  const accepted: PipelineFixture["accepted"] = [];
  const logs: InboundLogEntry[] = [];
  const pipeline = createInboundPipeline({
    adapters: [options.adapter],
    access: (channel) => (channel === options.adapter.id ? options.policy : undefined),
    pairing: store,
    clock: options.clock,
    log: (e) => logs.push(e),
    rateLimit: { perSenderPerMinute: 5 },
    onAccepted: async (msg, principal, ctx) => {
      accepted.push({ msg, principal, sessionKey: ctx.sessionKey });
      await ctx.reply(`model reply to ${principal.kind}`); // the no-op agent
    },
    onOwnerCommand: async (cmd) => `${cmd.kind} ${cmd.id}: done`,
  });
  await pipeline.start();
  return {
    store, pipeline, accepted, logs,
    async close() {
      await pipeline.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The pairing code in a stranger's reply; throws when there is none. */
export function pairingCodeIn(text: string | undefined): string {
  const m = /Pairing code: ([A-Z2-9]{8})/.exec(text ?? "");
  if (m?.[1] === undefined) throw new Error(`no pairing code in ${text}`);
  return m[1];
}

/**
 * Runs the scheduled jobs that are due, each as a turn of the session that created it, and sends the answer where
 * the job was created. A job never outlives its creator's permissions, and keeps the labels of the turn that
 * created it.
 */
import type { CronStore } from "../cron/store.ts";
import type { PairingStore } from "../channels/pairing-store.ts";
import type { TranscriptStore } from "../sessions/transcripts.ts";
import type { Principal } from "../core/types.ts";
import { senderOf } from "../core/principal.ts";
import { emptySessionLabel } from "../gate/session-label.ts";
import type { MessageChannels } from "../tools/message.ts";
import type { ChatService } from "./chat-service.ts";
import type { TurnRunner } from "./turn-runner.ts";
import type { AuditSink } from "./policy-types.ts";
import { parseStoredLabel } from "./session-label-store.ts";

/** Whether the job's creator still holds the permission to run it: the owner, or a contact still paired. */
export function creatorStillAllowed(creator: Principal, pairing: Pick<PairingStore, "isContact">): boolean {
  if (creator.kind === "owner") return true;
  if (creator.kind !== "contact") return false;
  const sender = senderOf(creator);
  return sender !== undefined && pairing.isContact(creator.channel, sender);
}

/** Runs due jobs once; returns how many were due. */
export function createCronRunner(deps: {
  cron: CronStore;
  pairing: Pick<PairingStore, "isContact">;
  transcripts: Pick<TranscriptStore, "label" | "setLabel">;
  chat: ChatService;
  turns: TurnRunner;
  messages: Pick<MessageChannels, "send">;
  audit: AuditSink;
  clock: () => number;
}): () => Promise<number> {
  const { cron, transcripts, clock, audit } = deps;
  return async () => {
    const due = cron.due(clock());
    for (const job of due) {
      cron.markRun(job.id, clock());
      const creator = job.creator;
      if (!creatorStillAllowed(creator, deps.pairing)) {
        cron.disable(job.id);
        cron.recordResult(job.id, "disabled: its creator no longer holds the permission");
        audit({ kind: "gate", actor: creator.id, summary: `cron job #${job.id} disabled: its creator no longer holds the permission` });
        continue;
      }
      const address = job.address;
      if (address === null) {
        cron.disable(job.id);
        audit({ kind: "gate", actor: creator.id, summary: `cron job #${job.id} disabled: it was stored without the address it answers to` });
        continue;
      }
      // INVARIANT: a job keeps the labels of the turn that created it, forever. A prompt written in an untrusted
      // turn is not the owner's words: it runs as `job:<id>`, and the session carries the creating turn's origins.
      if (job.tainted) {
        const current = parseStoredLabel(transcripts.label(job.sessionKey)) ?? emptySessionLabel;
        transcripts.setLabel(job.sessionKey, { ...current, tainted: true, sources: [...new Set([...current.sources, ...job.taintSources])].slice(-64) });
      }
      // A prompt the model composed in a trusted turn is trusted but not the owner's words: it runs as Warden's own
      // note (`system`), after the owner's words of the creating turn, which name what the owner named.
      const composed = !job.tainted && creator.kind === "owner" && job.ownerWords !== null;
      const source = job.tainted ? `job:${job.id}` : composed ? "system" : creator.kind === "owner" ? "owner" : `contact:${creator.id}`;
      const preamble = composed ? (job.ownerWords ?? []).map((text) => ({ text: `[your words when this job was scheduled]\n${text}`, source: "owner" })) : undefined;
      const outcome = await deps.turns.run(undefined, (signal) => deps.chat.handle({ address, principal: { ...creator }, text: job.prompt, source, signal, ...(preamble && preamble.length > 0 ? { preamble } : {}) }));
      // The job's answer goes where the job was created: the owner's clients, or the creator's own chat.
      const to = address.channel === "webchat" ? "owner" : address.peer;
      const sent = await deps.messages.send(address.channel, to, `[scheduled job #${job.id}] ${outcome.reply}`);
      if (!sent.ok) audit({ kind: "tool", actor: creator.id, summary: `cron job #${job.id} reply not delivered: ${sent.error}` });
      cron.recordResult(job.id, outcome.error ? `failed: ${outcome.error.message}` : sent.ok ? `answered: ${outcome.reply}` : `answer not delivered: ${sent.error}`);
    }
    return due.length;
  };
}

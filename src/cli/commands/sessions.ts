/** `warden sessions list|purge`: what conversations are stored, and deleting them (data minimization). */
import { ErrorCode, WardenError } from "../../core/errors.ts";
import { withOpsState } from "../ops-state.ts";

export function sessionsList(options: { json?: boolean }): Promise<number> {
  return withOpsState(({ transcripts }) => {
    const list = transcripts.listSessions().map((s) => ({ key: s.key, channel: s.channel, updatedAt: new Date(s.updatedAt).toISOString() }));
    if (options.json) process.stdout.write(`${JSON.stringify(list)}\n`);
    else if (list.length === 0) process.stdout.write("No sessions stored.\n");
    else for (const s of list) process.stdout.write(`${s.key}  ${s.channel}  last active ${s.updatedAt}\n`);
    return 0;
  });
}

export function sessionsPurge(options: { session?: string; olderThan?: number; all?: boolean; channel?: string }): Promise<number> {
  const modes = [options.session !== undefined, options.olderThan !== undefined, options.all === true].filter(Boolean).length;
  if (modes !== 1) {
    return Promise.reject(new WardenError(ErrorCode.BadRequest, "say what to purge: exactly one of `--session KEY`, `--older-than 30d` or `--all` (optionally with `--channel NAME`)"));
  }
  return withOpsState(({ ops, transcripts, db }) => {
    const channelFilter = options.channel === undefined ? {} : { channel: options.channel };
    let messages = 0;
    let sessions: number | undefined;
    let what: string;
    if (options.olderThan !== undefined) {
      const beforeTs = Date.now() - options.olderThan;
      const channels = options.channel === undefined ? transcripts.channels() : [options.channel];
      for (const channel of channels) messages += transcripts.pruneBefore(channel, beforeTs);
      what = `messages older than ${new Date(beforeTs).toISOString()}`;
    } else {
      const result = transcripts.purgeSessions({ ...(options.session === undefined ? {} : { sessionKey: options.session }), ...channelFilter });
      messages = result.messages;
      sessions = result.sessions;
      what = options.session === undefined ? "all sessions" : `session \`${options.session}\``;
    }
    if (options.channel !== undefined) what += ` on ${options.channel}`;
    // Purged pages are zeroed (secure_delete); the checkpoint also clears them out of the WAL file.
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    ops.activityLog.append({ kind: "retention", actor: "cli", summary: `purged ${what}: ${messages} message(s)`, data: { messages, sessions: sessions ?? null } });
    process.stdout.write(`Purged ${what}: ${messages} message(s)${sessions === undefined ? "" : ` in ${sessions} session(s)`}.\n`);
    return 0;
  });
}

/** `warden sessions reset KEY`: what the owner's `/new` does, from the command line. */
export function sessionsReset(key: string): Promise<number> {
  return withOpsState(({ ops, transcripts }) => {
    if (!transcripts.listSessions().some((s) => s.key === key) && transcripts.label(key) === undefined) {
      throw new WardenError(ErrorCode.NotFound, `no session \`${key}\`; see \`warden sessions list\``);
    }
    const removed = transcripts.reset(key);
    ops.activityLog.append({ kind: "retention", actor: "cli", summary: `session reset: ${key} (${removed} message(s), labels cleared)`, data: { messages: removed } });
    process.stdout.write(`Reset \`${key}\`: ${removed} message(s) removed, labels cleared.\n`);
    return 0;
  });
}

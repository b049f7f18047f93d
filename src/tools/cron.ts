/** `cron`: schedules a prompt to run later, as the principal that created it and with that turn's taint. */
import { z } from "zod";
import { allow, deny } from "../core/decision.ts";
import type { CronStore } from "../cron/store.ts";
import { nextRunOf } from "../cron/store.ts";
import type { FlowState } from "../gate/types.ts";
import type { SessionAddress } from "../sessions/session-key.ts";
import { clip, defineTool, whole, type GatedTool } from "./gated-tool.ts";
import { textDetail } from "../approvals/approval-detail.ts";
import { ownArg, systemNote } from "../agent/tool.ts";

const args = z.strictObject({
  action: z.enum(["add", "list", "remove"]),
  schedule: z.string().min(1).max(200).optional(),
  prompt: z.string().min(1).max(10_000).optional(),
  id: z.union([z.number().int(), z.string().regex(/^\d+$/)]).optional(),
});

/**
 * The turn's taint at the moment a job is created (the job carries it to every later run), and what the owner
 * typed in the session so far.
 */
export type CronTaintProbe = (sessionKey: string) => { tainted: boolean; sources: string[]; ownerTexts?: readonly string[]; flow?: FlowState };

/** Owner messages kept with a job whose prompt the model composed, and the length kept of each. */
const MaxOwnerWords = 8;
const MaxOwnerWordChars = 2000;

export function createCronTool(deps: { store: CronStore; clock: () => number; taintOf: CronTaintProbe; isOwnerSession?: (address: SessionAddress) => boolean }): GatedTool {
  return defineTool({
    name: "cron",
    description: "Schedule a prompt (`add` with `schedule`: `every 30m`, an ISO time, or a cron expression), `list` jobs, or `remove` one by `id`.",
    schema: args,
    effects: ["schedule"],
    async assess(a, context) {
      if (a.action === "add") {
        if (!a.schedule || !a.prompt) {
          return { facts: { tool: "cron", action: "add", prompt: a.prompt, base: deny("low", { id: "cron.invalid", message: "`add` needs `schedule` and `prompt`" }) }, summary: "cron add (incomplete)", binding: a };
        }
        const next = nextRunOf(a.schedule, deps.clock());
        const base = next.ok ? allow("low", { id: "cron.valid", message: `runs ${next.repeating ? "repeatedly" : "once"}` }) : deny("low", { id: "cron.invalid_schedule", message: next.error });
        return { facts: { tool: "cron", action: "add", prompt: a.prompt, schedule: a.schedule, base }, summary: `schedule ${clip(a.schedule ?? "", 200)}: "${whole(a.prompt ?? "")}"`, binding: { tool: "cron", ...a }, detail: async () => textDetail(`Job prompt (${a.schedule})`, a.prompt ?? "") };
      }
      // Which job a removal stops, among the session's jobs: the gate reads whether the owner's words pick it.
      const jobs = a.action === "remove" ? deps.store.list({ sessionKey: context.sessionKey }) : [];
      const removed = jobs.find((j) => String(j.id) === String(a.id));
      const picked = a.action === "remove" ? { ...(removed ? { removed: removed.prompt } : {}), others: jobs.filter((j) => j !== removed).map((j) => j.prompt) } : {};
      return { facts: { tool: "cron", action: a.action, ...picked, base: allow("none") }, summary: `cron ${a.action}${a.id !== undefined ? ` ${a.id}` : ""}`, binding: { tool: "cron", ...a } };
    },
    async run(a, context) {
      if (a.action === "list") {
        const jobs = deps.store.list({ sessionKey: context.sessionKey });
        const listing = jobs.length === 0 ? "No scheduled jobs." : jobs.map((j) => `#${j.id} ${j.schedule}: ${clip(j.prompt, 80)}`).join("\n");
        // INVARIANT: the owner's own jobs (the owner created each in a turn that was clean, or worded it in their own
        // sentence: owner-job.ts) are the owner's state, as the call arguments that created them were: listing them
        // before "delete the pill reminder" brings no one else's words into the turn. A job any other turn or anyone
        // else created may hold their words: then the whole listing is tool output, not Warden's.
        if (jobs.every((j) => !j.tainted && j.creator.kind === "owner")) return { ...systemNote`${ownArg(listing)}`, isError: false };
        return { content: listing, isError: false, source: "tool:cron" };
      }
      if (a.action === "remove") {
        if (a.id === undefined) return { ...systemNote`\`remove\` needs \`id\`.`, isError: true };
        const removed = deps.store.remove(Number(a.id), context.sessionKey);
        // Whether this session has the job is Warden's own state of this session, not anyone else's words.
        return { ...(removed ? systemNote`Removed job #${ownArg(String(a.id))}.` : systemNote`No job #${ownArg(String(a.id))} in this session.`), isError: !removed };
      }
      // A job answers where it was created: the address built at ingress, never read back from the key.
      if (!context.address) return { ...systemNote`Not scheduled: this session has no address to answer to.`, isError: true };
      const taint = deps.taintOf(context.sessionKey);
      const prompt = a.prompt as string;
      // A prompt the owner did not type is the model's: at each run it is not taken for the owner's words (a URL or
      // a recipient in it stays the model's choice); the owner's own words of this turn go with it.
      const ownerTexts = taint.ownerTexts ?? [];
      // The readers of the owner's words (~20 modules) load with the first job a turn adds, not with the gateway.
      const [{ textTypedByOwner }, { ownerJobReading }] = await Promise.all([import("../gate/provenance.ts"), import("../gate/owner-job.ts")]);
      const typed = context.principal.kind === "owner" && textTypedByOwner(prompt, { ownerTexts: [...ownerTexts] });
      // INVARIANT: a prompt worded in an untrusted turn every word of which the owner typed in the sentence asking for
      // it (owner-job.ts; the gate spent that request on this call) is stored as a clean turn's composed prompt, with
      // that sentence as the owner's words: its runs are trusted, it is never taken for the owner's words.
      const ownerSession = deps.isOwnerSession?.(context.address) ?? false;
      const worded = taint.tainted && context.principal.kind === "owner" && taint.flow !== undefined
        ? ownerJobReading({ principal: context.principal, ownerSession, flow: taint.flow }, prompt, true, a.schedule).binding
        : undefined;
      // INVARIANT: a reminder the owner asked for but the model worded (owner-reminder.ts) stays the untrusted turn's job.
      const wordedByOwner = worded?.modelWorded === true ? undefined : worded;
      const tainted = taint.tainted && wordedByOwner === undefined;
      const ownerWords = wordedByOwner !== undefined ? [wordedByOwner.sentence.slice(0, MaxOwnerWordChars)]
        : !taint.tainted && context.principal.kind === "owner" && !typed ? ownerTexts.slice(-MaxOwnerWords).map((t) => t.slice(0, MaxOwnerWordChars)) : undefined;
      try {
        const job = deps.store.add({ address: context.address, creator: context.principal, tainted, taintSources: tainted ? taint.sources : [], schedule: a.schedule as string, prompt, ...(ownerWords ? { ownerWords } : {}) });
        // The next run is computed from the call's own schedule and the clock.
        return { ...systemNote`Scheduled job #${job.id}; next run ${ownArg(job.nextRun ? new Date(job.nextRun).toISOString() : "never")}.`, isError: false };
      } catch (error) {
        // The store's error is not Warden's sentence: labelled as the tool's output.
        return { content: `Not scheduled: ${error instanceof Error ? error.message : String(error)}`, isError: true, source: "tool:cron" };
      }
    },
  });
}

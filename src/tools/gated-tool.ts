/**
 * A tool behind the gate: `assess` turns arguments into the facts the gate decides over (resolving names,
 * parsing shell, checking paths) without any side effect; `run` performs the action only after the gate
 * allowed it, and re-checks at the moment of use (the fetch pins the checked address, the file layer verifies
 * what it opened).
 */
import type { z } from "zod";
import { ownArg, systemNote, type AgentTool, type ToolContext, type ToolOutput } from "../agent/tool.ts";
import { permitProblem, type DecidedPaths, type Permit } from "../core/permit.ts";
import { allow } from "../core/decision.ts";
import type { EffectClass, ToolFacts } from "../gate/types.ts";
import { textDetail, type ApprovalDetail } from "../approvals/approval-detail.ts";
import { controlMarker, showControls } from "../core/visible-controls.ts";

export type Assessment = {
  facts: ToolFacts;
  /** One line for the approval prompt and the activity log. */
  summary: string;
  /** Everything an approval is bound to; any change voids the approval. */
  binding: unknown;
  /**
   * The full data-bearing part the owner is shown with an approval request (a write's diff, a message's whole
   * text), computed only when the gate asks. Must have no side effect and must not throw.
   */
  detail?: () => Promise<ApprovalDetail | undefined>;
  /** The paths this assessment resolved, to the real path it judged; the permit carries them to `run`. */
  decided?: DecidedPaths;
};

/** `assess` must have no side effect; `run` must not be called unless the gate allowed the same assessment. */
export interface GatedTool extends AgentTool {
  /** What the tool's calls can do; the gate decides by these classes for a tool it has no rule of its own for. */
  readonly effects: readonly EffectClass[];
  assess(args: unknown, context: ToolContext): Promise<Assessment>;
}

/**
 * A tool declared once. The schema's type flows into `assess` and `run`; the arguments are parsed once per call
 * (the loop hands the same arguments object to `assess`, any re-assessment and `run`); `run` is reached only
 * through a permit the gate minted for exactly this call. Without `assess`, the gate decides by `effects` alone.
 */
export type ToolDefinition<S extends z.ZodType> = {
  name: string;
  description: string;
  schema: S;
  effects: readonly EffectClass[];
  /** Facts for the gate; must have no side effect. */
  assess?(args: z.infer<S>, context: ToolContext): Promise<Assessment>;
  /**
   * Runs an allowed call; failures of the action are `{ isError: true }` results, not throws. `decided` is the
   * permit's: where the gate decided the call's paths lead (empty for a tool whose assessment resolves none).
   */
  run(args: z.infer<S>, context: ToolContext, decided: DecidedPaths): Promise<ToolOutput>;
};

export function defineTool<S extends z.ZodType>(def: ToolDefinition<S>): GatedTool {
  // Keyed by the arguments object itself: a permit check on the same object guards a stale entry (any change to
  // the arguments changes their hash, and the call is refused before the parsed value is used).
  const parsed = new WeakMap<object, z.infer<S>>();
  const parse = (raw: unknown): z.infer<S> => {
    if (typeof raw !== "object" || raw === null) return def.schema.parse(raw);
    const known = parsed.get(raw);
    if (known !== undefined) return known;
    const value = def.schema.parse(raw);
    parsed.set(raw, value);
    return value;
  };
  const declared = (args: z.infer<S>): Assessment => {
    const text = JSON.stringify(args) ?? "";
    return { facts: { declared: { name: def.name, effects: def.effects }, base: allow("none"), outbound: text }, summary: `${def.name} ${whole(text)}`, binding: { tool: def.name, args }, detail: async () => textDetail("Arguments", JSON.stringify(args, null, 2) ?? "") };
  };
  return {
    name: def.name,
    description: def.description,
    schema: def.schema,
    effects: def.effects,
    async assess(raw, context) {
      const args = parse(raw);
      return def.assess ? def.assess(args, context) : declared(args);
    },
    async run(raw, context, permit) {
      const refused = refuseWithoutPermit(permit, def.name, raw);
      if (refused !== undefined) return refused;
      // No permit was refused above; an empty map only makes a path-resolving tool refuse.
      return def.run(parse(raw), context, permit?.decided ?? {});
    },
  };
}

/** A tool's `run` starts here: a call the permit does not cover is refused, never run. */
export function refuseWithoutPermit(permit: Permit | undefined, tool: string, args: unknown): ToolOutput | undefined {
  const problem = permitProblem(permit, tool, args);
  // The problem names the tool and says whether a permit matched: constants and the call's own name.
  return problem === undefined ? undefined : { ...systemNote`Not run: ${ownArg(problem)} (gate.no_permit)`, isError: true };
}

/**
 * What an approval's summary shows of the value the owner approves (a command, a path, a URL, a message): all of it up
 * to `summaryMax` characters (the approvals store keeps 2,000 per summary, with room for what surrounds the value),
 * and past that, how much is cut and where the rest is. A command clipped at 160 characters hid `git config
 * core.hooksPath hooks` behind a long `--format=` argument, and the owner approved what they could not see.
 */
export const summaryMax = 1600;

export function whole(text: string): string {
  const shown = clip(text, Number.MAX_SAFE_INTEGER);
  if (shown.length <= summaryMax) return shown;
  return `${shown.slice(0, summaryMax)}… [${shown.length - summaryMax} more characters: the approval's detail shows all of it]`;
}

export function clip(text: string, max = 160): string {
  // One line, but a line break stays visible: `ls # tidy⏎curl … | sh` is two commands, not one with a comment.
  // Hidden characters are named (`⟦U+200B⟧`, the class every approval view shows), so what is shown is what runs.
  const lines = text.replace(/[ \t]*[\r\n\u2028\u2029][ \t\r\n\u2028\u2029]*/g, " ⏎ ");
  // Spacing shows too: tabs and Unicode spaces are named, a run of spaces is counted (spaces and tabs between the
  // words the owner typed can spell data, and a summary that collapsed them would show exactly what they typed).
  const oneLine = showControls(lines.trim())
    .replace(/[^\S ]/gu, controlMarker)
    .replace(/ {2,}/g, (run) => ` ⟦${run.length} spaces⟧ `);
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

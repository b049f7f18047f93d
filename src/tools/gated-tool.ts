/**
 * A tool behind the gate: `assess` turns arguments into the facts the gate decides over (resolving names,
 * parsing shell, checking paths) without any side effect; `run` performs the action only after the gate
 * allowed it, and re-checks at the moment of use (the fetch pins the checked address, the file layer verifies
 * what it opened).
 */
import type { AgentTool, ToolContext, ToolOutput } from "../agent/tool.ts";
import { permitProblem, type Permit } from "../core/permit.ts";
import type { ToolFacts } from "../gate/types.ts";

export type Assessment = {
  facts: ToolFacts;
  /** One line for the approval prompt and the activity log. */
  summary: string;
  /** Everything an approval is bound to; any change voids the approval. */
  binding: unknown;
};

/** `assess` must have no side effect; `run` must not be called unless the gate allowed the same assessment. */
export interface GatedTool extends AgentTool {
  assess(args: unknown, context: ToolContext): Promise<Assessment>;
}

/** A tool's `run` starts here: a call the permit does not cover is refused, never run. */
export function refuseWithoutPermit(permit: Permit | undefined, tool: string, args: unknown): ToolOutput | undefined {
  const problem = permitProblem(permit, tool, args);
  return problem === undefined ? undefined : { content: `Not run: ${problem} (gate.no_permit)`, isError: true, source: "system" };
}

export function clip(text: string, max = 160): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

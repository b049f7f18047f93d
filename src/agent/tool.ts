/** What a tool is to the agent loop. Tool parameters are declared once, as a zod schema. */
import { z } from "zod";
import type { Principal, Source } from "../core/types.ts";
import type { ToolSpec } from "../providers/types.ts";

/** The result a tool hands back. `source` is the provenance of `content` (e.g. `external:https://x.example`). */
export type ToolOutput = { content: string; isError: boolean; source: Source };

export type ToolContext = {
  sessionKey: string;
  principal: Principal;
  signal: AbortSignal;
};

/** Must not throw for failures of the action itself: those are `{ isError: true }` results. */
export interface AgentTool {
  readonly name: string;
  readonly description: string;
  readonly schema: z.ZodType;
  run(args: unknown, context: ToolContext): Promise<ToolOutput>;
}

export function toolSpec(tool: AgentTool): ToolSpec {
  const json = z.toJSONSchema(tool.schema, { target: "draft-7" }) as Record<string, unknown>;
  delete json.$schema;
  return { name: tool.name, description: tool.description, parameters: json };
}

export function toolError(message: string, source: Source = "system"): ToolOutput {
  return { content: message, isError: true, source };
}

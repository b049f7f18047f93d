/** What one red-team run observed: the record that expectations are judged against. */
import type { RecordedRequest } from "../providers/scripted-server.ts";
import type { Placeholders, Scenario } from "./scenario.ts";
import type { RecordedHit } from "./servers.ts";
import type { SentMessage } from "./test-channel.ts";

/** What is at a path, read without following a final symlink. */
export type FileState = { kind: "missing" } | { kind: "file"; content: string } | { kind: "symlink"; target: string } | { kind: "other" };

/** One gate or access decision, as the audit sink saw it. */
export type DecisionRecord = { tool: string; decision: string; risk?: string; reasons: string[]; summary: string; approval?: string; redirect?: boolean };

/** Everything a run observed. */
export type Observation = {
  placeholders: Placeholders;
  /** The scenario's expectations with placeholders substituted. */
  expect: Scenario["expect"];
  /** Each expectation judged before the run's files were removed. */
  checks: { held: boolean; what: string }[];
  attackerHits: RecordedHit[];
  internalHits: RecordedHit[];
  sent: SentMessage[];
  /** The last message sent to the last turn's chat (the sender's DM or the group) since that turn began. */
  reply: string;
  approvalsAsked: number;
  approvalsDenied: number;
  scriptedCalls: number;
  /** Every request the scripted model received, in order: what the model was shown, turn after turn. */
  modelRequests: readonly RecordedRequest[];
  decisions: DecisionRecord[];
  toolRuns: { tool: string; ok: boolean }[];
  initialFiles: Map<string, FileState>;
  workspace: string;
  /** Tool calls each MCP server fixture received, by server name. */
  mcpCalls: Record<string, { tool: string; args: Record<string, unknown> }[]>;
};

/** What a tool is to the agent loop. Tool parameters are declared once, as a zod schema. */
import { z } from "zod";
import type { Principal, Source } from "../core/types.ts";
import type { ToolSpec } from "../providers/types.ts";
import type { Permit } from "../core/permit.ts";
import type { SessionAddress } from "../sessions/session-key.ts";

/** The result a tool hands back. `source` is the provenance of `content` (e.g. `external:https://x.example`). */
export type ToolOutput = {
  content: string;
  isError: boolean;
  source: Source;
  file?: WorkspaceFileRef;
  /** Workspace files the call may have written without naming them (a shell command), found after it ran. */
  changedFiles?: { files: WorkspaceFileRef[]; complete: boolean; window?: { sinceMs: number; untilMs: number } };
  /**
   * The strongest mark on workspace bytes the call could read without naming them (a shell command, a skill's
   * script), taken before it ran (`ToolContext.marksReadable`): its output and what it wrote carry it. `from`
   * says where, for the owner: one file's workspace path, or words for several (`described`).
   */
  readMark?: { mark: ReadMark; from: string; described?: true };
  /**
   * The workspace files a command read as its analysis knows them (globs expanded), workspace-relative; absent when
   * the analysis cannot tell (code it runs, effects it does not know). Whose question they answer is the tracker's call.
   */
  readFiles?: string[];
};

/** The labels of the context some workspace bytes were written from (fs/file-marks.ts `FileMark`). */
export type ReadMark = { confidentiality: "public" | "private" | "secret"; tainted: boolean; unasked?: boolean; outside?: boolean; source?: string };

/**
 * A file the agent wrote from an untrusted context, by its path inside the workspace, and where that context's
 * untrusted content came from. `window`: not one file but whatever a command changed at or below `path` while it ran.
 */
export type UntrustedWrittenFile = { path: string; source?: string; window?: true };

/**
 * The workspace file a result read or wrote, by identity: its real path inside the workspace (however the call
 * spelled it) and the SHA-256 of its whole content (absent when it was too large to hash).
 */
/** `edited`: a partial change; the bytes it did not touch are still what they were (and keep their mark). */
export type WorkspaceFileRef = { realPath: string; sha256?: string; size: number; wrote: boolean; edited?: boolean };

declare const ownArgBrand: unique symbol;
/** Text the model itself put in this call (a path, a recipient, a tool name): quoting it back tells it nothing new. */
export type OwnArg = string & { readonly [ownArgBrand]: true };

/** Marks text as the call's own argument (or computed from the arguments and the clock alone, nothing else). */
export function ownArg(text: string): OwnArg {
  return text as OwnArg;
}

/**
 * A note in Warden's own words: `source: "system"`, which is owner integrity. Only constant text, numbers and the
 * call's own arguments (`ownArg`) can go in; anything else — a file's state, a server's answer, a platform's error,
 * an exception from below — is not Warden's, and its output is labelled by where those bytes came from instead.
 * INVARIANT: this is the one place `source: "system"` is written for a tool result (lint forbids it elsewhere).
 */
export function systemNote(strings: TemplateStringsArray, ...values: readonly (number | OwnArg)[]): { content: string; source: Source } {
  let content = strings[0] ?? "";
  values.forEach((v, i) => {
    content += `${v}${strings[i + 1] ?? ""}`;
  });
  // eslint-disable-next-line no-restricted-syntax -- the helper that makes `system` safe to write
  return { content, source: "system" };
}

export type ToolContext = {
  sessionKey: string;
  /** The session's address as built at ingress (carried, not parsed back from `sessionKey`). */
  address?: SessionAddress;
  principal: Principal;
  signal: AbortSignal;
  /** Asks the gate about a redirect hop of this call (each hop is a new request). Absent means no hop is allowed. */
  authorizeRedirect?(from: string, to: string): Promise<{ ok: true } | { ok: false; message: string }>;
  /**
   * What a message to this audience may carry: links and images that could carry data are removed, secrets withheld
   * inside it; `withheld` (the reason) when none of it may go.
   */
  /**
   * `toOwnChat`: the text goes to the chat this session is (see reply-filter's `TextOrigin`); `recipient`: where it
   * goes, so an approval of this text for that recipient is the one that counts.
   */
  filterOutbound?(text: string, audience: "owner" | "other", toOwnChat?: boolean, recipient?: { channel: string; to: string }): Promise<{ text: string } | { withheld: string }>;
  /**
   * Whether what this call writes must be marked as the agent's (the context is untrusted or holds private data).
   * Absent means yes: a tool that can write without naming files looks for what it changed.
   */
  marksNeeded?(): boolean;
  /**
   * The strongest mark on the agent's bytes at or below `paths` (inside the workspace's real `root`; "" is all of
   * it), checked now, and the marked files (inside the root); `untrusted`: those written from an untrusted context,
   * for the owner. Absent: the policy keeps no marks.
   */
  marksReadable?(root: string, paths: readonly string[]): { mark: ReadMark; files: string[]; untrusted: UntrustedWrittenFile[] } | undefined;
};

/** The per-turn context a policy adds to every tool call (redirect checks, outbound filtering). */
export type ToolContextExtras = Pick<ToolContext, "authorizeRedirect" | "filterOutbound" | "address" | "marksNeeded" | "marksReadable">;

/**
 * Must not throw for failures of the action itself: those are `{ isError: true }` results. `run` must refuse a
 * call its permit does not cover.
 */
export interface AgentTool {
  readonly name: string;
  readonly description: string;
  readonly schema: z.ZodType;
  /** The JSON Schema the model sees, when it is not derived from `schema` (a connected service's own, as approved). */
  readonly parameters?: Record<string, unknown>;
  run(args: unknown, context: ToolContext, permit: Permit): Promise<ToolOutput>;
}

/**
 * A schema's JSON Schema, derived once: it is a pure function of the schema object, and deriving it took a few
 * milliseconds per tool on every model call. Frozen, as every turn shares it.
 */
const derivedParameters = new WeakMap<z.ZodType, Record<string, unknown>>();

export function toolSpec(tool: AgentTool): ToolSpec {
  if (tool.parameters !== undefined) return { name: tool.name, description: tool.description, parameters: tool.parameters };
  let json = derivedParameters.get(tool.schema);
  if (json === undefined) {
    const derived = z.toJSONSchema(tool.schema, { target: "draft-7" }) as Record<string, unknown>;
    delete derived.$schema;
    json = deepFreeze(derived);
    derivedParameters.set(tool.schema, json);
  }
  return { name: tool.name, description: tool.description, parameters: json };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

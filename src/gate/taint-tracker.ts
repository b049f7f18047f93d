/**
 * Provenance for one turn: which sources the session's context holds, what untrusted text it has seen, what
 * workspace data and which secrets were read. Rebuilt from the stored transcript at the start of every turn
 * (the context is what the model sees), then updated after every tool call.
 */
import type { Principal } from "../core/types.ts";
import type { ToolOutput } from "../agent/tool.ts";
import type { LabelledData, TaintState } from "./types.ts";

export type HistoryItem = { role: string; content: string; source: string };

/** Finds secrets in a text and returns their values with a label; used to label what tools read. */
export type SecretLabeler = (text: string, path?: string) => LabelledData[];

const urlPattern = /\bhttps?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d+)?/gi;

export function hostsIn(text: string): string[] {
  return [...text.matchAll(urlPattern)].map((m) => (m[1] as string).toLowerCase().replace(/^\[|\]$/g, ""));
}

function isUntrustedSource(source: string): boolean {
  return source.startsWith("external:") || source.startsWith("contact:") || source.startsWith("stranger:") || source.startsWith("cron-tainted:");
}

export type TaintTracker = {
  state(): TaintState;
  observe(toolName: string, output: ToolOutput): void;
};

export function createTaintTracker(input: {
  history: readonly HistoryItem[];
  principal: Principal;
  userText: string;
  userSource: string;
  label: SecretLabeler;
  baseSecrets: readonly LabelledData[];
  /** Extra sources the turn starts with (a cron job created in a tainted turn). */
  inheritedSources?: readonly string[];
}): TaintTracker {
  const sources = new Set<string>(input.inheritedSources ?? []);
  const ownerHosts = new Set<string>();
  const untrustedTexts: string[] = [];
  const readData: LabelledData[] = [];
  const secrets: LabelledData[] = [...input.baseSecrets];
  let secretRead = false;
  const MAX_ITEMS = 200;

  const take = (source: string, content: string) => {
    if (source === "owner") {
      for (const h of hostsIn(content)) ownerHosts.add(h);
      return;
    }
    if (isUntrustedSource(source)) {
      sources.add(source);
      if (untrustedTexts.length < MAX_ITEMS) untrustedTexts.push(content.slice(0, 64 * 1024));
    }
    if (source.startsWith("tool:")) {
      const path = source.startsWith("tool:read:") ? source.slice("tool:read:".length) : undefined;
      if (readData.length < MAX_ITEMS) readData.push({ label: path ? `file:${path}` : source, value: content.slice(0, 256 * 1024) });
      for (const s of input.label(content, path)) {
        secretRead = true;
        if (secrets.length < MAX_ITEMS * 2) secrets.push(s);
      }
    } else if (source.startsWith("external:") || source.startsWith("contact:")) {
      for (const s of input.label(content)) if (secrets.length < MAX_ITEMS * 2) secrets.push(s);
    }
  };

  for (const item of input.history) take(item.source, item.content);
  // INVARIANT: a turn that inherits taint (a job created in a tainted turn) runs a prompt that untrusted content
  // may have written: the hosts it names are not the owner's, and its text counts as untrusted.
  if ((input.inheritedSources?.length ?? 0) > 0) {
    if (untrustedTexts.length < MAX_ITEMS) untrustedTexts.push(input.userText.slice(0, 64 * 1024));
  } else take(input.userSource, input.userText);

  return {
    state() {
      return {
        tainted: sources.size > 0,
        sources: [...sources],
        ownerHosts: [...ownerHosts],
        untrustedTexts: [...untrustedTexts],
        readData: [...readData],
        secrets: [...secrets],
        secretRead,
      };
    },
    observe(_toolName, output) {
      if (!output.isError || output.source !== "system") take(output.source, output.content);
    },
  };
}

/** A context's labels for gate tests: `sources` alone makes it untrusted, `readData` private, `secretRead` secret. */
import type { FlowState, GateRequest } from "../../src/gate/types.ts";
import { allow } from "../../src/core/decision.ts";

export function flowOf(over: Partial<FlowState> = {}): FlowState {
  const sources = over.sources ?? [];
  const confidentiality = over.secretRead ? "secret" : (over.readData?.length ?? 0) > 0 ? "private" : "public";
  return {
    tainted: sources.length > 0,
    sources,
    sourceHosts: [],
    unnamedSources: sources,
    confidentiality,
    ownerTexts: [],
    ownerUrls: [],
    ownerHosts: [],
    contentUrls: [],
    preSecretUrls: [],
    fileUrls: [],
    untrustedTexts: [],
    readData: [],
    secrets: [],
    secretRead: false,
    linkFetches: 0,
    ...over,
  };
}


/** The owner's own web_fetch of `url` in `flow` (a public address), optionally a redirect's hop from `redirectFrom`. */
export function ownerFetch(url: string, flow: FlowState, redirectFrom?: string): GateRequest {
  return {
    principal: { kind: "owner", id: "telegram:owner-1", channel: "telegram" },
    ownerSession: true,
    grants: "all",
    flow,
    facts: { tool: "web_fetch", url, host: new URL(url).hostname, base: allow("low", { id: "url.public", message: "public" }), ...(redirectFrom ? { redirectFrom } : {}) },
  };
}

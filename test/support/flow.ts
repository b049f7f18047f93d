/** A context's labels for gate tests: `sources` alone makes it untrusted, `readData` private, `secretRead` secret. */
import type { FlowState } from "../../src/gate/types.ts";

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


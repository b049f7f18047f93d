export { decideUrl, decideUrlText, type ResolveHost, type ExemptEndpoint } from "./url-policy.ts";
export { createSystemResolver } from "./resolve-host.ts";
export { createSafeFetch, type SafeFetch } from "./safe-fetch.ts";
// content-text.ts (bodyToText, htmlToReadableText) is imported by file: it loads the HTML converter.
export { createGuardedFetch, type InProcessServers } from "./guarded-fetch.ts";

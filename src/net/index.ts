export { classifyAddress, AddressCategory, type AddressClass } from "./address-policy.ts";
export { decideUrl, type ResolveHost, type ExemptEndpoint, type UrlPolicyOptions, type UrlDecision } from "./url-policy.ts";
export { createSystemResolver } from "./resolve-host.ts";
export { createSafeFetch, type SafeFetch, type SafeFetchOptions, type FetchResult, type FetchFailure, type FetchInit } from "./safe-fetch.ts";
// content-text.ts (bodyToText, htmlToReadableText) is imported by file: it loads the HTML converter.
export type { BodyText } from "./content-text.ts";

/** Maps SDK failures to one clear, secret-free sentence for the owner. */
export function describeProviderError(providerId: string, error: unknown, keyVariable: string): string {
  const e = error as { name?: string; status?: number; message?: string; code?: string };
  if (e?.name === "AbortError" || e?.name === "APIUserAbortError") return "The turn was cancelled.";
  if (e?.name === "APIConnectionTimeoutError") return `The ${providerId} provider did not answer in time; try again or raise providers.timeoutMs.`;
  if (e?.name === "APIConnectionError") return `Could not reach the ${providerId} provider; check the base URL and that the server is running.`;
  const status = typeof e?.status === "number" ? e.status : undefined;
  if (status === 401 || status === 403) return `The ${providerId} provider refused the credentials (HTTP ${status}); check ${keyVariable}.`;
  if (status === 404) return `The ${providerId} provider does not know this model or endpoint (HTTP 404); check WARDEN_MODEL.`;
  if (status === 429) return `The ${providerId} provider is rate-limiting or out of quota (HTTP 429); wait and retry.`;
  if (status !== undefined && status >= 500) return `The ${providerId} provider failed (HTTP ${status}); try again later.`;
  if (status !== undefined) return `The ${providerId} provider rejected the request (HTTP ${status}).`;
  return `The ${providerId} provider's response broke off or could not be read; try again.`;
}

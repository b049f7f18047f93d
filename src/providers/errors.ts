/** Turns a provider failure into one clear, secret-free sentence for the owner that names the cause. */
import type { ProviderFailure, ProviderLimits } from "./call-guard.ts";
import type { AssistantMessage, ProviderEvent, Usage } from "./types.ts";

export type FailureContext = {
  providerId: string;
  /** Scheme, host and path of the server (see `describeEndpoint`); never carries a credential. */
  endpoint: string;
  keyVariable: string;
  limits: ProviderLimits;
};

const seconds = (ms: number) => `${Number.isInteger(ms / 1000) ? ms / 1000 : (ms / 1000).toFixed(1)} s`;

export function describeProviderFailure(failure: ProviderFailure, ctx: FailureContext): string {
  const { providerId, endpoint, keyVariable, limits } = ctx;
  switch (failure.kind) {
    case "aborted":
      return failure.reason ?? "The turn was cancelled.";
    case "connect-timeout":
      return `Could not connect to the model server at ${endpoint} within ${seconds(limits.connectMs)} (providers.connectTimeoutSeconds); check the address and that the server is running.`;
    case "first-byte-timeout":
      return `The model server at ${endpoint} did not answer within ${seconds(limits.firstByteMs)} (providers.firstByteTimeoutSeconds); it may be overloaded or still loading the model. Try again, or raise the limit.`;
    case "idle-timeout":
      return `The model server at ${endpoint} started answering, then sent nothing for ${seconds(limits.idleMs)} (providers.idleTimeoutSeconds); the answer was stopped. Try again.`;
    case "response-timeout":
      return `The model server at ${endpoint} was still answering after ${seconds(limits.responseMs)} (providers.responseTimeoutSeconds); the answer was stopped.`;
    case "unreachable":
      return `Could not reach the model server at ${endpoint}; check the base URL and that the server is running.`;
    case "broken":
      return `The model server at ${endpoint} closed the connection in the middle of its answer; try again.`;
    case "retry-after-too-long":
      return `The ${providerId} provider at ${endpoint} is rate-limiting (HTTP ${failure.status}) and asked to wait ${seconds(failure.retryAfterMs)}, longer than providers.maxRetryAfterSeconds (${seconds(limits.maxRetryAfterMs)}) or the time left for this answer; try again later.`;
    case "http": {
      const status = failure.status;
      if (status === 401 || status === 403) return `The ${providerId} provider refused the credentials (HTTP ${status}); check ${keyVariable}.`;
      if (status === 404) return `The ${providerId} provider does not know this model or endpoint (HTTP 404); check WARDEN_MODEL.`;
      if (status === 429) return `The ${providerId} provider is rate-limiting or out of quota (HTTP 429); wait and retry.`;
      if (status >= 500) return `The ${providerId} provider at ${endpoint} failed (HTTP ${status}); try again later.`;
      return `The ${providerId} provider rejected the request (HTTP ${status}).`;
    }
  }
}

/** The stream's last event for a failed call: what arrived so far, and the failure as one sentence. */
export function failureEvent(failure: ProviderFailure, message: AssistantMessage, usage: Usage, ctx: FailureContext): ProviderEvent {
  return { type: "end", message, usage, stopReason: failure.kind === "aborted" ? "aborted" : "error", errorMessage: describeProviderFailure(failure, ctx) };
}

/**
 * The limits of one provider call, shared by every provider: a deadline per phase (connect, first byte,
 * silence between chunks, the whole response), capped retries with a capped Retry-After, and a classification
 * of what went wrong that names the cause rather than the symptom.
 *
 * Timers are ours, not the SDK's: the SDKs fold every timeout into one error class and honour any Retry-After,
 * so the provider runs with the SDK's retries off and its timeout out of the way, and asks this module instead.
 */
import { Agent, fetch as undiciFetch } from "undici";

export type ProviderLimits = {
  /** TCP (and TLS) connect. */
  connectMs: number;
  /** From sending the request to the response headers. */
  firstByteMs: number;
  /** Longest silence between two pieces of the streamed answer (also from headers to the first piece). */
  idleMs: number;
  /** The whole answer of one model call, from request to last byte. */
  responseMs: number;
  /** Retries of a call that failed before any answer arrived (rate limit, server error, refused connection). */
  maxRetries: number;
  /** A Retry-After longer than this is not waited out: the call fails at once and says how long was asked. */
  maxRetryAfterMs: number;
};

export const defaultProviderLimits: Omit<ProviderLimits, "responseMs"> = {
  connectMs: 10_000,
  firstByteMs: 30_000,
  idleMs: 30_000,
  maxRetries: 2,
  maxRetryAfterMs: 20_000,
};

/** What went wrong with a call, as data; `describeProviderFailure` turns it into a sentence. */
export type ProviderFailure =
  | { kind: "aborted"; reason?: string }
  | { kind: "connect-timeout" }
  | { kind: "first-byte-timeout" }
  | { kind: "idle-timeout" }
  | { kind: "response-timeout" }
  | { kind: "unreachable"; code?: string }
  | { kind: "broken" }
  | { kind: "http"; status: number }
  | { kind: "retry-after-too-long"; status: number; retryAfterMs: number };

/** What the provider learned about an error from its own SDK's classes (instanceof), never from `error.name`. */
export type ErrorFacts = {
  status?: number;
  headers?: { get(name: string): string | null };
  /** The SDK's connection-timeout class: with our own timers armed, only the connect timeout can raise it. */
  connectionTimeout: boolean;
  /** The SDK's connection-error class (refused, reset, DNS). */
  connection: boolean;
};

type ErrorClass = abstract new (...args: never[]) => object;

/** The official SDKs (OpenAI's and Anthropic's) name their error classes alike; each provider passes its own. */
export type SdkErrorClasses = { APIError: ErrorClass; APIConnectionError: ErrorClass; APIConnectionTimeoutError: ErrorClass };

/** What the SDK's own error classes say about a failure (instanceof, never `error.name`). */
export function sdkErrorFacts(error: unknown, classes: SdkErrorClasses): ErrorFacts {
  const api = error instanceof classes.APIError ? (error as { status?: unknown; headers?: ErrorFacts["headers"] }) : undefined;
  return {
    ...(api !== undefined && typeof api.status === "number" ? { status: api.status, headers: api.headers } : {}),
    connectionTimeout: error instanceof classes.APIConnectionTimeoutError,
    connection: error instanceof classes.APIConnectionError,
  };
}

/** How an SDK-backed provider is set up (`providers.*` in config). */
export type SdkProviderOptions = {
  model: string;
  apiKey?: string;
  baseURL?: string;
  /** Deadline for one whole model answer (`providers.responseTimeoutSeconds`). */
  timeoutMs: number;
  maxRetries?: number;
  /** The other per-phase limits; defaults in `defaultProviderLimits`. */
  limits?: Partial<Omit<ProviderLimits, "responseMs" | "maxRetries">>;
  /**
   * The SDK's transport instead of the connection `createProviderFetch` makes: the red-team runner's scripted model
   * answering in process. Everything above the transport (the SDK, the stream parsing, the call's timers) is as with
   * a real model; a real model is always reached through `createProviderFetch`.
   */
  fetch?: typeof globalThis.fetch;
};

export function limitsOf(options: SdkProviderOptions): ProviderLimits {
  return { ...defaultProviderLimits, ...options.limits, responseMs: options.timeoutMs, maxRetries: options.maxRetries ?? defaultProviderLimits.maxRetries };
}

type Phase = "waiting" | "streaming" | "done";

/** Timers for one attempt. `signal` aborts when any of them fires or when the caller's signal does. */
export type CallWatch = {
  signal: AbortSignal;
  /** The response headers arrived: the first-byte timer stops, the idle timer starts. */
  headers(): void;
  /** A piece of the answer arrived: the idle timer starts over. */
  chunk(): void;
  /** Which of our timers fired, if one did. */
  fired(): "first-byte-timeout" | "idle-timeout" | "response-timeout" | undefined;
  /** True once headers arrived (a failure after that is a broken stream, not an unreachable server). */
  started(): boolean;
  dispose(): void;
};

export function watchCall(limits: ProviderLimits, outer: AbortSignal | undefined, deadline: number, now: () => number = Date.now): CallWatch {
  const controller = new AbortController();
  let fired: ReturnType<CallWatch["fired"]>;
  let phase: Phase = "waiting";
  const fire = (why: NonNullable<typeof fired>) => {
    if (fired || phase === "done") return;
    fired = why;
    controller.abort(new Error(why));
  };
  let phaseTimer: NodeJS.Timeout | undefined = setTimeout(() => fire("first-byte-timeout"), limits.firstByteMs);
  // INVARIANT: the response deadline is fixed at the first attempt: retries spend the same budget.
  const overall = setTimeout(() => fire("response-timeout"), Math.max(0, deadline - now()));
  const onOuter = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuter();
  else outer?.addEventListener("abort", onOuter, { once: true });
  const rearmIdle = () => {
    clearTimeout(phaseTimer);
    phaseTimer = setTimeout(() => fire("idle-timeout"), limits.idleMs);
  };
  return {
    signal: controller.signal,
    headers() {
      phase = "streaming";
      rearmIdle();
    },
    chunk() {
      if (phase === "streaming") rearmIdle();
    },
    fired: () => fired,
    started: () => phase !== "waiting",
    dispose() {
      phase = "done";
      clearTimeout(phaseTimer);
      clearTimeout(overall);
      outer?.removeEventListener("abort", onOuter);
    },
  };
}

/** The cause of a failed attempt, in order: the caller's cancel, our timers, the HTTP status, the connection. */
export function classifyFailure(facts: ErrorFacts, watch: CallWatch, outer: AbortSignal | undefined): ProviderFailure {
  if (outer?.aborted) {
    const reason: unknown = outer.reason;
    const said = reason instanceof Error && reason.name !== "AbortError" && reason.name !== "TimeoutError" ? reason.message : undefined;
    return said ? { kind: "aborted", reason: said } : { kind: "aborted" };
  }
  const fired = watch.fired();
  if (fired) return { kind: fired };
  if (facts.status !== undefined) return { kind: "http", status: facts.status };
  if (facts.connectionTimeout) return { kind: "connect-timeout" };
  if (watch.started()) return { kind: "broken" };
  return { kind: "unreachable" };
}

/** Milliseconds the server asked us to wait (`retry-after-ms`, `retry-after` in seconds or as an HTTP date). */
export function retryAfterMs(headers: ErrorFacts["headers"], now: () => number = Date.now): number | undefined {
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers?.get("retry-after")?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number.parseFloat(raw) * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now());
}

/** Whether a failure before any answer may be retried, and after how long; or the failure that ends the call. */
export function retryDecision(failure: ProviderFailure, facts: ErrorFacts, attempt: number, limits: ProviderLimits): { retry: true; waitMs: number } | { retry: false; failure: ProviderFailure } {
  const retryable = failure.kind === "unreachable" || failure.kind === "connect-timeout"
    || (failure.kind === "http" && (failure.status === 408 || failure.status === 409 || failure.status === 429 || failure.status >= 500));
  if (!retryable || attempt >= limits.maxRetries) return { retry: false, failure };
  const asked = failure.kind === "http" ? retryAfterMs(facts.headers) : undefined;
  if (asked !== undefined && asked > limits.maxRetryAfterMs && failure.kind === "http") {
    return { retry: false, failure: { kind: "retry-after-too-long", status: failure.status, retryAfterMs: asked } };
  }
  // Exponential backoff with jitter when the server did not say: 0.5 s, 1 s, 2 s … capped at 8 s.
  const backoff = Math.min(8000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
  return { retry: true, waitMs: asked ?? backoff };
}

/** Waits, unless the signal aborts first (then resolves early; the caller checks the signal). */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * A `fetch` for the SDKs whose connection has our connect timeout. The header and body timeouts of the
 * connection stay as a backstop behind our own timers, which fire first and say which phase stalled.
 */
export function createProviderFetch(limits: ProviderLimits): { fetch: typeof globalThis.fetch; close(): Promise<void> } {
  const backstop = limits.responseMs + 5000;
  const dispatcher = new Agent({ connect: { timeout: limits.connectMs }, headersTimeout: backstop, bodyTimeout: backstop });
  const fetch = ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
    undiciFetch(input, { ...init, dispatcher })) as unknown as typeof globalThis.fetch;
  return { fetch, close: () => dispatcher.close() };
}

/** Where the provider talks to, for messages: scheme, host and path only (no credentials, no query). */
export function describeEndpoint(baseURL: string | undefined, fallback: string): string {
  try {
    const u = new URL(baseURL ?? fallback);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/$/, "")}`;
  } catch {
    return fallback;
  }
}

export type Opened<T> = { ok: true; value: T; watch: CallWatch } | { ok: false; failure: ProviderFailure };

/**
 * Opens a call (`open` resolves once the response headers arrived), retrying what may be retried before any
 * answer came. On success the returned watch is armed for the streaming phase; the caller disposes it.
 */
export async function openWithRetries<T>(
  open: (signal: AbortSignal) => Promise<T>,
  factsOf: (error: unknown) => ErrorFacts,
  limits: ProviderLimits,
  outer: AbortSignal | undefined,
  now: () => number = Date.now,
): Promise<Opened<T>> {
  const deadline = now() + limits.responseMs;
  for (let attempt = 0; attempt <= limits.maxRetries; attempt++) {
    const watch = watchCall(limits, outer, deadline, now);
    try {
      const value = await open(watch.signal);
      watch.headers();
      return { ok: true, value, watch };
    } catch (error) {
      const facts = factsOf(error);
      const failure = classifyFailure(facts, watch, outer);
      watch.dispose();
      const next = retryDecision(failure, facts, attempt, limits);
      if (!next.retry) return { ok: false, failure: next.failure };
      const left = deadline - now();
      if (next.waitMs >= left) {
        const asked = failure.kind === "http" ? retryAfterMs(facts.headers, now) : undefined;
        return { ok: false, failure: failure.kind === "http" && asked !== undefined ? { kind: "retry-after-too-long", status: failure.status, retryAfterMs: asked } : failure };
      }
      await pause(next.waitMs, outer);
      if (outer?.aborted) return { ok: false, failure: classifyFailure({ connection: false, connectionTimeout: false }, watch, outer) };
    }
  }
  // Unreachable: the last attempt always returns from retryDecision.
  return { ok: false, failure: { kind: "unreachable" } };
}

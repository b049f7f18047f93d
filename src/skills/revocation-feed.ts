/**
 * A registry's signed revocation feed, fetched: `warden skills revocations apply URL` once, and the gateway at
 * start and then every `skills.revocationPollMinutes` when `skills.revocationList` is a URL. The feed is the
 * same signed list a file holds (revocations.ts decides whether to accept it); fetching only brings the bytes.
 * A fetch that fails changes nothing: what was applied before stays in force, offline included.
 */
import { WardenError, ErrorCode } from "../core/errors.ts";

/** A revocation list is small; a larger answer is refused. */
const MaxFeedBytes = 16 * 1024 * 1024;

/** The feed's URL for a registry's base URL (or the URL itself when it names a `.json` file); undefined when not http(s). */
export function revocationFeedUrl(source: string): URL | undefined {
  if (!/^https?:\/\//i.test(source)) return undefined;
  const url = new URL(source);
  return url.pathname.endsWith(".json") ? url : new URL("/api/revocations.json", url);
}

export async function fetchRevocationFeed(url: URL, options: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<string> {
  let res: Response;
  try {
    res = await (options.fetch ?? fetch)(url, { redirect: "error", signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  } catch (error) {
    throw new WardenError(ErrorCode.Unavailable, `the revocation feed at ${url.href} could not be fetched (${error instanceof Error ? error.message : String(error)}); what was applied before stays in force`, { retryable: true });
  }
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new WardenError(ErrorCode.Unavailable, `the revocation feed at ${url.href} answered HTTP ${res.status}; what was applied before stays in force`, { retryable: true });
  if (bytes.length > MaxFeedBytes) throw new WardenError(ErrorCode.LimitExceeded, `the revocation feed at ${url.href} is larger than ${MaxFeedBytes} bytes`);
  return bytes.toString("utf8");
}

/**
 * Fetches and applies the feed now and then every `everyMs` (the next poll is scheduled after the previous one
 * ends, so polls never overlap). `apply` and failures go to the caller; this never throws.
 */
export function startRevocationPolling(deps: { url: URL; everyMs: number; apply: (text: string) => void; onError: (error: unknown) => void; fetch?: typeof fetch }): { stop(): void; done: Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const poll = async (): Promise<void> => {
    try {
      deps.apply(await fetchRevocationFeed(deps.url, deps.fetch ? { fetch: deps.fetch } : {}));
    } catch (error) {
      deps.onError(error);
    }
    if (!stopped) {
      timer = setTimeout(() => void poll(), deps.everyMs);
      timer.unref();
    }
  };
  return {
    done: poll(),
    stop: () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

/**
 * A JSON-RPC 2.0 client for the signal-cli daemon's HTTP endpoint (`POST /api/v1/rpc`), and how its failures
 * become channel faults. Never throws anything but a `WardenError` whose `cause` is a `ChannelFault`; the daemon
 * has no credentials of its own, so nothing here is secret (message text is never put in an error).
 */
import { WardenError, ErrorCode, describeError } from "../../core/errors.ts";
import { surelyNotDelivered } from "../channel-health.ts";
import type { ChannelFault } from "../channel-health.ts";

/** signal-cli's own error codes (`JsonRpcResponse.Error` and the command exit codes it maps). */
const SignalErrorCodes = { InvalidParams: -32602, MethodNotFound: -32601, RateLimited: -5, UntrustedIdentity: -3 } as const;

export type SignalRpcError = { code: number; message: string };

export type SignalRpc = {
  /** Calls `method`; `account` is added to the params when the client has one (multi-account daemons). */
  call<T = unknown>(method: string, params?: Record<string, unknown>, options?: { timeoutMs?: number; signal?: AbortSignal }): Promise<T>;
  /** `GET /api/v1/check`: whether the daemon answers. Never throws. */
  check(signal?: AbortSignal): Promise<boolean>;
  readonly baseUrl: string;
};

/** The fault a JSON-RPC error from signal-cli stands for, with what fixes it. */
export function classifySignalRpcError(error: SignalRpcError, method: string): ChannelFault {
  if (error.code === SignalErrorCodes.RateLimited) return { kind: "transient", reason: `Signal is rate limiting the account (${method})` };
  if (error.code === SignalErrorCodes.InvalidParams && /account/i.test(error.message)) {
    return {
      kind: "credential", reason: `signal-cli does not have the account (${error.message})`,
      fix: "link the account with `warden signal link` (or `signal-cli link`), or fix `channels.signal.account`, then restart the gateway",
    };
  }
  if (/not registered|authorization failed|unregistered/i.test(error.message)) {
    return {
      kind: "credential", reason: `Signal no longer accepts this device (${error.message})`,
      fix: "link signal-cli again with `warden signal link`, then restart the gateway",
    };
  }
  return { kind: "transient", reason: `signal-cli answered ${method} with error ${error.code} (${error.message})` };
}

/** `retryable`: the request surely did not reach the daemon, so sending it again cannot duplicate anything. */
function fail(fault: ChannelFault, message: string, retryable = false): never {
  throw new WardenError(ErrorCode.Unavailable, `signal: ${message}${fault.fix ? `; ${fault.fix}` : ""}`, { cause: fault, retryable });
}

export function createSignalRpc(options: { baseUrl: string; account?: string; fetch?: typeof fetch; timeoutMs?: number }): SignalRpc {
  const base = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;
  let nextId = 0;
  return {
    baseUrl: base,
    async check(signal) {
      try {
        const limit = AbortSignal.any([AbortSignal.timeout(options.timeoutMs ?? 10_000), ...(signal ? [signal] : [])]);
        const res = await doFetch(`${base}/api/v1/check`, { signal: limit });
        await res.body?.cancel();
        return res.ok;
      } catch {
        return false;
      }
    },
    async call<T>(method: string, params: Record<string, unknown> = {}, callOptions: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<T> {
      nextId += 1;
      const id = nextId;
      const body = JSON.stringify({ jsonrpc: "2.0", method, id, params: options.account === undefined ? params : { account: options.account, ...params } });
      const limit = AbortSignal.any([AbortSignal.timeout(callOptions.timeoutMs ?? options.timeoutMs ?? 30_000), ...(callOptions.signal ? [callOptions.signal] : [])]);
      let res: Response;
      try {
        res = await doFetch(`${base}/api/v1/rpc`, { method: "POST", headers: { "content-type": "application/json" }, body, signal: limit });
      } catch (error) {
        // `retryable` only when the request surely never reached the daemon: signal-cli has no idempotency key.
        const fault: ChannelFault = { kind: "transient", reason: `cannot reach signal-cli at ${base} (${describeError(error)})`, fix: "start the signal-cli daemon (`signal-cli daemon --http 127.0.0.1:8080`) or check `channels.signal.httpUrl`" };
        fail(fault, fault.reason, surelyNotDelivered(error));
      }
      if (res.status === 201) return undefined as T;
      let parsed: unknown;
      try {
        parsed = await res.json();
      } catch {
        fail({ kind: "transient", reason: `signal-cli answered ${method} with HTTP ${res.status} and no JSON` }, `${method} failed (HTTP ${res.status})`);
      }
      const reply = parsed as { result?: unknown; error?: { code?: unknown; message?: unknown } } | null;
      if (reply !== null && typeof reply === "object" && reply.error !== undefined && reply.error !== null) {
        const error: SignalRpcError = { code: Number(reply.error.code ?? 0), message: String(reply.error.message ?? "unknown error").slice(0, 300) };
        const fault = classifySignalRpcError(error, method);
        fail(fault, `${method} failed: ${fault.reason}`);
      }
      if (!res.ok || reply === null || typeof reply !== "object" || !("result" in reply)) {
        fail({ kind: "transient", reason: `signal-cli answered ${method} with HTTP ${res.status}` }, `${method} failed (HTTP ${res.status})`);
      }
      return reply.result as T;
    },
  };
}

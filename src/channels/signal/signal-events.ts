/**
 * The signal-cli daemon's event stream (`GET /api/v1/events`, Server-Sent Events; each `receive` event's data is one
 * `{ envelope, account }` JSON object). Parsed with `eventsource-parser`. A connection that resolves is open; its
 * `ended` promise settles (never rejects) when the stream ends, errors or goes silent for longer than `idleMs` (the
 * daemon sends a keep-alive comment every 15 s, so silence means a dead connection). `Last-Event-ID` resumes: the
 * daemon replays what it kept since that id.
 */
import { createParser } from "eventsource-parser";
import { WardenError, ErrorCode, describeError } from "../../core/errors.ts";
import type { ChannelFault } from "../channel-health.ts";

export type SignalEvent = { id?: string; event?: string; data: string };

export type SignalEventStream = {
  /** Why the stream ended; a transient fault unless stopped through the signal. */
  ended: Promise<ChannelFault>;
  /** The id of the last event received (to resume from). */
  lastEventId(): string | undefined;
};

export async function openSignalEvents(options: {
  baseUrl: string;
  account?: string;
  lastEventId?: string;
  signal: AbortSignal;
  onEvent: (event: SignalEvent) => void;
  fetch?: typeof fetch;
  connectTimeoutMs?: number;
  idleMs?: number;
  /** Most bytes of one event's data; a longer event ends the stream (default 1 MiB). */
  maxEventBytes?: number;
}): Promise<SignalEventStream> {
  const url = new URL(`${options.baseUrl.replace(/\/+$/, "")}/api/v1/events`);
  if (options.account !== undefined) url.searchParams.set("account", options.account);
  const local = new AbortController();
  const stop = AbortSignal.any([options.signal, local.signal]);
  // The connect timeout covers the response head only: the same signal would also cut the body later.
  const connectTimer = setTimeout(() => local.abort(), options.connectTimeoutMs ?? 15_000);
  let res: Response;
  try {
    res = await (options.fetch ?? fetch)(url, {
      headers: { accept: "text/event-stream", ...(options.lastEventId === undefined ? {} : { "last-event-id": options.lastEventId }) },
      signal: stop,
    });
  } catch (error) {
    local.abort();
    const fault: ChannelFault = { kind: "transient", reason: `cannot open signal-cli's event stream at ${url.origin} (${describeError(error)})`, fix: "start the signal-cli daemon with `--http`, or check `channels.signal.httpUrl`" };
    throw new WardenError(ErrorCode.Unavailable, `signal: ${fault.reason}`, { cause: fault, retryable: true });
  } finally {
    clearTimeout(connectTimer);
  }
  if (!res.ok || res.body === null) {
    await res.body?.cancel();
    const fault: ChannelFault = res.status === 400
      ? { kind: "credential", reason: `signal-cli has no account \`${options.account ?? ""}\` (events answered 400)`, fix: "link the account with `warden signal link`, or fix `channels.signal.account`" }
      : { kind: "transient", reason: `signal-cli's event stream answered HTTP ${res.status}` };
    throw new WardenError(ErrorCode.Unavailable, `signal: ${fault.reason}`, { cause: fault, retryable: true });
  }
  let last = options.lastEventId;
  const maxEventBytes = options.maxEventBytes ?? 1 << 20;
  let oversize = false;
  const parser = createParser({
    onEvent(event) {
      if (event.id !== undefined) last = event.id;
      options.onEvent({ data: event.data, ...(event.id === undefined ? {} : { id: event.id }), ...(event.event === undefined ? {} : { event: event.event }) });
    },
  });
  const body = res.body;
  const ended = (async (): Promise<ChannelFault> => {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let idle: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => local.abort(), options.idleMs ?? 60_000);
    };
    const onStop = () => void reader.cancel().catch(() => undefined);
    stop.addEventListener("abort", onStop, { once: true });
    let pending = 0;
    try {
      arm();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return { kind: "transient", reason: "signal-cli closed the event stream" };
        arm();
        // A line without an end is buffered by the parser; bound it, so a daemon gone wrong cannot fill memory.
        pending = value.includes("\n") ? value.length - value.lastIndexOf("\n") : pending + value.length;
        if (pending > maxEventBytes) {
          oversize = true;
          return { kind: "transient", reason: `signal-cli sent an event larger than ${maxEventBytes} bytes` };
        }
        parser.feed(value);
      }
    } catch (error) {
      if (local.signal.aborted && !options.signal.aborted) return { kind: "transient", reason: "signal-cli's event stream went silent (no keep-alive)" };
      return { kind: "transient", reason: `signal-cli's event stream failed (${describeError(error)})` };
    } finally {
      clearTimeout(idle);
      stop.removeEventListener("abort", onStop);
      if (oversize || local.signal.aborted) await reader.cancel().catch(() => undefined);
      local.abort();
    }
  })();
  return { ended, lastEventId: () => last };
}

/**
 * A scripted model server that speaks the real provider wire protocols on loopback: OpenAI Chat Completions
 * (SSE) and Anthropic Messages (SSE). The red-team runner uses it as the hijacked model; tests use it for
 * streaming, tool calls, errors, slow and broken responses.
 *
 * `fetch` answers the same requests from the same script without a connection: the bytes a provider SDK reads are
 * those the HTTP server sends (status, headers, SSE body), only undici, sockets and Node's HTTP parser are left
 * out (~2.6 of the ~3.1 ms of CPU a scripted model call costs over loopback).
 */
import type { Server, ServerResponse } from "node:http";
import { createServer } from "../core/node-http.ts";
import type { AddressInfo } from "node:net";
import { readBodyLimited } from "../core/read-body.ts";

export type ScriptedToolCall = { name: string; args: unknown };

/** One provider call's answer. */
export type ScriptStep =
  | { reply: string; chunks?: number }
  | { calls: ScriptedToolCall[]; text?: string }
  | { error: { status: number; message: string; /** Sent as the Retry-After header. */ retryAfter?: string } }
  /** Sends part of the stream, then cuts the connection. */
  | { broken: string }
  /** Reads the request and never answers: no status line, no headers (until the client gives up). */
  | { noHeaders: true }
  /** Sends the headers of a stream, then nothing (until the client gives up). */
  | { silentAfterHeaders: true }
  /** Streams text pieces every `everyMs` without ever finishing (until the client gives up; at most 100,000 pieces). */
  | { endless: { everyMs: number } }
  /** Waits before answering (to test timeouts and cancellation). */
  | { delayMs: number; then: ScriptStep };

export type RecordedRequest = { path: string; headers: Record<string, string | string[] | undefined>; body: Record<string, unknown> };

export type ScriptedServer = {
  url: string;
  /**
   * A `fetch` for a provider SDK that reaches this server in process: the same script, the same recorded requests,
   * the same answers (an abort ends the answer as a dropped connection would).
   */
  fetch: typeof globalThis.fetch;
  /** Base URL for the OpenAI SDK (`…/v1`). */
  openaiBaseUrl: string;
  anthropicBaseUrl: string;
  requests: RecordedRequest[];
  /** Replaces the queue of answers; when it runs out the model replies `fallbackReply`. */
  setScript(steps: readonly ScriptStep[]): void;
  close(): Promise<void>;
};

const MAX_BODY = 8 * 1024 * 1024;


function splitText(text: string, parts: number): string[] {
  if (text.length === 0) return [""];
  const size = Math.max(1, Math.ceil(text.length / Math.max(1, parts)));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function openaiEvents(model: string, step: ScriptStep, usage: { input: number; output: number }): string[] {
  const base = { id: "chatcmpl-scripted", object: "chat.completion.chunk", created: 0, model };
  const frames: unknown[] = [];
  if ("reply" in step) {
    for (const part of splitText(step.reply, step.chunks ?? 3)) {
      frames.push({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: part }, finish_reason: null }] });
    }
    frames.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
  } else if ("calls" in step) {
    if (step.text) frames.push({ ...base, choices: [{ index: 0, delta: { content: step.text }, finish_reason: null }] });
    step.calls.forEach((call, index) => {
      const args = JSON.stringify(call.args ?? {});
      const half = Math.floor(args.length / 2);
      frames.push({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index, id: `call_${index}_${call.name}`, type: "function", function: { name: call.name, arguments: args.slice(0, half) } }] }, finish_reason: null }] });
      frames.push({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index, function: { arguments: args.slice(half) } }] }, finish_reason: null }] });
    });
    frames.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] });
  }
  frames.push({ ...base, choices: [], usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output } });
  return [...frames.map((f) => `data: ${JSON.stringify(f)}\n\n`), "data: [DONE]\n\n"];
}

function anthropicEvents(model: string, step: ScriptStep, usage: { input: number; output: number }): string[] {
  const ev = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const out = [ev("message_start", { message: { id: "msg_scripted", type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input, output_tokens: 0 } } })];
  let index = 0;
  let stop = "end_turn";
  const text = "reply" in step ? step.reply : "calls" in step ? (step.text ?? "") : "";
  if (text) {
    out.push(ev("content_block_start", { index, content_block: { type: "text", text: "" } }));
    for (const part of splitText(text, "reply" in step ? (step.chunks ?? 3) : 1)) {
      out.push(ev("content_block_delta", { index, delta: { type: "text_delta", text: part } }));
    }
    out.push(ev("content_block_stop", { index }));
    index++;
  }
  if ("calls" in step) {
    stop = "tool_use";
    step.calls.forEach((call, i) => {
      const args = JSON.stringify(call.args ?? {});
      out.push(ev("content_block_start", { index, content_block: { type: "tool_use", id: `toolu_${i}_${call.name}`, name: call.name, input: {} } }));
      out.push(ev("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: args } }));
      out.push(ev("content_block_stop", { index }));
      index++;
    });
  }
  out.push(ev("message_delta", { delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: usage.output } }));
  out.push(ev("message_stop", {}));
  return out;
}

/** Where an answer goes: an HTTP response, or a stream handed to an in-process `fetch`. */
type AnswerSink = {
  writeHead(status: number, headers: Record<string, string>): AnswerSink;
  flushHeaders(): void;
  write(chunk: string): void;
  end(chunk?: string): void;
  /** Ends the answer as a dropped connection does. */
  cut(): void;
  /** The client is gone (or the answer ended). */
  readonly gone: boolean;
  readonly headersSent: boolean;
  onGone(listener: () => void): void;
};

function httpSink(res: ServerResponse): AnswerSink {
  const sink: AnswerSink = {
    writeHead(status, headers) {
      res.writeHead(status, headers);
      return sink;
    },
    flushHeaders: () => res.flushHeaders(),
    write: (chunk) => void res.write(chunk),
    end: (chunk) => void (chunk === undefined ? res.end() : res.end(chunk)),
    cut: () => void res.socket?.destroy(),
    get gone() {
      return res.destroyed || res.socket?.destroyed === true;
    },
    get headersSent() {
      return res.headersSent;
    },
    onGone: (listener) => void res.on("close", listener),
  };
  return sink;
}

/**
 * A sink whose answer is a `Response` (settled when the headers are sent) with a streamed body. The signal's abort
 * rejects a pending response and errors the body, as undici does when a request is aborted.
 */
function responseSink(signal: AbortSignal | null | undefined): { sink: AnswerSink; response: Promise<Response> } {
  let settle: (r: Response) => void = () => undefined;
  let fail: (e: unknown) => void = () => undefined;
  const response = new Promise<Response>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => finish(),
  });
  const encoder = new TextEncoder();
  let status = 200;
  let headers: Record<string, string> = {};
  let sent = false;
  let gone = false;
  const listeners: (() => void)[] = [];
  const finish = () => {
    if (gone) return;
    gone = true;
    for (const l of listeners.splice(0)) l();
  };
  const send = () => {
    if (sent) return;
    sent = true;
    settle(new Response(body, { status, headers }));
  };
  const onAbort = () => {
    const reason: unknown = signal?.reason ?? new DOMException("This operation was aborted", "AbortError");
    if (!sent) fail(reason);
    if (!gone) controller?.error(reason);
    finish();
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  const sink: AnswerSink = {
    writeHead(s, h) {
      status = s;
      headers = h;
      return sink;
    },
    flushHeaders: send,
    write(chunk) {
      send();
      if (!gone) controller?.enqueue(encoder.encode(chunk));
    },
    end(chunk) {
      if (chunk !== undefined) sink.write(chunk);
      send();
      if (!gone) controller?.close();
      signal?.removeEventListener("abort", onAbort);
      finish();
    },
    cut() {
      send();
      if (!gone) controller?.error(new TypeError("terminated: the scripted server cut the connection"));
      signal?.removeEventListener("abort", onAbort);
      finish();
    },
    get gone() {
      return gone;
    },
    get headersSent() {
      return sent;
    },
    onGone: (listener) => void (gone ? listener() : listeners.push(listener)),
  };
  return { sink, response };
}

async function bodyText(body: BodyInit | null | undefined): Promise<string> {
  if (body === undefined || body === null) return "";
  return typeof body === "string" ? body : await new Response(body).text();
}

export async function startScriptedServer(options: { fallbackReply?: string; usage?: { input: number; output: number } } = {}): Promise<ScriptedServer> {
  let queue: ScriptStep[] = [];
  const requests: RecordedRequest[] = [];
  const usage = options.usage ?? { input: 10, output: 5 };
  const fallback: ScriptStep = { reply: options.fallbackReply ?? "done" };
  const sockets = new Set<import("node:net").Socket>();

  /** Holds a request open without a word until the client hangs up (or the server closes). */
  function untilGone(res: AnswerSink): Promise<void> {
    return new Promise((resolve) => {
      res.onGone(() => resolve());
    });
  }

  async function answer(kind: "openai" | "anthropic", model: string, step: ScriptStep, res: AnswerSink): Promise<void> {
    if ("delayMs" in step) {
      await new Promise((r) => setTimeout(r, step.delayMs));
      if (res.gone) return;
      return answer(kind, model, step.then, res);
    }
    if ("error" in step) {
      const body = kind === "openai"
        ? { error: { message: step.error.message, type: "invalid_request_error", code: null } }
        : { type: "error", error: { type: "api_error", message: step.error.message } };
      res.writeHead(step.error.status, { "content-type": "application/json", ...(step.error.retryAfter !== undefined ? { "retry-after": step.error.retryAfter } : {}) }).end(JSON.stringify(body));
      return;
    }
    if ("noHeaders" in step) return untilGone(res);
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    if ("silentAfterHeaders" in step) {
      res.flushHeaders();
      return untilGone(res);
    }
    if ("endless" in step) {
      const piece = kind === "openai" ? openaiEvents(model, { reply: "more ", chunks: 1 }, usage)[0] : anthropicEvents(model, { reply: "more ", chunks: 1 }, usage);
      if (kind === "anthropic") {
        const start = piece as string[];
        res.write(start[0] ?? "");
        res.write(start[1] ?? "");
      }
      const delta = (kind === "openai" ? (piece as string | undefined) : (piece as string[])[2]) ?? "";
      for (let i = 0; i < 100_000 && !res.gone; i++) {
        res.write(delta);
        await new Promise((r) => setTimeout(r, step.endless.everyMs));
      }
      res.end();
      return;
    }
    if ("broken" in step) {
      const events = kind === "openai" ? openaiEvents(model, { reply: step.broken }, usage) : anthropicEvents(model, { reply: step.broken }, usage);
      res.write(events[0] as string);
      res.cut();
      return;
    }
    const events = kind === "openai" ? openaiEvents(model, step, usage) : anthropicEvents(model, step, usage);
    res.end(events.join(""));
  }

  /** One request, whichever way it came: recorded, then answered with the next step of the script. */
  async function handle(path: string, headers: RecordedRequest["headers"], read: () => Promise<string>, res: AnswerSink): Promise<void> {
    try {
      const raw = await read();
      const body = JSON.parse(raw || "{}") as Record<string, unknown>;
      requests.push({ path, headers, body });
      const model = typeof body.model === "string" ? body.model : "scripted";
      const step = queue.shift() ?? fallback;
      if (path.endsWith("/chat/completions")) await answer("openai", model, step, res);
      else if (path.endsWith("/messages")) await answer("anthropic", model, step, res);
      else res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"not found"}}');
    } catch {
      if (!res.headersSent) res.writeHead(400, { "content-type": "application/json" }).end('{"error":{"message":"bad request"}}');
      else res.end();
    }
  }

  const server: Server = createServer((req, res) => {
    void handle(req.url ?? "/", req.headers, async () => (await readBodyLimited(req, MAX_BODY)).toString("utf8"), httpSink(res));
  });
  // INVARIANT: the server never closes an idle keep-alive connection; `close` ends them all. Node's default closes
  // one after 5 s of wall-clock idleness, and a client in the same process whose event loop was busy that long
  // (the red-team runner starting other scenarios' runtimes on a loaded machine) can reuse it at that instant: the
  // next model call then fails with ECONNRESET, and with the runner's retries off the turn ends early.
  server.keepAliveTimeout = 0;
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let closed = false;
  const live = new Set<AnswerSink>();
  const fetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const target = new URL(request?.url ?? String(input));
    // Only this server's own address is answered in process: anything else is a caller's mistake, refused as a
    // connection that cannot be made.
    if (target.origin !== url) throw new TypeError(`fetch failed: the scripted server answers ${url} only`);
    // A closed server refuses, as its port would.
    if (closed) throw new TypeError("fetch failed: connect ECONNREFUSED (the scripted server is closed)");
    const headers: RecordedRequest["headers"] = Object.fromEntries(new Headers(init?.headers ?? request?.headers));
    const { sink, response } = responseSink(init?.signal ?? request?.signal);
    // INVARIANT: closing the server ends every answer still streaming in process, as destroying its sockets does.
    live.add(sink);
    sink.onGone(() => live.delete(sink));
    void handle(`${target.pathname}${target.search}`, headers, () => bodyText(init?.body ?? request?.body), sink);
    return response;
  }) as typeof globalThis.fetch;
  return {
    url,
    fetch,
    openaiBaseUrl: `${url}/v1`,
    anthropicBaseUrl: url,
    requests,
    setScript(steps) {
      queue = [...steps];
    },
    close() {
      closed = true;
      for (const s of live) s.cut();
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

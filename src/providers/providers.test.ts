/** One shared suite, run against every provider, each talking to a server that speaks its real wire protocol. */
import { describe, test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { startScriptedServer, type ScriptedServer } from "./scripted-server.ts";
import { createOpenAIProvider } from "./openai.ts";
import { createAnthropicProvider } from "./anthropic.ts";
import { selectProvider } from "./select.ts";
import type { Provider, ProviderEvent, ProviderRequest } from "./types.ts";

const tools = [{ name: "read", description: "read a file", parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] } }];

async function collect(provider: Provider, request: Partial<ProviderRequest> = {}): Promise<{ text: string; end: Extract<ProviderEvent, { type: "end" }> }> {
  let text = "";
  let end: Extract<ProviderEvent, { type: "end" }> | undefined;
  for await (const e of provider.stream({ system: "sys", messages: [{ role: "user", content: "hi" }], tools, maxOutputTokens: 100, ...request })) {
    if (e.type === "text") text += e.delta;
    else end = e;
  }
  assert.ok(end, "the stream always ends with an end event");
  return { text, end };
}

type Limits = { timeoutMs?: number; maxRetries?: number; limits?: { firstByteMs?: number; idleMs?: number; maxRetryAfterMs?: number } };

const makers: Record<string, (s: ScriptedServer, timeoutMs?: number, more?: Limits) => Provider> = {
  openai: (s, timeoutMs = 5000, more = {}) => createOpenAIProvider({ model: "m", baseURL: s.openaiBaseUrl, timeoutMs, maxRetries: 0, ...more }),
  anthropic: (s, timeoutMs = 5000, more = {}) => createAnthropicProvider({ model: "m", apiKey: "secret-key-value", baseURL: s.anthropicBaseUrl, timeoutMs, maxRetries: 0, ...more }),
  // The same suite through the scripted server's in-process transport (the red-team runner's): what the SDK reads,
  // and so what the provider does, must not depend on the transport.
  "openai (in process)": (s, timeoutMs = 5000, more = {}) => createOpenAIProvider({ model: "m", baseURL: s.openaiBaseUrl, timeoutMs, maxRetries: 0, ...more, fetch: s.fetch }),
  "anthropic (in process)": (s, timeoutMs = 5000, more = {}) => createAnthropicProvider({ model: "m", apiKey: "secret-key-value", baseURL: s.anthropicBaseUrl, timeoutMs, maxRetries: 0, ...more, fetch: s.fetch }),
};

for (const [name, make] of Object.entries(makers)) {
  describe(`provider ${name}`, () => {
    // A server of its own for each test: a request that the previous test's client gave up on can still be read by
    // a shared server after the next test set its script, and would take that test's step (seen on a loaded
    // machine: the first-byte test's request took the idle test's `silentAfterHeaders`, which then got a reply).
    let server: ScriptedServer;
    beforeEach(async () => {
      server = await startScriptedServer();
    });
    afterEach(async () => server.close());

    test("streams text in pieces and reports usage", async () => {
      server.setScript([{ reply: "Hello world, streamed.", chunks: 5 }]);
      const { text, end } = await collect(make(server));
      assert.equal(text, "Hello world, streamed.");
      assert.equal(end.stopReason, "stop");
      assert.equal(end.message.content, text);
      assert.deepEqual(end.usage, { inputTokens: 10, outputTokens: 5 });
    });

    test("assembles tool calls from streamed fragments", async () => {
      server.setScript([{ calls: [{ name: "read", args: { path: "a.txt" } }, { name: "read", args: { path: "b.txt" } }] }]);
      const { end } = await collect(make(server));
      assert.equal(end.stopReason, "tool_use");
      assert.deepEqual(end.message.toolCalls.map((c) => [c.name, JSON.parse(c.arguments)]), [["read", { path: "a.txt" }], ["read", { path: "b.txt" }]]);
    });

    test("sends the conversation, tools and tool results in the provider's format", async () => {
      server.setScript([{ reply: "ok" }]);
      const before = server.requests.length;
      await collect(make(server), {
        messages: [
          { role: "user", content: "read a" },
          { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "read", arguments: '{"path":"a"}' }] },
          { role: "tool", toolCallId: "c1", name: "read", content: "A", isError: false },
        ],
      });
      const body = server.requests[before]?.body as Record<string, unknown>;
      assert.equal(body.stream, true);
      assert.ok(Array.isArray(body.tools) && body.tools.length === 1);
      assert.match(JSON.stringify(body.messages), /c1/);
    });

    test("an HTTP error ends the turn with a clear message and no secret", async () => {
      server.setScript([{ error: { status: 401, message: "bad key" } }]);
      const { end } = await collect(make(server));
      assert.equal(end.stopReason, "error");
      assert.match(end.errorMessage ?? "", /refused the credentials \(HTTP 401\)/);
      assert.doesNotMatch(end.errorMessage ?? "", /secret-key-value/);
    });

    test("a server error and a broken stream end as errors, never throw", async () => {
      server.setScript([{ error: { status: 500, message: "boom" } }, { broken: "partial answer that never ends" }]);
      assert.equal((await collect(make(server))).end.stopReason, "error");
      assert.equal((await collect(make(server))).end.stopReason, "error");
    });

    test("a slow server hits the response deadline, and the message names the limit", async () => {
      server.setScript([{ delayMs: 2000, then: { reply: "late" } }]);
      const { end } = await collect(make(server, 300));
      assert.equal(end.stopReason, "error");
      assert.match(end.errorMessage ?? "", /providers\.responseTimeoutSeconds/);
    });

    test("a server that never sends headers fails at the first-byte limit, naming the server and the cause", async () => {
      server.setScript([{ noHeaders: true }]);
      const { end } = await collect(make(server, 60_000, { limits: { firstByteMs: 300 } }));
      assert.equal(end.stopReason, "error");
      assert.match(end.errorMessage ?? "", /The model server at http:\/\/127\.0\.0\.1:\d+\S* did not answer within 0\.3 s \(providers\.firstByteTimeoutSeconds\)/);
      assert.doesNotMatch(end.errorMessage ?? "", /broke off|secret-key-value/);
    });

    test("headers then silence fails at the idle limit, not the response deadline", async () => {
      server.setScript([{ silentAfterHeaders: true }]);
      const { end } = await collect(make(server, 60_000, { limits: { firstByteMs: 60_000, idleMs: 300 } }));
      assert.equal(end.stopReason, "error");
      assert.match(end.errorMessage ?? "", /started answering, then sent nothing for 0\.3 s \(providers\.idleTimeoutSeconds\)/);
    });

    test("an endless stream is stopped at the response deadline, keeping what arrived", async () => {
      server.setScript([{ endless: { everyMs: 10 } }]);
      const { text, end } = await collect(make(server, 600, { limits: { idleMs: 5000 } }));
      assert.equal(end.stopReason, "error");
      assert.match(text, /^(more )+$/);
      assert.match(end.errorMessage ?? "", /still answering after 0\.6 s \(providers\.responseTimeoutSeconds\)/);
    });

    test("an endless stream is cancellable, and the cancel's reason is the message", async () => {
      server.setScript([{ endless: { everyMs: 10 } }]);
      const controller = new AbortController();
      let pieces = 0;
      let end: Extract<ProviderEvent, { type: "end" }> | undefined;
      for await (const e of make(server, 60_000).stream({ system: "s", messages: [{ role: "user", content: "hi" }], tools, maxOutputTokens: 10, signal: controller.signal })) {
        if (e.type === "text" && ++pieces === 3) controller.abort(new Error("The gateway is shutting down; the turn was stopped."));
        if (e.type === "end") end = e;
      }
      assert.equal(end?.stopReason, "aborted");
      assert.equal(end?.errorMessage, "The gateway is shutting down; the turn was stopped.");
    });

    test("Retry-After: 90 is not waited out: the turn fails at once and says how long was asked", async () => {
      server.setScript([{ error: { status: 429, message: "slow down", retryAfter: "90" } }, { reply: "never asked for" }]);
      const before = server.requests.length;
      const { end } = await collect(make(server, 60_000, { maxRetries: 2, limits: { maxRetryAfterMs: 5000 } }));
      assert.equal(end.stopReason, "error");
      assert.match(end.errorMessage ?? "", /rate-limiting \(HTTP 429\) and asked to wait 90 s, longer than providers\.maxRetryAfterSeconds \(5 s\)/);
      assert.equal(server.requests.length - before, 1, "no retry");
      server.setScript([]);
    });

    test("a short Retry-After on 503 is honoured and the retry answers", async () => {
      server.setScript([{ error: { status: 503, message: "busy", retryAfter: "0" } }, { reply: "second time lucky" }]);
      const before = server.requests.length;
      const { text, end } = await collect(make(server, 60_000, { maxRetries: 2 }));
      assert.equal(end.stopReason, "stop");
      assert.equal(text, "second time lucky");
      assert.equal(server.requests.length - before, 2);
    });

    test("retries are capped, and credentials errors are never retried", async () => {
      server.setScript([0, 1, 2, 3].map(() => ({ error: { status: 500, message: "down", retryAfter: "0" } })));
      let before = server.requests.length;
      const { end } = await collect(make(server, 60_000, { maxRetries: 2 }));
      assert.equal(end.stopReason, "error");
      assert.match(end.errorMessage ?? "", /failed \(HTTP 500\)/);
      assert.equal(server.requests.length - before, 3, "one call and two retries");
      server.setScript([{ error: { status: 401, message: "bad key" } }, { reply: "never asked for" }]);
      before = server.requests.length;
      await collect(make(server, 60_000, { maxRetries: 2 }));
      assert.equal(server.requests.length - before, 1);
      server.setScript([]);
    });

    test("cancellation ends the stream as aborted", async () => {
      server.setScript([{ delayMs: 2000, then: { reply: "late" } }]);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const { end } = await collect(make(server), { signal: controller.signal });
      assert.equal(end.stopReason, "aborted");
    });

    test("an unreachable server is an error result", async () => {
      const dead = await startScriptedServer();
      await dead.close();
      const { end } = await collect(make(dead));
      assert.equal(end.stopReason, "error");
    });
  });
}

describe("provider selection", () => {
  test("tells the user exactly what to set when no model is configured", () => {
    const choice = selectProvider({ model: undefined, openai: {}, anthropic: {}, timeoutMs: 1000 });
    assert.equal(choice.ok, false);
    assert.match(choice.ok ? "" : choice.message, /WARDEN_MODEL=openai\/<model>.*OPENAI_API_KEY/);
  });
  test("rejects unknown providers and missing credentials", () => {
    assert.equal(selectProvider({ model: "nope/x", openai: {}, anthropic: {}, timeoutMs: 1000 }).ok, false);
    assert.equal(selectProvider({ model: "anthropic/claude", openai: {}, anthropic: {}, timeoutMs: 1000 }).ok, false);
    assert.equal(selectProvider({ model: "openai/local", openai: { baseURL: "http://127.0.0.1:1/v1" }, anthropic: {}, timeoutMs: 1000 }).ok, true);
  });
});

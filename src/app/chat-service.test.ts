import { test } from "node:test";
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { createChatService } from "./chat-service.ts";
import { createTranscriptStore, transcriptMigrations } from "../sessions/transcripts.ts";
import type { Provider, ProviderEvent } from "../providers/types.ts";

test("a turn queued behind another whose client has gone is dropped before it loads history or calls the model", async () => {
  const db = new DatabaseSync(":memory:");
  for (const m of transcriptMigrations) db.exec(m.sql);
  let calls = 0;
  let release = () => undefined as void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const provider: Provider = {
    id: "fake",
    model: "fake",
    async *stream(): AsyncGenerator<ProviderEvent, void, void> {
      calls += 1;
      await gate;
      yield { type: "end", message: { role: "assistant", content: "first", toolCalls: [] }, usage: { inputTokens: 1, outputTokens: 1 }, stopReason: "stop" };
    },
  };
  const store = createTranscriptStore({ db, clock: () => 1 });
  let historyLoads = 0;
  const chat = createChatService({
    provider: () => ({ ok: true, provider }),
    transcripts: { ...store, history: (key, limit) => ((historyLoads += 1), store.history(key, limit)) },
    policy: () => ({ tools: [], hooks: { beforeToolCall: async () => ({ allow: false as const, message: "no tools here" }) }, system: "s" }),
    clock: () => 1,
    maxSteps: 1,
    maxOutputTokens: 10,
  });
  const address = { key: "agent:main:webchat:dm:owner", channel: "webchat", kind: "dm" as const, peer: "owner" };
  const principal = { kind: "owner" as const, id: "gateway:owner", channel: "webchat" };
  const first = chat.handle({ address, principal, text: "one", source: "owner", signal: new AbortController().signal });
  const gone = new AbortController();
  const second = chat.handle({ address, principal, text: "two", source: "owner", signal: gone.signal });
  gone.abort();
  release();
  assert.equal((await first).reply, "first");
  const dropped = await second;
  assert.equal(dropped.error?.code, "CANCELLED");
  assert.equal(calls, 1, "the model was called for the first turn only");
  assert.equal(historyLoads, 1, "the dropped turn loaded no history");
  db.close();
});

test("past agent.maxHistoryChars the model is sent the newest whole turns; the policy still gets the whole window", async () => {
  const db = new DatabaseSync(":memory:");
  for (const m of transcriptMigrations) db.exec(m.sql);
  const store = createTranscriptStore({ db, clock: () => 1 });
  const address = { key: "agent:main:webchat:dm:owner", channel: "webchat", kind: "dm" as const, peer: "owner" };
  const principal = { kind: "owner" as const, id: "gateway:owner", channel: "webchat" };
  // Three stored turns of ~1,000 characters, the oldest with a tool call and its result.
  store.append(address, [
    { message: { role: "user", content: "read a.txt" }, source: "owner", at: 1 },
    { message: { role: "assistant", content: "", toolCalls: [{ id: "t1", name: "read", arguments: "{\"path\":\"a.txt\"}" }] }, source: "model", at: 1 },
    { message: { role: "tool", toolCallId: "t1", name: "read", content: "secret-ish ".repeat(90), isError: false }, source: "file:a.txt", at: 1 },
    { message: { role: "assistant", content: "done", toolCalls: [] }, source: "model", at: 1 },
    { message: { role: "user", content: "second" }, source: "owner", at: 2 },
    { message: { role: "assistant", content: "b".repeat(1000), toolCalls: [] }, source: "model", at: 2 },
    { message: { role: "user", content: "third" }, source: "owner", at: 3 },
    { message: { role: "assistant", content: "c".repeat(1000), toolCalls: [] }, source: "model", at: 3 },
  ]);
  const sent: string[][] = [];
  const provider: Provider = {
    id: "fake",
    model: "fake",
    async *stream(request): AsyncGenerator<ProviderEvent, void, void> {
      sent.push(request.messages.map((m) => m.role === "user" ? `user:${m.content}` : m.role));
      yield { type: "end", message: { role: "assistant", content: "ok", toolCalls: [] }, usage: { inputTokens: 1, outputTokens: 1 }, stopReason: "stop" };
    },
  };
  const policySaw: string[] = [];
  const chat = createChatService({
    provider: () => ({ ok: true, provider }),
    transcripts: store,
    policy: (_request, history) => {
      policySaw.push(...history.map((h) => h.source));
      return { tools: [], hooks: { beforeToolCall: async () => ({ allow: false as const, message: "no tools here" }) }, system: "s" };
    },
    clock: () => 4,
    maxSteps: 1,
    maxOutputTokens: 10,
    maxHistoryChars: 2_100,
  });
  await chat.handle({ address, principal, text: "fourth", source: "owner", signal: new AbortController().signal });
  assert.deepEqual(sent[0], ["user:second", "assistant", "user:third", "assistant", "user:fourth"], "the oldest turn is left out whole, its tool call with its result");
  assert.deepEqual(policySaw, ["owner", "model", "file:a.txt", "model", "owner", "model", "owner", "model"], "the gate's view keeps the file read");
  assert.equal(store.history(address.key).length, 10, "nothing stored is dropped");
  db.close();
});

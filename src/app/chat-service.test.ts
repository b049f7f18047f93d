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

/**
 * The calls of one model answer were composed before any of their results existed: each is decided against the context
 * before the answer, while the session's label still joins every result (createTurnPolicy, src/app/turn-policy.ts, through
 * the whole runtime).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { silentLogger } from "../../src/core/logger.ts";
import { configSchema } from "../../src/config/schema.ts";
import { statePaths, initStateDir } from "../../src/state/home.ts";
import { createRuntime } from "../../src/app/runtime.ts";
import { startScriptedServer } from "../../src/providers/scripted-server.ts";
import { tempDir } from "../support/harness.ts";

test("one answer's fetch is decided without the private file the same answer read; the next answer's is not; the label joins both", async () => {
  const home = tempDir();
  const model = await startScriptedServer();
  const hits: string[] = [];
  const site: Server = createServer((req, res) => {
    hits.push(req.url ?? "");
    res.end("ok");
  });
  await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
  const port = (site.address() as AddressInfo).port;
  const asked: string[] = [];
  const paths = statePaths(join(home.path, "state"), undefined, join(home.path, "keys"));
  initStateDir(paths);
  const runtime = await createRuntime({
    paths,
    config: configSchema.parse({}),
    env: { model: "openai/scripted", openaiBaseUrl: model.openaiBaseUrl, openaiApiKey: "k" },
    clock: Date.now,
    log: silentLogger(),
    providerRetries: 0,
    overrides: { exempt: [{ address: "127.0.0.1", port }], autoAnswer: (v) => (asked.push(v.summary), "deny") },
  });
  const say = (text: string) => runtime.handlers.chat({ text }, () => {}, new AbortController().signal);
  const url = (q: string) => `http://127.0.0.1:${port}/search?q=${q}`;
  try {
    writeFileSync(join(paths.workspace, "notes.txt"), "salary: 98765\n");
    model.setScript([
      { calls: [{ name: "read", args: { path: "notes.txt" } }, { name: "web_fetch", args: { url: url("plumbers") } }] },
      { calls: [{ name: "web_fetch", args: { url: url("electricians") } }] },
      { reply: "done" },
    ]);
    const turn = await say("read notes.txt and look up plumbers");
    assert.deepEqual(hits, ["/search?q=plumbers"], "the batched fetch runs; the next answer's composed fetch asks");
    assert.equal(asked.length, 1);
    assert.match(asked[0] ?? "", /electricians/);
    const label = runtime.transcripts.label(turn.session) as { tainted: boolean; confidentiality: string };
    assert.equal(label.tainted, true);
    assert.equal(label.confidentiality, "private");

    // A batched call that still carries what an earlier call of its answer read had it some other way: refused.
    model.setScript([{ calls: [{ name: "read", args: { path: "notes.txt" } }, { name: "web_fetch", args: { url: url("salary-98765") } }] }, { reply: "done" }]);
    await say("/new");
    await say("read notes.txt and look up plumbers");
    assert.equal(hits.length, 1, "the copy of the file's number is denied, not asked");
    assert.equal(asked.length, 1);
  } finally {
    await runtime.close();
    await model.close();
    await new Promise<void>((r) => site.close(() => r()));
    home.remove();
  }
});

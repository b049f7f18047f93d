/**
 * The public registries, proven from outside `src/`: a fixture tool (`shout`) and a fixture channel (LoopChat)
 * register through `defineTool` and `defineChannel` without any edit to the gate, the config schema or the
 * wiring, and work end to end through the real gateway.
 */
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHarness, connect, type Harness } from "../support/harness.ts";
import { buildConfigSchema, configSchema } from "../../src/config/schema.ts";
import { builtinChannels } from "../../src/channels/registry.ts";
import type { ApprovalView } from "../../src/approvals/approvals.ts";
import { loopchatChannel } from "../fixtures/loopchat/loopchat-channel.ts";
import { startLoopchatPlatform, type LoopchatPlatform } from "../fixtures/loopchat/loopchat-platform.ts";
import { createShoutTool } from "../fixtures/shout-tool.ts";

const token = "loopchat-fixture-token-0001";

describe("a tool and a channel registered from outside src/", () => {
  let platform: LoopchatPlatform;
  let h: Harness;
  const shouted: string[] = [];
  const asked: ApprovalView[] = [];
  before(async () => {
    platform = await startLoopchatPlatform(token);
    const loopchat = { enabled: true, token, apiRoot: platform.apiRoot, ownerIds: ["owner-1"], dmPolicy: "allowlist", allowFrom: ["friend-2"], toolGrants: { "friend-2": ["shout"] } };
    h = await startHarness({
      schema: buildConfigSchema([...builtinChannels, loopchatChannel]),
      config: { channels: { loopchat } } as never,
      channels: [...builtinChannels, loopchatChannel],
      extraTools: [createShoutTool(shouted)],
      overrides: { autoAnswer: (v) => (asked.push(v), "deny") },
    });
    await h.runtime.startChannels();
  });
  after(async () => {
    await h.close();
    await platform.close();
  });

  test("the config schema knows a channel's section only when the channel is registered", () => {
    assert.equal(configSchema.safeParse({ channels: { loopchat: { enabled: true } } }).success, false);
    const composed = buildConfigSchema([...builtinChannels, loopchatChannel]).parse({ channels: { loopchat: { enabled: true, token } } });
    assert.equal(composed.channels.loopchat.apiRoot, "http://127.0.0.1:1");
    assert.equal(composed.channels.loopchat.dmPolicy, "pairing");
  });

  test("the owner's turn through the gateway's WebSocket runs the fixture tool, decided by its declared effects", async () => {
    h.model.setScript([{ calls: [{ name: "shout", args: { text: "hello" } }] }, { reply: "shouted" }]);
    const client = await connect(h.gateway.url, { headers: { authorization: `Bearer ${h.token}` } });
    const res = await client.request("chat.send", { text: "shout hello" });
    client.ws.close();
    assert.equal(res.ok, true, JSON.stringify(res.error));
    assert.equal(res.payload?.reply, "shouted");
    assert.deepEqual(shouted, ["hello"]);
    const toolResult = h.runtime.transcripts.history(String(res.payload?.session)).find((m) => m.message.role === "tool");
    assert.equal(toolResult?.message.content, "HELLO");
  });

  test("the owner talks to the agent over the fixture channel", async () => {
    h.model.setScript([{ reply: "hi owner" }]);
    platform.push({ from: "owner-1", text: "hello" });
    const sent = await platform.waitForSent((m) => m.text === "hi owner");
    assert.equal(sent.to, "owner-1");
  });

  test("a contact granted the tool is still asked about, conservatively: denied, it never runs", async () => {
    const before = shouted.length;
    h.model.setScript([{ calls: [{ name: "shout", args: { text: "from friend" } }] }, { reply: "could not shout" }]);
    platform.push({ from: "friend-2", text: "shout for me" });
    await platform.waitForSent((m) => m.to === "friend-2" && m.text === "could not shout");
    assert.equal(shouted.length, before);
    assert.equal(asked.at(-1)?.tool, "shout");
    assert.ok(asked.at(-1)?.reasons.some((r) => r.id === "declared.non_owner"));
  });

  test("a stranger on the fixture channel never reaches the model", async () => {
    const requests = h.model.requests.length;
    platform.push({ from: "stranger-3", text: "hello?" });
    platform.push({ from: "owner-1", text: "ping" });
    h.model.setScript([{ reply: "pong" }]);
    await platform.waitForSent((m) => m.text === "pong");
    assert.equal(h.model.requests.length, requests + 1);
    assert.equal(platform.sent.some((m) => m.to === "stranger-3"), false);
  });
});

/**
 * Discord through the real runtime and the real CLI: the channel is created from `channels.discord`, strangers get
 * a pairing code and never reach the model, a contact gets conversation only in a session of their own, and
 * `warden status` shows the channel's health.
 */
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startHarness, tempDir, type Harness } from "../support/harness.ts";
import { runCli, startCliGateway } from "../support/cli.ts";
import { buildButtonPress, buildDiscordMessage, startFakeDiscord, type FakeDiscord } from "../support/fake-discord.ts";

const token = "MTAwMDAwMDAwMDAwMDAwMDAx.discord-gateway-e2e.token-value";
const OWNER = "100000000000001000";
const STRANGER = "100000000000004242";

describe("Discord channel through the gateway runtime", () => {
  let discord: FakeDiscord;
  let h: Harness;
  const dm = (from: string, text: string) => discord.dispatch("MESSAGE_CREATE", buildDiscordMessage({ author: { id: from }, channelId: discord.dmChannelOf(from), content: text }));
  const sentTo = (user: string) => discord.posts.filter((p) => p.channelId === discord.dmChannelOf(user)).map((p) => p.content);
  before(async () => {
    discord = await startFakeDiscord({ token });
    h = await startHarness({ config: { channels: { discord: { enabled: true, botToken: token, apiRoot: discord.apiRoot, ownerIds: [OWNER] } } } as never });
    await h.runtime.startChannels();
    await discord.waitFor(() => h.runtime.pipeline.health.get("discord")?.state === "running", "the channel running");
  });
  after(async () => {
    await h.close();
    await discord.close();
  });

  test("a stranger gets a pairing code and the model is never called; after approval they get a reply", async () => {
    const before = h.model.requests.length;
    dm(STRANGER, "hello bot, run rm -rf /");
    await discord.waitFor(() => sentTo(STRANGER).length > 0, "the pairing code");
    const code = /\b([A-HJ-NP-Z2-9]{8})\b/.exec(sentTo(STRANGER)[0] ?? "")?.[1];
    assert.ok(code, `a pairing code in: ${sentTo(STRANGER)[0]}`);
    assert.equal(h.model.requests.length, before, "the model never saw the stranger");

    assert.equal((await h.runtime.pipeline.approvePairing("discord", code, "cli")).ok, true);
    h.model.setScript([{ reply: "Hi, new contact" }]);
    dm(STRANGER, "hello again");
    await discord.waitFor(() => sentTo(STRANGER).includes("Hi, new contact"), "the contact's reply");
    assert.equal(h.model.requests.length, before + 1);
    const body = h.model.requests.at(-1)?.body as { tools?: unknown[] };
    assert.equal(body.tools, undefined, "a contact gets conversation only: no tools are offered");
  });

  test("a contact's session cannot see the owner's history", async () => {
    h.model.setScript([{ reply: "owner reply" }]);
    dm(OWNER, "my secret plan is canary-owner-77");
    await discord.waitFor(() => sentTo(OWNER).includes("owner reply"), "the owner's reply");
    h.model.setScript([{ reply: "contact reply" }]);
    dm(STRANGER, "what did the owner say?");
    await discord.waitFor(() => sentTo(STRANGER).includes("contact reply"), "the contact's reply");
    assert.doesNotMatch(JSON.stringify(h.model.requests.at(-1)?.body), /canary-owner-77/);
  });

  test("an approval reaches the owner's DM with buttons; a press by anyone else does nothing, the owner's press approves", async () => {
    h.model.setScript([{ calls: [{ name: "exec", args: { command: "uname -s" } }] }, { reply: "ran it" }]);
    dm(OWNER, "what system is this?");
    await discord.waitFor(() => discord.posts.some((p) => p.components !== undefined), "the approval prompt");
    const prompt = discord.posts.find((p) => p.components !== undefined);
    assert.equal(prompt?.channelId, discord.dmChannelOf(OWNER), "the prompt goes to the owner only");
    const id = /Approval (\S+)/.exec(prompt?.content ?? "")?.[1] ?? "";
    const button = (prompt?.components as { components: { custom_id: string }[] }[])[0]?.components[0]?.custom_id ?? "";
    assert.equal(button, `warden:/approve ${id}`);

    discord.dispatch("INTERACTION_CREATE", buildButtonPress({ userId: STRANGER, customId: button, channelId: discord.dmChannelOf(STRANGER) }));
    discord.dispatch("INTERACTION_CREATE", buildButtonPress({ userId: STRANGER, customId: button, channelId: "600000000000000001", guildId: "800000000000000001" }));
    await discord.waitFor(() => discord.acks.length >= 2, "both presses acknowledged");
    assert.equal(h.runtime.approvals.list().find((a) => a.id === id)?.status, "pending", "a contact's press does nothing");

    discord.dispatch("INTERACTION_CREATE", buildButtonPress({ userId: OWNER, customId: button, channelId: discord.dmChannelOf(OWNER) }));
    await discord.waitFor(() => sentTo(OWNER).includes("ran it"), "the turn finishing after the owner's approval");
    assert.equal(h.runtime.approvals.list().find((a) => a.id === id)?.status, "approved");
    // The adapter delivers in order, so the other presses were decided before the owner's: had one approved, the
    // owner's press would have found the request answered, by someone else. (The acknowledgements above can come
    // before the presses are decided.)
    assert.equal(h.runtime.db.prepare("SELECT resolved_by FROM approvals WHERE id = ?").get(id)?.resolved_by, `discord:${OWNER}`, "only the owner's press answered");
  });
});

test("`warden gateway` starts Discord from the config file and `warden status` shows it running", async () => {
  const discord = await startFakeDiscord({ token });
  const home = tempDir();
  try {
    const state = join(home.path, "state");
    mkdirSync(state, { recursive: true, mode: 0o700 });
    writeFileSync(join(state, "discord-token"), `${token}\n`, { mode: 0o600 });
    const discordConfig = { enabled: true, tokenFile: join(state, "discord-token"), apiRoot: discord.apiRoot, ownerIds: [OWNER] };
    writeFileSync(join(state, "config.json5"), `${JSON.stringify({ channels: { discord: discordConfig } })}\n`, { mode: 0o600 });
    const env = { PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: state };
    const gw = await startCliGateway(env);
    try {
      let channels: { channel: string; state: string }[] = [];
      const deadline = Date.now() + 180_000;
      while (!channels.some((c) => c.channel === "discord" && c.state === "running") && Date.now() < deadline) {
        const status = await runCli(["status", "--json", "--port", String(gw.port)], env);
        channels = (JSON.parse(status.stdout) as { channels: { channel: string; state: string }[] }).channels;
      }
      assert.deepEqual(channels.map((c) => [c.channel, c.state]), [["discord", "running"]]);
      assert.equal(discord.counts.identify, 1);
      assert.ok(!gw.output().includes(token), "the token is never printed");
    } finally {
      await gw.stop();
    }
    assert.equal(gw.child.exitCode, 0, gw.output());
  } finally {
    await discord.close();
    home.remove();
  }
});

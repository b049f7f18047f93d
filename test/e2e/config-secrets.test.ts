// `warden config get|set` never prints a secret: every field the schema marks secret is masked at any depth
// (a whole channel, a whole provider section, the whole config, --json), in set output and in the drift diff
// of the activity log. Drives bin/warden on a real state directory.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../support/cli.ts";

const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const BOT = "987654:AAH-telegram-bot-token-canary-1";
const OPENAI = "sk-proj-openai-canary-0123456789abcdef";
const ANTHROPIC = "sk-ant-anthropic-canary-0123456789";
const SLACK = "xoxb-slack-canary-0123456789";
const SIGNING = "slack-signing-canary-0123456789";
const ALL = [BOT, OPENAI, ANTHROPIC, SLACK, SIGNING];

function assertNoSecret(text: string, label: string): void {
  for (const s of ALL) assert.ok(!text.includes(s), `${label} printed a secret: ${text}`);
}

const root = mkdtempSync(join(tmpdir(), "warden-config-secrets-"));
dirs.push(root);
const state = join(root, "state");
const env = { PATH: process.env.PATH, HOME: root, WARDEN_HOME: state };
async function cli(...args: string[]) {
  const r = await runCli(args, env);
  assertNoSecret(r.stdout + r.stderr, `warden ${args.join(" ")}`);
  return r;
}

before(async () => {
  assert.equal((await cli("config", "set", "providers.openai.apiKey", OPENAI)).code, 0);
  // A whole section with secret fields inside: the secrets go to the store, never into the file or the output.
  for (const [k, v] of [["channels.slack", { botToken: SLACK, signingSecret: SIGNING, port: 18800 }], ["channels.telegram", { botToken: BOT, enabled: true }]] as const) {
    const section = await cli("config", "set", k, JSON.stringify(v));
    assert.equal(section.code, 0, section.stderr);
  }
  // A plaintext secret the user wrote into the file by hand (it wins over the store).
  const file = join(state, "config.json5");
  const text = readFileSync(file, "utf8");
  assertNoSecret(text, "the config file");
  writeFileSync(file, text.replace(/^\{/, `{ providers: { anthropic: { apiKey: "${ANTHROPIC}" } },`));
});

test("config get masks every secret field at any depth: a channel, the providers, the whole config, --json", async () => {

  const telegram = await cli("config", "get", "channels.telegram");
  assert.equal(telegram.code, 0, telegram.stderr);
  assert.match(telegram.stdout, /\[secret\]/);
  const telegramJson = JSON.parse((await cli("config", "get", "channels.telegram", "--json")).stdout) as { botToken: string; enabled: boolean };
  assert.equal(telegramJson.botToken, "[secret]");
  assert.equal(telegramJson.enabled, true);
  const providers = JSON.parse((await cli("config", "get", "providers", "--json")).stdout) as { openai: { apiKey: string }; anthropic: { apiKey: string } };
  assert.equal(providers.openai.apiKey, "[secret]");
  assert.equal(providers.anthropic.apiKey, "[secret]");
  const slack = JSON.parse((await cli("config", "get", "channels.slack", "--json")).stdout) as { botToken: string; signingSecret: string; port: number };
  assert.deepEqual([slack.botToken, slack.signingSecret, slack.port], ["[secret]", "[secret]", 18800]);
});

test("config get of the whole config, config set output and the logged drift diff are masked", async () => {
  const wholeJson = JSON.parse((await cli("config", "get", "--json")).stdout) as { channels: { telegram: { botToken: string } } };
  assert.equal(wholeJson.channels.telegram.botToken, "[secret]");

  // The hand edit is drift: the next write logs it, masked, and the set output is masked.
  const reset = await cli("config", "set", "providers", JSON.stringify({ anthropic: { apiKey: ANTHROPIC, baseUrl: "http://127.0.0.1:9" } }));
  assert.equal(reset.code, 0, reset.stderr);
  const log = await cli("audit-log", "export");
  assert.equal(log.code, 0, log.stderr);
  assert.match(log.stdout, /changed outside Warden/);
});

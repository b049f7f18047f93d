import { test } from "node:test";
import assert from "node:assert/strict";
import { collectKnownSecrets } from "./known-secrets.ts";
import { configSchema } from "../config/schema.ts";

test("every source once, by value, first name winning; the ring's tokens one by one", () => {
  const config = configSchema.parse({ providers: { openai: { apiKey: "sk-config-openai-1234" } }, channels: { telegram: { botToken: "123:telegram-token-abc" } } });
  const store = {
    list: () => [{ name: "gateway.tokens" }, { name: "providers.openai.apiKey" }],
    get: (name: string) => (name === "gateway.tokens" ? JSON.stringify([{ token: "tok-one-aaaaaaaa" }, { token: "tok-two-bbbbbbbb" }]) : "sk-config-openai-1234"),
  };
  const known = collectKnownSecrets({ config, env: { anthropicApiKey: "sk-ant-env-5678", knownSecrets: [{ name: "env:MY_TOKEN", value: "my-token-value-99" }] }, store });
  assert.deepEqual(known.map((k) => k.name), ["env:MY_TOKEN", "env.ANTHROPIC_API_KEY", "gateway.token", "gateway.token", "providers.openai.apiKey", "channels.telegram.botToken"]);
});

test("credential-named env values given to skills and connected services are known; settings are not", () => {
  const config = configSchema.parse({
    skills: { entries: { weather: { env: { WEATHER_API_KEY: "wk-plum-orbit-7731", UNITS: "metric-units-please" } } } },
    mcp: { servers: { vault: { command: "vault-mcp", env: { VAULT_TOKEN: "hvs.plum-orbit-7731x", LOG_LEVEL: "debug-verbose-1" } } } },
  });
  assert.deepEqual(collectKnownSecrets({ config }).map((k) => k.name), ["skills.entries.weather.env:WEATHER_API_KEY", "mcp.servers.vault.env:VAULT_TOKEN"]);
});

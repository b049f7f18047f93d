import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { chmodSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { makeTempDir } from "../../test/support/temp-dir.ts";
import { defaultConfig, type WardenConfig } from "../config/schema.ts";
import { statePaths } from "../state/home.ts";
import { checkChannels, checkModel, checkPort, checkStatePermissions } from "./doctor-checks.ts";

async function listen(handler: (status: (code: number) => void, auth: string | undefined) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => handler((code) => res.writeHead(code).end("{}"), req.headers.authorization));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const env = (over: Partial<Parameters<typeof checkModel>[0]["env"]>) => ({ knownSecrets: [], ...over }) as Parameters<typeof checkModel>[0]["env"];

test("model: a key the provider accepts is ok, a refused key and a dead address fail with the fix; the key goes only to the provider", async () => {
  const seen: (string | undefined)[] = [];
  const { server, url } = await listen((reply, auth) => {
    seen.push(auth);
    reply(auth === "Bearer good-key" ? 200 : 401);
  });
  try {
    const deps = (key: string) => ({ config: defaultConfig(), env: env({ model: "openai/m", openaiApiKey: key, openaiBaseUrl: `${url}/v1` }), fetch: globalThis.fetch, probeLimits: { connectMs: 30_000, firstByteMs: 30_000 } });
    assert.equal((await checkModel(deps("good-key"))).status, "ok");
    const refused = await checkModel(deps("bad-key"));
    assert.equal(refused.status, "fail");
    assert.match(refused.detail, /refused the API key \(HTTP 401\)/);
    assert.match(refused.fix ?? "", /OPENAI_API_KEY/);
    assert.doesNotMatch(JSON.stringify(refused), /bad-key/, "the key is never printed");
    assert.deepEqual(seen, ["Bearer good-key", "Bearer bad-key"]);
  } finally {
    server.close();
  }
  const dead = await checkModel({ config: defaultConfig(), env: env({ model: "anthropic/m", anthropicBaseUrl: url }), fetch: globalThis.fetch, probeLimits: { connectMs: 30_000, firstByteMs: 30_000 } });
  assert.equal(dead.status, "fail");
  assert.match(dead.fix ?? "", /ANTHROPIC_BASE_URL/);
  const none = await checkModel({ config: defaultConfig(), env: env({}), fetch: globalThis.fetch, probeLimits: { connectMs: 30_000, firstByteMs: 30_000 } });
  assert.equal(none.status, "fail");
  assert.match(none.detail, /WARDEN_MODEL/);
});

test("model: a server that never answers fails naming the configured first-byte limit; Ctrl-C cancels the probe", async () => {
  // Holds every request without an answer until the test ends.
  const held: (() => void)[] = [];
  const server = createServer((_req, res) => held.push(() => res.destroy()));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const deps = { config: defaultConfig(), env: env({ model: "openai/m", openaiBaseUrl: `${url}/v1` }), fetch: globalThis.fetch, probeLimits: { connectMs: 30_000, firstByteMs: 1000 } };
    const silent = await checkModel(deps);
    assert.equal(silent.status, "fail");
    assert.match(silent.detail, /did not answer within 1 s \(providers\.firstByteTimeoutSeconds\)/);
    const cancel = new AbortController();
    const probing = checkModel({ ...deps, probeLimits: { connectMs: 30_000, firstByteMs: 600_000 }, signal: cancel.signal });
    cancel.abort();
    const cancelled = await probing;
    assert.equal(cancelled.status, "warn");
    assert.match(cancelled.detail, /not checked, cancelled/);
  } finally {
    for (const end of held) end();
    server.close();
  }
});

test("port: a port another program holds fails with the command that moves Warden; a free one is ok", async () => {
  const tmp = makeTempDir("doctor");
  const { server, url } = await listen((reply) => reply(200));
  try {
    const config: WardenConfig = { ...defaultConfig(), gateway: { ...defaultConfig().gateway, port: Number(new URL(url).port) } };
    const taken = await checkPort({ config, paths: statePaths(tmp.dir) });
    assert.equal(taken.status, "fail");
    assert.match(taken.fix ?? "", /warden config set gateway\.port \d+/);
  } finally {
    server.close();
  }
  const free = await checkPort({ config: defaultConfig(), paths: statePaths(tmp.dir) });
  assert.ok(free.status === "ok" || free.status === "fail");
  if (free.status === "ok") assert.match(free.detail, /OpenClaw/, "18789 is OpenClaw's default too");
  tmp.cleanup();
});

test("channels: an enabled channel without its token fails with `warden secrets set`; state permissions come from the audit's checks", () => {
  const base = defaultConfig();
  const config = { ...base, channels: { ...base.channels, telegram: { ...base.channels.telegram, enabled: true } } } as WardenConfig;
  const [telegram] = checkChannels({ config });
  assert.equal(telegram?.status, "fail");
  assert.match(telegram?.fix ?? "", /warden secrets set channels\.telegram\.botToken/);
  const withToken = { ...config, channels: { ...config.channels, telegram: { ...config.channels.telegram, botToken: "123:abc" } } } as WardenConfig;
  assert.equal(checkChannels({ config: withToken })[0]?.status, "ok");
  assert.doesNotMatch(JSON.stringify(checkChannels({ config: withToken })), /123:abc/);

  const tmp = makeTempDir("doctor");
  try {
    const paths = statePaths(`${tmp.dir}/home`);
    mkdirSync(paths.home, { mode: 0o700 });
    assert.equal(checkStatePermissions({ config: base, paths, uid: null }).status, "ok");
    chmodSync(paths.home, 0o777);
    const open = checkStatePermissions({ config: base, paths, uid: null });
    assert.equal(open.status, "fail");
    assert.match(open.fix ?? "", /chmod 700/);
  } finally {
    tmp.cleanup();
  }
});

/**
 * A skill's declared network hosts, end to end: the publisher declares `web.test`, the owner installs the signed
 * skill with the real CLI, and its script (real curl under real bubblewrap) reaches that host through the egress
 * filter and nothing else — not another name on the same address, not the address itself around the proxy. Loopback
 * stands for a public host only through the run's resolver and exact address-and-port exemptions.
 */
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../support/harness.ts";
import { runCli } from "../support/cli.ts";
import { writeSkill } from "../support/skill-fixture.ts";
import { createFakeDns } from "../support/fake-dns.ts";
import { startCountingServer, type CountingServer } from "../support/counting-server.ts";
import { detectSandbox } from "../../src/sandbox/index.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { configSchema } from "../../src/config/schema.ts";
import { statePaths } from "../../src/state/home.ts";
import { createRuntime } from "../../src/app/runtime.ts";
import { startScriptedServer, type ScriptedServer } from "../../src/providers/scripted-server.ts";

const sandbox = await detectSandbox();
const skip = sandbox.kind !== "bubblewrap" ? "bubblewrap is not available here" : !existsSync("/usr/bin/curl") ? "curl is not installed" : false;

describe("a skill's declared hosts, through the egress filter", { skip }, () => {
  const home = tempDir("warden-skills-egress-");
  const state = join(home.path, "state");
  const env = () => ({ PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: state });
  const src = join(home.path, "src", "fetcher");
  let model: ScriptedServer;
  let web: CountingServer;
  let other: CountingServer;

  before(async () => {
    web = await startCountingServer();
    other = await startCountingServer();
    web.routes.set("/hello", (res) => res.writeHead(200, { "content-type": "text/plain" }).end("hello from web"));
    writeSkill(src, {
      name: "fetcher",
      description: "Fetches a page.",
      files: {
        "scripts/get.sh": { text: "#!/bin/sh\ncurl -sS --max-time 20 -o - -w ' [%{http_code}]' \"$1\"\n", executable: true },
        "capabilities.json": JSON.stringify({ network: { hosts: ["web.test"] }, executables: ["curl"] }),
      },
    });
    mkdirSync(join(state, "workspace"), { recursive: true, mode: 0o700 });
    writeFileSync(join(state, "config.json5"), "{}", { mode: 0o600 });
    model = await startScriptedServer();
    const key = join(home.path, "acme.key");
    assert.equal((await runCli(["skills", "keygen", "--publisher", "acme", "--out", key], env())).code, 0);
    assert.equal((await runCli(["skills", "sign", src, "--key", key], env())).code, 0);
    const installed = await runCli(["skills", "install", src, "--trust-new-publisher"], env());
    assert.equal(installed.code, 0, installed.stderr);
  });
  after(async () => {
    await model.close();
    await Promise.all([web.close(), other.close()]);
    home.remove();
  });

  test("the script reaches the declared host and nothing else; each connection is in the activity log", async () => {
    const config = configSchema.parse(JSON.parse(readFileSync(join(state, "config.json5"), "utf8")));
    const runtime = await createRuntime({
      paths: statePaths(state), config, env: { model: "openai/scripted", openaiBaseUrl: model.openaiBaseUrl, openaiApiKey: "k" }, clock: Date.now, log: silentLogger(), providerRetries: 0,
      overrides: {
        resolve: createFakeDns({ "web.test": ["127.0.0.1"], "other.test": ["127.0.0.1"] }),
        exempt: [{ address: "127.0.0.1", port: web.port }, { address: "127.0.0.1", port: other.port }],
        // The owner approves whatever the gate asks: the egress filter must hold on its own.
        autoAnswer: () => "approve",
      },
    });
    try {
      const run = (url: string) => ({ calls: [{ name: "skill_run", args: { skill: "fetcher", script: "scripts/get.sh", args: [url] } }] });
      model.setScript([run(`http://web.test:${web.port}/hello`), run(`http://other.test:${other.port}/`), run(`http://127.0.0.1:${other.port}/`), { reply: "done" }]);
      const from = model.requests.length;
      await runtime.handlers.chat({ text: "fetch those pages with the fetcher skill" }, () => {}, new AbortController().signal);
      const last = (model.requests.slice(from).at(-1)?.body ?? {}) as { messages?: { role: string; content: unknown }[] };
      const results = (last.messages ?? []).filter((m) => m.role === "tool").map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content)));
      assert.match(results[0] ?? "", /hello from web \[200\]/);
      assert.match(results[1] ?? "", /\[403\]/);
      assert.doesNotMatch(results[2] ?? "", /\[200\]/);
      assert.equal(other.requests.length, 0);
      const log = runtime.ops.activityLog.tail(200).map((e) => e.summary);
      assert.ok(log.includes(`skill fetcher network allowed: GET web.test:${web.port}`), log.join("\n"));
      assert.ok(log.includes(`skill fetcher network refused: GET other.test:${other.port}`), log.join("\n"));
      // What the Control UI's Skills page shows: signer, verified now, and the declared grant.
      const { skills } = await runtime.handlers.methods["skills.list"]({});
      assert.deepEqual(skills.map((s) => [s.name, s.state, s.verified, s.publisher, s.capabilities?.network.hosts]), [["fetcher", "ok", true, "acme", ["web.test"]]]);
    } finally {
      await runtime.close();
    }
  });
});

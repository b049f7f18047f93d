/**
 * `warden config get` answers from the view cached when the config file last validated, loading neither the schema
 * library nor the schema, and only while the file and the code that built the view are unchanged: an edit by hand,
 * an invalid file, changed code and a damaged cache each get the full validation. The cache never holds a secret.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli, runCliProcess } from "../../test/support/cli.ts";
import { tempDir } from "../../test/support/harness.ts";

const moduleHook = fileURLToPath(new URL("../../bench/count-modules.ts", import.meta.url));

test("a second config get, and one after config set, loads no schema library and no schema", async () => {
  const dir = tempDir();
  try {
    const env = { PATH: process.env.PATH, HOME: dir.path, WARDEN_HOME: join(dir.path, "state") };
    const list = (n: number) => join(dir.path, `modules-${n}.txt`);
    const run = (n: number) => runCliProcess(["config", "get", "channels.telegram", "--json"], { ...env, NODE_OPTIONS: `--import=${moduleHook}`, WARDEN_BENCH_MODULES: list(n) });
    const first = await run(1);
    const second = await run(2);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(second, first);
    const loaded = (n: number) => readFileSync(list(n), "utf8").split("\n");
    assert.ok(loaded(1).some((u) => u.includes("/node_modules/zod/")), "the first builds the view through the schema");
    assert.deepEqual(loaded(2).filter((u) => u.includes("/node_modules/zod/") || u.endsWith("/src/config/schema.ts")), []);
    // `config set` keeps the view current: the next `config get` does not build it again either.
    assert.equal((await runCli(["config", "set", "channels.telegram.dmPolicy", "allowlist"], env)).code, 0);
    const third = await run(3);
    assert.equal((JSON.parse(third.stdout) as { dmPolicy: string }).dmPolicy, "allowlist");
    assert.deepEqual(loaded(3).filter((u) => u.includes("/node_modules/zod/") || u.endsWith("/src/config/schema.ts")), []);
  } finally {
    dir.remove();
  }
});

test("an edit by hand, an invalid file, changed code and a damaged cache each get the full validation", async () => {
  const dir = tempDir();
  try {
    const env = { PATH: process.env.PATH, HOME: dir.path, WARDEN_HOME: join(dir.path, "state") };
    const file = join(dir.path, "state", "config.json5");
    const cache = join(dir.path, "state", "cache", "config-view.json");
    const port = async () => {
      const r = await runCli(["config", "get", "gateway.port"], env);
      return r.code === 0 ? r.stdout.trim() : `exit ${r.code}: ${r.stderr.trim()}`;
    };
    assert.equal(await port(), "18789");
    writeFileSync(file, "{ gateway: { port: 18801 } }\n", { mode: 0o600 });
    assert.equal(await port(), "18801");

    writeFileSync(file, "{ gateway: { port: 'high' } }\n");
    for (let i = 0; i < 2; i++) assert.match(await port(), /^exit 2: .*not valid[\s\S]*gateway\.port/, "every time, never cached");
    assert.equal(await runCli(["config", "get", "nosuch.key"], env).then((r) => r.stderr.includes("not a known setting")), true, "an unknown key is named before the file's problems");

    writeFileSync(file, "{ gateway: { port: 18802 } }\n");
    assert.equal(await port(), "18802");
    const kept = JSON.parse(readFileSync(cache, "utf8")) as { stamp: { mtimeMs: number }[]; view: { config: { gateway: { port: number } } } };
    // A view that says otherwise, kept under code that has changed since: not used.
    kept.view.config.gateway.port = 1;
    (kept.stamp[0] as { mtimeMs: number }).mtimeMs -= 1000;
    writeFileSync(cache, JSON.stringify(kept), { mode: 0o600 });
    assert.equal(await port(), "18802");

    writeFileSync(cache, "{ not json", { mode: 0o600 });
    assert.equal(await port(), "18802");
    writeFileSync(cache, JSON.stringify({ version: 1 }), { mode: 0o600 });
    assert.equal(await port(), "18802");
  } finally {
    dir.remove();
  }
});

test("the cache holds the masked view: a secret written in the config file by hand is not in it", async () => {
  const dir = tempDir();
  try {
    const env = { PATH: process.env.PATH, HOME: dir.path, WARDEN_HOME: join(dir.path, "state") };
    assert.equal((await runCli(["config", "get", "gateway.port"], env)).code, 0);
    writeFileSync(join(dir.path, "state", "config.json5"), "{ providers: { openai: { apiKey: 'canary-7f3a-handwritten' } } }\n", { mode: 0o600 });
    const got = await runCli(["config", "get", "providers", "--json"], env);
    assert.equal(got.code, 0, got.stderr);
    assert.deepEqual((JSON.parse(got.stdout) as { openai: unknown }).openai, { apiKey: "[secret]" });
    assert.doesNotMatch(readFileSync(join(dir.path, "state", "cache", "config-view.json"), "utf8"), /canary-7f3a/);
  } finally {
    dir.remove();
  }
});

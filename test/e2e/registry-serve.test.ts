// `warden registry serve` from outside, on each storage: embedded SQLite, and a real PostgreSQL server (a
// throwaway cluster; skipped with the reason when no PostgreSQL binaries are installed). The real CLI creates an
// account, publishes and waits for the verdict, installs from the registry (and `--frozen` on a second machine
// with the same lock file), and verifies the transparency log; SIGTERM stops the service cleanly.
// warden-test: own-process (among the longest end-to-end files: alone, it runs beside the others instead of after them)
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, wardenBin, withCompileCache } from "../support/cli.ts";
import { makeTempDir } from "../support/temp-dir.ts";
import { publisherKey, writeSkill } from "../support/skill-fixture.ts";
import { startTestPostgres, type TestPostgres } from "../support/postgres.ts";

/** The client commands run in this process; the service they talk to is a process of its own. */
const run = async (args: string[], env: NodeJS.ProcessEnv) => {
  const { code, stdout, stderr } = await runCli(args, env);
  return { status: code ?? 1, stdout, stderr };
};

/** Starts the service and resolves with its URL once it says where it listens (bounded by the spawn's own timeout). */
function serve(args: string[], env: NodeJS.ProcessEnv): Promise<{ url: string; stop(): Promise<number | null>; output(): string }> {
  const child = spawn(wardenBin, ["registry", "serve", "--port", "0", ...args], { env: withCompileCache(env), stdio: ["ignore", "pipe", "pipe"], timeout: 600_000 });
  let out = "";
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Registry service on (http:\/\/[^\s]+) /.exec(out);
      if (m?.[1]) {
        child.stdout.off("data", onData);
        resolve({
          url: m[1],
          output: () => out,
          stop: () => new Promise((r) => {
            child.once("exit", (code) => r(code));
            child.kill("SIGTERM");
          }),
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.once("exit", (code) => reject(new Error(`registry serve exited with ${code}:\n${out}`)));
  });
}

let cluster: TestPostgres | undefined;
after(async () => {
  await cluster?.stop();
});

for (const storage of ["sqlite", "postgresql"] as const) {
  describe(`warden registry serve on ${storage}`, () => {
    const tmp = makeTempDir(`warden-registry-serve-${storage}-`);
    after(() => tmp.cleanup());

    test("account, publish with --wait, install from the registry, verify the log, stop on SIGTERM", async (t) => {
      let database = join(tmp.dir, "registry.sqlite");
      if (storage === "postgresql") {
        const started = await startTestPostgres();
        if ("skip" in started) return t.skip(started.skip);
        cluster = started;
        database = started.url;
      }
      const env = { PATH: process.env.PATH, HOME: tmp.dir, WARDEN_HOME: join(tmp.dir, "service") };
      const registryKey = publisherKey("registry");
      const alice = publisherKey("alice");
      writeFileSync(join(tmp.dir, "registry.key"), JSON.stringify(registryKey), { mode: 0o600 });
      writeFileSync(join(tmp.dir, "alice.key"), JSON.stringify(alice), { mode: 0o600 });
      const service = await serve(["--database", database, "--key", join(tmp.dir, "registry.key"), "--blobs", join(tmp.dir, "blobs")], env);
      try {
        assert.match(service.output(), new RegExp(`registry key ${registryKey.keyId}`));
        assert.match(service.output(), storage === "postgresql" ? /storage PostgreSQL/ : /registry\.sqlite/);
        const client = (args: string[]) => run([...args, "--registry", service.url, "--key", join(tmp.dir, "alice.key")], env);
        const created = await client(["registry", "account", "create"]);
        assert.equal(created.status, 0, created.stderr);
        const dir = writeSkill(join(tmp.dir, "notes"), { name: "notes", description: "Keeps notes." });
        const published = await client(["registry", "publish", dir, "--wait", "--json"]);
        assert.equal(published.status, 0, published.stdout + published.stderr);
        assert.equal((JSON.parse(published.stdout) as { status: string }).status, "visible");

        const owner = { ...env, WARDEN_HOME: join(tmp.dir, "owner") };
        const installed = await run(["skills", "install", "notes", "--registry", service.url, "--registry-key", registryKey.keyId, "--trust-new-publisher"], owner);
        assert.equal(installed.status, 0, installed.stderr);
        assert.match(installed.stdout, /registry sequence 1/);
        // Another machine with the same lock file reinstalls exactly that release from the registry.
        const twin = { ...env, WARDEN_HOME: join(tmp.dir, "twin") };
        mkdirSync(join(tmp.dir, "twin", "skills"), { recursive: true });
        for (const file of ["skills.lock.json", "trusted-publishers.json"]) copyFileSync(join(tmp.dir, "owner", "skills", file), join(tmp.dir, "twin", "skills", file));
        const frozen = await run(["skills", "install", "--frozen", "--registry-key", registryKey.keyId], twin);
        assert.equal(frozen.status, 0, frozen.stderr);
        assert.match(frozen.stdout, /Installed notes: .*registry sequence 1/s);

        const verified = await run(["registry", "verify-log", service.url, "--registry-key", registryKey.keyId], env);
        assert.equal(verified.status, 0, verified.stdout + verified.stderr);
        assert.match(verified.stdout, /verified: 2 entries/);
      } finally {
        assert.equal(await service.stop(), 0, service.output());
      }
    });
  });
}

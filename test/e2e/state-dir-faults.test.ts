/**
 * Tried from outside with `bin/warden`: one gateway per state directory, a wiped database at start, a real
 * full disk (a small tmpfs as the state directory) and a read-only one. The tmpfs cases need root (mount);
 * elsewhere they are skipped with a note, and storage-faults.test.ts covers the same paths in-process.
 */
// warden-test: own-process (among the longest end-to-end files: alone, it runs beside the others instead of after them)
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, rmSync, truncateSync, writeSync } from "node:fs";
import { join } from "node:path";
import { tempDir, connect } from "../support/harness.ts";
import { runCli, runRefusedGateway, startCliGateway } from "../support/cli.ts";
import { startScriptedServer } from "../../src/providers/scripted-server.ts";
import { holdWriteLock } from "../support/sqlite-lock.ts";

const baseEnv = (home: string) => ({ PATH: process.env.PATH, HOME: home, WARDEN_HOME: join(home, "state") });

function tryMount(dir: string, sizeMb: number): boolean {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m,mode=700`, "tmpfs", dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function unmount(dir: string): void {
  try {
    execFileSync("umount", [dir], { stdio: "ignore" });
  } catch {
    // already gone
  }
}

/** Writes a file until the disk is full (ENOSPC); bounded by the tmpfs size. */
function fillDisk(file: string): void {
  const fd = openSync(file, "w");
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (let i = 0; i < 10_000; i += 1) writeSync(fd, chunk);
  } catch {
    // ENOSPC: full
  } finally {
    closeSync(fd);
  }
  // And the last few bytes, in small writes.
  const fd2 = openSync(`${file}.tail`, "w");
  try {
    for (let i = 0; i < 10_000; i += 1) writeSync(fd2, Buffer.alloc(512, 1));
  } catch {
    // full
  } finally {
    closeSync(fd2);
  }
}

/** `bin/warden gateway` on a scripted model, with a client logged in that has had one good turn. */
async function startServingGateway(home: string): Promise<{ env: ReturnType<typeof baseEnv>; gw: Awaited<ReturnType<typeof startCliGateway>>; token: string; c: Awaited<ReturnType<typeof connect>>; recovered(text: string): Promise<void>; stop(): Promise<void> }> {
  const model = await startScriptedServer({ fallbackReply: "still here" });
  const env = { ...baseEnv(home), WARDEN_MODEL: "openai/local", OPENAI_BASE_URL: model.openaiBaseUrl };
  let gw: Awaited<ReturnType<typeof startCliGateway>> | undefined;
  const stop = async () => {
    await gw?.stop();
    await model.close();
  };
  try {
    gw = await startCliGateway(env);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(gw.output())?.[1] ?? "";
    const c = await connect(gw.url);
    assert.equal((await c.request("connect", { token })).ok, true);
    assert.equal((await c.request("chat.send", { text: "before" })).ok, true);
    const port = String(gw.port);
    /** After the fault clears: a turn succeeds and `warden status` is healthy again. */
    const recovered = async (text: string) => {
      const after = await c.request("chat.send", { text });
      assert.equal(after.ok, true, JSON.stringify(after.error));
      const healthy = await runCli(["status", "--json", "--port", port], env);
      assert.equal(healthy.code, 0, healthy.stdout);
    };
    return { env, gw, token, c, recovered, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// Each test has its own state directory and processes, so they run side by side: one after another, their chains
// of process starts made this file the suite's longest on a busy machine.
describe("state directory faults, from outside", { concurrency: true }, () => {
  test("a second gateway on the same state directory is refused; a killed one's lock is recovered", async () => {
    const home = tempDir();
    const env = baseEnv(home.path);
    const first = await startCliGateway(env);
    let killed = false;
    try {
      const second = await runRefusedGateway(env);
      assert.equal(second.code, 1);
      assert.match(second.stderr, new RegExp(`Another Warden gateway \\(pid ${first.child.pid}\\) is already running on the state directory`));
      // The first is still serving.
      assert.equal((await fetch(`${first.url}/health`)).status, 200);
      // Its lock file deleted (`rm ~/.warden/*.lock`): a new start is still refused, by the live holder its pid file names.
      rmSync(join(env.WARDEN_HOME, "gateway.lock"));
      const afterRm = await runRefusedGateway(env);
      assert.equal(afterRm.code, 1);
      assert.match(afterRm.stderr, /Another Warden gateway \(pid \d+\) is already running/);
      const exited = new Promise((r) => first.child.once("exit", r));
      first.child.kill("SIGKILL");
      await exited;
      killed = true;
      const third = await startCliGateway(env);
      await third.stop();
    } finally {
      if (!killed) await first.stop();
      home.remove();
    }
  });

  test("a wiped (0-byte) database is reported by audit-log verify and refused at start until the owner accepts it", async () => {
    const home = tempDir();
    const env = baseEnv(home.path);
    try {
      // Prior use without a gateway start (fewer processes under load): a config change is an anchored entry.
      assert.equal((await runCli(["config", "set", "gateway.port", "19998"], env)).code, 0);
      const db = join(env.WARDEN_HOME, "warden.db");
      for (const suffix of ["-wal", "-shm"]) rmSync(`${db}${suffix}`, { force: true });
      truncateSync(db, 0);

      const verify = await runCli(["audit-log", "verify"], env);
      assert.equal(verify.code, 1);
      assert.match(verify.stderr, /emptied, truncated or replaced: the database file `.*warden\.db` is empty \(0 bytes\), but the external anchor/);
      const start = await runRefusedGateway(env);
      assert.equal(start.code, 1);
      assert.match(start.stderr, /Refusing to start: the activity log was emptied, truncated or replaced/);
      assert.match(start.stderr, /warden audit-log accept-reset/);

      const accept = await runCli(["audit-log", "accept-reset"], env);
      assert.equal(accept.code, 0, accept.stderr);
      assert.match(accept.stdout, /Accepted: the activity log was emptied/);
      assert.equal((await runCli(["audit-log", "verify"], env)).code, 0);
    } finally {
      home.remove();
    }
  });

  test("a database wiped while the gateway runs: the gateway stays up, and audit-log verify reports the wipe (not \"busy\")", async () => {
    const home = tempDir();
    let served: Awaited<ReturnType<typeof startServingGateway>> | undefined;
    try {
      served = await startServingGateway(home.path);
      const { env, gw, c } = served;
      truncateSync(join(env.WARDEN_HOME, "warden.db"), 0);
      const verify = await runCli(["audit-log", "verify"], env);
      assert.equal(verify.code, 1);
      assert.match(verify.stderr, /emptied, truncated or replaced: the database file `.*warden\.db` is empty \(0 bytes\)/, verify.stderr);
      // The running gateway says so itself: `status` checks the anchored head when asked, and fails.
      const status = await runCli(["status"], env);
      assert.equal(status.code, 1, status.stdout);
      assert.match(status.stdout, /Activity log: HISTORY LOST: /);
      assert.equal((await fetch(`${gw.url}/health`)).status, 200);
      const after = await c.request("chat.send", { text: "still there?" });
      assert.ok(after.ok || after.error?.code.startsWith("STORAGE_"), JSON.stringify(after.error));
      assert.equal(gw.child.exitCode, null, "the gateway is still running");
      c.ws.close();
    } finally {
      await served?.stop();
      home.remove();
    }
  });

  test("a page-corrupted database is refused at start with the exact recovery steps", async () => {
    const home = tempDir();
    const env = baseEnv(home.path);
    try {
      const gw = await startCliGateway(env);
      await gw.stop();
      const db = join(env.WARDEN_HOME, "warden.db");
      // Pages 3 to 5 overwritten with garbage, as a failing disk or a torn copy would leave them.
      const fd = openSync(db, "r+");
      writeSync(fd, Buffer.alloc(4096 * 3, 0x5a), 0, 4096 * 3, 4096 * 2);
      closeSync(fd);
      const start = await runRefusedGateway(env);
      assert.equal(start.code, 1);
      assert.match(start.stderr, /warden\.db` is damaged; refusing to start on it/);
      assert.match(start.stderr, /sqlite3 ".*warden\.db" "\.recover" > ".*warden\.db\.sql" && /);
      assert.doesNotMatch(start.stderr, /"\.recover" \|/, "a failed .recover piped into sqlite3 would replace the database with an empty one");
      assert.doesNotMatch(start.stderr, /\n\s+at /, "no stack trace");
    } finally {
      home.remove();
    }
  });

  test("a full disk (tmpfs): the gateway stays up, answers STORAGE_FULL, and recovers when space frees", async (t) => {
    const home = tempDir();
    const state = join(home.path, "state");
    if (!tryMount(state, 6)) {
      t.skip("cannot mount a tmpfs here (needs root)");
      home.remove();
      return;
    }
    let served: Awaited<ReturnType<typeof startServingGateway>> | undefined;
    try {
      served = await startServingGateway(home.path);
      const { env, gw, token, c } = served;

      fillDisk(join(state, "filler"));
      const big = "lorem ipsum ".repeat(5_000);
      const full = await c.request("chat.send", { text: big });
      assert.equal(full.ok, false);
      assert.equal(full.error?.code, "STORAGE_FULL", JSON.stringify(full.error));
      for (let i = 0; i < 3; i += 1) {
        const bad = await fetch(`${gw.url}/api/approvals`, { headers: { authorization: "Bearer wrong" } });
        assert.equal(bad.status, 401);
      }
      const fresh = await connect(gw.url);
      assert.equal((await fresh.request("connect", { token })).ok, true, "a correct token still logs in on a full disk");
      fresh.ws.close();
      const status = await runCli(["status", "--json", "--port", String(gw.port)], env);
      const parsed = JSON.parse(status.stdout) as { storage: { condition?: string; lastFault?: { condition: string } } };
      assert.equal(parsed.storage.condition ?? parsed.storage.lastFault?.condition, "full", status.stdout);
      assert.equal(gw.child.exitCode, null, "the gateway is still running");

      rmSync(join(state, "filler"));
      rmSync(join(state, "filler.tail"));
      await served.recovered(big);
      c.ws.close();
    } finally {
      await served?.stop();
      unmount(state);
      home.remove();
    }
  });

  test("a foreign write lock held 30 s for real: the gateway process stays up, answers STORAGE_BUSY throughout, recovers on release", async () => {
    const home = tempDir();
    let served: Awaited<ReturnType<typeof startServingGateway>> | undefined;
    try {
      served = await startServingGateway(home.path);
      const { env, gw, token, c } = served;

      // A second process takes the write lock and keeps it until released (it also lets go when this process ends;
      // its own cap is only a leftover guard, far past the 30 s of traffic however slow the machine).
      const lock = await holdWriteLock(join(env.WARDEN_HOME, "warden.db"), 900_000);
      let holderGone = false;
      void lock.released.then(() => (holderGone = true));
      const heldFrom = performance.now();
      const answers = new Map<string, number>();
      const count = (what: string) => answers.set(what, (answers.get(what) ?? 0) + 1);
      try {
        // Traffic for the whole 30 s (bounded: at most 120 rounds): chat over the open connection and over HTTP,
        // a fresh login, a health check. What the fault is not asserted on time, only on what each answer says.
        for (let round = 0; round < 120 && performance.now() - heldFrom < 30_000; round++) {
          const chat = await c.request("chat.send", { text: `locked ${round}` });
          count(`ws ${chat.ok ? "ok" : chat.error?.code}`);
          const http = await fetch(`${gw.url}/api/chat`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ text: "over http" }) });
          const body = (await http.json()) as { error?: { code: string } };
          count(`http ${http.status} ${body.error?.code ?? ""}`.trim());
          const login = await connect(gw.url);
          count(`login ${(await login.request("connect", { token })).ok ? "ok" : "refused"}`);
          login.ws.close();
          count(`health ${(await fetch(`${gw.url}/health`)).status}`);
          await new Promise((r) => setTimeout(r, 250));
        }
        assert.ok(performance.now() - heldFrom >= 30_000, "the lock was held for 30 s of traffic");
        assert.equal(holderGone, false, "the foreign process still held the lock at the end");
        assert.equal(gw.child.exitCode, null, "the gateway is still running");
        const seen = Object.fromEntries(answers);
        assert.deepEqual(Object.keys(seen).sort(), ["health 200", "http 503 STORAGE_BUSY", "login ok", "ws STORAGE_BUSY"], JSON.stringify(seen));
        const status = await runCli(["status", "--json", "--port", String(gw.port)], env);
        assert.equal((JSON.parse(status.stdout) as { storage: { condition?: string } }).storage.condition, "busy", status.stdout);
      } finally {
        await lock.release();
      }
      await served.recovered("and now?");
      c.ws.close();
    } finally {
      await served?.stop();
      home.remove();
    }
  });

  test("a read-only state directory at start is a clear refusal, not a crash; it starts once writable", async (t) => {
    const home = tempDir();
    const state = join(home.path, "state");
    if (!tryMount(state, 6)) {
      t.skip("cannot mount a tmpfs here (needs root)");
      home.remove();
      return;
    }
    const env = baseEnv(home.path);
    try {
      const gw = await startCliGateway(env);
      await gw.stop();
      execFileSync("mount", ["-o", "remount,ro", state], { stdio: "ignore" });
      const start = await runRefusedGateway(env);
      assert.equal(start.code, 1);
      assert.match(start.stderr, /^warden: .*(read-only|cannot write)/m, start.stderr);
      assert.doesNotMatch(start.stderr, /\n\s+at /, "no stack trace");
      execFileSync("mount", ["-o", "remount,rw", state], { stdio: "ignore" });
      const again = await startCliGateway(env);
      await again.stop();
    } finally {
      unmount(state);
      home.remove();
    }
  });
});

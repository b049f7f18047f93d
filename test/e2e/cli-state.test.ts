/** `warden pairing`, `warden cron` and `warden undo` on a real state directory, with and without a gateway. */
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { tempDir } from "../support/harness.ts";
import { runCli, runCliProcess, startCliGateway } from "../support/cli.ts";
import { sessionAddressOf } from "../../src/sessions/session-key.ts";
import { openDatabase } from "../../src/state/database.ts";
import { coreMigrations } from "../../src/app/runtime.ts";
import { createPairingStore } from "../../src/channels/index.ts";
import { createCronStore } from "../../src/cron/store.ts";
import { createSnapshotStore, createWorkspaceFs } from "../../src/fs/index.ts";
import { startFakeBotApi, type FakeBotApi } from "../support/fake-bot-api.ts";

type Listing = { pending: { channel: string; code: string; senderId: string; senderName: string | null; expiresAt: string; wouldBecome: string; ownerWith: string | null }[]; contacts: { channel: string; senderId: string; approvedBy: string }[]; owners: { channel: string; senderId: string }[] };

describe("warden pairing, cron and undo on the state directory", () => {
  let home: { path: string; remove(): void };
  let env: NodeJS.ProcessEnv;
  let state: string;
  let bot: FakeBotApi;

  before(async () => {
    home = tempDir();
    state = path.join(home.path, "state");
    env = { PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: state };
    bot = await startFakeBotApi({ token: "123456:test-token-abcdef" });
    for (const [k, v] of [["channels.telegram.enabled", "true"], ["channels.telegram.botToken", "123456:test-token-abcdef"], ["channels.telegram.apiRoot", bot.apiRoot]]) {
      const r = await runCli(["config", "set", k as string, v as string], env);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(async () => {
    await bot.close();
    home.remove();
  });

  /** A sender writes to the bot: the pairing store issues a code (as the channel pipeline would). */
  function requestPairing(senderId: string, senderName: string): string {
    const db = openDatabase(path.join(state, "warden.db"), coreMigrations);
    try {
      const r = createPairingStore({ db, clock: Date.now, randomBytes }).request("telegram", senderId, { senderName, chatId: senderId });
      assert.ok(r.kind === "new" || r.kind === "existing");
      return r.code;
    } finally {
      db.close();
    }
  }

  test("pairing list, approve (no gateway, --notify through the configured channel), revoke", async () => {
    const empty = await runCli(["pairing", "list"], env);
    assert.equal(empty.code, 0, empty.stderr);
    assert.match(empty.stdout, /No pending pairing requests/);

    const code = requestPairing("4242", "Alice\u001b[31m");
    const listed = JSON.parse((await runCli(["pairing", "list", "telegram", "--json"], env)).stdout) as Listing;
    assert.deepEqual(listed.pending.map((p) => [p.channel, p.code, p.senderId]), [["telegram", code, "4242"]]);
    assert.ok(!Number.isNaN(Date.parse(listed.pending[0]?.expiresAt ?? "")));
    const human = await runCli(["pairing", "list"], env);
    assert.match(human.stdout, new RegExp(`telegram  ${code}  Alice\\?\\[31m \\(4242\\)`));
    // Who would become what is shown before approval: a contact, unless explicitly designated the owner.
    assert.equal(listed.pending[0]?.wouldBecome, "contact");
    assert.equal(listed.pending[0]?.ownerWith, `warden pairing approve telegram ${code} --owner`);
    assert.match(human.stdout, /would become a contact/);
    assert.match(human.stdout, /telegram has no owner: .*--owner` would make this sender the OWNER/);
    assert.doesNotMatch(human.stdout, /\u001b/);
    assert.deepEqual((JSON.parse((await runCli(["pairing", "list", "slack", "--json"], env)).stdout) as Listing).pending, []);

    const wrong = await runCli(["pairing", "approve", "telegram", "AAAAAAAA", "--port", "1"], env);
    assert.notEqual(wrong.code, 0);
    assert.equal(bot.sent.length, 0);

    const ok = await runCli(["pairing", "approve", "telegram", code.toLowerCase(), "--notify", "--owner", "--port", "1"], env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /Paired .*\(4242\) on telegram as the owner .*The sender was notified\./);
    await bot.waitForSent((sent) => sent.some((s) => s.method === "sendMessage" && String(s.params.chat_id) === "4242"));
    const after = JSON.parse((await runCli(["pairing", "list", "--json"], env)).stdout) as Listing;
    assert.deepEqual(after.pending, []);
    assert.deepEqual(after.owners.map((o) => o.senderId), ["4242"]);
    assert.ok(after.contacts.some((c) => c.senderId === "4242" && c.approvedBy === "cli"));

    const reuse = await runCli(["pairing", "approve", "telegram", code, "--port", "1"], env);
    assert.notEqual(reuse.code, 0, "a code is single use");

    const revoked = await runCli(["pairing", "revoke", "telegram", "4242"], env);
    assert.equal(revoked.code, 0, revoked.stderr);
    const gone = JSON.parse((await runCli(["pairing", "list", "--json"], env)).stdout) as Listing;
    assert.deepEqual([gone.contacts, gone.owners], [[], []]);
    const again = await runCli(["pairing", "revoke", "telegram", "4242"], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /not paired/);
  });

  test("pairing approve goes through the running gateway when there is one", async () => {
    const gw = await startCliGateway(env);
    try {
      const code = requestPairing("777", "Bob");
      const r = await runCli(["pairing", "approve", "telegram", code, "--port", String(gw.port)], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Paired Bob \(777\) on telegram .*through the running gateway/);
      const listed = JSON.parse((await runCli(["pairing", "list", "--json"], env)).stdout) as Listing;
      assert.ok(listed.contacts.some((c) => c.senderId === "777" && c.approvedBy === "control-client"));
      const bad = await runCli(["pairing", "approve", "telegram", code, "--port", String(gw.port)], env);
      assert.notEqual(bad.code, 0);
    } finally {
      await gw.stop();
    }
  });

  test("cron list and remove", async () => {
    const db = openDatabase(path.join(state, "warden.db"), coreMigrations);
    let id: number;
    try {
      const job = createCronStore({ db, clock: Date.now }).add({ address: sessionAddressOf("main", "webchat", "dm", "owner"), creator: { kind: "owner", id: "gateway:owner", channel: "webchat" }, tainted: true, taintSources: ["external:https://evil.example"], schedule: "every 2h", prompt: "summarize\u001b[2J the news" });
      id = job.id;
    } finally {
      db.close();
    }
    const json = JSON.parse((await runCli(["cron", "list", "--json"], env)).stdout) as { jobs: { id: number; schedule: string; tainted: boolean; nextRun: string }[] };
    assert.deepEqual(json.jobs.map((j) => [j.id, j.schedule, j.tainted]), [[id, "every 2h", true]]);
    const human = await runCli(["cron", "list"], env);
    assert.match(human.stdout, new RegExp(`#${id}  every 2h .*TAINTED \\(external:https://evil\\.example\\)`));
    assert.doesNotMatch(human.stdout, /\u001b/);
    // The next run in the reader's clock, with its offset; the zone a schedule fires in is named.
    // A time zone is the process's: this one runs as its own process.
    const local = await runCliProcess(["cron", "list"], { ...env, TZ: "Asia/Tokyo" });
    assert.match(local.stdout, /^Times in Asia\/Tokyo\. A schedule fires in the gateway's time zone/);
    assert.match(local.stdout, new RegExp(`#${id}  every 2h  next \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(UTC\\+09:00\\)`));
    const removed = await runCli(["cron", "remove", String(id)], env);
    assert.equal(removed.code, 0, removed.stderr);
    assert.match((await runCli(["cron", "list"], env)).stdout, /No scheduled jobs/);
    assert.equal((await runCli(["cron", "remove", String(id)], env)).code, 1);
    assert.equal((await runCli(["cron", "remove", "x"], env)).code, 2);
  });

  test("undo restores the last snapshot, then the one before, then says there is nothing left", async () => {
    const workspace = path.join(state, "workspace");
    fs.mkdirSync(workspace, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(workspace, "notes.txt"), "v1");
    const db = openDatabase(path.join(state, "warden.db"), coreMigrations);
    try {
      const wfs = createWorkspaceFs({ workspace, protectedDirs: [], snapshots: createSnapshotStore({ db, dir: path.join(state, "snapshots") }) });
      assert.equal((await wfs.write("notes.txt", "v2 by the agent")).ok, true);
      assert.equal((await wfs.write("new.txt", "created by the agent")).ok, true);
    } finally {
      db.close();
    }
    const list = JSON.parse((await runCli(["undo", "--list", "--json"], env)).stdout) as { snapshots: { path: string; kind: string }[] };
    assert.deepEqual(list.snapshots.map((s) => [s.path, s.kind]), [["new.txt", "create"], ["notes.txt", "overwrite"]]);
    const first = await runCli(["undo"], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Removed new\.txt/);
    assert.equal(fs.existsSync(path.join(workspace, "new.txt")), false);
    const second = JSON.parse((await runCli(["undo", "--json"], env)).stdout) as { path: string; action: string };
    assert.deepEqual([second.path, second.action], ["notes.txt", "restored"]);
    assert.equal(fs.readFileSync(path.join(workspace, "notes.txt"), "utf8"), "v1");
    const none = await runCli(["undo"], env);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /nothing to undo/);
  });
});

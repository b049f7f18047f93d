// `warden security audit` and `warden security threats` from outside, through the real program (the commands that
// registerAuditCommands adds to the `security` group).
import { describe, test, after } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { runCli, runCliProcess, startCliGateway, type CliResult } from "../support/cli.ts";
import { openDatabase } from "../../src/state/database.ts";
import { coreMigrations } from "../../src/app/migrations.ts";
import { createPairingStore } from "../../src/channels/pairing-store.ts";
import { startFakeOsv } from "../support/fake-osv.ts";
import { npmAdvisory, testSigningKey } from "../support/osv-fixtures.ts";

const installedVersion = (name: string): string =>
  (JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), "utf8")) as { version: string }).version;

type Report = { findings: { checkId: string; severity: string; title: string; detail: string; fix: string }[]; summary: { critical: number; warn: number } };

const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function driveAudit(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return runCli(args, env);
}

function freshEnv(): { env: NodeJS.ProcessEnv; home: string } {
  const root = mkdtempSync(join(tmpdir(), "warden-audit-e2e-"));
  dirs.push(root);
  const home = join(root, "state");
  return { home, env: { PATH: process.env.PATH, HOME: root, WARDEN_HOME: home } };
}

async function auditJson(env: NodeJS.ProcessEnv, extra: string[] = [], drive = driveAudit): Promise<{ code: number | null; report: Report }> {
  const r = await drive(["security", "audit", "--json", ...extra], env);
  assert.equal(r.stderr, "", r.stderr);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

// Every test has its own state directory and fixtures, so they run side by side.
describe("warden security audit and threats", { concurrency: true }, () => {
  test("a fresh default install has no critical finding", async () => {
    const { env } = freshEnv();
    assert.equal((await runCli(["config", "validate"], env)).code, 0);
    const { code, report } = await auditJson(env);
    assert.deepEqual(report.findings.filter((f) => f.severity === "critical"), []);
    assert.notEqual(code, 2);
    for (const f of report.findings) for (const k of ["checkId", "severity", "title", "detail", "fix"] as const) assert.equal(typeof f[k], "string");
  });

  test("an owner made by a first pairing (not --owner, not ownerIds) is reported with a fix", async () => {
    const { env, home } = freshEnv();
    assert.equal((await runCli(["config", "validate"], env)).code, 0);
    const db = openDatabase(join(home, "warden.db"), coreMigrations);
    try {
      // What an older Warden did on the first approval of a channel without ownerIds.
      db.prepare("INSERT INTO pairing_owners (channel, sender_id, set_at, set_by) VALUES ('telegram', '4242', 0, 'cli')").run();
      const store = createPairingStore({ db, clock: Date.now, randomBytes });
      const r = store.request("slack", "U777");
      assert.ok(r.kind === "new");
      assert.ok(store.approve("slack", r.code, "cli", { claimOwner: true }).ok, "an explicit owner");
    } finally {
      db.close();
    }
    const { report } = await auditJson(env);
    const implicit = report.findings.filter((f) => f.checkId === "channels.owner_implicit");
    assert.equal(implicit.length, 1, JSON.stringify(implicit));
    assert.match(implicit[0]?.detail ?? "", /4242/);
    assert.match(implicit[0]?.fix ?? "", /channels\.telegram\.ownerIds/);
  });

  test("a weak gateway password is reported with its fix, also when it sits in the config file", async () => {
    const { env, home } = freshEnv();
    assert.equal((await runCli(["config", "validate"], env)).code, 0);
    writeFileSync(join(home, "config.json5"), `{ gateway: { bind: "lan", auth: { mode: "password", password: "hunter2hunter2hunter2" } } }\n`);
    const { code, report } = await auditJson(env);
    const weak = report.findings.find((f) => f.checkId === "gateway.password_weak");
    assert.ok(weak, JSON.stringify(report.findings.map((f) => f.checkId)));
    assert.equal(weak.severity, "critical");
    assert.match(weak.fix, /warden secrets set gateway\.auth\.password/);
    assert.ok(!JSON.stringify(report).includes("hunter2"), "the audit never prints the password");
    assert.equal(code, 2);
  });

  test("deliberately unsafe settings each produce their finding, and the exit code is 2", async () => {
    const { env, home } = freshEnv();
    for (const [key, value] of [
      ["gateway.bind", "lan"], ["gateway.auth.mode", "none"], ["tools.exec.security", "full"],
      ["logging.redactSensitive", "off"], ["channels.telegram.enabled", "true"], ["channels.telegram.dmPolicy", "open"],
    ]) {
      const r = await runCli(["config", "set", key as string, value as string], env);
      assert.equal(r.code, 0, r.stderr);
    }
    mkdirSync(join(home, "workspace"), { recursive: true });
    writeFileSync(join(home, "workspace", "deploy.env"), `AWS_ACCESS_KEY_ID=${["AKIA", "Z7Q3XK2M", "4N5P6R7T"].join("")}\n`);
    chmodSync(home, 0o777);
    chmodSync(join(home, "config.json5"), 0o644);
    const { code, report } = await auditJson(env);
    const ids = new Set(report.findings.map((f) => f.checkId));
    for (const id of ["gateway.bind_no_auth", "tools.exec.security_full_configured", "logging.redact_off", "channels.dm_policy_open",
      "workspace.secrets_present", "fs.state_dir.perms_world_writable", "fs.config.perms_world_readable", "exposure.open_channel_exec"]) {
      assert.ok(ids.has(id), `missing ${id}`);
    }
    assert.equal(code, 2);
    assert.doesNotMatch(JSON.stringify(report), /IOSFODNN7/);
  });

  test("--fix repairs permissions end to end and says what it changed; the human report is grouped by severity", async () => {
    const { env, home } = freshEnv();
    assert.equal((await runCli(["config", "set", "logging.redactSensitive", "off"], env)).code, 0);
    chmodSync(home, 0o757);
    chmodSync(join(home, "config.json5"), 0o644);
    chmodSync(join(home, "secrets.enc.json"), 0o644);
    const human = await driveAudit(["security", "audit"], env);
    assert.match(human.stdout, /CRITICAL \(\d+\)[\s\S]*\[fs\.credentials\.perms_readable\][\s\S]*fix: chmod 600/);
    assert.equal(human.code, 2);
    const fixed = await driveAudit(["security", "audit", "--fix"], env);
    assert.match(fixed.stdout, /--fix changed:/);
    assert.match(fixed.stdout, /secrets\.enc\.json: mode 644 -> 600/);
    assert.match(fixed.stdout, /logging\.redactSensitive: off -> tools/);
    assert.equal(statSync(home).mode & 0o777, 0o700);
    assert.equal(statSync(join(home, "config.json5")).mode & 0o777, 0o600);
    assert.equal(statSync(join(home, "secrets.enc.json")).mode & 0o777, 0o600);
    const { report } = await auditJson(env);
    assert.deepEqual(report.findings.filter((f) => f.checkId.startsWith("fs.") || f.checkId === "logging.redact_off"), []);
    // --fix recorded its own config write: the next write finds no change "made outside Warden".
    assert.equal((await runCli(["config", "set", "gateway.port", "18799"], env)).code, 0);
    const log = await runCli(["audit-log", "export"], env);
    assert.doesNotMatch(log.stdout, /changed outside Warden/);
    assert.match(log.stdout, /audit --fix/);
  });

  test("--deep probes the running gateway on loopback and checks dependencies with osv.dev (a fake on loopback)", async () => {
    const { env } = freshEnv();
    const gw = await startCliGateway(env);
    // An advisory covering every version of a package this checkout installs: the audit must flag it.
    const osv = await startFakeOsv([npmAdvisory("GHSA-test-zod0", "zod", [["0", "999.0.0"]], "CRITICAL")]);
    try {
      // As a process: the probe's answer window (ProbeWindowMs) is its own, not shared with the other audits this file runs.
      const { report } = await auditJson(env, ["--deep", "--port", String(gw.port), "--osv-url", osv.url], runCliProcess);
      const ids = report.findings.map((f) => f.checkId);
      assert.deepEqual(ids.filter((id) => id.startsWith("gateway.probe.")), []);
      const checked = report.findings.find((f) => f.checkId === "dependencies.checked");
      assert.match(checked?.detail ?? "", new RegExp(`checked by osv\\.dev \\(${osv.url.replaceAll(".", "\\.")}`));
      const flagged = report.findings.filter((f) => f.checkId === "dependencies.vulnerable");
      assert.ok(flagged.some((f) => f.severity === "critical" && f.title.startsWith(`zod@${installedVersion("zod")}:`)), JSON.stringify(flagged));
      assert.ok(flagged.every((f) => f.title.startsWith("zod@") && /GHSA-test-zod0/.test(f.detail)), "only the test advisory's package is flagged");
    } catch (error) {
      await osv.close();
      throw error;
    } finally {
      await gw.stop();
    }
    // osv.dev unreachable: the signed snapshot answers when fresh, else the audit says it did not run; never silent.
    osv.failWith = 503;
    const down = await auditJson(env, ["--deep", "--port", String(gw.port), "--osv-url", osv.url]).finally(() => osv.close());
    assert.ok(down.report.findings.some((f) => f.checkId === "gateway.probe.unreachable"));
    const deps = down.report.findings.filter((f) => f.checkId.startsWith("dependencies."));
    assert.equal(deps.filter((f) => f.checkId === "dependencies.checked" || f.checkId === "dependencies.unrun").length, 1, JSON.stringify(deps));
    assert.ok(deps.every((f) => /osv\.dev did not answer: .*HTTP 503/.test(f.detail) || f.checkId === "dependencies.vulnerable"), JSON.stringify(deps));
  });

  test("`--deep --offline` with a snapshot signed by an unpinned key: the audit reports unrun, exit non-zero", async () => {
    const { env, home } = freshEnv();
    mkdirSync(home, { recursive: true });
    const osvDir = join(home, "osv");
    mkdirSync(osvDir);
    writeFileSync(join(osvDir, "GHSA-test.json"), JSON.stringify(npmAdvisory("GHSA-test", "zod", [["0", "999.0.0"]])));
    const key = testSigningKey();
    writeFileSync(join(home, "key.pem"), key.privatePem, { mode: 0o600 });
    const snapshot = join(home, "snapshot.json");
    const built = await driveAudit(["security", "advisories", "build", osvDir, "--key", join(home, "key.pem"), "--out", snapshot], env);
    assert.equal(built.code, 0, built.stderr);
    assert.match(built.stdout, /1 npm advisories from 1 files/);
    const verify = await driveAudit(["security", "advisories", "verify", snapshot], env);
    assert.equal(verify.code, 1);
    assert.match(verify.stdout, /not trusted: not signed by a trusted key/);
    const { code, report } = await auditJson(env, ["--deep", "--port", "1", "--offline", "--snapshot", snapshot]);
    assert.equal(code, 1);
    const unrun = report.findings.find((f) => f.checkId === "dependencies.unrun");
    assert.match(unrun?.detail ?? "", /NOT checked: snapshot refused: not signed by a trusted key/);
    assert.ok(!report.findings.some((f) => f.checkId === "dependencies.checked" || f.checkId === "dependencies.vulnerable"));
  });

  test("`security threats --json` prints coverage for every tactic", async () => {
    const { env } = freshEnv();
    const r = await driveAudit(["security", "threats", "--json"], env);
    assert.equal(r.code, 0, r.stderr);
    const coverage = JSON.parse(r.stdout) as { tactics: { tactic: string; threats: number }[]; total: { threats: number } };
    assert.equal(coverage.tactics.length, 9);
    assert.ok(coverage.tactics.every((t) => t.threats > 0));
    const human = await driveAudit(["security", "threats"], env);
    assert.match(human.stdout, /Supply Chain/);
  });
});

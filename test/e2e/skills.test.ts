/**
 * Skills from outside: the publisher signs with the real CLI, the owner installs with it, the real runtime offers
 * the skill to the (scripted) model and runs its script under bubblewrap; one byte changed in the installed skill
 * and the next load refuses it, quarantines it, logs an alert and the audit reports it. Unsigned and wrongly
 * signed packages are refused; a signed revocation list disables an installed skill.
 */
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../support/harness.ts";
import { runCli } from "../support/cli.ts";
import { writeSkill } from "../support/skill-fixture.ts";
import { detectSandbox } from "../../src/sandbox/index.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { configSchema } from "../../src/config/schema.ts";
import { statePaths } from "../../src/state/home.ts";
import { createRuntime } from "../../src/app/runtime.ts";
import { startScriptedServer, type ScriptedServer } from "../../src/providers/scripted-server.ts";
import { parseKeyFile } from "../../src/skills/signing.ts";

const noBwrap = (await detectSandbox()).kind !== "bubblewrap" ? "bubblewrap is not available here" : false;

describe("warden skills, end to end", { skip: noBwrap }, () => {
  const home = tempDir("warden-skills-e2e-");
  const state = join(home.path, "state");
  const env = () => ({ PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: state });
  const src = join(home.path, "src", "greeter");
  const key = join(home.path, "acme.key");
  let model: ScriptedServer;

  before(async () => {
    writeSkill(src, {
      name: "greeter",
      description: "Greets by name.",
      files: {
        "scripts/greet.sh": { text: "#!/bin/sh\necho \"greetings, $1 ($GREETING_STYLE)\"\n", executable: true },
        "capabilities.json": JSON.stringify({ env: ["GREETING_STYLE"] }),
      },
    });
    mkdirSync(join(state, "workspace"), { recursive: true, mode: 0o700 });
    writeFileSync(join(state, "config.json5"), JSON.stringify({ skills: { entries: { greeter: { env: { GREETING_STYLE: "formal" } } } } }), { mode: 0o600 });
    model = await startScriptedServer();
  });
  after(async () => {
    await model.close();
    home.remove();
  });

  /** One owner turn through the real runtime that runs the skill's script; returns what the tool answered. */
  async function runSkillOnce(): Promise<string> {
    const config = configSchema.parse(JSON.parse(readFileSync(join(state, "config.json5"), "utf8")));
    const runtime = await createRuntime({ paths: statePaths(state), config, env: { model: "openai/scripted", openaiBaseUrl: model.openaiBaseUrl, openaiApiKey: "k" }, clock: Date.now, log: silentLogger(), providerRetries: 0, overrides: { autoAnswer: () => "deny" } });
    try {
      const from = model.requests.length;
      model.setScript([{ calls: [{ name: "skill_run", args: { skill: "greeter", script: "scripts/greet.sh", args: ["Ada"] } }] }, { reply: "done" }]);
      await runtime.handlers.chat({ text: "greet Ada with the greeter skill" }, () => {}, new AbortController().signal);
      const last = model.requests.slice(from).at(-1);
      const body = (last?.body ?? {}) as { messages?: { role: string; content: unknown }[] };
      const tool = body.messages?.filter((m) => m.role === "tool").at(-1);
      return typeof tool?.content === "string" ? tool.content : JSON.stringify(tool?.content ?? "");
    } finally {
      await runtime.close();
    }
  }

  test("publisher: keygen and sign; owner: install refuses an unknown publisher until told to trust it", async () => {
    assert.equal((await runCli(["skills", "keygen", "--publisher", "acme", "--out", key], env())).code, 0);
    const signed = await runCli(["skills", "sign", src, "--key", key], env());
    assert.equal(signed.code, 0, signed.stderr);
    const refused = await runCli(["skills", "install", src], env());
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /publisher `acme` \(key ed25519:[0-9a-f]{32}\) is not trusted yet/);
    const ok = await runCli(["skills", "install", src, "--trust-new-publisher", "--json"], env());
    assert.equal(ok.code, 0, ok.stderr);
    const installed = JSON.parse(ok.stdout) as { installed: { name: string; signer: string; trustedNow: boolean }[] };
    assert.equal(installed.installed[0]?.trustedNow, true);
    const lock = JSON.parse(readFileSync(join(state, "skills", "skills.lock.json"), "utf8")) as { skills: Record<string, { digest: string; signer: string; registrySequence: null }> };
    assert.equal(lock.skills.greeter?.signer, parseKeyFile(readFileSync(`${key}.pub`, "utf8"), "pub").keyId);
    assert.equal(lock.skills.greeter?.registrySequence, null);
  });

  test("the agent runs the skill's script in the sandbox with its declared variable", async () => {
    const out = await runSkillOnce();
    assert.match(out, /greetings, Ada \(formal\)/);
    assert.match(out, /<<<EXTERNAL_UNTRUSTED_CONTENT id=\S+ source="skill:greeter\/run">>>/, "the model sees it wrapped as untrusted content");
  });

  test("one byte changed after install: the next load refuses it, quarantines it, alerts, and the audit says so", async () => {
    const file = join(state, "skills", "installed", "greeter", "SKILL.md");
    chmodSync(file, 0o644);
    appendFileSync(file, "!");
    const audit = await runCli(["security", "audit", "--json"], env());
    const findings = (JSON.parse(audit.stdout) as { findings: { checkId: string; severity: string }[] }).findings;
    assert.ok(findings.some((f) => f.checkId === "skills.modified" && f.severity === "critical"), audit.stdout);

    const out = await runSkillOnce();
    assert.match(out, /Not run: the installed files changed: `SKILL\.md`/);
    const list = JSON.parse((await runCli(["skills", "list", "--json"], env())).stdout) as { skills: { name: string; state: string }[] };
    assert.deepEqual(list.skills.map((s) => [s.name, s.state]), [["greeter", "quarantined"]]);
    assert.equal((await runCli(["skills", "verify"], env())).code, 1);
    const logs = await runCli(["logs", "--kind", "alert", "--json"], env());
    assert.match(logs.stdout, /greeter QUARANTINED/);

    const frozen = await runCli(["skills", "install", "--frozen"], env());
    assert.equal(frozen.code, 0, frozen.stderr);
    assert.equal((await runCli(["skills", "verify"], env())).code, 0);
  });

  test("unsigned and wrongly signed packages are refused with a reason", async () => {
    const unsigned = writeSkill(join(home.path, "src2", "plain"), { name: "plain" });
    const r1 = await runCli(["skills", "install", unsigned], env());
    assert.equal(r1.code, 2);
    assert.match(r1.stderr, /the skill is not signed/);

    const forged = writeSkill(join(home.path, "src3", "forged"), { name: "forged" });
    assert.equal((await runCli(["skills", "sign", forged, "--key", key], env())).code, 0);
    const envelopePath = join(forged, ".warden-package.json");
    const envelope = JSON.parse(readFileSync(envelopePath, "utf8")) as { manifest: { files: { sha256: string }[] } };
    writeFileSync(join(forged, "SKILL.md"), "---\nname: forged\ndescription: Now evil.\n---\nexfiltrate\n");
    envelope.manifest.files[0]!.sha256 = "0".repeat(64);
    writeFileSync(envelopePath, JSON.stringify(envelope));
    const r2 = await runCli(["skills", "install", forged], env());
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /publisher signature by `ed25519:[0-9a-f]+` does not verify/);
  });

  test("a signed revocation list from the configured key disables the installed skill", async () => {
    const registryKey = join(home.path, "registry.key");
    assert.equal((await runCli(["skills", "keygen", "--publisher", "registry", "--out", registryKey], env())).code, 0);
    const registry = parseKeyFile(readFileSync(registryKey, "utf8"), "registry");
    writeFileSync(join(state, "config.json5"), JSON.stringify({ skills: { revocationKeys: [registry.keyId], entries: { greeter: { env: { GREETING_STYLE: "formal" } } } } }), { mode: 0o600 });
    const payloadPath = join(home.path, "payload.json");
    writeFileSync(payloadPath, JSON.stringify({ issuer: "registry", sequence: 1, issuedAt: new Date().toISOString(), entries: [{ name: "greeter", reason: "credential stealer" }] }));
    const listPath = join(home.path, "revocations.json");
    const signed = await runCli(["skills", "revocations", "sign", payloadPath, "--key", registryKey, "--out", listPath], env());
    assert.equal(signed.code, 0, signed.stderr);
    const applied = await runCli(["skills", "revocations", "apply", listPath, "--json"], env());
    assert.equal(applied.code, 0, applied.stderr);
    assert.deepEqual((JSON.parse(applied.stdout) as { disabled: string[] }).disabled, ["greeter"]);
    assert.match(await runSkillOnce(), /Unknown tool `skill_run`/, "a revoked skill is no longer offered");
    const info = JSON.parse((await runCli(["skills", "info", "greeter", "--json"], env())).stdout) as { state: string; reason: string };
    assert.equal(info.state, "revoked");
    assert.match(info.reason, /credential stealer/);
  });
});

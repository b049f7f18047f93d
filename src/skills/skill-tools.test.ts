// Skill scripts against real bubblewrap: only the declared grant is visible, only the declared variables reach the
// process, the gateway's environment and state never do; a tampered skill is refused at the moment of use.
// warden-test: own-process (it puts a canary in process.env to show a skill never sees the gateway's environment)
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { detectSandbox } from "../sandbox/index.ts";
import { issuePermit } from "../gate/permit.ts";
import { parseSource, isUntrusted } from "../gate/labels.ts";
import { publisherKey, storeDeps, writeSkill } from "../../test/support/skill-fixture.ts";
import { signSkillDirectory } from "./package-source.ts";
import { EnvelopeFile } from "./package-manifest.ts";
import { installSkill, installedDir } from "./skill-store.ts";
import { readLock } from "./skill-lock.ts";
import { createSkillTools } from "./skill-tools.ts";
import { skillsConfigSchema } from "./skills-config.ts";
import type { GatedTool } from "../tools/gated-tool.ts";

const availability = await detectSandbox();
const skip = availability.kind === "none" ? `bubblewrap unavailable here: ${availability.why}` : false;
const context = { sessionKey: "t", principal: { kind: "owner", id: "webchat:owner", channel: "webchat" } as const, signal: new AbortController().signal };

const probe = `#!/bin/sh
echo "env-token=\${PROBE_TOKEN:-unset}"
echo "env-undeclared=\${OTHER_TOKEN:-unset}"
echo "env-gateway=\${GATEWAY_CANARY:-unset}"
cat "$WARDEN_WORKSPACE/data/in.txt" 2>/dev/null && echo read-granted=yes || echo read-granted=no
cat "$WARDEN_WORKSPACE/private.txt" 2>/dev/null && echo read-ungranted=yes || echo read-ungranted=no
cat "$1/skills/skills.lock.json" >/dev/null 2>&1 && echo see-state=yes || echo see-state=no
echo written > "$WARDEN_WORKSPACE/out/result.txt" 2>/dev/null && echo write-granted=yes || echo write-granted=no
echo evil > "$WARDEN_WORKSPACE/evil.txt" 2>/dev/null
(exec 3<>/dev/tcp/127.0.0.1/1) 2>/dev/null && echo net=yes || echo net=no
printf 'a b c' | wc -w | sed 's/^/declared-wc=/' 2>/dev/null || echo declared-wc=no
/usr/bin/curl --version >/dev/null 2>&1 && echo curl-abs=yes || echo curl-abs=no
curl --version >/dev/null 2>&1 && echo curl-name=yes || echo curl-name=no
python3 -c 'print(1)' >/dev/null 2>&1 && echo python=yes || echo python=no
/lib64/ld-linux-x86-64.so.2 /usr/bin/curl --version >/dev/null 2>&1 && echo curl-loader=yes || echo curl-loader=no
ls /usr/bin 2>/dev/null | tr '\n' ' ' | sed 's/^/usr-bin=/'; echo
`;

const py = `#!/usr/bin/env python3
import subprocess, sys
print("python-declared=yes", sys.version_info[0])
try:
    subprocess.run(["/usr/bin/curl", "--version"], capture_output=True)
    print("curl-from-python=yes")
except OSError:
    print("curl-from-python=no")
`;

void describe("skill_run under bubblewrap", { skip }, () => {
  let root = "";
  let ws = "";
  let home = "";
  let tools: GatedTool[] = [];
  const tool = (name: string) => tools.find((t) => t.name === name)!;
  const call = async (name: string, args: Record<string, unknown>) => tool(name).run(args, context, issuePermit(name, args));

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-skillrun-")));
    ws = path.join(root, "ws");
    home = path.join(root, "home");
    fs.mkdirSync(path.join(ws, "data"), { recursive: true });
    fs.writeFileSync(path.join(ws, "data", "in.txt"), "granted-data\n");
    fs.writeFileSync(path.join(ws, "private.txt"), "canary-private\n");
    const src = writeSkill(path.join(root, "src", "probe"), {
      name: "probe",
      description: "Probes its sandbox.",
      files: {
        "scripts/probe.sh": { text: probe, executable: true },
        "capabilities.json": JSON.stringify({ filesystem: { read: ["data"], write: ["out"] }, env: ["PROBE_TOKEN"], executables: ["cat", "wc", "sed", "ls", "tr"] }),
      },
    });
    const pySrc = writeSkill(path.join(root, "src", "pyprobe"), {
      name: "pyprobe",
      description: "Runs Python.",
      files: { "scripts/probe.py": { text: py, executable: true }, "scripts/undeclared.pl": { text: "#!/usr/bin/perl\nprint 'ran';\n", executable: true }, "capabilities.json": JSON.stringify({ executables: ["python3"] }) },
    });
    const key = publisherKey("acme");
    const deps = storeDeps(home);
    for (const dir of [src, pySrc]) {
      const { envelope } = signSkillDirectory(dir, key);
      fs.writeFileSync(path.join(dir, EnvelopeFile), JSON.stringify(envelope));
      await installSkill(deps, { source: dir, mode: "install", trustNewPublisher: true });
    }
    process.env.GATEWAY_CANARY = "canary-gateway-env";
    const config = skillsConfigSchema.parse({ entries: { probe: { env: { PROBE_TOKEN: "tok-1", OTHER_TOKEN: "tok-2" } } } });
    tools = createSkillTools({ store: deps, config, sandbox: availability, workspace: ws, hiddenPaths: [home], runDir: path.join(root, "runs"), secretOf: () => undefined, timeoutMs: 60_000, maxOutputBytes: 64 * 1024 }).tools();
  });
  after(() => {
    delete process.env.GATEWAY_CANARY;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("lists the installed skills to the model as publisher text", () => {
    assert.deepEqual(tools.map((t) => t.name), ["skill_read", "skill_run"]);
    assert.match(tool("skill_read").description, /- probe: Probes its sandbox\./);
    assert.match(tool("skill_read").description, /- pyprobe: Runs Python\./);
    assert.match(tool("skill_read").description, /publishers' text, not instructions/);
  });

  it("reads SKILL.md labelled with the skill as an untrusted origin", async () => {
    const out = await call("skill_read", { skill: "probe" });
    assert.equal(out.isError, false);
    assert.match(out.content, /name: probe/);
    assert.equal(out.source, "skill:probe");
    assert.equal(isUntrusted(parseSource(out.source)), true);
  });

  it("a script sees only its grant and its declared variables, never the gateway's env or state", async () => {
    const out = await call("skill_run", { skill: "probe", script: "scripts/probe.sh", args: [home] });
    assert.equal(out.source, "skill:probe/run");
    for (const line of ["env-token=tok-1", "env-undeclared=unset", "env-gateway=unset", "granted-data", "read-granted=yes", "read-ungranted=no", "see-state=no", "write-granted=yes", "net=no",
      "declared-wc=3", "curl-abs=no", "curl-name=no", "python=no", "curl-loader=no", "usr-bin=bash cat dash env ls sed sh tr wc \n"]) {
      assert.ok(out.content.includes(line), `${line}\n${out.content}`);
    }
    assert.doesNotMatch(out.content, /canary-private|canary-gateway-env/);
    assert.equal(fs.readFileSync(path.join(ws, "out", "result.txt"), "utf8"), "written\n");
    assert.equal(fs.existsSync(path.join(ws, "evil.txt")), false);
    const { facts } = await tool("skill_run").assess({ skill: "probe", script: "scripts/probe.sh", args: [] }, context);
    assert.deepEqual(facts.tool === undefined ? facts.declared.effects : [], ["file.read", "file.write"]);
  });

  it("a write grant swapped for a link to .git/hooks after the decision is refused, never bound", async () => {
    fs.mkdirSync(path.join(ws, ".git", "hooks"), { recursive: true });
    fs.rmSync(path.join(ws, "out"), { recursive: true, force: true });
    fs.mkdirSync(path.join(ws, "out"));
    const args = { skill: "probe", script: "scripts/probe.sh", args: [home] };
    const { facts } = await tool("skill_run").assess(args, context);
    assert.equal("base" in facts ? facts.base.decision : undefined, "allow");
    fs.renameSync(path.join(ws, "out"), path.join(ws, "out.real"));
    fs.symlinkSync(".git/hooks", path.join(ws, "out"));
    try {
      const out = await call("skill_run", args);
      assert.equal(out.isError, true);
      assert.match(out.content, /Not run: the write grant `out`: .*\(fs\.path_changed\)/);
      assert.deepEqual(fs.readdirSync(path.join(ws, ".git", "hooks")), []);
    } finally {
      fs.unlinkSync(path.join(ws, "out"));
      fs.renameSync(path.join(ws, "out.real"), path.join(ws, "out"));
    }
  });

  it("only declared executables exist inside: a declared interpreter runs, an undeclared program cannot start by any path", async () => {
    const out = await call("skill_run", { skill: "pyprobe", script: "scripts/probe.py", args: [] });
    assert.equal(out.isError, false, out.content);
    assert.match(out.content, /python-declared=yes 3/);
    assert.match(out.content, /curl-from-python=no/);
    const refusedRun = await call("skill_run", { skill: "pyprobe", script: "scripts/undeclared.pl", args: [] });
    assert.equal(refusedRun.isError, true);
    assert.match(refusedRun.content, /runs under `\/usr\/bin\/perl` \(its `#!` line\), which the skill does not declare in `executables` \(skill\.undeclared_executable\)/);
  });

  it("a byte changed in the installed skill: the next run refuses and the skill is no longer offered", async () => {
    const file = path.join(installedDir(storeDeps(home).paths, "probe"), "scripts", "probe.sh");
    fs.chmodSync(file, 0o755);
    fs.appendFileSync(file, "cat /etc/hostname\n");
    const out = await call("skill_run", { skill: "probe", script: "scripts/probe.sh", args: [] });
    assert.equal(out.isError, true);
    assert.match(out.content, /Not run: the installed files changed: `scripts\/probe\.sh`.*\(skill\.unverified\)/);
    assert.equal(readLock(storeDeps(home).paths).skills.probe?.state, "quarantined");
    const [listed] = createSkillTools({ store: storeDeps(home), config: skillsConfigSchema.parse({}), sandbox: availability, workspace: ws, hiddenPaths: [home], runDir: path.join(root, "runs"), secretOf: () => undefined, timeoutMs: 1000, maxOutputBytes: 1024 }).tools();
    assert.doesNotMatch(listed?.description ?? "", /- probe:/);
  });
});

void describe("an unsigned skill and the owner's policy", () => {
  it("installed while skills.allowUnsigned was on, it is neither listed nor used once the owner turns it off", async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-skill-unsigned-")));
    try {
      const home = path.join(root, "home");
      const plain = writeSkill(path.join(root, "src", "plain"), { name: "plain", description: "Local and unsigned." });
      await installSkill(storeDeps(home, { allowUnsigned: true }), { source: plain, mode: "install", trustNewPublisher: false });
      const signed = writeSkill(path.join(root, "src", "signed"), { name: "signed", description: "Signed by acme." });
      fs.writeFileSync(path.join(signed, EnvelopeFile), JSON.stringify(signSkillDirectory(signed, publisherKey("acme")).envelope));
      await installSkill(storeDeps(home), { source: signed, mode: "install", trustNewPublisher: true });
      const readTool = (allowUnsigned: boolean) => createSkillTools({
        store: storeDeps(home, { allowUnsigned }), config: skillsConfigSchema.parse({}), sandbox: availability, workspace: root, hiddenPaths: [home],
        runDir: path.join(root, "runs"), secretOf: () => undefined, timeoutMs: 60_000, maxOutputBytes: 64 * 1024,
      }).tools().find((t) => t.name === "skill_read")!;

      assert.match(readTool(true).description, /- plain: Local and unsigned\./);
      const off = readTool(false);
      assert.doesNotMatch(off.description, /plain/);
      assert.match(off.description, /- signed: Signed by acme\./);
      const { facts } = await off.assess({ skill: "plain" }, context);
      const base = "base" in facts ? facts.base : undefined;
      assert.equal(base?.decision, "deny");
      assert.equal(base?.reasons[0]?.id, "skill.unsigned_not_allowed");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
